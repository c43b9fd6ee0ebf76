"""Benchmark: finding copied articles in large corpora (candidate generation + verification).

Builds synthetic corpora (1k, 10k, 100k articles) of "families": a base
article plus planted verbatim copies (paragraphs dropped, new headline),
near-verbatim copies (5% of words changed, a sentence dropped, a paragraph
added) and rewrites (most words changed, same order), among unrelated
articles. Positives are the pairs inside a family that share text: base,
verbatim and near copies (rewrites are negatives for text reuse).

Methods, each in its own process (so peak memory is its own):

- ``crosscheck``: crosscheck.provenance.candidates (MinHash.bulk signatures,
  64 permutations, LSH at Jaccard 0.2) then verification by shingle
  containment (shared shingles / shingles of the smaller text >= 0.3);
- ``datasketch``: plain datasketch as documented (MinHash.update per
  shingle, 128 permutations, MinHashLSH at its default threshold 0.5);
- ``allpairs``: exact containment of every pair (the ground truth
  method, quadratic; run where feasible).

    python bench/reuse.py [--sizes 1000,10000,100000] [--write]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

CONTAINMENT = 0.3


def vocabulary() -> list[str]:
    """Words from the project's own fixtures (never the seeds), most frequent first."""
    import re
    from collections import Counter

    c: Counter[str] = Counter()
    for f in list((ROOT / "tests" / "fixtures").rglob("*.txt")) + list((ROOT / "examples").glob("*.txt")):
        c.update(re.findall(r"[a-z]+", f.read_text(encoding="utf-8", errors="replace").lower()))
    return [w for w, _ in c.most_common()]


def make_corpus(n: int, seed: int = 1) -> tuple[list[str], list[int], list[str]]:
    """Texts, family id of each text (-1 for unrelated) and kind of each text."""
    rnd = random.Random(seed)
    vocab = vocabulary()
    weights = [1 / (r + 10) for r in range(len(vocab))]  # Zipf-like

    def sentence() -> list[str]:
        return rnd.choices(vocab, weights, k=rnd.randint(12, 28))

    def article() -> list[list[list[str]]]:
        return [[sentence() for _ in range(rnd.randint(1, 3))] for _ in range(rnd.randint(6, 10))]

    def render(paras: list[list[list[str]]]) -> str:
        return "\n\n".join(" ".join(" ".join(s).capitalize() + "." for s in p) for p in paras)

    texts, fam, kind = [], [], []
    f = 0
    while len(texts) < n:
        if rnd.random() < 0.5:  # an unrelated article
            texts.append(render(article()))
            fam.append(-1)
            kind.append("unrelated")
            continue
        base = article()
        members = [("base", base)]
        for _ in range(rnd.randint(1, 3)):
            r = rnd.random()
            if r < 0.4:  # verbatim: drop up to two paragraphs
                keep = [p for p in base if rnd.random() > 0.2] or base[:3]
                members.append(("verbatim", keep))
            elif r < 0.8:  # near-verbatim: change 5% of words, drop a sentence, add a paragraph
                edited = [[[w if rnd.random() > 0.05 else rnd.choice(vocab[:2000]) for w in s] for s in p] for p in base]
                if len(edited[1]) > 1:
                    edited[1] = edited[1][1:]
                edited.append([sentence()])
                members.append(("near", edited))
            else:  # rewrite: same order, most words replaced
                members.append(("rewrite", [[[w if rnd.random() > 0.7 else rnd.choice(vocab) for w in s] for s in p] for p in base]))
        for k, m in members:
            texts.append(render(m))
            fam.append(f)
            kind.append(k)
        f += 1
    return texts[:n], fam[:n], kind[:n]


def positives(fam: list[int], kind: list[str]) -> set[tuple[int, int]]:
    byfam: dict[int, list[int]] = {}
    for i, (f, k) in enumerate(zip(fam, kind)):
        if f >= 0 and k != "rewrite":
            byfam.setdefault(f, []).append(i)
    return {(a, b) for ids in byfam.values() for x, a in enumerate(ids) for b in ids[x + 1 :]}


