"""Story clustering: B-cubed on the real mixed feed, old vs new, and growth in time on synthetic feeds.

    .venv/bin/python bench/clustering.py [--sizes 1000 5000 10000] [--old-max 5000] [--write]

Prints, in one run:
* B-cubed precision / recall / F1 and time of the new clustering (crosscheck.cluster) and of the old one
  (all-pairs single link at cosine 0.25, kept below as a baseline) on tests/fixtures/mixed: the calibrate
  events, the held-out report events, and all of it;
* time of both on synthetic feeds of 1k / 5k / 10k articles (the old one only up to --old-max, it is
  quadratic), the growth ratios and the growth exponent.
The articles of the real feed are cleaned and extracted first (crosscheck.runner.run_articles), as in the
pipeline; the synthetic articles are built already extracted (actors, figures, dates), so only clustering
is timed. ``--write`` puts the tables into bench/RESULTS.md (block ``clustering``), with the held-out misses
of the new clustering listed from the run.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from crosscheck.clean.sections import cosine, term_vector, terms  # noqa: E402
from crosscheck.cluster import bcubed, cluster, on_topic_text  # noqa: E402
from crosscheck.model import Actor, ActorType, Article, Quantity, Story  # noqa: E402

MIXED = ROOT / "tests" / "fixtures" / "mixed"


def old_cluster(articles: list[Article], threshold: float = 0.25) -> list[Story]:
    """The clustering before issue 13: all pairs, single link (union-find) at cosine >= 0.25."""
    ok = [a for a in articles if a.ok]
    vecs = [term_vector(terms((a.title or "") + "\n" + on_topic_text(a))) for a in ok]
    parent = list(range(len(ok)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(ok)):
        for j in range(i + 1, len(ok)):
            if find(i) != find(j) and cosine(vecs[i], vecs[j]) >= threshold:
                parent[find(i)] = find(j)
    groups: dict[int, list[Article]] = {}
    for i, a in enumerate(ok):
        groups.setdefault(find(i), []).append(a)
    ordered = sorted(groups.values(), key=lambda g: (-len(g), g[0].id))
    return [Story(id=f"story-{n}", article_ids=[a.id for a in g]) for n, g in enumerate(ordered, start=1)]


def load_mixed() -> tuple[list[Article], dict]:
    """The real mixed feed, cleaned and extracted, and its gold (article id -> event id, split)."""
    from crosscheck.ingest import ingest
    from crosscheck.runner import run_articles

    gold = json.loads((MIXED / "gold.json").read_text())
    articles = run_articles(ingest([MIXED / "articles"]))
    return articles, gold


def labels(articles: list[Article], gold: dict) -> dict[str, str]:
    return {a.id: gold["articles"][Path(a.source_path or a.id).name] for a in articles}


# --------------------------------------------------------------------------
# synthetic feeds

_SYL = ["ka", "lo", "mi", "ren", "tas", "vor", "quel", "dan", "bri", "sto", "har", "vel", "zun", "pim", "gor", "lis"]
_TOPICS = {
    "quake": "earthquake magnitude epicentre rubble rescuers aftershock collapsed buildings survivors toll",
    "bank": "bank regulators deposits depositors shares rescue takeover lender capital shareholders",
    "vote": "election vote seats majority parliament party campaign ballot turnout coalition",
    "launch": "phone launch camera chip model screen battery unveiled event preorders",
    "storm": "storm hurricane flooding winds landfall evacuation rainfall power outages shelters",
}


def _name(rng: random.Random, parts: int) -> str:
    return " ".join("".join(rng.choice(_SYL) for _ in range(rng.randint(3, 4))).capitalize() for _ in range(parts))


def synthetic_feed(n: int, seed: int = 13, per_event: int = 8) -> list[Article]:
    """``n`` extracted articles on n / per_event events of five topics: each event has its own people, places
    and figures; articles of one event are spread over three days, events over two years."""
    rng = random.Random(seed)
    out: list[Article] = []
    start = date(2023, 1, 1)
    for e in range(max(1, n // per_event)):
        topic = sorted(_TOPICS)[e % len(_TOPICS)]
        words = _TOPICS[topic].split()
        people = [_name(rng, 2) for _ in range(3)]
        places = [_name(rng, 1) for _ in range(2)]
        figures = [round(rng.uniform(10, 5000)) for _ in range(3)]
        day = start + timedelta(days=rng.randrange(730))
        for k in range(per_event):
            if len(out) >= n:
                break
            who, where = rng.sample(people, 2), rng.choice(places)
            sentences = [
                f"{who[0]} said the {rng.choice(words)} in {where} left {figures[0]} {rng.choice(words)}.",
                f"Officials in {where} reported {rng.choice(figures)} {rng.choice(words)} and {rng.choice(words)}.",
                f"{who[1]} told reporters the {rng.choice(words)} {rng.choice(words)} was under way.",
            ]
            body = " ".join(rng.choice(sentences) for _ in range(40))
            actors = [Actor(name=p, type=ActorType.person) for p in who] + [Actor(name=where, type=ActorType.place)]
            quantities = [Quantity(start=0, end=1, text=str(f), value=float(f), unit=words[1]) for f in figures[:2]]
            out.append(
                Article(
                    id=f"syn{e:05d}-{k}",  # the event number is the gold
                    title=f"{where} {words[0]}: {who[0]} speaks",
                    text=body,
                    published=day + timedelta(days=rng.randrange(3)),
                    actors=actors,
                    quantities=quantities,
                )
            )
    return out


def timed(fn, articles: list[Article]) -> tuple[float, list[Story]]:
    t = time.perf_counter()
    stories = fn(articles)
    return time.perf_counter() - t, stories


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 10000])
    ap.add_argument("--old-max", type=int, default=5000, help="largest synthetic feed the old (quadratic) clustering runs on")
    ap.add_argument("--write", action="store_true", help="write the tables into bench/RESULTS.md")
    args = ap.parse_args()
    real_rows: list[tuple] = []
    syn_rows: list[tuple] = []
    misses: list[str] = []

    articles, gold = load_mixed()
    lab = labels(articles, gold)
    print(f"real mixed feed: {len(articles)} articles, {len(set(lab.values()))} events (tests/fixtures/mixed)")
    print(f"{'split':10s} {'method':4s} {'P':>6s} {'R':>6s} {'F1':>6s} {'stories':>7s} {'time s':>8s}")
    for split in ("calibrate", "report", "all"):
        sub = [a for a in articles if split == "all" or lab[a.id] in gold["split"][split]]
        sublab = {a.id: lab[a.id] for a in sub}
        for name, fn in (("old", old_cluster), ("new", cluster)):
            secs, stories = timed(fn, [a.model_copy(deep=True) for a in sub])
            p, r, f = bcubed([s.article_ids for s in stories], sublab)
            gold_n = len(set(sublab.values()))
            real_rows.append((split, name, p, r, f, len(stories), gold_n))
            print(f"{split:10s} {name:4s} {p:6.3f} {r:6.3f} {f:6.3f} {len(stories):7d} {secs:8.3f}")
            if split == "report" and name == "new":
                misses = describe_misses(stories, sublab)

    print("\nsynthetic feeds (8 articles per event, five topics, clustering time only)")
    print(f"{'articles':>8s} {'old s':>8s} {'new s':>8s} {'new F1':>7s} {'new x':>6s}")
    times = []
    for n in args.sizes:
        feed = synthetic_feed(n)
        old = f"{timed(old_cluster, feed)[0]:8.1f}" if n <= args.old_max else f"{'-':>8s}"
        secs, stories = timed(cluster, feed)
        f1 = bcubed([s.article_ids for s in stories], {a.id: a.id.split("-")[0] for a in feed})[2]
        times.append((n, secs))
        ratio = secs / times[0][1]
        syn_rows.append((n, old.strip(), secs, f1, ratio))
        print(f"{n:8d} {old} {secs:8.2f} {f1:7.3f} {ratio:6.2f}")
    growth = ""
    if len(times) > 1:
        (n0, t0), (n1, t1) = times[0], times[-1]
        growth = f"Growth exponent (time ~ N^k) from {n0:,} to {n1:,}: k = {math.log(t1 / t0) / math.log(n1 / n0):.2f} (old: 2)."
        print(growth)
    for line in misses:
        print("held-out miss:", line)
    if args.write:
        write(real_rows, syn_rows, growth, misses, args)


def describe_misses(stories: list[Story], lab: dict[str, str]) -> list[str]:
    """Stories that mix events, and events split over several stories."""
    out = []
    for s in stories:
        events = sorted({lab[i] for i in s.article_ids})
        if len(events) > 1:
            counts = ", ".join(f"{sum(lab[i] == e for i in s.article_ids)} {e}" for e in events)
            out.append(f"one story joins {counts}")
    for e in sorted(set(lab.values())):
        parts = sorted(sum(lab[i] == e for i in s.article_ids) for s in stories if e in {lab[i] for i in s.article_ids})
        if len(parts) > 1:
            out.append(f"{e} split into {len(parts)} stories ({' + '.join(map(str, reversed(parts)))})")
    return out


def write(real_rows: list[tuple], syn_rows: list[tuple], growth: str, misses: list[str], args: argparse.Namespace) -> None:
    from ingest import write_section  # bench/ingest.py

    gold = json.loads((MIXED / "gold.json").read_text())
    n_events = len(gold["events"])
    lines = [
        "## Story clustering (bench/clustering.py)",
        "",
        f"`.venv/bin/python bench/clustering.py --old-max {args.old_max} --write` (2 shared cores). Real mixed feed: "
        f"tests/fixtures/mixed, {len(gold['articles'])} page openings, {n_events} events, "
        f"{len(gold['same_topic_different_event'])} same-topic-different-event pairs (README there).",
        "Thresholds calibrated on the *calibrate* events only; *report* events held out. Old = all-pairs single link",
        "at cosine 0.25 (the clustering before issue 13); new = crosscheck.cluster (LSH candidates, average link",
        "over entity and term channels, most cross pairs agreeing, 7-day window, figures in the headline weighing 2x).",
        "",
        "| split | method | B-cubed P | R | F1 | stories (gold) |",
        "|---|---|---|---|---|---|",
    ]
    names = {"calibrate": "calibrate", "report": "report (held out)", "all": "all"}
    for split, name, p, r, f, n, g in real_rows:
        lines.append(f"| {names[split]} | {name} | {p:.3f} | {r:.3f} | {f:.3f} | {n} ({g}) |")
    lines += ["", "Held-out misses of the new clustering: " + ("; ".join(misses) if misses else "none") + "."]
    lines += [
        "",
        "Synthetic feeds (8 articles per event, five topics, names of 3-4 random syllables, already extracted;",
        "clustering time only; the old clustering only up to --old-max, it is all pairs):",
        "",
        "| articles | old s | new s | new F1 | new time / first |",
        "|---|---|---|---|---|",
    ]
    for n, old, secs, f1, ratio in syn_rows:
        lines.append(f"| {n:,} | {old} | {secs:.1f} | {f1:.3f} | {ratio:.1f} |")
    if growth:
        lines += ["", growth]
    lines += [
        "With names of 2-3 syllables (only ~4,000 distinct words) the exponent was 1.39 when the clustering was built:",
        "names shared by chance across events made MinHash candidates grow with N^2; real names are not drawn from so",
        "small a set. tests/test_cluster.py checks the rest on real text: the seeds form one story, each of the six",
        "../shared eval story sets one story, and the six mixed together six stories.",
    ]
    write_section("clustering", "\n".join(lines))


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main()
