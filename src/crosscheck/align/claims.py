"""Match claims across the articles of a story into story-level claims.

Two claims state the same fact when their sentence embeddings are close and
they share content words (numbers and names included). Matching is greedy,
best pairs first, and a story claim takes at most one claim per article, so
that chains of loosely related sentences do not merge. Each story claim counts
its independent sources (provenance groups; wire paragraphs quoted in a
liveblog count for the wire) and its independent origins (the parties the
claim is attributed to: five outlets citing one ministry are one origin).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..clean.sections import cosine, term_vector, terms
from ..embeddings import get_embedder
from ..model import Article, Claim, ClaimStatus, Evidence, Span, Story, StoryClaim
from ..provenance import passage_group

import os as _os

# blended similarity (EMB_WEIGHT x embedding cosine + the rest x weighted word overlap) at which two claims match;
# measured on tests/eval (see bench/RESULTS.md)
EMB_WEIGHT = float(_os.environ.get("CROSSCHECK_EMB_WEIGHT", "0.6"))
THRESHOLD = {
    "minilm": float(_os.environ.get("CROSSCHECK_T_MINILM", "0.55")),
    "static": float(_os.environ.get("CROSSCHECK_T_STATIC", "0.57")),
}
LEX_ONLY = float(_os.environ.get("CROSSCHECK_T_LEX", "0.3"))
MIN_SHARED_TERMS = 2
NUMBER_BONUS = float(_os.environ.get("CROSSCHECK_NUMBER_BONUS", "0.2"))
ONE_SIDED = float(_os.environ.get("CROSSCHECK_ONE_SIDED", "0.75"))  # share of the bonus taken off when only one claim states a figure


@dataclass
class Item:
    article: Article
    claim: Claim
    terms: set[str]


def _numbers(text: str) -> set[str]:
    import re

    return set(re.findall(r"\d[\d,.]*\d|\d", text))


def claim_vectors(items: list[Item], embedder: str | None) -> tuple[np.ndarray | None, str | None]:
    if embedder == "none" or not items:
        return None, None
    try:
        emb = get_embedder(embedder)
    except Exception:  # noqa: BLE001 - no embedder installed: lexical only
        return None, None
    return emb.encode([it.claim.text for it in items]), emb.name


def similarity_matrix(items: list[Item], vecs: np.ndarray | None, emb_name: str | None) -> np.ndarray:
    """Pairwise claim similarity: embedding cosine blended with specificity-weighted word overlap.

    Scaled so that 0.5 is the matching threshold. Claims sharing fewer than
    MIN_SHARED_TERMS content words or numbers never match.
    """
    n = len(items)
    tv = [term_vector(list(it.terms)) for it in items]
    lex = np.zeros((n, n), dtype=np.float32)
    for i in range(n):
        for j in range(i + 1, n):
            if len(items[i].terms & items[j].terms) >= MIN_SHARED_TERMS:
                lex[i, j] = lex[j, i] = cosine(tv[i], tv[j])
    # the same figure in both claims is strong evidence of the same fact
    nums = [{n for n in _numbers(it.claim.text) if len(n.strip(",.")) >= 2} for it in items]
    bonus = np.zeros((n, n), dtype=np.float32)
    for i in range(n):
        for j in range(i + 1, n):
            if nums[i] & nums[j]:
                bonus[i, j] = bonus[j, i] = NUMBER_BONUS
            elif nums[i] and nums[j]:
                bonus[i, j] = bonus[j, i] = -NUMBER_BONUS  # both state figures, none in common: other facts
            elif nums[i] or nums[j]:
                bonus[i, j] = bonus[j, i] = -NUMBER_BONUS * ONE_SIDED
    if vecs is None:
        return np.where(lex > 0, lex / (2 * LEX_ONLY) + bonus, 0)
    sims = (vecs @ vecs.T).astype(np.float32)
    w_emb = EMB_WEIGHT
    blend = w_emb * sims + (1 - w_emb) * lex
    thr = THRESHOLD[emb_name] if emb_name in THRESHOLD else THRESHOLD["static"]
    return np.where(lex > 0, blend / (2 * thr) + bonus, 0)


def cluster(items: list[Item], sim: np.ndarray, threshold: float = 0.5) -> list[list[int]]:
    """Greedy best-first grouping; a group holds at most one claim per article."""
    n = len(items)
    group = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    arts: dict[int, set[str]] = {i: {items[i].article.id} for i in range(n)}
    iu, ju = np.triu_indices(n, 1)
    vals = sim[iu, ju]
    order = np.argsort(-vals)
    for k in order:
        if vals[k] < threshold:
            break
        i, j = int(iu[k]), int(ju[k])
        gi, gj = group[i], group[j]
        if gi == gj or arts[gi] & arts[gj]:
            continue
        # average link: the two groups must be close as wholes, not through one pair
        mi, mj = members[gi], members[gj]
        if len(mi) + len(mj) > 2 and float(sim[np.ix_(mi, mj)].mean()) < threshold * 0.8:
            continue
        for x in mj:
            group[x] = gi
        members[gi] = mi + mj
        arts[gi] |= arts[gj]
        del members[gj], arts[gj]
    return [sorted(m, key=lambda x: (items[x].article.id, items[x].claim.start)) for m in members.values()]


def _provenance_pairs(story: Story, items: list[Item], sim: np.ndarray) -> None:
    """Sentences the provenance stage paired (a copy's edited sentence, a rewrite's restatement) state the same fact."""
    where: dict[str, list[tuple[int, int, int]]] = {}
    for k, it in enumerate(items):
        where.setdefault(it.article.id, []).append((it.claim.start, it.claim.end, k))

    def claim_at(aid: str, start: int, end: int) -> int | None:
        mid = (start + end) // 2
        for s0, s1, k in where.get(aid, []):
            if s0 <= mid < s1:
                return k
        return None

    def covers(k: int, span) -> bool:  # noqa: ANN001
        c = items[k].claim
        return (min(c.end, span.end) - max(c.start, span.start)) >= 0.5 * (c.end - c.start)

    for link in story.reuse:
        for p in link.passages:
            i, j = claim_at(link.a, p.a.start, p.a.end), claim_at(link.b, p.b.start, p.b.end)
            # a passage pairs two claims only when it is most of both (not a shared name and title)
            if i is not None and j is not None and i != j and covers(i, p.a) and covers(j, p.b):
                boost = 0.5 + 0.5 * p.similarity
                sim[i, j] = sim[j, i] = max(sim[i, j], boost)


def origin_key(name: str | None, story: Story) -> str | None:
    """A party's canonical name (through the story's actors), or None for an outlet's own reporting."""
    if not name:
        return None
    from ..extract.actors import surname

    for a in story.actors:
        if name == a.name or name in a.aliases or (a.type.value == "person" and surname(name) == surname(a.name)):
            return a.name
    return name


