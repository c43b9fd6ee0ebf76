"""Units: pint's factors, computed once and read back by later runs without importing pint."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from crosscheck import units

# published definitions (NIST SP 811): the international mile, the knot, the hectare, the pound; Fahrenheit
KNOWN = {
    "mi": (1609.344, 0.0, "m"),
    "kn": (1852 / 3600, 0.0, "m/s"),
    "ha": (10000.0, 0.0, "m2"),
    "lb": (0.45359237, 0.0, "kg"),
    "degF": (5 / 9, -160 / 9, "degC"),
    "week": (604800.0, 0.0, "s"),
}


@pytest.fixture
def fresh(monkeypatch, tmp_path):
    """The module with no factors loaded, its cache file in a temporary folder."""
    path = tmp_path / "units.json"
    monkeypatch.setattr(units, "_TABLE", None)
    monkeypatch.setattr(units, "_table_path", lambda: path)
    return path


def _close(got, want):
    return got[2] == want[2] and got[0] == pytest.approx(want[0], rel=1e-9) and got[1] == pytest.approx(want[1], abs=1e-9)


def test_factors_are_pint_s_and_are_kept_for_the_next_run(fresh):
    for unit, want in KNOWN.items():
        assert _close(units._si_affine(unit), want), unit
    assert units._si_affine("furlong") is None  # not in the table: not asked of pint
    kept = json.loads(fresh.read_text())
    assert set(kept) == set(units.PINT_UNITS)
    assert _close(kept["mi"], KNOWN["mi"])


def test_a_damaged_cache_file_is_computed_again(fresh):
    fresh.write_text('{"mi": [1.0, 0.0, "m"]}')  # a table of one unit, and wrong: not trusted
    assert _close(units._si_affine("mi"), KNOWN["mi"])
    assert len(json.loads(fresh.read_text())) == len(units.PINT_UNITS)


def test_an_unwritable_cache_folder_only_costs_time(monkeypatch, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setattr(units, "_TABLE", None)
    monkeypatch.setattr(units, "_table_path", lambda: blocker / "sub" / "units.json")  # a path through a file
    assert _close(units._si_affine("degF"), KNOWN["degF"])


def test_a_later_process_converts_without_importing_pint(tmp_path):
    code = (
        "import sys\n"
        "from crosscheck.units import si_value, convert\n"
        "print(si_value(2.0, 'mi')[0], convert(10.0, 'km', 'mi'), 'pint' in sys.modules)\n"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    runs = [subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True) for _ in range(2)]
    first, second = (r.stdout.split() for r in runs)
    assert first[2] == "True" and second[2] == "False"  # the first computed with pint; the second read its results
    assert float(second[0]) == pytest.approx(3218.688) and float(second[1]) == pytest.approx(6.21371192, rel=1e-8)
    assert first[:2] == second[:2]
    assert list(Path(tmp_path, "crosscheck").glob("units-*.json"))
