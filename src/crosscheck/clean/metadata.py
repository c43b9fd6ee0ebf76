"""Metadata read off an article's lines: title, byline, dateline, date, wire credit."""

from __future__ import annotations

import re
from datetime import date

from .boilerplate import AGENCIES, BYLINE, REPORTING_TAIL, agency_name

_AGENCY_ALT = "|".join(sorted((re.escape(k) for k in AGENCIES), key=len, reverse=True))
_MONTHS = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"

# "MOSCOW (Reuters) – ", "KYIV, Ukraine — ", "WASHINGTON, March 12 (Reuters) - ", "BEIJING/SHANGHAI (AFP) -"
DATELINE = re.compile(
    r"^(?P<city>[A-Z][A-Z.'’-]*(?:[ /][A-Z][A-Z.'’-]*){0,3})"
    r"(?:,\s*(?P<region>(?!" + _MONTHS + r"\s+\d)[A-Z][\w.'’]*(?:\s+[A-Z][\w.'’]*){0,3}))?"
    r"(?:,?\s*(?P<date>" + _MONTHS + r"\s+\d{1,2}))?"
    r"\s*(?:\((?P<agency>" + _AGENCY_ALT + r")\)\s*)?"
    r"(?:[—–]{1,2}|-{1,2}|:)\s+(?=\S)",
    re.I,
)
_CAPS_WORD = re.compile(r"^[A-Z][A-Z.'’/ -]+$")

_DATE_IN_TEXT = re.compile(
    r"\b(?P<mdy>" + _MONTHS + r"\s+\d{1,2},\s+\d{4})\b|\b(?P<dmy>\d{1,2}\s+" + _MONTHS + r"\s+\d{4})\b|\b(?P<iso>\d{4}-\d{2}-\d{2})\b"
)
_PUBLISHED_LINE = re.compile(r"^(?:published|updated|posted|first published|last updated)\s*(?:on|at)?\s*:?\s*(?P<rest>.+)$", re.I)
_NAME_TOKEN = re.compile(r"^[A-Z][\w.'’-]*$")
_LOWER_PARTICLES = {"de", "da", "van", "von", "der", "den", "bin", "al", "el", "la", "le", "di", "du", "dos", "del", "ter", "y"}


# AFP and others print the city in title case when the agency follows: "Bogota (AFP) - "
TITLE_CASE_DATELINE = re.compile(
    r"^(?P<city>[A-Z][\w.'’-]*(?:[ /][A-Z][\w.'’-]*){0,3})(?:,\s*(?P<date>" + _MONTHS + r"\s+\d{1,2}))?"
    r"\s*\((?P<agency>(?i:" + _AGENCY_ALT + r"))\)\s*(?:[—–]{1,2}|-{1,2})\s+(?=\S)"
)
AGENCY_LEAD = re.compile(r"^\((?P<agency>" + _AGENCY_ALT + r")\)\s*(?:[—–]{1,2}|-{1,2})\s+", re.I)


def parse_dateline(paragraph: str) -> tuple[str | None, str | None, int]:
    """``(city, agency, length of the dateline prefix)`` for a lead paragraph, else ``(None, None, 0)``.

    A lead without a city, "(Bloomberg) -- ...", gives ``(None, agency, n)``.
    """
    if m := AGENCY_LEAD.match(paragraph):
        return None, agency_name(m.group("agency")), m.end()
    if (m := TITLE_CASE_DATELINE.match(paragraph)) and agency_name(m.group("agency")):
        return m.group("city").upper(), agency_name(m.group("agency")), m.end()
    m = DATELINE.match(paragraph)
    if not m:
        return None, None, 0
    city = m.group("city").strip()
    # the city must be printed in capitals (a sentence starting "Russia -" is not a dateline)
    if not _CAPS_WORD.match(city) or len(city.replace(" ", "")) < 2 or city.isdigit():
        return None, None, 0
    agency = agency_name(m.group("agency")) if m.group("agency") else None
    return city, agency, m.end()


