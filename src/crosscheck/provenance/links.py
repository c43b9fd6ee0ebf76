"""Compare two articles and say how one derives from the other: a :class:`ReuseLink`.

Kinds, from most to least textual reuse:

- ``verbatim``: long passages word for word, same sentences;
- ``near_verbatim``: the same sentences with small edits, or with words swapped for synonyms
  (a "spun" copy): an in-order chain of twin sentences (:func:`.passages.twins`);
- ``quotes_wire``: a few whole paragraphs copied into an otherwise own article
  (a liveblog carrying wire paragraphs);
- ``paraphrase``: a rewrite: several restated sentences, in the same order, carrying the
  same specifics (names, figures, quoted words) — never topical similarity alone;
- ``independent``: none of these.

Words inside quotation marks count as reuse only inside a copied run that also carries the
sentence around the quote: independent reporters quote the same speaker word for word.
All thresholds are in :class:`~.settings.ProvenanceSettings`.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from ..clean.boilerplate import AGENCIES
from ..clean.sections import is_liveblog
from ..extract.sentences import sentence_spans
from ..model import Article, ReuseKind, ReuseLink, SharedPassage, Span
from ..text import Regions, Token, quoted_regions, tokens
from .passages import Twin, longest_increasing, tile, twins
from .settings import DEFAULT, ProvenanceSettings
from .specifics import quote_keys, sentence_specifics


@dataclass
class Prepared:
    """An article ready for comparison: on-topic words, sentences, quoted regions, specifics in order."""

    article: Article
    tokens: list[Token]
    sentences: list[tuple[int, int]]
    quoted: list[tuple[int, int]]
    unquoted_words: int
    quoted_tokens: list[bool] = field(default_factory=list)  # per token: inside a quotation
    prose: list[bool] = field(default_factory=list)  # per token: inside a paragraph with a sentence end
    prose_words: int = 0
    sentence_words: list[list[str]] = field(default_factory=list)  # unquoted words of each sentence
    specifics: list[tuple[str, int]] = field(default_factory=list)  # (specific, sentence index), first mentions in order
    sentence_specifics: list[set[str]] = field(default_factory=list)  # every specific of each sentence

    @property
    def id(self) -> str:
        return self.article.id

    def sentence_text(self, k: int) -> str:
        a, b = self.sentences[k]
        return self.article.text[a:b]


# a paragraph of prose has a sentence end (a closing quote or bracket may follow) somewhere, even when its
# lines are hard-wrapped or it is cut mid-word; headlines and link lists left in the text have none, and
# are not counted in a copy's coverage
_PARAGRAPH = re.compile(r"\S(?:.|\n(?!\s*\n))*")
_PROSE_END = re.compile(r"[.!?][\"”’')\]]*(?:\s|$)")


def prepare(article: Article) -> Prepared:
    text = article.text
    spans = article.on_topic_spans()
    on = lambda s, e: any(a <= s and e <= b for a, b in spans)  # noqa: E731
    toks = [t for t in tokens(text) if on(t.start, t.end)]
    # the article's one segmentation (Article.sentences)
    sents = [(s, e) for s, e in sentence_spans(article) if on(s, e) and len(text[s:e].split()) >= 3]
    quoted = quoted_regions(text)
    in_quote = Regions(quoted)
    p = Prepared(article, toks, sents, quoted, 0)
    p.quoted_tokens = [in_quote.holds(t.start, t.end) for t in toks]
    p.unquoted_words = p.quoted_tokens.count(False)
    starts = [s for s, _e in sents]
    words: list[list[str]] = [[] for _ in sents]
    sent_toks: list[list[Token]] = [[] for _ in sents]
    for t, q in zip(toks, p.quoted_tokens):
        k = bisect.bisect_right(starts, t.start) - 1
        if k >= 0 and t.start < sents[k][1]:
            sent_toks[k].append(t)
            if not q:
                words[k].append(t.norm)
    p.sentence_words = words
    prose = Regions([(m.start(), m.end()) for m in _PARAGRAPH.finditer(text) if _PROSE_END.search(m.group())])
    p.prose = [prose.holds(t.start, t.end) for t in toks]
    p.prose_words = sum(p.prose)
    seen: set[str] = set()
    keys = quote_keys(toks, quoted)
    for k in range(len(sents)):
        found = sentence_specifics(text, sent_toks[k], quoted, keys)
        p.sentence_specifics.append(set(found))
        for x in found:
            if x not in seen:
                seen.add(x)
                p.specifics.append((x, k))
    return p


@dataclass
class PairFeatures:
    tiles: list
    copied_words: int  # words inside exact tiles (quoted words only inside a tile with its attribution frame)
    coverage: float  # copied words / words of the shorter text, both counted in prose sentences only
    coverage_a: float
    coverage_b: float
    twins: list[Twin]  # in-order twin sentences (edited or synonym-spun copies)
    twin_share: float  # twins / comparable sentences of the shorter text
    exact_share: float  # share of twins that are identical
    shared_in_order: list[tuple[str, int, int]] = field(default_factory=list)  # (specific, sentence in A, in B)
    order_share: float = 0.0  # len(shared_in_order) / specifics of the article with fewer
    restated: list[tuple[int, int, list[str]]] = field(default_factory=list)  # sentence pairs carrying >= 2 of them
    same_wire: bool = False
    marked_quote: bool = False  # one side is a liveblog or credits the copied paragraphs inline


def shared_specifics(pa: Prepared, pb: Prepared) -> list[tuple[str, int, int]]:
    """The specifics both articles carry, in an order both follow: (specific, sentence in A, sentence in B)."""
    where_b = {x: (n, k) for n, (x, k) in enumerate(pb.specifics)}
    common = [(x, k) for x, k in pa.specifics if x in where_b]
    keep = longest_increasing([where_b[x][0] for x, _k in common])
    return [(common[i][0], common[i][1], where_b[common[i][0]][1]) for i in keep]


def _copied(pa: Prepared, tiles: list, s: ProvenanceSettings) -> tuple[int, int]:
    """Words of A in copied runs, and those of them in prose (quoted words only in a run with its frame)."""
    n = n_prose = 0
    for t in tiles:
        quoted = pa.quoted_tokens[t.i : t.i + t.length]
        framed = t.length - sum(quoted) >= s.quote_frame_words
        for k, q in enumerate(quoted):
            if framed or not q:
                n += 1
                n_prose += pa.prose[t.i + k]
    return n, n_prose


def features(pa: Prepared, pb: Prepared, settings: ProvenanceSettings = DEFAULT) -> PairFeatures:
    s = settings
    tiles = tile(pa.tokens, pb.tokens, s.min_tile)
    copied, copied_prose = _copied(pa, tiles, s)
    short = max(1, min(pa.prose_words, pb.prose_words))
    tw, comparable = twins(pa.sentence_words, pb.sentence_words, s.twin_similarity, s.twin_min_words)
    shared = shared_specifics(pa, pb)
    fewer = max(1, min(len(pa.specifics), len(pb.specifics)))
    by_pair: dict[tuple[int, int], list[str]] = {}
    for x, i, j in shared:
        by_pair.setdefault((i, j), []).append(x)
    ca, cb = pa.article.credit, pb.article.credit
    return PairFeatures(
        tiles=tiles,
        copied_words=copied,
        coverage=min(1.0, copied_prose / short),
        coverage_a=min(1.0, copied_prose / max(1, pa.prose_words)),
        coverage_b=min(1.0, copied_prose / max(1, pb.prose_words)),
        twins=tw,
        twin_share=len(tw) / comparable if comparable else 0.0,
        exact_share=(sum(1 for t in tw if t.similarity >= 0.97) / len(tw)) if tw else 0.0,
        shared_in_order=shared,
        order_share=len(shared) / fewer,
        restated=[(i, j, xs) for (i, j), xs in sorted(by_pair.items()) if len(xs) >= 2],
        same_wire=bool(ca and ca == cb),
        marked_quote=_marks_quote(pa, pb, tiles, "a") or _marks_quote(pb, pa, tiles, "b"),
    )


_INLINE_CREDIT = re.compile(r"\((?:" + "|".join(re.escape(k) for k in AGENCIES) + r")\)\s*$", re.I)


def _marks_quote(copier: Prepared, source: Prepared, tiles: list, side: str) -> bool:
    """True when ``copier`` is a liveblog, or a paragraph holding copied text ends with an inline agency credit."""
    if not tiles:
        return False
    if is_liveblog(copier.article.sections) and not is_liveblog(source.article.sections):
        return True
    text = copier.article.text
    for t in tiles:
        tok = copier.tokens[t.i if side == "a" else t.j]
        end = text.find("\n\n", tok.start)
        para = text[tok.start : end if end >= 0 else len(text)]
        if _INLINE_CREDIT.search(para) and not source.article.text.rstrip().endswith(para.rstrip()[-20:]):
            return True
    return False


def is_copy(f: PairFeatures, s: ProvenanceSettings = DEFAULT) -> bool:
    """Mostly the same text: long exact runs, or an in-order chain of edited / synonym-spun twin sentences."""
    return f.coverage >= s.copy_coverage or (len(f.twins) >= s.copy_twins and f.twin_share >= s.copy_twin_share)


def is_rewrite(f: PairFeatures, s: ProvenanceSettings = DEFAULT) -> bool:
    """Several restated sentences in order carrying the same specifics, and most of the specifics of one of them."""
    return (
        len(f.shared_in_order) >= s.para_min_shared
        and f.order_share >= s.para_order
        and len(f.restated) >= s.para_min_sentences
    )


def classify(f: PairFeatures, settings: ProvenanceSettings = DEFAULT) -> tuple[ReuseKind, float]:
    """The kind of reuse and a 0..1 score for it."""
    s = settings
    if f.marked_quote and f.copied_words >= s.quotes_wire_words:
        # the copier marks the copied paragraphs "(Reuters)" or is a liveblog: it quotes the wire, it is not a re-run
        return ReuseKind.quotes_wire, round(f.coverage, 3)
    if f.coverage >= s.verbatim_coverage and f.exact_share >= s.verbatim_exact:
        return ReuseKind.verbatim, round(f.coverage, 3)
    if is_copy(f, s):
        return ReuseKind.near_verbatim, round(max(f.coverage, f.twin_share), 3)
    edited = f.copied_words + 10 * sum(1 for t in f.twins if t.similarity < 0.97)
    if f.same_wire and edited >= s.same_wire_words:
        # both credit the same wire and share its sentences: one re-runs the other, edited
        return ReuseKind.near_verbatim, round(max(f.coverage, f.twin_share), 3)
    if f.copied_words >= s.quotes_wire_words:
        return ReuseKind.quotes_wire, round(f.coverage, 3)
    if is_rewrite(f, s):
        return ReuseKind.paraphrase, round(min(1.0, f.order_share), 3)
    return ReuseKind.independent, round(max(f.coverage, f.twin_share, f.order_share if f.restated else 0.0), 3)


def _specifics_overlap(pa: Prepared, pb: Prepared, i: int, j: int) -> float:
    x, y = pa.sentence_specifics[i], pb.sentence_specifics[j]
    return round(len(x & y) / max(1, min(len(x), len(y))), 3)


def _span(p: Prepared, k: int) -> Span:
    a, b = p.sentences[k]
    return Span(start=a, end=b, text=p.article.text[a:b])


def _between(pa: Prepared, pb: Prepared, f: PairFeatures, s: ProvenanceSettings) -> list[Twin]:
    """In a rewrite, the sentences between two restated pairs that restate each other too (words in order)."""
    anchors = [(-1, -1)] + [(i, j) for i, j, _xs in f.restated] + [(len(pa.sentences), len(pb.sentences))]
    out: list[Twin] = []
    for (i0, j0), (i1, j1) in zip(anchors, anchors[1:]):
        if i1 - i0 > 1 and j1 - j0 > 1:
            found, _n = twins(pa.sentence_words[i0 + 1 : i1], pb.sentence_words[j0 + 1 : j1], s.restated_similarity, s.twin_min_words)
            out += [Twin(i0 + 1 + t.a, j0 + 1 + t.b, t.similarity) for t in found]
    return out


def passages(
    pa: Prepared, pb: Prepared, f: PairFeatures, kind: ReuseKind | None = None, settings: ProvenanceSettings = DEFAULT
) -> list[SharedPassage]:
    """The evidence of a link, with offsets in both texts.

    Exact tiles, then twin sentences not already tiled (similarity: share of words in order); for a
    paraphrase, the restated sentence pairs (each carrying at least two of the shared specifics, listed),
    and the sentences
    between them that restate each other (evidence only: the decision rests on the specifics).
    """
    if kind == ReuseKind.paraphrase:
        # similarity of a restated pair: the share of its specifics the two sentences both carry; twin sentences
        # (most words in order) are restatements too, with or without specifics
        out = [
            SharedPassage(a=_span(pa, i), b=_span(pb, j), similarity=_specifics_overlap(pa, pb, i, j), shared=xs)
            for i, j, xs in f.restated
        ]
        paired = {(i, j) for i, j, _xs in f.restated}
        for t in _between(pa, pb, f, settings):
            if (t.a, t.b) not in paired:
                out.append(SharedPassage(a=_span(pa, t.a), b=_span(pb, t.b), similarity=round(t.similarity, 3)))
        return sorted(out, key=lambda s: s.a.start)
    ta, tb = pa.article.text, pb.article.text
    out = []
    covered_a: list[tuple[int, int]] = []
    for t in f.tiles:
        a0, a1 = pa.tokens[t.i].start, pa.tokens[t.i + t.length - 1].end
        b0, b1 = pb.tokens[t.j].start, pb.tokens[t.j + t.length - 1].end
        out.append(SharedPassage(a=Span(start=a0, end=a1, text=ta[a0:a1]), b=Span(start=b0, end=b1, text=tb[b0:b1]), similarity=1.0))
        covered_a.append((a0, a1))
    for t in f.twins:
        a0, a1 = pa.sentences[t.a]
        if t.similarity >= 0.999 or any(x <= a0 and a1 <= y for x, y in covered_a):
            continue
        out.append(SharedPassage(a=_span(pa, t.a), b=_span(pb, t.b), similarity=round(min(1.0, max(0.0, t.similarity)), 3)))
    return sorted(out, key=lambda s: s.a.start)


def compare(pa: Prepared, pb: Prepared, settings: ProvenanceSettings = DEFAULT) -> tuple[ReuseLink, PairFeatures]:
    """The reuse link between two prepared articles (passages only for related pairs), and the features behind it."""
    f = features(pa, pb, settings)
    kind, score = classify(f, settings)
    related = kind != ReuseKind.independent
    return ReuseLink(a=pa.id, b=pb.id, kind=kind, score=score, passages=passages(pa, pb, f, kind, settings) if related else []), f
