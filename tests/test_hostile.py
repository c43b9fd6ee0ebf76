"""Hostile input (issue 14): every attack ends analysed or skipped with its reason, and the batch goes on.

The files come from tests/hostile_corpus.py, written into a temporary folder at test time.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

import hostile_corpus as hc
from crosscheck import analyze
from crosscheck.clean import clean
from crosscheck.ingest import IngestMessage, ingest
from crosscheck.model import Article
from crosscheck.runner import run_articles
from crosscheck.settings import Settings

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def odd(tmp_path_factory):
    d = tmp_path_factory.mktemp("hostile")
    return d, hc.odd_files(d)


def _one(paths, **kw):
    msgs: list[IngestMessage] = []
    arts = ingest(paths, messages=msgs, **kw)
    return arts, msgs


def _reason(arts):
    assert len(arts) == 1, [(a.id, a.reason) for a in arts]
    return arts[0].reason or ""


def test_non_regular_files_are_refused_before_reading(odd):
    _d, files = odd
    for kind in ("fifo", "dev_zero", "dev_urandom"):
        arts, msgs = _one([files[kind]])
        assert not arts[0].ok
        assert "not a regular file" in _reason(arts), kind
        assert any("not a regular file" in m.message for m in msgs)
    assert "FIFO" in _reason(_one([files["fifo"]])[0])
    assert "character device" in _reason(_one(["/dev/zero"])[0])


def test_symlinks_followed_once_loops_and_dangling_links_reported(odd):
    _d, files = odd
    arts, _ = _one([files["symlink_folder"]])
    by_name = {Path(a.source_path).name: a for a in arts}
    assert by_name["inner.txt"].ok
    assert "symbolic link loop" in by_name["up"].reason and "already read" in by_name["up"].reason
    assert "symbolic link loop" in by_name["self_a"].reason and "symbolic link loop" in by_name["self_b"].reason
    assert "dangling symbolic link" in by_name["dangling.txt"].reason and "nowhere.txt" in by_name["dangling.txt"].reason
    assert "FIFO" in by_name["fifo_in_folder.txt"].reason
    assert sum(a.ok for a in arts) == 1  # inner.txt read once, not again through 'up'
    arts, _ = _one([files["symlink_file"]])
    assert arts[0].ok and "Hamburg" in arts[0].raw_text


def test_empty_path_is_an_error_not_the_current_folder(odd, monkeypatch):
    d, files = odd
    monkeypatch.chdir(d)  # a folder full of readable files: an empty path must not walk it
    arts, _ = _one([files["empty_path"]])
    assert not arts[0].ok and "empty path" in arts[0].reason


def test_long_names_and_paths_give_a_skipped_entry(odd):
    _d, files = odd
    for kind in ("long_name", "long_path"):
        arts, _ = _one([files[kind]])
        assert not arts[0].ok and "name too long" in arts[0].reason, kind


def test_undecodable_names_and_surrogates_reach_a_report_that_serialises(odd):
    _d, files = odd
    rep = analyze([files["undecodable_name"], files["surrogate_id"], files["good"]], embedder="none")
    names = [a.source_path for a in rep.articles]
    assert any("caf\\xe9-\\xff.txt" in n for n in names), names
    surrogate = next(a for a in rep.articles if "surrogate" in (a.source_path or ""))
    assert surrogate.id == "\ufffd" and surrogate.title == "\ufffd half"
    text = rep.model_dump_json()
    text.encode("utf-8")  # strict: a lone surrogate would raise here
    assert json.loads(text)["articles"]


def test_nested_json_is_a_skipped_entry_and_the_batch_goes_on(tmp_path):
    paths = [hc.nested_json(tmp_path), hc.nested_jsonl(tmp_path)]
    arts, _ = _one(paths)
    status = {a.id: (a.ok, a.reason) for a in arts}
    assert status["deep"] == (False, "JSON nested too deeply to read")
    assert status["deep:2"][0] is False and "nested too deeply" in status["deep:2"][1]
    assert status["deep-ok-1"][0] and status["deep-ok-2"][0]


def test_utf16_with_and_without_bom(odd):
    _d, files = odd
    for kind, enc in (("utf16_bom", "utf-16-le"), ("utf16le_no_bom", "utf-16-le"), ("utf16be_no_bom", "utf-16-be")):
        arts, _ = _one([files[kind]])
        assert arts[0].ok, (kind, arts[0].reason)
        assert arts[0].encoding == enc
        assert "Maja Brändt" in arts[0].raw_text


def test_utf8_with_a_few_bad_bytes_stays_utf8(odd):
    _d, files = odd
    arts, msgs = _one([files["utf8_few_bad_bytes"]])
    a = arts[0]
    assert a.ok and a.encoding == "utf-8"
    assert "Maja Brändt Þórsdóttir" in a.raw_text  # not mangled by a legacy code page
    assert "The harbour master \ufffd said work \ufffd would resume." in a.raw_text
    assert any("2 invalid UTF-8 byte sequence(s) replaced" in m.message for m in msgs)


def test_nuls_anywhere_are_removed(odd):
    _d, files = odd
    arts, msgs = _one([files["nul_after_8k"]])
    assert arts[0].ok and "\x00" not in arts[0].raw_text and "strike" in arts[0].raw_text
    assert any("NUL character(s) removed" in m.message for m in msgs)


def test_far_future_date_is_dropped_and_tomorrow_does_not_overflow(odd):
    _d, files = odd
    rep = analyze([files["date_9999_tomorrow"]], embedder="none")
    a = rep.articles[0]
    assert a.ok, a.reason
    assert a.published is None
    assert any(r.reason == "metadata:date" and "9999-12-31" in r.text for r in a.removed)


def test_huge_number_is_not_a_publication_date(odd):
    _d, files = odd
    arts, msgs = _one([files["published_1e308"]])
    assert arts[0].ok and arts[0].published is None
    assert any("1e+308" in m.message and "not understood" in m.message for m in msgs)
    # a plausible Unix time is a date
    p = Path(files["published_1e308"]).with_name("epoch.jsonl")
    p.write_text(json.dumps({"id": "epoch", "published": 1746532800, "text": hc.ARTICLE}) + "\n")
    assert str(_one([p])[0][0].published) == "2025-05-06"


def test_the_whole_odd_batch_is_accounted_for(odd):
    d, files = odd
    msgs: list[IngestMessage] = []
    paths = [p for k, p in files.items() if k != "empty_path"] + [""]
    rep = analyze(paths, messages=msgs, embedder="none")
    analysed = {a.source_path for a in rep.articles if a.ok}
    assert files["good"] in analysed
    # every input appears, every skip has a reason and a message
    assert all(a.ok or a.reason for a in rep.articles)
    assert len([m for m in msgs if m.level == "skipped"]) == len(rep.skipped)
    sources = " ".join(a.source_path or "" for a in rep.articles)
    for kind in ("fifo", "long_name", "utf16_bom", "date_9999_tomorrow"):
        assert Path(files[kind]).name[:40] in sources, kind
    rep.model_dump_json().encode("utf-8")


@pytest.mark.parametrize("kind", sorted(hc.FLOODS))
def test_floods_end_analysed_or_skipped_with_a_reason(tmp_path, kind):
    path = hc.FLOODS[kind](tmp_path, 0.1)  # the 1x sizes run in the memory test; growth in test_hostile_growth
    good = tmp_path / "good.txt"
    good.write_text(hc.ARTICLE, encoding="utf-8")
    arts, _ = _one([path, good])
    for a in arts:
        clean(a)
        assert a.ok or a.reason, a.id
    assert arts[-1].ok and arts[-1].id == "good"


def test_per_article_limits_apply_before_parsing(tmp_path):
    settings = Settings(max_article_chars=2_000, max_article_tokens=300)
    (tmp_path / "long.txt").write_text(hc.ARTICLE * 5, encoding="utf-8")
    (tmp_path / "dense.txt").write_text(hc.ARTICLE + "(" * 400, encoding="utf-8")
    (tmp_path / "page.html").write_text(hc.article_html(hc.BODY * 5), encoding="utf-8")
    (tmp_path / "good.txt").write_text(hc.ARTICLE, encoding="utf-8")
    arts, _ = _one([tmp_path], settings=settings)
    status = {a.id: a.reason for a in arts}
    assert status["long"].startswith("article too long: 3,270 characters") and "limit 2,000" in status["long"]
    assert status["dense"] == "article too long: more than 300 tokens (estimated before parsing)"
    assert status["page"].startswith("article too long")
    assert status["good"] is None
    tiny_pages = Settings(max_html_elements=5)
    assert "too many elements" in _reason(_one([tmp_path / "page.html"], settings=tiny_pages)[0])
    # an Article given as an object meets the same limits in the runner
    given = Article(id="given", raw_text=hc.ARTICLE * 5)
    out = run_articles([given], settings=settings)
    assert not out[0].ok and out[0].reason.startswith("article too long")


# --------------------------------------------------------------------------
# the per-article time budget


def _stuck_stage(article: Article) -> Article:
    if "STUCK-PY" in article.raw_text:
        while True:  # a runaway loop in Python
            pass
    if "STUCK-RE" in article.raw_text:
        re.match(r"(a+)+$", "a" * 64 + "b")  # catastrophic backtracking: native code, no signal gets in
    if "CRASH" in article.raw_text:
        os._exit(3)  # the worker dies
    article.title = "done"
    return article


@pytest.mark.parametrize("backend", ["serial", "process"])
def test_a_runaway_article_is_skipped_and_the_rest_go_on(backend):
    arts = [Article(id=f"a{i}", raw_text=t) for i, t in enumerate(["fine", "STUCK-PY", "fine", "STUCK-RE", "CRASH", "fine"])]
    start = time.monotonic()
    out = run_articles(arts, _stuck_stage, backend=backend, workers=2, settings=Settings(article_seconds=1.5))
    assert time.monotonic() - start < 60  # bounded by the budget, not by the runaway articles
    assert [a.id for a in out] == [a.id for a in arts]
    assert [a.title for a in out if a.ok] == ["done", "done", "done"]
    for bad in (out[1], out[3]):
        assert not bad.ok and "per-article time budget (1.5 s)" in bad.reason
    assert not out[4].ok and "died (exit code 3)" in out[4].reason


def test_a_runaway_article_before_a_large_one_is_still_cut_off():
    """The next article is sent ahead to a busy worker. One larger than the pipe holds would block this process in
    the send until the worker reads it, which a runaway worker never does: the budget would never be enforced.
    Run in a child process, so that a blocked supervisor fails the test instead of hanging the suite."""
    code = (
        "import test_hostile as t\n"
        "from crosscheck.model import Article\n"
        "from crosscheck.runner import run_articles\n"
        "from crosscheck.settings import Settings\n"
        "big = 'fine ' + 'word ' * 50_000\n"  # 250 kB: under the size limit, more than a pipe or socket pair holds
        "arts = [Article(id='stuck', raw_text='STUCK-PY')] + [Article(id=k, raw_text=big) for k in ('big', 'after')]\n"
        "out = run_articles(arts, t._stuck_stage, backend='serial', settings=Settings(article_seconds=1.5))\n"
        "print([a.reason if not a.ok else a.title for a in out])\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=Path(__file__).parent, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    first, *rest = eval(proc.stdout)  # noqa: S307 - our own child's printed list
    assert "per-article time budget (1.5 s)" in first
    assert rest == ["done", "done"]


def test_budget_off_runs_in_process():
    out = run_articles([Article(id="x", raw_text="fine")], _stuck_stage, budget=False)
    assert out[0].title == "done"


# --------------------------------------------------------------------------
# memory


_MEMORY_SCRIPT = """
import resource, sys
sys.path.insert(0, {tests!r})
resource.setrlimit(resource.RLIMIT_AS, ({cap}, {cap}))
from pathlib import Path
import hostile_corpus as hc
from crosscheck.clean import clean
from crosscheck.ingest import ingest
d = Path({folder!r})
paths = [make(d, 1.0 if kind not in ("json_list", "duplicate_ids") else 0.25) for kind, make in hc.FLOODS.items()]
(d / "good.txt").write_text(hc.ARTICLE)
arts = ingest(paths + [d / "good.txt"])
for a in arts:
    clean(a)
    assert a.ok or a.reason
assert arts[-1].ok
print("ok", len(arts), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024, "MB")
"""


def test_floods_run_under_a_memory_cap(tmp_path):
    cap = 1536 * 1024 * 1024  # 1.5 GB of address space for ingest + clean of every flood (the issue saw 4-5.6 GB)
    script = _MEMORY_SCRIPT.format(tests=str(ROOT / "tests"), cap=cap, folder=str(tmp_path))
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.startswith("ok")
