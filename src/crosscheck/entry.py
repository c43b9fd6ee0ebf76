"""The ``crosscheck`` command's entry point.

For ``crosscheck analyze`` with the serial backend (the default), the worker that will parse the articles is
forked first (:mod:`crosscheck.prefork`), before the command line is imported: spaCy loads in the worker while
this process imports typer and the pipeline, parses the options and reads the inputs. Every other command, and
``--help``, goes straight to :func:`crosscheck.cli.main`.
"""

from __future__ import annotations

import sys


def wants_prefork(argv: list[str]) -> bool:
    """``crosscheck analyze ...`` that will run the serial backend on this machine."""
    if not argv or argv[0] != "analyze":
        return False
    for k, arg in enumerate(argv):
        if arg in ("-h", "--help") or arg.startswith("--scheduler"):
            return False
        if arg.startswith("--backend"):
            value = arg.partition("=")[2] if "=" in arg else (argv[k + 1] if k + 1 < len(argv) else "")
            if value.strip().lower() != "serial":
                return False
    return True


def main() -> None:
    analysis = wants_prefork(sys.argv[1:])
    if analysis:
        from . import prefork

        prefork.start()  # before the command line is imported
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
