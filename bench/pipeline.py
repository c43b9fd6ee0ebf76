"""Benchmark: the whole pipeline on the five seed articles, cold and warm.

- cold: a fresh Python process that imports crosscheck, loads the models and analyses the seeds (the baseline);
- warm: the same process analysing the seeds again, models loaded, embedding cache cleared;
- warm, repeated: again, with the embedding cache as the previous run left it.

Each embedder that is installed is measured (static is the default install; minilm the `embeddings` extra).

    python bench/pipeline.py [--runs 5] [--write]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
sys.path.insert(0, str(ROOT / "src"))


def one(embedder: str, runs: int) -> dict:
    t0 = time.perf_counter()
    import crosscheck
    from crosscheck.embeddings import get_embedder

    crosscheck.analyze([SEEDS], embedder=embedder)
    cold = time.perf_counter() - t0
    warm, repeat = [], []
    for _ in range(runs):
        get_embedder(embedder).clear_cache()
        t = time.perf_counter()
        crosscheck.analyze([SEEDS], embedder=embedder)
        warm.append(time.perf_counter() - t)
        t = time.perf_counter()
        crosscheck.analyze([SEEDS], embedder=embedder)
        repeat.append(time.perf_counter() - t)
    return {"embedder": embedder, "cold": cold, "warm": statistics.median(warm), "repeat": statistics.median(repeat)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--one", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(one(args.one, args.runs)))
        return
    if not SEEDS.is_dir():
        raise SystemExit(f"seeds not found at {SEEDS}")
    from crosscheck.embeddings import minilm_available

    rows = []
    for emb in ["static"] + (["minilm"] if minilm_available() else []):
        out = subprocess.run([sys.executable, __file__, "--one", emb, "--runs", str(args.runs)], capture_output=True, text=True, check=True)
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
        print(rows[-1], flush=True)
    lines = [
        f"Five seed articles, end to end (ingest, clean, extract, cluster, provenance, align); median of {args.runs} runs; 2 cores.",
        "",
        "| embedder | cold, fresh process (baseline) | warm | warm vs cold | warm, repeated (embedding cache kept) |",
        "|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(f"| {r['embedder']} | {r['cold']:.2f} s | {r['warm']:.2f} s | {r['warm'] / r['cold']:.2f}x | {r['repeat']:.2f} s |")
    table = "\n".join(lines)
    print(table)
    if args.write:
        sys.path.insert(0, str(ROOT / "bench"))
        from ingest import write_section

        write_section("pipeline", "## Whole pipeline on the seeds (bench/pipeline.py)\n\n" + table)


if __name__ == "__main__":
    main()
