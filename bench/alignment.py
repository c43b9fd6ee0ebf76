"""Alignment benchmark: same-fact and conflict decisions on labelled pairs, new matcher vs the earlier one, same run.

Usage: python bench/alignment.py [--embedder NAME] [--diagnose SLUG] [--no-scale] [--write]

Labelled pairs are derived from gold files, never written by hand from the texts:

- ../shared/eval/stories/*/gold.json: ``corroborated`` items give *same* pairs (sentences of different files
  that each match all the item's patterns), ``not_same`` items *different* pairs, ``discrepancies`` items
  *conflicting* pairs (sentences of different files whose matched words differ: '51' vs '99'), ``not_conflicts``
  items *not-conflicting* pairs (same derivation).
- tests/eval/set_*/gold.json (our own story sets): ``corroborated`` facts (sentences holding all keywords) give
  *same* pairs; discrepancies with keywords per side give *conflicting* pairs.

A matcher's decision on a pair is read off its output: *same* when both sentences are evidence of one story claim,
*conflict* when they sit on different sides of one discrepancy that carries no explanation. The earlier matcher is
main's align package before issue 12's work (``--legacy``, default c432fe076d), imported from git into a temporary package
(``legacy``); it parses claims with spaCy again and reads their lemmas, so the lemmatizer is put back in the pipe
while it runs (crosscheck itself asks for lemmas on demand).

Calibration stories (the settings were tuned on them): surfside-collapse, titan-submersible, wagner-mutiny.
Held out: chandrayaan-3-landing, crowdstrike-outage, svb-collapse. Figures are printed for each group.

Scale: 50 articles of the story sets aligned as one story; time, peak memory (tracemalloc) and the number of
candidate pairs against all cross-article sentence pairs; and the 12-article vs 50-article time ratio.
"""

from __future__ import annotations

import argparse
import copy
import importlib
import json
import re
import subprocess
import sys
import tempfile
import time
import tracemalloc
import unicodedata
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "eval" / "stories"
OWN = ROOT / "tests" / "eval"
CALIBRATION = ("surfside-collapse", "titan-submersible", "wagner-mutiny")
RESULTS = ROOT / "bench" / "RESULTS.md"
NOTE = (
    "Same-fact pairs are every cross-file pair of sentences that each match all of a gold item's patterns, so a "
    "sentence merely mentioning the pattern counts too: recall is low for both matchers and is a relative figure. "
    "Decisions are read off each matcher's output on main's provenance stage."
)


# ---------------------------------------------------------------------------- the earlier matcher


# The matcher issue 12 started from ("today's matcher" when it was filed): main's align package at this commit.
LEGACY = "c432fe076d"


def legacy_align_module(commit: str = LEGACY):
    """The align package at ``commit`` (default: the matcher before issue 12), as a temporary package ``legacy_align``."""
    base = subprocess.run(["git", "rev-parse", commit], cwd=ROOT, capture_output=True, text=True).stdout.strip() or "HEAD"
    names = subprocess.run(["git", "ls-tree", "--name-only", base, "src/crosscheck/align/"], cwd=ROOT, capture_output=True, text=True).stdout.split()
    tmp = Path(tempfile.mkdtemp(prefix="legacy_align_"))
    pkg = tmp / "legacy_align"
    pkg.mkdir()
    for name in names:
        src = subprocess.run(["git", "show", f"{base}:{name}"], cwd=ROOT, capture_output=True, text=True).stdout
        src = re.sub(r"from \.\.(\w)", r"from crosscheck.\1", src)
        src = src.replace("from .. import", "from crosscheck import")
        (pkg / Path(name).name).write_text(src, encoding="utf-8")
    sys.path.insert(0, str(tmp))
    return importlib.import_module("legacy_align"), base[:10]


# ---------------------------------------------------------------------------- labelled pairs


def norm(s: str) -> str:
    s = unicodedata.normalize("NFKC", s).lower()
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", s)


def stem(x: str) -> str:
    return re.sub(r"\.(txt|html?|md|jsonl?)$", "", Path(str(x)).name)


def _sentences(arts: dict, f: str) -> list:
    a = arts.get(stem(f))
    return [(a.id, c.start, norm(c.text)) for c in a.claims] if a else []


def _matching(arts: dict, f: str, patterns: list[str], full: bool) -> list[tuple]:
    out = []
    for aid, start, text in _sentences(arts, f):
        hits = [m.group(0) for p in patterns for m in [re.search(p, text)] if m]
        if (full and len(hits) == len(patterns)) or (not full and hits):
            out.append((aid, start, tuple(hits)))
    return out


