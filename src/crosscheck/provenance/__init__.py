"""Provenance: which articles of a story copy or rewrite each other, and how many independent sources there are.

:func:`trace` fills ``story.reuse`` (one :class:`~crosscheck.model.ReuseLink`
per related pair, with shared passages and direction) and
``story.independent_groups``. For corpora, :mod:`.candidates` finds the pairs
worth comparing in sub-quadratic time (MinHash LSH).
"""

from __future__ import annotations

from itertools import combinations

from ..embeddings import get_embedder
from ..model import Article, ReuseKind, Story
from .groups import direction, group_of, independent_groups, passage_group
from .links import Prepared, classify, compare, features, passages, prepare

__all__ = ["trace", "describe", "group_of", "passage_group", "prepare", "compare", "features", "classify", "passages"]

ALL_PAIRS_LIMIT = 60  # above this many articles, compare only MinHash/embedding candidates


def _embed(preps: list[Prepared], embedder_kind: str | None) -> str | None:
    try:
        emb = get_embedder(embedder_kind)
    except Exception:  # noqa: BLE001 - no embedder: the lexical fallback takes over
        return None
    sents = [p.sentence_text(k) for p in preps for k in range(len(p.sentences))]
    vecs = emb.encode(sents)
    i = 0
    for p in preps:
        p.vectors = vecs[i : i + len(p.sentences)]
        i += len(p.sentences)
    return emb.name


def trace(story: Story, articles: dict[str, Article], *, embedder: str | None = None) -> Story:
    """Fill the story's reuse links and independent groups."""
    members = [articles[i] for i in story.article_ids if articles[i].ok]
    preps = [prepare(a) for a in members]
    emb_name = _embed(preps, embedder) if embedder != "none" else None
    if len(preps) <= ALL_PAIRS_LIMIT:
        pairs = list(combinations(range(len(preps)), 2))
    else:
        from .candidates import candidate_pairs

        pairs = candidate_pairs([p.article.text for p in preps])  # plus embedding neighbours, below
        pairs = sorted(set(pairs) | _paraphrase_candidates(preps))
    links = []
    for i, j in pairs:
        link, f = compare(preps[i], preps[j], emb_name)
        if link.kind == ReuseKind.independent:
            continue
        link.source, link.direction_reason = direction(preps[i].article, preps[j].article, link, f.coverage_a, f.coverage_b)
        links.append(link)
    story.reuse = links
    story.independent_groups = independent_groups(story, articles)
    return story


def _paraphrase_candidates(preps: list[Prepared], k: int = 5) -> set[tuple[int, int]]:
    """Pairs of articles whose mean sentence vectors are nearest neighbours (rewrites share no shingles)."""
    import numpy as np

    if not preps or preps[0].vectors is None:
        return set()
    docs = np.vstack([p.vectors.mean(axis=0) if len(p.vectors) else np.zeros(preps[0].vectors.shape[1]) for p in preps])
    docs /= np.clip(np.linalg.norm(docs, axis=1, keepdims=True), 1e-9, None)
    sims = docs @ docs.T
    out = set()
    for i in range(len(preps)):
        for j in np.argsort(-sims[i])[1 : k + 1]:
            out.add((min(i, int(j)), max(i, int(j))))
    return out


_KIND_PHRASE = {
    ReuseKind.verbatim: "re-runs {src} verbatim",
    ReuseKind.near_verbatim: "re-runs {src} near-verbatim, with edits",
    ReuseKind.paraphrase: "rewrites {src} (same facts, same order, reworded)",
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
            out.append(f"{link.a} and {link.b}: {link.kind.value.replace('_', ' ')} (direction unknown; {len(link.passages)} shared passage(s)).")
        else:
            other = link.b if link.source == link.a else link.a
            out.append(f"{other} " + _KIND_PHRASE[link.kind].format(src=link.source) + f" — {len(link.passages)} shared passage(s); {link.direction_reason}.")
    n = len(story.independent_groups)
    out.append(f"{len(story.article_ids)} article(s) make {n} independent source(s).")
    return out
