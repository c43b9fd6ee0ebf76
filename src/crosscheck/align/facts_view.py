"""Fact views: the slots alignment compares, built from today's extraction output.

A :class:`FactView` is one article claim seen as a fact: who acts (``subjects``) and on whom (``objects``),
everyone named (``who``), the predicate (main verb lemma, with negation and hedging), the figures with what
each counts (``figures``), the days it gives, whom the text attributes it to, and the quoted words of a speaker.

This is the adapter between extraction and alignment: :func:`fact_views` builds the slots from
:class:`~crosscheck.model.Claim` (parsing its text with the one spaCy pipeline). When extraction's structured
``Fact`` units land, only this module changes: alignment reads FactView slots and nothing else of a claim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ..clean.sections import terms
from ..lexicon import DEMONYM_SUFFIXES, HEDGE_WORDS, NEGATION_WORDS, TOTAL_CUES
from ..model import Article, Claim, Quantity, Story
from .numbers import _dimension, interval, outcome, _window


_TOTAL = re.compile(TOTAL_CUES, re.I)


def name_stem(word: str) -> str:
    """'Kordavian', 'Kordavia' -> 'kordav': a nation, its people and its forces as one side."""
    w = word.lower().replace("’", "'").removesuffix("'s")
    for suf in sorted(DEMONYM_SUFFIXES, key=len, reverse=True):
        if w.endswith(suf) and len(w) - len(suf) >= 4:
            w = w[: -len(suf)]
            break
    return "~" + w.rstrip("aeiouy")


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


def _numbers(text: str) -> set[str]:
    return set(re.findall(r"\d[\d,.]*\d|\d", text))


def figure_kind(article: Article, q: Quantity) -> str:
    """What a figure measures, as far as its unit and the words around it say: 'count:people:killed', 'money:EUR'."""
    dim = _dimension(q.unit)
    around = article.text[max(0, q.start - 25) : q.end + 15]
    if _TOTAL.search(around):
        return f"{dim}:total"  # a sum over parties: never one party's share
    m = re.match(r"\s*\d[\d,.]*-\w+\s+(\w+)", article.text[q.start : q.end + 30])
    if m and dim in ("length", "area", "mass"):  # "a 22-foot vessel": a property of the noun it modifies, not a distance or a count of anything
        return f"{dim}:of:{m.group(1).lower()}"
    if dim.startswith("count:people"):
        return f"{dim}:{outcome(_window(article, q)) or '-'}"
    if dim.startswith("count:"):
        return dim
    return dim


def _parse_slots(doc, view: FactView, names: dict[str, str], pattern: re.Pattern[str] | None, places: set[str]) -> None:  # noqa: ANN001
    """Subject/object actors, predicate lemma and negation from the dependency parse of the claim."""
    sent = next(iter(doc.sents), None) if len(doc) else None
    if sent is None:
        return
    root = sent.root
    # the reported clause carries the fact: "X said Y attacked Z" -> attacked
    for c in root.children:
        if c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX") and root.lemma_ in REPORTING_LEMMAS:
            root = c
            break
    view.predicate = root.lemma_.lower()
    view.negated = any(c.dep_ == "neg" or c.lower_ in NEGATION_WORDS for c in root.children)
    view.hedged = any(c.lower_ in HEDGE_WORDS for c in root.children) or any(t.lower_ in HEDGE_WORDS for t in sent if t.dep_ == "aux")

    def actors_in(tok) -> set[str]:  # noqa: ANN001
        # the phrase itself, not the clauses hanging off it ("a ceasefire, mediated by Norway": Norway is no object)
        keep, todo = [], [tok]
        while todo:
            t = todo.pop()
            keep.append(t)
            todo.extend(c for c in t.children if c.dep_ not in CLAUSE_DEPS)
        words = " ".join(t.text for t in sorted(keep, key=lambda t: t.i))
        found = {names[m] for m in pattern.findall(words)} if pattern else set()
        # nations and their people ("Kordavian forces", "Kordavia"): one side, named or not among the story's actors
        return found | {name_stem(n) for n in found if n in places} | {
            name_stem(t.text)
            for t in keep
            if t.pos_ == "ADJ" and t.text[:1].isupper() and (t.i > t.sent.start or t.lower_.endswith(DEMONYM_SUFFIXES))
        }

    for c in root.children:
        if c.dep_ in ("nsubj", "agent"):  # who acts ("by Russian forces" in a passive)
            view.subjects |= actors_in(c)
        elif c.dep_ in ("nsubjpass", "dobj", "obj", "dative") or (c.dep_ == "prep" and c.lower_ in ("on", "against", "at")):
            view.objects |= actors_in(c)


CLAUSE_DEPS = frozenset({"acl", "relcl", "advcl", "ccomp", "xcomp", "appos", "punct"})
REPORTING_LEMMAS = frozenset({"say", "tell", "state", "announce", "report", "add", "confirm", "claim", "write"})


def fact_views(story: Story, articles: dict[str, Article], origin_key) -> list[FactView]:  # noqa: ANN001
    """One FactView per on-topic claim of the story's analysed articles, in article order."""
    from ..extract.nlp import get_nlp

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
                    slack = 30 if q.hedge_kind.value != "exact" else 0
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
            views.append(v)
    if views:
        names: dict[str, str] = {}
        for a in story.actors:
            for alias in [a.name, *a.aliases]:
                if alias:
                    names[alias] = a.name
        places = {a.name for a in story.actors if a.type.value == "place"}
        alts = "|".join(re.escape(x) for x in sorted(names, key=len, reverse=True))
        pattern = re.compile(rf"\b({alts})\b") if names else None
        nlp = get_nlp()
        # the parse, lemmas and tags are all the slots need: no entity recogniser (half the parsing time)
        for v, doc in zip(views, nlp.pipe((v.text for v in views), batch_size=128, disable=["ner"])):
            _parse_slots(doc, v, names, pattern, places)
    return views


__all__ = ["FactView", "Figure", "fact_views", "figure_kind"]
