"""The view of a story that every human-readable report shows: one place decides what goes where.

Markdown and HTML both render :func:`story_view`, so they list the same claims under the same headings with
the same statuses as the JSON report (tests/test_report_agreement.py checks the three against each other).
Nothing is cut unless the caller asks (``max_items``), and then the report says how many were left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import ClaimStatus, Story, StoryClaim

# (key, heading, the JSON status of every claim under it, what it means)
SECTIONS: list[tuple[str, str, ClaimStatus, str]] = [
    (
        "conflicting",
        "Reported in conflicting versions",
        ClaimStatus.conflicting,
        "sources state this fact differently; see the discrepancies",
    ),
    (
        "corroborated",
        "Corroborated by independent origins",
        ClaimStatus.corroborated,
        "stated by two or more independent sources, from two or more origins",
    ),
    (
        "one_origin",
        "Carried by several independent sources but traced to one party",
        ClaimStatus.corroborated,
        "every outlet attributes it to the same party: one origin, however many outlets carry it",
    ),
    (
        "single_source",
        "Single-source",
        ClaimStatus.single_source,
        "stated by one independent source only",
    ),
]
SECTION_STATUS = {key: status for key, _h, status, _d in SECTIONS}


def section_of(claim: StoryClaim) -> str:
    """The report section a claim belongs to (a key of :data:`SECTIONS`)."""
    if claim.status == ClaimStatus.conflicting:
        return "conflicting"
    if claim.status == ClaimStatus.single_source:
        return "single_source"
    return "corroborated" if claim.independent_origins >= 2 else "one_origin"


@dataclass
class ClaimSection:
    key: str
    heading: str
    status: ClaimStatus
    meaning: str
    claims: list[StoryClaim]
    shown: list[StoryClaim] = field(default_factory=list)

    @property
    def hidden(self) -> int:
        return len(self.claims) - len(self.shown)


@dataclass
class StoryView:
    story: Story
    sections: list[ClaimSection]

    def section(self, key: str) -> ClaimSection:
        return next(s for s in self.sections if s.key == key)


def _order(claims: list[StoryClaim], key: str) -> list[StoryClaim]:
    if key == "single_source":
        # grouped by outlet (the first article carrying it), in the story's article order
        return sorted(claims, key=lambda c: (c.article_ids[0] if c.article_ids else "", c.evidence[0].span.start if c.evidence else 0))
    return sorted(claims, key=lambda c: (-c.independent_sources, -c.independent_origins, -len(c.article_ids)))


def story_view(story: Story, max_items: int | None = None) -> StoryView:
    """The story's claims in report sections, each section cut to ``max_items`` when given."""
    by_key: dict[str, list[StoryClaim]] = {key: [] for key, *_ in SECTIONS}
    for c in story.claims:
        by_key[section_of(c)].append(c)
    sections = []
    for key, heading, status, meaning in SECTIONS:
        claims = _order(by_key[key], key)
        shown = claims if max_items is None else claims[:max_items]
        sections.append(ClaimSection(key, heading, status, meaning, claims, shown))
    return StoryView(story, sections)


def cut(items: list, max_items: int | None) -> tuple[list, int]:
    """``items`` cut to ``max_items`` (all when None), and how many were left out."""
    if max_items is None or len(items) <= max_items:
        return items, 0
    return items[:max_items], len(items) - max_items


STATES, CONTRADICTS, SILENT = "states", "contradicts", "silent"


@dataclass
class MatrixColumn:
    article_id: str
    group_id: str | None
    label: str  # a short column name: A1, A2...


@dataclass
class FactMatrix:
    """Facts x outlets: rows are the story's facts carried by more than one source, columns its articles grouped by
    independent group, each cell "states", "contradicts" or "silent"."""

    columns: list[MatrixColumn]
    rows: list[tuple[StoryClaim, list[str]]]
    hidden: int = 0


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def contradicting_articles(claim: StoryClaim, story: Story) -> set[str]:
    """Articles that state this fact in a version that conflicts with the claim's own (its representative wording):
    those on another side of a discrepancy that involves the claim's evidence. They may be members of the claim's
    group (a conflict inside the group is what makes a claim "conflicting")."""
    own = [(e.article_id, e.span.start, e.span.end) for e in claim.evidence]
    rep = own[0] if own else None
    out: set[str] = set()
    for d in story.discrepancies:

        def touches(side, spans) -> bool:  # noqa: ANN001
            return any(e.article_id == aid and _overlaps(e.span.start, e.span.end, s0, s1) for e in side.evidence for aid, s0, s1 in spans)

        hit = [i for i, side in enumerate(d.sides) if touches(side, own)]
        if not hit:
            continue
        mine = next((i for i in hit if rep and touches(d.sides[i], [rep])), hit[0])
        others = {aid for i, side in enumerate(d.sides) if i != mine for aid in side.article_ids}
        out |= others - set(d.sides[mine].article_ids)
    return out


def fact_matrix(story: Story, max_items: int | None = None) -> FactMatrix:
    """The matrix the reports lead with (see :class:`FactMatrix`)."""
    order: list[tuple[str, str | None]] = []
    seen: set[str] = set()
    for g in story.independent_groups:
        for aid in g.article_ids:
            if aid in story.article_ids and aid not in seen:
                order.append((aid, g.id))
                seen.add(aid)
    order += [(aid, None) for aid in story.article_ids if aid not in seen]
    columns = [MatrixColumn(aid, gid, f"A{n}") for n, (aid, gid) in enumerate(order, 1)]
    view = story_view(story)
    facts = [c for sec in view.sections if sec.key != "single_source" for c in sec.claims]
    shown, hidden = cut(facts, max_items)
    rows = []
    for c in shown:
        against = contradicting_articles(c, story)
        cells = [CONTRADICTS if col.article_id in against else STATES if col.article_id in c.article_ids else SILENT for col in columns]
        rows.append((c, cells))
    return FactMatrix(columns, rows, hidden)


__all__ = ["FactMatrix", "fact_matrix", "contradicting_articles", "STATES", "CONTRADICTS", "SILENT", "SECTIONS", "SECTION_STATUS", "section_of", "story_view", "StoryView", "ClaimSection", "cut"]
