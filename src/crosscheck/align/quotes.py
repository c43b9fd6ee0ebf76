"""Quote discrepancies: the same quote in different words across sources.

Direct quotes are grouped by speaker (unified across the story) and by text
(fuzzy partial match). Within a group, the version most independent sources
carry is the reference; every other version is reported with a word-level
diff against it: words added, dropped or changed. Case, punctuation, quote-mark
style, British/American spelling and an article dropped or added are not
alterations; nor is a version cut shorter or quoted further than another; a version differing
only by a reported-speech shift (will/would) or in most of its words (likely a
different translation) is reported with that explanation. A sentence only one
outlet quotes is single-source material, not a discrepancy.
"""

from __future__ import annotations

import difflib
import re

from rapidfuzz import fuzz

from ..clean.sections import terms
from ..lexicon import QUOTE_FILLER_WORDS, REPORTED_SPEECH_SHIFTS, SPELLING_VARIANTS
from ..model import Article, Discrepancy, DiscrepancyKind, DiscrepancySide, Evidence, Quote, Span, Story
from ..provenance import passage_group
from ..text import plain_words, shorten

NEAR = 300  # characters either side of a quote where its outlet may give the rest of the remark in its own words
JOIN_GAP = 80  # characters between two quotes of one speaker that still make one remark ('," the mayor said. "')
MATCH = 72  # rapidfuzz partial_ratio for two quotes to be versions of one
MIN_WORDS = 4
TRANSLATION_RATIO = 60  # rapidfuzz ratio below which two versions of one remark read as two renderings, not one edited


def _spelling(word: str) -> str:
    for pat, rep in SPELLING_VARIANTS:
        word = re.sub(pat, rep, word)
    return word


def _squash(s: str) -> str:
    """A quote's words only: no case, punctuation, quote-mark style, British/American spelling or article differences."""
    return "".join(_spelling(w) for w in plain_words(s).split() if w not in QUOTE_FILLER_WORDS)


def excerpt(part: str, whole: str) -> bool:
    """Every sentence of ``part`` is in ``whole`` word for word: the same remark cut shorter (or its sentences taken
    in another order), not an altered one."""
    big = _squash(whole)
    pieces = [_squash(x) for x in re.split(r"(?<=[.!?…])\s+|…", part)]
    return all(p in big for p in pieces if p) and any(pieces)


def _words(text: str) -> list[tuple[str, str]]:
    """(word as plain_words gives it, the punctuation after it)."""
    t = text.lower().replace("’", "'").replace("‘", "'")
    return re.findall(r"([\w']+)([^\w\s']*)", t)


def _quoted_further(ref: list, longer: str) -> bool:  # noqa: ANN001
    """The longer version only quotes more of the remark than the reference's outlets do, which is no alteration:

    - the reference's quote is cut off by the end of its text (a page opening ends mid-quote);
    - the longer version goes on after the reference's last word with new sentences only ('... March 13. The FDIC
      will pay ...'), not more words in the reference's last sentence ('... in the Kursk region and still fighting');
    - the content words it adds are given by each reference outlet next to its quote, as narration or a partial quote
      ('"historic day" for the sector. "Congratulations ..."'), not left out.
    """
    if any(not a.text[q.end :].strip(" \"'“”‘’\n") for a, q, _s in ref):
        return True
    short = [w for w, _p in _words(ref[0][1].text) if w not in QUOTE_FILLER_WORDS]
    long_ = [(w, p) for w, p in _words(longer) if w not in QUOTE_FILLER_WORDS]
    ops = difflib.SequenceMatcher(a=short, b=[w for w, _p in long_], autojunk=False).get_opcodes()
    added = [(j1, j2) for op, _i1, _i2, j1, j2 in ops if op in ("insert", "replace")]
    if not added:
        return True
    if len(added) == 1 and added[0][1] == len(long_) and added[0][0] > 0 and re.search(r"[.!?…]", long_[added[0][0] - 1][1]):
        return True
    extra = set(terms(" ".join(w for j1, j2 in added for w, _p in long_[j1:j2])))
    near = [set(terms(a.text[max(0, q.start - NEAR) : q.end + NEAR])) for a, q, _s in ref]
    return bool(extra) and all(len(extra & words) >= 0.8 * len(extra) for words in near)


def explain(reference: str, variant: str) -> str | None:
    """Why two versions of one remark may both be faithful: a reported-speech shift, or different translations."""
    a, b = plain_words(reference).split(), plain_words(variant).split()
    ops = [op for op in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes() if op[0] != "equal"]
    if ops and all(op == "replace" and i2 - i1 == 1 and j2 - j1 == 1 and frozenset({a[i1], b[j1]}) in REPORTED_SPEECH_SHIFTS for op, i1, i2, j1, j2 in ops):
        return "only a reported-speech shift (" + ", ".join(f"{a[i1]}/{b[j1]}" for _op, i1, _i2, j1, _j2 in ops) + ")"
    if fuzz.ratio(" ".join(a), " ".join(b)) < TRANSLATION_RATIO:
        return "the versions share few words: likely different translations or paraphrases of one remark"
    return None


