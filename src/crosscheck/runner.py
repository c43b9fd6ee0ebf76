"""Runner: map the per-article stages over many articles, serially or in a process pool.

The per-article stages (clean, then extract) are pure
functions ``Article -> Article``, so they can run anywhere: in this process,
in a :class:`concurrent.futures.ProcessPoolExecutor`, or on Dask
(``backend="dask"``, when dask is installed). The result is the same list in
the same order whatever the backend.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor

from .clean import clean
from .extract import extract
from .model import Article, ArticleStatus

ArticleStage = Callable[[Article], Article]
Progress = Callable[[Article], None]


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
    progress: Progress | None = None,
) -> list[Article]:
    """Apply ``stage`` to every article with the chosen backend: serial, process or dask.

    ``progress`` is called with each finished article, in input order, as soon as it is done. When the dask
    extra is not installed, ``backend="dask"`` warns and runs serially (the batch never fails for it).
    """
    if workers is not None and workers < 1:
        raise ValueError(f"workers must be 1 or more, not {workers}")
    if backend not in ("serial", "process", "dask"):
        raise ValueError(f"unknown backend {backend!r}: use serial, process or dask")
    if backend == "dask":
        try:
            import dask.bag as db
        except ImportError:
            warnings.warn(
                "backend 'dask' needs the dask extra (pip install -e '.[dask]'); running serially", RuntimeWarning, stacklevel=2
            )
            backend = "serial"
    if backend == "serial" or len(articles) < 2:
        return _reported((stage(a) for a in articles), progress)
    if backend == "process":
        n = workers or os.cpu_count() or 1
        chunk = max(1, len(articles) // (n * 4))
        with ProcessPoolExecutor(max_workers=n) as pool:
            return _reported(pool.map(stage, articles, chunksize=chunk), progress)
    nparts = max(1, min(len(articles), (workers or os.cpu_count() or 1) * 4))
    done = db.from_sequence(list(articles), npartitions=nparts).map(stage).compute()
    return _reported(done, progress)


def _reported(results: Iterable[Article], progress: Progress | None) -> list[Article]:
    out = []
    for art in results:
        out.append(art)
        if progress is not None:
            progress(art)
    return out
