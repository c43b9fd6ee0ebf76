"""Numeric discrepancies: the same quantity reported with different values.

Two quantities from different articles measure the same thing when their
units agree (or convert: km² and square miles) and the words around them say
the same (a window of the sentence with the numbers masked, compared by
embeddings and shared words): "more than 400 prisoners" and "approximately 430
Ukrainian soldiers have been taken captive". Values are compared as
intervals that respect hedges and the rounding the text shows; a difference
that the hedges, rounding or a later publication date can explain is still
reported, with that explanation.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from ..clean.sections import terms
from ..lexicon import INTENT_CUES
from ..units import BARE
from ..model import Article, Discrepancy, DiscrepancyKind, DiscrepancySide, Evidence, Hedge, Quantity, Span, Story

WINDOW = 7  # words either side of a quantity that describe what it counts
# window similarity for two quantities to be the same measure: alone (HI), or with a shared word (LO)
SIM_HI = {"minilm": 0.5, "static": 0.8}
SIM_LO = {"minilm": 0.4, "static": 0.7}
# what happened to the people counted: figures of different outcomes are different measures
OUTCOMES = {
    "killed": re.compile(r"\b(?:kill(?:ed|ing)?|dead|deaths?|died|death toll|lives|bodies|fatalities|perished)\b", re.I),
    "injured": re.compile(r"\b(?:injur(?:ed|ies|y)|wounded|hurt|hospitali[sz]ed)\b", re.I),
    "missing": re.compile(r"\b(?:missing|unaccounted)\b", re.I),
    "displaced": re.compile(r"\b(?:evacuat(?:ed|ion)|displaced|homeless|fled|shelters?)\b", re.I),
    "captured": re.compile(r"\b(?:captur(?:ed|ing)|captive|prisoners?|taken prisoner|surrendered|POWs?)\b", re.I),
    "detained": re.compile(r"\b(?:arrest(?:ed|s)|detain(?:ed|ees?)|in custody)\b", re.I),
    "rescued": re.compile(r"\b(?:rescued|saved|pulled (?:out|alive))\b", re.I),
    "freed": re.compile(r"\b(?:freed|released)\b", re.I),
}


def outcome(window: str) -> str | None:
    """The outcome a people count is about, from the words nearest the number."""
    centre = window.find("N ")
    if centre < 0:
        centre = window.find("N")
    # "N people were still missing": the words after the number, up to the end of the clause, come first
    right = re.split(r"[,;.]", window[centre:], maxsplit=1)[0]
    for k, pat in OUTCOMES.items():
        if pat.search(right):
            return k
    hits = [(m.start(), k) for k, pat in OUTCOMES.items() for m in pat.finditer(window[:centre])]
    return max(hits)[1] if hits else None


_VAGUE = re.compile(r"\b(?:dozens?|hundreds|thousands|millions|scores|several|few|many|numerous)\b", re.I)
_INCREMENT = re.compile(r"\b(?:more|another|additional|further|extra|other)\s*$", re.I)
_INTENT = re.compile(INTENT_CUES, re.I)

_PEOPLE = {"person", "people", "prisoner", "soldier", "troop", "civilian", "worker", "resident", "hostage", "victim", "fighter", "child", "man", "woman", "patient", "migrant", "refugee", "passenger", "casualty", "death", "body", "officer", "member", "student", "employee", "individual", "injury", "survivor", "rescuer", "firefighter", "explorer", "crew", "staff", "resident", "hostage", "captive", "soul"}


@dataclass
class QItem:
    article: Article
    q: Quantity
    window: str
    terms: set[str]
    intended: bool = False  # an aim, plan or design limit, not a measure of what happened


def _dimension(unit: str) -> str:
    if unit in ("km2", "mi2", "ha", "acre"):
        return "area"
    if unit in ("km", "mi", "m", "ft"):
        return "length"
    if unit in ("kg", "t"):
        return "mass"
    if unit in ("day", "week", "month", "year", "hour", "minute"):
        return "time"
    if unit in ("USD", "EUR", "GBP", "JPY", "RUB", "UAH"):
        return "money:" + unit
    if unit in ("%", "degC", "degF"):
        return unit
    return "count:people" if unit in _PEOPLE else "count:" + unit


from ..units import rounding  # noqa: E402  (one units module)


def comparable_value(q: Quantity) -> float:
    return q.value_si if q.value_si is not None else q.value


def interval(q: Quantity) -> tuple[float, float]:
    v = comparable_value(q)
    scale = v / q.value if q.value else 1.0
    r = rounding(q.value) * scale
    hi_v = comparable_value(q) if q.value_max is None else q.value_max * scale
    k = q.hedge_kind
    if k == Hedge.approximate:
        return v * 0.9 - r, hi_v * 1.1 + r
    if k == Hedge.lower_bound:
        return v, hi_v * 1.25 + r
    if k == Hedge.upper_bound:
        return v * 0.8 - r, hi_v
    return v - r, hi_v + r


def _sentence_bounds(article: Article, at: int) -> tuple[int, int]:
    """The sentence holding offset ``at``, from the article's one segmentation (its line without one)."""
    s = article.sentence_at(at)
    if s is not None:
        return s.start, s.end
    text = article.text
    end = text.find("\n", at)
    return text.rfind("\n", 0, at) + 1, end if end >= 0 else len(text)


