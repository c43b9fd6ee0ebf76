"""The embedded store: articles, stories and runs in one SQLite file (WAL), for incremental runs.

``crosscheck ingest`` adds articles to a store and updates the stories they join; ``crosscheck stories``
lists them; ``crosscheck report STORY_ID`` renders one. ``crosscheck analyze`` needs no store.

- **articles** are deduplicated by the SHA-256 of their raw text (the text as read, before cleaning): an
  article already in the store is never processed again. The whole :class:`~crosscheck.model.Article` is
  kept as JSON (with its raw text in a column of its own, since the model does not serialise it).
  ``clustered`` is 0 until the article's story has been computed, so a run killed before its story stage
  is finished by the next one.
- **stories** keep the whole :class:`~crosscheck.model.Story` as JSON, plus the columns the listing needs;
  ``story_articles`` holds each analysed article in at most one story (its primary key is the article id);
  ``discrepancies`` and ``facts`` index the stories' discrepancies and facts (story claims) for search.
- **runs** records each ingest: when, what was given, what it added.

Only the coordinating process writes, and every article commits in its own transaction as soon as it is
done, so that a run killed mid-way loses nothing it committed. The schema is versioned: ``schema_version``
holds the number of :data:`MIGRATIONS` applied, and opening a store applies the missing ones in order.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from .model import Article, Story

# What a light article (``Store.articles(light=True)``) leaves out: what clustering, story titles and outlets never
# read. The story stages load their story's articles whole.
LIGHT_LEAVES_OUT = ("claims", "facts", "quotes", "dates", "sentences", "removed")

DEFAULT_STORE = "crosscheck.db"


def _run_script(db: sqlite3.Connection, script: str) -> None:
    """Statements separated by ';', inside the caller's transaction (``executescript`` would commit it)."""
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


def _v1(db: sqlite3.Connection) -> None:
    _run_script(
        db,
        """
        CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            hash TEXT NOT NULL UNIQUE,
            source_path TEXT,
            ok INTEGER NOT NULL,
            published TEXT,
            outlet TEXT,
            clustered INTEGER NOT NULL DEFAULT 0,
            added_at TEXT NOT NULL,
            run_id INTEGER,
            raw_text TEXT NOT NULL,
            json TEXT NOT NULL
        );
        CREATE INDEX articles_pending ON articles (ok, clustered);
        CREATE TABLE stories (
            id TEXT PRIMARY KEY,
            title TEXT,
            event_date TEXT,
            first_published TEXT,
            n_articles INTEGER NOT NULL,
            outlets TEXT NOT NULL,
            independent_sources INTEGER NOT NULL,
            discrepancies INTEGER NOT NULL,
            updated_at TEXT NOT NULL,
            json TEXT NOT NULL
        );
        CREATE TABLE story_articles (
            article_id TEXT PRIMARY KEY REFERENCES articles (id),
            story_id TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE
        );
        CREATE INDEX story_articles_story ON story_articles (story_id);
        CREATE TABLE discrepancies (
            story_id TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            summary TEXT NOT NULL
        );
        CREATE INDEX discrepancies_story ON discrepancies (story_id);
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            command TEXT NOT NULL,
            inputs TEXT NOT NULL,
            crosscheck_version TEXT NOT NULL,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            added INTEGER,
            duplicates INTEGER,
            skipped INTEGER,
            stories_changed INTEGER
        );
        """
    )


def _fact_rows(story: Story) -> list[tuple]:
    return [(story.id, c.id, c.kind, c.status.value, c.independent_sources, c.text) for c in story.claims]


def _v2(db: sqlite3.Connection) -> None:
    """The stories' facts as rows, for search across stories; filled from the stories already stored."""
    _run_script(
        db,
        """
        CREATE TABLE facts (
            story_id TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
            claim_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            status TEXT NOT NULL,
            independent_sources INTEGER NOT NULL,
            text TEXT NOT NULL,
            PRIMARY KEY (story_id, claim_id)
        );
        CREATE INDEX facts_status ON facts (status)
        """,
    )
    for (text,) in db.execute("SELECT json FROM stories").fetchall():
        db.executemany("INSERT INTO facts VALUES (?, ?, ?, ?, ?, ?)", _fact_rows(Story.model_validate_json(text)))


