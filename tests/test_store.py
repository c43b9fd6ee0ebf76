"""The embedded store: incremental ingest, deduplication, story updates only where articles arrive, a run
killed with SIGKILL losing nothing it committed, and the ingest / stories / report / watch commands."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT

QUAKE = FIXTURES / "provenance_quake"
PROVENANCE = FIXTURES / "provenance"
EXTRACTION = FIXTURES / "extraction"


def cli(*args: str, stdin: bytes | None = None, cwd: Path = ROOT, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "crosscheck.cli", *args], input=stdin, capture_output=True, cwd=cwd, timeout=600, **kw
    )


def copy_texts(src: Path, dest: Path, names: list[str] | None = None) -> list[Path]:
    dest.mkdir(parents=True, exist_ok=True)
    out = []
    for f in sorted(src.glob("*.txt")):
        if names is None or f.stem in names:
            out.append(dest / f.name)
            out[-1].write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    return out


def feed_of_30(dest: Path) -> list[Path]:
    """30 articles: the fixture texts of three folders, and the first few again as later versions (a
    correction appended), which are different texts and so different articles."""
    files = copy_texts(EXTRACTION, dest / "extraction") + copy_texts(PROVENANCE, dest / "provenance")
    files += copy_texts(QUAKE, dest / "quake")
    extra = dest / "updates"
    extra.mkdir()
    for f in files[: 30 - len(files)]:
        v = extra / f"{f.stem}_updated.txt"
        v.write_text(
            f.read_text(encoding="utf-8")
            + "\n\nCorrection: an earlier version of this article misstated the day of the week of one event.\n",
            encoding="utf-8",
        )
        files.append(v)
    assert len(files) == 30
    return files


def rows(db_path: Path, sql: str) -> list[tuple]:
    con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=30)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


# ---------------------------------------------------------------------- the store in-process


def test_schema_is_versioned_and_reopening_migrates_nothing(tmp_path):
    from crosscheck.store import MIGRATIONS, Store

    path = tmp_path / "s.db"
    with Store(path) as s:
        assert s.version == len(MIGRATIONS)
    with Store(path) as s:
        assert s.version == len(MIGRATIONS)
    assert rows(path, "PRAGMA journal_mode") == [("wal",)]
    con = sqlite3.connect(path)
    con.execute("UPDATE schema_version SET version = 99")
    con.commit()
    con.close()
    with pytest.raises(ValueError, match="newer"):
        Store(path)


def test_store_refuses_a_file_that_is_not_a_database(tmp_path):
    from crosscheck.store import Store

    bad = tmp_path / "not.db"
    bad.write_text("these are not the pages of an SQLite database\n" * 100)
    with pytest.raises(ValueError, match="cannot open the store"):
        Store(bad)


def test_incremental_ingest_does_no_work_twice(tmp_path):
    from crosscheck.pipeline import ingest_into_store
    from crosscheck.store import Store

    feed = tmp_path / "feed"
    copy_texts(QUAKE, feed, ["wire_quake", "agency_quake", "radio_quake"])
    copy_texts(PROVENANCE, feed, ["unrelated"])
    with Store(tmp_path / "s.db") as store:
        first = ingest_into_store([feed], store)
        assert sorted(first.added) == ["agency_quake", "radio_quake", "unrelated", "wire_quake"]
        listed = store.list_stories()
        quake = next(r for r in listed if r.articles == 3)
        assert any(line.startswith(f"new story {quake.id}") for line in first.changes)
        before = rows(store.path, "SELECT id, updated_at, json FROM stories ORDER BY id")

        again = ingest_into_store([feed], store)  # the same folder: nothing new
        assert again.added == [] and again.stories_changed == [] and again.changes == []
        assert len(again.duplicates) == 4
        assert rows(store.path, "SELECT id, updated_at, json FROM stories ORDER BY id") == before

        # a later article on the quake, from another outlet: only the quake story is redone
        copy_texts(QUAKE, feed, ["rewrite_quake"])
        grown = ingest_into_store([feed], store)
        assert grown.added == ["rewrite_quake"]
        assert grown.stories_changed == [quake.id]
        assert rows(store.path, f"SELECT story_id FROM story_articles WHERE article_id = 'rewrite_quake'") == [(quake.id,)]
        after = {r[0]: r for r in rows(store.path, "SELECT id, updated_at, json FROM stories ORDER BY id")}
        for r in before:
            if r[0] != quake.id:
                assert after[r[0]] == r  # the unrelated story is untouched
        runs = store.runs()
        assert [(r["added"], r["duplicates"]) for r in runs] == [(4, 0), (0, 4), (1, 4)]
        assert all(r["finished_at"] for r in runs)


def test_same_name_other_text_gets_its_own_id_and_same_text_is_a_duplicate(tmp_path):
    from crosscheck.pipeline import ingest_into_store
    from crosscheck.store import Store

    a, b = tmp_path / "a", tmp_path / "b"
    copy_texts(QUAKE, a, ["wire_quake"])
    b.mkdir()
    (b / "wire_quake.txt").write_text((QUAKE / "radio_quake.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (b / "copy_of_wire.txt").write_text((QUAKE / "wire_quake.txt").read_text(encoding="utf-8"), encoding="utf-8")
    with Store(tmp_path / "s.db") as store:
        ingest_into_store([a], store)
        update = ingest_into_store([b], store)
        assert update.added == ["wire_quake-2"]
        assert update.duplicates == [(str(b / "copy_of_wire.txt"), "wire_quake")]
        assert [x.source_path for x in store.articles(["wire_quake", "wire_quake-2"])] == [
            str(a / "wire_quake.txt"), str(b / "wire_quake.txt")
        ]


def test_unreadable_input_is_stored_as_skipped_once(tmp_path):
    from crosscheck.pipeline import ingest_into_store
    from crosscheck.store import Store

    feed = tmp_path / "feed"
    copy_texts(QUAKE, feed, ["wire_quake"])
    (feed / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    with Store(tmp_path / "s.db") as store:
        first = ingest_into_store([feed], store)
        assert first.added == ["wire_quake"] and first.skipped == ["photo"]
        (skipped,) = store.articles(["photo"])
        assert not skipped.ok and skipped.reason
        again = ingest_into_store([feed], store)
        assert again.skipped == [] and len(again.duplicates) == 2


# ---------------------------------------------------------------------- a run killed mid-way


def test_sigkill_mid_run_loses_nothing_committed(tmp_path):
    feed = tmp_path / "feed"
    files = feed_of_30(feed)
    db = tmp_path / "crash.db"
    proc = subprocess.Popen(
        [sys.executable, "-m", "crosscheck.cli", "ingest", str(feed), "--store", str(db), "-q"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    committed = 0
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.2)
        if db.exists():
            try:
                committed = rows(db, "SELECT COUNT(*) FROM articles")[0][0]
            except sqlite3.OperationalError:  # tables not made yet
                continue
            if committed >= 8:
                break
    assert proc.poll() is None, f"the run ended before it could be killed: {proc.stderr.read().decode()}"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    kept = rows(db, "SELECT COUNT(*) FROM articles")[0][0]
    assert 8 <= kept < 30

    done = cli("ingest", str(feed), "--store", str(db))
    assert done.returncode == 0, done.stderr.decode()
    assert f"{30 - kept} new article(s) analysed".encode() in done.stderr
    assert f"{kept} already in the store".encode() in done.stderr
    stored = rows(db, "SELECT source_path, hash FROM articles")
    assert sorted(p for p, _h in stored) == sorted(str(f) for f in files)  # every article exactly once
    assert len({h for _p, h in stored}) == 30
    # every analysed article is in exactly one story, and the story stage is finished
    assert rows(db, "SELECT COUNT(*) FROM articles WHERE ok = 1 AND clustered = 0") == [(0,)]
    in_stories = rows(db, "SELECT article_id FROM story_articles")
    assert sorted(a for (a,) in in_stories) == sorted(a for (a,) in rows(db, "SELECT id FROM articles WHERE ok = 1"))


# ---------------------------------------------------------------------- the commands


def test_ingest_stories_report_commands(tmp_path):
    feed = tmp_path / "feed"
    copy_texts(QUAKE, feed)
    copy_texts(EXTRACTION, feed, ["boj_rate_hike"])
    db = tmp_path / "cc.db"
    first = cli("ingest", str(feed), "--store", str(db))
    assert first.returncode == 0, first.stderr.decode()
    assert b"6 new article(s) analysed" in first.stderr
    again = cli("ingest", str(feed), "--store", str(db))
    assert again.returncode == 0
    assert b"0 new article(s) analysed" in again.stderr and b"6 already in the store" in again.stderr
    assert b"0 story(ies) updated" in again.stderr

    listed = cli("stories", "--store", str(db), "--json")
    assert listed.returncode == 0, listed.stderr.decode()
    stories = json.loads(listed.stdout)
    assert [s["articles"] for s in stories] == [5, 1]
    quake = stories[0]
    assert quake["outlets"] == ["Reuters"]  # the wire's credit; the other four name no outlet
    assert 2 <= quake["independent_sources"] <= 4

    table = cli("stories", "--store", str(db))
    assert table.returncode == 0 and quake["id"].encode() in table.stdout

    html = cli("report", quake["id"], "-f", "html", "--store", str(db))
    assert html.returncode == 0, html.stderr.decode()
    assert html.stdout.lstrip().lower().startswith(b"<!doctype html")
    out = tmp_path / "quake.json"
    as_json = cli("report", quake["id"], "-o", str(out), "--store", str(db))
    assert as_json.returncode == 0, as_json.stderr.decode()
    rep = json.loads(out.read_text())
    assert [s["id"] for s in rep["stories"]] == [quake["id"]]
    assert sorted(a["id"] for a in rep["articles"]) == sorted(f.stem for f in QUAKE.glob("*.txt"))

    missing = cli("report", "story-nope", "--store", str(db))
    assert missing.returncode == 2 and b"no story 'story-nope'" in missing.stderr
    nostore = cli("stories", "--store", str(tmp_path / "none.db"))
    assert nostore.returncode == 2 and b"no store at" in nostore.stderr


def test_watch_prints_new_story_new_outlet_and_ignores_seen_files(tmp_path):
    feed = tmp_path / "incoming"
    copy_texts(QUAKE, feed, ["wire_quake", "agency_quake"])
    db = tmp_path / "w.db"
    proc = subprocess.Popen(
        [sys.executable, "-m", "crosscheck.cli", "watch", str(feed), "--store", str(db), "--interval", "1",
         "--max-polls", "400", "-q"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    try:
        first = proc.stdout.readline().decode()
        assert first.startswith("new story story-"), first
        copy_texts(QUAKE, feed, ["radio_quake"])  # a third article on the same quake (it names no outlet)
        second = proc.stdout.readline().decode()
        assert second.rstrip().endswith(": 1 more article(s)") or "discrepancy" in second, second
        assert first.split()[2] == second.split()[1]  # the same story id
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=60)
    assert rows(db, "SELECT COUNT(*) FROM articles") == [(3,)]
    assert [r[0] for r in rows(db, "SELECT command FROM runs")] == ["watch", "watch"]


def test_watch_jsonl_on_stdin_and_max_polls(tmp_path):
    lines = []
    outlets = {"wire_quake": "Reuters", "agency_quake": "Anka Haber Ajansı", "radio_quake": "Radyo Doğu"}
    for name, outlet in outlets.items():
        text = (QUAKE / f"{name}.txt").read_text(encoding="utf-8")
        title, _, body = text.partition("\n")
        lines.append(json.dumps({"id": name, "title": title, "text": body.strip(), "source": outlet}))
    db = tmp_path / "j.db"
    proc = cli("watch", "-", "--store", str(db), "-q", stdin=("\n".join(lines) + "\n").encode())
    assert proc.returncode == 0, proc.stderr.decode()
    out = proc.stdout.decode().splitlines()
    assert out[0].startswith("new story ")
    story = out[0].split()[2]
    assert out[0].endswith("1 article(s) (Reuters)"), out
    assert f"story {story} (" in out[1] and out[1].endswith("new outlet Anka Haber Ajansı"), out
    assert any(f"story {story} (" in line and line.endswith("new outlet Radyo Doğu") for line in out[2:]), out
    assert all(f"story {story} (" in line for line in out[1:]), out
    assert rows(db, "SELECT COUNT(*) FROM articles") == [(3,)]
    assert rows(db, "SELECT COUNT(*) FROM runs") == [(3,)]  # one update per line

    again = cli("watch", "-", "--store", str(db), "-q", "--max-polls", "1", stdin=("\n".join(lines) + "\n").encode())
    assert again.returncode == 0 and again.stdout == b""  # the first line is already stored: nothing changes
    assert rows(db, "SELECT COUNT(*) FROM runs") == [(4,)]


def test_an_article_added_twice_to_a_store_is_kept_once(tmp_path):
    """Two runs on one store racing for the same text: the second insert writes nothing and says so."""
    from crosscheck.ingest import ingest
    from crosscheck.store import Store, content_hash

    (art,) = ingest([QUAKE / "wire_quake.txt"])
    other = art.model_copy(update={"id": "wire_quake-2"})
    with Store(tmp_path / "s.db") as store:
        assert store.add_article(art, content_hash(art)) is True
        assert store.add_article(other, content_hash(other)) is False
        assert store.article_ids() == ["wire_quake"]


def test_migration_brings_an_older_store_up_to_date(tmp_path):
    """A store made before the facts table (schema version 1) gets it, filled from its stored stories."""
    from crosscheck.pipeline import ingest_into_store
    from crosscheck.store import MIGRATIONS, Store

    feed = tmp_path / "feed"
    copy_texts(QUAKE, feed)
    path = tmp_path / "s.db"
    with Store(path) as store:
        ingest_into_store([feed], store)
        (row,) = store.list_stories()
        claims = {(c.id, c.status.value, c.text) for c in store.story(row.id).claims}
    assert len(claims) >= 5
    con = sqlite3.connect(path)  # back to version 1, as an older crosscheck left it
    con.execute("DROP TABLE facts")
    con.execute("DROP TABLE reports")  # migration 3's table
    con.execute("UPDATE schema_version SET version = 1")
    con.commit()
    con.close()
    with Store(path) as store:
        assert store.version == len(MIGRATIONS) == 3
        assert store.report_rows() == []
    facts = rows(path, "SELECT claim_id, status, text FROM facts WHERE story_id = '%s'" % row.id)
    assert set(facts) == claims


def test_story_ids_last_and_never_collide():
    """A story that grows keeps its id; when a stored story splits, the larger part keeps the id and the other
    part's own id is made unique (it would otherwise replace its sibling in the store)."""
    from crosscheck.model import Story
    from crosscheck.pipeline import _keep_ids

    stored = Story(id="story-x", article_ids=["a", "b", "x"])
    grown = Story(id="story-a", article_ids=["a", "b", "x", "y"])
    _keep_ids([grown], [[stored]], set())
    assert grown.id == "story-x"

    part_ab = Story(id="story-a", article_ids=["a", "b"])
    part_x = Story(id="story-x", article_ids=["x"])
    fresh = Story(id="story-k", article_ids=["k2"])
    _keep_ids([part_x, part_ab, fresh], [[stored], [stored], []], {"story-k"})
    assert (part_ab.id, part_x.id, fresh.id) == ("story-x", "story-x-2", "story-k-2")


