"""Where the web app keeps analysed runs: behind :class:`RunStore`, in memory (default) or in crosscheck's store.

The web app only calls the four methods of :class:`RunStore`. :class:`SQLiteStore` keeps runs in the table
``reports`` of :class:`crosscheck.store.Store` (one SQLite file, WAL, versioned migrations), so ``crosscheck
serve --store F`` and ``crosscheck ingest --store F`` can share one file. A run is a
:class:`~crosscheck.model.Report` with an id, a label and the time it was stored.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from datetime import datetime, timezone
from pathlib import Path
from typing import Protocol

from pydantic import BaseModel, ConfigDict

from ..model import Report


class RunInfo(BaseModel):
    """What the list of runs shows of a run."""

    model_config = ConfigDict(frozen=True)

    id: str
    label: str
    created: datetime
    articles: int
    analysed: int
    stories: int


def _info(run_id: str, label: str, created: datetime, report: Report) -> RunInfo:
    return RunInfo(id=run_id, label=label, created=created, articles=len(report.articles), analysed=len(report.analysed), stories=len(report.stories))


class RunStore(Protocol):
    def add(self, run_id: str, label: str, report: Report) -> RunInfo: ...

    def get(self, run_id: str) -> Report | None: ...

    def info(self, run_id: str) -> RunInfo | None: ...

    def runs(self) -> list[RunInfo]:
        """Every run, newest first."""
        ...


class MemoryStore:
    """Runs in memory; past ``max_runs`` the oldest is dropped (a long-running server stays bounded)."""

    def __init__(self, max_runs: int = 50) -> None:
        self.max_runs = max_runs
        self._runs: OrderedDict[str, tuple[RunInfo, Report]] = OrderedDict()
        self._lock = threading.Lock()

    def add(self, run_id: str, label: str, report: Report) -> RunInfo:
        info = _info(run_id, label, datetime.now(timezone.utc), report)
        with self._lock:
            self._runs[run_id] = (info, report)
            while len(self._runs) > self.max_runs:
                self._runs.popitem(last=False)
        return info

    def get(self, run_id: str) -> Report | None:
        item = self._runs.get(run_id)
        return item[1] if item else None

    def info(self, run_id: str) -> RunInfo | None:
        item = self._runs.get(run_id)
        return item[0] if item else None

    def runs(self) -> list[RunInfo]:
        with self._lock:
            return [info for info, _ in reversed(self._runs.values())]


class SQLiteStore:
    """Runs in a crosscheck store file (``crosscheck serve --store PATH``, :class:`crosscheck.store.Store`, table
    ``reports``): the report as its JSON, kept across restarts, in the same file ``crosscheck ingest`` can use.
    The last few reports read are kept parsed in memory."""

    def __init__(self, path: str | Path, cache: int = 8) -> None:
        from ..store import Store

        self.path = Path(path)
        self._lock = threading.Lock()
        self._store = Store(self.path, check_same_thread=False)
        self._cache: OrderedDict[str, Report] = OrderedDict()
        self._cache_size = cache

    def add(self, run_id: str, label: str, report: Report) -> RunInfo:
        info = _info(run_id, label, datetime.now(timezone.utc), report)
        with self._lock:
            self._store.put_report(
                run_id, label, info.created.isoformat(), report.model_dump_json(), (info.articles, info.analysed, info.stories)
            )
            self._cache.pop(run_id, None)
        return info

    def get(self, run_id: str) -> Report | None:
        with self._lock:
            if run_id in self._cache:
                self._cache.move_to_end(run_id)
                return self._cache[run_id]
            text = self._store.report_json(run_id)
            if text is None:
                return None
            report = Report.model_validate_json(text)
            self._cache[run_id] = report
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
            return report

    @staticmethod
    def _row(row: tuple) -> RunInfo:
        return RunInfo(id=row[0], label=row[1], created=datetime.fromisoformat(row[2]), articles=row[3], analysed=row[4], stories=row[5])

    def info(self, run_id: str) -> RunInfo | None:
        with self._lock:
            rows = self._store.report_rows(run_id)
        return self._row(rows[0]) if rows else None

    def runs(self) -> list[RunInfo]:
        with self._lock:
            rows = self._store.report_rows()
        return [self._row(r) for r in rows]


def open_store(path: str | Path | None) -> RunStore:
    """The SQLite store at ``path``, or a memory store when None."""
    return SQLiteStore(path) if path else MemoryStore()


__all__ = ["RunStore", "RunInfo", "MemoryStore", "SQLiteStore", "open_store"]
