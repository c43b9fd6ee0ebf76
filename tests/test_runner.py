"""The runner gives the same articles whatever the backend."""

from __future__ import annotations

import pytest

from conftest import FIXTURES
from crosscheck import analyze
from crosscheck.model import Article
from crosscheck.runner import run_articles

CLEAN = sorted(p for p in (FIXTURES / "clean").iterdir() if not p.name.endswith(".json"))


def _summary(rep):
    return [(a.id, a.status.value, a.title, a.text, [r.text for r in a.removed], [s.off_topic for s in a.sections]) for a in rep.articles]


def test_process_pool_matches_serial():
    serial = analyze(CLEAN, backend="serial", embedder="none")
    pooled = analyze(CLEAN, backend="process", workers=2, embedder="none")
    assert _summary(pooled) == _summary(serial)
    assert len(serial.articles) == len(CLEAN)


def test_dask_matches_serial():
    pytest.importorskip("dask.bag")
    serial = analyze(CLEAN[:6], backend="serial", embedder="none")
    dasked = analyze(CLEAN[:6], backend="dask", workers=2, embedder="none")
    assert _summary(dasked) == _summary(serial)


def test_unknown_backend():
    with pytest.raises(ValueError, match="unknown backend"):
        analyze(CLEAN[:2], backend="spark")


def _stamp(article):
    from time import monotonic, sleep

    sleep(0.1)  # some work
    article.title = repr(monotonic())  # when the worker finished it (CLOCK_MONOTONIC is one clock for all processes)
    return article


def test_a_worker_keeps_working_while_this_process_holds_the_gil():
    """The embedder loads in a thread of the coordinating process and holds the GIL for seconds (static_model's
    loader does). The worker must not sit idle meanwhile: its next article is already in its pipe."""
    import re
    from time import monotonic

    held: list[float] = []

    def hold_the_gil() -> None:
        held.append(monotonic())
        re.match(r"(a+)+$", "a" * 24 + "b")  # one call into native code, GIL held throughout (1-3 s)
        held.append(monotonic())

    arts = [Article(id=f"a{i}", raw_text="fine") for i in range(4)]
    out = run_articles(arts, _stamp, backend="serial", meanwhile=hold_the_gil)
    assert [a.id for a in out] == ["a0", "a1", "a2", "a3"] and all(a.ok for a in out)
    finished = sorted(float(a.title) for a in out)
    assert sum(1 for t in finished if t <= held[1]) >= 2, (held, finished)  # the second article did not wait for the GIL


def test_stream_articles_yields_each_article_once_skipped_ones_first():
    from crosscheck.runner import stream_articles

    arts = [Article(id="a", raw_text="fine"), Article(id="b", raw_text=""), Article(id="c", raw_text="fine")]
    arts[1].status, arts[1].reason = arts[1].status.skipped, "no text"
    stream = stream_articles(arts, _stamp, backend="process", workers=2)
    first = next(stream)
    assert first[0] == 1 and first[1].reason == "no text"  # the skipped one, before any work
    rest = dict(stream)
    assert sorted(rest) == [0, 2] and all(a.ok and a.title for a in rest.values())


def test_workers_end_when_their_coordinating_process_is_killed():
    """A run killed with SIGKILL (the crash test of the store) must not leave its workers behind: each holds a
    parsed model (~200 MB) and would wait for work for ever."""
    import os
    import signal
    import subprocess
    import sys
    import time

    code = (
        "import os, signal, sys\n"
        "from crosscheck import runner\n"
        "runner.prestart(1)\n"
        "print(runner._prestarted[0].proc.pid, flush=True)\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == -signal.SIGKILL
    pid = int(proc.stdout.split()[0])
    for _ in range(100):  # up to 20 s for the orphan to notice and end
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.2)
    else:
        os.kill(pid, signal.SIGKILL)
        raise AssertionError("the worker outlived its coordinating process")


def test_the_words_a_worker_looks_up_are_those_it_is_given():
    """A fresh worker gets the frequencies of each article's words (clean.sections.lookup_words) instead of loading
    wordfreq's list: every word the cleaning and extraction of real articles look up must be among them."""
    from crosscheck.clean import sections
    from crosscheck.ingest import ingest
    from crosscheck.runner import per_article

    from conftest import SEEDS

    asked: list[str] = []
    real = sections._zipf

    def recording(word: str) -> float:
        asked.append(word)
        return real.__wrapped__(word)

    arts = ingest([SEEDS]) + ingest(CLEAN[:6])
    assert len(arts) >= 10
    try:
        sections._zipf = recording  # what the stages call, looked up at call time
        for a in arts:
            before = len(asked)
            given = sections.lookup_words(a.raw_text)
            done = per_article(a)
            assert done.ok, done.reason
            missing = set(asked[before:]) - given
            assert not missing, (a.id, sorted(missing))
    finally:
        sections._zipf = real
    assert len(set(asked)) > 300  # the stages do look words up


def test_a_fresh_worker_given_the_frequencies_analyses_as_this_process_does():
    """The command line's worker is started before wordfreq is loaded anywhere and is sent the frequencies of its
    first articles' words; its results must be those of the stages run here."""
    import json
    import subprocess
    import sys

    from conftest import SEEDS

    code = (
        "import json, sys\n"
        "from crosscheck import runner\n"
        "runner.prestart(1)\n"
        "assert 'wordfreq' not in sys.modules\n"
        "from crosscheck.ingest import ingest\n"
        f"arts = runner.run_articles(ingest([{str(SEEDS)!r}]))\n"
        "print(json.dumps([a.model_dump(mode='json') for a in arts]))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    from crosscheck.ingest import ingest

    here = [a.model_dump(mode="json") for a in run_articles(ingest([SEEDS]), budget=False)]
    assert json.loads(proc.stdout) == here


def test_a_worker_pipe_holds_the_jobs_sent_ahead():
    """Jobs wait in a busy worker's pipe only up to runner._AHEAD_BYTES, and a send never blocks: the pipe, widened,
    holds that much without anyone reading."""
    import multiprocessing
    import os

    from crosscheck import prefork
    from crosscheck.runner import _AHEAD_BYTES

    parent, child = multiprocessing.get_context("fork").Pipe()
    assert prefork.widen(parent, child)
    os.set_blocking(parent.fileno(), False)
    held = 0
    chunk = b"x" * 4096
    try:
        while held < 2 * _AHEAD_BYTES:
            held += os.write(parent.fileno(), chunk)
    except BlockingIOError:
        pass
    finally:
        parent.close()
        child.close()
    assert held >= _AHEAD_BYTES
