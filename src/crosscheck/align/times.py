"""Time-of-day discrepancies: one fact, different clock times from different outlets.

Fact alignment groups the statements of one fact ("the building collapsed about 1:30 a.m." / "... collapsed around
2 AM"). Within a group, each article's time of day for the fact is compared with the others': in UTC when the
outlets give a time zone, else as local times; and only the times of one happening, the predicate of the clause
each time sits in (what most of the group's times are the times of: "touch down", "collapse"). An outlet giving
one time in two notations ("18:04 local time (12:34 GMT)") states one time; a time written without a.m./p.m. ("at 6:04") matches either reading; an outlet
giving two different times for one fact names two moments and is left out. Different times are reported with both
sides' evidence, also when the hedges cover the difference ("about 1:30 a.m." and "about 1:40 a.m."), then with
that explanation.
"""

from __future__ import annotations

from collections import Counter

from ..model import Discrepancy, DiscrepancyKind, DiscrepancySide, Evidence, Span
from ..text import shorten
from .claims import WEAK_PREDICATES

_DAY = 24 * 60


def _readings(fig) -> frozenset[float]:  # noqa: ANN001 - a facts_view.Figure of a clock kind
    """The minutes after midnight (UTC or local, as the figure's kind says) the time may stand for."""
    q = fig.quantity
    minutes = (q.value_si / 60 if fig.kind == "clock:utc" else q.value) % _DAY
    notations = q.text[q.text.rfind("[") :]
    ambiguous = fig.kind == "clock:local" and " or " in notations  # "at 6:04": 06:04 or 18:04
    return frozenset({minutes, (minutes + 12 * 60) % _DAY} if ambiguous else {minutes})


def _happenings(found: list) -> set[str]:
    """The predicates of the clauses (extraction's facts) that hold the times found, reporting verbs and other
    predicates too weak to name a happening left out."""
    out = set()
    for f, fig in found:
        qid = fig.quantity.id
        out |= {x.predicate for x in f.article.facts if qid in x.when and x.predicate not in WEAK_PREDICATES}
    return out


def _kind_for(by_kind: dict[str, dict[str, list]]) -> str:
    """Compare in UTC when at least as many articles give the zone as give a local time only."""
    return max(by_kind, key=lambda k: (len(by_kind[k]), k == "clock:utc"))


def time_discrepancies(result, slack: float) -> list[Discrepancy]:  # noqa: ANN001 - claims.Alignment
    """Discrepancies of kind ``time`` within the fact groups of ``result``; ``slack``: minutes either side of a
    hedged time (``AlignSettings.clock_hedge_minutes``)."""
    out = []
    for claim, group in zip(result.claims, result.groups):
        by_kind: dict[str, dict[str, list]] = {"clock:utc": {}, "clock:local": {}}
        for i in group:
            f = result.facts[i]
            for fig in f.figures:
                if fig.kind in by_kind:
                    by_kind[fig.kind].setdefault(f.article.id, []).append((f, fig))
        by_article = by_kind[_kind_for(by_kind)]
        # the time of what? the predicate of the clause each time sits in; only times of one happening are compared
        # (a first call "came in at 1:38" and a building "collapsed about 1:40" are two moments of one story)
        happening = {aid: _happenings(found) for aid, found in by_article.items()}
        counts = Counter(p for ps in happening.values() for p in sorted(ps))  # sorted: ties never follow set order
        if not counts:
            continue
        what, n = counts.most_common(1)[0]
        if n < 2:
            continue
        stated = {}
        for aid, found in by_article.items():
            readings = {_readings(fig) for _f, fig in found}
            if len(readings) == 1 and what in happening[aid]:  # two different times for one fact: two moments
                stated[aid] = (readings.pop(), found)
        if len(stated) < 2:
            continue
        sides: list[tuple[frozenset[float], list[str]]] = []
        for aid, (readings, _found) in sorted(stated.items()):
            for k, (side_readings, aids) in enumerate(sides):
                common = side_readings & readings
                if common:
                    sides[k] = (frozenset(common), [*aids, aid])
                    break
            else:
                sides.append((readings, [aid]))
        if len(sides) < 2:
            continue
        out.append(_discrepancy(claim.text, sides, stated, slack))
    return out


def _gap(a: float, b: float) -> float:
    d = abs(a - b) % _DAY
    return min(d, _DAY - d)


def _discrepancy(fact: str, sides, stated, slack: float) -> Discrepancy:  # noqa: ANN001
    parts, dsides, spans = [], [], []
    for readings, aids in sides:
        evidence, exact = [], False
        for aid in aids:
            f, fig = stated[aid][1][0]
            evidence.append(Evidence(article_id=aid, span=Span(start=f.claim.start, end=f.claim.end, text=f.claim.text)))
            exact = exact or fig.quantity.hedge_kind.value == "exact"
        value = stated[aids[0]][1][0][1].quantity.text.split(" [")[0]  # as the side's first outlet writes it
        dsides.append(DiscrepancySide(article_ids=sorted(aids), value=value, evidence=evidence))
        parts.append(f"{value} ({', '.join(sorted(aids))})")
        spans.append((readings, 0 if exact else slack))  # one exact statement pins the side's time
    compatible = all(
        any(_gap(r, t) <= ha + hb for r in ra for t in rb) for n, (ra, ha) in enumerate(spans) for rb, hb in spans[n + 1 :]
    )
    return Discrepancy(
        kind=DiscrepancyKind.time,
        summary=f"time of “{shorten(fact, 90)}”: " + " vs ".join(parts),
        sides=dsides,
        explanation="the hedges make these times compatible" if compatible else None,
    )


__all__ = ["time_discrepancies"]
