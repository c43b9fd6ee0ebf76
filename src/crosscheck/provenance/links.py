"""Compare two articles and say how one derives from the other: a :class:`ReuseLink`.

Kinds, from most to least textual reuse:

- ``verbatim``: long passages word for word, same sentences;
- ``near_verbatim``: the same sentences with small edits;
- ``quotes_wire``: a few whole paragraphs copied into an otherwise own article
  (a liveblog carrying wire paragraphs);
- ``paraphrase``: the same facts in the same order, mostly reworded (sentence
  embeddings, or a lexical fallback);
- ``independent``: none of these.

Words inside quotation marks do not count as reuse: independent reporters
quote the same speaker word for word.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

import re

from ..clean.boilerplate import AGENCIES
from ..clean.sections import is_liveblog, terms
from ..model import Article, ReuseKind, ReuseLink, SharedPassage, Span
from ..text import Token, inside, quoted_regions, sentence_spans, tokens
from .passages import near_sentences, tile

MIN_TILE = 8  # words in a shared run before it counts as copied
VERBATIM_COVERAGE = 0.5  # share of the shorter text in exact tiles
VERBATIM_EXACT = 0.9  # share of matched sentences that are identical
NEAR_COVERAGE = 0.2
NEAR_SENTENCES = 0.3  # share of the shorter text's sentences with a near-identical twin
QUOTES_WIRE_WORDS = 30  # unquoted words copied, at least, for a partial re-use
SAME_WIRE_WORDS = 40  # copied words that make a re-run when both articles carry the same wire credit
# a sentence is restated in the other text when their similarity passes (measured on tests/fixtures/provenance
# and tests/eval: see bench/RESULTS.md); a rewrite restates an in-order chain of at least PARA_CHAIN of them
PARA_SIM_MINILM = 0.60
PARA_SIM_STATIC = 0.75
PARA_LEXICAL = 0.15
PARA_CHAIN = {"minilm": 0.5, "static": 0.45, None: 0.45}


@dataclass
class Prepared:
    """An article ready for comparison: on-topic words, sentences, quoted regions, embeddings."""

    article: Article
    tokens: list[Token]
    sentences: list[tuple[int, int]]
    quoted: list[tuple[int, int]]
    unquoted_words: int
    sentence_terms: list[set[str]] = field(default_factory=list)
    vectors: np.ndarray | None = None

    @property
    def id(self) -> str:
        return self.article.id

    def sentence_text(self, k: int) -> str:
        a, b = self.sentences[k]
        return self.article.text[a:b]


def prepare(article: Article) -> Prepared:
    text = article.text
    spans = article.on_topic_spans()
    on = lambda s, e: any(a <= s and e <= b for a, b in spans)  # noqa: E731
    toks = [t for t in tokens(text) if on(t.start, t.end)]
    sents = [(s, e) for s, e in sentence_spans(text) if on(s, e) and len(text[s:e].split()) >= 3]
    quoted = quoted_regions(text)
    unquoted = sum(1 for t in toks if not inside(quoted, t.start, t.end))
    p = Prepared(article, toks, sents, quoted, unquoted)
    p.sentence_terms = [set(terms(p.sentence_text(k))) for k in range(len(sents))]
    return p


@dataclass
class PairFeatures:
    tiles: list
    copied_words: int  # unquoted words inside exact tiles
    coverage: float  # copied words / unquoted words of the shorter text
    coverage_a: float
    coverage_b: float
    near: list  # SentencePair
    near_share: float
    exact_share: float
    restated_share: float
    restated_chain: float
    restated_pairs: list = field(default_factory=list)  # (sentence in A, sentence in B, similarity)
    same_wire: bool = False
    marked_quote: bool = False  # one side is a liveblog or credits the copied paragraphs inline
    embedder: str | None = None


def _restated(pa: Prepared, pb: Prepared, embedder_name: str | None) -> tuple[float, float, list[tuple[int, int, float]]]:
    """Share of the shorter text's sentences restated in the other, and the longest in-order chain of them.

    The chain (longest increasing run of matched sentence positions, over the
    shorter text's sentence count) is the "same facts in the same order" of a
    rewrite; independent reports of one event restate some facts, but not a
    long chain of them in one order.
    """
    flip = len(pa.sentences) > len(pb.sentences)
    short, long_ = (pb, pa) if flip else (pa, pb)
    if not short.sentences or not long_.sentences:
        return 0.0, 0.0, []
    if short.vectors is not None and long_.vectors is not None and len(short.vectors) and len(long_.vectors):
        sims = short.vectors @ long_.vectors.T
        thr = PARA_SIM_MINILM if embedder_name == "minilm" else PARA_SIM_STATIC
        best = sims.argmax(axis=1)
        score = sims.max(axis=1)
        ok = score >= thr
    else:
        best_list, ok_list, score_list = [], [], []
        for ts in short.sentence_terms:
            scores = [_jaccard(ts, tl) for tl in long_.sentence_terms]
            k = int(np.argmax(scores))
            best_list.append(k)
            ok_list.append(scores[k] >= PARA_LEXICAL)
            score_list.append(scores[k])
        best, ok, score = np.array(best_list), np.array(ok_list), np.array(score_list)
    pairs = [(int(i), int(best[i]), float(score[i])) for i in np.flatnonzero(ok)]
    if flip:
        pairs = [(j, i, sc) for i, j, sc in pairs]
    return float(ok.mean()), longest_increasing(best[ok].tolist()) / len(short.sentences), pairs


def longest_increasing(seq: list[int]) -> int:
    """Length of the longest non-decreasing subsequence (patience sorting)."""
    import bisect

    tails: list[int] = []
    for x in seq:
        i = bisect.bisect_right(tails, x)
        if i == len(tails):
            tails.append(x)
        else:
            tails[i] = x
    return len(tails)


def _jaccard(x: set[str], y: set[str]) -> float:
    return len(x & y) / len(x | y) if x and y else 0.0


def features(pa: Prepared, pb: Prepared, embedder_name: str | None = None) -> PairFeatures:
    tiles = tile(pa.tokens, pb.tokens, MIN_TILE)
    copied = 0
    for t in tiles:
        for k in range(t.length):
            tok = pa.tokens[t.i + k]
            if not inside(pa.quoted, tok.start, tok.end):
                copied += 1
    short = max(1, min(pa.unquoted_words, pb.unquoted_words))
    sa = [pa.sentence_text(k) for k in range(len(pa.sentences))]
    sb = [pb.sentence_text(k) for k in range(len(pb.sentences))]
    near = near_sentences(sa, sb, threshold=0.8)
    nshort = max(1, min(len(sa), len(sb)))
    restated, chain, restated_pairs = _restated(pa, pb, embedder_name)
    ca, cb = pa.article.credit, pb.article.credit
    return PairFeatures(
        tiles=tiles,
        copied_words=copied,
        coverage=min(1.0, copied / short),
        coverage_a=copied / max(1, pa.unquoted_words),
        coverage_b=copied / max(1, pb.unquoted_words),
        near=near,
        near_share=min(1.0, len({p.b for p in near}) / nshort),
        exact_share=(sum(1 for p in near if p.ratio >= 0.97) / len(near)) if near else 0.0,
        restated_share=restated,
        restated_chain=chain,
        restated_pairs=restated_pairs,
        same_wire=bool(ca and ca == cb),
        embedder=embedder_name,
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


def classify(f: PairFeatures) -> tuple[ReuseKind, float]:
    """The kind of reuse and a 0..1 score for it."""
    if f.marked_quote and f.copied_words >= QUOTES_WIRE_WORDS:
        # the copier marks the copied paragraphs "(Reuters)" or is a liveblog: it quotes the wire, it is not a re-run
        return ReuseKind.quotes_wire, round(f.coverage, 3)
    near_words = f.copied_words + 10 * sum(1 for p in f.near if p.ratio < 0.97)
    if f.coverage >= VERBATIM_COVERAGE and f.exact_share >= VERBATIM_EXACT:
        return ReuseKind.verbatim, round(f.coverage, 3)
    if f.coverage >= NEAR_COVERAGE or f.near_share >= NEAR_SENTENCES:
        return ReuseKind.near_verbatim, round(max(f.coverage, f.near_share), 3)
    if f.same_wire and near_words >= SAME_WIRE_WORDS:
        # both credit the same wire and share its sentences: one re-runs the other, edited
        return ReuseKind.near_verbatim, round(max(f.coverage, f.near_share), 3)
    if f.copied_words >= QUOTES_WIRE_WORDS:
        return ReuseKind.quotes_wire, round(f.coverage, 3)
    if f.restated_chain >= PARA_CHAIN.get(f.embedder, 0.5):
        return ReuseKind.paraphrase, round(f.restated_chain, 3)
    return ReuseKind.independent, round(max(f.coverage, f.near_share, f.restated_chain), 3)


def passages(pa: Prepared, pb: Prepared, f: PairFeatures, kind: ReuseKind | None = None) -> list[SharedPassage]:
    """Shared passages with offsets in both texts: exact tiles, then near-identical sentences not already tiled.

    For a paraphrase, the restated sentence pairs (similarity = embedding cosine or word overlap).
    """
    ta, tb = pa.article.text, pb.article.text
    out = []
    covered_a: list[tuple[int, int]] = []
    for t in f.tiles:
        a0, a1 = pa.tokens[t.i].start, pa.tokens[t.i + t.length - 1].end
        b0, b1 = pb.tokens[t.j].start, pb.tokens[t.j + t.length - 1].end
        out.append(SharedPassage(a=Span(start=a0, end=a1, text=ta[a0:a1]), b=Span(start=b0, end=b1, text=tb[b0:b1]), similarity=1.0))
        covered_a.append((a0, a1))
    near = [(p.a, p.b, p.ratio) for p in f.near]
    if kind == ReuseKind.paraphrase:
        near = f.restated_pairs  # a paraphrase: show the restated sentences
    for ia, ib, ratio in near:
        a0, a1 = pa.sentences[ia]
        if ratio >= 0.999 or any(x <= a0 and a1 <= y for x, y in covered_a):
            continue
        b0, b1 = pb.sentences[ib]
        sim = round(min(1.0, max(0.0, ratio)), 3)
        out.append(SharedPassage(a=Span(start=a0, end=a1, text=ta[a0:a1]), b=Span(start=b0, end=b1, text=tb[b0:b1]), similarity=sim))
    return sorted(out, key=lambda s: s.a.start)


def compare(pa: Prepared, pb: Prepared, embedder_name: str | None = None) -> tuple[ReuseLink, PairFeatures]:
    """The reuse link between two prepared articles (passages only for related pairs), and the features behind it."""
    f = features(pa, pb, embedder_name)
    kind, score = classify(f)
    related = kind != ReuseKind.independent
    return ReuseLink(a=pa.id, b=pb.id, kind=kind, score=score, passages=passages(pa, pb, f, kind) if related else []), f
