"""Units: the one place crosscheck turns measurements into comparable values, with pint.

Extraction (:mod:`crosscheck.extract.quantities`) and comparison (:mod:`crosscheck.align.numbers`)
both use these definitions: the canonical unit names, their dimension, their SI value and the
rounding a written figure shows (:func:`half_step`, :func:`rounding`). One pint registry,
created lazily; the units' factors are computed with it once and kept in the user's cache
folder, so that later runs need not import pint (:func:`_si_table`). Clock times have their own
comparable value (:func:`clock_minutes_utc`): minutes after midnight UTC when the zone is known.
"""

from __future__ import annotations

import math
import re

_UREG = None

PINT_UNITS = {
    "km2": "km**2", "mi2": "mile**2", "m2": "m**2", "ft2": "ft**2", "ha": "hectare",
    "acre": "acre", "km": "km", "mi": "mile", "m": "m", "ft": "ft", "cm": "cm", "mm": "mm",
    "in": "inch", "yd": "yard", "nmi": "nautical_mile", "kg": "kg", "t": "metric_ton",
    "g": "g", "lb": "lb", "oz": "oz", "day": "day", "week": "week", "month": "month",
    "year": "year", "hour": "hour", "minute": "minute", "second": "second",
    "decade": "10 * year", "century": "century", "degC": "degC", "degF": "degF",
    "km/h": "km/hour", "mph": "mile/hour", "kn": "knot", "MW": "MW", "GW": "GW", "kW": "kW",
    "kWh": "kWh", "MWh": "MWh", "GWh": "GWh", "TWh": "TWh", "l": "liter", "m3": "m**3",
    "gal": "gallon", "km3": "km**3", "nm": "nanometer", "µm": "micrometer", "mg": "mg", "µg": "microgram",
    "ml": "ml", "cl": "cl", "eV": "eV", "keV": "keV", "MeV": "MeV", "GeV": "GeV", "TeV": "TeV", "Hz": "Hz",
    "kHz": "kHz", "MHz": "MHz", "GHz": "GHz", "kB": "kilobyte", "MB": "megabyte", "GB": "gigabyte",
    "TB": "terabyte", "Wh": "watt_hour", "mGy": "milligray", "K": "kelvin", "cup": "cup", "tbsp": "tablespoon",
    "tsp": "teaspoon", "pm": "picometer", "am": "attometer", "Myr": "1e6 * year", "Gyr": "1e9 * year",
}
# dimension -> (pint target, unit_si label)
_SI_TARGETS = [
    ("[length] ** 2", "m**2", "m2"),
    ("[length] ** 3", "m**3", "m3"),
    ("[length]", "m", "m"),
    ("[mass]", "kg", "kg"),
    ("[time]", "s", "s"),
    ("[temperature]", "degC", "degC"),
    ("[length] / [time]", "m/s", "m/s"),
    ("[length] ** 2 * [mass] / [time] ** 3", "W", "W"),
    ("[length] ** 2 * [mass] / [time] ** 2", "J", "J"),
]
PRETTY = {"km2": "km²", "mi2": "mi²", "m2": "m²", "ft2": "ft²", "degC": "°C", "degF": "°F", "m3": "m³"}


def _ureg():
    """The module's pint registry, created on first use.

    pint parses its definitions file on every start (about 0.4 s, the largest part of a cold run's unit cost);
    ``cache_folder=":auto:"`` keeps the parsed registry in the user's cache folder, as Python keeps .pyc files,
    so later processes load it in a few milliseconds. Where that folder cannot be written, the plain registry.
    """
    global _UREG
    if _UREG is None:
        import pint

        try:
            _UREG = pint.UnitRegistry(cache_folder=":auto:")
        except OSError:  # read-only home, no cache folder: parse the definitions as usual
            _UREG = pint.UnitRegistry()
    return _UREG