def test_stories_built_in_steps_equal_one_analysis_of_everything(tmp_path):
    """Ingesting a feed in two steps gives the stories one `analyze` of the whole feed gives."""
    import crosscheck
    from crosscheck.pipeline import ingest_into_store
    from crosscheck.store import Store

    feed = tmp_path / "feed"
    copy_texts(QUAKE, feed, ["wire_quake", "agency_quake"])
    copy_texts(EXTRACTION, feed, ["boj_rate_hike"])
    with Store(tmp_path / "s.db") as store:
        ingest_into_store([feed], store)
        copy_texts(QUAKE, feed, ["radio_quake", "rewrite_quake", "spun_quake"])
        copy_texts(EXTRACTION, feed, ["phoenix_heatwave"])
        ingest_into_store([feed], store)
        stored = {tuple(sorted(s.article_ids)): s for s in (store.story(r.id) for r in store.list_stories())}
    whole = {tuple(sorted(s.article_ids)): s for s in crosscheck.analyze([feed]).stories}
    assert sorted(stored) == sorted(whole)
    assert any(len(k) == 5 for k in whole)
    for key, story in whole.items():
        assert stored[key].model_dump(exclude={"id"}) == story.model_dump(exclude={"id"})


# --------------------------------------------------------------------------
# one store file for the web app and the command line


