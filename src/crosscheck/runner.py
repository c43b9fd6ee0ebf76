"""Runner: map the per-article stages over many articles, each article within a time budget.

The per-article stages (clean, then extract) are pure functions ``Article -> Article``,
so they can run anywhere. With a time budget (``Settings.article_seconds``, the
default) they run in supervised worker processes: an article that takes longer than
its budget, or whose worker dies (out of memory, a crash in native code), is
skipped with its reason, the worker is replaced and the rest of the batch goes on.
A runaway article cannot stall a batch even inside native code (a regular
expression, the tagger), because its worker is killed, not asked to stop.

``backend="serial"`` uses one worker, ``"process"`` several (``workers``; by default one per core, at most 8); ``"dask"``
runs on Dask (when installed) without per-article budgets. ``budget=False`` runs in
this process with no budget (for debugging). The result is the same list in the same
order whatever the backend.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import signal
import threading
import warnings
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from multiprocessing.connection import Connection, wait
from multiprocessing.reduction import ForkingPickler
from time import monotonic

from . import prefork
from .model import Article, ArticleStatus
from .settings import DEFAULT, Settings

ArticleStage = Callable[[Article], Article]
Progress = Callable[[Article], None]


class BudgetExceeded(BaseException):
    """Raised by :func:`time_limit` when its time is up.

    A BaseException, so that a library's ``except Exception`` cannot swallow it.
    """


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`BudgetExceeded` in the block after ``seconds`` of wall time (SIGALRM).

    Interrupts Python code only (not a long call inside native code), and only in the
    main thread of a POSIX process; elsewhere the block runs without a limit. Used for
    reading one file; the per-article stages use worker processes instead.
    """
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable or seconds <= 0:
        yield
        return

    def _alarm(_signum: int, _frame: object) -> None:
        raise BudgetExceeded(f"took longer than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _skip(article: Article, reason: str) -> Article:
    article.status = ArticleStatus.skipped
    article.reason = reason
    return article


def per_article(article: Article, settings: Settings = DEFAULT) -> Article:
    """All per-article stages, in order. A failure in one article marks it skipped, never stops the batch."""
    if not article.ok:
        return article
    from .clean import clean
    from .extract import extract

    stage = "cleaning"
    try:
        article = clean(article, settings)
        stage = "extracting"
        article = extract(article)
    except Exception as err:  # an internal error must not lose the article (RecursionError and MemoryError too)
        _skip(article, f"internal error while {stage}: {err.__class__.__name__}: {err}")
    return article


def _load_models(word_frequencies: bool = True) -> None:
    """What the default stage loads once per process: the tagger, the stages' modules and (``word_frequencies``)
    the word frequencies.

    A process that forks workers loads them first, so the workers share them (a prestarted worker forks its
    siblings after this: they do not import the stages again). A worker loading for itself leaves the word
    frequencies (0.4 s) to the first word looked up: a short text may need none.
    """
    import importlib

    from .extract.nlp import get_nlp

    get_nlp()
    for module in _STAGE_MODULES:
        importlib.import_module(module)
    if word_frequencies:
        from .clean.sections import warm_word_frequencies

        warm_word_frequencies()


# What per_article imports when it first runs (the extractors import theirs when first called).
_STAGE_MODULES = (
    "crosscheck.clean",
    *(f"crosscheck.extract.{m}" for m in ("actors", "claims", "dates", "facts", "quantities", "quotes", "sentences")),
)


def _models_loaded() -> bool:
    import sys

    nlp = sys.modules.get("crosscheck.extract.nlp")
    return nlp is not None and nlp.get_nlp.cache_info().currsize > 0


_prestarted: list[_Worker] = []


def _adopt_preforked() -> None:
    """Take over the worker :mod:`crosscheck.prefork` started, if any."""
    found = prefork.take()
    if found and not _prestarted:
        import atexit

        atexit.register(_stop_prestarted)
    _prestarted.extend(_Worker.adopt(*found_one) for found_one in found)  # type: ignore[arg-type]


def prestart(n: int = 1) -> int:
    """Start a worker for the default stage now, loading the tagger while this process goes on (reading the
    inputs, importing the story stages, loading the embedder), with spare pipes for ``n - 1`` more: once the
    tagger is loaded, the next :func:`run_articles` with the default stage has it fork those (its siblings, which
    share the loaded tagger). For a cold start (the CLI): the tagger's load (about a second) overlaps the rest of
    the start instead of preceding it, and is done once. Nothing is started where the tagger is loaded in this
    process already (forked workers share it), without fork, or inside a daemonic process. A worker started by
    :mod:`crosscheck.prefork` counts. Returns how many were started. Workers left untaken are stopped when the
    process exits.
    """
    _adopt_preforked()
    if (
        n < 1
        or _models_loaded()
        or "fork" not in multiprocessing.get_all_start_methods()
        or multiprocessing.current_process().daemon
        or threading.active_count() > 1  # forking a process with other threads running is not safe
    ):
        return len(_prestarted)
    if not _prestarted:
        import atexit

        atexit.register(_stop_prestarted)
        _prestarted.append(_Worker(None, spares=n - 1))
    return len(_prestarted)


def _take_prestarted(n: int) -> list[_Worker]:
    _adopt_preforked()
    taken = [w for w in _prestarted[:n] if w.proc.is_alive()]
    for w in _prestarted[n:] + [w for w in _prestarted[:n] if w not in taken]:
        w.stop()
    _prestarted.clear()
    return taken


def _stop_prestarted() -> None:
    for w in _prestarted:
        w.stop()
    _prestarted.clear()


def run_articles(
    articles: Sequence[Article],
    stage: ArticleStage = per_article,
    *,
    backend: str = "serial",
    workers: int | None = None,
    progress: Progress | None = None,
    settings: Settings = DEFAULT,
    budget: bool = True,
    meanwhile: Callable[[], None] | None = None,
    scheduler: str | None = None,
) -> list[Article]:
    """Apply ``stage`` to every article with the chosen backend: serial, process or dask; the results in order.

    ``progress`` is called with each article as soon as it is done (in completion order). The other arguments
    are those of :func:`stream_articles`, which yields each result instead of keeping them all.
    """
    out = list(articles)
    for i, result in stream_articles(
        articles, stage, backend=backend, workers=workers, settings=settings, budget=budget, meanwhile=meanwhile,
        scheduler=scheduler,
    ):
        out[i] = result
        if progress is not None:
            progress(result)
    return out


def stream_articles(
    articles: Sequence[Article],
    stage: ArticleStage = per_article,
    *,
    backend: str = "serial",
    workers: int | None = None,
    settings: Settings = DEFAULT,
    budget: bool = True,
    meanwhile: Callable[[], None] | None = None,
    scheduler: str | None = None,
) -> Iterator[tuple[int, Article]]:
    """``(index, staged article)`` for every article, each as soon as it is done (those skipped before any
    stage first): a caller that stores each result and lets it go holds one article at a time, not the batch.

    When the dask extra is not installed, ``backend="dask"`` warns and runs as "process" (the batch never fails
    for it). ``meanwhile`` runs in a thread of this process while the workers work (this process only waits for
    them), and is finished when the last article has been yielded: the pipeline imports the story stages and
    loads the sentence embedder there. ``scheduler`` (``tcp://host:port``) runs the stages on that Dask
    distributed cluster, whatever ``backend`` says; results stream back as they finish.
    """
    if backend not in ("serial", "process", "dask"):
        raise ValueError(f"unknown backend {backend!r}: use serial, process or dask")
    if workers is not None and workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    for a in articles:  # articles given as objects have not met the limits of ingest yet
        if a.ok and (reason := settings.over_limits(a.raw_text)):
            _skip(a, reason)
    todo = [i for i, a in enumerate(articles) if a.ok]
    for i, a in enumerate(articles):
        if not a.ok:
            yield i, a
    if not todo:
        return
    default_stage = stage is per_article
    if default_stage:
        stage = functools.partial(per_article, settings=settings)
    if scheduler is not None:
        side = threading.Thread(target=meanwhile, name="crosscheck-meanwhile", daemon=True) if meanwhile else None
        if side is not None:
            side.start()
        yield from _run_distributed([(i, articles[i]) for i in todo], stage, scheduler)
        if side is not None:
            side.join()
        return
    if backend == "dask":
        try:
            import dask.bag  # noqa: F401
        except ImportError:
            warnings.warn(
                "backend 'dask' needs the dask extra (pip install -e '.[dask]'); running in local processes instead",
                RuntimeWarning,
                stacklevel=2,
            )
            backend = "process"
        else:
            done = _run_dask([articles[i] for i in todo], stage, workers)
            yield from zip(todo, done)
            return
    if not budget or "fork" not in multiprocessing.get_all_start_methods() or multiprocessing.current_process().daemon:
        # no budget asked for, no fork on this platform, or inside a daemonic worker (which may not have children)
        for i in todo:
            yield i, stage(articles[i])
        return
    n = 1 if backend == "serial" else min(len(todo), workers or prefork.default_workers())
    ready = _take_prestarted(n) if default_stage else []
    if default_stage and not ready:
        # load the tagger and the word frequencies once here: the forked workers share them (a replaced worker
        # needs no reload), and the story stages of this process use the same word frequencies
        _load_models()
    side: list[threading.Thread] = []

    def started() -> None:  # the workers are forked by now: a thread is safe to start
        if meanwhile is not None:
            side.append(threading.Thread(target=meanwhile, name="crosscheck-meanwhile", daemon=True))
            side[0].start()

    supervisor = _Supervisor(stage, n, settings.article_seconds, started, ready=ready, settings=settings)
    yield from supervisor.run([(i, articles[i]) for i in todo])
    for t in side:
        t.join()


def _run_dask(articles: Sequence[Article], stage: ArticleStage, workers: int | None) -> list[Article]:
    try:
        import dask.bag as db
    except ImportError as err:  # pragma: no cover - depends on the extra
        raise RuntimeError("backend 'dask' needs the dask extra: pip install 'crosscheck[dask]'") from err
    nparts = max(1, min(len(articles), (workers or prefork.default_workers()) * 4))
    return db.from_sequence(list(articles), npartitions=nparts).map(stage).compute()


class _LoadModels:
    """Dask worker plugin: load the tagger once when a worker starts, not once per task."""

    name = "crosscheck-models"

    def setup(self, worker: object) -> None:
        _load_models()

    def teardown(self, worker: object) -> None:
        pass

    def transition(self, key: object, start: str, finish: str, **kwargs: object) -> None:
        pass

    def release_key(self, key: object, state: str, cause: object, reason: object, report: object) -> None:
        pass


def _run_distributed(jobs: list[tuple[int, Article]], stage: ArticleStage, address: str) -> Iterator[tuple[int, Article]]:
    """Run ``stage`` over ``jobs`` on the Dask distributed cluster at ``address``; yield results as they finish.

    An article whose task fails (its worker died, say) is skipped with the reason; the rest go on.
    """
    try:
        from distributed import Client, as_completed
        from distributed.diagnostics.plugin import WorkerPlugin
    except ImportError as err:
        raise RuntimeError(
            "--scheduler needs the dask extra (pip install -e '.[dask]'), on this machine and on every worker"
        ) from err
    plugin = type("LoadModels", (_LoadModels, WorkerPlugin), {})()
    try:
        client = Client(address, timeout="20s")
    except (OSError, TimeoutError) as err:
        raise RuntimeError(f"cannot reach the Dask scheduler at {address}: {err}") from None
    except ValueError as err:  # not an address: 'missing port number', an unknown protocol...
        raise RuntimeError(f"--scheduler {address!r} is not a scheduler address (tcp://HOST:PORT): {err}") from None
    with client:
        client.register_plugin(plugin, name=_LoadModels.name)
        futures = client.map(stage, [a for _i, a in jobs], pure=False)
        index = {f.key: k for k, f in enumerate(futures)}
        for fut in as_completed(futures):
            i, article = jobs[index[fut.key]]
            if fut.status == "error":
                err = fut.exception()
                result = _skip(article, f"failed on the Dask cluster: {err.__class__.__name__}: {err}")
            else:
                result = fut.result()
            fut.release()
            yield i, result


# --------------------------------------------------------------------------
# supervised workers


_PARENT_CHECK_SECONDS = 1.0  # how often an idle worker checks that its coordinating process is still there


class _Siblings(int):
    """Sent to a prestarted worker: fork this many siblings, one on each of its first spare pipes."""


class _Hello(int):
    """A sibling's first message on its pipe: its process id (it is not a child of the coordinating process)."""


def _worker_main(
    conn: Connection,
    stage: ArticleStage | None,
    parent: int | None = None,
    spares: Sequence[Connection] = (),
    inherited: Sequence[Connection] = (),
) -> None:
    """Worker loop: receive an article, send back the staged article, until told to stop (None) or the
    coordinating process is gone.

    A worker started without a stage (see :func:`prestart`) loads the models of the default stage first, and
    runs the default stage with the :class:`Settings` it receives before its first article. Asked for siblings
    (:class:`_Siblings`), it forks them: each goes on with this loop on a spare pipe, the models loaded.
    ``inherited``: the coordinating process's ends of this worker's pipes, copied by the fork; closed here, so that
    when that process ends a result sent finds the pipe broken instead of filling it for ever.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and ends the workers
    for end in inherited:
        end.close()
    if parent is None:  # ``parent`` is passed by the forking process: it may be gone before this line runs
        parent = os.getppid()
    if stage is None:
        _load_models(word_frequencies=False)
    sibling = False
    while True:
        try:
            # a parent killed outright (SIGKILL) closes no pipe that another forked worker also holds, so the end of
            # the parent is seen by this process being handed to another parent (a sibling, whose parent is the
            # first worker, asks the system whether the coordinating process is still there)
            while not conn.poll(_PARENT_CHECK_SECONDS):
                if not _alive(parent) if sibling else os.getppid() != parent:
                    return
            article = conn.recv()
        except EOFError:
            return
        if article is None:
            return
        if isinstance(article, _Siblings):
            conn, sibling = _fork_siblings(conn, list(spares), article)
            spares = ()
            continue
        if isinstance(article, _Frequencies):
            from .clean.sections import give_frequencies

            give_frequencies(article)
            continue
        if isinstance(article, Settings):
            stage = functools.partial(per_article, settings=article)
            continue
        if stage is None:  # pragma: no cover - the supervisor always sends the settings first
            stage = per_article
        try:
            result = stage(article)
        except BaseException as err:  # noqa: BLE001 - report anything as this article's failure
            result = _skip(article, f"internal error: {err.__class__.__name__}: {err}")
        try:
            conn.send(result)
        except OSError:  # the coordinating process is gone
            return


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # there, but not ours to signal
        return True
    return True


def _fork_siblings(conn: Connection, spares: list[Connection], count: int) -> tuple[Connection, bool]:
    """In a prestarted worker, its models loaded: fork ``count`` siblings, each served by one of the spare pipes.
    Returns the pipe the caller serves from now on, and whether the caller is a sibling."""
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # the siblings are reaped by the system when they end
    for k, spare in enumerate(spares[:count]):
        if os.fork() == 0:  # the sibling: only its own pipe stays open
            for other in [conn, *spares[:k], *spares[k + 1 :]]:
                other.close()
            try:
                spare.send(_Hello(os.getpid()))
            except OSError:  # the coordinating process is gone: the loop sees the pipe closed and ends
                pass
            return spare, True
        spare.close()
    for spare in spares[count:]:
        spare.close()
    return conn, False


class _Sibling:
    """The process of a sibling worker, which is the first worker's child, not this process's: it is known by its
    pid (sent in its :class:`_Hello`), ended by a signal, and seen to end when its pipe closes."""

    exitcode = None  # its exit status goes to its parent

    def __init__(self, conn: Connection) -> None:
        self.conn, self.pid = conn, None

    def is_alive(self) -> bool:
        return self.pid is None or _alive(self.pid)

    def kill(self) -> None:
        if self.pid is not None:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

    def join(self, timeout: float | None = None) -> None:
        """Wait (at most ``timeout`` seconds, 5 if None) for the sibling's end of the pipe to close. A sibling not
        forked yet is not waited for: told to stop (or its pipe closed), it ends as soon as it starts."""
        if self.pid is None:
            return
        try:
            deadline = monotonic() + (5.0 if timeout is None else timeout)
            while monotonic() < deadline and wait([self.conn], timeout=max(0.0, deadline - monotonic())):
                self.conn.recv_bytes()  # what it sent after its last job was done (nothing, normally)
        except (EOFError, OSError):
            pass


class _Worker:
    """One supervised worker process and the jobs sent to it, oldest first (at most ``_AHEAD`` at a time)."""

    def __init__(self, stage: ArticleStage | None, *, spares: int = 0) -> None:
        """Fork a worker for ``stage`` (None: the default stage, its models loaded first) with ``spares`` spare pipes
        for siblings (see :func:`prestart`)."""
        # forked now: it has the word frequencies if this process has them
        self._take(*prefork.fork(_worker_main, stage, spares), hints=_hints_wanted(stage))  # type: ignore[arg-type]

    @classmethod
    def adopt(
        cls,
        conn: Connection,
        proc: multiprocessing.process.BaseProcess | _Sibling,
        widened: bool,
        spares: Sequence[tuple[Connection, bool]] = (),
    ) -> _Worker:
        """A worker started elsewhere (:mod:`crosscheck.prefork`, or a sibling) running :func:`_worker_main`."""
        w = cls.__new__(cls)
        # forked before anything was loaded (a sibling: before its first article)
        w._take(conn, proc, widened, spares, hints=_hints_wanted(None))
        return w

    def _take(
        self,
        conn: Connection,
        proc: multiprocessing.process.BaseProcess | _Sibling,
        widened: bool,
        spares: Sequence[tuple[Connection, bool]],
        *,
        hints: int,
    ) -> None:
        self.conn, self.proc, self.spares = conn, proc, list(spares)
        self.room = _AHEAD_BYTES if widened else _AHEAD_BYTES_DEFAULT
        self.jobs: deque[tuple[int, Article]] = deque()
        self.sizes: deque[int] = deque()  # bytes of each job sent
        self.deadline = 0.0
        self.hints = hints  # how many more jobs go with their words' frequencies
        self.hinted: set[str] = set()  # words whose frequencies it was sent
        self.offered: tuple[int, _Frequencies | None, list[bytes]] = (-1, None, [])  # the last job offered, pickled

    def siblings(self, count: int) -> list[_Worker]:
        """Have this prestarted worker fork ``count`` siblings (at most one per spare pipe) once its models are
        loaded; the spare pipes left are closed. The siblings' jobs wait in their pipes until they start."""
        count = min(count, len(self.spares))
        out = []
        if count > 0:
            self.conn.send(_Siblings(count))
            out = [_Worker.adopt(conn, _Sibling(conn), widened) for conn, widened in self.spares[:count]]
        for conn, _widened in self.spares[count:]:
            conn.close()
        self.spares = []
        return out

    def offer(self, job: tuple[int, Article], seconds: float) -> bool:
        """Send ``job`` unless the worker is busy and the job would not fit in its pipe (see ``_AHEAD_BYTES``):
        then nothing is sent, and False returned, so that this process never waits on a worker that may be stuck.
        A worker without word frequencies gets those of the article's words first (:func:`_frequencies_for`)."""
        if self.offered[0] != job[0]:  # built once per job, however often it is offered
            hints = _frequencies_for(self, job[1]) if self.hints else None
            payloads = [bytes(ForkingPickler.dumps(x)) for x in (hints, job[1]) if x]
            self.offered = (job[0], hints, payloads)
        _idx, hints, payloads = self.offered
        size = sum(len(p) for p in payloads)
        if self.jobs and sum(self.sizes) + size > self.room:
            return False
        if hints:
            self.hints -= 1
            self.hinted.update(hints)
        if not self.jobs:
            self.deadline = monotonic() + seconds
        self.jobs.append(job)
        self.sizes.append(size)
        try:
            for payload in payloads:
                self.conn.send_bytes(payload)  # what Connection.send sends: the worker's recv() unpickles it
        except OSError:  # the worker died since its last result: the supervisor sees it die and gives this job back
            pass
        return True

    def done(self, seconds: float) -> tuple[int, Article]:
        """The oldest job is finished: its successor, already sent, has its budget from now."""
        job = self.jobs.popleft()
        self.sizes.popleft()
        self.deadline = monotonic() + seconds
        return job

    def kill(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join()
        self.conn.close()
        for conn, _widened in self.spares:
            conn.close()
        self.spares = []

    def stop(self) -> None:
        """End the worker: told to when idle; killed when it still has jobs (it may be stuck, its pipe full)."""
        if not self.jobs:
            try:
                self.conn.send(None)
            except OSError:
                pass
            self.proc.join(timeout=5)
        self.kill()


# Jobs sent ahead to each worker: the next articles wait in the worker's pipe, so a worker never idles while
# this process is busy (a thread of it loading a model can hold the GIL for seconds: static_model's loader holds
# it for about a second, in which the worker finishes two or three short articles). The per-article budget still
# runs from when the worker can start the article (when the one before it is done, as seen here: never less than
# the budget).
_AHEAD = 5
# At most this many bytes of jobs wait in a busy worker's pipe. A send that does not fit blocks until the worker
# reads, and a runaway worker never reads: the budget could not be enforced. The pipe is asked to hold
# prefork.PIPE_BUFFER (a quarter of it is used: the kernel counts its own bookkeeping against it); where it cannot
# be widened, 16 kB fits the smallest default of the platforms with fork (a macOS socket pair). A short article is
# sent ahead, a large one when its worker is free.
_AHEAD_BYTES = 64 * 1024
_AHEAD_BYTES_DEFAULT = 16 * 1024


class _Frequencies(dict):
    """Word -> Zipf frequency, sent to a worker before an article (see :func:`_frequencies_for`)."""


# A worker started before the word frequencies were loaded anywhere (the command line's first worker, forked while
# spaCy was still to load) would load wordfreq's list itself at its first article: a third of a second of a cold
# start, while this process has the list loaded anyway (clustering reads it). For its first articles this process
# sends the frequencies of the article's words instead; after that, the worker loads the list at its first word
# not sent (a long run amortises it).
_HINTED_JOBS = 8
_HINTED_WORDS = 2_000  # at most this many words' frequencies with one article (a news story has 300-800)


def _hints_wanted(stage: ArticleStage | None) -> int:
    """How many jobs a worker forked now for ``stage`` gets word frequencies with (0: none)."""
    if stage is not None:
        return 0  # a stage of the caller's: what it looks up is not known
    from .clean.sections import frequencies_loaded

    return 0 if frequencies_loaded() else _HINTED_JOBS


def _frequencies_for(worker: _Worker, article: Article) -> _Frequencies | None:
    """The Zipf frequencies of the article's words not yet sent to ``worker`` (computed here with wordfreq)."""
    from .clean.sections import _zipf, lookup_words

    words = lookup_words(article.raw_text or article.text) - worker.hinted
    if not words or len(words) > _HINTED_WORDS:
        return None  # a long page (its markup too): the worker loads the list itself
    return _Frequencies({w: _zipf(w) for w in words})


class _Supervisor:
    """Runs jobs on ``n`` worker processes; a job past its deadline or whose worker dies is skipped."""

    def __init__(
        self,
        stage: ArticleStage,
        n: int,
        seconds: float,
        started: Callable[[], None] | None = None,
        *,
        ready: Sequence[_Worker] = (),
        settings: Settings = DEFAULT,
    ) -> None:
        """``ready``: prestarted workers of the default stage (they are sent ``settings``); the rest are forked."""
        self.stage, self.n, self.seconds, self.started = stage, n, seconds, started
        self.ready, self.settings = list(ready), settings

    def run(self, jobs: list[tuple[int, Article]]) -> Iterator[tuple[int, Article]]:
        pending = list(reversed(jobs))
        count = min(self.n, len(jobs))
        workers = self.ready[:count]
        for w in self.ready[count:]:
            w.stop()
        for w in workers:
            w.conn.send(self.settings)
        for w in list(workers):  # the prestarted workers' siblings first: they start with the models loaded
            workers += w.siblings(count - len(workers))
        workers += [_Worker(self.stage) for _ in range(count - len(workers))]

        def feed() -> None:
            """Send each next job to the worker with the fewest bytes of jobs waiting that can take it, so that the
            jobs sent ahead (while this process may be busy) are spread by size, one each first."""
            while pending:
                open_ = sorted((w for w in workers if len(w.jobs) < _AHEAD), key=lambda w: sum(w.sizes))
                if not any(w.offer(pending[-1], self.seconds) for w in open_):
                    return
                pending.pop()

        try:
            feed()
            if self.started is not None:
                self.started()
            while any(w.jobs for w in workers):
                busy = [w for w in workers if w.jobs]
                timeout = max(0.0, min(w.deadline for w in busy) - monotonic())
                ready = wait([w.conn for w in busy], timeout=timeout)
                for k, w in enumerate(workers):
                    if not w.jobs:
                        continue
                    idx, article = w.jobs[0]
                    if w.conn in ready:
                        try:
                            result = w.conn.recv()
                        except (EOFError, OSError):
                            w.proc.join(1)
                            result = _skip(article, _died(w.proc.exitcode))
                        else:
                            if isinstance(result, _Hello):  # a sibling has started
                                w.proc.pid = int(result)
                                continue
                            w.done(self.seconds)
                            yield idx, result
                            feed()
                            continue
                    elif monotonic() < w.deadline:
                        continue
                    else:
                        result = _skip(
                            article,
                            f"took longer than the per-article time budget ({self.seconds:g} s) while cleaning or"
                            " extracting; left out so that the rest of the batch goes on",
                        )
                    # the worker is dead or stuck: skip its current job, give the ones queued behind it back
                    w.jobs.popleft()
                    pending.extend(reversed(w.jobs))
                    w.jobs.clear()
                    w.sizes.clear()
                    w.kill()
                    yield idx, result
                    workers[k] = w = _Worker(self.stage)
                    feed()
        finally:
            # siblings first: a sibling holds its parent's end of the pipe multiprocessing watches to see the
            # parent end, so the parent is stopped once they are gone
            for w in reversed(workers):
                w.stop()


def _died(exitcode: int | None) -> str:
    if exitcode is None:  # a sibling's exit status goes to its parent
        return "the worker processing this article died (out of memory or a crash in native code?)"
    if exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        return f"the worker processing this article died ({name}; out of memory or a crash in native code)"
    return f"the worker processing this article died (exit code {exitcode})"
