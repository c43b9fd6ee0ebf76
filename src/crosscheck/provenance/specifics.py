"""The specifics of a sentence: the names, figures and quotes a rewrite carries over from its source.

Two reports of one event share its topic words; a rewrite also carries the source's specifics, in the
source's order. A specific is

- a figure: a token with a digit, thousands separators and currency or percent signs dropped
  ("1,400" and "1400" are one figure);
- a name: a capitalised word that is not the sentence's first word, outside quotation marks, lower-cased
  with a possessive dropped (the first word counts when it is a rare word, so "Prigozhin said" counts
  and "Regulators said" does not);
- a quote: the first four words of a quoted passage, as one specific ("q:...").
"""

from __future__ import annotations

from ..clean.sections import _zipf
from ..text import tokens

QUOTE_KEY_WORDS = 4
RARE_ZIPF = 3.0  # a sentence-initial word rarer than this (wordfreq Zipf scale) is taken for a name


def _figure(word: str) -> str:
    return word.replace(",", "").strip("$€£¥%").rstrip(".")


def sentence_specifics(text: str, start: int, end: int, quoted: list[tuple[int, int]]) -> list[str]:
    """Specifics of ``text[start:end]`` in the order they appear."""
    out: list[str] = []
    seen_quotes: set[tuple[int, int]] = set()
    first = True
    for t in tokens(text[start:end]):
        s, e = start + t.start, start + t.end
        region = next(((a, b) for a, b in quoted if a <= s and e <= b), None)
        word = text[s:e]
        if region is not None:
            if region not in seen_quotes:
                seen_quotes.add(region)
                words = [w.norm for w in tokens(text[region[0] : region[1]])][:QUOTE_KEY_WORDS]
                if len(words) == QUOTE_KEY_WORDS:
                    out.append("q:" + " ".join(words))
        elif any(c.isdigit() for c in word):
            out.append(_figure(word))
        elif word[:1].isupper() and (not first or _zipf(t.norm) < RARE_ZIPF):
            out.append(t.norm[:-2] if t.norm.endswith("'s") else t.norm)
        first = False
    return out

