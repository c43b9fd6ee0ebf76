"""Dates: date expressions in news text, resolved against the publication date.

:func:`extract_dates` finds absolute dates ("June 12, 2024", "3 March 2025",
"2025-03-12", "November 2023"), day-month dates without a year ("March 3",
"3rd of March"), month expressions ("last August", "in August", "early March",
"August last year"), relative years and months ("last year", "this month",
"next year"), "today" / "yesterday" / "tomorrow" and weekdays ("on Wednesday",
"Wednesday", "Sunday’s" -> "Sunday"). Every mention carries character offsets
into the text it was given, the resolved date (the first day of the period for
month and year granularity) and a human-readable ``resolution``.

Not returned: durations ("seven months", "three-year"; quantities handle them),
"N weeks ago", times of day ("tonight", "this morning", "3pm"), bare years
("in 2024", "early 2022"), weeks ("last week"), seasons, and numeric dates with
slashes or dots ("12/03/2025", ambiguous between day- and month-first).

Resolution rules (news conventions):

* **Weekday.** Past tense (the default) -> the most recent such day on or
  before publication; future tense -> the next such day after publication. A
  weekday equal to the publication weekday is the publication day, whatever the
  tense. "last Friday" / "next Friday" step strictly back / forward (a week when
  the publication day is a Friday). A weekday written next to an explicit date
  ("Wednesday, March 12") takes that date.
* **Tense** (:func:`tense_at`) is decided from the words just before the
  expression in the same sentence (up to ~100 characters): the cue nearest the
  expression wins between a future cue (will, would, 'll, shall, may, might,
  could, should, next, upcoming, scheduled, "is/are/was/were due|set|expected|
  scheduled", "expected to", "plans to", "set to", "is/are to", "going to",
  "intends to", "aims to", "hopes to") and a past cue (said, told, announced,
  reported, confirmed, added, wrote, was, were, had, did...). Right after the
  expression only "(is|was) expected/due/scheduled..." and "will/would" count
  and override a past cue before it ("said a parade on Monday was expected to
  draw ..."). No future cue -> past.
* **Day and month without a year** ("March 3"): the publication year; when the
  tense is past and that date is more than 7 days after publication it is last
  year's, when the tense is future and that date is more than 7 days before
  publication it is next year's. Next to a weekday ("Wednesday, March 12") the
  year whose calendar matches the weekday, nearest to publication, wins.
* **Month without a year**: "last August" -> the most recent August strictly
  before the publication month; "next August" -> the first one strictly after;
  "this August" -> publication year; "August last/this/next year" -> that year;
  otherwise ("in August", "early March") past tense -> the most recent such
  month up to the publication month, future tense -> the next one from the
  publication month on. Resolved to the first day, granularity "month".
* **Relative years and months**: "last year" -> January 1 of the previous year,
  "this month" -> the first of the publication month, etc. ("the last year",
  "the next month" are durations and are skipped).
* **No publication date**: relative expressions and yearless dates are still
  returned, with ``resolved=None`` and a resolution saying why. Dates with a
  year resolve anyway.

Absolute dates with a year are parsed with ``dateparser`` (one cached call per
distinct string; a regex parse of the same string is the fallback); everything
relative is plain date arithmetic, which is both faster and more predictable.

:func:`story_event_date` votes the date of a story's main event across its
articles.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import NamedTuple

from ..model import DateMention

__all__ = ["extract_dates", "story_event_date", "event_date", "tense_at"]

# --------------------------------------------------------------------------
# vocabulary

_MONTH_NUM = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
_MONTH_NAME = {n: datetime(2000, n, 1).strftime("%B") for n in range(1, 13)}
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_WEEKDAY_NUM = {w.lower(): i for i, w in enumerate(_WEEKDAYS)}

_FULL_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
# abbreviations only where a day or a year follows ("Sept. 12", "Aug 2024"); "Jan" alone is a name
_ANY_MONTH = r"(?:" + _FULL_MONTH + r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_NO_NUM_BEFORE = r"(?<![\w.,:/-])"  # not the tail of a longer number or word
_NO_NUM_AFTER = r"(?![\d]|[.,:/-]\d)"  # not the head of a longer number ("March 3,000"; "3.5")
_REL_YEAR = r"(?P<ry>last|this|next)\s+year\b"

_ISO = re.compile(r"(?<![\w./-])(?P<y>" + _YEAR + r")-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?!\d|[/.-]\d|[A-SU-Za-z_-])")
# "March 12, 2025", "March 12th", "Sept. 12 2024", "August 6 last year"
_MDY = re.compile(
    r"\b(?P<mon>" + _ANY_MONTH + r")\s+(?P<day>" + _DAY + r")\b" + _NO_NUM_AFTER
    + r"(?:(?:,\s*|\s+)(?P<y>" + _YEAR + r")\b" + _NO_NUM_AFTER + r"|\s+" + _REL_YEAR + r")?"
)
# "12 March 2025", "3rd of March", "6 August last year"
_DMY = re.compile(
    _NO_NUM_BEFORE + r"(?P<day>" + _DAY + r")\s+(?:of\s+)?(?P<mon>" + _ANY_MONTH + r")(?![\w])"
    + r"(?:,?\s+(?P<y>" + _YEAR + r")\b" + _NO_NUM_AFTER + r"|\s+" + _REL_YEAR + r")?"
)
# "November 2023", "Aug 2024"
_MY = re.compile(r"\b(?P<mon>" + _ANY_MONTH + r"),?\s+(?P<y>" + _YEAR + r")\b" + _NO_NUM_AFTER)
# "last August", "early March", "mid-March", "in August", "August last year"
_MONTH_WORD = re.compile(
    r"(?:\b(?P<mod>[Ll]ast|[Nn]ext|[Tt]his|[Ee]arly|[Mm]id|[Ll]ate)[\s-]+(?:in\s+)?"
    r"|\b(?P<prep>[Ii]n|[Ss]ince|[Uu]ntil|[Tt]ill|[Tt]hrough|[Tt]hroughout|[Dd]uring|[Oo]f|[Bb]y|[Ff]rom|[Bb]efore|[Aa]fter)\s+)"
    r"(?P<mon>" + _FULL_MONTH + r")(?![\w’']|,?\s+\d)(?:\s+" + _REL_YEAR + r")?"
)
_REL_DAY = re.compile(r"\b(?P<w>today|yesterday|tomorrow)\b", re.I)
_REL_PERIOD = re.compile(r"\b(?P<rel>last|this|next)\s+(?P<unit>year|month)\b", re.I)
_WEEKDAY = re.compile(
    r"(?:\b(?P<on>[Oo]n)\s+)?(?:\b(?P<rel>[Ll]ast|[Nn]ext|[Tt]his|[Cc]oming)\s+)?"
    r"\b(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?![\w-]|['’](?!s\b))"
)
# holidays and nicknames that contain a weekday but do not mean the last/next one
_WEEKDAY_NAMES = {
    "black", "good", "super", "cyber", "bloody", "ash", "easter", "palm", "holy", "maundy", "giving",
    "shrove", "fat", "small", "whit", "low", "plough", "mothering", "remembrance", "manic", "blue",
}
# "The Sunday Times", "the Mail on Sunday": newspapers, not days
_WEEKDAY_PAPER_AFTER = re.compile(r"^\s+(?:Times|Telegraph|Mirror|Express|Post|Herald|People|Mail|World|Sport|Star|Independent|Journal)\b")
_WEEKDAY_PAPER_BEFORE = re.compile(r"\b(?:Mail|Independent|Scotland|Wales|Observer)\s+on\s+$")
# "USA Today", "the Today programme": titles, not days
_TODAY_TITLE_BEFORE = re.compile(r"\b(?:USA|Britain|Australia)\s+$")
_TODAY_TITLE_AFTER = re.compile(r"^\s+(?:programme|program|show|newspaper)\b", re.I)

_FUTURE_CUE = re.compile(
    r"\b(?:will|would|shall|(?-i:may)|might|should|could(?!\s+not\b)|won[’']t|wouldn[’']t"
    r"|next(?!\s+to\b)|upcoming|scheduled|slated"
    r"|(?:is|are|was|were|be|been|being|am)\s+(?:due|set|expected|scheduled|slated|planned|poised|likely|to)"
    r"|(?:expected|plans?|planned|planning|going|intends?|aims?|hopes?|set|due|poised|likely)\s+to"
    # present tense of scheduling verbs: "talks begin on Monday", "the law takes effect on Friday"
    # (the base forms not after "to", "did", "not": "agreed to resume aid on Tuesday" is past)
    r"|begins|starts|opens|resumes|takes\s+effect|kicks\s+off|(?:goes|heads)\s+to\s+the\s+polls"
    r"|(?<!to )(?<!did )(?<!not )(?<!n't )(?<!n’t )(?:begin|resume|take\s+effect|kick\s+off|(?:go|head)\s+to\s+the\s+polls))\b"
    r"|[’']ll\b",
    re.I,
)
_PAST_CUE = re.compile(
    r"\b(?:said|told|announced|reported|confirmed|added|wrote|claimed|stated|denied|insisted|admitted"
    r"|was|were|had|did|ago|since)\b",
    re.I,
)
# "the vote is on Sunday", "the deadline is Friday", "talks are set for Monday": present copula right before
_IS_BEFORE = re.compile(
    r"\b(?:is|are)(?:\s+(?:now|also|still|expected|scheduled|set|planned|slated|due))?(?:\s+(?:for|on|until|till|by))?\s*$",
    re.I,
)
_FUTURE_AFTER = re.compile(
    r"^(?:['’]s)?\s*(?:morning|afternoon|evening|night)?\s*,?\s*"
    r"(?:(?:is|are|was|were)\s+(?:due|set|expected|scheduled|slated|planned|likely)\b|will\b|would\b|[’']ll\b)",
    re.I,
)

_GRACE_DAYS = 7
_TENSE_WINDOW = 100


class _Cand(NamedTuple):
    start: int
    end: int
    kind: str
    m: re.Match


class _Sentences:
    """The text's sentence spans, given or computed from the parse on first use (most texts never need them)."""

    def __init__(self, spans: list[tuple[int, int]] | None) -> None:
        self.spans = spans

    def __call__(self, text: str) -> list[tuple[int, int]]:
        if self.spans is None:
            from .sentences import text_sentence_spans

            self.spans = text_sentence_spans(text)
        return self.spans


