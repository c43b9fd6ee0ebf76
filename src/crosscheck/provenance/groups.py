"""Independent groups and the direction of reuse.

Articles joined by verbatim, near-verbatim or paraphrase links derive from
one another: together they are one source. ``quotes_wire`` links do not join
groups; the copied passages count toward the wire's group only (see
:func:`passage_group`).
"""

from __future__ import annotations

from ..clean.metadata import parse_dateline
from ..model import Article, IndependentGroup, ReuseKind, ReuseLink, Story

DERIVED = {ReuseKind.verbatim, ReuseKind.near_verbatim, ReuseKind.paraphrase}


def is_wire_original(article: Article) -> bool:
    """The agency's own copy: a dateline carrying the agency, '(Reuters)', with a byline or no other credit form."""
    _city, agency, _n = parse_dateline(article.text[:300])
    return agency is not None


def direction(a: Article, b: Article, link: ReuseLink, coverage_a: float, coverage_b: float) -> tuple[str | None, str | None]:
    """(id of the article judged the source, why), or (None, None) when nothing tells."""
    wa, wb = is_wire_original(a), is_wire_original(b)
    if wa != wb:
        src = a if wa else b
        return src.id, f"{src.id} carries the {src.credit or 'wire'} dateline of the original"
    if a.published and b.published and a.published != b.published:
        src = a if a.published < b.published else b
        return src.id, f"{src.id} was published earlier ({src.published.isoformat()})"
    if link.kind != ReuseKind.paraphrase and abs(coverage_a - coverage_b) >= 0.1:
        # the copy is mostly made of the shared text; the original has more of its own
        src = a if coverage_a < coverage_b else b
        return src.id, f"{src.id} is the more complete text"
    if link.kind == ReuseKind.quotes_wire:
        credited = [x for x in (a, b) if x.credit and is_wire_original(x)]
        if credited:
            return credited[0].id, f"{credited[0].id} is the wire story quoted"
    return None, None


def independent_groups(story: Story, articles: dict[str, Article]) -> list[IndependentGroup]:
    """Partition the story's articles into groups of mutually derived articles."""
    parent = {aid: aid for aid in story.article_ids}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for link in story.reuse:
        if link.kind in DERIVED:
            parent[find(link.a)] = find(link.b)
    members: dict[str, list[str]] = {}
    for aid in story.article_ids:
        members.setdefault(find(aid), []).append(aid)
    groups = []
    for n, ids in enumerate(sorted(members.values(), key=lambda g: (-len(g), g[0])), start=1):
        origin = _origin(ids, story.reuse, articles)
        credits = sorted({articles[i].credit for i in ids if articles[i].credit})
        groups.append(IndependentGroup(id=f"g{n}", article_ids=ids, origin=origin, credit=credits[0] if len(credits) == 1 else None))
    return groups


def _origin(ids: list[str], links: list[ReuseLink], articles: dict[str, Article]) -> str | None:
    if len(ids) == 1:
        return ids[0]
    votes = {i: 0 for i in ids}
    for link in links:
        if link.kind in DERIVED and link.source in votes and link.a in votes and link.b in votes:
            votes[link.source] += 1
    best = max(votes.values())
    if best == 0:
        return None
    top = [i for i, v in votes.items() if v == best]
    return top[0] if len(top) == 1 else next((i for i in top if is_wire_original(articles[i])), top[0])


def group_of(story: Story, article_id: str) -> str | None:
    for g in story.independent_groups:
        if article_id in g.article_ids:
            return g.id
    return None


def passage_group(story: Story, article_id: str, start: int, end: int) -> str | None:
    """The group a passage of an article counts toward: the quoted wire's group for copied wire paragraphs."""
    for link in story.reuse:
        if link.kind != ReuseKind.quotes_wire or link.source is None or article_id not in (link.a, link.b):
            continue
        if link.source == article_id:
            continue
        for p in link.passages:
            span = p.a if link.a == article_id else p.b
            if span.start <= start and end <= span.end + 1 or (start <= span.start and span.end <= end and span.end - span.start > (end - start) / 2):
                return group_of(story, link.source)
    return group_of(story, article_id)
