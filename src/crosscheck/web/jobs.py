"""Analysis jobs of the web app: one worker thread runs :func:`crosscheck.analyze` on each batch in turn and
records its progress, which the job page polls. A finished job's report goes to the run store."""

from __future__ import annotations

import logging
import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable
import queue
from dataclasses import dataclass, field
from datetime import datetime, timezone

from ..model import Article, Report
from .store import RunStore

log = logging.getLogger("crosscheck.web")

Analyzer = Callable[..., Report]  # crosscheck.analyze, or a stand-in in tests


def new_id() -> str:
    """A short random id (job and run ids are not guessable from each other)."""
    return secrets.token_hex(6)


@dataclass
class Job:
    id: str
    label: str
    inputs: int
    warnings: list[str] = field(default_factory=list)
    state: str = "queued"  # queued, running, done, failed
    stage: str = "queued"  # queued, articles, stories, done, failed
    done: int = 0
    total: int = 0
    run_id: str | None = None
    error: str | None = None
    created: datetime = field(default_factory=lambda: datetime.now(timezone.utc))


class JobQueue:
    """At most ``max_waiting`` jobs wait; one runs at a time (the machine's cores go to the analysis)."""

    def __init__(self, store: RunStore, analyzer: Analyzer | None = None, max_waiting: int = 4, keep: int = 200) -> None:
        if analyzer is None:
            # imported here, in the server's thread, before any job runs: a module imported by two threads at
            # once can be seen half-initialised by one of them
            from ..pipeline import analyze as analyzer
            from ..report import html, render  # noqa: F401
            from ..provenance import describe  # noqa: F401
        self.store = store
        self.analyzer = analyzer
        self.max_waiting = max_waiting
        self.keep = keep
        self.jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()
        self._queue: queue.SimpleQueue[tuple[Job, list[Article]]] = queue.SimpleQueue()
        self._worker: threading.Thread | None = None

    def waiting(self) -> int:
        return sum(1 for j in self.jobs.values() if j.state in ("queued", "running"))

    def submit(self, label: str, articles: list[Article], warnings: list[str]) -> Job | None:
        """Queue a batch; None when too many are waiting already."""
        with self._lock:
            if self.waiting() >= self.max_waiting:
                return None
            job = Job(new_id(), label, len(articles), list(warnings), total=len(articles))
            self.jobs[job.id] = job
            while len(self.jobs) > self.keep:
                oldest = next(iter(self.jobs.values()))
                if oldest.state in ("queued", "running"):
                    break
                self.jobs.popitem(last=False)
        self._queue.put((job, articles))
        with self._lock:
            if self._worker is None:
                # a daemon: stopping the server (Ctrl+C) does not wait for an analysis to finish
                self._worker = threading.Thread(target=self._work, name="crosscheck-jobs", daemon=True)
                self._worker.start()
        return job

    def get(self, job_id: str) -> Job | None:
        return self.jobs.get(job_id)

    def _work(self) -> None:
        while True:
            self._run(*self._queue.get())

    def _run(self, job: Job, articles: list[Article]) -> None:
        job.state, job.stage = "running", "articles"

        def progress(stage: str, done: int, total: int, _item: object) -> None:
            job.stage, job.done, job.total = stage, done, total

        try:
            report = self.analyzer(articles, progress=progress)
            run_id = new_id()
            self.store.add(run_id, job.label, report)
            job.run_id = run_id
            job.state = job.stage = "done"
        except Exception as err:  # reported on the job page; the server goes on
            log.exception("job %s failed", job.id)
            job.error = f"analysis failed: {err.__class__.__name__}"
            job.state = job.stage = "failed"


__all__ = ["Job", "JobQueue", "new_id"]
