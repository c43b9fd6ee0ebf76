"""Provenance: which articles of a story copy or rewrite each other, and how many independent sources there are.

:func:`trace` fills ``story.reuse`` (one :class:`~crosscheck.model.ReuseLink`
per related pair, with shared passages and direction) and
``story.independent_groups``. For corpora, :mod:`.candidates` finds the pairs
worth comparing in sub-quadratic time (MinHash LSH).
"""

from __future__ import annotations

from itertools import combinations

from ..model import Article, ReuseKind, ReuseLink, Story
from .groups import DERIVED, PassageIndex, Sources, direction, group_of, independent_groups, passage_group, passage_index
from .links import Prepared, classify, compare, features, passages, prepare
from .settings import DEFAULT, ProvenanceSettings

__all__ = [
    "trace", "describe", "group_of", "passage_group", "passage_index", "PassageIndex", "prepare", "compare",
    "features", "classify", "passages", "ProvenanceSettings",
]


def trace(story: Story, articles: dict[str, Article], *, embedder: str | None = None, settings: ProvenanceSettings = DEFAULT) -> Story:
    """Fill the story's reuse links and independent groups.

    ``embedder`` is accepted for the pipeline's uniform call and not used: links are decided on text
    (copied runs, twin sentences, shared specifics), never on topical similarity.
    """
    members = [articles[i] for i in story.article_ids if articles[i].ok]
    if len(members) < 2:  # nothing to compare: no features are prepared
        story.reuse = []
        story.independent_groups = independent_groups(story, articles)
        return story
    preps = [prepare(a) for a in members]
    if len(preps) <= settings.all_pairs_limit:
        links = [_link(preps[i], preps[j], settings) for i, j in combinations(range(len(preps)), 2)]
    else:
        links = _trace_candidates(preps, settings)
    story.reuse = [l for l in links if l is not None]
    story.independent_groups = independent_groups(story, articles)
    return story


def _link(pa: Prepared, pb: Prepared, settings: ProvenanceSettings) -> ReuseLink | None:
    link, f = compare(pa, pb, settings)
    if link.kind == ReuseKind.independent:
        return None
    link.source, link.direction_reason = direction(pa.article, pb.article, link, f.coverage_a, f.coverage_b)
    return link


def _trace_candidates(preps: list[Prepared], settings: ProvenanceSettings) -> list[ReuseLink | None]:
    """Large stories: compare candidate pairs only, and each pair of sources once.

    Candidates are pairs likely to share text (MinHash/LSH over word shingles) or many specifics (LSH over
    the specifics). Copies of one text are joined as they are found; a candidate pair whose articles already
    belong to one source is not compared again, and a pair of sources already compared (through any two of
    their members) is not compared again: work grows with the candidate pairs between sources, not with all
    pairs of near-copies.
    """
    from .candidates import lsh_index, shingle_hashes, specifics_hashes

    by_text, text_sigs = lsh_index([shingle_hashes(p.article.text) for p in preps])
    by_specifics, spec_sigs = lsh_index([specifics_hashes([x for x, _k in p.specifics]) for p in preps], settings.specifics_jaccard)
    sources = Sources()
    find = sources.find
    done: set[tuple[int, int]] = set()
    links = []
    for i in range(len(preps)):
        for j in sorted(set(by_text.query(text_sigs[i])) | set(by_specifics.query(spec_sigs[i]))):
            if j <= i:
                continue
            ri, rj = find(i), find(j)
            key = (min(ri, rj), max(ri, rj))
            if ri == rj or key in done:
                continue
            done.add(key)
            link = _link(preps[i], preps[j], settings)
            links.append(link)
            if link is not None and link.kind in DERIVED:
                sources.join(ri, rj)
    return links


_KIND_PHRASE = {
    ReuseKind.verbatim: "re-runs {src} verbatim",
    ReuseKind.near_verbatim: "re-runs {src} near-verbatim, with edits",
    ReuseKind.paraphrase: "rewrites {src} (restated sentences in its order, carrying its specifics)",
    ReuseKind.quotes_wire: "quotes passages of {src}",
}


def describe(story: Story) -> list[str]:
    """Plain sentences on the story's provenance, for the Markdown and HTML reports."""
    out = []
    for g in story.independent_groups:
        if len(g.article_ids) == 1:
            aid = g.article_ids[0]
            quoted = [l for l in story.reuse if aid in (l.a, l.b) and l.kind == ReuseKind.quotes_wire and l.source != aid]
            if quoted:
                srcs = sorted({l.source or (l.b if l.a == aid else l.a) for l in quoted})
                out.append(f"{aid} is an independent source apart from the passages it quotes from {', '.join(srcs)}.")
            else:
                out.append(f"{aid} is independent: no copying or rewriting of another article found.")
            continue
        if g.origin:
            credit = f" {g.credit}" if g.credit else ""
            out.append(f"{g.origin} is the{credit} original of group {g.id} ({len(g.article_ids)} article(s)).")
    for link in story.reuse:
        if link.source is None:
            line = f"{link.a} and {link.b}: {link.kind.value.replace('_', ' ')} (direction unknown; {len(link.passages)} shared passage(s))"
        else:
            other = link.b if link.source == link.a else link.a
            line = f"{other} " + _KIND_PHRASE[link.kind].format(src=link.source) + f" — {len(link.passages)} shared passage(s); {link.direction_reason}"
        shared = [x for p in link.passages for x in p.shared]
        if shared:
            line += f"; the same specifics in the same order: {', '.join(x.removeprefix('q:') for x in shared[:12])}" + (" ..." if len(shared) > 12 else "")
        out.append(line + ".")
    n = len(story.independent_groups)
    out.append(f"{len(story.article_ids)} article(s) make {n} independent source(s).")
    return out
