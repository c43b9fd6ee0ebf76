"""Fact views: the slots alignment compares, built from today's extraction output.

A :class:`FactView` is one article claim seen as a fact: who acts (``subjects``) and on whom (``objects``),
everyone named (``who``), the predicate (main verb lemma, with negation and hedging), the figures with what
each counts (``figures``), the days it gives, whom the text attributes it to, and the quoted words of a speaker.

This is the adapter between extraction and alignment: :func:`fact_views` builds the slots from each
:class:`~crosscheck.model.Claim` and the structured :class:`~crosscheck.model.Fact` extraction made of its
clause (predicate, negation, hedge, the sides that act and are acted on): nothing is parsed again here, so the
story stages never load the spaCy pipeline. Alignment reads FactView slots and nothing else of a claim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ..clean.sections import singular, terms
from ..lexicon import RANK_CLASS_STOP, RANK_ORDINALS, RANK_SUPERLATIVES, TOTAL_CUES
from ..model import Article, Claim, Fact, Quantity, Story
from .numbers import _dimension, interval, outcome, _window


_TOTAL = re.compile(TOTAL_CUES, re.I)


@dataclass(frozen=True)
class Figure:
    """A figure of a fact: its kind (unit dimension, and for people counts what happened to them) and value."""

    kind: str
    lo: float
    hi: float
    quantity: Quantity


@dataclass
class FactView:
    id: str
    article: Article
    claim: Claim
    text: str
    terms: set[str]
    who: set[str] = field(default_factory=set)
    subjects: set[str] = field(default_factory=set)
    objects: set[str] = field(default_factory=set)
    predicate: str | None = None
    negated: bool = False
    hedged: bool = False
    figures: list[Figure] = field(default_factory=list)
    days: set[date] = field(default_factory=set)
    attribution: str | None = None
    speaker: str | None = None
    quoted: str = ""
    lead: bool = False
    ranks: list[frozenset[str]] = field(default_factory=list)
    reported: bool = False  # extraction's fact is someone's word ('X declared that ...'), even with no claim-level source


_RANK = re.compile(r"\b(" + "|".join(sorted(RANK_ORDINALS)) + r"|\d+(?:nd|rd|th))\b[- ]((?:[^.,;:!?\n]|\.(?!\s+(?-i:[A-Z])|\s*$)){0,80})", re.I)


def ranks(text: str) -> list[frozenset[str]]:
    """What each rank in a text ranks: the class words after an ordinal ("second California bank to shut down this
    week" -> {california, bank, shut, down, week}), size superlatives made one ("biggest" = "largest")."""
    out = []
    for m in _RANK.finditer(text):
        words = re.findall(r"[a-z][a-z.']*", m.group(2).lower())[:8]
        cls = set()
        for w in words:
            w = w.replace(".", "").strip("'")
            if not w or w in RANK_CLASS_STOP:
                continue
            w = singular(w)
            cls.add(RANK_SUPERLATIVES.get(w, w))
        if cls:
            out.append(frozenset(cls))
    return out


def ranks_differ(a: list[frozenset[str]], b: list[frozenset[str]]) -> bool:
    """Both facts rank something, and no rank of one ranks what a rank of the other does (the smaller class is
    not mostly inside the larger)."""
    if not a or not b:
        return False
    return not any(len(x & y) >= 0.5 * min(len(x), len(y)) for x in a for y in b)


def _numbers(text: str) -> set[str]:
    return set(re.findall(r"\d[\d,.]*\d|\d", text))


def figure_kind(article: Article, q: Quantity) -> str:
    """What a figure measures, as far as its unit and the words around it say: 'count:people:killed', 'money:EUR'."""
    dim = _dimension(q.unit)
    around = article.text[max(0, q.start - 25) : q.end + 15]
    if _TOTAL.search(around):
        return f"{dim}:total"  # a sum over parties: never one party's share
    m = re.match(r"\s*(?:\d[\d,.]*|[a-z]+)-\w+\s+(\w+)", article.text[q.start : q.end + 30])
    if m and dim in ("length", "area", "mass", "time"):  # "a 22-foot vessel", "a 30-day ceasefire": a property of the noun it modifies, not a distance or a count of anything
        return f"{dim}:of:{m.group(1).lower()}"
    if dim.startswith("count:people"):
        return f"{dim}:{outcome(_window(article, q)) or '-'}"
    if dim.startswith("count:"):
        return dim
    return dim


REPORTING_LEMMAS = frozenset({"say", "tell", "state", "announce", "report", "add", "confirm", "claim", "write"})


def claim_fact(article: Article, claim: Claim) -> Fact | None:
    """The fact a claim states: the first of its sentence's facts that starts inside it (its main or reported
    clause), else the first that overlaps it."""
    facts = [f for f in article.facts if f.sentence == claim.sentence] if claim.sentence else article.facts
    inside = next((f for f in facts if claim.start <= f.start < claim.end), None)
    return inside or next((f for f in facts if f.start < claim.end and claim.start < f.end), None)


def _fill_slots(view: FactView, fact: Fact, origin_key) -> None:  # noqa: ANN001
    """Predicate, negation, hedge and the sides from extraction's fact unit (no second parse)."""
    view.predicate = fact.predicate.removeprefix("not ")
    view.negated = fact.negated
    view.hedged = fact.hedged

    def side(name: str) -> str:
        return name if name.startswith("~") else (origin_key(name) or name)

    view.subjects = {side(n) for n in fact.subjects}
    view.objects = {side(n) for n in fact.objects}
    view.reported = fact.attribution is not None


def fact_views(story: Story, articles: dict[str, Article], origin_key, clock_hedge: float) -> list[FactView]:  # noqa: ANN001
    """One FactView per on-topic claim of the story's analysed articles, in article order. ``clock_hedge``: minutes
    either side of a hedged time of day (``AlignSettings.clock_hedge_minutes``)."""
    views: list[FactView] = []
    for aid in story.article_ids:
        art = articles[aid]
        if not art.ok:
            continue
        paras = [m.end() for m in re.finditer(r"\n\s*\n", art.text)]
        lead_end = paras[1] if len(paras) >= 2 else len(art.text)
        for c in art.claims:
            v = FactView(id=c.id, article=art, claim=c, text=c.text, terms=set(terms(c.text)) | _numbers(c.text))
            v.who = {origin_key(a.name) or a.name for a in art.actors_of(c)}
            v.attribution = origin_key(c.attributed_to)
            for q in art.quantities_of(c):
                if q.unit == "clock":
                    # a time of day: minutes after local midnight (or seconds after UTC midnight when the zone is known)
                    utc = q.value_si is not None and q.utc_offset is not None
                    val = q.value_si / 60 if utc else q.value
                    slack = clock_hedge if q.hedge_kind.value != "exact" else 0
                    v.figures.append(Figure("clock:utc" if utc else "clock:local", val - slack, val + slack, q))
                    continue
                lo, hi = interval(q)
                v.figures.append(Figure(figure_kind(art, q), lo, hi, q))
            v.days = {d.resolved for d in art.dates_of(c) if d.resolved and d.granularity == "day"}
            direct = [q for q in art.quotes_of(c) if q.direct]
            if direct:
                v.speaker = origin_key(direct[0].speaker)
                v.quoted = " ".join(q.text for q in direct)
            v.lead = c.start < lead_end
            v.ranks = ranks(c.text)
            fact = claim_fact(art, c)
            if fact is not None:
                _fill_slots(v, fact, origin_key)
            views.append(v)
    return views


__all__ = ["FactView", "Figure", "claim_fact", "fact_views", "figure_kind", "ranks", "ranks_differ"]
