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


class Sources:
    """Union-find over articles: which ones derive from one another (one source)."""

    def __init__(self) -> None:
        self.parent: dict = {}

    def find(self, x):  # noqa: ANN001, ANN201 - ids or indices
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def join(self, x, y) -> None:  # noqa: ANN001
        self.parent[self.find(x)] = self.find(y)


def independent_groups(story: Story, articles: dict[str, Article]) -> list[IndependentGroup]:
    """Partition the story's articles into groups of mutually derived articles."""
    sources = Sources()
    find = sources.find
    for link in story.reuse:
        if link.kind in DERIVED:
            sources.join(link.a, link.b)
    members: dict[str, list[str]] = {}
    for aid in story.article_ids:
        members.setdefault(find(aid), []).append(aid)
    votes: dict[str, int] = {}
    for link in story.reuse:
        if link.kind in DERIVED and link.source and find(link.a) == find(link.b):
            votes[link.source] = votes.get(link.source, 0) + 1
    groups = []
    for n, ids in enumerate(sorted(members.values(), key=lambda g: (-len(g), g[0])), start=1):
        origin = _origin(ids, votes, articles)
        credits = sorted({articles[i].credit for i in ids if articles[i].credit})
        groups.append(IndependentGroup(id=f"g{n}", article_ids=ids, origin=origin, credit=credits[0] if len(credits) == 1 else None))
    return groups


def _origin(ids: list[str], votes: dict[str, int], articles: dict[str, Article]) -> str | None:
    if len(ids) == 1:
        return ids[0]
    best = max(votes.get(i, 0) for i in ids)
    if best == 0:
        return None
    top = [i for i in ids if votes.get(i, 0) == best]
    return top[0] if len(top) == 1 else next((i for i in top if is_wire_original(articles[i])), top[0])


class PassageIndex:
    """Which group each article, and each quoted wire passage, counts toward: built once per story."""

    def __init__(self, story: Story) -> None:
        self.group = {aid: g.id for g in story.independent_groups for aid in g.article_ids}
        self.quoted: dict[str, list[tuple[int, int, str]]] = {}  # copier -> (start, end, source article) of wire passages
        for link in story.reuse:
            if link.kind != ReuseKind.quotes_wire or link.source is None:
                continue
            copier = link.b if link.source == link.a else link.a
            spans = self.quoted.setdefault(copier, [])
            for p in link.passages:
                span = p.a if link.a == copier else p.b
                spans.append((span.start, span.end, link.source))
        self.size = (len(story.reuse), len(story.independent_groups))

    def group_of(self, article_id: str) -> str | None:
        return self.group.get(article_id)

    def passage_group(self, article_id: str, start: int, end: int) -> str | None:
        for s, e, source in self.quoted.get(article_id, ()):
            if s <= start and end <= e + 1 or (start <= s and e <= end and e - s > (end - start) / 2):
                return self.group.get(source)
        return self.group.get(article_id)


_INDEXES: dict[int, tuple[Story, list, list, PassageIndex]] = {}
_INDEXES_KEPT = 8


def passage_index(story: Story) -> PassageIndex:
    """The story's :class:`PassageIndex`, rebuilt when its links or groups were replaced or changed in number."""
    entry = _INDEXES.get(id(story))
    if entry and entry[0] is story and entry[1] is story.reuse and entry[2] is story.independent_groups:
        if entry[3].size == (len(story.reuse), len(story.independent_groups)):
            return entry[3]
    index = PassageIndex(story)
    _INDEXES.pop(id(story), None)
    while len(_INDEXES) >= _INDEXES_KEPT:
        _INDEXES.pop(next(iter(_INDEXES)))
    _INDEXES[id(story)] = (story, story.reuse, story.independent_groups, index)
    return index


def group_of(story: Story, article_id: str) -> str | None:
    return passage_index(story).group_of(article_id)


def passage_group(story: Story, article_id: str, start: int, end: int) -> str | None:
    """The group a passage of an article counts toward: the quoted wire's group for copied wire paragraphs."""
    return passage_index(story).passage_group(article_id, start, end)