def pairs_from_shared_gold(gold: dict, arts: dict) -> list[tuple[str, tuple, tuple]]:
    g = gold["gold"]
    out = []

    def cross(items_by_file: list[list[tuple]], label: str, differ: bool = False) -> None:
        for x in range(len(items_by_file)):
            for y in range(x + 1, len(items_by_file)):
                for a in items_by_file[x]:
                    for b in items_by_file[y]:
                        if a[0] != b[0] and (not differ or set(a[2]) != set(b[2])):
                            out.append((label, a[:2], b[:2]))

    for c in g.get("corroborated", []):
        cross([_matching(arts, f, c["pattern"], True) for f in c["files"]], "same")
    for n in g.get("not_same", []):
        cross([_matching(arts, n["a"]["file"], n["a"]["pattern"], True), _matching(arts, n["b"]["file"], n["b"]["pattern"], True)], "different")
    for d in g.get("discrepancies", []):
        cross([_matching(arts, f, d["pattern"], False) for f in d["files"]], "conflicting", differ=True)
    for d in g.get("not_conflicts", []):
        cross([_matching(arts, f, d["pattern"], False) for f in d["files"]], "not_conflicting", differ=True)
    return out


def pairs_from_own_gold(gold: dict, arts: dict) -> list[tuple[str, tuple, tuple]]:
    out = []

    def holding(aid: str, keywords: list[str]) -> list[tuple]:
        a = arts.get(aid)
        return [(a.id, c.start) for c in a.claims if all(k.lower() in c.text.lower() for k in keywords)] if a else []

    for c in gold.get("corroborated", []):
        per = [holding(a, c["keywords"]) for a in c["articles"]]
        for x in range(len(per)):
            for y in range(x + 1, len(per)):
                out += [("same", a, b) for a in per[x] for b in per[y]]
    for d in gold.get("discrepancies", []):
        sides = d.get("sides") or []
        per = [[p for a in s.get("articles", []) for p in holding(a, s.get("keywords", d.get("keywords", [])))] for s in sides]
        for x in range(len(per)):
            for y in range(x + 1, len(per)):
                out += [("conflicting", a, b) for a in per[x] for b in per[y] if a[0] != b[0]]
    return out


# ---------------------------------------------------------------------------- decisions and scores


def decisions(story, arts: dict) -> tuple[set, set]:  # noqa: ANN001
    """Pairs of claims (article id, claim start) the output calls the same fact, and pairs it sets against each other."""
    claims = {a.id: a.claims for a in arts.values()}

    def keys(e) -> list[tuple]:  # noqa: ANN001  - evidence may be a claim or a whole sentence holding several
        return [(e.article_id, c.start) for c in claims.get(e.article_id, []) if c.start < e.span.end and e.span.start < c.end]

    same, conflict = set(), set()
    for c in story.claims:
        ev = [k for e in c.evidence for k in keys(e)]
        same |= {frozenset((a, b)) for a in ev for b in ev if a[0] != b[0]}
    for d in story.discrepancies:
        if d.explanation:
            continue
        sides = [[k for e in s.evidence for k in keys(e)] for s in d.sides]
        for x in range(len(sides)):
            for y in range(x + 1, len(sides)):
                conflict |= {frozenset((a, b)) for a in sides[x] for b in sides[y] if a[0] != b[0]}
    return same, conflict


def score(pairs: list[tuple], dec: tuple[set, set]) -> dict[str, float]:
    same, conflict = dec

    s_tp = s_fp = s_fn = c_tp = c_fp = c_fn = 0
    for label, a, b in pairs:
        key = frozenset((a, b))
        said_same, said_conf = key in same, key in conflict
        if label == "same":
            s_tp += said_same
            s_fn += not said_same
        elif label == "different":
            s_fp += said_same
            c_fp += said_conf
        elif label == "conflicting":
            c_tp += said_conf
            c_fn += not said_conf
        elif label == "not_conflicting":
            c_fp += said_conf
    return {"s_tp": s_tp, "s_fp": s_fp, "s_fn": s_fn, "c_tp": c_tp, "c_fp": c_fp, "c_fn": c_fn}


def pr(tp: int, fp: int, fn: int) -> str:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return f"P={p:.2f} R={r:.2f}"


# ---------------------------------------------------------------------------- runs