def test_the_web_app_and_ingest_share_one_store_file(tmp_path):
    pytest.importorskip("fastapi")
    from crosscheck.model import Report
    from crosscheck.store import MIGRATIONS, Store
    from crosscheck.web.store import SQLiteStore

    path = tmp_path / "crosscheck.db"
    web = SQLiteStore(path)
    report = Report(crosscheck_version="0.1.0", generated_at="2026-01-02T03:04:05Z", inputs=["upload"], articles=[], stories=[])
    web.add("run1", "an upload", report)
    with Store(path) as db:  # the command line's store opens the same file: its own runs table is untouched
        run = db.start_run("ingest", ["x"], "0.1.0")
        assert [r["id"] for r in db.runs()] == [run] and db.version == len(MIGRATIONS)
    again = SQLiteStore(path)
    assert [r.id for r in again.runs()] == ["run1"] and again.get("run1") == report


def test_a_run_file_of_the_earlier_web_app_becomes_a_store_with_its_runs(tmp_path):
    import sqlite3

    pytest.importorskip("fastapi")
    from crosscheck.model import Report
    from crosscheck.store import MIGRATIONS, Store
    from crosscheck.web.store import SQLiteStore

    path = tmp_path / "runs.sqlite"
    report = Report(crosscheck_version="0.1.0", generated_at="2026-01-02T03:04:05Z", inputs=["old upload"], articles=[], stories=[])
    old = sqlite3.connect(path)  # the web app's own schema before the store was shared
    old.execute(
        "CREATE TABLE runs (id TEXT PRIMARY KEY, label TEXT NOT NULL, created TEXT NOT NULL, "
        "articles INTEGER NOT NULL, analysed INTEGER NOT NULL, stories INTEGER NOT NULL, report TEXT NOT NULL)"
    )
    old.execute("INSERT INTO runs VALUES (?, ?, ?, ?, ?, ?, ?)", ("r0", "old", "2026-01-02T03:04:05+00:00", 0, 0, 0, report.model_dump_json()))
    old.commit()
    old.close()
    web = SQLiteStore(path)
    assert [(r.id, r.label) for r in web.runs()] == [("r0", "old")] and web.get("r0") == report
    with Store(path) as db:
        assert db.runs() == [] and db.version == len(MIGRATIONS)


