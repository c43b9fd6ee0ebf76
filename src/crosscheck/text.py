"""Small text helpers shared by the stages: words and sentences with offsets, quoted regions.

Every helper returns character offsets into the string it was given, so that
findings can point back at their evidence.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_WORD = re.compile(r"[\w][\w'’.,%-]*[\w%]|[\w%]", re.U)
_ABBREV = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "st", "sen", "rep", "gov", "pres", "jr", "sr",
    "co", "corp", "inc", "ltd", "no", "vs", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "u.s", "u.k", "u.n", "e.u", "a.m", "p.m", "etc", "approx", "adm", "cmdr", "rev", "fig", "est",
}
_SENT_END = re.compile(r"[.!?]+[\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9])|[.!?]+[\"”’')\]]*$|\n\s*\n")
_QUOTE_PAIRS = (("“", "”"), ("\"", "\""), ("«", "»"))


class Token(NamedTuple):
    norm: str
    start: int
    end: int


def normalise_word(w: str) -> str:
    w = w.lower().replace("’", "'").replace("‘", "'")
    return w.strip(".,'-")


def tokens(text: str) -> list[Token]:
    """Words (numbers included) with offsets; normalised lower-case, straight apostrophes, no edge punctuation."""
    out = []
    for m in _WORD.finditer(text):
        w = m.group(0)
        # do not swallow a sentence-final period or a trailing comma into the word
        end = m.end()
        while w and w[-1] in ".,":
            w, end = w[:-1], end - 1
        n = normalise_word(w)
        if n:
            out.append(Token(n, m.start(), end))
    return out


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentences as (start, end) offsets, skipping abbreviations like 'Mr.' and 'U.S.'."""
    spans = []
    start = 0
    for m in _SENT_END.finditer(text):
        end = m.end()
        # abbreviation before the period? then it is not a sentence end
        before = text[start : m.start()].split()
        if before and m.group(0).startswith(".") and before[-1].lower().rstrip(".") in _ABBREV:
            continue
        if before and re.fullmatch(r"(?:[A-Z]\.)+[A-Z]?", before[-1] + "."):  # initials: "J.", "U.S."
            if len(before[-1]) <= 3:
                continue
        seg = text[start:end]
        if seg.strip():
            lead = len(seg) - len(seg.lstrip())
            spans.append((start + lead, start + len(seg.rstrip())))
        start = end
    if text[start:].strip():
        seg = text[start:]
        lead = len(seg) - len(seg.lstrip())
        spans.append((start + lead, start + len(seg.rstrip())))
    return spans


def quoted_regions(text: str) -> list[tuple[int, int]]:
    """Character ranges inside quotation marks (curly, straight or guillemets), marks included.

    A quote left open at the end of a paragraph closes there (news style for
    quotes running over several paragraphs).
    """
    regions = []
    for para in re.finditer(r"[^\n]+", text):
        p, base = para.group(0), para.start()
        for open_q, close_q in _QUOTE_PAIRS:
            i = 0
            while True:
                a = p.find(open_q, i)
                if a < 0:
                    break
                b = p.find(close_q, a + 1)
                if b < 0:
                    regions.append((base + a, base + len(p)))
                    break
                regions.append((base + a, base + b + 1))
                i = b + 1
    return sorted(regions)


def inside(regions: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in regions)
