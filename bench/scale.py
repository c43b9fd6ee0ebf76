"""Corpus scale (issue 13): the whole pipeline on a feed of real articles, serial vs --jobs 2 vs Dask, in one run.

    .venv/bin/python bench/scale.py --corpus PATH [--sizes 1000 5000 10000] [--modes serial jobs2 dask] [--write]
    .venv/bin/python bench/scale.py --corpus PATH --sizes 1000 --profile     # where the time goes (one serial run)

``--corpus``: a folder of article files (.txt, .html, .htm, .md; recursive) or a JSONL feed (one article a line),
read where it is: nothing is copied into the project. Without it (or when it does not exist) the articles of
../shared (the seeds and the six eval story sets) are used, repeated to reach the size: the output says so, and
such a feed is made of exact copies, which is the worst case for provenance, not a day's news.

For each size N (a fixed random sample of N articles of the corpus, the same for every mode) it runs, each in a
fresh process, end to end through crosscheck's library (``crosscheck.pipeline.analyze`` and the JSON writer):
* ``serial``: ``backend="serial"`` (one supervised worker process);
* ``jobs2``: ``backend="process", workers=2`` (what ``crosscheck analyze --jobs 2`` runs);
* ``dask``: ``scheduler=`` the address of a ``dask.distributed.LocalCluster`` of 2 worker processes, 1 thread
  each, started by this script before the run (its start-up is not timed; its workers' memory is counted);
* ``store2``: ``crosscheck ingest --jobs 2`` into a new store (``pipeline.ingest_into_store``): articles are
  committed as they are done and the stories are updated one story at a time (no report of the whole feed);
* ``spacy``: the spaCy-only baseline, ``nlp.pipe`` of crosscheck's spaCy pipeline over the same texts (the raw
  file texts) in one process, and with ``n_process=2``.
It prints time, articles/s, words/s, the time of each stage (read, clean + extract, cluster, story stages, write),
peak memory (the largest sum of RSS over the run's process tree, sampled every 0.2 s with psutil: the run's
process, its workers, and the Dask workers), and the growth exponent k (time ~ N^k) between sizes.
``--write`` puts the table into bench/RESULTS.md (block ``scale``).

``--profile`` runs the stages of one serial run in this process under cProfile (clean + extract per article with
no worker process; cluster; story stages) and prints each stage's time and its most expensive functions.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "src"))

SUFFIXES = {".txt", ".html", ".htm", ".md"}


# --------------------------------------------------------------------------
# the corpus


def corpus_items(path: Path | None) -> tuple[list[tuple[str, str]], str]:
    """(name, text) of every article of the corpus, in a stable order, and a line describing the corpus."""
    if path is not None and path.is_file():
        items = []
        with path.open(encoding="utf-8") as fh:
            for n, line in enumerate(fh):
                line = line.strip()
                if line:
                    items.append((f"{path.stem}-{n:06d}", line))
        return items, f"JSONL feed {path} ({len(items)} lines)"
    if path is not None and path.is_dir():
        files = sorted(
            p for p in path.rglob("*")
            if p.is_file() and p.suffix.lower() in SUFFIXES and not p.stem.upper().startswith(("README", "LICENSE"))
        )
        return [(str(p), "") for p in files], f"folder {path} ({len(files)} files)"
    files = sorted(p for p in (SHARED / "eval" / "stories").glob("*/articles/*") if p.is_file())
    files += sorted((SHARED / "seeds").glob("*.txt"))
    why = f"{path} not found; " if path is not None else ""
    return [(str(p), "") for p in files], (
        f"{why}NO PUBLIC CORPUS GIVEN: the {len(files)} articles of ../shared (seeds, eval story sets), repeated to "
        "reach each size (exact copies: a worst case for provenance, not a day's news)"
    )


def sample(items: list[tuple[str, str]], n: int, seed: int = 13) -> list[tuple[str, str]]:
    """``n`` items: a fixed random sample, or every item repeated in turn when the corpus is smaller."""
    if n <= len(items):
        return random.Random(seed).sample(items, n)
    return [items[i % len(items)] for i in range(n)]


def materialise(chosen: list[tuple[str, str]], folder: Path) -> list[str]:
    """Input paths for the run: the files themselves (a copy under a new name when one repeats), or the JSONL
    lines written to one feed file in ``folder`` (a temporary folder, outside the project)."""
    if chosen and chosen[0][1]:
        feed = folder / "feed.jsonl"
        feed.write_text("".join(text + "\n" for _name, text in chosen), encoding="utf-8")
        return [str(feed)]
    paths, seen = [], set()
    for k, (name, _text) in enumerate(chosen):
        if name in seen:  # a repeat: the same text under another file name
            copy = folder / f"r{k:06d}{Path(name).suffix}"
            copy.write_bytes(Path(name).read_bytes())
            name = str(copy)
        seen.add(name)
        paths.append(name)
    return paths


def texts_of(chosen: list[tuple[str, str]]) -> list[str]:
    out = []
    for name, text in chosen:
        if text:
            try:
                obj = json.loads(text)
                if isinstance(obj, dict):
                    text = obj.get("text") or obj.get("content") or obj.get("body") or ""
            except ValueError:
                pass
            out.append(text)
        else:
            out.append(Path(name).read_text(encoding="utf-8", errors="replace"))
    return out


# --------------------------------------------------------------------------
# one run, in a fresh process


def child(mode: str, list_file: str, out: str, scheduler: str | None) -> None:
    """Run the pipeline on the listed inputs; print the stage times as one JSON line."""
    t0 = time.perf_counter()
    from crosscheck.pipeline import analyze
    from crosscheck.report import render

    marks: dict[str, float] = {"import": time.perf_counter()}

    def progress(stage: str, done: int, total: int, _item: object) -> None:
        now = time.perf_counter()
        if stage == "articles" and done == 0:
            marks.setdefault("read", now)
        elif stage == "articles" and done == total:
            marks["articles"] = now
        elif stage == "stories" and done == 0:
            marks.setdefault("articles", now)
            marks["cluster"] = now
        elif stage == "stories" and done == total:
            marks["stories"] = now

    paths = Path(list_file).read_text().split("\n")
    kw = {"backend": "serial"}
    if mode in ("jobs2", "store2"):
        kw = {"backend": "process", "workers": 2}
    elif mode == "dask":
        kw = {"scheduler": scheduler}
    if mode == "store2":  # `crosscheck ingest --jobs 2` into a new store: each article committed, stories per story
        from crosscheck.pipeline import ingest_into_store
        from crosscheck.store import Store

        db = Path(out).with_suffix(".db")
        with Store(db) as store:
            update = ingest_into_store(paths, store, progress=progress, **kw)
            marks.setdefault("stories", time.perf_counter())
            listed = store.list_stories()
        end = time.perf_counter()
        counts = {"ok": len(update.added), "skipped": len(update.skipped), "stories": len(listed),
                  "largest_stories": sorted((r.articles for r in listed), reverse=True)[:3]}
        db.unlink()
    else:
        report = analyze(paths, progress=progress, **kw)
        marks.setdefault("stories", time.perf_counter())
        Path(out).write_text(render(report, "json"), encoding="utf-8")
        end = time.perf_counter()
        counts = {"ok": len(report.analysed), "skipped": len(report.skipped), "stories": len(report.stories),
                  "largest_stories": sorted((len(s.article_ids) for s in report.stories), reverse=True)[:3]}
    order = ["import", "read", "articles", "cluster", "stories"]
    stages, last = {}, t0
    for key in order:
        if key in marks:
            stages[key] = marks[key] - last
            last = marks[key]
    stages["write"] = end - last
    print(json.dumps({"seconds": end - t0, "stages": stages, **counts}))


def spacy_child(list_file: str, n_process: int) -> None:
    t0 = time.perf_counter()
    from crosscheck.extract.nlp import get_nlp

    chosen = json.loads(Path(list_file).read_text())
    texts = texts_of([tuple(x) for x in chosen])
    nlp = get_nlp()
    t1 = time.perf_counter()
    tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=32, n_process=n_process))
    end = time.perf_counter()
    print(json.dumps({"seconds": end - t0, "stages": {"load": t1 - t0, "pipe": end - t1}, "tokens": tokens}))


class PeakRSS:
    """The largest sum of RSS over this process's descendants, sampled in a thread while a run goes on."""

    def __init__(self, interval: float = 0.2) -> None:
        import psutil

        self.psutil, self.interval, self.peak = psutil, interval, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> int:
        total = 0
        for p in self.psutil.Process().children(recursive=True):
            try:
                total += p.memory_info().rss
            except (self.psutil.NoSuchProcess, self.psutil.AccessDenied):
                pass
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._sample())
            self._stop.wait(self.interval)

    def __enter__(self) -> "PeakRSS":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def run_child(args: list[str]) -> tuple[dict, float, int]:
    """(the child's JSON line, wall seconds, peak RSS bytes of the process tree)."""
    cmd = [sys.executable, str(Path(__file__).resolve()), *args]
    t = time.perf_counter()
    with PeakRSS() as mem:
        proc = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - t
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(args[:3])} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1]), wall, mem.peak