def _v3(db: sqlite3.Connection) -> None:
    """Reports the web app keeps (``crosscheck serve --store``): one report per run of uploaded articles, as JSON,
    so that the web app and ``crosscheck ingest`` share one store file (the web app had a file of its own)."""
    _run_script(
        db,
        """
        CREATE TABLE reports (
            id TEXT PRIMARY KEY,
            label TEXT NOT NULL,
            created TEXT NOT NULL,
            articles INTEGER NOT NULL,
            analysed INTEGER NOT NULL,
            stories INTEGER NOT NULL,
            json TEXT NOT NULL
        );
        CREATE INDEX reports_created ON reports (created)
        """,
    )
    if db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'legacy_web_runs'").fetchone():
        db.execute("INSERT OR IGNORE INTO reports SELECT id, label, created, articles, analysed, stories, report FROM legacy_web_runs")
        db.execute("DROP TABLE legacy_web_runs")


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_v1, _v2, _v3]
"""Schema migrations in order: ``MIGRATIONS[k]`` brings a store from version k to k + 1. Append, never edit."""


def content_hash(article: Article) -> str:
    """The key of an article in the store: SHA-256 of its raw text; for an article skipped before it had any
    text (an unreadable file), of its source and reason, so that the same failure is recorded once."""
    if article.raw_text:
        data = "text\0" + article.raw_text
    else:
        data = f"empty\0{article.source_path or article.id}\0{article.reason or ''}"
    return hashlib.sha256(data.encode("utf-8", "surrogatepass")).hexdigest()


def _merge_spans(days: list[str], window_days: int) -> list[tuple[str, str]]:
    """ISO days, each widened by ``window_days`` both ways, as few (first, last) spans as cover them."""
    from datetime import date, timedelta

    spans: list[tuple[date, date]] = []
    for text in days:
        try:
            d = date.fromisoformat(text[:10])
        except ValueError:
            continue
        lo, hi = d - timedelta(days=window_days), d + timedelta(days=window_days)
        if spans and lo <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], hi))
        else:
            spans.append((lo, hi))
    return [(lo.isoformat(), hi.isoformat()) for lo, hi in spans]


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def story_outlets(story: Story, by_id: dict[str, Article]) -> list[str]:
    """The named outlets of a story's articles (else their wire credit), sorted and distinct; articles naming
    neither add nothing."""
    names = {n for i in story.article_ids if i in by_id and (n := by_id[i].outlet or by_id[i].credit)}
    return sorted(names, key=lambda n: (n.lower(), n))


@dataclass
class StoryRow:
    """One line of ``crosscheck stories``."""

    id: str
    title: str | None
    date: str | None
    articles: int
    outlets: list[str]
    independent_sources: int
    discrepancies: int


