"""The whole pipeline: inputs -> Report. CLI and web are thin shells over :func:`analyze`."""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import datetime, timezone

from . import __version__
from .cluster import cluster
from .ingest import IngestMessage, display_path, ingest
from .model import Article, Report
from .align import align
from .provenance import trace
from .runner import run_articles
from .settings import DEFAULT, Settings


def analyze(
    inputs: Iterable[str | os.PathLike[str] | Article] | str | os.PathLike[str],
    *,
    backend: str = "serial",
    workers: int | None = None,
    messages: list[IngestMessage] | None = None,
    stdin: bytes | None = None,
    embedder: str | None = None,
    settings: Settings = DEFAULT,
) -> Report:
    """Analyse articles given as paths (files, folders, globs, '-' for stdin) or Article objects.

    ``embedder``: 'minilm', 'static' or 'none' (lexical only); default: MiniLM when installed.
    """
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    items = list(inputs)
    given = [a for a in items if isinstance(a, Article)]
    paths = [p for p in items if not isinstance(p, Article)]
    articles = list(given)
    if paths:
        articles += ingest(paths, stdin=stdin, messages=messages, settings=settings)
    was_ok = [a.ok for a in articles]
    articles = run_articles(articles, backend=backend, workers=workers, settings=settings)
    if messages is not None:
        for ok_before, a in zip(was_ok, articles):
            if ok_before and not a.ok:  # skipped while cleaning or extracting (ingest reported its own)
                messages.append(IngestMessage(a.source_path or a.id, f"skipped: {a.reason}", "skipped"))
    stories = cluster(articles)
    by_id = {a.id: a for a in articles}
    for story in stories:
        trace(story, by_id, embedder=embedder)
        align(story, by_id, embedder=embedder)
    return Report(
        crosscheck_version=__version__,
        generated_at=datetime.now(timezone.utc),
        inputs=[display_path(os.fsdecode(p)) for p in paths] + [f"<article {a.id}>" for a in given],
        articles=articles,
        stories=stories,
    )
