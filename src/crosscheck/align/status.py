"""Status discrepancies: incompatible states of one thing ("captured" vs "fighting continues in and around").

A small lexicon of state phrases in pairs of incompatible classes (control
taken / still contested; open / closed; accepted /
rejected or undecided) is matched in each claim; the thing the state is about
is the nearest place, organisation or named facility in the same sentence.
The same thing in incompatible states in two articles is a ``status``
discrepancy; within one article, ``internal``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Actor, Article, Discrepancy, DiscrepancyKind, DiscrepancySide, Evidence, Span, Story

STATES: dict[str, re.Pattern[str]] = {
    "taken": re.compile(r"\b(?:captur(?:ed|ing|e)|seiz(?:ed|ing)|took|taken|retook|retaken|recaptur(?:ed|ing)|fell to|cede[ds]?|ceding|lost control|liberat(?:ed|ing)|under (?:the )?(?:full )?control of|pushed (?:\w+ )?out of)\b", re.I),
    "contested": re.compile(r"\b(?:fighting (?:continued|continues|was continuing|is continuing|raged|rages|goes on|went on)|(?:still|remain(?:ed|s)?) contested|still (?:holding|held|defending)|battles? (?:for|over) (?:the )?(?:town|city|village)? ?(?:continued|continues|raged|rages))\b", re.I),
    "open": re.compile(r"\b(?:reopen(?:ed|s)?|re-open(?:ed|s)?|open(?:ed)? (?:again|to traffic)|back in (?:service|operation)|resumed (?:operations|service|flights|traffic))\b", re.I),
    "closed": re.compile(r"\b(?:remain(?:s|ed)? (?:closed|shut|blocked|impassable|cut)|stays? (?:closed|shut|blocked)|still (?:closed|shut|blocked|impassable)|(?:was|were|is|are) (?:closed|shut|blocked|impassable)|clos(?:ed|ure) (?:to|for)|out of (?:service|action))\b", re.I),
    "accepted": re.compile(r"\b(?:accepted|agreed to|has agreed|backed|endorsed|approved|signed up to)\b", re.I),
    "rejected": re.compile(r"\b(?:rejected|refused|turned down|has yet to (?:formally )?respond|silent on whether|not (?:yet )?(?:accepted|agreed))\b", re.I),
}
# not "freed" vs "still held": "14 freed" and "three still held" are usually different people, not a conflict
CONFLICTS = {("taken", "contested"), ("open", "closed"), ("accepted", "rejected")}
_FACILITY = re.compile(r"\b(?:[A-Z][\w'-]+ )?(?:airport|bridge|border crossing|crossing|port|station|railway|rail line|highway|motorway|road|tunnel|plant|mine|dam|power station|hospital)\b")
_PLACE_KIND = {"place", "other"}
_PARTY_STATES = {"accepted", "rejected"}


@dataclass
class StatusHit:
    article: Article
    thing: str
    state: str
    span: Span


def _nearest_thing(article: Article, s0: int, s1: int, at: int, state: str) -> str | None:
    best, dist = None, 10**9
    kinds = _PLACE_KIND | ({"org"} if state in _PARTY_STATES else set())
    for a in article.actors:
        if a.type.value not in kinds:
            continue
        for m in a.mentions:
            if s0 <= m.start < s1 and abs(m.start - at) < dist:
                best, dist = a.name, abs(m.start - at)
    for m in _FACILITY.finditer(article.text[s0:s1]):
        d = abs(s0 + m.start() - at)
        if d < dist:
            best, dist = m.group(0).lower().replace("the ", ""), d
    return best


def status_hits(article: Article) -> list[StatusHit]:
    hits = []
    for c in article.claims:
        for state, pat in STATES.items():
            for m in pat.finditer(c.text):
                thing = _nearest_thing(article, c.start, c.end, c.start + m.start(), state)
                if thing:
                    hits.append(StatusHit(article, thing, state, Span(start=c.start, end=c.end, text=c.text)))
    return hits


def _canonical(thing: str, actors: list[Actor]) -> str:
    low = thing.lower()
    for a in actors:
        if low == a.name.lower() or low in (x.lower() for x in a.aliases):
            return a.name
    return thing


def status_discrepancies(story: Story, articles: dict[str, Article]) -> list[Discrepancy]:
    hits = [h for aid in story.article_ids for h in status_hits(articles[aid])]
    by_thing: dict[str, list[StatusHit]] = {}
    for h in hits:
        by_thing.setdefault(_canonical(h.thing, story.actors).lower(), []).append(h)
    out = []
    for _key, hs in by_thing.items():
        states = {h.state for h in hs}
        for a, b in CONFLICTS:
            if a not in states or b not in states:
                continue
            side_a = [h for h in hs if h.state == a]
            side_b = [h for h in hs if h.state == b]
            arts_a = {h.article.id for h in side_a}
            arts_b = {h.article.id for h in side_b}
            thing = side_a[0].thing
            kind = DiscrepancyKind.status
            if arts_a == arts_b and len(arts_a) == 1:
                kind = DiscrepancyKind.internal
            elif not (arts_a - arts_b or arts_b - arts_a):
                kind = DiscrepancyKind.status
            expl = None
            internal = sorted(arts_a & arts_b)
            if internal:
                expl = f"{', '.join(internal)} report{'s' if len(internal) == 1 else ''} both states: the situation may be changing or only partly settled"
            out.append(
                Discrepancy(
                    kind=kind,
                    summary=f"{thing}: {a} ({', '.join(sorted(arts_a))}) vs {b} ({', '.join(sorted(arts_b))})",
                    sides=[
                        DiscrepancySide(article_ids=sorted(arts_a), value=a, evidence=[Evidence(article_id=h.article.id, span=h.span) for h in side_a]),
                        DiscrepancySide(article_ids=sorted(arts_b), value=b, evidence=[Evidence(article_id=h.article.id, span=h.span) for h in side_b]),
                    ],
                    explanation=expl,
                )
            )
    return out