def word_diff(reference: str, variant: str) -> str:
    """Word-level diff: [-dropped-] {+added+}, unchanged words as they are."""
    a, b = reference.split(), variant.split()
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=[plain_words(w) for w in a], b=[plain_words(w) for w in b], autojunk=False).get_opcodes():
        if op == "equal":
            out.append(" ".join(b[j1:j2]))
        if op in ("delete", "replace"):
            out.append("[-" + " ".join(a[i1:i2]) + "-]")
        if op in ("insert", "replace"):
            out.append("{+" + " ".join(b[j1:j2]) + "+}")
    return " ".join(x for x in out if x)


def _speaker_key(name: str | None, story: Story) -> str | None:
    from .claims import origin_key

    return origin_key(name, story)


def remarks(article: Article, story: Story) -> list[tuple[Quote, str]]:
    """An article's direct quotes with their speakers' keys, consecutive quotes of one speaker joined into one remark.

    '"The bridge folded," the mayor said. "Nobody was on it."' is one remark cut by its attribution (the speaker is
    named between the two quotes, nothing else is said there): compared
    whole, another outlet's version of it is one discrepancy, not two. The joined remark's span runs from the first
    quote to the last (the attribution between them included); its text is the quoted words only.
    """
    out: list[tuple[Quote, str]] = []
    text = article.text
    for q in sorted((q for q in article.quotes if q.direct and q.speaker and not q.in_headline), key=lambda q: q.start):
        key = _speaker_key(q.speaker, story) or q.speaker
        if out:
            prev, pkey = out[-1]
            between = text[prev.end : q.start]
            # only the attribution between them ('," the mayor said. "'), not words of the outlet's own
            named = any(sp is not None and prev.end <= sp.start and sp.end <= q.start for sp in (prev.speaker_span, q.speaker_span))
            if pkey == key and named and q.start >= prev.end and len(between) <= JOIN_GAP and "\n" not in between:
                out[-1] = (prev.model_copy(update={"text": f"{prev.text.strip()} {q.text.strip()}", "end": q.end}), key)
                continue
        out.append((q, key))
    return [(q, key) for q, key in out if len(q.text.split()) >= MIN_WORDS]


def _evidence(a: Article, q: Quote, speaker: str) -> Evidence:
    return Evidence(article_id=a.id, span=Span(start=q.start, end=q.end, text=a.text[q.start : q.end]), attributed_to=speaker)


def quote_discrepancies(story: Story, articles: dict[str, Article]) -> list[Discrepancy]:
    quotes: list[tuple[Article, Quote, str]] = []
    for aid in story.article_ids:
        quotes += [(articles[aid], q, key) for q, key in remarks(articles[aid], story)]
    # group versions: same speaker, fuzzy match of text
    groups: list[list[tuple[Article, Quote, str]]] = []
    for item in quotes:
        for g in groups:
            if g[0][2] == item[2] and any(fuzz.partial_ratio(plain_words(x[1].text), plain_words(item[1].text)) >= MATCH for x in g):
                g.append(item)
                break
        else:
            groups.append([item])
    out = []
    for g in groups:
        if len({a.id for a, _q, _s in g}) < 2:
            continue
        # versions by squashed text ("time frame" = "timeframe")
        versions: dict[str, list[tuple[Article, Quote, str]]] = {}
        for item in g:
            versions.setdefault(_squash(item[1].text), []).append(item)
        if len(versions) < 2:
            continue
        def weight(key: str) -> tuple[int, int, int]:
            vs = versions[key]
            return (len({passage_group(story, a.id, q.start, q.end) for a, q, _s in vs}), len({a.id for a, _q, _s in vs}), -len(key))

        ref_key = max(versions, key=weight)
        ref = versions[ref_key]
        # a version inside the reference, or the reference inside it, is the same words cut shorter or quoted further
        ref_text0 = ref[0][1].text
        altered = []
        for key, vs in versions.items():
            vt0 = vs[0][1].text
            if key == ref_key or excerpt(vt0, ref_text0):
                continue  # the reference's words cut shorter (or its sentences in another order)
            if not excerpt(ref_text0, vt0):
                altered.append((key, vs, "changes"))
            # a longer version adds words unless it only quotes further; the reference's sentences found apart or in
            # another order in it are two selections of the remark, no addition
            elif ref_key in key and not _quoted_further(ref, vt0):
                altered.append((key, vs, "adds words to"))
        if not altered:
            continue
        speaker = g[0][2]
        ref_text = ref[0][1].text.strip(" ,.")
        sides = [
            DiscrepancySide(
                article_ids=sorted({a.id for a, _q, _s in ref}),
                value=ref_text,
                evidence=[_evidence(a, q, speaker) for a, q, _s in ref],
            )
        ]
        diffs = []
        notes = []
        for _key, vs, extra in altered:
            vt = vs[0][1].text.strip(" ,.")
            notes.append(explain(ref_text, vt) if extra == "changes" else None)
            sides.append(
                DiscrepancySide(
                    article_ids=sorted({a.id for a, _q, _s in vs}),
                    value=vt,
                    evidence=[_evidence(a, q, speaker) for a, q, _s in vs],
                )
            )
            diffs.append(f"{', '.join(sorted({a.id for a, _q, _s in vs}))}: {word_diff(ref_text, vt)}")
        out.append(
            Discrepancy(
                kind=DiscrepancyKind.quote,
                summary=f"{speaker} quoted differently: " + " vs ".join(f'"{shorten(s.value, 120)}" ({", ".join(s.article_ids)})' for s in sides),
                sides=sides,
                diff="\n".join(diffs),
                explanation="; ".join(n for n in notes if n) if all(notes) else None,
            )
        )
    return out