def _intended(article: Article, q: Quantity) -> bool:
    """The figure is an aim, a plan or a design limit ("aimed to travel up to 20,000 feet"): an intent cue between its
    sentence's start and the figure."""
    s0, _s1 = _sentence_bounds(article, q.start)
    return bool(_INTENT.search(article.text[max(s0, q.start - 120) : q.start]))


def _window(article: Article, q: Quantity) -> str:
    """Words around a quantity within its sentence, the number masked."""
    text = article.text
    s0, s1 = _sentence_bounds(article, q.start)
    left = re.findall(r"\S+", text[max(s0, q.start - 120) : q.start])[-WINDOW:]
    right = re.findall(r"\S+", text[q.end : min(s1, q.end + 120)])[:WINDOW]
    # the unit words stay, the number itself is masked: "more than N prisoners" ~ "approximately N soldiers taken captive"
    own = re.sub(r"\d[\d,.]*", "N", q.text)
    # every other figure is masked too, so that a neighbouring number does not make two windows alike
    mask = lambda ws: [re.sub(r"\d[\d,.:]*", "#", w) for w in ws]  # noqa: E731
    return " ".join(mask(left) + [own] + mask(right))


def _fmt(q: Quantity) -> str:
    return q.text


def numeric_discrepancies(
    story: Story, articles: dict[str, Article], embedder: str | None = None, judge: Callable[[str, int, str, int], bool | None] | None = None
) -> list[Discrepancy]:
    """``judge(article_a, start_a, article_b, start_b)``: whether fact alignment verified the two figures' facts as one
    (True), as different facts (False), or has no say (None); it overrides the figure windows either way."""
    items = []
    for aid in story.article_ids:
        art = articles[aid]
        converted = {(q.conversion.converted.start, q.conversion.converted.end) for q in art.quantities if q.conversion}
        for q in art.quantities:
            age = "year-old" in q.text or "years old" in art.text[q.end : q.end + 12]
            if q.unit in ("clock", BARE):
                continue  # times of day (issue 11) are compared by the lead's alignment work; bare numbers count nothing
            if (q.start, q.end) in converted or (_dimension(q.unit).startswith("time") and not age):
                continue  # a bracketed conversion repeats its original; durations rarely conflict as facts
            if q.value_max is not None or (not re.search(r"\d", q.text) and _VAGUE.search(q.text)):
                continue  # ranges and vague amounts ("dozens of people") state no single figure
            # "three more settlements" is an increment, not a total
            if _INCREMENT.search(art.text[max(0, q.start - 12) : q.start]) or re.match(r"\s*\w*\s*more\b", art.text[q.start : q.end].split(" ", 1)[-1] if " " in q.text else ""):
                continue
            w = _window(art, q)
            items.append(QItem(art, q, w, set(terms(w)), _intended(art, q)))
    if len(items) < 2:
        return []
    vecs, name = None, None
    if embedder != "none":
        from ..embeddings import get_embedder

        try:
            emb = get_embedder(embedder)
            vecs, name = emb.encode([it.window for it in items]), emb.name
        except Exception:  # noqa: BLE001
            vecs = None
    n = len(items)
    pairs = []
    sims: dict[tuple[int, int], float] = {}
    for i in range(n):
        for j in range(i + 1, n):
            a, b = items[i], items[j]
            if a.article.id == b.article.id or _dimension(a.q.unit) != _dimension(b.q.unit):
                continue
            if a.intended != b.intended:
                continue  # an aim or a design limit is not one measure with what was observed
            same_outcome = False
            if _dimension(a.q.unit).startswith("count"):
                oa, ob = outcome(a.window), outcome(b.window)
                if oa != ob and (oa or ob):
                    continue  # "300 injured" vs "1,900 workers": different outcomes, or one without any
                same_outcome = bool(oa and oa == ob)
            shared = a.terms & b.terms
            verdict = judge(a.article.id, a.q.start, b.article.id, b.q.start) if judge else None
            if verdict is False:
                continue  # different facts (one donor's pledge and another's)
            if vecs is not None:
                sim = float(vecs[i] @ vecs[j])
                hi, lo = SIM_HI.get(name, 0.8), SIM_LO.get(name, 0.7)
                # people counts of the same outcome (killed, captured...) need only loose context agreement
                ok = sim >= hi or (sim >= lo and len(shared) >= 1) or (same_outcome and sim >= lo / 2)
            else:
                sim = len(shared) / len(a.terms | b.terms) if a.terms | b.terms else 0.0
                ok, lo = len(shared) >= 2, 0.0
            if verdict:
                ok, sim = True, max(sim, 1.0)  # verified facts: one measure of one thing, wherever the figures sit
            sims[(i, j)] = sims[(j, i)] = sim
            if ok:
                pairs.append((sim + 0.05 * len(shared), i, j))
    # best pairs first; a cluster holds one quantity per article (two figures in one article are two facts),
    # and joins another only if they are alike on average (average link), not through one pair
    group = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    for _sim, i, j in sorted(pairs, reverse=True):
        gi, gj = group[i], group[j]
        if gi == gj:
            continue
        if {items[x].article.id for x in members[gi]} & {items[x].article.id for x in members[gj]}:
            continue
        cross = [sims.get((x, y), 0.0) for x in members[gi] for y in members[gj]]
        if len(cross) > 1 and sum(cross) / len(cross) < (SIM_LO.get(name, 0.7) / 2 if vecs is not None else 0.0):
            continue
        for x in members[gj]:
            group[x] = gi
        members[gi] += members.pop(gj)
    clusters = members
    out = []
    for idx in clusters.values():
        members = [items[i] for i in idx]
        if len({m.article.id for m in members}) < 2:
            continue
        d = _compare(members, story, items)
        if d is not None:
            out.append(d)
    return out