def _titlecase_name(name: str) -> str:
    if name.isupper():
        return " ".join(w.capitalize() if w.lower() not in _LOWER_PARTICLES else w.lower() for w in name.split())
    return name


def parse_byline(line: str) -> tuple[list[str], str | None] | None:
    """Names in a 'By X, Y and Z' line, and an agency named in it. None if not a byline."""
    m = BYLINE.match(line.strip())
    if not m:
        return None
    rest = m.group(1)
    agency = None
    # "By Jane Doe, Reuters" / "By JOHN SMITH Associated Press" / "By Jane Doe | AP"
    am = re.search(r"(?:[,|•·]\s*|\s+)(?:the\s+)?(" + _AGENCY_ALT + r")\s*$", rest, re.I)
    if am and agency_name(am.group(1)):
        agency = agency_name(am.group(1))
        rest = rest[: am.start()]
    rest = re.split(r"\s+[|•·]\s+|\s+[-–—]\s+", rest)[0]
    parts = re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*", rest)
    names: list[str] = []
    for part in parts:
        part = part.strip().strip(".")
        if not part:
            continue
        words = part.split()
        if not 1 <= len(words) <= 5:
            return None
        if not all(_NAME_TOKEN.match(w) or w.lower() in _LOWER_PARTICLES for w in words):
            # a role after the name ("Jane Doe, Political Editor") ends the list
            if names:
                break
            return None
        names.append(_titlecase_name(part))
    if not names:
        return None
    return names, agency


def credit_from_tail(line: str) -> str | None:
    """The agency behind a '(Reporting by ...; editing by ...)' tail: named, else Reuters' house style."""
    if not REPORTING_TAIL.match(line.strip()):
        return None
    for m in re.finditer(r"\b(" + _AGENCY_ALT + r")\b", line, re.I):
        name = agency_name(m.group(1))
        if name and m.group(1) not in ("ap", "pa", "ani", "efe"):  # lower-case words that are not agencies
            return name
    return "Reuters"


_MONTH_NUM = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}


def _to_date(s: str) -> date | None:
    """'March 12, 2025', '12 March 2025' or '2025-03-12' -> date (None if impossible)."""
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
            return date.fromisoformat(s)
        words = re.findall(r"[A-Za-z]+|\d+", s)
        month = next(_MONTH_NUM[w[:3].lower()] for w in words if w[:3].lower() in _MONTH_NUM)
        nums = [int(w) for w in words if w.isdigit()]
        day, year = (nums[0], nums[1]) if nums[0] <= 31 else (nums[1], nums[0])
        return date(year, month, day)
    except (ValueError, StopIteration, IndexError):
        return None


def dates_in(text: str) -> list[date]:
    """Full calendar dates written in a line ('March 12, 2025', '12 March 2025', '2025-03-12')."""
    out = []
    for m in _DATE_IN_TEXT.finditer(text):
        d = _to_date(m.group(0))
        if d:
            out.append(d)
    return out


def published_from_line(line: str) -> date | None:
    """A 'Published: 13 March 2025' line, or a line that is only a full date."""
    s = line.strip()
    m = _PUBLISHED_LINE.match(s)
    if m:
        found = dates_in(m.group("rest"))
        return found[0] if found else None
    if len(s) <= 60:
        found = dates_in(s)
        if found:
            rest = _DATE_IN_TEXT.sub("", s)
            rest = re.sub(
                r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\d{1,2}[:.]\d{2}|\b(?:am|pm|gmt|utc|bst|cet|est|edt|et)\b",
                "",
                rest,
                flags=re.I,
            )
            if not re.search(r"[A-Za-z]{2,}", rest):
                return found[0]
    return None


def looks_like_title(line: str) -> bool:
    """A headline: short, and not a sentence of body text."""
    s = line.strip()
    words = s.split()
    if not 2 <= len(words) <= 30 or len(s) > 220:
        return False
    if DATELINE.match(s) and parse_dateline(s)[0]:
        return False
    if s.endswith((".", ":", ",", ";")) and not s.endswith("..."):
        return False
    return True