def _jsonl(path: Path, folder: Path, day: str) -> Path:
    lines = [json.dumps({"id": f.stem, "text": f.read_text(encoding="utf-8"), "published": day}) for f in sorted(folder.glob("*.txt"))]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_story_update_looks_only_at_the_new_articles_time_window(tmp_path):
    """A feed grows for ever; an update re-clusters the new articles with those of their time window (and the
    stories these belong to), not the whole store."""
    from crosscheck.pipeline import ingest_into_store
    from crosscheck.store import Store

    winter = _jsonl(tmp_path / "winter.jsonl", QUAKE, "2020-01-05")
    summer = _jsonl(tmp_path / "summer.jsonl", ROOT / "examples", "2020-06-20")
    n_quake, n_examples = len(list(QUAKE.glob("*.txt"))), len(list((ROOT / "examples").glob("*.txt")))
    with Store(tmp_path / "s.db") as store:
        first = ingest_into_store([winter], store)
        assert first.reclustered == n_quake
        winter_stories = store.story_sets()
        second = ingest_into_store([summer], store)
        assert len(second.added) == n_examples
        assert second.reclustered == n_examples  # the winter articles, five months before, were not looked at
        after = store.story_sets()
        assert set(winter_stories) <= set(after)  # the winter stories are kept as they were
        assert sum(len(s) for s in after) == n_quake + n_examples and store.pending() == 0