def _pint_affine(unit: str) -> tuple[float, float, str] | None:
    """(scale, offset, SI label) of one of :data:`PINT_UNITS`, computed with pint."""
    expr = PINT_UNITS[unit]
    ureg = _ureg()
    if unit in ("degC", "degF"):
        zero = ureg.Quantity(0.0, expr).to("degC").magnitude
        one = ureg.Quantity(1.0, expr).to("degC").magnitude
        return float(one - zero), float(zero), "degC"
    q = 1.0 * ureg(expr)
    for dim, target, label in _SI_TARGETS:
        if q.dimensionality == ureg.get_dimensionality(dim):
            return float(q.to(target).magnitude), 0.0, label
    return None


_TABLE: dict[str, tuple[float, float, str] | None] | None = None


def _table_path():  # noqa: ANN202 - a Path, or None where there is no cache folder
    """Where pint's factors for :data:`PINT_UNITS` are kept between runs: the user's cache folder (beside pint's
    own cache), one file per pint version and unit table, so an upgrade or an edited table computes anew."""
    try:
        import hashlib
        from importlib.metadata import version
        from pathlib import Path

        import platformdirs

        key = repr((version("pint"), sorted(PINT_UNITS.items()), _SI_TARGETS))
        digest = hashlib.sha256(key.encode()).hexdigest()[:16]
        return Path(platformdirs.user_cache_dir("crosscheck")) / f"units-{digest}.json"
    except Exception:  # noqa: BLE001 - no metadata, no home: the factors are computed in this process only
        return None


def _read_table(path) -> dict[str, tuple[float, float, str] | None] | None:  # noqa: ANN001
    import json

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or set(data) != set(PINT_UNITS):
        return None
    table: dict[str, tuple[float, float, str] | None] = {}
    for unit, row in data.items():
        if row is None:
            table[unit] = None
        elif (
            isinstance(row, list) and len(row) == 3 and all(isinstance(x, (int, float)) for x in row[:2])
            and all(math.isfinite(x) for x in row[:2]) and row[2] in {label for _d, _t, label in _SI_TARGETS}
        ):
            table[unit] = (float(row[0]), float(row[1]), row[2])
        else:
            return None
    return table


def _write_table(path, table: dict[str, tuple[float, float, str] | None]) -> None:  # noqa: ANN001
    import json
    import os
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(table, f)
        os.replace(tmp, path)  # whole or not at all: a process reading meanwhile sees the old file or the new one
    except OSError:  # a read-only cache folder: the next run computes them again
        pass


def _si_table() -> dict[str, tuple[float, float, str] | None]:
    """pint's factor for every unit of :data:`PINT_UNITS`, computed once and kept in the user's cache folder.

    The units are a fixed table, so their factors are too: a run reads them back (a few hundred bytes of JSON)
    instead of importing pint and loading its registry, a sixth of a second of a cold start. pint stays the
    only source of the values: the file holds what it computed, for its version.
    """
    global _TABLE
    if _TABLE is None:
        path = _table_path()
        table = _read_table(path) if path is not None else None
        if table is None:
            table = {unit: _pint_affine(unit) for unit in PINT_UNITS}
            if path is not None:
                _write_table(path, table)
        _TABLE = table
    return _TABLE


def _si_affine(unit: str) -> tuple[float, float, str] | None:
    """(scale, offset, SI label) with ``si = value * scale + offset``; None for a unit pint is not asked about."""
    if unit not in PINT_UNITS:
        return None
    return _si_table()[unit]


def si_value(value: float, unit: str) -> tuple[float | None, str | None]:
    """``value`` in ``unit`` expressed in SI (temperatures in degC); (None, None) if not physical."""
    aff = _si_affine(unit)
    if aff is None:
        return None, None
    scale, offset, label = aff
    return value * scale + offset, label


def convert(value: float, unit: str, to_unit: str) -> float | None:
    """``value`` in ``unit`` expressed in ``to_unit``; None if the units do not measure the same thing."""
    a, b = _si_affine(unit), _si_affine(to_unit)
    if a is None or b is None or a[2] != b[2]:
        return None
    return (value * a[0] + a[1] - b[1]) / b[0]


