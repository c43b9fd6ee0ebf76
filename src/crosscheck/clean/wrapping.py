"""Hard-wrapped plain text back to one line per paragraph.

Wire copy, press releases and e-mails are often pasted with their line breaks: every 65-80 characters, in the
middle of a sentence. Read line by line, each piece would be a paragraph of its own, a sentence would be cut in
two claims and a line would pass for a heading. :func:`unwrap` detects such a text (most lines near one width,
in blocks of consecutive lines, most of them stopping mid-sentence; thresholds in
:class:`~crosscheck.settings.Settings`) and joins each line to the one before it when the one before was full (the next word would not have fitted) or stops mid-sentence
(no closing punctuation, and the line goes on in lower case, or the one before ends in a comma or a lower-case
word: "in California and" / "Massachusetts."). Blank lines stay paragraph breaks.
"""

from __future__ import annotations

from ..lexicon import SENTENCE_CLOSERS
from ..settings import DEFAULT, Settings



def wrap_width(lines: list[str], settings: Settings = DEFAULT) -> int | None:
    """The width a hard-wrapped text was wrapped at (the 90th percentile of its line lengths), or None when the
    text is not hard-wrapped."""
    stripped = [ln.strip() for ln in lines]
    nonblank = [k for k, s in enumerate(stripped) if s]
    if len(nonblank) < 5:
        return None
    lengths = sorted(len(stripped[k]) for k in nonblank)
    width = lengths[int(0.9 * (len(lengths) - 1))]
    if width > settings.wrap_max_width:
        return None

    def in_block(k: int) -> bool:
        return (k > 0 and bool(stripped[k - 1])) or (k + 1 < len(stripped) and bool(stripped[k + 1]))

    # a wrapped line is near the width, inside a block of lines, and mostly stops mid-sentence; one paragraph per
    # line (short paragraphs, no blank lines between) gives lines that end their sentences
    wrapped = [k for k in nonblank if 0.6 * width <= len(stripped[k]) <= 1.05 * width and in_block(k)]
    open_ends = sum(1 for k in wrapped if stripped[k][-1] not in SENTENCE_CLOSERS)
    if len(wrapped) < settings.wrap_min_share * len(nonblank) or open_ends < 0.5 * len(wrapped):
        return None
    return width


def unwrap(lines: list[str], settings: Settings = DEFAULT) -> list[str]:
    """``lines`` with the continuation lines of a hard-wrapped text joined to the line they continue. The list
    keeps its length and line numbers: a joined line becomes blank, its text goes to the line it continues."""
    width = wrap_width(lines, settings)
    if width is None:
        return lines
    out = list(lines)
    head: int | None = None  # the line the current paragraph is gathered on
    for k, line in enumerate(lines):
        s = line.strip()
        if not s:
            head = None
            continue
        if head is not None:
            before = lines[k - 1].strip()
            # a line past the width is a paragraph written on one line, not a wrapped one
            full = len(before) <= 1.05 * width and len(before) + 1 + len(s.split()[0]) > width
            last = before.split()[-1]
            mid_sentence = before[-1] not in SENTENCE_CLOSERS and (
                s[0].islower() or s[0].isdigit() or last.endswith(",") or last.isalpha() and last.islower()
            )
            if full or mid_sentence:
                joined = out[head].rstrip()
                hyphen = joined.endswith("-") and len(joined) > 1 and joined[-2].isalpha()
                out[head] = joined + ("" if hyphen else " ") + s
                out[k] = ""
                continue
        head = k
    return out