def _compare(members: list[QItem], story: Story, story_items: list[QItem]) -> Discrepancy | None:
    """A discrepancy when the members state different values (beyond identical or converted values)."""
    # sides: members with the same comparable value (within rounding) form one side
    sides: list[list[QItem]] = []
    for m in sorted(members, key=lambda m: comparable_value(m.q)):
        v = comparable_value(m.q)
        for side in sides:
            u = comparable_value(side[0].q)
            # one figure when within the precision each shows, "10" read as exact ("10 injured" vs "Eleven
            # injuries" are two figures; "nearly 100" and "99" one)
            tol = max(
                rounding(m.q.value, 2) * (v / m.q.value if m.q.value else 1),
                rounding(side[0].q.value, 2) * (u / side[0].q.value if side[0].q.value else 1),
            )
            if abs(u - v) <= tol and m.q.hedge_kind == side[0].q.hedge_kind:
                side.append(m)
                break
        else:
            sides.append([m])
    values = {round(comparable_value(s[0].q), 6) for s in sides}
    if len(values) < 2:
        return None
    if _coexist(sides, story_items):
        return None  # one source gives both figures: they measure different things (14 freed, 17 kidnapped)
    derived = _derived(sides, story_items)
    if derived:
        return None  # one figure is another's share, as the text itself says: no conflict
    intervals = [interval(s[0].q) for s in sides]
    lo = max(a for a, _ in intervals)
    hi = min(b for _, b in intervals)
    explanation = []
    if lo <= hi:
        explanation.append("the hedges and rounding make these figures compatible")
    dates = {m.article.published for m in members if m.article.published}
    if len(dates) > 1:
        by_val = {}
        for s in sides:
            ds = sorted({m.article.published for m in s if m.article.published})
            if ds:
                by_val[s[0].q.text] = ds[-1]
        if len(set(by_val.values())) > 1:
            latest = max(by_val, key=lambda k: by_val[k])
            explanation.append(f"'{latest}' comes from a later report ({by_val[latest].isoformat()})")
    thing = _thing(members)
    summary = f"{thing}: " + " vs ".join(f"{s[0].q.text} ({', '.join(sorted({m.article.id for m in s}))})" for s in sides)
    return Discrepancy(
        kind=DiscrepancyKind.numeric,
        summary=summary,
        sides=[
            DiscrepancySide(
                article_ids=sorted({m.article.id for m in s}),
                value=s[0].q.text,
                evidence=[Evidence(article_id=m.article.id, span=_sentence(m)) for m in s],
            )
            for s in sides
        ],
        explanation="; ".join(explanation) or None,
    )


