"""Date and attribution discrepancies, found within verified fact groups; the figure judge for numeric ones.

- ``date``: the outlets of one fact place it on different days, a few days apart (days further apart belong to
  sentences about other, earlier events).
- ``attribution``: one fact given to different people by different outlets (both sides name a source).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..lexicon import SAID_CUES
from ..model import Article, ClaimStatus, Discrepancy, DiscrepancyKind, DiscrepancySide, Evidence, Story, StoryClaim
from ..settings import AlignSettings
from ..text import shorten


def _claim_of(article: Article, ev) -> object | None:  # noqa: ANN001
    for c in article.claims:
        if c.start == ev.span.start and c.end == ev.span.end:
            return c
    return None


def date_discrepancies(story: Story, articles: dict[str, Article], settings: AlignSettings | None = None) -> list[Discrepancy]:
    s = settings or AlignSettings()
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
        days = sorted(by_day)
        if (days[-1] - days[0]).days > s.date_max_gap_days:
            continue  # years apart: one of the sentences is about an earlier event, not this fact's day
        sides = [
            DiscrepancySide(article_ids=sorted({e.article_id for e in evs}), value=day.isoformat(), evidence=evs)
            for day, evs in sorted(by_day.items())
        ]
        out.append(
            Discrepancy(
                kind=DiscrepancyKind.date,
                summary=f"“{shorten(sc.text, 90)}” placed on " + " vs ".join(f"{s.value} ({', '.join(s.article_ids)})" for s in sides),
                sides=sides,
            )
        )
    return out


def attribution_discrepancies(story: Story, articles: dict[str, Article], result) -> list[Discrepancy]:  # noqa: ANN001
    """A fact the outlets give to different people: both sides name a source, and the sources differ.

    Only people count as sources here: "Tass reported Peskov said" and "Peskov said" cite one person through an
    agency, not two sources.
    """
    from ..extract.actors import surname

    people = {a.name for a in story.actors if a.type.value == "person"}
    out = []
    for sc, g in zip(result.claims, result.groups):
        by_party: dict[str, list] = {}
        index: dict[int, int] = {}
        for i in g:
            f = result.facts[i]
            index[id(f)] = i
            if f.attribution in people:
                by_party.setdefault(f.attribution, []).append(f)
        if len(by_party) >= 2:
            # one fact: every cross pair verified the same (a conflict of figures is a numeric matter, not this)
            parties = list(by_party)
            ok = all(
                getattr(result.pairs.get((min(index[id(x)], index[id(y)]), max(index[id(x)], index[id(y)]))), "label", None) == "same"
                for n, p in enumerate(parties)
                for q in parties[n + 1 :]
                for x in by_party[p]
                for y in by_party[q]
            )
            if not ok:
                continue
        if len(by_party) < 2:
            d = _own_vs_attributed(sc, g, result, people)
            if d is not None:
                out.append(d)
            continue
        arts = [{f.article.id for f in fs} for fs in by_party.values()]
        if any(x & y for n, x in enumerate(arts) for y in arts[n + 1 :]):
            continue  # one article names both: a chain of speakers, not a disagreement
        if any(surname(p) in f.text for p in by_party for q, fs in by_party.items() if q != p for f in fs):
            continue  # "Peskov said that under a deal brokered by Lukashenko": both outlets name both people
        sides = [
            DiscrepancySide(
                article_ids=sorted({f.article.id for f in fs}),
                value=f"attributed to {party}",
                evidence=[Evidence(article_id=f.article.id, span=_span(f), attributed_to=party) for f in fs],
            )
            for party, fs in sorted(by_party.items())
        ]
        out.append(
            Discrepancy(
                kind=DiscrepancyKind.attribution,
                summary=f"“{shorten(sc.text, 90)}”: " + " vs ".join(f"{s.value} ({', '.join(s.article_ids)})" for s in sides),
                sides=sides,
            )
        )
    return out


def _own_vs_attributed(sc: StoryClaim, g: list[int], result, people: set[str]) -> Discrepancy | None:  # noqa: ANN001
    """One outlet gives a fact as a person's reported words, another states it flatly as its own: both sides present,
    and each flat statement a verified pair of an attributed one (not merely in the same group)."""
    facts = [result.facts[i] for i in g]
    # reported speech ("Paredes said adobe homes ..."), not a quote: a quote restated flatly is ordinary reporting
    said = [
        i
        for i in g
        if result.facts[i].attribution in people and not result.facts[i].speaker and _speaker_share(result.facts[i]) >= 0.4
    ]
    own = [
        i
        for i in g
        if not result.facts[i].attribution
        and not result.facts[i].reported
        and not _REPORTING.search(result.facts[i].text)
        and not result.facts[i].claim.quotes
    ]
    strong = result.settings.attribution_same

    def same(i: int, j: int) -> bool:
        v = result.pairs.get((min(i, j), max(i, j)))
        return v is not None and v.label == "same" and v.score >= strong

    own = [i for i in own if any(same(i, j) for j in said)]
    if not said or not own:
        return None
    said_f = [result.facts[i] for i in said]
    own_f = [result.facts[i] for i in own]
    if {f.article.id for f in said_f} & {f.article.id for f in own_f} or len(facts) < 2:
        return None
    who = sorted({f.attribution for f in said_f})
    return Discrepancy(
        kind=DiscrepancyKind.attribution,
        summary=f"“{shorten(sc.text, 90)}”: attributed to {', '.join(who)} by {', '.join(sorted({f.article.id for f in said_f}))}, "
        f"stated without attribution by {', '.join(sorted({f.article.id for f in own_f}))}",
        sides=[
            DiscrepancySide(
                article_ids=sorted({f.article.id for f in said_f}),
                value=f"attributed to {', '.join(who)}",
                evidence=[Evidence(article_id=f.article.id, span=_span(f), attributed_to=f.attribution) for f in said_f],
            ),
            DiscrepancySide(
                article_ids=sorted({f.article.id for f in own_f}),
                value="no attribution",
                evidence=[Evidence(article_id=f.article.id, span=_span(f)) for f in own_f],
            ),
        ],
    )


_REPORTING = re.compile(SAID_CUES, re.I)


def _speaker_share(f) -> float:  # noqa: ANN001
    """Share of a fact's text that is the speaker's words (a quote or a reported clause)."""
    c = f.claim
    n = max(1, c.end - c.start)
    quotes = f.article.quotes_of(c)
    return sum(max(0, min(c.end, q.end) - max(c.start, q.start)) for q in quotes) / n


def _span(f):  # noqa: ANN001, ANN202
    from ..model import Span

    return Span(start=f.claim.start, end=f.claim.end, text=f.claim.text)


def figure_judge(result) -> Callable[[str, int, str, int], bool | None]:  # noqa: ANN001
    """Whether two figures (article id, start offset) measure one thing, as the verified fact pairs say.

    True: their facts are a verified pair (same or conflicting). False: their facts have different, non-empty
    subjects (one donor's pledge and another's). None: the facts say nothing; the figure windows decide.
    """
    where: dict[tuple[str, int], int] = {}
    for k, f in enumerate(result.facts):
        for g in f.figures:
            where[(f.article.id, g.quantity.start)] = k

    def judge(aid_a: str, start_a: int, aid_b: str, start_b: int) -> bool | None:
        i, j = where.get((aid_a, start_a)), where.get((aid_b, start_b))
        if i is None or j is None:
            return None
        fa, fb = result.facts[i], result.facts[j]
        v = result.pairs.get((min(i, j), max(i, j)))
        if v is not None:
            qa = next(g for g in fa.figures if g.quantity.start == start_a)
            qb = next(g for g in fb.figures if g.quantity.start == start_b)
            if qa.kind != qb.kind:
                return False if qa.kind.endswith(":total") != qb.kind.endswith(":total") else None
            ga = [g for g in fa.figures if g.kind == qa.kind]
            gb = [g for g in fb.figures if g.kind == qb.kind]
            if len(ga) == 1 and len(gb) == 1:
                return True  # one fact, one figure of this kind each: one measure of one thing
            # a figure that agrees with another figure of the other fact is that one's counterpart, not this one's
            if any(g is not qb and g.lo <= qa.hi and qa.lo <= g.hi for g in gb) or any(g is not qa and g.lo <= qb.hi and qb.lo <= g.hi for g in ga):
                return False
            return None
        if fa.subjects and fb.subjects and not fa.subjects & fb.subjects:
            return False
        ka = next((g.kind for g in fa.figures if g.quantity.start == start_a), "")
        kb = next((g.kind for g in fb.figures if g.quantity.start == start_b), "")
        if ka.endswith(":total") != kb.endswith(":total"):
            return False  # a total and one party's share
        return None

    return judge


def mark_conflicting(claims: list[StoryClaim], discrepancies: list[Discrepancy]) -> None:
    """A story claim holding both sides of a discrepancy (a verified conflict inside its group) is 'conflicting'.

    A quote worded differently is not one: the outlets disagree on the speaker's words, not on the fact (the quote
    discrepancy reports the wording); nor is an attribution difference or an explained difference."""
    for c in claims:
        if len(c.article_ids) < 2:
            continue
        spans = {(e.article_id, e.span.start, e.span.end) for e in c.evidence}

        def inside(side: DiscrepancySide) -> bool:
            return any(any(a == e.article_id and s0 <= e.span.start < s1 for a, s0, s1 in spans) for e in side.evidence)

        for d in discrepancies:
            if d.kind in (DiscrepancyKind.attribution, DiscrepancyKind.quote) or d.explanation:
                continue
            if sum(inside(s) for s in d.sides) >= 2:
                c.status = ClaimStatus.conflicting
                break