def analyse_sets(embedder: str | None, only: list[str] | None = None) -> list[tuple[str, str, object, dict, list]]:
    """(group, name, report, articles by stem, labelled pairs) for every story set."""
    import crosscheck

    out = []
    for d in sorted(p for p in SHARED.iterdir() if p.is_dir()) if SHARED.is_dir() else []:
        if only and d.name not in only:
            continue
        rep = crosscheck.analyze([str(d / "articles")], embedder=embedder)
        arts = {stem(a.id): a for a in rep.articles}
        gold = json.loads((d / "gold.json").read_text(encoding="utf-8"))
        group = "calibration" if d.name in CALIBRATION else "held-out"
        out.append((group, d.name, rep, arts, pairs_from_shared_gold(gold, arts)))
    for d in sorted(OWN.glob("set_*")):
        if only and d.name not in only:
            continue
        rep = crosscheck.analyze([str(d / "articles")], embedder=embedder)
        arts = {stem(a.id): a for a in rep.articles}
        gold = json.loads((d / "gold.json").read_text(encoding="utf-8"))
        out.append(("own sets", d.name, rep, arts, pairs_from_own_gold(gold, arts)))
    return out


@contextmanager
def lemmatizer_in_pipe():  # noqa: ANN201
    """The legacy matcher reads ``token.lemma_`` of its own parse: run the lemmatizer over every token meanwhile."""
    from crosscheck.extract.nlp import LAZY_LEMMATIZER, get_nlp

    nlp = get_nlp()
    nlp.enable_pipe(LAZY_LEMMATIZER)
    try:
        yield
    finally:
        nlp.disable_pipe(LAZY_LEMMATIZER)


def legacy_story(legacy, story, rep, embedder):  # noqa: ANN001, ANN201
    by_id = {a.id: a for a in rep.articles}
    st = copy.deepcopy(story)
    st.claims, st.discrepancies = [], []
    with lemmatizer_in_pipe():
        legacy.align(st, by_id, embedder=embedder)
    return st


def biggest(rep):  # noqa: ANN001, ANN201
    return max(rep.stories, key=lambda s: len(s.article_ids))


