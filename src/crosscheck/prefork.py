"""Start the first worker before anything else is imported: the command line's cold start.

``crosscheck analyze`` spends most of a short run loading spaCy. The first worker that will parse the
articles is forked here, first thing, by the ``crosscheck`` entry point (:func:`crosscheck.entry.main`): it
imports the per-article stages and loads the tagger while this process imports the command line, reads the
inputs and loads the embedder. Nothing from crosscheck is imported here, so the fork happens within
milliseconds of the interpreter's start. :func:`crosscheck.runner.run_articles` adopts the worker
(:func:`take`); one never adopted is stopped when the process exits.

For a run on several workers the first one is given a spare pipe for each of the others: once it has loaded
the tagger, the runner asks it to fork them (its *siblings*), which then start with the tagger loaded instead
of each loading it again (a second each, on cores the first worker needs).
"""

from __future__ import annotations

import multiprocessing
import os
import threading

# (connection, process, pipe widened, [(spare connection, widened)])
_started: list[tuple[object, object, bool, list[tuple[object, bool]]]] = []

# What the pipe to a worker is asked to hold. A job sent ahead waits there while the worker is busy, and a send
# that does not fit would block the coordinating process until the worker reads (see runner._AHEAD_BYTES). The
# platforms' defaults differ (Linux holds about 200 kB, a macOS socket pair 8 kB): asked for, they agree.
PIPE_BUFFER = 256 * 1024


# Workers of the process backend when no number is given: one per core this process may run on, at most this many
# (each worker's memory grows with what it parses; ``--jobs N`` asks for more).
MAX_DEFAULT_WORKERS = 8


def default_workers() -> int:
    """One worker per core this process may run on (its CPU affinity, where the platform tells it), at most
    :data:`MAX_DEFAULT_WORKERS`."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on this platform
        cores = os.cpu_count() or 1
    return max(1, min(MAX_DEFAULT_WORKERS, cores))


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


def _run(conn, stage, parent: int, spares: list, inherited: list) -> None:  # noqa: ANN001 - in the worker
    from .runner import _worker_main

    _worker_main(conn, stage, parent, spares, inherited)


def fork(target, stage, spares: int = 0) -> tuple[object, object, bool, list[tuple[object, bool]]]:  # noqa: ANN001
    """Fork a worker process running ``target(pipe, stage, this pid, spare pipes, this process's ends)`` (the
    runner's worker loop), with ``spares`` spare pipes for its siblings. Returns this process's end of its pipe,
    the process, whether the pipe was widened, and this process's end of each spare pipe with the same flag."""
    ctx = multiprocessing.get_context("fork")  # the stage need not be picklable; the parent's imports are shared
    parent, child = ctx.Pipe()
    widened = widen(parent, child)
    pipes = [ctx.Pipe() for _ in range(max(0, spares))]
    spares_widened = [(p, widen(p, c)) for p, c in pipes]
    ends = [parent] + [p for p, _c in pipes]  # this process's ends: the worker closes its copies
    proc = ctx.Process(target=target, args=(child, stage, os.getpid(), [c for _p, c in pipes], ends), daemon=True)
    proc.start()
    for end in [child] + [c for _p, c in pipes]:
        end.close()
    return parent, proc, widened, spares_widened


def start(workers: int = 1) -> bool:
    """Fork the first of ``workers`` workers now, when fork is safe (this platform has it, no other thread runs),
    with a spare pipe for each of the others (see above). True if started."""
    if _started or "fork" not in multiprocessing.get_all_start_methods() or threading.active_count() > 1:
        return bool(_started)
    _started.append(fork(_run, None, workers - 1))
    return True


def take() -> list[tuple[object, object, bool, list[tuple[object, bool]]]]:
    """The worker started here, for the runner to adopt (once)."""
    out = list(_started)
    _started.clear()
    return out