def align_claims(story: Story, articles: dict[str, Article], embedder: str | None = None) -> list[StoryClaim]:
    items = [
        Item(articles[aid], c, set(terms(c.text)) | _numbers(c.text))
        for aid in story.article_ids
        for c in articles[aid].claims
    ]
    if not items:
        return []
    vecs, emb_name = claim_vectors(items, embedder)
    sim = similarity_matrix(items, vecs, emb_name)
    _provenance_pairs(story, items, sim)
    groups = cluster(items, sim)
    out: list[StoryClaim] = []
    for g in groups:
        members = [items[i] for i in g]
        src_groups = {passage_group(story, m.article.id, m.claim.start, m.claim.end) for m in members}
        attributed: list[str] = []
        own: set[str] = set()
        for m in members:
            key = origin_key(m.claim.attributed_to, story)
            if key and key not in attributed:
                attributed.append(key)
            elif not key:
                own.add(passage_group(story, m.article.id, m.claim.start, m.claim.end) or m.article.id)
        # outlets repeating a claim others attribute to a party are taken to carry that party's claim;
        # only when nobody attributes it does each independent group's own reporting count as an origin
        n_origins = len(attributed) if attributed else len(own)
        rep = max(members, key=lambda m: (len(m.claim.quantities) + len(m.claim.actors), -len(m.claim.text)))
        n_src = len(src_groups)
        out.append(
            StoryClaim(
                id="",
                text=rep.claim.text,
                status=ClaimStatus.corroborated if n_src >= 2 else ClaimStatus.single_source,
                independent_sources=n_src,
                independent_origins=n_origins,
                attributed_to=attributed,
                article_ids=sorted({m.article.id for m in members}),
                evidence=[
                    Evidence(
                        article_id=m.article.id,
                        span=Span(start=m.claim.start, end=m.claim.end, text=m.claim.text),
                        attributed_to=origin_key(m.claim.attributed_to, story),
                    )
                    for m in members
                ],
                unverified_by=sorted({m.article.id for m in members if m.claim.unverified}),
                unverified_notes=list(dict.fromkeys(m.claim.unverified_note for m in members if m.claim.unverified_note)),
            )
        )
    out.sort(key=lambda c: (-c.independent_sources, -len(c.article_ids), c.evidence[0].article_id, c.evidence[0].span.start))
    for n, c in enumerate(out, 1):
        c.id = f"{story.id}:k{n}"
    return out
