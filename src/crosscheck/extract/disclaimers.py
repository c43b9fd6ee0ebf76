"""Verification disclaimers: "Reuters could not independently verify the battlefield accounts".

An outlet's disclaimer covers some of its claims, never the whole article. What it covers is read from the
disclaimer's object:

- a *specific* object names a kind of account ("the battlefield accounts", "the casualty figures"): it covers
  the article's attributed claims about that kind of thing (a claim using the words of the kind's topic, see
  :data:`TOPICS`) — not, say, a spokesman's remark on talks in another capital;
- a *generic* object ("the claim", "the report", "it", "the video") or a clause ("how far they had reached",
  "whether ...") covers the claims next to it: the sentences before it in its paragraph, else the paragraph
  before; when it opens a paragraph that goes on, the rest of that paragraph.

:func:`covered_claims` returns, for each covered claim id, the disclaimer sentence, which the claim keeps as
``unverified_note``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Claim

# The disclaimer formulas of wire and broadcast copy (Reuters, AP, AFP, BBC house phrasings seen in the seeds and
# in tests/fixtures): a negated verify/confirm, optionally "independently", and what could not be verified.
DISCLAIMER = re.compile(
    r"\b(?:could not|couldn't|cannot|can't|could not immediately|was unable to|were unable to|has not been able to|"
    r"have not been able to|is unable to|are unable to|was not able to|were not able to)\s+(?:be\s+)?"
    r"(?:immediately\s+)?(?:independently\s+)?(?:immediately\s+)?(?:verif\w*|confirm\w*)\b(?P<object>[^.;]*)",
    re.I,
)
UNVERIFIED_WORD = re.compile(r"\b(?:unverified|not been independently verified|could not be independently verified)\b", re.I)

# Objects that point back at what was just said rather than naming a kind of account (from the same house
# phrasings: "the claim", "the report", "these figures", "it", "the footage", "the authenticity of the video").
GENERIC_HEADS = {
    "it", "this", "that", "these", "those", "them", "claim", "claims", "report", "reports", "statement",
    "statements", "account", "accounts", "information", "details", "video", "videos", "footage", "image", "images",
    "photo", "photos", "photograph", "photographs", "figure", "figures", "number", "numbers", "authenticity",
    "assertion", "assertions", "allegation", "allegations", "reports", "post", "posts", "message", "messages",
}
# Topic words of the kinds of account disclaimers name. Each key is a word that may appear in the disclaimer's
# object; its set holds the words that make a claim an account of that kind. Gathered from the disclaimers of the
# seeds and the fixtures (battlefield, casualty, death toll) and the vocabulary of the claims they cover there.
_BATTLE = {
    "forces", "force", "troops", "troop", "army", "military", "soldiers", "fighters", "captured", "capture",
    "recaptured", "recapture", "seized", "retook", "liberated", "liberate", "attack", "attacks", "attacked",
    "offensive", "counteroffensive", "positions", "shelling", "shelled", "artillery", "drone", "drones", "missile",
    "missiles", "front", "frontline", "fighting", "fought", "clearing", "advance", "advanced", "advancing",
    "settlement", "settlements", "destroyed", "strike", "strikes", "shot", "pounding", "resistance", "operating",
    "battle", "battles", "assault", "encircled", "retreat", "retreated", "withdrew", "hit", "bombardment",
}
_CASUALTY = {
    "killed", "dead", "deaths", "death", "died", "dying", "wounded", "injured", "injuries", "casualties",
    "toll", "bodies", "missing", "victims", "fatalities",
}
TOPICS: dict[str, set[str]] = {
    "battlefield": _BATTLE,
    "battle": _BATTLE,
    "military": _BATTLE,
    "combat": _BATTLE,
    "frontline": _BATTLE,
    "fighting": _BATTLE,
    "casualty": _CASUALTY,
    "casualties": _CASUALTY,
    "toll": _CASUALTY,
    "death": _CASUALTY,
    "deaths": _CASUALTY,
    "dead": _CASUALTY,
}
_WORD = re.compile(r"[a-z]+")
_CLAUSE_START = {"how", "whether", "if", "what", "who", "where", "when", "which", "why"}


def is_disclaimer(sentence: str) -> bool:
    """The outlet says it could not verify something: such a sentence is a disclaimer, not a claim."""
    return bool(DISCLAIMER.search(sentence) or UNVERIFIED_WORD.search(sentence))


@dataclass(frozen=True)
class Disclaimer:
    start: int
    end: int
    text: str
    topic: frozenset[str] | None  # the topic words of a specific object; None for a generic one


def find_disclaimers(text: str, sentences: list[tuple[int, int]]) -> list[Disclaimer]:
    """The disclaimer sentences among ``sentences`` (character spans of ``text``)."""
    out = []
    for s0, s1 in sentences:
        sent = text[s0:s1]
        if not is_disclaimer(sent):
            continue
        m = DISCLAIMER.search(sent)
        obj = _WORD.findall((m.group("object") if m else "").lower())
        topic: set[str] = set()
        if obj and obj[0] not in _CLAUSE_START:
            for w in obj:
                topic |= TOPICS.get(w, set())
        out.append(Disclaimer(s0, s1, sent.strip(), frozenset(topic) if topic else None))
    return out


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in re.finditer(r"\n\s*\n", text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return out


def _para_of(paras: list[tuple[int, int]], offset: int) -> int:
    for i, (a, b) in enumerate(paras):
        if a <= offset <= b:
            return i
    return len(paras) - 1


def covered_claims(text: str, sentences: list[tuple[int, int]], claims: list[Claim]) -> dict[str, str]:
    """``{claim id: disclaimer sentence}`` for the claims a disclaimer of the article covers."""
    found = find_disclaimers(text, sentences)
    if not found:
        return {}
    paras = _paragraphs(text)
    out: dict[str, str] = {}
    for d in found:
        if d.topic is not None:
            for c in claims:
                words = set(_WORD.findall(c.text.lower()))
                if c.attributed_to and words & d.topic:
                    out.setdefault(c.id, d.text)
            continue
        p = _para_of(paras, d.start)
        before = [c for c in claims if paras[p][0] <= c.start < d.start]
        after = [c for c in claims if d.end <= c.start <= paras[p][1]]
        if before:
            near = before
        elif after:
            near = after
        elif p > 0:
            near = [c for c in claims if paras[p - 1][0] <= c.start <= paras[p - 1][1]]
        else:
            near = []
        for c in near:
            out.setdefault(c.id, d.text)
    return out
