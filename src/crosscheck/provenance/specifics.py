"""The specifics of a sentence: the names, figures and quotes a rewrite carries over from its source.

Two reports of one event share its topic words; a rewrite also carries the source's specifics, in the
source's order. A specific is

- a figure: the number in a token with a digit, thousands separators dropped ("1,400", "1400" and
  "1,400-strong" are one figure);
- a name: a capitalised word that is not the sentence's first word, outside quotation marks, lower-cased
  with a possessive dropped (the first word counts when it is a rare word, so "Prigozhin said" counts
  and "Regulators said" does not);
- a quote: the first four words of a quoted passage, as one specific ("q:...").
"""

from __future__ import annotations

import re

from ..clean.sections import _zipf
from ..text import Token

QUOTE_KEY_WORDS = 4
RARE_ZIPF = 3.0  # a sentence-initial word rarer than this (wordfreq Zipf scale) is taken for a name
COMMON_ZIPF = 6.0  # a capitalised word this common ("A" after a dateline dash, "The") is no name


_NUMBER = re.compile(r"\d[\d,.]*\d|\d")


def _figure(word: str) -> str:
    """The number in a token, thousands separators dropped: "$1,400" and "1,400-strong" give "1400"."""
    m = _NUMBER.search(word)
    return m.group().replace(",", "") if m else word


def sentence_specifics(text: str, toks: list[Token], quoted: list[tuple[int, int]], quote_keys: dict[tuple[int, int], str]) -> list[str]:
    """Specifics of one sentence (its tokens ``toks``, offsets into ``text``) in the order they appear.

    ``quote_keys`` gives each quoted region of the text its key (see :func:`quote_keys`).
    """
    out: list[str] = []
    seen_quotes: set[tuple[int, int]] = set()
    first = True
    for t in toks:
        region = next(((a, b) for a, b in quoted if a <= t.start and t.end <= b), None) if quoted else None
        word = text[t.start : t.end]
        if region is not None:
            if region not in seen_quotes:
                seen_quotes.add(region)
                if region in quote_keys:
                    out.append(quote_keys[region])
        elif any(c.isdigit() for c in word):
            out.append(_figure(word))
        elif word[:1].isupper() and _zipf(t.norm) < (RARE_ZIPF if first else COMMON_ZIPF):
            out.append(t.norm[:-2] if t.norm.endswith("'s") else t.norm)
        first = False
    return out


def quote_keys(toks: list[Token], quoted: list[tuple[int, int]]) -> dict[tuple[int, int], str]:
    """Each quoted region's key: "q:" and its first four words (regions of fewer words have none)."""
    words: dict[tuple[int, int], list[str]] = {}
    for t in toks:
        region = next(((a, b) for a, b in quoted if a <= t.start and t.end <= b), None) if quoted else None
        if region is not None and len(words.setdefault(region, [])) < QUOTE_KEY_WORDS:
            words[region].append(t.norm)
    return {r: "q:" + " ".join(w) for r, w in words.items() if len(w) == QUOTE_KEY_WORDS}
