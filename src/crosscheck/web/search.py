"""Search across the stored runs: facts (a story's claims), people (its actors) and quotes (its articles')."""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import BaseModel, Field

from ..model import ActorType, Report, Story
from .store import RunStore

KINDS = ("facts", "people", "quotes")


class Hit(BaseModel):
    """One thing found, in one story of one run."""

    kind: str
    run_id: str
    story_id: str
    story_title: str
    text: str
    detail: str
    anchor: str | None = Field(description="An element id in the story's report page, when the hit has one.")
    article_ids: list[str]


def _terms(query: str) -> list[str]:
    return [t for t in query.casefold().split() if t][:12]


def _matches(terms: list[str], *texts: str | None) -> bool:
    hay = " ".join(t for t in texts if t).casefold()
    return bool(terms) and all(t in hay for t in terms)


def _story_hits(kind: str, terms: list[str], run_id: str, report: Report, story: Story) -> Iterable[Hit]:
    title = story.title or story.id
    if kind == "facts":
        for c in story.claims:
            if _matches(terms, c.text, " ".join(c.attributed_to)):
                yield Hit(kind=kind, run_id=run_id, story_id=story.id, story_title=title, text=c.text, detail=f"{c.status.value}, {c.independent_sources} independent source(s)", anchor=c.id, article_ids=list(c.article_ids))
    elif kind == "people":
        for a in story.actors:
            if a.type == ActorType.person and _matches(terms, a.name, " ".join(a.aliases), a.role):
                detail = "; ".join(x for x in (a.role, ("also: " + ", ".join(a.aliases)) if a.aliases else None) if x)
                yield Hit(kind=kind, run_id=run_id, story_id=story.id, story_title=title, text=a.name, detail=detail, anchor=None, article_ids=[])
    else:
        seen: dict[str, Hit] = {}
        ids = set(story.article_ids)
        for art in report.articles:
            if art.id not in ids:
                continue
            for q in art.quotes:
                if not q.direct or not _matches(terms, q.text, q.speaker):
                    continue
                key = " ".join(q.text.casefold().split())
                if key in seen:
                    seen[key].article_ids.append(art.id)
                    continue
                hit = Hit(kind=kind, run_id=run_id, story_id=story.id, story_title=title, text=q.text, detail=q.speaker or "speaker unknown", anchor=None, article_ids=[art.id])
                seen[key] = hit
                yield hit


def search(store: RunStore, query: str, kind: str = "facts", run_id: str | None = None, limit: int = 100) -> tuple[list[Hit], bool]:
    """Hits for every word of ``query`` (any case), newest run first; and whether ``limit`` cut them."""
    terms = _terms(query)
    hits: list[Hit] = []
    if not terms or kind not in KINDS:
        return hits, False
    for info in store.runs():
        if run_id is not None and info.id != run_id:
            continue
        report = store.get(info.id)
        if report is None:
            continue
        for story in report.stories:
            for hit in _story_hits(kind, terms, info.id, report, story):
                if len(hits) == limit:
                    return hits, True
                hits.append(hit)
    return hits, False


__all__ = ["KINDS", "Hit", "search"]
