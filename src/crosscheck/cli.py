"""Command line: ``crosscheck analyze PATH...``. A thin shell over :func:`crosscheck.analyze`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from . import __version__
from .ingest import IngestMessage
from .pipeline import analyze as run_analysis
from .report import FORMATS, render
from .report.json import schema_text

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Cross-check many news reports of one event: provenance, claims, discrepancies.",
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"crosscheck {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")] = False,
) -> None:
    """crosscheck: line up the sources of a story."""


@app.command()
def analyze(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (recursive), globs, or - for stdin.", show_default=False)],
    fmt: Annotated[str, typer.Option("--format", "-f", help=f"Output format: {', '.join(FORMATS)}.")] = "json",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the report here instead of stdout.")] = None,
    backend: Annotated[str, typer.Option(help="Run per-article stages: serial, process or dask.")] = "serial",
    workers: Annotated[int | None, typer.Option(help="Worker processes for process/dask backends.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No messages on stderr.")] = False,
) -> None:
    """Analyse articles and print a report (JSON by default)."""
    if fmt not in FORMATS:
        err.print(f"[red]error:[/red] unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
        raise typer.Exit(2)
    if backend not in ("serial", "process", "dask"):
        err.print(f"[red]error:[/red] unknown backend {backend!r}; choose serial, process or dask")
        raise typer.Exit(2)
    messages: list[IngestMessage] = []
    stdin = sys.stdin.buffer.read() if "-" in paths else None
    try:
        report = run_analysis(paths, backend=backend, workers=workers, messages=messages, stdin=stdin)
    except RuntimeError as e:
        err.print(f"[red]error:[/red] {e}")
        raise typer.Exit(2) from None
    if not quiet:
        for m in messages:
            colour = "yellow" if m.level == "warning" else "red"
            err.print(f"[{colour}]{m.level}:[/{colour}] {m.source}: {m.message}", markup=True)
    text = render(report, fmt)
    if output:
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as e:
            err.print(f"[red]error:[/red] cannot write {output}: {e.strerror or e}")
            raise typer.Exit(2) from None
    else:
        sys.stdout.write(text)
    n_ok = len(report.analysed)
    if not quiet:
        err.print(
            f"crosscheck: {n_ok} article(s) analysed, {len(report.skipped)} skipped, {len(report.stories)} story(ies)"
            + (f"; report written to {output}" if output else "")
        )
    if n_ok == 0:
        if not quiet:
            err.print("[red]error:[/red] nothing could be analysed")
        raise typer.Exit(1)


@app.command()
def schema(
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the schema here.")] = None,
) -> None:
    """Print the JSON Schema of the report."""
    text = schema_text()
    if output:
        output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


def main() -> None:
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
