"""Quantities in news text: numbers with their unit, hedge, range and conversions.

:func:`extract_quantities` is a plain, deterministic function (regular expressions
and small tables; no model is loaded). It finds, with character offsets into the
text it is given:

* a hedge written just before the number ("more than", "about", "up to" ...),
  stored lower-case as written, with its :class:`~crosscheck.model.Hedge` kind;
* the number: digits ("1,300", "0.75", "3.4m", "€210bn"), words ("seven",
  "twenty-five", "a dozen", "two million") and vague magnitudes
  ("hundreds of thousands of people" -> 200,000 .. 999,999);
* ranges: "between 30 and 40 people", "10-15%", "€110bn to €140bn";
* the unit: a measurement unit (canonical names such as ``km2``, ``mi2``, ``ha``,
  ``km``, ``%``, ``degC``, ``year``), a currency (``USD``, ``GBP``, ``EUR`` ...;
  the value in plain currency units: "$4.5 billion" -> 4.5e9, "94 cents" -> 0.94)
  or, for counts, the singular lower-case counted noun ("37 heat-related deaths"
  -> ``death``, "people" -> ``person``); compounds such as "three-year" or
  "150-seat" too;
* a conversion in brackets after a measurement, "200 sq km (77 sq miles)", which
  is checked with :mod:`pint` against the rounding the text shows and stored on
  the original quantity.

SI values (``value_si``/``unit_si``) are computed with pint (one registry, created
lazily; each unit's factor is computed once and cached): m² for areas, m for
lengths, kg for masses, s for durations (a month is 1/12 of a Julian year), m/s
for speeds, m³ for volumes, W for power and J for energy. Temperatures are given
in **degC** (not K): a reading such as "44C" stays readable, Fahrenheit readings
become comparable with Celsius ones, and a temperature *difference* ("about 2.5C
hotter") is not turned into a meaningless 275.65 K. Money, percentages
(``%``, ``pp`` for percentage points, ``bp`` for basis points), magnitudes and
counts have ``value_si`` None.

Reading choices: "sq/m" is square *miles* (as in wire copy: "200sq/km (77sq/m)");
"tons" are metric tonnes (``t``); an attached "m" is a million after a currency
("£300m") or before a plural noun ("5m people"), metres otherwise ("25m");
"cents"/"pence" are hundredths of USD/GBP; "pounds" is GBP after "million" or
"billion", otherwise lb; "hundreds of thousands" is 200,000 .. 999,999 (two of the
magnitude up to ten of it, less one), "several dozen" 36 .. 108, "a few hundred"
200 .. 500. Negative values are kept only for temperatures and percentages ("-12C").

Conversions: the original is converted with pint into the bracketed unit and must
agree with the bracketed figure within half its rounding step, plus half the
original's rounding step carried through the conversion, plus 2% (see
:func:`check_conversion` and :func:`_half_step`). Money in brackets
("3,829 yen ($25.50)") is not checked: no exchange rates.

Not extracted: years and year ranges ("in 2024", "1991-2020"), days of the month
in dates ("March 3", "June 12, 2024"), times of day ("3pm", "10.00 local time"),
ages after names ("Reyes, 67,") and "N-year-old", ordinals ("21st"), phone and
section numbers, scores ("2-1"), "one" used as a pronoun, bare numbers with no
unit and no counted noun.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from decimal import Decimal, InvalidOperation
from typing import Any

from ..lexicon import (
    CLOCK_WORDS,
    ELLIPSIS_NOUNS,
    EMERGENCY_NUMBERS,
    EMERGENCY_SERVICE_WORDS,
    PARTITIVE_PRONOUNS,
    PEOPLE_STATES,
    PEOPLE_VERBS,
    TIME_ZONES,
    WHOLE_ONE,
)
from .. import lexicon
from ..model import Conversion, Hedge, Quantity, Span
from ..units import BARE, CLOCK, clock_minutes_utc, clock_normal

__all__ = ["extract_quantities", "HEDGES", "check_conversion", "si_value"]

# --------------------------------------------------------------------------
# hedges

HEDGES = lexicon.HEDGES
_HEDGE_RE = re.compile(
    r"(?<![A-Za-z])("
    + "|".join(sorted((re.escape(h).replace(r"\ ", r"\s+") for h in HEDGES), key=len, reverse=True))
    + r")\s+$",
    re.IGNORECASE,
)
# "over"/"under" before a duration is usually a preposition ("burned 8,500 hectares
# over six days"); it is a hedge after these words ("for over six years").
_DURATION_HEDGE_CTX = lexicon.DURATION_HEDGE_CTX

# --------------------------------------------------------------------------
# numbers

_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
_SCALE_WORDS = {
    "dozen": 12, "hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9,
    "trillion": 10**12,
}
_SCALE_SUFFIX = {"k": 1000, "m": 10**6, "mn": 10**6, "mln": 10**6, "bn": 10**9, "b": 10**9, "tn": 10**12, "t": 10**12}
_MAGNITUDES = {
    "tens": 10, "dozens": 12, "hundreds": 100, "thousands": 1000, "millions": 10**6,
    "billions": 10**9,
}

_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_WORDNUM = (
    r"(?:(?:" + "|".join(_TENS) + r")(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine)\b)?"
    r"|" + "|".join(sorted(_SMALL, key=len, reverse=True)) + r")"
)
_CANDIDATE_RE = re.compile(
    r"(?P<digits>(?<![\w.,])" + _DIGITS + r")"
    r"|(?P<word>\b" + _WORDNUM + r"\b)"
    r"|(?P<several>\b(?:several|a\s+few)(?:\s+(?:dozen|hundred|thousand|million|billion)\b)+)"
    r"|(?P<a>\ba\s+(?=(?:dozen|hundred|thousand|million|billion)\b))"
    r"|(?P<aunit>\ban?\s+(?=(?:" + "|".join(lexicon.ONE_UNIT_WORDS) + r")\b))"
    r"|(?P<vulgar>(?<![\w.,])[" + "".join(lexicon.VULGAR_FRACTIONS) + r"])"
    r"|(?P<dozen>\bdozen\b)"
    r"|(?P<mag>\b(?:" + "|".join(_MAGNITUDES) + r")(?:\s+of\s+(?:" + "|".join(_MAGNITUDES) + r"))*\s+of\b)",
    re.IGNORECASE,
)
_DIGITS_RE = re.compile(_DIGITS)
_ABBREV_MOD_RE = re.compile(r"[ \t\u00a0]+(?:[A-Z]\.){2,}(?=[ \t\u00a0]+[a-z])")
_FRACTION_RE = re.compile(r"[ \u00a0](\d)/(\d{1,2})(?![\d/])")
_FRACTION_WORD_RE = re.compile(
    r"(?P<half>[ \t\u00a0-]+and[ \t\u00a0-]+a[ \t\u00a0-]+half\b)|[ \t\u00a0-]+(?P<den>" + "|".join(lexicon.FRACTION_WORDS) + r")\b", re.I
)
_WORDNUM_RE = re.compile(_WORDNUM + r"\b", re.IGNORECASE)
_SCALE_WORD_RE = re.compile(r"[ \t\u00a0]*(?:-[ \t]*)?(" + "|".join(_SCALE_WORDS) + r")\b", re.IGNORECASE)
_SCALE_SUFFIX_RE = re.compile(r"(bn|mn|mln|tn|m|k|b|t)(?![A-Za-z0-9²/])", re.IGNORECASE)

_CURRENCY_PREFIX = [
    ("US$", "USD"), ("A$", "AUD"), ("C$", "CAD"), ("HK$", "HKD"), ("NZ$", "NZD"),
    ("$", "USD"), ("£", "GBP"), ("€", "EUR"), ("¥", "JPY"), ("₽", "RUB"), ("₴", "UAH"),
    ("₹", "INR"),
]
_CURRENCY_CODES = ("USD", "GBP", "EUR", "JPY", "RUB", "UAH", "CHF", "CNY", "INR", "AUD", "CAD")
_CODE_PREFIX_RE = re.compile(r"(?<![A-Za-z])(" + "|".join(_CURRENCY_CODES) + r")[ \u00a0]?$")

_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
_MONTH_BEFORE_RE = re.compile(r"\b(?:" + _MONTHS + r")\.?[ \u00a0]+$")
_MONTH_AFTER_RE = re.compile(r"(?:st|nd|rd|th)?[ \u00a0]+(?:of[ \u00a0]+)?(?:" + _MONTHS + r")\b")
_ORDINAL_AFTER_RE = re.compile(r"(?:st|nd|rd|th)\b", re.IGNORECASE)
_TIME_AFTER_RE = re.compile(
    r"[ \u00a0]*(?:a\.m\.|p\.m\.|am\b|pm\b|GMT\b|BST\b|CET\b|CEST\b|EST\b|EDT\b|PST\b|PDT\b|UTC\b|local time\b)",
    re.IGNORECASE,
)
_YEAR_CTX = lexicon.YEAR_CTX
_REFERENCE_WORDS = lexicon.REFERENCE_WORDS


@dataclass
class _Num:
    start: int  # first character, including a currency prefix
    end: int  # just past the number and its scale words
    value: Decimal
    digits: str  # the numeral as written ("1,300", "3.4", "seven")
    scale: int = 1
    currency: str | None = None
    is_word: bool = False
    is_year_like: bool = False
    negative: bool = False


@dataclass
class _Measure:
    unit: str
    end: int
    kind: str  # "unit" | "currency" | "noun"
    factor: Decimal = Decimal(1)


def _to_decimal(s: str) -> Decimal | None:
    try:
        return Decimal(s.replace(",", ""))
    except InvalidOperation:
        return None


def _word_value(w: str) -> int:
    w = w.lower()
    parts = re.split(r"[-\s]+", w)
    total = 0
    for p in parts:
        total += _TENS.get(p, 0) + _SMALL.get(p, 0)
    return total


def _plural_follows(text: str, pos: int) -> bool:
    m = _WORD_RE.match(text, pos)
    return bool(m) and _is_plural(m.group(1).lower())


def _parse_number(text: str, pos: int) -> _Num | None:
    """A number starting at ``pos`` (a digit, a number word or "a dozen"), with its scale."""
    for sym, _code in _CURRENCY_PREFIX:  # a range's second figure may start with its symbol
        if text.startswith(sym, pos):
            pos += len(sym)
            break
    else:
        cm = re.match(r"(?:" + "|".join(_CURRENCY_CODES) + r")[ \u00a0]?(?=\d)", text[pos : pos + 5])
        if cm:
            pos += cm.end()
    m = _CANDIDATE_RE.match(text, pos)
    if not m or m.group("mag") or m.group("several"):
        return None
    num_start = pos
    is_word = False
    if m.group("aunit") or m.group("vulgar"):  # "a gallon of beer", "⅓ cup"
        value = Decimal(1) if m.group("aunit") else lexicon.VULGAR_FRACTIONS[m.group("vulgar")]
        return _Num(pos, m.end(), value, m.group(0).strip(), 1, None, True, False, False)
    if m.group("digits"):
        digits = m.group("digits")
        value = _to_decimal(digits)
        if value is None:
            return None
        end = m.end()
        fr = _FRACTION_RE.match(text, end)
        if fr and "." not in digits and 0 < int(fr.group(1)) < int(fr.group(2)):
            value += Decimal(int(fr.group(1))) / Decimal(int(fr.group(2)))  # "2 1/2"
            end = fr.end()
        elif end < len(text) and text[end] in lexicon.VULGAR_FRACTIONS and "." not in digits:
            value += lexicon.VULGAR_FRACTIONS[text[end]]  # "2½"
            end += 1
        elif (sf := re.match(r"/(\d{1,2})(?![\d/])", text[end : end + 4])) and "." not in digits and 0 < value < int(sf.group(1)):
            if _match_unit(text, end + sf.end()) is not None or re.match(r"[ \t\u00a0]+of\b", text[end + sf.end() : end + sf.end() + 4]):
                # "a 1/4 inch gap", "about 1/40 of"; never "9/11"
                value = value / Decimal(int(sf.group(1)))
                end += sf.end()
        sci = re.match(r"(?:[×x][ \u00a0]?(\d{1,2})(?:\^|\*\*)?([-−]?\d{1,2})|[eE]([-−+]?\d{1,3}))(?![\w.])", text[end : end + 12])
        if sci:  # "2.48×10−5", "8x2^10", "4e14"
            base, exp_ = (int(sci.group(1)), sci.group(2)) if sci.group(1) else (10, sci.group(3))
            exp_i = int(exp_.replace("−", "-"))
            if base in (2, 10) and (sci.group(1) is None or "^" in sci.group(0) or base == 10):
                value = value * (Decimal(base) ** exp_i)
                end += sci.end()
    elif m.group("word"):
        digits = m.group("word")
        value = Decimal(_word_value(digits))
        end = m.end()
        is_word = True
        fw = _FRACTION_WORD_RE.match(text, end)
        if fw:  # "two and a half", "one-half", "two thirds", "three halves"
            if fw.group("half"):
                value += Decimal("0.5")
            else:
                value = value / lexicon.FRACTION_WORDS[fw.group("den").lower()]
            end = fw.end()
    else:  # "a dozen", "a million", "dozen"
        digits = m.group(0).strip()
        value = Decimal(1)
        end = m.end() if m.group("a") else pos
        is_word = True
        half = re.search(r"\bhalf[ \t\u00a0]+$", text[max(0, pos - 6) : pos], re.IGNORECASE)
        if half and m.group("a"):  # "half a million"
            value = Decimal("0.5")
            num_start = pos - len(half.group(0))
    # currency prefix
    currency = None
    start = num_start
    # a sign: "-12C", "minus 5C" (kept only for units that can be negative, see _quantity_at)
    negative = False
    if not is_word:
        sg = re.search(r"(?:(?<=[\s(])|^)(?:[-−–]|minus[ \t\u00a0]+)$", text[max(0, pos - 7) : pos], re.IGNORECASE)
        if sg:
            negative, start = True, pos - len(sg.group(0))
    before = text[max(0, num_start - 4) : num_start]
    if not is_word:
        for sym, code in _CURRENCY_PREFIX:
            if before.endswith(sym):
                currency, start = code, num_start - len(sym)
                break
        else:
            cm = _CODE_PREFIX_RE.search(text[max(0, num_start - 5) : num_start])
            if cm:
                currency, start = cm.group(1), num_start - (len(cm.group(0)))
    # scale
    scale = 1
    sm = _SCALE_SUFFIX_RE.match(text, end) if not is_word else None
    if sm:
        suf = sm.group(1).lower()
        attached_ok = currency is not None or suf in ("bn", "mn", "mln", "tn")
        if not attached_ok and suf == "m":
            # "5m people" is five million people; "25m" alone is 25 metres
            attached_ok = _plural_follows(text, sm.end())
        if suf == "k" and not currency and _match_unit(text, _SPACE_RE.match(text, sm.end()).end()) is not None:
            attached_ok, currency_free_k = True, True  # "0.5k miles"
        else:
            currency_free_k = False
        if attached_ok and suf in _SCALE_SUFFIX and (suf not in ("k", "b", "t") or currency or currency_free_k):
            scale = _SCALE_SUFFIX[suf]
            end = sm.end()
    while True:
        wm = _SCALE_WORD_RE.match(text, end)
        if not wm:
            break
        scale *= _SCALE_WORDS[wm.group(1).lower()]
        end = wm.end()
    if m.group("a") and scale == 1:
        return None
    if m.group("dozen") and scale == 1:
        return None
    if scale >= 100 and (is_word or m.group("a")):
        rest = re.match(r"[ \t\u00a0]*(?:,[ \t\u00a0]*|[ \t\u00a0]+(?:and|&)[ \t\u00a0]+)(" + _WORDNUM + r")\b", text[end : end + 40], re.I)
        if rest:  # "a hundred and two", "three million, two hundred & forty"
            tail = _parse_number(text, end + rest.start(1))
            if tail is not None and tail.is_word and tail.value < scale:
                value, scale, end = value * scale + tail.value, 1, tail.end
    is_year = (
        not is_word
        and currency is None
        and scale == 1
        and re.fullmatch(r"\d{4}", digits) is not None
        and 1800 <= int(digits) <= 2100
    )
    return _Num(start, end, value * scale, digits, scale, currency, is_word, is_year, negative)


# --------------------------------------------------------------------------
# units

_S = r"[ \t\u00a0]*"  # optional space between number and unit
# (pattern, canonical unit, attached-only). Order matters: longer forms first.
_UNIT_TABLE: list[tuple[str, str, bool]] = [
    # scientific units with SI prefixes (pint knows them all; see units.PINT_UNITS)
    (r"(?:cubic|cu\.?)" + _S + r"(?:kilomet(?:re|er)s?|kms?)\b|km³|km3\b|km\^3|kms?[ \t]+cubed\b", "km3", False),
    (r"kms?[ \t]+squared\b", "km2", False),
    (r"nanomet(?:re|er)s?\b", "nm", False),
    (r"micromet(?:re|er)s?\b|[µμ]m\b|microns?\b", "µm", False),
    (r"milligram(?:me)?s?\b|mg\b", "mg", False),
    (r"microgram(?:me)?s?\b|[µμ]g\b", "µg", False),
    (r"millilit(?:re|er)s?\b|ml\b|mL\b", "ml", False),
    (r"centilit(?:re|er)s?\b|cl\b", "cl", False),
    (r"TeV\b|teraelectron[ -]?volts?\b", "TeV", False),
    (r"GeV\b|gigaelectron[ -]?volts?\b", "GeV", False),
    (r"MeV\b|megaelectron[ -]?volts?\b", "MeV", False),
    (r"keV\b|kiloelectron[ -]?volts?\b", "keV", False),
    (r"eV\b|electron[ -]?volts?\b", "eV", False),
    (r"GHz\b|gigahertz\b", "GHz", False),
    (r"MHz\b|megahertz\b", "MHz", False),
    (r"kHz\b|kilohertz\b", "kHz", False),
    (r"Hz\b|hertz\b", "Hz", False),
    (r"TB\b|terabytes?\b", "TB", False),
    (r"GB\b|gigabytes?\b", "GB", False),
    (r"MB\b|megabytes?\b", "MB", False),
    (r"[kK]B\b|kilobytes?\b", "kB", False),
    (r"Wh\b|watt[ -]hours?\b", "Wh", False),
    (r"mGy\b|milligrays?\b", "mGy", False),
    (r"kelvins?\b", "K", False),
    (r"L\b", "l", False),
    (r"cups?\b", "cup", False),
    (r"tbsp\b|tablespoons?\b", "tbsp", False),
    (r"tsp\b|teaspoons?\b", "tsp", False),
    (r"pm\b|picomet(?:re|er)s?\b", "pm", False),
    (r"am\b|attomet(?:re|er)s?\b", "am", False),
    (r"Ma\b|Myr\b|mega-?annum\b", "Myr", False),
    (r"Ga\b|Gyr\b|giga-?annum\b", "Gyr", False),
    # area
    (r"(?:square|sq\.?)" + _S + r"(?:kilomet(?:re|er)s?|kms?)\b", "km2", False),
    (r"sq/kms?\b|sqkm\b|km²|km2\b|km\^2\b|kms²", "km2", False),
    (r"(?:square|sq\.?)" + _S + r"(?:miles?|mi)\b|sq/mi(?:les?)?\b|sq/m\b|sqmi\b|mi²|mi2\b", "mi2", False),
    (r"(?:square|sq\.?)" + _S + r"(?:met(?:re|er)s?|m)\b|m²|m2\b", "m2", False),
    (r"(?:square|sq\.?)" + _S + r"(?:feet|foot|ft)\b|ft²|sq/ft\b", "ft2", False),
    (r"hectares?\b|ha\b", "ha", False),
    (r"acres?\b", "acre", False),
    # percent and points
    (r"%|per" + _S + r"cent\b|percent\b|pct\b", "%", False),
    (r"pc\b", "%", True),
    (r"percentage[ \t]+points?\b", "pp", False),
    (r"basis[ \t]+points?\b|bps?\b", "bp", False),
    # temperature
    (r"(?:°|º|˚)" + _S + r"C\b|degrees?[ \t]+(?:Celsius|centigrade|C)\b|C\b", "degC", False),
    (r"(?:°|º|˚)" + _S + r"F\b|degrees?[ \t]+(?:Fahrenheit|F)\b|F\b", "degF", False),
    # speed (before length)
    (r"km/h\b|kmh\b|kph\b|kilomet(?:re|er)s[ \t]+(?:per|an|a)[ \t]+hour\b", "km/h", False),
    (r"mph\b|miles[ \t]+(?:per|an|a)[ \t]+hour\b", "mph", False),
    (r"knots\b", "kn", False),
    # length
    (r"kilomet(?:re|er)s?\b|kms?\b", "km", False),
    (r"nautical[ \t]+miles?\b|nmi\b", "nmi", False),
    (r"miles?\b|mi\b", "mi", False),
    (r"centimet(?:re|er)s?\b|cm\b", "cm", False),
    (r"millimet(?:re|er)s?\b|mm\b", "mm", False),
    (r"met(?:re|er)s?\b", "m", False),
    (r"m\b", "m", True),
    (r"feet\b|foot\b|ft\b", "ft", False),
    (r"inch(?:es)?\b", "in", False),
    (r"in\b(?=\.?[ \t]*$|\.?[ \t]*[,;)\n]|[ \t]+(?:thick|long|wide|tall|high|deep|across)\b)", "in", False),
    (r"yards?\b|yds?\b", "yd", False),
    # volume
    (r"cubic[ \t]+met(?:re|er)s?\b|m³|m3\b", "m3", False),
    (r"lit(?:re|er)s?\b", "l", False),
    (r"gallons?\b", "gal", False),
    # mass
    (r"kilo(?:gram|gramme)s?\b|kilos\b|kg\b", "kg", False),
    (r"(?:metric[ \t]+)?tonnes?\b|tons?\b", "t", False),
    (r"t\b", "t", True),
    (r"grams?\b|grammes?\b", "g", False),
    (r"lbs?\b", "lb", False),
    (r"ounces?\b|oz\b", "oz", False),
    # power / energy
    (r"megawatts?\b|MW\b", "MW", False),
    (r"gigawatts?\b|GW\b", "GW", False),
    (r"kilowatts?\b|kW\b", "kW", False),
    (r"TWh\b", "TWh", False),
    (r"GWh\b", "GWh", False),
    (r"MWh\b", "MWh", False),
    (r"kWh\b", "kWh", False),
    # time
    (r"years?\b|yrs?\b", "year", False),
    (r"months?\b", "month", False),
    (r"weeks?\b", "week", False),
    (r"days?\b", "day", False),
    (r"hours?\b|hrs?\b", "hour", False),
    (r"minutes?\b|mins?\b", "minute", False),
    (r"seconds?\b|secs?\b", "second", False),
    (r"decades?\b", "decade", False),
    (r"centuries\b|century\b", "century", False),
]
_UNIT_RES = [(re.compile(p), u, a) for p, u, a in _UNIT_TABLE]
# case-sensitive: "C", "F", "MW" ...; but the word forms are matched case-insensitively too
_CASE_SENSITIVE_UNITS = ("degC", "degF", "MW", "GW", "kW", "TWh", "GWh", "MWh", "kWh", "m2", "mi2", "km2", "mg", "µg", "ml", "cl",
                         "TeV", "GeV", "MeV", "keV", "eV", "GHz", "MHz", "kHz", "Hz", "TB", "GB", "MB", "kB", "Wh", "mGy", "l", "µm",
                         "pm", "am", "Myr", "Gyr")
_UNIT_RES_CI = [(re.compile(p, re.IGNORECASE), u, a) for p, u, a in _UNIT_TABLE if not a and u not in _CASE_SENSITIVE_UNITS]

_MONEY_WORDS: list[tuple[str, str, Decimal]] = [
    (r"(?:US[ \t]+)?dollars?\b", "USD", Decimal(1)),
    (r"euros?\b", "EUR", Decimal(1)),
    (r"pounds[ \t]+sterling\b|sterling\b", "GBP", Decimal(1)),
    (r"yen\b", "JPY", Decimal(1)),
    (r"(?:roubles?|rubles?)\b", "RUB", Decimal(1)),
    (r"hryvnias?\b|hryvnia\b|hryvni\b", "UAH", Decimal(1)),
    (r"(?:Swiss[ \t]+)?francs\b", "CHF", Decimal(1)),
    (r"yuan\b|renminbi\b", "CNY", Decimal(1)),
    (r"rupees\b", "INR", Decimal(1)),
    (r"cents?\b", "USD", Decimal("0.01")),
    (r"dimes?\b", "USD", Decimal("0.1")),
    (r"pence\b", "GBP", Decimal("0.01")),
    (r"(?:" + "|".join(_CURRENCY_CODES) + r")\b", "", Decimal(1)),
]
_MONEY_RES = [(re.compile(p, re.IGNORECASE), u, f) for p, u, f in _MONEY_WORDS]
_PENCE_ATTACHED_RE = re.compile(r"p\b")
_POUNDS_RE = re.compile(r"pounds?\b", re.IGNORECASE)
_SPACE_RE = re.compile(r"[ \t\u00a0]*")

# unit words as they appear in compounds ("three-year", "2.5-acre", "10-mile")
_COMPOUND_UNITS = {
    "year": "year", "month": "month", "week": "week", "day": "day", "hour": "hour",
    "minute": "minute", "second": "second", "decade": "decade", "century": "century",
    "acre": "acre", "hectare": "ha", "mile": "mi", "kilometre": "km", "kilometer": "km",
    "km": "km", "metre": "m", "meter": "m", "foot": "ft", "ft": "ft", "inch": "in",
    "yard": "yd", "tonne": "t", "ton": "t", "kilogram": "kg", "kg": "kg", "litre": "l",
    "liter": "l", "gallon": "gal", "megawatt": "MW", "gigawatt": "GW", "per-cent": "%",
    "percent": "%", "magnitude": "magnitude",
}
_HYPHEN_STOP = {
    "off", "on", "way", "sided", "time", "times", "fold", "third", "thirds", "half",
    "halves", "quarter", "quarters", "fifth", "fifths", "point", "nil", "all", "up",
    "old", "strong", "odd", "ish", "plus", "and", "to", "or", "year-old", "member-state",
}
_AGE_AFTER_RE = re.compile(r"[-\s](?:years?|months?|weeks?|days?)[-\s]old\b", re.IGNORECASE)


def _match_unit(text: str, pos: int) -> tuple[str, int] | None:
    """A measurement unit at ``pos`` (attached, or after spaces)."""
    sp = _SPACE_RE.match(text, pos).end()
    for rx, unit, attached in _UNIT_RES:
        at = pos if attached else sp
        if attached and sp != pos:
            continue
        m = rx.match(text, at)
        if m and m.end() > at:
            if unit in ("degC", "degF") and m.group(0) in ("C", "F") and sp != pos:
                continue  # "24 C" with a space is too ambiguous
            return unit, m.end()
    for rx, unit, _ in _UNIT_RES_CI:
        m = rx.match(text, sp)
        if m and m.end() > sp:
            return unit, m.end()
    return None


def _match_money_word(text: str, pos: int, num: _Num) -> _Measure | None:
    sp = _SPACE_RE.match(text, pos).end()
    for rx, unit, factor in _MONEY_RES:
        m = rx.match(text, sp)
        if m:
            return _Measure(unit or m.group(0).upper(), m.end(), "currency", factor)
    m = _POUNDS_RE.match(text, sp)
    if m:
        if num.scale >= 10**6:  # "5 million pounds"
            return _Measure("GBP", m.end(), "currency")
        return _Measure("lb", m.end(), "unit")
    if not num.is_word and sp == pos:
        m = _PENCE_ATTACHED_RE.match(text, pos)
        if m:
            return _Measure("GBP", m.end(), "currency", Decimal("0.01"))
    return None


# --------------------------------------------------------------------------
# counted nouns

_WORD_RE = re.compile(r"[ \t\u00a0]+([A-Za-z][A-Za-z'’\-]*[A-Za-z]|[A-Za-z])(?![\w])")
_STOP = set(
    """
    a an the this that these those each every either neither any all both no several many much
    few another such own same
    of in on at to from for with by over under since into onto across after before during between
    per than as about around near within without through against among amid amidst toward towards
    up down off out upon via despite including like unlike beyond behind below above beside
    besides along alongside throughout ago apiece
    and or but nor so yet if while when where whereas because although though unless until
    whether then
    who whom whose which what i you he she it we they me him her us them his its our their my your
    is are was were be been being am has have had having do does did will would shall should can
    could may might must said says say told tells according
    not now also only just still already ever never again here there too very later earlier last
    next once even almost nearly about roughly most
    outside inside away abroad ahead apart together altogether aside back forward forth
    am pm gmt bst utc est
    times percent cent per
    """.split()
)
_IRREGULAR_PLURALS = {
    "people": "person", "men": "man", "women": "woman", "children": "child", "feet": "foot",
    "teeth": "tooth", "mice": "mouse", "geese": "goose", "police": "police",
    "aircraft": "aircraft", "staff": "staff", "personnel": "personnel", "crew": "crew",
    "cattle": "cattle", "livestock": "livestock", "sheep": "sheep", "deer": "deer",
    "fish": "fish", "crises": "crisis", "analyses": "analysis", "theses": "thesis",
    "lives": "life", "wives": "wife", "knives": "knife", "thieves": "thief", "wolves": "wolf",
    "shelves": "shelf", "halves": "half", "leaves": "leaf", "loaves": "loaf",
    "series": "series", "species": "species", "buses": "bus", "viruses": "virus",
    "bonuses": "bonus", "campuses": "campus", "censuses": "census", "statuses": "status",
    "gases": "gas", "heroes": "hero", "potatoes": "potato", "tomatoes": "tomato",
    "vetoes": "veto", "echoes": "echo", "torpedoes": "torpedo", "volcanoes": "volcano",
    "data": "data", "media": "media", "criteria": "criterion", "phenomena": "phenomenon",
    "troops": "troop", "refugees": "refugee", "employees": "employee", "dead": "dead",
    "wounded": "wounded", "injured": "injured", "missing": "missing",
}
# adjectives used as nouns: the head only when nothing noun-like follows
_SUBSTANTIVE = lexicon.SUBSTANTIVE
_NOT_PLURAL = lexicon.NOT_PLURAL
_ONE_BAD_NEXT = {"way", "thing", "time", "side", "hand", "point", "another", "day"}
_ONE_BAD_PREV = {"the", "no", "any", "every", "each", "this", "that", "which", "another", "only", "someone", "anyone"}


_VERBISH = {"was", "is", "has", "had", "died", "suffered", "remains", "remained", "said", "says"}


def _is_plural(w: str) -> bool:
    if w in _IRREGULAR_PLURALS:
        return w not in _SUBSTANTIVE
    if w in _NOT_PLURAL or w in _STOP:
        return False
    return len(w) >= 3 and w.endswith("s") and not w.endswith(("ss", "us", "is", "'s", "’s"))


def singular(w: str) -> str:
    """The singular of a lower-case English plural noun (small rules + exceptions)."""
    w = w.lower()
    if w in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[w]
    if "-" in w:  # "heat-deaths" is unusual; singularise the last part
        head, _, tail = w.rpartition("-")
        return f"{head}-{singular(tail)}" if tail else w
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("sses", "shes", "ches", "xes", "zzes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith("ss"):
        return w[:-1]
    return w


_MONEY_NOUNS = {
    "dollar": "USD", "euro": "EUR", "yen": "JPY", "rouble": "RUB", "ruble": "RUB",
    "hryvnia": "UAH", "pound": "GBP", "franc": "CHF", "yuan": "CNY", "rupee": "INR",
}


def _counted_noun(text: str, pos: int, value: Decimal, doc: Any = None) -> tuple[str, int] | None:
    """The counted noun after a number: "19 small boats" -> ("boat", end of "boats")."""
    cur = pos
    mods = 0
    prev_cap = False
    while mods <= 3:
        ab = _ABBREV_MOD_RE.match(text, cur)
        if ab:  # "three U.S. states"
            cur, mods, prev_cap = ab.end(), mods + 1, True
            continue
        m = _WORD_RE.match(text, cur)
        if not m:
            return None
        w = m.group(1)
        lw = w.lower()
        if lw == "and" and prev_cap:  # "seven Delta and United flights"
            nxt_cap = _WORD_RE.match(text, m.end(1))
            if nxt_cap and nxt_cap.group(1)[:1].isupper():
                cur = m.end(1)
                continue
        prev_cap = w[:1].isupper() and mods >= 0
        if lw in _STOP or lw.endswith(("'s", "’s", "'", "’")):
            return None
        if doc is not None and _is_verb(doc, m.start(1)):
            return None
        nxt = _WORD_RE.match(text, m.end())
        nxt_w = nxt.group(1).lower() if nxt else None
        np_ends = nxt is None or nxt_w in _STOP
        if _is_plural(lw):
            return singular(lw), m.end(1)
        if lw in _SUBSTANTIVE and np_ends:
            return lw, m.end(1)
        if value == 1 and lw not in _NOT_PLURAL and (
            np_ends or (nxt_w is not None and (nxt_w.endswith("ed") or nxt_w in _VERBISH))
        ):  # "one person was", "one firefighter suffered"
            return lw, m.end(1)
        mods += 1
        cur = m.end(1)
    return None


def _is_verb(doc: Any, offset: int) -> bool:
    try:
        span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    except Exception:  # noqa: BLE001 - a doc of another text: ignore the hint
        return False
    return bool(span) and span[0].pos_ in ("VERB", "AUX")


# --------------------------------------------------------------------------
# one quantity


@dataclass
class _Found:
    start: int
    end: int
    num: _Num
    value: Decimal
    value_max: Decimal | None
    unit: str
    kind: str
    counts: str | None = None
    vague: bool = False  # "hundreds of thousands"


def _measure(text: str, num: _Num, allow_noun: bool = True, doc: Any = None) -> _Measure | None:
    """What the number measures: its currency, unit, compound unit or counted noun."""
    e = num.end
    if num.currency:
        per = re.match(r"[ \t\u00a0]*(?:/|per[ \t\u00a0]+|an?[ \t\u00a0]+)(hour|hr|day|week|month|year|kg|kilo|tonne|barrel|share)\b", text[e : e + 16], re.I)
        if per and (text[e : e + 1] == "/" or "per" in per.group(0).lower()):  # "$15.4/hour", "$350 per kg"
            den = {"hr": "hour", "kilo": "kg"}.get(per.group(1).lower(), per.group(1).lower())
            return _Measure(f"{num.currency}/{den}", e + per.end(), "unit")
        return _Measure(num.currency, e, "currency")
    # hyphenated compound: "three-year", "150-seat", "2.5-acre"
    if e < len(text) and text[e] in "-‐" and e + 1 < len(text) and text[e + 1].isalpha():
        cm = re.match(r"([A-Za-z]+)(?![\w-])|([A-Za-z]+)-(?=[A-Za-z])", text[e + 1 : e + 30])
        if cm:
            word = cm.group(1) or cm.group(2)
            lw = word.lower()
            if cm.group(2) is not None:  # a longer compound: "10-year-old", "two-thirds-majority"
                if lw in _COMPOUND_UNITS and not _AGE_AFTER_RE.match(text, e):
                    return _Measure(_COMPOUND_UNITS[lw], e + 1 + len(word), "unit")
                return None
            if lw in _COMPOUND_UNITS:
                return _Measure(_COMPOUND_UNITS[lw], e + 1 + len(word), "unit")
            um = _match_unit(text, e + 1)
            if um and um[1] == e + 1 + len(word) and um[0] not in ("degC", "degF"):
                return _Measure(um[0], um[1], "unit")
            if word.islower() and lw not in _HYPHEN_STOP and lw not in _STOP and len(lw) > 2:
                return _Measure(singular(lw) if _is_plural(lw) else lw, e + 1 + len(word), "noun")
        return None
    mw = _match_money_word(text, e, num)
    if mw:
        return mw
    um = _match_unit(text, e)
    if um:
        unit, end = um
        if unit == "m" and not num.is_word and num.scale == 1 and _plural_follows(text, end):
            pass  # handled as scale in _parse_number; fall through to the noun
        else:
            return _Measure(unit, end, "unit")
    if e < len(text) and (text[e].isalnum()):
        return None  # "21st", "1970s", "3pm", "MH17"
    if not allow_noun:
        return None
    cn = _counted_noun(text, e, num.value, doc)
    if cn:
        noun, end = cn
        if noun in _MONEY_NOUNS:
            return _Measure(_MONEY_NOUNS[noun], end, "currency")
        if noun in _COMPOUND_UNITS:  # "15 working days"
            return _Measure(_COMPOUND_UNITS[noun], end, "unit")
        return _Measure(noun, end, "noun")
    return None


def _prev_word(text: str, pos: int) -> str:
    m = re.search(r"([A-Za-z]+)[^A-Za-z\n]{0,3}$", text[max(0, pos - 30) : pos])
    return m.group(1).lower() if m else ""


def _skip_number(text: str, num: _Num) -> bool:
    """Numbers that are not quantities: dates, times, references, phone numbers."""
    s, e = num.start, num.end
    before = text[max(0, s - 40) : s]
    if not num.is_word:
        ch = text[s - 1] if s > 0 else ""
        if ch and (ch.isalnum() or ch in "/#"):
            return True
        if ch in "-–‐" and s >= 2 and (text[s - 2].isalnum()):
            return True  # "F-16", "COVID-19", second half of "2-1"
        if re.search(r"\d[ \u00a0]$", before) or re.match(r"[ \u00a0]\d", text[e : e + 2]):
            return True  # phone numbers "900 555 014"
        if re.match(r"[:.]\d", text[e : e + 2]):
            return True  # "10:30", "1.2.3"
        if re.match(r"\d{1,2}[.:]\d{2}$", num.digits) and _TIME_AFTER_RE.match(text, e):
            return True
        if num.scale == 1 and _TIME_AFTER_RE.match(text, e) and not re.fullmatch(r"\d+\.(?:\d|\d{3,})", num.digits):
            return True  # "2 pm" is a time; "2.123 pm" cannot be one
        if num.scale == 1 and _ORDINAL_AFTER_RE.match(text, e):
            return True
        if num.scale == 1 and not num.currency:
            if _MONTH_BEFORE_RE.search(before) or _MONTH_AFTER_RE.match(text, e):
                return True
    if _prev_word(text, s) in _REFERENCE_WORDS and not num.is_word:
        return True
    return False


def _year_context(text: str, start: int) -> bool:
    pw = _prev_word(text, start)
    if pw in _YEAR_CTX or re.search(r"(?:" + _MONTHS + r")\.?\s+\d{1,2},?\s+$", text[max(0, start - 20) : start]):
        return True
    return bool(re.search(r"['’]s\s+$", text[max(0, start - 5) : start]))


def _try_range(text: str, n1: _Num, m1: _Measure | None, connector_re: str, doc: Any) -> tuple[_Num, _Measure] | None:
    cm = re.compile(connector_re, re.IGNORECASE).match(text, m1.end if m1 and m1.kind != "noun" else n1.end)
    if not cm:
        return None
    n2 = _parse_number(text, _SPACE_RE.match(text, cm.end()).end())
    if n2 is None or n2.is_year_like and n1.is_year_like:
        return None
    if n1.currency and n2.currency is None:
        n2.currency = n1.currency
    m2 = _measure(text, n2, allow_noun=True, doc=doc)
    if m2 is None:
        return None
    if m1 is not None and m1.kind != "noun" and m1.unit != m2.unit:
        return None
    return n2, m2


_SIGNED_UNITS = {"degC", "degF", "%", "pp", "bp"}


def _quantity_at(text: str, num: _Num, doc: Any) -> _Found | None:
    f = _quantity_at_unsigned(text, num, doc)
    if f is None or not num.negative:
        return f
    if f.unit in _SIGNED_UNITS and f.value_max is None:
        f.value = -f.value
        return f
    # not a signed quantity: drop the sign from the span
    if f.start == num.start:
        m = re.match(r"(?:[-−–]|minus[ \t\u00a0]+)", text[num.start :], re.IGNORECASE)
        f.start += m.end() if m else 0
    return f


def _quantity_at_unsigned(text: str, num: _Num, doc: Any) -> _Found | None:
    if _skip_number(text, num):
        return None
    if re.search(r"\b(?:\d+|one|two|three|four|five|ten)[ \t]+(?:in|out[ \t]+of)[ \t]+$", text[max(0, num.start - 14) : num.start], re.IGNORECASE):
        return None  # "1 in 5 people": a ratio
    if _AGE_AFTER_RE.match(text, num.end):
        return None
    # ranges: "between X and Y", "X-Y", "X to Y"
    between = re.search(r"\bbetween[ \t\u00a0]+$", text[max(0, num.start - 12) : num.start], re.IGNORECASE)
    m1 = None if num.end < len(text) and text[num.end] in "-–" and text[num.end + 1 : num.end + 2].isdigit() else _measure(text, num, allow_noun=False, doc=doc)
    connectors = []
    if between:
        connectors.append(r"[ \t\u00a0]+(?:and|to)[ \t\u00a0]+")
    else:
        connectors.append(r"[ \t\u00a0]*[-–][ \t\u00a0]*" if not num.is_word else r"[-–]")
        if _prev_word(text, num.start) != "from":
            connectors.append(r"[ \t\u00a0]+to[ \t\u00a0]+")
            connectors.append(r"[-–][ \t\u00a0]+to[ \t\u00a0]+")  # "8- to 16-meter"
    for conn in connectors:
        r = _try_range(text, num, m1, conn, doc)
        if r is None:
            continue
        n2, m2 = r
        v1, v2 = num.value, n2.value
        if num.scale == 1 and n2.scale > 1 and num.value <= n2.value / n2.scale:
            v1 = num.value * n2.scale  # "between 1.5 and 2 million"
        v1 *= m2.factor
        v2 *= m2.factor
        if v2 <= v1:
            continue
        if num.is_year_like and n2.is_year_like and m2.kind != "unit":
            continue
        start = num.start - len(between.group(0)) if between else num.start
        return _Found(start, m2.end, num, v1, v2, m2.unit, m2.kind)
    m = m1 if m1 is not None else _measure(text, num, allow_noun=True, doc=doc)
    mag = _MAGNITUDE_BEFORE_RE.search(text[max(0, num.start - 12) : num.start])
    if mag and not num.is_word and (m is None or m.kind == "noun"):  # "a magnitude 6.4 earthquake"
        return _Found(num.start - len(mag.group(0)), num.end, num, num.value, None, "magnitude", "unit")
    if m is None:
        return _shared_unit(text, num, doc)
    if m.unit in ("pm", "am") and not re.fullmatch(r"\d+\.(?:\d|\d{3,})", num.digits):
        return None  # "2 pm", "2.13 am" are times of day; "2.123 pm" is not
    if m.kind == "noun" and num.value != num.value.to_integral_value():
        return None  # counts are whole: "6.4 tremor", "2.5 people"
    if num.is_year_like and m.kind == "noun" and re.search(r"\b[A-Z]", text[num.end : m.end]):
        return None  # "2025 Asia Markets"
    if num.is_year_like and (m.kind == "noun" or m.unit in ("year", "month", "day", "week")) and _year_context(text, num.start):
        return None
    if num.is_year_like and m.kind == "unit" and m.unit in ("degC", "degF"):
        return None
    if num.is_word and num.value == 1 and num.scale == 1:
        if _prev_word(text, num.start) in _ONE_BAD_PREV:
            return None
        if m.unit in _ONE_BAD_NEXT and text[num.end : num.end + 1] != "-" and len(text[num.end : m.end].split()) == 1:
            return None
    return _Found(num.start, m.end, num, num.value * m.factor, None, m.unit, m.kind)


def _shared_unit(text: str, num: _Num, doc: Any) -> _Found | None:
    """ "45 and 50 mg", "3 or 4 people": a number takes the unit of the number it is coordinated with."""
    conj = re.match(r"[ \t\u00a0]+(?:and|or)[ \t\u00a0]+", text[num.end : num.end + 6])
    if conj is None or num.is_year_like:
        return None
    n2 = _parse_number(text, num.end + conj.end())
    m2 = _measure(text, n2, allow_noun=True, doc=doc) if n2 is not None and not n2.currency else None
    if m2 is None or m2.kind not in ("unit", "noun") or n2.is_year_like:
        return None
    return _Found(num.start, num.end, num, num.value * m2.factor, None, m2.unit, m2.kind)


def _bare(text: str, num: _Num) -> _Found | None:
    """A bare number that measures nothing named ("The answer is 42"): unit :data:`units.BARE`.
    Not a year, a date, a time, a reference ("Flight 370"), a ratio or a decade ("the 1960s")."""
    if num.currency or num.is_year_like or _skip_number(text, num) or num.negative:
        return None
    if re.match(r"['’]?s\b|[-–]|%|/\d|[^\W\d_]", text[num.end : num.end + 2]) or (num.is_word and num.value == 1 and num.scale == 1):
        return None  # "1960s", "F-16-", "one of them"
    if re.search(r"\b(?:\d+|one|two|three|four|five|ten)[ \t]+(?:in|out[ \t]+of)[ \t]+$", text[max(0, num.start - 14) : num.start], re.I):
        return None
    return _Found(num.start, num.end, num, num.value, None, BARE, "bare")


_MAGNITUDE_BEFORE_RE = re.compile(r"\bmagnitude[ \t\u00a0-]*$", re.IGNORECASE)


def _several_at(text: str, m: re.Match, doc: Any) -> _Found | None:
    """ "several dozen families" -> 36 .. 108; "a few hundred people" -> 200 .. 500."""
    words = m.group(0).lower().split()
    lo, hi = (3, 9) if words[0] == "several" else (2, 5)
    scale = 1
    for w in words:
        scale *= _SCALE_WORDS.get(w, 1)
    if scale == 1:
        return None
    unit_m = _match_unit(text, m.end())
    if unit_m and unit_m[0] in _PINT_UNITS or unit_m and unit_m[0] == "%":
        unit, end, kind = unit_m[0], unit_m[1], "unit"
    else:
        mw = _match_money_word(text, m.end(), _Num(m.start(), m.end(), Decimal(lo * scale), "", scale, is_word=True))
        if mw is not None and mw.kind == "currency":
            unit, end, kind = mw.unit, mw.end, "currency"
        else:
            cn = _counted_noun(text, m.end(), Decimal(lo * scale), doc)
            if cn is None:
                return None
            unit, end = cn
            kind = "noun"
    num = _Num(m.start(), m.end(), Decimal(lo * scale), m.group(0), scale, is_word=True)
    return _Found(m.start(), end, num, Decimal(lo * scale), Decimal(hi * scale), unit, kind, vague=True)


def _vague_at(text: str, m: re.Match, doc: Any) -> _Found | None:
    """ "hundreds of thousands of people" -> 200,000 .. 999,999."""
    words = re.findall(r"[A-Za-z]+", m.group(0).lower())
    mag = 1
    for w in words:
        mag *= _MAGNITUDES.get(w, 1)
    cn = _counted_noun(text, m.end(), Decimal(mag * 2), doc)
    if cn is None:
        return None
    noun, end = cn
    unit, kind = (_MONEY_NOUNS[noun], "currency") if noun in _MONEY_NOUNS else (noun, "noun")
    num = _Num(m.start(), m.end(), Decimal(2 * mag), m.group(0), mag)
    return _Found(m.start(), end, num, Decimal(2 * mag), Decimal(10 * mag - 1), unit, kind, vague=True)


# --------------------------------------------------------------------------
# SI values and conversions

from ..units import _fmt, PINT_UNITS as _PINT_UNITS, PRETTY as _PRETTY, convert as _convert, half_step as _half_step, si_value  # noqa: E402


def check_conversion(orig: Quantity, conv: Quantity, orig_written: str, conv_written: str,
                     orig_scale: float = 1, conv_scale: float = 1) -> Conversion | None:
    """Check that ``conv`` is ``orig`` in another unit, to the rounding the text shows.

    The expected value is the original converted with pint. Allowed deviation: half the
    rounding step of the converted figure, plus half the step of the original carried
    through the conversion, plus 2% for the converter's own rounding habits. ``tolerance``
    is that allowance relative to the expected value.
    """
    expected = _convert(orig.value, orig.unit, conv.unit)
    if expected is None:
        return None
    one_more = _convert(orig.value + 1.0, orig.unit, conv.unit)
    slope = abs(one_more - expected) if one_more is not None else 1.0
    abs_tol = (
        _half_step(conv_written, conv_scale)
        + _half_step(orig_written, orig_scale) * slope
        + 0.02 * abs(expected)
    )
    diff = abs(conv.value - expected)
    ok = diff <= abs_tol
    if ok and orig.value_max is not None and conv.value_max is not None:
        exp_max = _convert(orig.value_max, orig.unit, conv.unit)
        ok = exp_max is not None and abs(conv.value_max - exp_max) <= abs_tol
    rel = abs_tol / abs(expected) if expected else abs_tol
    ou, cu = _PRETTY.get(orig.unit, orig.unit), _PRETTY.get(conv.unit, conv.unit)
    head = f"{_fmt(orig.value)} {ou} = {_fmt(expected)} {cu}; text says {_fmt(conv.value)} {cu}"
    if ok:
        note = f"{head} (within rounding)"
    else:
        off = diff / abs(expected) * 100 if expected else float("inf")
        note = f"{head}: off by {off:.0f}%, more than the ±{rel * 100:.1f}% the rounding allows"
    o_start = orig.start + (len(orig.hedge) + _hedge_gap(orig) if orig.hedge else 0)
    return Conversion(
        original=Span(start=o_start, end=orig.end, text=""),
        converted=Span(start=conv.start, end=conv.end, text=conv.text),
        original_si=orig.value_si,
        converted_si=conv.value_si,
        consistent=ok,
        tolerance=round(rel, 6),
        note=note,
    )


def _hedge_gap(q: Quantity) -> int:
    rest = q.text[len(q.hedge or "") :]
    return len(rest) - len(rest.lstrip())


_CONV_OPEN_RE = re.compile(r"[ \t\u00a0]*[(\[][ \t\u00a0]*")
_CONV_CLOSE_RE = re.compile(r"[ \t\u00a0]*[)\]]")


# --------------------------------------------------------------------------
# clock times, ages, and counts whose noun is elsewhere

_ZONE_ALT = "|".join(sorted((re.escape(z) for z in TIME_ZONES), key=len, reverse=True))
_CLOCK_RE = re.compile(
    r"(?<![\w.:$£€/-])(?:(?P<h>[01]?\d|2[0-3])(?:(?P<sep>[:.])(?P<m>[0-5]\d))?(?!\d|,\d)"
    r"|(?P<word>noon|midday|midnight)\b)"
    r"(?P<ampm>[ \u00a0]?(?:[ap]\.[ \u00a0]?m\.?|[ap]m\b|[AP]M\b|[AP]\.M\.))?"
    r"(?P<zone>[ \u00a0]*\(?(?:(?:" + _ZONE_ALT + r")\b|[EPCM]\.T\.?|local[ \u00a0]+time\b"
    r"|(?:[A-Z][a-z]+[ \u00a0]){1,2}time\b)\)?)?"
)
_AGE_RE = re.compile(
    r"(?<![\w.,-])(?P<n>\d{1,3}|" + _WORDNUM + r")[- \u00a0](?:years?|yrs?)[- \u00a0]old\b", re.IGNORECASE
)
# "Hamish Reed (58)", "Reed, 61," : an age after a capitalised name
_NAME_AGE_RE = re.compile(r"(?<=[a-z\u00e0-\u00ff])(?:,[ \u00a0]+|[ \u00a0]+\()(?P<n>\d{1,3})(?=\)|,|[ \u00a0]*$|[ \u00a0]*\n|\.[ \u00a0\n])", re.M)
_WHOLE_ONE_RE = re.compile(
    r"\b(?:an?|one|the)[ \u00a0]+[“\"‘']?(?:" + "|".join(WHOLE_ONE) + r")[ \u00a0]+(day|night|week|month|year|hour)\b", re.IGNORECASE
)


def clock_times(text: str) -> list[Quantity]:
    """Clock times: "6:04 p.m.", "18:04 local time", "12:34 GMT", "4:23 a.m.", "noon Alaska time".

    ``value`` is minutes after local midnight (24-hour), ``unit`` is ``clock``, ``zone`` the
    zone as written (an abbreviation, "local time", "Alaska time") and, when the zone's
    offset is known, ``value_si`` is seconds after midnight UTC (``unit_si`` "s UTC").
    A bare "10.30" with neither am/pm nor a zone is a decimal, not a time; "10:30" is a time.
    """
    out = []
    for m in _CLOCK_RE.finditer(text):
        ampm = (m.group("ampm") or "").lower().replace(".", "").replace(" ", "").replace("\u00a0", "")
        zone_raw = (m.group("zone") or "").strip(" \u00a0()")
        if m.group("word"):
            minutes = CLOCK_WORDS[m.group("word").lower()]
        else:
            h, mm = int(m.group("h")), int(m.group("m") or 0)
            if ampm:
                if not 1 <= h <= 12:
                    continue
                h = (h % 12) + (12 if ampm == "pm" else 0)
            elif not (m.group("sep") == ":" and m.group("m")) and not (m.group("m") and zone_raw):
                continue
            if m.group("sep") == ":" and text[m.end("m") : m.end("m") + 1] == ":":
                continue  # "1:02:33", a duration or a timestamp
            minutes = h * 60 + mm
        if m.group("word") and not (zone_raw or re.search(r"\b(?:at|by|around|about|until|before|after|from|of|since)\s+$", text[max(0, m.start() - 12) : m.start()], re.I)):
            continue  # "noon" needs a time context
        end = m.end()
        if zone_raw and m.group("zone") and m.group("zone").rstrip().endswith(")") and "(" not in m.group("zone"):
            end -= 1  # do not take the closing bracket of "(12:34 GMT)"
        while end > m.start() and text[end - 1] in " \u00a0":
            end -= 1
        zone = None
        offset = None
        if zone_raw:
            z = zone_raw.rstrip(".")
            key = z.replace(".", "").upper()
            if key in TIME_ZONES:
                zone, offset = key, TIME_ZONES[key]
            else:
                zone = re.sub(r"\s+", " ", z)
        hedge, start = _hedge_before(text, m.start(), CLOCK, "unit")
        utc = clock_minutes_utc(minutes, offset)
        # "at 7:25" without a.m./p.m. is open in the 12-hour reading; "07:25", "19:25", "7:25 p.m." are not
        ambiguous = not ampm and not m.group("word") and 1 <= minutes // 60 <= 11 and not m.group("h").startswith("0")
        normal = clock_normal(minutes, ambiguous, offset)
        out.append(
            Quantity(
                start=start, end=end, text=f"{text[start:end]} [{normal}]", value=float(minutes), unit=CLOCK, counts="time of day",
                hedge=hedge, hedge_kind=HEDGES[hedge] if hedge else Hedge.exact, zone=zone, utc_offset=offset,
                value_si=utc * 60 if utc is not None else None, unit_si="s UTC" if utc is not None else None,
            )
        )
    return out


def ages(text: str) -> list[Quantity]:
    """Ages: "a 10-year-old boy", "six years old", "Reed (58)", "Reed, 61," -> years, counts "age"."""
    out = []
    for m in _AGE_RE.finditer(text):
        n = m.group("n")
        v = int(n) if n.isdigit() else _word_value(n)
        out.append(Quantity(start=m.start(), end=m.end(), text=m.group(0), value=float(v), unit="year", counts="age"))
    for m in _NAME_AGE_RE.finditer(text):
        v = int(m.group("n"))
        prev = re.search(r"([A-Za-z\u00e0-\u00ff’'-]+)$", text[max(0, m.start() - 30) : m.start()])
        if not prev or not prev.group(1)[:1].isupper():
            continue
        if not 0 < v < 120 or (prev and re.fullmatch(_MONTHS, prev.group(1))) or (prev and prev.group(1).lower() in _REFERENCE_WORDS):
            continue
        out.append(Quantity(start=m.start("n"), end=m.end("n"), text=m.group("n"), value=float(v), unit="year", counts="age"))
    return out


def whole_ones(text: str) -> list[Quantity]:
    """ "an entire day", "a full week" -> 1 day / 1 week."""
    out = []
    for m in _WHOLE_ONE_RE.finditer(text):
        unit = m.group(1).lower()
        vsi, usi = si_value(1.0, unit) if unit != "night" else (None, None)
        out.append(Quantity(start=m.start(), end=m.end(), text=m.group(0), value=1.0, unit=unit, value_si=vsi, unit_si=usi))
    return out


def _sentence_start(text: str, pos: int, doc: Any = None) -> int:
    """Start of the sentence holding ``pos``: the parse's sentence (the one segmentation) when there is a
    parse; a headline without one is a single line, so its start is the line's."""
    if doc is not None:
        span = doc.char_span(pos, min(pos + 1, len(text)), alignment_mode="expand")
        if span is not None and len(span):
            return span[0].sent.start_char
    return text.rfind("\n", 0, pos) + 1


