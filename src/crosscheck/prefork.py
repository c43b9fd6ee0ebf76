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

_started: list[tuple[object, object, bool]] = []  # (connection, process, pipe widened)

# What the pipe to a worker is asked to hold. A job sent ahead waits there while the worker is busy, and a send
# that does not fit would block the coordinating process until the worker reads (see runner._AHEAD_BYTES). The
# platforms' defaults differ (Linux holds about 200 kB, a macOS socket pair 8 kB): asked for, they agree.
PIPE_BUFFER = 256 * 1024


def widen(parent, child) -> bool:  # noqa: ANN001 - the two ends of a multiprocessing Pipe (a socket pair)
    """Ask for :data:`PIPE_BUFFER` bytes each way between ``parent`` and ``child``; True if both ends took it."""
    import socket

    try:
        for conn in (parent, child):
            sock = socket.fromfd(conn.fileno(), socket.AF_UNIX, socket.SOCK_STREAM)  # a duplicate: closed below
            try:
                for option in (socket.SO_SNDBUF, socket.SO_RCVBUF):
                    sock.setsockopt(socket.SOL_SOCKET, option, PIPE_BUFFER)
                    if sock.getsockopt(socket.SOL_SOCKET, option) < PIPE_BUFFER:
                        return False
            finally:
                sock.close()
    except (OSError, AttributeError, ValueError):  # not a socket pair on this platform
        return False
    return True


def _run(conn, parent: int) -> None:  # noqa: ANN001 - in the worker: the runner's worker loop, models loaded first
    from .runner import _worker_main

    _worker_main(conn, None, parent)


def start() -> bool:
    """Fork one worker now, when fork is safe (this platform has it, no other thread runs). True if started."""
    if _started or "fork" not in multiprocessing.get_all_start_methods() or threading.active_count() > 1:
        return bool(_started)
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe()
    widened = widen(parent, child)
    proc = ctx.Process(target=_run, args=(child, os.getpid()), daemon=True)
    proc.start()
    child.close()
    _started.append((parent, proc, widened))
    return True


def take() -> list[tuple[object, object, bool]]:
    """The worker started here, for the runner to adopt (once)."""
    out = list(_started)
    _started.clear()
    return out