def run_method(method: str, n: int) -> dict:
    from crosscheck.provenance.candidates import candidate_pairs, containment, shingle_hashes

    texts, fam, kind = make_corpus(n)
    truth = positives(fam, kind)
    t0 = time.perf_counter()
    if method == "crosscheck":
        sh = [shingle_hashes(t) for t in texts]
        cands = candidate_pairs(hashes=sh)
        found = {(i, j) for i, j in cands if containment(sh[i], sh[j]) >= CONTAINMENT}
    elif method == "datasketch":
        import re

        from datasketch import MinHash, MinHashLSH

        lsh = MinHashLSH(threshold=0.5, num_perm=128)
        mhs = []
        for i, t in enumerate(texts):
            words = re.findall(r"[\w']+", t.lower())
            m = MinHash(num_perm=128)
            for x in {" ".join(words[k : k + 4]) for k in range(len(words) - 3)}:
                m.update(x.encode())
            mhs.append(m)
            lsh.insert(i, m)
        cands = {(min(i, j), max(i, j)) for i, m in enumerate(mhs) for j in lsh.query(m) if i != j}
        found = cands
    elif method == "allpairs":
        sh = [shingle_hashes(t) for t in texts]
        cands = [(i, j) for i in range(n) for j in range(i + 1, n)]
        found = {(i, j) for i, j in cands if containment(sh[i], sh[j]) >= CONTAINMENT}
    else:
        raise ValueError(method)
    elapsed = time.perf_counter() - t0
    tp = len(found & truth)
    return {
        "method": method,
        "n": n,
        "seconds": round(elapsed, 2),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "candidates": len(cands),
        "found": len(found),
        "planted": len(truth),
        "recall": round(tp / len(truth), 4) if truth else 1.0,
        "precision": round(tp / len(found), 4) if found else 1.0,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--allpairs-max", type=int, default=3000, help="largest corpus for the quadratic method")
    ap.add_argument("--datasketch-max", type=int, default=100000)
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--one", nargs=2, metavar=("METHOD", "N"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(run_method(args.one[0], int(args.one[1]))))
        return
    rows = []
    for n in [int(x) for x in args.sizes.split(",")]:
        for method in ("crosscheck", "datasketch", "allpairs"):
            if (method == "allpairs" and n > args.allpairs_max) or (method == "datasketch" and n > args.datasketch_max):
                rows.append({"method": method, "n": n, "skipped": True})
                continue
            out = subprocess.run([sys.executable, __file__, "--one", method, str(n)], capture_output=True, text=True, check=True)
            rows.append(json.loads(out.stdout))
            print(rows[-1], flush=True)
    base = {r["n"]: r for r in rows if r["method"] == "datasketch" and not r.get("skipped")}
    lines = [
        "| articles | method | time (s) | time vs datasketch | peak memory (MB) | candidate pairs | recall of planted copies | precision |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        if r.get("skipped"):
            lines.append(f"| {r['n']:,} | {r['method']} | not run (quadratic) | | | | | |")
            continue
        ratio = f"{r['seconds'] / base[r['n']]['seconds']:.2f}x" if r["n"] in base else "—"
        lines.append(
            f"| {r['n']:,} | {r['method']} | {r['seconds']:.1f} | {ratio} | {r['peak_mb']:.0f} | {r['candidates']:,} | {r['recall']:.3f} | {r['precision']:.3f} |"
        )
    table = "\n".join(lines)
    print(table)
    if args.write:
        sys.path.insert(0, str(ROOT / "bench"))
        from ingest import write_section

        write_section(
            "reuse",
            "## Reuse detection at scale (bench/reuse.py)\n\n"
            "Synthetic corpora: families of a base article with planted verbatim copies, near-verbatim copies and "
            "rewrites (negatives for text reuse), half of all articles unrelated. Each method runs in its own process.\n\n"
            + table,
        )


if __name__ == "__main__":
    main()
