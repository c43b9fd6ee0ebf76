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
# and "<list[str]>" after arguments, whose help already says what they are
typer.core.TyperArgument.display_type_rich = lambda self, ctx: None  # type: ignore[method-assign]


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


def _prestart(backend: str, workers: int | None, scheduler: str | None) -> None:
    """Start the first local worker now: it loads the tagger while this process imports the rest and reads the
    inputs, and forks the others from itself when they are needed (see runner.prestart)."""
    if backend in ("serial", "process") and scheduler is None:
        from .prefork import default_workers
        from .runner import prestart

        prestart(1 if backend == "serial" else workers or default_workers())


def _run_reporting(work, *, quiet: bool, verbose: bool):  # noqa: ANN001, ANN202 - work(messages, progress) -> result
    """``work(messages, progress)`` with a progress display; then its warnings and skip messages on stderr.
    A RuntimeError or ValueError (a bad option value, an unreachable scheduler) ends the command as a usage error."""
    from .ingest import IngestMessage

    messages: list[IngestMessage] = []
    with warnings.catch_warnings(record=True) as caught, _Progress(not quiet and err.is_terminal, verbose and not quiet) as progress:
        warnings.simplefilter("always", RuntimeWarning)
        try:
            result = work(messages, progress)
        except (RuntimeError, ValueError) as e:
            raise _fail(str(e)) from None
    if not quiet:
        for w in caught:
            _say("warning", str(w.message))
        for m in messages:
            _say(m.level, f"{m.source}: {m.message}")
    return result


def _write(text: str, output: Path | None) -> None:
    """A report to ``output``, else to stdout."""
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as e:
        raise _fail(f"cannot write the report to {output}: {e.strerror or e}") from None


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


# options shared by several commands
PathsArg = Annotated[
    list[str],
    typer.Argument(help="Files, folders (recursive), globs, or - for stdin.", show_default=False, metavar="PATH"),
]
FormatOption = Annotated[
    str | None,
    typer.Option("--format", "-f", help="Report format: json, md or html. Default: from the --output suffix, else json.", metavar="FORMAT", show_default=False),
]
OutputOption = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write the report to this file instead of stdout.", metavar="FILE")
]
BackendOption = Annotated[
    str,
    typer.Option(help="Where per-article stages run: process (worker processes, see --jobs), serial (one worker) or dask.", metavar="NAME"),
]
JobsOption = Annotated[
    int | None,
    typer.Option("--jobs", "-j", "--workers", help="Worker processes for the process and dask backends (default: one per core, at most 8).", min=1, metavar="N"),
]
SchedulerOption = Annotated[
    str | None,
    typer.Option(help="Run the per-article stages on this Dask distributed scheduler (tcp://HOST:PORT).", metavar="ADDRESS"),
]
MaxItemsOption = Annotated[
    int | None,
    typer.Option("--max-items", help="Show at most N items per list in Markdown and HTML (default: all).", min=0, metavar="N"),
]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress and no messages on stderr.")]
VerboseOption = Annotated[bool, typer.Option("--verbose", "-v", help="Log each article on stderr as it is done.")]


