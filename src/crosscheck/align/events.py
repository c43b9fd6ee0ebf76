"""Date and attribution discrepancies, found within story claims.

- ``date``: the articles of one story claim place it on different days.
- ``attribution``: one source attributes a claim to a named party, another
  states it as its own (no attribution).
"""

from __future__ import annotations

from ..model import Article, Discrepancy, DiscrepancyKind, DiscrepancySide, Evidence, Story, StoryClaim


def _claim_of(article: Article, ev) -> object | None:  # noqa: ANN001
    for c in article.claims:
        if c.start == ev.span.start and c.end == ev.span.end:
            return c
    return None


def date_discrepancies(story: Story, articles: dict[str, Article]) -> list[Discrepancy]:
    out = []
    for sc in story.claims:
        if len(sc.article_ids) < 2:
            continue
        by_day: dict[object, list] = {}
        for ev in sc.evidence:
            art = articles[ev.article_id]
            c = _claim_of(art, ev)
            if c is None:
                continue
            days = {d.resolved for d in art.dates_of(c) if d.resolved and d.granularity == "day"}
            if len(days) == 1:
                by_day.setdefault(days.pop(), []).append(ev)
        if len(by_day) < 2:
            continue
        sides = [
            DiscrepancySide(article_ids=sorted({e.article_id for e in evs}), value=day.isoformat(), evidence=evs)
            for day, evs in sorted(by_day.items())
        ]
        out.append(
            Discrepancy(
                kind=DiscrepancyKind.date,
                summary=f"“{_short(sc.text)}” placed on " + " vs ".join(f"{s.value} ({', '.join(s.article_ids)})" for s in sides),
                sides=sides,
            )
        )
    return out


def attribution_discrepancies(story: Story, articles: dict[str, Article]) -> list[Discrepancy]:
    out = []
    for sc in story.claims:
        if len(sc.article_ids) < 2:
            continue
        said = [e for e in sc.evidence if e.attributed_to]
        own = [e for e in sc.evidence if not e.attributed_to]
        if not said or not own:
            continue
        # only where the attributed side names a person (a quote or reported speech), not "according to" boilerplate
        people = {p.name for p in story.actors if p.type.value == "person"}
        said = [e for e in said if e.attributed_to in people and _speaker_words(articles[e.article_id], e) >= 0.4]
        # the unattributed side must state it flatly: no quote, no reporting verb in the sentence
        own = [e for e in own if not _REPORTING.search(e.span.text) and not _quoted(articles[e.article_id], e)]
        if not said or {e.article_id for e in said} & {e.article_id for e in own}:
            continue
        who = sorted({e.attributed_to for e in said})
        out.append(
            Discrepancy(
                kind=DiscrepancyKind.attribution,
                summary=f"“{_short(sc.text)}”: attributed to {', '.join(who)} by {', '.join(sorted({e.article_id for e in said}))}, "
                f"stated without attribution by {', '.join(sorted({e.article_id for e in own}))}",
                sides=[
                    DiscrepancySide(article_ids=sorted({e.article_id for e in said}), value=f"attributed to {', '.join(who)}", evidence=said),
                    DiscrepancySide(article_ids=sorted({e.article_id for e in own}), value="no attribution", evidence=own),
                ],
            )
        )
    return out


_REPORTING = __import__("re").compile(r"\b(?:said|says|told|tells|added|stated|remarked|reported|announced|confirmed|according to|citing|quoted)\b", __import__("re").I)


def _speaker_words(article: Article, ev) -> float:  # noqa: ANN001
    """Share of a claim's text that is the speaker's words (a quote or a reported clause)."""
    n = max(1, ev.span.end - ev.span.start)
    covered = sum(max(0, min(ev.span.end, q.end) - max(ev.span.start, q.start)) for q in article.quotes)
    return covered / n


def _quoted(article: Article, ev) -> bool:  # noqa: ANN001
    return any(q.start < ev.span.end and ev.span.start < q.end for q in article.quotes)


def _short(text: str, n: int = 90) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def mark_conflicting(claims: list[StoryClaim], discrepancies: list[Discrepancy]) -> None:
    """A story claim whose evidence appears in a discrepancy is 'conflicting'."""
    from ..model import ClaimStatus

    spans = {(e.article_id, e.span.start) for d in discrepancies if d.kind != DiscrepancyKind.attribution for s in d.sides for e in s.evidence}
    for c in claims:
        if any((e.article_id, e.span.start) in spans or any(e.article_id == a and e.span.start <= st < e.span.end for a, st in spans) for e in c.evidence):
            if len(c.article_ids) >= 2:
                c.status = ClaimStatus.conflicting
