"""The ``crosscheck`` command's entry point.

For ``crosscheck analyze`` on local workers (the process backend, the default, or serial), the first worker that
will parse the articles is forked first (:mod:`crosscheck.prefork`), before the command line is imported: spaCy
loads in the worker while this process imports typer and the pipeline, parses the options and reads the inputs.
The other workers are forked from it once spaCy is loaded. Every other command, and ``--help``, goes straight to
:func:`crosscheck.cli.main`.
"""

from __future__ import annotations

import sys


def _value(argv: list[str], k: int, names: tuple[str, ...]) -> str | None:
    """The value of option ``argv[k]`` if it is one of ``names`` (``--opt V``, ``--opt=V``, ``-jV``)."""
    arg = argv[k]
    for name in names:
        if arg == name:
            return argv[k + 1] if k + 1 < len(argv) else ""
        if arg.startswith(name + "=") and name.startswith("--"):
            return arg[len(name) + 1 :]
        if arg.startswith(name) and not name.startswith("--"):
            return arg[len(name) :]
    return None


def prefork_workers(argv: list[str]) -> int:
    """For ``crosscheck analyze ...`` on local workers, how many workers it will run (0: fork none now): one for
    the serial backend, ``--jobs`` (by default one per core, at most 8) for the process backend."""
    if not argv or argv[0] != "analyze":
        return 0
    backend, jobs = "process", None
    for k, arg in enumerate(argv):
        if arg in ("-h", "--help") or arg.startswith("--scheduler"):
            return 0
        if (value := _value(argv, k, ("--backend",))) is not None:
            backend = value.strip().lower()
        elif (value := _value(argv, k, ("--jobs", "--workers", "-j"))) is not None:
            jobs = int(value) if value.strip().isdigit() and int(value) > 0 else None  # the CLI reports a bad one
    if backend == "serial":
        return 1
    if backend == "process":
        from .prefork import default_workers

        return jobs or default_workers()
    return 0


def main() -> None:
    workers = prefork_workers(sys.argv[1:])
    analysis = workers > 0
    if analysis:
        from . import prefork

        prefork.start(workers)  # before the command line is imported
    from .cli import main as cli_main

    if not analysis:
        cli_main()
        return
    try:
        cli_main()
    except SystemExit as done:
        code = done.code
    else:
        code = 0
    _exit(code)


def _exit(code: object) -> None:
    """End an analysis as soon as its output is out: the exit handlers run (workers stopped, logs flushed) and the
    streams are flushed, but the interpreter's teardown -- freeing every object of the models and the analysis one
    by one, a tenth of a second -- is skipped, as the operating system reclaims it all at once."""
    import atexit
    import os

    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:
        print(code, file=sys.stderr)
        status = 1
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: nothing more can be written
            pass
    os._exit(status)


if __name__ == "__main__":  # pragma: no cover
    main()
