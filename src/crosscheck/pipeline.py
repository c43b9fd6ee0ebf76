"""The whole pipeline: inputs -> Report. CLI and web are thin shells over :func:`analyze`."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable
from datetime import datetime, timezone

from . import __version__
from .cluster import cluster
from .ingest import IngestMessage, display_path, ingest
from .model import Article, Report, Story
from .align import align
from .provenance import trace
from .runner import run_articles
from .settings import DEFAULT, AlignSettings, Settings


def analyze(
    inputs: Iterable[str | os.PathLike[str] | Article] | str | os.PathLike[str],
    *,
    backend: str = "serial",
    workers: int | None = None,
    messages: list[IngestMessage] | None = None,
    stdin: bytes | None = None,
    embedder: str | None = None,
    progress: Callable[[str, int, int, Article | Story | None], None] | None = None,
    settings: Settings = DEFAULT,
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
        articles += ingest(paths, stdin=stdin, messages=messages, settings=settings)
    on_article = None
    if progress is not None:
        total, done = len(articles), 0
        progress("articles", 0, total, None)

        def on_article(art: Article) -> None:
            nonlocal done
            done += 1
            progress("articles", done, total, art)

    was_ok = [a.ok for a in articles]
    # the story stages embed sentences: load the embedder while the workers clean and extract (only if there may be
    # a story of several articles to compare)
    meanwhile = None
    if embedder != "none" and sum(a.ok for a in articles) >= 2:
        from .embeddings import warm

        meanwhile = functools.partial(warm, embedder)
    articles = run_articles(
        articles, backend=backend, workers=workers, settings=settings, progress=on_article, meanwhile=meanwhile
    )
    if messages is not None:
        for ok_before, a in zip(was_ok, articles):
            if ok_before and not a.ok:  # skipped while cleaning or extracting (ingest reported its own)
                messages.append(IngestMessage(a.source_path or a.id, a.reason or "skipped", "skipped"))
    stories = cluster(articles)
    by_id = {a.id: a for a in articles}
    if progress is not None:
        progress("stories", 0, len(stories), None)
    for i, story in enumerate(stories, 1):
        # a story of one article has nothing to compare: no embedder is loaded for it
        story_embedder = embedder if len(story.article_ids) > 1 else "none"
        trace(story, by_id, embedder=story_embedder)
        align(story, by_id, embedder=story_embedder, settings=align_settings)
        if progress is not None:
            progress("stories", i, len(stories), story)
    return Report(
        crosscheck_version=__version__,
        generated_at=datetime.now(timezone.utc),
        inputs=[display_path(os.fsdecode(p)) for p in paths] + [f"<article {a.id}>" for a in given],
        articles=articles,
        stories=stories,
    )