def scale(embedder: str | None, legacy) -> list[str]:  # noqa: ANN001
    """Align 12 and 50 articles of the story sets as one story: time, peak memory, candidate pairs."""
    import crosscheck
    from crosscheck.align import align
    from crosscheck.align.claims import Matcher, _provenance_pairs
    from crosscheck.align.facts_view import fact_views
    from crosscheck.model import Story
    from crosscheck.provenance import trace
    from crosscheck.settings import AlignSettings

    dirs = [str(d / "articles") for d in sorted(SHARED.iterdir()) if d.is_dir()]
    rep = crosscheck.analyze(dirs, embedder=embedder)
    arts = [a for a in rep.articles if a.ok][:50]
    by_id = {a.id: a for a in rep.articles}
    lines = []
    times = {}
    for n in (12, 50):
        story = Story(id=f"scale-{n}", article_ids=[a.id for a in arts[:n]])
        trace(story, by_id, embedder=embedder)
        row = {}
        def run_legacy(s):  # noqa: ANN001, ANN202
            with lemmatizer_in_pipe():
                return legacy.align(s, by_id, embedder=embedder)

        for name, fn in (("new", lambda s: align(s, by_id, embedder=embedder)), ("legacy", run_legacy)):
            fn(copy.deepcopy(story))  # warm: spaCy, embeddings cached
            st = copy.deepcopy(story)
            t = time.perf_counter()
            fn(st)
            secs = time.perf_counter() - t
            # peak memory in a second run: tracemalloc slows Python code several times, so it is not timed
            tracemalloc.start()
            fn(copy.deepcopy(story))
            peak = tracemalloc.get_traced_memory()[1] / 1e6
            tracemalloc.stop()
            row[name] = (secs, peak)
        st = copy.deepcopy(story)
        from crosscheck.align.claims import origin_key
        from crosscheck.extract.actors import unify_story

        st.actors = unify_story([by_id[i].actors for i in st.article_ids])
        settings = AlignSettings()
        facts = fact_views(st, by_id, lambda x: origin_key(x, st), settings.clock_hedge_minutes)
        m = Matcher(facts, settings, embedder)
        cands = len(m.candidates(set(_provenance_pairs(st, facts))))
        per_art: dict[str, int] = {}
        for f in facts:
            per_art[f.article.id] = per_art.get(f.article.id, 0) + 1
        total = sum(per_art.values())
        all_pairs = (total * total - sum(v * v for v in per_art.values())) // 2
        times[n] = row
        lines.append(
            f"| {n} articles, {total} facts | {row['new'][0]:.2f} s, {row['new'][1]:.0f} MB | {row['legacy'][0]:.2f} s, {row['legacy'][1]:.0f} MB "
            f"| {cands:,} of {all_pairs:,} ({cands / max(1, all_pairs):.1%}) |"
        )
    ratio_new = times[50]["new"][0] / max(1e-9, times[12]["new"][0])
    ratio_old = times[50]["legacy"][0] / max(1e-9, times[12]["legacy"][0])
    lines.append(f"\n50 vs 12 articles, time ratio: new {ratio_new:.1f}x, legacy {ratio_old:.1f}x")
    return lines


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--embedder", default=None)
    ap.add_argument("--diagnose", default=None, help="print the new matcher's verdict on every missed labelled pair of this set")
    ap.add_argument("--only", nargs="*", help="only these sets (no scale run)")
    ap.add_argument("--no-scale", action="store_true")
    ap.add_argument("--write", action="store_true", help="write the table into bench/RESULTS.md")
    ap.add_argument("--legacy", default=LEGACY, help="the commit whose align package is the baseline (default: before issue 12)")
    args = ap.parse_args()
    legacy, base = legacy_align_module(args.legacy)
    runs = analyse_sets(args.embedder, args.only)
    totals: dict[tuple[str, str], dict[str, int]] = {}
    rows = []
    for group, name, rep, arts, pairs in runs:
        story = biggest(rep)
        new = score(pairs, decisions(story, arts))
        old = score(pairs, decisions(legacy_story(legacy, story, rep, args.embedder), arts))
        for who, sc in (("new", new), ("legacy", old)):
            t = totals.setdefault((group, who), dict.fromkeys(sc, 0))
            for k, v in sc.items():
                t[k] += v
        n_same = sum(p[0] == "same" for p in pairs)
        n_conf = sum(p[0] == "conflicting" for p in pairs)
        rows.append(
            f"| {name} ({group}) | {n_same}/{len(pairs) - n_same - n_conf}/{n_conf} | {pr(old['s_tp'], old['s_fp'], old['s_fn'])} | {pr(new['s_tp'], new['s_fp'], new['s_fn'])} "
            f"| {pr(old['c_tp'], old['c_fp'], old['c_fn'])} | {pr(new['c_tp'], new['c_fp'], new['c_fn'])} |"
        )
        if args.diagnose == name:
            diagnose(story, rep, arts, pairs, args.embedder)
    for group in ("calibration", "held-out", "own sets"):
        if (group, "new") not in totals:
            continue
        o, n = totals[(group, "legacy")], totals[(group, "new")]
        rows.append(
            f"| **{group}** | | {pr(o['s_tp'], o['s_fp'], o['s_fn'])} | {pr(n['s_tp'], n['s_fp'], n['s_fn'])} "
            f"| {pr(o['c_tp'], o['c_fp'], o['c_fn'])} | {pr(n['c_tp'], n['c_fp'], n['c_fn'])} |"
        )
    out = [
        f"Labelled pairs from the gold files (same/other/conflicting counts per set); legacy = main's align at {base}.",
        "",
        NOTE,
        "",
        "| set | pairs s/o/c | same-fact legacy | same-fact new | conflict legacy | conflict new |",
        "|---|---|---|---|---|---|",
        *rows,
    ]
    if not args.no_scale and not args.only and SHARED.is_dir():
        out += ["", "| one story of | new: time, peak memory | legacy: time, peak memory | candidate pairs of all cross-article pairs |", "|---|---|---|---|"]
        out += scale(args.embedder, legacy)
    text = "\n".join(out)
    print(text)
    if args.write:
        body = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
        block = f"<!-- alignment:start -->\n## Alignment (bench/alignment.py)\n\n{text}\n<!-- alignment:end -->"
        if "<!-- alignment:start -->" in body:
            body = re.sub(r"<!-- alignment:start -->.*?<!-- alignment:end -->", lambda _m: block, body, flags=re.S)
        else:
            body = body.rstrip() + "\n\n" + block + "\n"
        RESULTS.write_text(body, encoding="utf-8")


def diagnose(story, rep, arts, pairs, embedder) -> None:  # noqa: ANN001
    from crosscheck.align.claims import Matcher, align_facts

    by_id = {a.id: a for a in rep.articles}
    res = align_facts(story, by_id, embedder)
    m = Matcher(res.facts, story.align_settings, embedder)
    where = {(f.article.id, f.claim.start): k for k, f in enumerate(res.facts)}
    same, conflict = decisions(story, arts)
    for label, a, b in pairs:
        i, j = where.get(a), where.get(b)
        if i is None or j is None:
            continue
        key = frozenset((a, b))
        hit = key in same if label == "same" else key in conflict if label == "conflicting" else key not in same
        if hit:
            continue
        v = m.verify(min(i, j), max(i, j))
        cand = (min(i, j), max(i, j)) in m.candidates()
        print(f"[{label}] {v.label} {v.score:.2f} {v.why} cand={cand}\n   A {res.facts[i].article.id[:12]}: {res.facts[i].text[:150]}\n   B {res.facts[j].article.id[:12]}: {res.facts[j].text[:150]}")


if __name__ == "__main__":
    sys.exit(main())