@app.command()
def analyze(
    paths: PathsArg,
    fmt: FormatOption = None,
    output: OutputOption = None,
    backend: BackendOption = "process",
    workers: JobsOption = None,
    scheduler: SchedulerOption = None,
    max_items: MaxItemsOption = None,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
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

    _prestart(backend, workers, scheduler)
    from .pipeline import analyze as run_analysis

    stdin = sys.stdin.buffer.read() if "-" in paths else None
    report = _run_reporting(
        lambda messages, progress: run_analysis(
            paths, backend=backend, workers=workers, messages=messages, stdin=stdin, progress=progress,
            scheduler=scheduler,
        ),
        quiet=quiet,
        verbose=verbose,
    )
    from .report import render  # imported by now, while the workers ran (pipeline._meanwhile)

    _write(render(report, fmt, max_items=max_items), output)
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


STORE_HELP = "The store (an SQLite file; created when missing)."
StoreOption = Annotated[Path, typer.Option("--store", help=STORE_HELP, metavar="PATH")]


def _open_store(path: Path):  # -> Store, imported lazily
    from .store import Store

    try:
        return Store(path)
    except ValueError as e:
        raise _fail(str(e)) from None


def _store_update(store, paths: list[str], *, stdin: bytes | None, backend: str, workers: int | None,
                  scheduler: str | None, quiet: bool, verbose: bool, command: str):
    """Run one ingest into ``store`` with progress and messages on stderr; the StoreUpdate."""
    from .pipeline import ingest_into_store

    if backend not in BACKENDS:
        raise _fail(f"unknown backend {backend!r}; choose one of {', '.join(BACKENDS)}")
    update = _run_reporting(
        lambda messages, progress: ingest_into_store(
            paths, store, backend=backend, workers=workers, scheduler=scheduler, messages=messages,
            stdin=stdin, progress=progress, command=command,
        ),
        quiet=quiet,
        verbose=verbose,
    )
    if not quiet:
        if verbose:
            for source, known in update.duplicates:
                err.print(escape(f"{source}: already in the store as {known}"), highlight=False)
    return update


@app.command()
def ingest(
    paths: PathsArg,
    store: StoreOption = Path("crosscheck.db"),
    backend: BackendOption = "process",
    workers: JobsOption = None,
    scheduler: SchedulerOption = None,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
) -> None:
    """Add articles to the store: new ones are analysed, and the stories they join are updated."""
    db = _open_store(store)
    stdin = sys.stdin.buffer.read() if "-" in paths else None
    with db:
        update = _store_update(db, paths, stdin=stdin, backend=backend, workers=workers, scheduler=scheduler,
                               quiet=quiet, verbose=verbose, command="ingest")
        if not quiet:
            for line in update.changes:
                err.print(escape(line), highlight=False)
            err.print(
                escape(
                    f"crosscheck: {len(update.added)} new article(s) analysed, {len(update.skipped)} skipped, "
                    f"{len(update.duplicates)} already in the store; {len(update.stories_changed)} story(ies) "
                    f"updated ({update.reclustered} article(s) of their time window re-clustered); store {store} holds "
                    f"{db.count_articles()} article(s)"
                )
            )
    if not update.added and not update.duplicates:
        if not quiet:
            _say("error", "nothing could be analysed")
        raise typer.Exit(1)


@app.command()
def stories(
    store: StoreOption = Path("crosscheck.db"),
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON (one object per story) instead of a table.")] = False,
) -> None:
    """List the stories in the store."""
    if not store.is_file():
        raise _fail(f"no store at {store}: run `crosscheck ingest PATH... --store {store}` first")
    with _open_store(store) as db:
        rows = db.list_stories()
    if as_json:
        import dataclasses
        import json

        sys.stdout.write(json.dumps([dataclasses.asdict(r) for r in rows], indent=2, ensure_ascii=False) + "\n")
        return
    from rich.table import Table

    table = Table(title=f"{len(rows)} story(ies) in {escape(str(store))}")
    table.add_column("id", no_wrap=True)
    table.add_column("title", overflow="ellipsis", no_wrap=True, max_width=36)
    table.add_column("date", no_wrap=True)
    table.add_column("articles", justify="right", no_wrap=True)
    table.add_column("outlets", max_width=20)
    table.add_column("independent\nsources", justify="right", no_wrap=True)
    table.add_column("open\ndiscrepancies", justify="right", no_wrap=True)
    for r in rows:
        table.add_row(escape(r.id), escape(r.title or ""), r.date or "", str(r.articles), escape(", ".join(r.outlets)),
                      str(r.independent_sources), str(r.discrepancies))
    out = Console(highlight=False, soft_wrap=False)
    if not out.is_terminal:  # to a file or a pipe: whole ids and dates, never cut to 80 columns
        out = Console(highlight=False, soft_wrap=False, width=160)
    out.print(table)


@app.command()
def report(
    story_id: Annotated[str, typer.Argument(help="A story id, as `crosscheck stories` lists them.", metavar="STORY_ID")],
    fmt: FormatOption = None,
    output: OutputOption = None,
    store: StoreOption = Path("crosscheck.db"),
    max_items: MaxItemsOption = None,
) -> None:
    """Render one story of the store as a report."""
    try:
        fmt = choose_format(fmt, output)
    except ValueError as e:
        raise _fail(str(e)) from None
    if output is not None and (problem := check_output(output)):
        raise _fail(problem)
    if not store.is_file():
        raise _fail(f"no store at {store}: run `crosscheck ingest PATH... --store {store}` first")
    from .pipeline import store_report
    from .report import render

    with _open_store(store) as db:
        try:
            rep = store_report(db, story_id)
        except (KeyError, ValueError) as e:
            raise _fail(str(e.args[0] if e.args else e)) from None
    _write(render(rep, fmt, max_items=max_items), output)


class _Folder:
    """New files of a followed folder. A file is taken once its size and modification time are the same on two
    looks in a row (a file still being written waits), or at the first look (it was there before)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.taken: dict[str, tuple[int, int]] = {}
        self.last: dict[str, tuple[int, int]] | None = None

    def look(self) -> list[str]:
        now: dict[str, tuple[int, int]] = {}
        for root, dirs, files in os.walk(self.folder):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if not name.startswith("."):
                    path = os.path.join(root, name)
                    try:
                        st = os.stat(path)
                    except OSError:  # gone since the listing
                        continue
                    now[path] = (st.st_size, st.st_mtime_ns)
        fresh = [
            p for p, key in sorted(now.items())
            if self.taken.get(p) != key and (self.last is None or self.last.get(p) == key)
        ]
        for p in fresh:
            self.taken[p] = now[p]
        self.last = now
        return fresh


@app.command()
def watch(
    source: Annotated[str, typer.Argument(help="A folder to follow, or - for JSONL on stdin (one article a line).", metavar="DIR")],
    store: StoreOption = Path("crosscheck.db"),
    interval: Annotated[float, typer.Option(help="Seconds between looks at the folder.", min=0.0, metavar="S")] = 5.0,
    max_polls: Annotated[
        int | None, typer.Option("--max-polls", help="Stop after N looks at the folder (default: run until stopped).", min=1, metavar="N")
    ] = None,
    backend: BackendOption = "process",
    workers: JobsOption = None,
    scheduler: SchedulerOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only what changed.")] = False,
) -> None:
    """Follow a folder (or JSONL on stdin): ingest new articles as they arrive and print what changed."""
    import time

    folder = Path(source)
    if source != "-" and not folder.is_dir():
        raise _fail(f"cannot watch {source}: not a folder")
    db = _open_store(store)
    options = dict(backend=backend, workers=workers, scheduler=scheduler, quiet=quiet, verbose=False, command="watch")

    def show(update) -> None:
        for line in update.changes:
            typer.echo(line)
        sys.stdout.flush()
        if not quiet and (update.added or update.skipped):
            err.print(escape(f"crosscheck: {len(update.added)} new article(s), {len(update.skipped)} skipped, "
                             f"{len(update.stories_changed)} story(ies) updated"), highlight=False)

    with db:
        try:
            if source == "-":
                for n, line in enumerate(sys.stdin.buffer, 1):
                    if line.strip():
                        show(_store_update(db, ["-"], stdin=line, **options))  # type: ignore[arg-type]
                    if max_polls is not None and n >= max_polls:
                        break
                return
            followed = _Folder(folder)
            polls = 0
            while True:
                fresh = followed.look()
                if fresh:
                    show(_store_update(db, fresh, stdin=None, **options))  # type: ignore[arg-type]
                polls += 1
                if max_polls is not None and polls >= max_polls:
                    return
                time.sleep(interval)
        except KeyboardInterrupt:
            return


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
    except ValueError as e:  # the store says what is wrong: not a database, locked, newer schema...
        raise _fail(str(e).replace("the store", "the run store", 1), 1) from None
    except Exception as e:  # noqa: BLE001 - any other reason the file cannot be opened
        raise _fail(f"cannot open the run store {store}: {e}", 1) from None
    web = create_app(runs, allowed_hosts=[*LOOPBACK_HOSTS, host] if local else None)
    where = f"[{host}]" if ":" in host else host
    _say("info", f"crosscheck serving on http://{where}:{port}/ (Ctrl+C to stop)")
    uvicorn.run(web, host=host.strip("[]"), port=port, log_level="warning")


def main() -> None:
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
