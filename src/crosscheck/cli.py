"""Command line: ``crosscheck analyze PATH...``. A thin shell over :func:`crosscheck.analyze`.

Conventions (tests/test_cli.py checks each):

- the report format is ``--format`` (any case: json, md, html), else the suffix of ``--output`` (.json, .md,
  .markdown, .html, .htm), else JSON;
- the output path is checked before any work is done;
- a progress display (articles done, articles/s, time left) goes to stderr when stderr is a terminal, never
  with ``--quiet``; ``--verbose`` logs each article as it is done;
- nothing read from a file, a path or an argument is ever interpreted as console markup;
- every message says one thing once; exit 0 when something was analysed, 1 when nothing could be, 2 for a
  usage error.
"""

from __future__ import annotations

import os
import sys
import warnings
from pathlib import Path
from typing import Annotated

import typer
import typer.core
from rich.console import Console
from rich.markup import escape

from . import __version__

FORMATS = ("json", "md", "html")
SUFFIX_FORMATS = {".json": "json", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}
BACKENDS = ("serial", "process", "dask")

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Cross-check many news reports of one event: provenance, claims, discrepancies.",
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, highlight=False, soft_wrap=True)

# typer prints "<bool>" in --help after flags, which take no value: show no type for flags.
_display_type = typer.core.TyperOption.display_type_rich


def _flag_type(self: typer.core.TyperOption, ctx: object) -> str | None:
    return None if self.is_flag else _display_type(self, ctx)  # type: ignore[arg-type]


typer.core.TyperOption.display_type_rich = _flag_type  # type: ignore[method-assign]


def _say(level: str, text: str) -> None:
    """One message on stderr; ``text`` comes from data (paths, reasons) and is never read as markup."""
    colours = {"error": "red", "warning": "yellow", "skipped": "yellow"}
    colour = colours.get(level)
    head = f"[{colour}]{level}:[/{colour}] " if colour else ""
    err.print(head + escape(text))


def _fail(text: str, code: int = 2) -> typer.Exit:
    _say("error", text)
    return typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"crosscheck {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")] = False,
) -> None:
    """crosscheck: line up the sources of a story."""


def choose_format(fmt: str | None, output: Path | None) -> str:
    """The report format: ``--format`` in any case, else the output's suffix, else json. ValueError if unknown."""
    if fmt is not None:
        f = fmt.strip().lower()
        f = {"markdown": "md", "htm": "html"}.get(f, f)
        if f not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
        return f
    if output is not None:
        return SUFFIX_FORMATS.get(output.suffix.lower(), "json")
    return "json"


def check_output(output: Path) -> str | None:
    """Why ``output`` cannot be written, or None. Checked before any work, so a run is never wasted."""
    try:
        if output.is_dir():
            return f"cannot write the report to {output}: it is a folder"
        parent = output.parent if str(output.parent) else Path(".")
        if not parent.is_dir():
            return f"cannot write the report to {output}: folder {parent} does not exist"
        if output.exists() and not os.access(output, os.W_OK):
            return f"cannot write the report to {output}: permission denied"
        if not output.exists() and not os.access(parent, os.W_OK):
            return f"cannot write the report to {output}: folder {parent} is not writable"
    except OSError as e:  # a name too long, a path through a file...
        return f"cannot write the report to {output}: {e.strerror or e}"
    return None


class _Progress:
    """Progress on stderr: a rich bar on a terminal, one line per article with --verbose, nothing otherwise."""

    def __init__(self, show_bar: bool, verbose: bool) -> None:
        self.verbose = verbose
        self.bar = None
        self.task = None
        if show_bar:
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeRemainingColumn,
            )

            self.bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[rate]}"),
                TimeRemainingColumn(),
                console=err,
                transient=True,
            )

    def __enter__(self) -> _Progress:
        if self.bar is not None:
            self.bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()

    def __call__(self, stage: str, done: int, total: int, item: object) -> None:
        if self.verbose and item is not None:
            if stage == "articles":
                status = "analysed" if getattr(item, "ok", False) else f"skipped ({getattr(item, 'reason', '')})"
                where = getattr(item, "source_path", None) or getattr(item, "id", "")
                err.print(escape(f"[{done}/{total}] {where}: {status}"), highlight=False)
            else:
                err.print(escape(f"story {done}/{total}: {getattr(item, 'id', '')}"), highlight=False)
        if self.bar is None:
            return
        label = "articles" if stage == "articles" else "stories"
        if done == 0:
            if self.task is not None:
                self.bar.remove_task(self.task)
            self.task = self.bar.add_task(label, total=total, rate="")
            return
        task = self.bar.tasks[-1]
        elapsed = task.elapsed or 0.0
        rate = f"{done / elapsed:.1f} {label}/s" if elapsed > 0 else ""
        self.bar.update(self.task, completed=done, rate=rate)