def _elliptical(text: str, num: _Num, found: list[_Found], doc: Any) -> _Found | None:
    """A bare number whose noun is elsewhere: "113 of over 420 vessels", "four of which", "99 were not",
    "two others", "10 injured", "killing at least one"."""
    if num.currency or num.is_year_like or num.value != num.value.to_integral_value() or num.scale != 1 and not num.is_word:
        return None
    after = text[num.end : num.end + 60]
    # "113 of over 420 vessels": the first figure counts what the second counts
    pm = re.match(r"[ \u00a0]+of[ \u00a0]+(?:(?:the|those|its|their|a|an)[ \u00a0]+)?", after)
    if pm:
        pos = num.end + pm.end()
        hm = _HEDGE_RE.pattern  # noqa: F841 - hedges are skipped below
        hedge = re.match(r"(?:" + "|".join(sorted((re.escape(h).replace(r"\ ", r"\s+") for h in HEDGES), key=len, reverse=True)) + r")[ \u00a0]+", text[pos:], re.I)
        if hedge:
            pos += hedge.end()
        n2 = _parse_number(text, pos)
        if n2 is not None and not n2.is_year_like:
            f2 = _quantity_at(text, n2, doc)
            if f2 is not None and f2.kind in ("noun", "unit") and f2.value > num.value:
                return _Found(num.start, num.end, num, num.value, None, f2.unit, f2.kind)
        word = re.match(r"(\w+)", text[num.end + pm.end() :])
        if word and word.group(1).lower() in PARTITIVE_PRONOUNS:
            prev = _previous_in_sentence(text, num.start, found, doc)
            if prev is not None:
                return _Found(num.start, num.end, num, num.value, None, prev.unit, prev.kind)
        return None
    nxt = re.match(r"[ \u00a0]+(?:still[ \u00a0]+|were[ \u00a0]+|are[ \u00a0]+|remain[ \u00a0]+|remained[ \u00a0]+)?([a-z]+)", after)
    nw = nxt.group(1) if nxt else ""
    first = re.match(r"[ \u00a0]+([a-z]+)", after)
    fw = first.group(1) if first else ""
    if nw in PEOPLE_STATES:
        return _Found(num.start, num.end, num, num.value, None, "person", "noun", counts=nw)
    if nw in ELLIPSIS_NOUNS or fw in ("were", "was", "are", "have", "had", "remain", "remained"):
        prev = _previous_in_sentence(text, num.start, found, doc)
        if prev is not None and prev.kind == "noun":
            end = num.end + (nxt.end() if nw in ELLIPSIS_NOUNS else 0)
            return _Found(num.start, end, num, num.value, None, prev.unit, prev.kind)
    before = text[max(0, num.start - 40) : num.start]
    hedge = _HEDGE_RE.search(before)
    if hedge:
        before = before[: hedge.start()]
    pv = re.search(r"([a-z]+)[ \u00a0]+$", before)
    if pv and pv.group(1) in PEOPLE_VERBS and not re.match(r"[ \u00a0]+[a-z]", after) or pv and pv.group(1) in PEOPLE_VERBS and nw in ("and", "or", "but"):
        return _Found(num.start, num.end, num, num.value, None, "person", "noun")
    return None


