"""Small text helpers shared by the stages: words with offsets, quoted regions. (Sentences are the
article's one segmentation, :attr:`Article.sentences`, made by :mod:`crosscheck.extract.sentences`.)

Every helper returns character offsets into the string it was given, so that
findings can point back at their evidence.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import NamedTuple

_WORD = re.compile(r"[\w][\w'’.,%-]*[\w%]|[\w%]", re.U)


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


_OPEN_CLOSE = [("“", "”"), ("‘", "’"), ("«", "»")]


def _pair_marks(p: str) -> str:
    """The paragraph with every double quotation mark written as a curly opening or closing mark.

    Same length as ``p`` (offsets hold): doubled marks ‘‘ `` become " “" and ’’ '' become "” ";
    a straight " opens or closes by its context (space before and a word after opens), or else
    by what is open, so that mixed “…" pairs too.
    """
    p = p.replace("‘‘", " “").replace("``", " “").replace("’’", "” ").replace("''", "” ")
    out, is_open = list(p), False
    for i, ch in enumerate(p):
        if ch == "“":
            is_open = True
        elif ch == "”":
            is_open = False
        elif ch == '"':
            before = p[i - 1] if i else " "
            after = p[i + 1] if i + 1 < len(p) else " "
            opens = (before.isspace() or before in "([—–-") and not after.isspace()
            closes = not before.isspace() and (after.isspace() or after in ".,;:!?)]—–-")
            if opens and not closes:
                is_open = True
            elif closes and not opens:
                is_open = False
            else:
                is_open = not is_open
            out[i] = "“" if is_open else "”"
    return "".join(out)


def _single_spans(p: str, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Inner spans of straight single-quoted quotations ('We are sorry,' he said), apostrophes skipped.

    An opening mark follows a space or the paragraph start and precedes a word; a closing mark
    follows a non-space and precedes a space, punctuation or the end; a mark between two letters
    (it's, won't) is an apostrophe.
    """
    spans, a = [], None
    covered = _Coverage(taken)  # positions are asked in ascending order: linear on a flood of marks
    for i, ch in enumerate(p):
        if ch != "'" or covered(i):
            continue
        before = p[i - 1] if i else " "
        after = p[i + 1] if i + 1 < len(p) else " "
        if before.isalnum() and after.isalnum():
            continue
        if a is None and (before.isspace() or before in "([—–-") and after.isalnum():
            a = i
        elif a is not None and not before.isspace() and (after.isspace() or after in ".,;:!?)]—–-"):
            if i - a > 2:
                spans.append((a + 1, i))
            a = None
    return spans


@dataclass
class QuoteSpan:
    start: int  # inner text start (after the mark)
    end: int  # inner text end (before the closing mark, or paragraph end)
    open_ended: bool


def quote_spans(text: str) -> list[QuoteSpan]:
    """Inner spans of quotations. A quote open at a paragraph's end closes there (and runs on).

    Linear in the text: a mark inside a quotation found earlier is skipped before its
    closing mark is searched for, and the quotations found so far are swept in order
    rather than searched for every mark.
    """
    out: list[QuoteSpan] = []
    runs_on = False
    for para in re.finditer(r"[^\n]+", text):
        p, base = _pair_marks(para.group(0)), para.start()
        taken: list[tuple[int, int]] = []  # (start, end) of the quotations found in this paragraph
        close = p.find("”")
        if runs_on and close > 0 and "“" not in p[:close]:
            # the last paragraph of a quote run on from the one before, its opening mark left out
            out.append(QuoteSpan(base, base + close, False))
            taken.append((0, close + 1))
        n_before = len(out)
        for open_q, close_q in _OPEN_CLOSE:
            covered = _Coverage(taken)
            found: list[tuple[int, int]] = []
            i = 0
            while True:
                a = p.find(open_q, i)
                if a < 0:
                    break
                if covered(a):
                    i = a + 1
                    continue
                b = p.find(close_q, a + 1)
                # a curly apostrophe inside a single-quoted span ("it’s") is not the closing mark
                while open_q == "‘" and b >= 0 and b + 1 < len(p) and p[b + 1].isalpha():
                    b = p.find(close_q, b + 1)
                if b < 0:
                    if open_q == "“" and (a == 0 or p[:a].strip() == "" or a < len(p) - 1):
                        inner = p[a + 1 :].rstrip()
                        if len(inner.split()) >= 3:
                            out.append(QuoteSpan(base + a + 1, base + a + 1 + len(inner), True))
                            found.append((a, len(p)))
                    break
                if b > a + 1:
                    out.append(QuoteSpan(base + a + 1, base + b, False))
                    found.append((a, b + 1))
                i = b + 1
            taken.extend(found)
        runs_on = any(q.open_ended for q in out[n_before:])
        for a, b in _single_spans(p, taken):
            out.append(QuoteSpan(base + a, base + b, False))
    return sorted(out, key=lambda q: q.start)


class _Coverage:
    """Is a position inside one of some ranges? Asked for ascending positions: one sweep over the ranges."""

    def __init__(self, ranges: list[tuple[int, int]]) -> None:
        self.ranges = sorted(ranges)
        self.j = 0
        self.reach = -1  # furthest end of the ranges starting at or before the last position asked

    def __call__(self, pos: int) -> bool:
        while self.j < len(self.ranges) and self.ranges[self.j][0] <= pos:
            self.reach = max(self.reach, self.ranges[self.j][1])
            self.j += 1
        return pos < self.reach


def quoted_regions(text: str) -> list[tuple[int, int]]:
    """Character ranges of quotations, marks included (see :func:`quote_spans`)."""
    return [(q.start - 1, q.end if q.open_ended else q.end + 1) for q in quote_spans(text)]


class Regions:
    """Character ranges, asked many times whether a span lies wholly inside one of them: O(log n) a question
    (reading every range for every token of an article made it quadratic)."""

    def __init__(self, ranges: list[tuple[int, int]]) -> None:
        ordered = sorted(ranges)
        self.starts = [a for a, _b in ordered]
        self.reach: list[int] = []  # furthest end of the ranges up to each one, in order of start
        furthest = -1
        for _a, b in ordered:
            furthest = max(furthest, b)
            self.reach.append(furthest)

    def holds(self, start: int, end: int) -> bool:
        """Some range starts at or before ``start`` and ends at or after ``end``."""
        k = bisect.bisect_right(self.starts, start) - 1
        return k >= 0 and self.reach[k] >= end


def plain_words(text: str) -> str:
    """A text's words only, lower-case, curly apostrophes straightened: what quotes are compared on."""
    return " ".join(re.findall(r"[\w']+", text.lower().replace("’", "'").replace("‘", "'")))


def shorten(text: str, n: int) -> str:
    """``text`` cut to ``n`` characters with an ellipsis, for a one-line summary."""
    return text if len(text) <= n else text[: n - 1] + "…"
