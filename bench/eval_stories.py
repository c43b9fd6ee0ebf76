"""Score crosscheck on the real story sets in ../shared/eval/stories with their own scorer.

Usage: python bench/eval_stories.py [SLUG ...] [--verbose] [--out DIR] [--embedder NAME]

For each story: ``crosscheck.analyze(<story>/articles)`` -> JSON report in DIR (default out/eval),
then ``../shared/eval/score_story.py gold.json report.json``. Prints each area's score per story and
a table (story x area) at the end. Needs ../shared beside the project (CI has it).
"""

from __future__ import annotations

import argparse
import io
import re
import sys
import time
from contextlib import redirect_stdout
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "eval"


def load_scorer():
    import importlib.util

    spec = importlib.util.spec_from_file_location("score_story", SHARED / "score_story.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


def run(slug: str, out: Path, embedder: str | None, verbose: bool) -> dict[str, float]:
    import json

    import crosscheck

    story = SHARED / "stories" / slug
    t = time.perf_counter()
    report = crosscheck.analyze([str(story / "articles")], embedder=embedder)
    secs = time.perf_counter() - t
    path = out / f"{slug}.json"
    path.write_text(report.model_dump_json(indent=1), encoding="utf-8")
    scorer = load_scorer()
    buf = io.StringIO()
    gold = json.loads((story / "gold.json").read_text(encoding="utf-8"))
    rep = json.loads(path.read_text(encoding="utf-8"))
    with redirect_stdout(buf):
        hits, total = scorer.score(gold, rep, verbose=verbose, out=buf)
    text = buf.getvalue()
    print(f"== {slug} ({secs:.1f} s)\n{text}")
    scores: dict[str, float] = {}
    for line in text.splitlines():
        m = re.match(r"^(\S[\w ]*?)\s+(\d+)/(\d+)\s+([\d.]+)", line)
        if m:
            scores[m.group(1).strip()] = float(m.group(4))
    scores["overall"] = hits / total if total else 0.0
    return scores


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("slugs", nargs="*")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--out", default=str(ROOT / "out" / "eval"))
    ap.add_argument("--embedder", default=None)
    ap.add_argument("--write", action="store_true", help="write the table into bench/RESULTS.md (stories block)")
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    slugs = args.slugs or sorted(p.name for p in (SHARED / "stories").iterdir() if p.is_dir())
    import crosscheck.embeddings as emb

    used = args.embedder or ("minilm" if emb.minilm_available() else "static")
    table = {s: run(s, out, args.embedder, args.verbose) for s in slugs}
    areas = sorted({a for v in table.values() for a in v} - {"overall"}) + ["overall"]
    lines = ["| story | " + " | ".join(areas) + " |", "|---" * (len(areas) + 1) + "|"]
    for s, v in table.items():
        lines.append(f"| {s} | " + " | ".join(f"{v[a]:.2f}" if a in v else "—" for a in areas) + " |")
    print("\n".join(lines))
    if args.write:
        sys.path.insert(0, str(ROOT / "bench"))
        from ingest import write_section

        head = (
            f"## Real story sets (bench/eval_stories.py{' --embedder minilm' if used == 'minilm' else ''})\n\n"
            "Six real events, ten outlets each (../shared/eval/stories), scored by their own scorer "
            "(../shared/eval/score_story.py): the share of gold items the report shows with the gold's own articles "
            f"as evidence, per area; `overall` is hits / items over all areas. Embedder: {used} "
            f"({'the default install' if used == 'static' else 'the embeddings extra'}). "
            "Alignment thresholds were calibrated on surfside, titan and wagner; chandrayaan, crowdstrike and svb "
            "are held out.\n\n"
        )
        write_section("stories" if used == "static" else f"stories-{used}", head + "\n".join(lines))


if __name__ == "__main__":
    sys.exit(main())