def _previous_in_sentence(text: str, pos: int, found: list[_Found], doc: Any = None) -> _Found | None:
    s0 = _sentence_start(text, pos, doc)
    for f in reversed(found):
        if f.end <= pos and f.start >= s0:
            return f
        if f.end <= s0:
            break
    return None


def _emergency_number(text: str, num: _Num) -> bool:
    """ "911 calls", "a 999 outage": a service's telephone number, not a count."""
    if num.is_word or num.currency or num.digits not in EMERGENCY_NUMBERS:
        return False
    nxt = re.match(r"[ \u00a0]+([A-Za-z]+)", text[num.end : num.end + 30])
    return bool(nxt) and nxt.group(1).lower() in EMERGENCY_SERVICE_WORDS


# --------------------------------------------------------------------------
# the extractor


def _hedge_before(text: str, start: int, unit: str, kind: str, end: int | None = None) -> tuple[str | None, int]:
    hm = _HEDGE_RE.search(text[max(0, start - 25) : start])
    if not hm:
        return None, start
    phrase = re.sub(r"\s+", " ", hm.group(1).lower())
    hstart = start - (len(hm.group(0)))
    if phrase in ("over", "under") and unit in ("year", "month", "week", "day", "hour", "minute", "second", "decade", "century", "night"):
        if _prev_word(text, hstart) not in _DURATION_HEDGE_CTX:
            return None, start
    if phrase in ("over", "under") and kind == "currency" and end is not None:
        # "jailed over £3.4m fraud": the figure modifies a noun, "over" is a preposition
        nm = _WORD_RE.match(text, end)
        if nm:
            w = nm.group(1)
            if w.islower() and w not in _STOP and not w.endswith("ly") and not _is_plural(w):
                return None, start
    return phrase, hstart