def _sentence_around(text: str, pos: int, sentences: list[tuple[int, int]] | None) -> tuple[int, int]:
    """(start, end) of the sentence holding ``pos``; between sentences, from the end of the one before."""
    if sentences is None:
        from .sentences import text_sentence_spans

        sentences = text_sentence_spans(text)
    s0, s1 = 0, len(text)
    for a, b in sentences:
        if a <= pos < b:
            return a, b
        if b <= pos:
            s0 = b
        elif a > pos:
            s1 = a
            break
    return s0, s1


# --------------------------------------------------------------------------
# tense


def tense_at(text: str, start: int, end: int, sentences: list[tuple[int, int]] | None = None) -> str:
    """'future' or 'past' for the date expression at ``text[start:end]``.

    Looks back up to ~100 characters within the sentence and takes the cue
    nearest the expression (future: will, would, may, expected to, is due,
    "talks begin"...; past: said, told, was, had, since...). "is"/"are" right
    before it ("the vote is on Sunday") is future. Failing a future cue before
    it, a future cue right after it also counts ("a parade on Monday was
    expected to draw"). An expression opening its sentence ("On Friday,
    leaders will meet") takes the first cue of the rest of the sentence.
    Otherwise past, the news default. The sentence is the article's one segmentation
    (``sentences``, offsets as :attr:`Article.sentences`; computed from the parse when not given).
    """
    s0, s1 = _sentence_around(text, start, sentences)
    before = text[max(s0, start - _TENSE_WINDOW) : start]
    if _IS_BEFORE.search(before):
        return "future"
    fut = [m.end() for m in _FUTURE_CUE.finditer(before)]
    past = [m.end() for m in _PAST_CUE.finditer(before)]
    if fut and (not past or fut[-1] >= past[-1]):
        return "future"
    # right after the expression, which it is the subject of: "a parade on Monday was expected to draw"
    if _FUTURE_AFTER.match(text[end : end + 60]):
        return "future"
    if not re.search(r"\w", before):  # opens the sentence: the main clause follows
        after = text[end : min(s1, end + _TENSE_WINDOW)]
        f = _FUTURE_CUE.search(after)
        p = _PAST_CUE.search(after)
        if f and (not p or f.start() < p.start()):
            return "future"
    return "past"