def test_stories_are_clustered_from_light_articles_exactly_as_from_whole_ones(tmp_path):
    """A story update clusters light articles (no claims, facts, quotes, dates: a third of the memory) and loads
    each changed story's articles whole: the stories are the ones the whole articles give, and the stored stories
    carry their claims."""
    from crosscheck import analyze
    from crosscheck.cluster import cluster
    from crosscheck.pipeline import ingest_into_store
    from crosscheck.store import Store

    feed = sorted((FIXTURES / "mixed" / "articles").glob("*"))[:24]
    with Store(tmp_path / "s.db") as store:
        ingest_into_store(feed, store, embedder="none")
        whole, light = store.articles(ok_only=True), store.articles(ok_only=True, light=True)
        assert [a.id for a in whole] == [a.id for a in light]
        assert all(not a.claims and not a.facts and not a.quotes and a.text and a.actors is not None for a in light)
        assert sum(len(a.claims) for a in whole) > 0
        by_whole = [(s.id, s.title, s.article_ids, s.related) for s in cluster(whole)]
        assert by_whole == [(s.id, s.title, s.article_ids, s.related) for s in cluster(light)]
        stored = {s.id: s for s in (store.story(r.id) for r in store.list_stories())}
    direct = {s.id: s for s in analyze(feed, embedder="none").stories}
    assert sorted(stored) == sorted(direct)
    for sid, s in direct.items():
        assert [c.text for c in stored[sid].claims] == [c.text for c in s.claims]