# --------------------------------------------------------------------------
# profile


def profile(paths: list[str], top: int, per_article_max: int | None, from_report: Path | None) -> list[str]:
    """Per-stage time and the most expensive functions of one serial run, all in this process.

    ``per_article_max``: clean and extract only the first so many articles (per-article work is independent from
    one article to the next). ``from_report``: take the analysed articles of that JSON report (a run on the same
    articles) for the cluster and story stages, instead of the ones extracted here."""
    import cProfile
    import pstats

    from crosscheck.cluster import cluster
    from crosscheck.extract.nlp import get_nlp
    from crosscheck.ingest import ingest
    from crosscheck.model import Report
    from crosscheck.pipeline import story_stages
    from crosscheck.runner import per_article

    lines = []

    def stage(name: str, fn):  # noqa: ANN001, ANN202
        prof = cProfile.Profile()
        t = time.perf_counter()
        prof.enable()
        result = fn()
        prof.disable()
        secs = time.perf_counter() - t
        lines.append(f"\n## {name}: {secs:.1f} s")
        stats = pstats.Stats(prof)
        lines.append(f"{'self s':>8s} {'cum s':>8s} {'calls':>9s}  function (by self time)")
        for (file, line, func), (_cc, ncalls, tottime, cumtime, _callers) in sorted(
            stats.stats.items(), key=lambda kv: -kv[1][2]
        )[:top]:
            where = f"{Path(file).parent.name}/{Path(file).name}:{line} {func}" if line else func
            lines.append(f"{tottime:8.1f} {cumtime:8.1f} {ncalls:9d}  {where}")
        lines.append("crosscheck's own functions by cumulative time:")
        own = [kv for kv in stats.stats.items() if f"{os.sep}crosscheck{os.sep}" in kv[0][0]]
        for (file, line, func), (_cc, ncalls, tottime, cumtime, _callers) in sorted(own, key=lambda kv: -kv[1][3])[:top]:
            where = f"{Path(file).parent.name}/{Path(file).name}:{line} {func}"
            lines.append(f"{tottime:8.1f} {cumtime:8.1f} {ncalls:9d}  {where}")
        return result

    get_nlp()  # the model load is start-up, not per-article work
    some = paths[:per_article_max] if per_article_max else paths
    articles = stage(f"read (ingest), {len(some)} articles", lambda: ingest(some))
    articles = stage(f"clean + extract (per_article, in process), {len(some)} articles",
                     lambda: [per_article(a) for a in articles])
    if from_report is not None:
        articles = Report.model_validate_json(from_report.read_text()).articles
    stories = stage(f"cluster, {len(articles)} articles", lambda: cluster(articles))
    by_id = {a.id: a for a in articles}
    sizes = sorted((len(s.article_ids) for s in stories), reverse=True)
    stage(f"story stages (provenance + alignment), {len(stories)} stories, largest {sizes[:5]}",
          lambda: [story_stages(s, by_id) for s in stories])
    return lines


