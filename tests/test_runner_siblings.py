"""A prestarted worker forks its siblings once the tagger is loaded (runner._Siblings): the same results as in one
process, a stuck or dead sibling handled as any worker, nothing left behind. Each test runs a fresh process (the
first worker is forked before anything is imported, as the command line does)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds processes in /proc (Linux)")

# The start of each child: the first worker forked with a spare pipe, the examples twice (14 articles), a helper
# that lists a process's children, and a progress callback that acts once, at the first result (ACTION).
PRELUDE = f"""
import json, os, signal, sys, time
from crosscheck import prefork
prefork.start(2)
first = prefork._started[0][1].pid
from crosscheck import runner
from crosscheck.ingest import ingest
from crosscheck.settings import Settings
arts = [a for a in ingest([{str(EXAMPLES)!r}]) if a.ok] * 2

def children(pid):
    out = []
    for d in os.listdir('/proc'):
        try:
            with open(f'/proc/{{d}}/stat') as f:
                if int(f.read().rsplit(')', 1)[1].split()[1]) == pid:
                    out.append(int(d))
        except (OSError, ValueError, IndexError):
            pass
    return out

seen = []
def progress(article):
    if not seen:
        seen.extend(children(first) or [0])
        ACTION
"""


def _child(action: str, tail: str, timeout: float = 240) -> subprocess.CompletedProcess:
    code = PRELUDE.replace("ACTION", action) + tail
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout)


def _gone(pids: list[int], seconds: float = 20.0) -> list[int]:
    """Those of ``pids`` still running after up to ``seconds``."""
    end = time.monotonic() + seconds
    left = list(pids)
    while left and time.monotonic() < end:
        left = [p for p in left if _running(p)]
        if left:
            time.sleep(0.2)
    return left


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"  # a zombie has ended
    except OSError:
        return False


TAIL = """
out = runner.run_articles(arts, backend='process', workers=2, progress=progress, settings=SETTINGS)
print(json.dumps({'first': first, 'siblings': seen, 'here': runner._models_loaded(), 'n': len(arts),
                  'results': [a.model_dump(mode='json') if a.ok else a.reason for a in out]}), flush=True)
"""


def test_the_first_worker_forks_a_sibling_and_the_results_are_one_process_s():
    proc = _child("pass", TAIL.replace("SETTINGS", "Settings()") + (
        "same = runner.run_articles([a.model_copy(deep=True) for a in arts], budget=False)\n"
        "print(json.dumps([a.model_dump(mode='json') for a in same]))\n"
    ))
    assert proc.returncode == 0, proc.stderr
    got_line, same_line = proc.stdout.splitlines()[-2:]
    got = json.loads(got_line)
    assert len(got["siblings"]) == 1 and got["siblings"][0] > 0  # the first worker's child, forked for the run
    assert got["here"] is False  # the coordinating process never loaded the tagger
    assert got["results"] == json.loads(same_line)
    assert _gone([got["first"], *got["siblings"]]) == []


def test_a_stuck_sibling_is_killed_and_its_article_skipped():
    """SIGSTOP: the sibling stops answering, as a runaway article in native code would. It is killed when its
    article's budget is up; that article is skipped with the reason, the articles queued behind it go to a new
    worker, and every other article is analysed."""
    proc = _child("os.kill(seen[0], signal.SIGSTOP)", TAIL.replace("SETTINGS", "Settings(article_seconds=10)"))
    assert proc.returncode == 0, proc.stderr
    got = json.loads(proc.stdout.splitlines()[-1])
    skipped = [r for r in got["results"] if isinstance(r, str)]
    assert len(skipped) == 1 and "per-article time budget (10 s)" in skipped[0]
    assert len(got["results"]) == got["n"] >= 10
    assert _gone([got["first"], *got["siblings"]]) == []


def test_a_sibling_that_dies_costs_its_article_only():
    proc = _child("os.kill(seen[0], signal.SIGKILL)", TAIL.replace("SETTINGS", "Settings()"))
    assert proc.returncode == 0, proc.stderr
    got = json.loads(proc.stdout.splitlines()[-1])
    skipped = [r for r in got["results"] if isinstance(r, str)]
    assert len(skipped) <= 1 and all("the worker processing this article died" in r for r in skipped)
    assert len(got["results"]) == got["n"] >= 10 and sum(not isinstance(r, str) for r in got["results"]) >= got["n"] - 1
    assert _gone([got["first"], *got["siblings"]]) == []


def test_workers_and_siblings_end_when_the_coordinating_process_is_killed():
    """The coordinating process killed outright mid-run (SIGKILL): the first worker and its sibling, which have
    articles queued, must not go on for ever (each holds a parsed model)."""
    action = "print(json.dumps([first, *seen]), flush=True); os.kill(os.getpid(), signal.SIGKILL)"
    proc = _child(action, TAIL.replace("SETTINGS", "Settings()"))
    assert proc.returncode == -signal.SIGKILL
    pids = json.loads(proc.stdout.splitlines()[0])
    assert len(pids) == 2
    left = _gone(pids)
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert left == []
