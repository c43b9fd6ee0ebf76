"""Start the first worker before anything else is imported: the command line's cold start.

``crosscheck analyze`` spends most of a short run loading spaCy. The serial worker that will parse the
articles is forked here, first thing, by the ``crosscheck`` entry point (:func:`crosscheck.entry.main`): it
imports the per-article stages and loads the tagger while this process imports the command line, reads the
inputs and loads the embedder. Nothing from crosscheck is imported here, so the fork happens within
milliseconds of the interpreter's start. :func:`crosscheck.runner.run_articles` adopts the worker
(:func:`take`); one never adopted is stopped when the process exits.
"""

from __future__ import annotations

import multiprocessing
import os
import threading

_started: list[tuple[object, object]] = []  # (connection, process)


def _run(conn, parent: int) -> None:  # noqa: ANN001 - in the worker: the runner's worker loop, models loaded first
    from .runner import _worker_main

    _worker_main(conn, None, parent)


def start() -> bool:
    """Fork one worker now, when fork is safe (this platform has it, no other thread runs). True if started."""
    if _started or "fork" not in multiprocessing.get_all_start_methods() or threading.active_count() > 1:
        return bool(_started)
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe()
    proc = ctx.Process(target=_run, args=(child, os.getpid()), daemon=True)
    proc.start()
    child.close()
    _started.append((parent, proc))
    return True


def take() -> list[tuple[object, object]]:
    """The worker started here, for the runner to adopt (once)."""
    out = list(_started)
    _started.clear()
    return out
