"""Benchmark: crosscheck's and quantulum3's quantity extractors on quantulum3's own test cases.

The cases are quantulum3's English test file (bench/data/quantulum3_quantities.json,
see bench/data/README.md): a sentence ("req") and the quantities expected in it
("res": value, unit name, optional uncertainty for ranges). They are out-of-sample
for crosscheck and in-sample for quantulum3 (its regression tests), and many are
scientific rather than news text.

Both extractors run on each sentence; units are mapped to crosscheck's vocabulary
with the table of bench/extraction.py (:data:`extraction.Q3_UNITS`: "square
kilometre" -> km2, "percentage" -> %, "dollar" -> USD, "cent" -> USD x 0.01,
"dozen" -> a count x 12 ...). A unit outside that vocabulary ("nanometre",
"dollar per hour") stays as quantulum3 names it, which crosscheck cannot produce.

Pass rule. An expected quantity is found when some predicted quantity, not already
used by another expected one, has

- the same value, within 1e-6 relative (a range compares by its midpoint:
  quantulum3's expected "8- to 16-meter" is 12 +/- 4; crosscheck's 8..16 has
  midpoint 12), and
- the same unit after mapping; an expected "dimensionless" number is matched by
  a bare number (crosscheck's unit "number", which alignment never compares) or by
  any counted noun ("50 cars" -> car); an expected unit outside crosscheck's vocabulary
  is also matched by a counted noun of the same name ("one thousand bytes" -> byte).

A case passes when every expected quantity is found; extra predictions do not
fail it, except in the cases that expect no quantity at all ("At 2 pm everybody
will be gone."), which pass only when nothing is extracted.

The breakdown is by unit family of the expected quantities (quantulum3's entity
for the unit: length, area, currency ...; "compound" for x-per-y units); a case
whose quantities span several families is "mixed".

    python bench/quantulum3_cases.py [--write] [--verbose]   # --write updates bench/RESULTS.md
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import warnings
from collections import Counter, defaultdict
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from extraction import (  # noqa: E402
    MODEL,
    Q3_UNITS,
    extract_quantities,
    load_quantulum3,
    q3_quantities,
    q3_version,
)

DATA = BENCH / "data" / "quantulum3_quantities.json"

#: crosscheck's own measurement and currency units (anything else it gives is a counted noun)
CC_UNITS = {u for u, _f in Q3_UNITS.values()} | {
    "pp", "bp", "nmi", "mi2", "km2", "m2", "ft2", "ha", "acre", "magnitude", "UAH", "HKD", "NZD", "CNY",
}
FAMILY_ORDER = [
    "length", "area", "volume", "mass", "time", "temperature", "speed", "currency", "percent",
    "energy & power", "counts / bare numbers", "compound (x per y)", "other scientific", "mixed",
    "no quantity expected",
]


def expected_unit(name: str, units) -> tuple[str, float]:  # noqa: ANN001 - quantulum3 load.units()
    if name in Q3_UNITS:
        return Q3_UNITS[name]
    u = units.names.get(name)
    code = getattr(u, "currency_code", None) if u is not None else None
    if code:
        return code, 1.0
    return f"q3:{name}", 1.0


def family(name: str, units) -> str:  # noqa: ANN001
    if " per " in name or name.startswith("inverse ") or name in ("ton per day",):
        return "compound (x per y)"
    if name in ("percentage", "basis point", "per mille", "per cent"):
        return "percent"
    u = units.names.get(name)
    ent = u.entity.name if u is not None else "unknown"
    if name in Q3_UNITS and Q3_UNITS[name][0] == "dimensionless" or ent == "dimensionless":
        return "counts / bare numbers"
    if ent in ("length", "area", "volume", "time", "temperature", "speed", "currency"):
        return ent
    if ent in ("mass", "weight"):
        return "mass"
    if ent in ("energy", "power") or name.endswith(" hour") and "watt" in name:
        return "energy & power"
    return "other scientific"


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(abs(a), abs(b), 1e-12)


def _is_count(unit: str) -> bool:
    return unit == "dimensionless" or (unit not in CC_UNITS and not unit.startswith("q3:"))


def _centre(p: dict) -> float:
    return (p["value"] + p["value_max"]) / 2 if p.get("value_max") is not None else p["value"]


def match_case(expected: list[dict], pred: list[dict]) -> list[int | None]:
    """For each expected quantity the index of the prediction that matches it, or None."""
    used: set[int] = set()
    out: list[int | None] = []
    for e in expected:
        hit = None
        for i, p in enumerate(pred):
            if i in used or not _same(_centre(p), e["value"]):
                continue
            if (
                p["unit"] == e["unit"]
                or (e["unit"] == "dimensionless" and _is_count(p["unit"]))
                or (e["unit"].startswith("q3:") and p["unit"] == e["unit"][3:])
            ):
                hit = i
                break
        if hit is not None:
            used.add(hit)
        out.append(hit)
    return out


def cc_pred(text: str) -> list[dict]:
    return [
        {"value": q.value, "value_max": q.value_max, "unit": q.unit, "text": q.text, "start": q.start, "end": q.end}
        for q in extract_quantities(text)
    ]


def why_missed(e: dict, pred: list[dict], text: str) -> str:
    """A failure pattern for an expected quantity crosscheck did not find."""
    same_value = [p for p in pred if _same(_centre(p), e["value"]) or _same(p["value"], e["value"])]
    if same_value:
        if any(p["unit"] in CC_UNITS for p in same_value):
            return "right number, wrong unit (cubed/squared/per-x dropped)"
        return "right number, unit word taken as a counted noun"
    pos = text.find(e["surface"]) if e["surface"] else -1
    if pos >= 0 and any(p["start"] < pos + len(e["surface"]) and pos < p["end"] for p in pred):
        return "extracted with another value (fraction, scale suffix, sign, range)"
    if e["unit"].startswith("q3:"):
        return "unit outside crosscheck's vocabulary, nothing extracted"
    if e["unit"] == "dimensionless":
        return "bare number, year or number word with no noun"
    return "unit in crosscheck's vocabulary, nothing extracted"


def run(verbose: bool = False) -> str:
    import spacy

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from quantulum3 import load

        units = load.units("en_US")
    q3, use_clf, q3_load = load_quantulum3()
    nlp = spacy.load(MODEL)
    cases = json.loads(DATA.read_text(encoding="utf-8"))
    # warm up crosscheck (pint's registry is created lazily on the first measurement)
    extract_quantities("It burned 200 sq km (77 sq miles) in 3 days at 44C, costing $4.5bn and 12% of 5 tonnes.")

    rows = []  # per case
    t_cc = t_q3 = 0.0
    for case in cases:
        text = case["req"]
        exp = []
        for r in case["res"]:
            unit, factor = expected_unit(r["unit"], units)
            exp.append({
                "value": r["value"] * factor, "unit": unit, "q3unit": r["unit"], "surface": r.get("surface", ""),
                "family": family(r["unit"], units),
            })
        t = time.perf_counter()
        cc = cc_pred(text)
        t_cc += time.perf_counter() - t
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            t = time.perf_counter()
            raw = q3.parse(text)
            t_q3 += time.perf_counter() - t
        q3p = q3_quantities(text, raw, nlp(text))
        fams = {e["family"] for e in exp}
        fam = "no quantity expected" if not exp else (fams.pop() if len(fams) == 1 else "mixed")
        res = {}
        for sysname, pred in (("crosscheck", cc), ("quantulum3", q3p)):
            m = match_case(exp, pred)
            ok = (not pred) if not exp else all(i is not None for i in m)
            res[sysname] = (ok, m, pred)
        rows.append((case, exp, fam, res))

    # ---- tables
    by_fam: dict[str, Counter] = defaultdict(Counter)
    qty_fam: dict[str, Counter] = defaultdict(Counter)
    patterns: Counter = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    for case, exp, fam, res in rows:
        by_fam[fam]["cases"] += 1
        for s in ("crosscheck", "quantulum3"):
            by_fam[fam][s] += res[s][0]
        for k, e in enumerate(exp):
            qty_fam[e["family"]]["n"] += 1
            for s in ("crosscheck", "quantulum3"):
                qty_fam[e["family"]][s] += res[s][1][k] is not None
            if res["crosscheck"][1][k] is None:
                why = why_missed(e, res["crosscheck"][2], case["req"])
                patterns[why] += 1
                got = [(p["text"], p["value"], p["unit"]) for p in res["crosscheck"][2]]
                examples[why].append(f"{e['surface']!r} ({e['q3unit']}) in {case['req'][:60]!r} -> {got}")
        if not exp and res["crosscheck"][2]:
            why = "quantity extracted where none is expected"
            patterns[why] += 1
            examples[why].append(f"{case['req'][:60]!r} -> {[(p['text'], p['value'], p['unit']) for p in res['crosscheck'][2]]}")

    n = len(rows)
    tot = {s: sum(r[3][s][0] for r in rows) for s in ("crosscheck", "quantulum3")}
    nq = sum(len(r[1]) for r in rows)
    L = []
    L.append("## quantulum3's own test cases (bench/quantulum3_cases.py)")
    L.append("")
    L.append(
        f"{n} cases from quantulum3's English test file (bench/data/quantulum3_quantities.json, MIT; "
        f"{sum(1 for r in rows if not r[1])} expect no quantity), {nq} expected quantities. "
        f"quantulum3 {q3_version()} with its unit classifier {'on' if use_clf else 'OFF'}. These are quantulum3's "
        "regression tests (in-sample for it, out-of-sample for crosscheck), and many are scientific, not news, text."
    )
    L.append("")
    L.append(
        "Pass rule: every expected quantity is matched one-to-one by a predicted one with the same value (1e-6 "
        "relative; a range by its midpoint) and the same unit after mapping both to crosscheck's vocabulary "
        "(`Q3_UNITS` in bench/extraction.py; a unit outside it keeps quantulum3's name, so crosscheck cannot match "
        "it, except as a counted noun of the same name, e.g. byte); an expected dimensionless number is matched by a "
        "bare number or any counted noun. Extra predictions "
        "do not fail a case, except in the cases expecting no quantity, which pass only with no output."
    )
    L.append("")
    L.append("| | cases | crosscheck passes | quantulum3 passes |")
    L.append("|---|---|---|---|")
    L.append(f"| all | {n} | {tot['crosscheck']} ({tot['crosscheck'] / n:.0%}) | {tot['quantulum3']} ({tot['quantulum3'] / n:.0%}) |")
    for fam in FAMILY_ORDER:
        c = by_fam.get(fam)
        if c:
            L.append(f"| {fam} | {c['cases']} | {c['crosscheck']} | {c['quantulum3']} |")
    L.append("")
    L.append("Expected quantities found, by unit family:")
    L.append("")
    L.append("| unit family | expected | crosscheck finds | quantulum3 finds |")
    L.append("|---|---|---|---|")
    L.append(
        f"| all | {nq} | {sum(c['crosscheck'] for c in qty_fam.values())} | {sum(c['quantulum3'] for c in qty_fam.values())} |"
    )
    for fam in FAMILY_ORDER:
        c = qty_fam.get(fam)
        if c:
            L.append(f"| {fam} | {c['n']} | {c['crosscheck']} | {c['quantulum3']} |")
    L.append("")
    L.append("crosscheck's misses by pattern (expected quantities, plus no-quantity cases where it extracted something):")
    L.append("")
    L.append("| pattern | count | example |")
    L.append("|---|---|---|")
    for why, k in patterns.most_common():
        ex = examples[why][0].replace("|", "\\|")
        L.append(f"| {why} | {k} | {ex} |")
    L.append("")
    L.append(
        f"Time for all {n} sentences: crosscheck {t_cc * 1000:.0f} ms, quantulum3 {t_q3 * 1000:.0f} ms "
        f"(crosscheck {t_cc / t_q3:.3f}x quantulum3's time; quantulum3's classifier loaded beforehand in {q3_load:.1f} s)."
    )
    report = "\n".join(L)
    if verbose:
        for case, exp, fam, res in rows:
            flags = " ".join(f"{s}={'PASS' if res[s][0] else 'fail'}" for s in res)
            print(f"[{fam}] {flags} :: {case['req'][:90]}")
            print(f"    expected: {[(e['value'], e['unit']) for e in exp]}")
            for s in res:
                print(f"    {s}: {[(p['text'], p['value'], p.get('value_max'), p['unit']) for p in res[s][2]]}")
        print("\n# crosscheck misses by pattern")
        for why, exs in examples.items():
            print(f"\n## {why} ({len(exs)})")
            for e in exs:
                print("  ", e)
        print()
    return report


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--write", action="store_true", help="update the quantulum3 section of bench/RESULTS.md")
    ap.add_argument("--verbose", action="store_true", help="print every case and crosscheck's misses")
    args = ap.parse_args()
    t = time.perf_counter()
    report = run(args.verbose)
    print(report)
    print(f"\n(total {time.perf_counter() - t:.1f} s)")
    if args.write:
        from ingest import write_section

        write_section("quantulum3", report)
        print("bench/RESULTS.md updated")


if __name__ == "__main__":
    main()
