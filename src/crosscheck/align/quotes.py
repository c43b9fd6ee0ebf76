"""Quote discrepancies: the same quote in different words across sources.

Direct quotes are grouped by speaker (unified across the story) and by text
(fuzzy partial match). Within a group, the version most independent sources
carry is the reference; every other version is reported with a word-level
diff against it: words added, dropped or changed. Case, punctuation, quote-mark
style and British/American spelling are not alterations; a version differing
only by a reported-speech shift (will/would) or in most of its words (likely a
different translation) is reported with that explanation. A sentence only one
outlet quotes is single-source material, not a discrepancy.
"""

from __future__ import annotations

import difflib
import re

from rapidfuzz import fuzz

from ..lexicon import REPORTED_SPEECH_SHIFTS, SPELLING_VARIANTS
from ..model import Article, Discrepancy, DiscrepancyKind, DiscrepancySide, Evidence, Quote, Span, Story
from ..provenance import passage_group

MATCH = 72  # rapidfuzz partial_ratio for two quotes to be versions of one
MIN_WORDS = 4
TRANSLATION_RATIO = 60  # rapidfuzz ratio below which two versions of one remark read as two renderings, not one edited


def _norm(s: str) -> str:
    s = s.lower().replace("’", "'").replace("‘", "'")
    return " ".join(re.findall(r"[\w']+", s))


def _spelling(word: str) -> str:
    for pat, rep in SPELLING_VARIANTS:
        word = re.sub(pat, rep, word)
    return word


def _squash(s: str) -> str:
    """A quote's words only: no case, punctuation, quote-mark style or British/American spelling differences."""
    return "".join(_spelling(w) for w in _norm(s).split())


def explain(reference: str, variant: str) -> str | None:
    """Why two versions of one remark may both be faithful: a reported-speech shift, or different translations."""
    a, b = _norm(reference).split(), _norm(variant).split()
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
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=[_norm(w) for w in a], b=[_norm(w) for w in b], autojunk=False).get_opcodes():
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


def quote_discrepancies(story: Story, articles: dict[str, Article]) -> list[Discrepancy]:
    quotes: list[tuple[Article, Quote, str]] = []
    for aid in story.article_ids:
        for q in articles[aid].quotes:
            if q.direct and q.speaker and len(q.text.split()) >= MIN_WORDS:
                quotes.append((articles[aid], q, _speaker_key(q.speaker, story) or q.speaker))
    # group versions: same speaker, fuzzy match of text
    groups: list[list[tuple[Article, Quote, str]]] = []
    for item in quotes:
        for g in groups:
            if g[0][2] == item[2] and any(fuzz.partial_ratio(_norm(x[1].text), _norm(item[1].text)) >= MATCH for x in g):
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
        # versions contained in the reference (a shorter excerpt) are not alterations
        def weight(key: str) -> tuple[int, int, int]:
            vs = versions[key]
            return (len({passage_group(story, a.id, q.start, q.end) for a, q, _s in vs}), len({a.id for a, _q, _s in vs}), -len(key))

        ref_key = max(versions, key=weight)
        ref = versions[ref_key]
        altered = []
        for key, vs in versions.items():
            if key == ref_key or key in ref_key:
                continue
            if ref_key in key:
                extra = "adds words to"
            else:
                extra = "changes"
            altered.append((key, vs, extra))
        if not altered:
            continue
        speaker = g[0][2]
        ref_text = ref[0][1].text.strip(" ,.")
        sides = [
            DiscrepancySide(
                article_ids=sorted({a.id for a, _q, _s in ref}),
                value=ref_text,
                evidence=[Evidence(article_id=a.id, span=Span(start=q.start, end=q.end, text=q.text), attributed_to=speaker) for a, q, _s in ref],
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
                    evidence=[Evidence(article_id=a.id, span=Span(start=q.start, end=q.end, text=q.text), attributed_to=speaker) for a, q, _s in vs],
                )
            )
            diffs.append(f"{', '.join(sorted({a.id for a, _q, _s in vs}))}: {word_diff(ref_text, vt)}")
        out.append(
            Discrepancy(
                kind=DiscrepancyKind.quote,
                summary=f"{speaker} quoted differently: " + "; ".join(
                    f"{', '.join(s.article_ids)} {e} the version of {', '.join(sides[0].article_ids)}" for s, (_k, _v, e) in zip(sides[1:], altered)
                ),
                sides=sides,
                diff="\n".join(diffs),
                explanation="; ".join(n for n in notes if n) if all(notes) else None,
            )
        )
    return out