def half_step(written: str, scale: float) -> float:
    """Half the rounding step a written number shows.

    Decimals: half a unit of the last decimal ("45.8" -> 0.05). Integers: half a unit of
    the least significant non-zero digit ("77" -> 0.5, "340" -> 5), but trailing zeros are
    taken to leave at least two significant figures ("200" -> 5, not 50), as a figure
    written "200" is as likely exact as rounded to the hundred. Number words count as exact
    integers (half a unit).
    """
    s = written.replace(",", "")
    if not re.fullmatch(r"\d+(?:\.\d+)?", s):
        return 0.5 * scale
    if "." in s:
        decimals = len(s.split(".")[1])
        return 0.5 * 10 ** (-decimals) * scale
    stripped = s.lstrip("0") or "0"
    zeros = len(stripped) - len(stripped.rstrip("0"))
    if stripped == "0":
        zeros = 0
    zeros = min(zeros, max(0, len(stripped) - 2))
    return 0.5 * 10**zeros * scale


def _fmt(x: float) -> str:
    if abs(x - round(x)) < 1e-9:
        return f"{int(round(x)):,}"
    if abs(x) >= 100:
        return f"{x:,.1f}"
    return f"{x:,.2f}".rstrip("0").rstrip(".")


def rounding(v: float, figures: int = 1) -> float:
    """Half the unit of the last significant digit of a value: 1,100 -> 50, 430 -> 5, 86 -> 0.5.

    ``figures``: the significant figures a value is taken to show at least. With 2, trailing zeros are read as
    :func:`half_step` reads a written figure: "10" -> 0.5 (not 5), "200" -> 5, "1,100" -> 50.
    """
    if v == 0 or not math.isfinite(v):
        return 0.0
    s = f"{abs(v):.6g}"
    if "." in s:
        return 0.5 * 10 ** (-len(s.split(".")[1]))
    stripped = s.rstrip("0")
    zeros = min(len(s) - len(stripped), max(0, len(s) - figures))
    return 0.5 * 10**zeros


#: unit name for a clock time (value = minutes after local midnight)
CLOCK = "clock"
# The unit of a bare number ("The answer is 42"): it counts nothing named, so alignment never compares it.
BARE = "number"


def clock_minutes_utc(minutes_local: float, utc_offset_minutes: int | None) -> float | None:
    """A clock time as minutes after midnight UTC (mod one day), or None without a known zone."""
    if utc_offset_minutes is None:
        return None
    return (minutes_local - utc_offset_minutes) % (24 * 60)


def clock_24h(minutes: float) -> str:
    """'18:04' for 1084 minutes after midnight."""
    m = int(minutes) % (24 * 60)
    return f"{m // 60:02d}:{m % 60:02d}"


def clock_12h(minutes: float) -> str:
    """'6:04 p.m.' for 1084 minutes after midnight ('12:00 p.m.' is noon, '12:00 a.m.' midnight)."""
    m = int(minutes) % (24 * 60)
    h = m // 60
    return f"{(h % 12) or 12}:{m % 60:02d} {'p.m.' if h >= 12 else 'a.m.'}"


def clock_normal(minutes: float, ambiguous: bool = False, utc_offset_minutes: int | None = None) -> str:
    """The normal notations of a clock time, so equal times written differently share words:
    '18:04, 6:04 p.m.' (24-hour and 12-hour), with '; 12:34 UTC' when the zone's offset is known
    and not zero. ``ambiguous``: written without a.m./p.m. as 1-11 o'clock ("at 7:25"), which the
    12-hour reading leaves open: both readings are given ('07:25 or 19:25, 7:25 a.m. or 7:25 p.m.')."""
    readings = [minutes, minutes + 12 * 60] if ambiguous else [minutes]
    out = " or ".join(clock_24h(m) for m in readings) + ", " + " or ".join(clock_12h(m) for m in readings)
    if utc_offset_minutes:
        out += "; " + " or ".join(clock_24h(clock_minutes_utc(m, utc_offset_minutes)) for m in readings) + " UTC"
    return out