class Store:
    """An open store. ``Store(path)`` creates the file and its tables when missing and migrates an older one."""

    def __init__(self, path: str | Path = DEFAULT_STORE, *, check_same_thread: bool = True) -> None:
        """``check_same_thread=False`` lets other threads use the connection (the web app, which serialises the
        calls itself)."""
        self.path = Path(path)
        if self.path.is_dir():
            raise ValueError(f"cannot use {self.path} as a store: it is a folder")
        try:
            self.db = sqlite3.connect(self.path, isolation_level=None, timeout=30, check_same_thread=check_same_thread)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")  # in WAL: a commit survives a killed process
            self.db.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except sqlite3.DatabaseError as e:
            raise ValueError(f"cannot open the store {self.path}: {e}") from None

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # ------------------------------------------------------------------ schema

    @property
    def version(self) -> int:
        row = self.db.execute("SELECT version FROM schema_version").fetchone()
        return row[0] if row else 0

    def _migrate(self) -> None:
        with self.transaction() as db:
            tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if "runs" in tables and "schema_version" not in tables:
                # a run file of the web app before it shared this store: its runs become reports (migration 3)
                columns = {row[1] for row in db.execute("PRAGMA table_info(runs)")}
                if "report" not in columns:
                    raise ValueError(f"{self.path} is not a crosscheck store (it has a table 'runs' of another shape)")
                db.execute("ALTER TABLE runs RENAME TO legacy_web_runs")
            db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            if db.execute("SELECT COUNT(*) FROM schema_version").fetchone()[0] == 0:
                db.execute("INSERT INTO schema_version VALUES (0)")
            current = self.version
            if current > len(MIGRATIONS):
                raise ValueError(
                    f"the store {self.path} has schema version {current}, newer than this crosscheck knows "
                    f"({len(MIGRATIONS)}); upgrade crosscheck"
                )
            for k in range(current, len(MIGRATIONS)):
                MIGRATIONS[k](db)
                db.execute("UPDATE schema_version SET version = ?", (k + 1,))

    # ------------------------------------------------------------------ runs

    def start_run(self, command: str, inputs: list[str], version: str) -> int:
        with self.transaction() as db:
            cur = db.execute(
                "INSERT INTO runs (command, inputs, crosscheck_version, started_at) VALUES (?, ?, ?, ?)",
                (command, json.dumps(inputs), version, _now()),
            )
            return int(cur.lastrowid or 0)

    def finish_run(self, run_id: int, *, added: int, duplicates: int, skipped: int, stories_changed: int) -> None:
        with self.transaction() as db:
            db.execute(
                "UPDATE runs SET finished_at = ?, added = ?, duplicates = ?, skipped = ?, stories_changed = ? WHERE id = ?",
                (_now(), added, duplicates, skipped, stories_changed, run_id),
            )

    def runs(self) -> list[dict]:
        cur = self.db.execute("SELECT * FROM runs ORDER BY id")
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row)) for row in cur.fetchall()]

    # ------------------------------------------------------------------ reports (the web app's runs)

    def put_report(self, report_id: str, label: str, created: str, report_json: str, counts: tuple[int, int, int]) -> None:
        """Keep a report (replacing one of the same id); ``counts``: its articles, analysed articles, stories."""
        with self.transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO reports VALUES (?, ?, ?, ?, ?, ?, ?)", (report_id, label, created, *counts, report_json)
            )

    def report_json(self, report_id: str) -> str | None:
        row = self.db.execute("SELECT json FROM reports WHERE id = ?", (report_id,)).fetchone()
        return row[0] if row else None

    def report_rows(self, report_id: str | None = None) -> list[tuple[str, str, str, int, int, int]]:
        """(id, label, created, articles, analysed, stories) of one report, or of all, newest first."""
        cols = "SELECT id, label, created, articles, analysed, stories FROM reports"
        if report_id is not None:
            return self.db.execute(cols + " WHERE id = ?", (report_id,)).fetchall()
        return self.db.execute(cols + " ORDER BY created DESC, rowid DESC").fetchall()

    # ------------------------------------------------------------------ articles

    def known_hashes(self, hashes: Iterable[str]) -> dict[str, str]:
        """Of ``hashes``, those already in the store, with the id of their article."""
        out: dict[str, str] = {}
        hs = list(hashes)
        for k in range(0, len(hs), 500):
            chunk = hs[k : k + 500]
            marks = ",".join("?" * len(chunk))
            out.update(self.db.execute(f"SELECT hash, id FROM articles WHERE hash IN ({marks})", chunk).fetchall())
        return out

    def has_id(self, article_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None

    def add_article(self, article: Article, digest: str, run_id: int | None = None) -> bool:
        """Commit one finished article (analysed or skipped) in its own transaction. False when its text is
        already stored (another run on the same store added it meanwhile): nothing is written then."""
        with self.transaction() as db:
            cur = db.execute(
                "INSERT INTO articles (id, hash, source_path, ok, published, outlet, added_at, run_id, raw_text, json)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (hash) DO NOTHING",
                (
                    article.id,
                    digest,
                    article.source_path,
                    int(article.ok),
                    article.published.isoformat() if article.published else None,
                    article.outlet,
                    _now(),
                    run_id,
                    article.raw_text,
                    article.model_dump_json(),
                ),
            )
            return cur.rowcount == 1

    @staticmethod
    def _article(raw_text: str, text: str, light: bool = False) -> Article:
        if light:
            data = json.loads(text)
            for name in LIGHT_LEAVES_OUT:
                data.pop(name, None)
            return Article.model_validate(data)
        art = Article.model_validate_json(text)
        art.raw_text = raw_text
        return art

    def articles(self, ids: Iterable[str] | None = None, *, ok_only: bool = False, light: bool = False) -> list[Article]:
        """Articles by id (in the order given; unknown ids left out), or all of them sorted by id.

        ``light``: without what only the story stages read (claims, facts, quotes, dates, sentences, removed lines,
        the raw text; :data:`LIGHT_LEAVES_OUT`): enough to cluster, a third of the memory.
        """
        raw = "''" if light else "raw_text"
        if ids is None:
            sql = f"SELECT {raw}, json FROM articles" + (" WHERE ok = 1" if ok_only else "") + " ORDER BY id"
            return [self._article(r, j, light) for r, j in self.db.execute(sql)]
        found: dict[str, Article] = {}
        wanted = list(ids)
        for k in range(0, len(wanted), 500):
            chunk = wanted[k : k + 500]
            marks = ",".join("?" * len(chunk))
            cond = " AND ok = 1" if ok_only else ""
            for i, r, j in self.db.execute(f"SELECT id, {raw}, json FROM articles WHERE id IN ({marks}){cond}", chunk):
                found[i] = self._article(r, j, light)
        return [found[i] for i in wanted if i in found]

    def article_ids(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT id FROM articles ORDER BY id")]

    def count_articles(self) -> int:
        return int(self.db.execute("SELECT COUNT(*) FROM articles").fetchone()[0])

    def pending(self) -> int:
        """Analysed articles whose story has not been computed yet."""
        return int(self.db.execute("SELECT COUNT(*) FROM articles WHERE ok = 1 AND clustered = 0").fetchone()[0])

    def to_recluster(self, window_days: int) -> list[str]:
        """The analysed articles a story update has to look at: those not yet in a story, the stored ones whose
        day lies within ``window_days`` of any of theirs (an article's day: its publication date, else the day it
        was added), and every member of a story holding one of these (a story is re-clustered whole). Stories
        outside the window are left as stored, so an update costs the window, not the whole store."""
        day = "COALESCE(published, substr(added_at, 1, 10))"
        new_days = sorted({r[0] for r in self.db.execute(f"SELECT DISTINCT {day} FROM articles WHERE ok = 1 AND clustered = 0")})
        if not new_days:
            return []
        ids: set[str] = {r[0] for r in self.db.execute("SELECT id FROM articles WHERE ok = 1 AND clustered = 0")}
        spans = _merge_spans(new_days, window_days)
        for lo, hi in spans:
            ids.update(r[0] for r in self.db.execute(f"SELECT id FROM articles WHERE ok = 1 AND {day} BETWEEN ? AND ?", (lo, hi)))
        members = [r[0] for r in self.db.execute(
            "SELECT article_id FROM story_articles WHERE story_id IN (SELECT DISTINCT story_id FROM story_articles WHERE article_id IN"
            " (SELECT value FROM json_each(?)))", (json.dumps(sorted(ids)),)
        )]
        return sorted(ids | set(members))

    def mark_clustered(self) -> None:
        with self.transaction() as db:
            db.execute("UPDATE articles SET clustered = 1 WHERE ok = 1 AND clustered = 0")

    # ------------------------------------------------------------------ stories

    def story_sets(self) -> dict[frozenset[str], str]:
        """Each stored story's set of article ids, with the story's id."""
        members: dict[str, set[str]] = {}
        for a, s in self.db.execute("SELECT article_id, story_id FROM story_articles"):
            members.setdefault(s, set()).add(a)
        for (s,) in self.db.execute("SELECT id FROM stories"):
            members.setdefault(s, set())
        return {frozenset(v): k for k, v in members.items()}

    def story(self, story_id: str) -> Story | None:
        row = self.db.execute("SELECT json FROM stories WHERE id = ?", (story_id,)).fetchone()
        return Story.model_validate_json(row[0]) if row else None

    def stories_with(self, article_ids: Iterable[str]) -> list[Story]:
        """The stored stories holding any of ``article_ids``."""
        ids = sorted(set(article_ids))
        sids: set[str] = set()
        for k in range(0, len(ids), 500):
            chunk = ids[k : k + 500]
            marks = ",".join("?" * len(chunk))
            sids.update(r[0] for r in self.db.execute(f"SELECT story_id FROM story_articles WHERE article_id IN ({marks})", chunk))
        return [s for s in (self.story(i) for i in sorted(sids)) if s is not None]

    def put_story(self, story: Story, members: list[Article]) -> None:
        """Write a story and its member articles (clustering may flag liveblog entries) in one transaction,
        replacing every stored story that shares an article with it (it supersedes them)."""
        by_id = {a.id: a for a in members}
        dates = sorted(a.published.isoformat() for a in members if a.published)
        with self.transaction() as db:
            marks = ",".join("?" * len(story.article_ids))
            old = [r[0] for r in db.execute(f"SELECT DISTINCT story_id FROM story_articles WHERE article_id IN ({marks})", story.article_ids)]
            for sid in set(old) | {story.id}:
                db.execute("DELETE FROM story_articles WHERE story_id = ?", (sid,))
                db.execute("DELETE FROM discrepancies WHERE story_id = ?", (sid,))
                db.execute("DELETE FROM facts WHERE story_id = ?", (sid,))
                db.execute("DELETE FROM stories WHERE id = ?", (sid,))
            db.execute(
                "INSERT INTO stories (id, title, event_date, first_published, n_articles, outlets, independent_sources,"
                " discrepancies, updated_at, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    story.id,
                    story.title,
                    story.event_date.isoformat() if story.event_date else None,
                    dates[0] if dates else None,
                    len(story.article_ids),
                    json.dumps(story_outlets(story, by_id)),
                    len(story.independent_groups),
                    len(story.discrepancies),
                    _now(),
                    story.model_dump_json(),
                ),
            )
            db.executemany("INSERT INTO story_articles VALUES (?, ?)", [(a, story.id) for a in story.article_ids])
            db.executemany(
                "INSERT INTO discrepancies VALUES (?, ?, ?)", [(story.id, d.kind.value, d.summary) for d in story.discrepancies]
            )
            db.executemany("INSERT INTO facts VALUES (?, ?, ?, ?, ?, ?)", _fact_rows(story))
            db.executemany("UPDATE articles SET json = ? WHERE id = ?", [(a.model_dump_json(), a.id) for a in members])

    def list_stories(self) -> list[StoryRow]:
        """Every story, most articles first, then by date and id."""
        rows = self.db.execute(
            "SELECT id, title, COALESCE(event_date, first_published), n_articles, outlets, independent_sources,"
            " discrepancies FROM stories ORDER BY n_articles DESC, COALESCE(event_date, first_published) DESC, id"
        )
        return [StoryRow(r[0], r[1], r[2], r[3], json.loads(r[4]), r[5], r[6]) for r in rows]


# ---------------------------------------------------------------------- what an update changed


@dataclass
class StoreUpdate:
    """What one ingest did to a store."""

    added: list[str] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (source, id of the article already stored)
    skipped: list[str] = field(default_factory=list)
    stories_changed: list[str] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)
    reclustered: int = 0  # analysed articles the story update looked at (the new ones and their time window)


def story_changes(old: list[Story], new: Story, by_id: dict[str, Article]) -> list[str]:
    """What ``new`` brings compared with the stored stories it supersedes: a new story, new outlets, new
    discrepancies. One line each, for a reader following a feed."""
    label = f"{new.id} ({new.title or 'untitled'})"
    if not old or not any(set(s.article_ids) & set(new.article_ids) for s in old):
        outlets = story_outlets(new, by_id)
        named = f" ({', '.join(outlets)})" if outlets else ""
        return [f"new story {label}: {len(new.article_ids)} article(s){named}"]
    out: list[str] = []
    before = {o for s in old for o in story_outlets(s, by_id)}
    for outlet in story_outlets(new, by_id):
        if outlet not in before:
            out.append(f"story {label}: new outlet {outlet}")
    seen = {(d.kind, d.summary) for s in old for d in s.discrepancies}
    for d in new.discrepancies:
        if (d.kind, d.summary) not in seen:
            out.append(f"story {label}: new {d.kind.value} discrepancy: {d.summary}")
    if not out:
        added = len(set(new.article_ids) - {i for s in old for i in s.article_ids})
        if added:
            out.append(f"story {label}: {added} more article(s)")
    return out