# --------------------------------------------------------------------------


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, help="folder of article files, or a JSONL feed (read in place)")
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 10000])
    ap.add_argument("--modes", nargs="+", default=["spacy", "serial", "jobs2", "dask"],
                    choices=["spacy", "serial", "jobs2", "dask", "store2"])
    ap.add_argument("--profile", action="store_true", help="profile one serial run of the first size instead")
    ap.add_argument("--top", type=int, default=15, help="functions listed per stage with --profile")
    ap.add_argument("--profile-articles", type=int, help="with --profile: clean and extract only this many articles")
    ap.add_argument("--from-report", type=Path, help="with --profile: cluster and run the story stages on the "
                    "articles of this JSON report (a run on the same sample) instead")
    ap.add_argument("--notes", type=Path, help="with --write: a text file of remarks appended to the block")
    ap.add_argument("--save-rows", type=Path, help="save the measured rows as JSON (for --from-rows)")
    ap.add_argument("--from-rows", type=Path, help="write the block from rows saved earlier, without running")
    ap.add_argument("--keep", type=Path, help="copy each run's JSON report into this folder")
    ap.add_argument("--write", action="store_true", help="write the table into bench/RESULTS.md")
    ap.add_argument("--child", nargs=4, metavar=("MODE", "LIST", "OUT", "SCHEDULER"), help=argparse.SUPPRESS)
    ap.add_argument("--spacy-child", nargs=2, metavar=("LIST", "N_PROCESS"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        mode, list_file, out, sched = args.child
        child(mode, list_file, out, None if sched == "-" else sched)
        return
    if args.spacy_child:
        spacy_child(args.spacy_child[0], int(args.spacy_child[1]))
        return

    if args.from_rows:
        saved = json.loads(args.from_rows.read_text())
        write(saved["rows"], saved["corpus"], saved["growth"], args)
        return
    items, described = corpus_items(args.corpus)
    print(f"corpus: {described}")
    if not items:
        sys.exit("no articles in the corpus")
    rows: list[dict] = []
    lines_out: list[str] = []
    with tempfile.TemporaryDirectory(prefix="crosscheck-scale-") as tmp:
        tmpdir = Path(tmp)
        for n in args.sizes:
            chosen = sample(items, n)
            words = sum(len(t.split()) for t in texts_of(chosen))
            run_dir = tmpdir / str(n)
            run_dir.mkdir()
            paths = materialise(chosen, run_dir)
            print(f"\n{n} articles: {words:,} words ({words / n:.0f} a article)"
                  + ("; repeats: the corpus has fewer articles" if n > len(items) else ""))
            if args.profile:
                for line in profile(paths, args.top, args.profile_articles, args.from_report):
                    print(line)
                return
            list_file = run_dir / "inputs.txt"
            list_file.write_text("\n".join(paths))
            chosen_file = run_dir / "chosen.json"
            chosen_file.write_text(json.dumps(chosen))
            print(f"{'mode':10s} {'time s':>8s} {'art/s':>7s} {'words/s':>8s} {'peak MB':>8s}  stages / result")
            for mode in args.modes:
                runs = []
                if mode == "spacy":
                    for n_proc in (1, 2):
                        info, wall, peak = run_child(["--spacy-child", str(chosen_file), str(n_proc)])
                        runs.append((f"spacy x{n_proc}", info, info["stages"]["pipe"], peak))
                else:
                    cluster = None
                    sched = "-"
                    if mode == "dask":
                        from dask.distributed import LocalCluster

                        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
                        sched = cluster.scheduler_address
                    try:
                        info, wall, peak = run_child(["--child", mode, str(list_file), str(run_dir / f"{mode}.json"), sched])
                    finally:
                        if cluster is not None:
                            cluster.close()
                    if args.keep and (run_dir / f"{mode}.json").exists():
                        args.keep.mkdir(parents=True, exist_ok=True)
                        (args.keep / f"{n}-{mode}.json").write_bytes((run_dir / f"{mode}.json").read_bytes())
                    runs.append((mode, info, info["seconds"], peak))
                for name, info, secs, peak in runs:
                    row = {**info, "n": n, "mode": name, "seconds": secs, "peak_mb": peak / 2**20, "words": words}
                    rows.append(row)
                    st = " ".join(f"{k} {v:.1f}" for k, v in info["stages"].items())
                    extra = ""
                    if "ok" in info:
                        extra = f"; {info['ok']} ok, {info['skipped']} skipped, {info['stories']} stories (largest {info['largest_stories']})"
                    line = f"{name:10s} {secs:8.1f} {n / secs:7.2f} {words / secs:8.0f} {peak / 2**20:8.0f}  {st}{extra}"
                    print(line, flush=True)
    # growth exponent per mode, between the smallest and the largest size
    growth = []
    for mode in sorted({r["mode"] for r in rows}):
        pts = sorted((r["n"], r["seconds"]) for r in rows if r["mode"] == mode)
        if len(pts) > 1 and pts[0][0] != pts[-1][0]:
            (n0, t0), (n1, t1) = pts[0], pts[-1]
            k = math.log(t1 / t0) / math.log(n1 / n0)
            growth.append(f"{mode}: k = {k:.2f} ({n0} -> {n1})")
    if growth:
        print("\ngrowth exponent (time ~ N^k): " + "; ".join(growth))
    if args.save_rows:
        args.save_rows.write_text(json.dumps({"rows": rows, "corpus": described, "growth": growth}))
    if args.write:
        write(rows, described, growth, args)


def write(rows: list[dict], described: str, growth: list[str], args: argparse.Namespace) -> None:
    from ingest import write_section  # bench/ingest.py

    cmd = ".venv/bin/python bench/scale.py" + (f" --corpus {args.corpus}" if args.corpus else "")
    cmd += " --sizes " + " ".join(map(str, args.sizes))
    modes = sorted({r["mode"].split()[0] for r in rows})
    cmd += " --modes " + " ".join(m for m in ("spacy", "serial", "jobs2", "dask", "store2") if m in modes)
    out = [
        "## Corpus scale (bench/scale.py)",
        "",
        f"`{cmd}` ({os.cpu_count()} cores). Corpus: {described}.",
        "",
        "| articles | mode | time s | articles/s | words/s | peak MB | read | clean+extract | cluster | story stages | write | stories (largest) |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        st = r["stages"]
        if "ok" in r:
            cells = [f"{st.get(k, 0):.1f}" for k in ("read", "articles", "cluster", "stories", "write")]
            tail = f"{r['stories']} ({', '.join(map(str, r['largest_stories']))})"
        else:
            cells = ["-", f"{st['pipe']:.1f} (nlp.pipe)", "-", "-", "-"]
            tail = "-"
        out.append(
            f"| {r['n']:,} | {r['mode']} | {r['seconds']:.1f} | {r['n'] / r['seconds']:.2f} | {r['words'] / r['seconds']:.0f} "
            f"| {r['peak_mb']:.0f} | " + " | ".join(cells) + f" | {tail} |"
        )
    if growth:
        out += ["", "Growth exponent (time ~ N^k): " + "; ".join(growth) + "."]
    else:
        out += ["", "Growth exponent: needs two sizes in one run."]
    if args.notes:
        out += ["", args.notes.read_text().strip()]
    write_section("scale", "\n".join(out))


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main()