# --------------------------------------------------------------------------
# parsing helpers


@lru_cache(maxsize=4096)
def _dateparser_parse(s: str) -> date | None:
    """One dateparser call per distinct absolute date string (it is slow)."""
    try:
        import dateparser
    except ImportError:  # pragma: no cover - pinned dependency
        return None
    try:
        r = dateparser.parse(
            s,
            languages=["en"],
            settings={"PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False, "REQUIRE_PARTS": ["year"]},
        )
    except Exception:  # noqa: BLE001 - dateparser raises on odd input
        return None
    return r.date() if r else None


def _month_num(s: str) -> int:
    return _MONTH_NUM[s.rstrip(".").lower()]


def _day_num(s: str) -> int:
    return int(re.match(r"\d+", s).group(0))


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _absolute(s: str, y: int, m: int, d: int | None) -> tuple[date | None, str]:
    """Parse an absolute date with a year via dateparser; fall back on the regex parts."""
    expect = _safe_date(y, m, d or 1)
    if expect is None:
        return None, "not a calendar date"
    got = _dateparser_parse(re.sub(r"\s+", " ", s))
    if got is not None and got.year == y and got.month == m and (d is None or got.day == d):
        return (got if d is not None else got.replace(day=1)), "absolute date (dateparser)"
    return expect, "absolute date"


def _add_months(d: date, n: int) -> date:
    k = d.year * 12 + (d.month - 1) + n
    return date(k // 12, k % 12 + 1, 1)


def _fmt(d: date | None) -> str:
    return d.isoformat() if d else "?"


# --------------------------------------------------------------------------
# extraction


def _candidates(text: str) -> list[_Cand]:
    cands: list[_Cand] = []
    for kind, rx in (
        ("iso", _ISO),
        ("mdy", _MDY),
        ("dmy", _DMY),
        ("my", _MY),
        ("month", _MONTH_WORD),
        ("relday", _REL_DAY),
        ("relperiod", _REL_PERIOD),
        ("weekday", _WEEKDAY),
    ):
        for m in rx.finditer(text):
            s, e = _span_of(kind, m)
            c = _Cand(s, e, kind, m)
            if s < e and not _skip(text, c):
                cands.append(c)
    # longest first, then earliest; drop anything overlapping a kept candidate
    cands.sort(key=lambda c: (-(c.end - c.start), c.start))
    kept: list[_Cand] = []
    for c in cands:
        if all(c.end <= k.start or c.start >= k.end for k in kept):
            kept.append(c)
    kept.sort(key=lambda c: c.start)
    return kept


def _span_of(kind: str, m: re.Match) -> tuple[int, int]:
    if kind == "month" and m.group("prep"):
        return m.start("mon"), m.end()  # "in August" -> "August" (as "November 2023" without "in")
    if kind == "dmy" and m.group(0).lower().startswith("the "):
        return m.start("day"), m.end()
    if kind == "weekday":
        return m.start(), m.end("wd")  # possessive "Sunday’s" -> "Sunday"
    return m.start(), m.end()


def _skip(text: str, c: _Cand) -> bool:
    m = c.m
    if c.kind == "weekday":
        prev = re.search(r"(\w+)\s+$", text[max(0, c.start - 20) : c.start])
        if prev and not m.group("on") and not m.group("rel") and prev.group(1).lower() in _WEEKDAY_NAMES and prev.group(1)[0].isupper():
            return True
        if _WEEKDAY_PAPER_AFTER.match(text[m.end("wd") : m.end("wd") + 14]):
            return True
        if m.group("on") and _WEEKDAY_PAPER_BEFORE.search(text[max(0, c.start - 14) : c.start + 3]):
            return True
    if c.kind == "relday":
        if _TODAY_TITLE_BEFORE.search(text[max(0, c.start - 12) : c.start]) and m.group("w")[0].isupper():
            return True
        if m.group("w")[0].isupper() and _TODAY_TITLE_AFTER.match(text[c.end : c.end + 15]):
            return True
    if c.kind == "relperiod":
        # "the last year", "over the next month": durations, not dates
        if re.search(r"\bthe\s+$", text[max(0, c.start - 8) : c.start], re.I):
            return True
    if c.kind == "month":
        prep = (m.group("prep") or "").lower()
        # "by June Carter", "from April Jones": a first name, not a month
        if prep in {"by", "from", "before", "after", "of"} and re.match(r"\s+[A-Z][a-z]", text[c.end : c.end + 3]) and not m.group("ry"):
            nxt = re.match(r"\s+([A-Z][a-z]+)", text[c.end : c.end + 20])
            if nxt and nxt.group(1).lower() not in _MONTH_NUM and nxt.group(1) not in {"The", "A", "An", "It", "He", "She", "They", "We", "I"}:
                return True
        if m.group("mod") and m.group("mod").lower() in {"last", "next", "this"} and m.group("mon") == "May" and re.match(r"\s+(?:be|have|not)\b", text[c.end : c.end + 6]):
            return True
    return False


def extract_dates(
    text: str, published: date | datetime | None, sentences: list[tuple[int, int]] | None = None
) -> list[DateMention]:
    """Date expressions in ``text`` with offsets, resolved against ``published`` (see module doc).
    ``sentences``: the text's segmentation (:attr:`Article.sentences` as offsets), computed from the parse
    when not given and a date needs its tense."""
    if isinstance(published, datetime):
        published = published.date()
    cands = _candidates(text)
    sentences = _Sentences(sentences)
    # weekdays last, so that "Wednesday, March 12" can use the date that follows
    done: dict[int, DateMention] = {}
    for c in sorted(cands, key=lambda c: c.kind == "weekday"):
        mention = _resolve(text, c, published, done, sentences)
        if mention is not None:
            done[c.start] = mention
    return [done[c.start] for c in cands if c.start in done]


def _mention(text: str, c: _Cand, resolved: date | None, granularity: str, resolution: str) -> DateMention:
    return DateMention(
        start=c.start, end=c.end, text=text[c.start : c.end], resolved=resolved, granularity=granularity, resolution=resolution
    )


def _pub(published: date | None) -> str:
    return f"from published {published.isoformat()}" if published else ""


def _resolve(text: str, c: _Cand, pub: date | None, done: dict[int, DateMention], sents: _Sentences) -> DateMention | None:
    m, k, s = c.m, c.kind, text[c.start : c.end]
    if k == "iso":
        d, how = _absolute(s, int(m["y"]), int(m["m"]), int(m["d"]))
        return None if d is None else _mention(text, c, d, "day", f"{s} → {_fmt(d)}, {how}")

    if k in {"mdy", "dmy", "my"}:
        mon = _month_num(m["mon"])
        day = _day_num(m["day"]) if k != "my" else None
        if m["y"]:
            d, how = _absolute(s, int(m["y"]), mon, day)
            if d is None:
                return None
            return _mention(text, c, d, "day" if day else "month", f"{s} → {_fmt(d)}, {how}")
        if day is None:  # pragma: no cover - "my" always has a year
            return None
        if _safe_date(2000, mon, day) is None:  # "February 30"; 2000 is a leap year
            return None
        if m["ry"]:
            if pub is None:
                return _mention(text, c, None, "day", f"{s}: relative year and no publication date")
            y = pub.year + {"last": -1, "this": 0, "next": 1}[m["ry"].lower()]
            d = _safe_date(y, mon, day)
            return _mention(text, c, d, "day", f"{s} → {_fmt(d)}, {m['ry'].lower()} year, {_pub(pub)}")
        if pub is None:
            return _mention(text, c, None, "day", f"{s}: no year and no publication date")
        wd = _weekday_before(text, c.start)
        if wd is not None:
            cands_y = [d for y in (pub.year - 1, pub.year, pub.year + 1) if (d := _safe_date(y, mon, day)) and d.weekday() == wd]
            if cands_y:
                d = min(cands_y, key=lambda x: abs((x - pub).days))
                return _mention(text, c, d, "day", f"{s} → {_fmt(d)}, the year in which it falls on a {_WEEKDAYS[wd]}, nearest to published {pub.isoformat()}")
        tense = tense_at(text, c.start, c.end, sents(text))
        d = _safe_date(pub.year, mon, day)
        note = f"publication year ({tense} tense)"
        if tense == "past" and (d is None or d > pub + timedelta(days=_GRACE_DAYS)):
            d = _safe_date(pub.year - 1, mon, day)
            note = f"previous year (past tense, and more than {_GRACE_DAYS} days after publication in {pub.year})"
        elif tense == "future" and (d is None or d < pub - timedelta(days=_GRACE_DAYS)):
            d = _safe_date(pub.year + 1, mon, day)
            note = f"next year (future tense, and more than {_GRACE_DAYS} days before publication in {pub.year})"
        if d is None:
            return None
        return _mention(text, c, d, "day", f"{s} → {_fmt(d)}, {note}, {_pub(pub)}")

    if k == "month":
        mon = _month_num(m["mon"])
        mod = (m["mod"] or "").lower()
        if pub is None:
            return _mention(text, c, None, "month", f"{s}: month without a year and no publication date")
        if m["ry"]:
            y = pub.year + {"last": -1, "this": 0, "next": 1}[m["ry"].lower()]
            d, note = date(y, mon, 1), f"{m['ry'].lower()} year"
        elif mod == "last":
            y = pub.year if mon < pub.month else pub.year - 1
            d, note = date(y, mon, 1), f"most recent {_MONTH_NAME[mon]} before the publication month"
        elif mod == "next":
            y = pub.year if mon > pub.month else pub.year + 1
            d, note = date(y, mon, 1), f"first {_MONTH_NAME[mon]} after the publication month"
        elif mod == "this":
            d, note = date(pub.year, mon, 1), "publication year"
        else:
            tense = tense_at(text, m.start(), c.end, sents(text))
            if tense == "future":
                y = pub.year if mon >= pub.month else pub.year + 1
                d, note = date(y, mon, 1), f"next {_MONTH_NAME[mon]} from the publication month on (future tense)"
            else:
                y = pub.year if mon <= pub.month else pub.year - 1
                d, note = date(y, mon, 1), f"most recent {_MONTH_NAME[mon]} up to the publication month (past tense)"
        return _mention(text, c, d, "month", f"{s} → {_fmt(d)}, {note}, {_pub(pub)}")

    if k == "relday":
        w = m["w"].lower()
        if pub is None:
            return _mention(text, c, None, "day", f"{s}: relative to a publication date that is unknown")
        d = pub + timedelta(days={"today": 0, "yesterday": -1, "tomorrow": 1}[w])
        return _mention(text, c, d, "day", f"{s} → {_fmt(d)}, {_pub(pub)}")

    if k == "relperiod":
        rel, unit = m["rel"].lower(), m["unit"].lower()
        step = {"last": -1, "this": 0, "next": 1}[rel]
        if pub is None:
            return _mention(text, c, None, unit, f"{s}: relative to a publication date that is unknown")
        d = date(pub.year + step, 1, 1) if unit == "year" else _add_months(pub, step)
        return _mention(text, c, d, unit, f"{s} → {_fmt(d)}, first day of the {unit}, {_pub(pub)}")

    if k == "weekday":
        return _resolve_weekday(text, c, pub, done, sents)
    return None  # pragma: no cover


def _weekday_before(text: str, start: int) -> int | None:
    """Weekday written just before a date: 'Wednesday, March 12', 'on Wednesday 12 March'."""
    mm = re.search(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+(?:the\s+)?$", text[max(0, start - 14) : start])
    return _WEEKDAY_NUM[mm.group(1).lower()] if mm else None


def _resolve_weekday(text: str, c: _Cand, pub: date | None, done: dict[int, DateMention], sents: _Sentences) -> DateMention:
    m = c.m
    name = m["wd"]
    wd = _WEEKDAY_NUM[name.lower()]
    s = text[c.start : c.end]
    # "Wednesday, March 12": the explicit date that follows, if it is that weekday
    after = re.match(r",?\s+(?:the\s+)?", text[c.end : c.end + 8])
    if after:
        nxt = done.get(c.end + after.end())
        if nxt is not None and nxt.resolved is not None and nxt.granularity == "day" and nxt.resolved.weekday() == wd:
            return _mention(text, c, nxt.resolved, "day", f"{name} → {_fmt(nxt.resolved)}, the date written after it")
    if pub is None:
        return _mention(text, c, None, "day", f"{name}: weekday and no publication date to resolve it against")
    rel = (m["rel"] or "").lower()
    back = (pub.weekday() - wd) % 7
    fwd = (wd - pub.weekday()) % 7
    if rel == "last":
        d, note = pub - timedelta(days=back or 7), f"the {name} before publication"
    elif rel == "next":
        d, note = pub + timedelta(days=fwd or 7), f"the {name} after publication"
    elif back == 0:
        d, note = pub, "the publication day"
    elif rel == "coming" or tense_at(text, c.start, c.end, sents(text)) == "future":
        d, note = pub + timedelta(days=fwd), "next such day (future tense)"
    else:
        d, note = pub - timedelta(days=back), "most recent such day (past tense)"
    return _mention(text, c, d, "day", f"{name} → {_fmt(d)}, {note}, {_pub(pub)}")


# --------------------------------------------------------------------------
# the story's event date


def story_event_date(articles_dates: list[tuple[list[DateMention], list[tuple[int, int]]]]) -> tuple[date | None, str]:
    """The date most sources place the main event on, with an explanation.

    ``articles_dates`` holds, per article, its date mentions and the character
    spans of its lead (or on-topic text). Each article votes once, for the date
    of the first day-granularity, resolved mention lying inside those spans.
    The date with most votes wins; ties go to the earliest date.
    """
    votes: dict[date, list[str]] = {}
    silent: list[int] = []
    for i, (mentions, spans) in enumerate(articles_dates):
        inside = [
            d for d in mentions
            if d.granularity == "day" and d.resolved is not None and any(a <= d.start and d.end <= b for a, b in spans)
        ]
        if not inside:
            silent.append(i)
            continue
        first = min(inside, key=lambda d: d.start)
        votes.setdefault(first.resolved, []).append(f"#{i} “{first.text}”")
    if not votes:
        return None, f"no article has a day-level date in its lead ({len(articles_dates)} article(s))"
    counts = Counter({d: len(v) for d, v in votes.items()})
    best = min(counts, key=lambda d: (-counts[d], d))
    total = len(articles_dates)
    parts = [f"{best.isoformat()}: {counts[best]} of {total} article(s) place the event on it ({', '.join(votes[best])})"]
    others = sorted((d for d in votes if d != best), key=lambda d: (-counts[d], d))
    if others:
        parts.append("other dates: " + "; ".join(f"{d.isoformat()} ({', '.join(votes[d])})" for d in others))
    tied = [d for d in others if counts[d] == counts[best]]
    if tied:
        parts.append("tie broken by taking the earliest date")
    if silent:
        parts.append(f"no day-level date in the lead of {', '.join('#' + str(i) for i in silent)}")
    return best, "; ".join(parts)