def _counts_for(text: str, f: _Found, after: int) -> str | None:
    if f.kind == "noun":
        return f.unit
    m = re.compile(
        r"[ \t\u00a0]+of[ \t\u00a0]+(?:(?:the|its|their|his|her|our|this|that|all)[ \t\u00a0]+)?"
        r"((?:[A-Za-z][\w\-’']*[ \t\u00a0]+){0,2}?[A-Za-z][\w\-]*)(?=[\s,.;:)]|$)"
    ).match(text, after)
    if not m:
        return None
    words = m.group(1).split()
    keep = []
    for w in words:
        if w.lower() in _STOP or w.endswith(("’s", "'s")):
            break
        keep.append(w)
    if not keep:
        return None
    head = keep[-1]
    return head if head.isupper() and len(head) > 1 else head.lower()


def extract_quantities(text: str, doc: Any = None) -> list[Quantity]:
    """Every quantity in ``text``, sorted by start offset.

    ``doc`` may be a spaCy Doc of the same text; it is only used as a hint (a word
    tagged as a verb is not taken as a counted noun). Without it the function is
    pure regular expressions and tables.
    """
    special = clock_times(text) + ages(text) + whole_ones(text)
    special.sort(key=lambda q: (q.start, -q.end))
    kept: list[Quantity] = []
    for q in special:  # overlapping forms: the first and longest wins
        if not kept or q.start >= kept[-1].end:
            kept.append(q)
    special = kept
    masked = [(q.start, q.end) for q in special]
    found: list[_Found] = []
    consumed = 0
    for cm in _CANDIDATE_RE.finditer(text):
        if cm.start() < consumed or any(a <= cm.start() < b for a, b in masked):
            continue
        f: _Found | None
        if cm.group("mag"):
            f = _vague_at(text, cm, doc)
        elif cm.group("several"):
            f = _several_at(text, cm, doc)
        else:
            num = _parse_number(text, cm.start())
            if num is None:
                continue
            if _emergency_number(text, num):
                consumed = num.end
                continue
            f = _quantity_at(text, num, doc)
            if f is None:
                f = _elliptical(text, num, found, doc)
            if f is None:
                f = _bare(text, num)
        if f is None or any(a < f.end and f.start < b for a, b in masked):
            continue
        found.append(f)
        consumed = f.end

    quantities: list[Quantity] = []
    for f in found:
        hedge, start = _hedge_before(text, f.start, f.unit, f.kind, f.end)
        if f.vague and hedge is not None:
            hedge, start = None, f.start
        value = float(f.value)
        value_max = float(f.value_max) if f.value_max is not None else None
        vsi, usi = (None, None)
        if f.kind == "unit":
            vsi, usi = si_value(value, f.unit)
        quantities.append(
            Quantity(
                start=start,
                end=f.end,
                text=text[start : f.end],
                value=value,
                value_max=value_max,
                unit=f.unit,
                counts=None,
                hedge=hedge,
                hedge_kind=HEDGES[hedge] if hedge else Hedge.exact,
                value_si=vsi,
                unit_si=usi,
            )
        )

    # conversions in brackets: "200 sq km (77 sq miles)"
    for i in range(len(quantities) - 1):
        q, nxt = quantities[i], quantities[i + 1]
        f, fn = found[i], found[i + 1]
        if f.kind != "unit" or fn.kind != "unit" or q.unit == nxt.unit:
            continue
        om = _CONV_OPEN_RE.match(text, q.end)
        if not om or om.end() != nxt.start:
            continue
        if not _CONV_CLOSE_RE.match(text, nxt.end):
            continue
        conv = check_conversion(q, nxt, f.num.digits, fn.num.digits, f.num.scale, fn.num.scale)
        if conv is None:
            continue
        conv.original.text = text[conv.original.start : conv.original.end]
        q.conversion = conv

    # what is measured: the counted noun, or "... of <thing>" after the measurement
    for i, (q, f) in enumerate(zip(quantities, found)):
        after = q.end
        if q.conversion is not None:
            close = _CONV_CLOSE_RE.match(text, quantities[i + 1].end)
            after = close.end() if close else after
        q.counts = f.counts or _counts_for(text, f, after)
        if q.counts is None and i > 0 and quantities[i - 1].conversion is not None and quantities[i - 1].conversion.converted.start == q.start:
            q.counts = quantities[i - 1].counts
    # the converted figure measures the same thing as its original
    for i, q in enumerate(quantities[:-1]):
        if q.conversion is not None and quantities[i + 1].counts is None:
            quantities[i + 1].counts = q.counts
    quantities.extend(special)
    quantities.sort(key=lambda q: q.start)
    return quantities
