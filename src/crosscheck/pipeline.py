"""The whole pipeline: inputs -> Report. CLI and web are thin shells over :func:`analyze`."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from datetime import datetime, timezone

from typing import TYPE_CHECKING

from . import __version__
from .ingest import IngestMessage, display_path, ingest
from .model import Article, Report, Story
from .runner import run_articles, stream_articles
from .settings import DEFAULT, AlignSettings, Settings

if TYPE_CHECKING:  # pragma: no cover
    from .store import Store, StoreUpdate

# The story stages (cluster, provenance, align) and the store are imported when first used: a run imports
# them while its workers clean and extract (see _meanwhile), not before the workers can start.


StageProgress = Callable[[str, int, int, Article | Story | None], None]


def report_time() -> datetime:
    """When a report is made: now, or the time given by ``SOURCE_DATE_EPOCH`` (seconds since 1970, the
    reproducible-builds convention), read at each call, so that two runs can give byte-identical reports."""
    fixed = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if fixed:
        try:
            return datetime.fromtimestamp(int(fixed), timezone.utc)
        except (ValueError, OverflowError, OSError):
            raise ValueError(f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, not {fixed!r}") from None
    return datetime.now(timezone.utc)


def story_stages(
    story: Story, by_id: dict[str, Article], *, embedder: str | None = None, align_settings: AlignSettings | None = None
) -> Story:
    """The story-level stages after clustering: provenance, then alignment."""
    from .align import align
    from .provenance import trace

    # a story of one article has nothing to compare: no embedder is loaded for it
    story_embedder = embedder if len(story.article_ids) > 1 else "none"
    trace(story, by_id, embedder=story_embedder)
    align(story, by_id, embedder=story_embedder, settings=align_settings)
    return story


def _import_story_stages() -> None:
    from . import align, cluster, provenance, report, store  # noqa: F401
    from .clean.sections import warm_word_frequencies

    warm_word_frequencies()  # clustering reads them (loaded already unless the workers were prestarted)


def _meanwhile(embedder: str | None, n_ok: int) -> Callable[[], None]:
    """What this process does while the workers clean and extract: import the story stages and, when there may
    be a story of several articles to compare, load the embedder."""
    if embedder == "none" or n_ok < 2:
        return _import_story_stages
    from .embeddings import warm

    def meanwhile() -> None:
        _import_story_stages()
        warm(embedder)

    return meanwhile


def _counter(progress: StageProgress | None, total: int) -> Callable[[Article], None] | None:
    """A per-article callback counting finished articles into ``progress("articles", done, total, article)``."""
    if progress is None:
        return None
    done = 0
    progress("articles", 0, total, None)

    def on_article(art: Article) -> None:
        nonlocal done
        done += 1
        progress("articles", done, total, art)

    return on_article


def analyze(
    inputs: Iterable[str | os.PathLike[str] | Article] | str | os.PathLike[str],
    *,
    backend: str = "serial",
    workers: int | None = None,
    messages: list[IngestMessage] | None = None,
    stdin: bytes | None = None,
    embedder: str | None = None,
    progress: StageProgress | None = None,
    settings: Settings = DEFAULT,
    align_settings: AlignSettings | None = None,
    scheduler: str | None = None,
) -> Report:
    """Analyse articles given as paths (files, folders, globs, '-' for stdin) or Article objects.

    ``embedder``: 'minilm', 'static' or 'none' (lexical only); default: MiniLM when installed.
    ``progress(stage, done, total, item)``: for a progress display. ``stage`` is "articles" (called with
    ``(0, total, None)`` once the inputs are read, then after each article's clean and extract stages) or
    "stories" (``(0, total, None)`` once stories are formed, then after each story's provenance and alignment).
    ``align_settings``: the alignment thresholds (default :class:`~crosscheck.settings.AlignSettings`); each story
    records the ones it was aligned with.
    ``scheduler``: address of a Dask distributed scheduler (tcp://host:port) to run the per-article stages on.
    The report's ``generated_at`` is :func:`report_time`.
    """
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    items = list(inputs)
    given = [a for a in items if isinstance(a, Article)]
    paths = [p for p in items if not isinstance(p, Article)]
    articles = list(given)
    if paths:
        articles += ingest(paths, stdin=stdin, messages=messages, settings=settings)
    on_article = _counter(progress, len(articles))
    was_ok = [a.ok for a in articles]
    articles = run_articles(
        articles, backend=backend, workers=workers, settings=settings, progress=on_article,
        meanwhile=_meanwhile(embedder, sum(a.ok for a in articles)), scheduler=scheduler,
    )
    if messages is not None:
        for ok_before, a in zip(was_ok, articles):
            if ok_before and not a.ok:  # skipped while cleaning or extracting (ingest reported its own)
                messages.append(IngestMessage(a.source_path or a.id, a.reason or "skipped", "skipped"))
    from .cluster import cluster

    stories = cluster(articles)
    by_id = {a.id: a for a in articles}
    if progress is not None:
        progress("stories", 0, len(stories), None)
    for i, story in enumerate(stories, 1):
        story_stages(story, by_id, embedder=embedder, align_settings=align_settings)
        if progress is not None:
            progress("stories", i, len(stories), story)
    return Report(
        crosscheck_version=__version__,
        generated_at=report_time(),
        inputs=[display_path(os.fsdecode(p)) for p in paths] + [f"<article {a.id}>" for a in given],
        articles=articles,
        stories=stories,
    )


def ingest_into_store(
    inputs: Iterable[str | os.PathLike[str]],
    store: Store,
    *,
    backend: str = "serial",
    workers: int | None = None,
    scheduler: str | None = None,
    messages: list[IngestMessage] | None = None,
    stdin: bytes | None = None,
    embedder: str | None = None,
    progress: StageProgress | None = None,
    settings: Settings = DEFAULT,
    command: str = "ingest",
) -> StoreUpdate:
    """Add articles to ``store`` and update the stories they join; what changed is returned.

    An article whose raw text is already in the store (or earlier in this batch) is not processed again.
    Each new article is committed as soon as its per-article stages are done (in this process only: workers
    never write). Story work is done only when some analysed article has no story yet (new ones, or ones a
    killed run left), and only for the stories whose membership changes: a story whose articles are exactly
    a stored story's is kept as stored.
    """
    paths = [os.fsdecode(p) for p in inputs]
    from .store import StoreUpdate, content_hash

    update = StoreUpdate()
    run_id = store.start_run(command, [display_path(p) for p in paths], __version__)
    read = ingest(paths, stdin=stdin, messages=messages, settings=settings)
    known = store.known_hashes(content_hash(a) for a in read)
    digests: dict[str, str] = {}
    taken: set[str] = set()
    new: list[Article] = []
    for art in read:
        digest = content_hash(art)
        if digest in known:
            update.duplicates.append((art.source_path or art.id, known[digest]))
            continue
        base, n = art.id, 2
        while art.id in taken or store.has_id(art.id):  # the same file name in another folder or an earlier run
            art.id, n = f"{base}-{n}", n + 1
        known[digest] = art.id
        taken.add(art.id)
        digests[art.id] = digest
        new.append(art)

    counted = _counter(progress, len(new))

    def commit(art: Article) -> None:
        if not store.add_article(art, digests[art.id], run_id):
            update.duplicates.append((art.source_path or art.id, store.known_hashes([digests[art.id]])[digests[art.id]]))
        else:
            (update.added if art.ok else update.skipped).append(art.id)
        if counted is not None:
            counted(art)

    was_ok = {a.id for a in new if a.ok}
    for art in new:
        if not art.ok:  # skipped while reading: nothing to run
            commit(art)
    todo = [a for a in new if a.ok]
    if todo:
        # each article is committed and let go as soon as it is done: memory holds the batch's texts, not its analyses
        for _i, art in stream_articles(
            todo, backend=backend, workers=workers, settings=settings, scheduler=scheduler,
            meanwhile=_meanwhile(embedder, len(todo) + store.pending()),
        ):
            commit(art)
    if messages is not None:
        for art in store.articles([i for i in update.skipped if i in was_ok]):
            messages.append(IngestMessage(art.source_path or art.id, art.reason or "skipped", "skipped"))
    if store.pending():
        _update_stories(store, update, embedder=embedder, progress=progress)
    store.finish_run(
        run_id,
        added=len(update.added),
        duplicates=len(update.duplicates),
        skipped=len(update.skipped),
        stories_changed=len(update.stories_changed),
    )
    return update


def _update_stories(store: Store, update: StoreUpdate, *, embedder: str | None, progress: StageProgress | None) -> None:
    """Re-cluster the store's analysed articles; run the story stages on the stories whose membership changed."""
    from .cluster import DEFAULT_SETTINGS, cluster
    from .store import story_changes

    # clustering reads light articles (a third of the memory); each changed story then loads its own articles whole,
    # so memory holds the window's light articles and one story's analyses, not the window's analyses
    articles = store.articles(store.to_recluster(DEFAULT_SETTINGS.window_days), ok_only=True, light=True)
    update.reclustered = len(articles)
    by_id = {a.id: a for a in articles}
    stories = cluster(articles)
    stored = store.story_sets()
    changed = [s for s in stories if frozenset(s.article_ids) not in stored]
    olds = [store.stories_with(s.article_ids) for s in changed]  # before any is replaced
    _keep_ids(changed, olds, {stored[frozenset(s.article_ids)] for s in stories if frozenset(s.article_ids) in stored})
    if progress is not None:
        progress("stories", 0, len(changed), None)
    for i, (story, old) in enumerate(zip(changed, olds), 1):
        whole = {a.id: a for a in store.articles(story.article_ids)}
        story_stages(story, whole, embedder=embedder)
        store.put_story(story, [whole[a] for a in story.article_ids])
        update.stories_changed.append(story.id)
        update.changes += story_changes(old, story, by_id)
        del whole
        if progress is not None:
            progress("stories", i, len(changed), story)
    store.mark_clustered()


def _keep_ids(changed: list[Story], olds: list[list[Story]], kept: set[str]) -> None:
    """Story ids that last: a changed story takes the id of the stored story it shares most articles with (a
    story keeps its id as it grows), unless another took it first; any other keeps its own id, made unique
    against every id in use (``kept``: those of the unchanged stories)."""
    claimed = set(kept)
    heir = [False] * len(changed)
    pairs = sorted(
        (-len(set(story.article_ids) & set(o.article_ids)), o.id, k)
        for k, (story, old) in enumerate(zip(changed, olds))
        for o in old
    )
    for _shared, old_id, k in pairs:  # most shared articles first
        if not heir[k] and old_id not in claimed:
            changed[k].id, heir[k] = old_id, True
            claimed.add(old_id)
    for k, story in enumerate(changed):
        if not heir[k]:
            base, n = story.id, 2
            while story.id in claimed:
                story.id, n = f"{base}-{n}", n + 1
            claimed.add(story.id)


def store_report(store: Store, story_id: str) -> Report:
    """A report on one stored story: the story and its articles. KeyError when there is no such story."""
    story = store.story(story_id)
    if story is None:
        raise KeyError(f"no story {story_id!r} in the store {store.path}; `crosscheck stories` lists them")
    articles = store.articles(story.article_ids)
    return Report(
        crosscheck_version=__version__,
        generated_at=report_time(),
        inputs=[a.source_path or f"<article {a.id}>" for a in articles],
        articles=articles,
        stories=[story],
    )