def _same_sentence(article: Article, a: int, b: int) -> bool:
    return _sentence_bounds(article, a) == _sentence_bounds(article, b)


def _coexist(sides: list[list[QItem]], story_items: list[QItem]) -> bool:
    """True when one article states the values of two sides (same dimension), so they are not rival figures."""
    dims = {_dimension(s[0].q.unit) for s in sides}
    by_article: dict[str, list[float]] = {}
    for m in story_items:
        if _dimension(m.q.unit) in dims:
            by_article.setdefault(m.article.id, []).append(comparable_value(m.q))
    for values in by_article.values():
        hit = 0
        for s in sides:
            if any(abs(comparable_value(m.q) - x) <= 0.005 * abs(x) + 1e-9 for m in s for x in values):
                hit += 1
        if hit >= 2:
            return True
    return False


def _derived(sides: list[list[QItem]], story_items: list[QItem]) -> str | None:
    """A side that is a share of a larger figure the sources give ('about 1,100 km²' = 86% of 1,300 km²).

    Then the figures are consistent (the share of the other side) or measure different things (the share of
    a third figure): either way, not a conflict.
    """
    pcts = {(m.article.id, q.start): (m.article, q) for m in story_items for q in m.article.quantities if q.unit == "%"}
    for side in sides:
        small = side[0]
        vs = comparable_value(small.q)
        lo, hi = interval(small.q)
        for base in story_items:
            if _dimension(base.q.unit) != _dimension(small.q.unit) or base.q is small.q:
                continue
            vb = comparable_value(base.q)
            if not vb or vs >= vb:
                continue
            for art, p in pcts.values():
                # the share must be stated beside one of the two figures (same sentence)
                near = [x for x in (small, base) if x.article.id == art.id and _same_sentence(art, p.start, x.q.start)]
                if not near:
                    continue
                est = vb * p.value / 100
                if lo <= est <= hi and abs(est - vs) <= 0.05 * vs:
                    return f"{small.q.text} is {p.text} of {base.q.text} (about {est:,.0f})"
    return None


def _thing(members: list[QItem]) -> str:
    counts = [m.q.counts or m.q.unit for m in members if (m.q.counts or m.q.unit)]
    if counts:
        return max(dict.fromkeys(counts), key=counts.count)  # ties: the first mentioned, never set order
    return "figure"


def _sentence(m: QItem) -> Span:
    s, e = _sentence_bounds(m.article, m.q.start)
    return Span(start=s, end=e, text=m.article.text[s:e])


__all__ = ["numeric_discrepancies", "interval", "rounding"]