@app.command()
def analyze(
    paths: Annotated[
        list[str],
        typer.Argument(help="Files, folders (recursive), globs, or - for stdin.", show_default=False, metavar="PATH..."),
    ],
    fmt: Annotated[
        str | None,
        typer.Option("--format", "-f", help="Report format: json, md or html. Default: from the --output suffix, else json.", metavar="FORMAT", show_default=False),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report to this file instead of stdout.", metavar="FILE")
    ] = None,
    backend: Annotated[str, typer.Option(help="Where per-article stages run: serial, process or dask.", metavar="NAME")] = "serial",
    workers: Annotated[
        int | None, typer.Option(help="Worker processes for the process and dask backends.", min=1, metavar="N")
    ] = None,
    max_items: Annotated[
        int | None,
        typer.Option("--max-items", help="Show at most N items per list in Markdown and HTML (default: all).", min=0, metavar="N"),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress and no messages on stderr.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log each article on stderr as it is done.")] = False,
) -> None:
    """Analyse articles and print a report (JSON by default)."""
    try:
        fmt = choose_format(fmt, output)
    except ValueError as e:
        raise _fail(str(e)) from None
    if backend not in BACKENDS:
        raise _fail(f"unknown backend {backend!r}; choose one of {', '.join(BACKENDS)}")
    if output is not None and (problem := check_output(output)):
        raise _fail(problem)
    if output is not None and fmt != SUFFIX_FORMATS.get(output.suffix.lower(), fmt) and not quiet:
        _say("warning", f"writing {fmt} to {output} as asked by --format")

    from .ingest import IngestMessage
    from .pipeline import analyze as run_analysis
    from .report import render

    messages: list[IngestMessage] = []
    stdin = sys.stdin.buffer.read() if "-" in paths else None
    show_bar = not quiet and err.is_terminal
    with warnings.catch_warnings(record=True) as caught, _Progress(show_bar, verbose and not quiet) as progress:
        warnings.simplefilter("always", RuntimeWarning)
        try:
            report = run_analysis(
                paths, backend=backend, workers=workers, messages=messages, stdin=stdin, progress=progress
            )
        except (RuntimeError, ValueError) as e:
            raise _fail(str(e)) from None
    if not quiet:
        for w in caught:
            _say("warning", str(w.message))
        for m in messages:
            _say(m.level, f"{m.source}: {m.message}")
    text = render(report, fmt, max_items=max_items)
    if output is not None:
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as e:
            raise _fail(f"cannot write the report to {output}: {e.strerror or e}") from None
    else:
        sys.stdout.write(text)
    n_ok = len(report.analysed)
    if not quiet:
        written = f"; {fmt} report written to {output}" if output is not None else ""
        err.print(
            escape(
                f"crosscheck: {n_ok} article(s) analysed, {len(report.skipped)} skipped, "
                f"{len(report.stories)} story(ies){written}"
            )
        )
    if n_ok == 0:
        if not quiet:
            _say("error", "nothing could be analysed")
        raise typer.Exit(1)


@app.command()
def schema(
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the schema to this file.", metavar="FILE")] = None,
) -> None:
    """Print the JSON Schema of the report."""
    from .report.json import schema_text

    if output is not None and (problem := check_output(output)):
        raise _fail(problem)
    text = schema_text()
    if output is not None:
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as e:
            raise _fail(f"cannot write the schema to {output}: {e.strerror or e}") from None
    else:
        sys.stdout.write(text)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on (the default serves this computer only).", metavar="HOST")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535, metavar="N")] = 8000,
    store: Annotated[
        Path | None, typer.Option(help="Keep analysed runs in this SQLite file (default: in memory).", metavar="FILE")
    ] = None,
) -> None:
    """Serve the web app: upload articles, follow the analysis, read and search the stories."""
    import socket

    try:
        import uvicorn

        from .web.app import LOOPBACK_HOSTS, create_app
        from .web.store import open_store
    except ImportError as e:
        raise _fail(f"the web app needs the web extra (pip install 'crosscheck[web]'): {e}", 1) from None
    if store is not None and (problem := check_output(store)):
        raise _fail(problem.replace("the report", "the run store"))
    local = host in LOOPBACK_HOSTS
    if not local:
        _say("warning", f"serving on {host}: anyone who can reach this address can upload and read runs")
    try:  # a clear message now rather than a traceback from the server
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host.strip("[]"), port))
    except OSError as e:
        raise _fail(f"cannot listen on {host}:{port}: {e.strerror or e}", 1) from None
    try:
        runs = open_store(store)
    except Exception as e:  # sqlite3.DatabaseError: not a database, locked...
        raise _fail(f"cannot open the run store {store}: {e}", 1) from None
    web = create_app(runs, allowed_hosts=[*LOOPBACK_HOSTS, host] if local else None)
    where = f"[{host}]" if ":" in host else host
    _say("info", f"crosscheck serving on http://{where}:{port}/ (Ctrl+C to stop)")
    uvicorn.run(web, host=host.strip("[]"), port=port, log_level="warning")


def main() -> None:
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
