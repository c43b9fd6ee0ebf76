"""Benchmark: provenance links and independent groups against the truth, new code vs a baseline revision.

For each story set (the six real stories in ../shared/eval/stories, read from there; our own
tests/fixtures/provenance, tests/fixtures/provenance_quake, tests/eval/set_a and set_b) it runs, in one
invocation, the provenance stage of this checkout and of a baseline git revision (default 1733c30, the code
before the independence rework, extracted with ``git archive`` into a temporary folder and run in a
subprocess), on the same cleaned articles, and prints per story:

- derived links (verbatim, near_verbatim, paraphrase: the links that make two articles one source):
  found / true positives / truth, precision and recall. Truth: gold.json ``reuse`` pairs for the real
  stories (README.md: "who copies whom"); ``links`` / ``reuse`` of our own gold files;
- the score_story.py ``reuse`` area (a verbatim or near_verbatim link for each gold pair);
- the number of independent groups against the truth (the articles minus what the gold's pairs join).

Calibration sets (thresholds in crosscheck.provenance.settings were set on these): our four sets and
chandrayaan-3-landing, crowdstrike-outage, surfside-collapse. Held out (reported only): svb-collapse,
titan-submersible, wagner-mutiny.

``--scale`` also times the provenance stage (trace, then passage_group for every sentence of every
article, as claim alignment asks) on synthetic stories of near-copies made from our own fixture article:
new code at N and 4N articles, and the baseline at N (and at 4N with --baseline-4x: minutes).

    python bench/provenance_eval.py [--scale] [--n 100] [--baseline REV] [--write]
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "eval" / "stories"
DERIVED = {"verbatim", "near_verbatim", "paraphrase"}
CALIBRATION = {"chandrayaan-3-landing", "crowdstrike-outage", "surfside-collapse", "fixtures/provenance",
               "fixtures/provenance_quake", "eval/set_a", "eval/set_b"}


def story_sets() -> list[tuple[str, Path, list[tuple[str, str]]]]:
    """(name, folder of articles, truth pairs of article ids)."""
    out = []
    if SHARED.exists():
        for d in sorted(SHARED.iterdir()):
            gold = json.loads((d / "gold.json").read_text(encoding="utf-8"))["gold"]
            out.append((d.name, d / "articles", [(Path(a).stem, Path(b).stem) for a, b in gold.get("reuse", [])]))
    for name in ("provenance", "provenance_quake"):
        g = json.loads((ROOT / "tests" / "fixtures" / name / "gold.json").read_text(encoding="utf-8"))
        out.append((f"fixtures/{name}", ROOT / "tests" / "fixtures" / name, [(l["a"], l["b"]) for l in g["links"] if l["kind"] in DERIVED]))
    for name in ("set_a", "set_b"):
        g = json.loads((ROOT / "tests" / "eval" / name / "gold.json").read_text(encoding="utf-8"))
        out.append((f"eval/{name}", ROOT / "tests" / "eval" / name / "articles", [(l["a"], l["b"]) for l in g["reuse"] if l["kind"] in DERIVED]))
    return out


def _trace_folder(folder: str) -> dict:
    """Run in the code under test: ingest, clean, one story of every article, trace. Links and groups."""
    from crosscheck.clean import clean
    from crosscheck.ingest import ingest
    from crosscheck.model import Story
    from crosscheck.provenance import trace

    arts = [clean(a) for a in ingest([folder])]
    arts = [a for a in arts if a.ok and a.id != "unrelated"]  # the fixture's off-story article
    story = Story(id="s1", article_ids=[a.id for a in arts])
    t = time.perf_counter()
    trace(story, {a.id: a for a in arts}, embedder="static")
    return {
        "links": [[l.a, l.b, l.kind.value] for l in story.reuse],
        "groups": len(story.independent_groups),
        "articles": [a.id for a in arts],
        "seconds": time.perf_counter() - t,
    }


# ---------------------------------------------------------------- synthetic near-copies (our own text)

def near_copy_texts(n: int, seed: int = 7) -> list[str]:
    """``n`` near-copies of our own fixture wire story: words swapped, a paragraph dropped, a line added."""
    rnd = random.Random(seed)
    base = (ROOT / "tests" / "fixtures" / "provenance" / "wire_original.txt").read_text(encoding="utf-8")
    paras = [p for p in base.split("\n\n") if p.strip()]
    vocab = sorted({w for w in base.split() if w.isalpha() and w.islower()})
    out = []
    for i in range(n):
        keep = [p for k, p in enumerate(paras) if k < 3 or rnd.random() > 0.15]
        edited = [" ".join(w if rnd.random() > 0.05 else rnd.choice(vocab) for w in p.split(" ")) for p in keep]
        edited.append(f"This report was updated at {rnd.randint(1, 12)}:{rnd.randint(10, 59)} with copy number {i}.")
        out.append("\n\n".join(edited))
    return out


def _time_stage(n: int) -> dict:
    """Run in the code under test: trace a story of ``n`` near-copies, then passage_group per sentence."""
    from crosscheck.clean import clean
    from crosscheck.model import Article, Story
    from crosscheck.provenance import candidates, passage_group, trace  # noqa: F401 - imports not timed
    from crosscheck.extract.sentences import segment

    arts = [clean(Article(id=f"c{i:04d}", raw_text=t, text=t, format="text")) for i, t in enumerate(near_copy_texts(n))]
    for a in arts:  # the sentences extraction stores, before the stage is timed
        a.sentences = segment(a)
    by_id = {a.id: a for a in arts}
    story = Story(id="s1", article_ids=list(by_id))
    t0 = time.perf_counter()
    trace(story, by_id, embedder="static")
    t1 = time.perf_counter()
    calls = 0
    for a in arts:
        for s, e in ((x.start, x.end) for x in a.sentences):
            passage_group(story, a.id, s, e)
            calls += 1
    t2 = time.perf_counter()
    return {"n": n, "trace": t1 - t0, "passage_group": t2 - t1, "calls": calls, "links": len(story.reuse), "groups": len(story.independent_groups)}


# ---------------------------------------------------------------- driver

def run(src: Path, what: str, arg: str) -> dict:
    code = (
        f"import sys, json; sys.path.insert(0, {str(src)!r}); sys.path.insert(0, {str(ROOT / 'bench')!r}); "
        f"import provenance_eval as p; print(json.dumps(p.{what}({arg!r} if {what!r} == '_trace_folder' else int({arg!r}))))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def truth_groups(ids: list[str], pairs: list[tuple[str, str]]) -> int:
    parent = {i: i for i in ids}

    def find(x: str) -> str:
        while parent[x] != x:
            x = parent[x]
        return x

    for a, b in pairs:
        if a in parent and b in parent:
            parent[find(a)] = find(b)
    return len({find(i) for i in ids})


def score(result: dict, truth: list[tuple[str, str]]) -> dict:
    want = {frozenset(p) for p in truth}
    derived = {frozenset((a, b)) for a, b, k in result["links"] if k in DERIVED}
    copies = {frozenset((a, b)) for a, b, k in result["links"] if k in ("verbatim", "near_verbatim")}
    tp = len(derived & want)
    real = all("_" in i and i[:2].isdigit() for i in result["articles"])
    return {
        "found": len(derived), "tp": tp, "truth": len(want),
        "p": tp / len(derived) if derived else 1.0, "r": tp / len(want) if want else 1.0,
        "reuse_area": f"{len(copies & want)}/{len(want)}" if real else "—",
        "groups": result["groups"], "truth_groups": truth_groups(result["articles"], truth),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--baseline", default="1733c30", help="git revision of the baseline code")
    ap.add_argument("--scale", action="store_true", help="also time the stage on near-copy stories")
    ap.add_argument("--n", type=int, default=100, help="articles of the smaller near-copy story (--scale)")
    ap.add_argument("--baseline-4x", action="store_true", help="also run the baseline at 4N (slow)")
    ap.add_argument("--write", action="store_true", help="write the tables to bench/RESULTS.md")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(f"git -C {ROOT} archive {args.baseline} src | tar -x -C {tmp}", shell=True, check=True)
        old_src, new_src = Path(tmp) / "src", ROOT / "src"
        rows = []
        lines = [
            "| set | split | derived links found (tp/truth): baseline → new | precision | recall | score_story reuse area | independent groups (truth) |",
            "|---|---|---|---|---|---|---|",
        ]
        for name, folder, truth in story_sets():
            old, new = (score(run(src, "_trace_folder", str(folder)), truth) for src in (old_src, new_src))
            rows.append((name, old, new))
            split = "calibration" if name in CALIBRATION else "held out"
            lines.append(
                f"| {name} | {split} | {old['found']} ({old['tp']}/{old['truth']}) → {new['found']} ({new['tp']}/{new['truth']}) "
                f"| {old['p']:.2f} → {new['p']:.2f} | {old['r']:.2f} → {new['r']:.2f} | {old['reuse_area']} → {new['reuse_area']} "
                f"| {old['groups']} → {new['groups']} ({new['truth_groups']}) |"
            )
            print(lines[-1], flush=True)
        for split in ("calibration", "held out"):
            sel = [(o, n) for name, o, n in rows if ("calibration" if name in CALIBRATION else "held out") == split]
            tot = {k: [sum(x[k] for x in side) for side in zip(*sel)] for k in ("found", "tp", "truth")}
            exact = [sum(x["groups"] == x["truth_groups"] for x in side) for side in zip(*sel)]
            lines.append(
                f"| **all {split}** | | {tot['found'][0]} ({tot['tp'][0]}/{tot['truth'][0]}) → {tot['found'][1]} ({tot['tp'][1]}/{tot['truth'][1]}) "
                f"| {tot['tp'][0] / max(1, tot['found'][0]):.2f} → {tot['tp'][1] / max(1, tot['found'][1]):.2f} "
                f"| {tot['tp'][0] / max(1, tot['truth'][0]):.2f} → {tot['tp'][1] / max(1, tot['truth'][1]):.2f} | "
                f"| group count right in {exact[0]} → {exact[1]} of {len(sel)} sets |"
            )
            print(lines[-1])
        table = "\n".join(lines)
        scale = ""
        if args.scale:
            n = args.n
            new1, new4 = run(new_src, "_time_stage", str(n)), run(new_src, "_time_stage", str(4 * n))
            old1 = run(old_src, "_time_stage", str(n))
            old4 = run(old_src, "_time_stage", str(4 * n)) if args.baseline_4x else None
            slines = [
                "| articles (near-copies) | code | trace (s) | passage_group for every sentence (s) | total (s) | links kept | groups |",
                "|---|---|---|---|---|---|---|",
            ]
            for label, r in (("baseline", old1), ("new", new1), ("baseline", old4), ("new", new4)):
                if r:
                    slines.append(f"| {r['n']} | {label} | {r['trace']:.2f} | {r['passage_group']:.2f} ({r['calls']} calls) | {r['trace'] + r['passage_group']:.2f} | {r['links']} | {r['groups']} |")
            tot = lambda r: r["trace"] + r["passage_group"]  # noqa: E731
            slines.append("")
            slines.append(f"At {n} articles the new stage takes {tot(new1) / tot(old1):.3f}x the baseline's time; "
                          f"from {n} to {4 * n} articles the new stage's time grows {tot(new4) / tot(new1):.2f}x (4x input)"
                          + (f", the baseline's {tot(old4) / tot(old1):.2f}x." if old4 else "."))
            scale = "\n".join(slines)
            print(scale)
    if args.write:
        sys.path.insert(0, str(ROOT / "bench"))
        from ingest import write_section

        write_section(
            "provenance_eval",
            "## Provenance: links and independent groups against the truth (bench/provenance_eval.py)\n\n"
            f"Baseline: revision {args.baseline} (run in the same invocation on the same cleaned articles, static "
            "embedder). Derived links are the ones that make two articles one source (verbatim, near_verbatim, "
            "paraphrase). Thresholds were calibrated on the calibration sets; the held-out stories were only "
            "measured.\n\n" + table + ("\n\n### Provenance stage on stories of near-copies\n\n" + scale if scale else ""),
        )


if __name__ == "__main__":
    main()
