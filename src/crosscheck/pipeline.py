"""The whole pipeline: inputs -> Report. CLI and web are thin shells over :func:`analyze`."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from datetime import datetime, timezone

from . import __version__
from .cluster import cluster
from .ingest import IngestMessage, ingest
from .model import Article, Report, Story
from .align import align
from .provenance import trace
from .runner import run_articles
from .settings import AlignSettings


def analyze(
    inputs: Iterable[str | os.PathLike[str] | Article] | str | os.PathLike[str],
    *,
    backend: str = "serial",
    workers: int | None = None,
    messages: list[IngestMessage] | None = None,
    stdin: bytes | None = None,
    embedder: str | None = None,
    progress: Callable[[str, int, int, Article | Story | None], None] | None = None,
    align_settings: AlignSettings | None = None,
) -> Report:
    """Analyse articles given as paths (files, folders, globs, '-' for stdin) or Article objects.

    ``embedder``: 'minilm', 'static' or 'none' (lexical only); default: MiniLM when installed.
    ``progress(stage, done, total, item)``: for a progress display. ``stage`` is "articles" (called with
    ``(0, total, None)`` once the inputs are read, then after each article's clean and extract stages) or
    "stories" (``(0, total, None)`` once stories are formed, then after each story's provenance and alignment).
    ``align_settings``: the alignment thresholds (default :class:`~crosscheck.settings.AlignSettings`); each story
    records the ones it was aligned with.
    """
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    items = list(inputs)
    given = [a for a in items if isinstance(a, Article)]
    paths = [p for p in items if not isinstance(p, Article)]
    articles = list(given)
    if paths:
        articles += ingest(paths, stdin=stdin, messages=messages)
    on_article = None
    if progress is not None:
        total, done = len(articles), 0
        progress("articles", 0, total, None)

        def on_article(art: Article) -> None:
            nonlocal done
            done += 1
            progress("articles", done, total, art)

    articles = run_articles(articles, backend=backend, workers=workers, progress=on_article)
    if messages is not None:
        for a in articles:
            if not a.ok and a.reason and a.reason.startswith(("no article text left", "too little text", "internal error")):
                messages.append(IngestMessage(a.source_path or a.id, a.reason, "skipped"))
    stories = cluster(articles)
    by_id = {a.id: a for a in articles}
    if progress is not None:
        progress("stories", 0, len(stories), None)
    for i, story in enumerate(stories, 1):
        trace(story, by_id, embedder=embedder)
        align(story, by_id, embedder=embedder, settings=align_settings)
        if progress is not None:
            progress("stories", i, len(stories), story)
    return Report(
        crosscheck_version=__version__,
        generated_at=datetime.now(timezone.utc),
        inputs=[os.fspath(p) for p in paths] + [f"<article {a.id}>" for a in given],
        articles=articles,
        stories=stories,
    )
