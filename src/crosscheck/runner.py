"""Runner: map the per-article stages over many articles, serially or in a process pool.

The per-article stages (clean, then extract) are pure
functions ``Article -> Article``, so they can run anywhere: in this process,
in a :class:`concurrent.futures.ProcessPoolExecutor`, or on Dask
(``backend="dask"``, when dask is installed). The result is the same list in
the same order whatever the backend.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor

from .clean import clean
from .extract import extract
from .model import Article, ArticleStatus

ArticleStage = Callable[[Article], Article]


def per_article(article: Article) -> Article:
    """All per-article stages, in order. A failure in one article marks it skipped, never stops the batch."""
    if not article.ok:
        return article
    stage = "cleaning"
    try:
        article = clean(article)
        stage = "extracting"
        article = extract(article)
    except Exception as err:  # an internal error must not lose the article
        article.status = ArticleStatus.skipped
        article.reason = f"internal error while {stage}: {err.__class__.__name__}: {err}"
    return article


def run_articles(
    articles: Sequence[Article],
    stage: ArticleStage = per_article,
    *,
    backend: str = "serial",
    workers: int | None = None,
) -> list[Article]:
    """Apply ``stage`` to every article with the chosen backend: serial, process or dask."""
    if backend == "serial" or len(articles) < 2:
        return [stage(a) for a in articles]
    if backend == "process":
        n = workers or os.cpu_count() or 1
        chunk = max(1, len(articles) // (n * 4))
        with ProcessPoolExecutor(max_workers=n) as pool:
            return list(pool.map(stage, articles, chunksize=chunk))
    if backend == "dask":
        try:
            import dask.bag as db
        except ImportError as err:  # pragma: no cover - depends on the extra
            raise RuntimeError("backend 'dask' needs the dask extra: pip install 'crosscheck[dask]'") from err
        nparts = max(1, min(len(articles), (workers or os.cpu_count() or 1) * 4))
        return db.from_sequence(list(articles), npartitions=nparts).map(stage).compute()
    raise ValueError(f"unknown backend {backend!r}: use serial, process or dask")
