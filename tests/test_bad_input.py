"""Bad input: a clear message, a skipped entry with its reason, and the batch goes on."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from crosscheck import analyze
from crosscheck.ingest import IngestMessage

GOOD = (
    "Bridge closed after barge strike\n\nROTTERDAM (AP) — A river barge struck a road bridge near Rotterdam on "
    "Tuesday, forcing the authorities to close it to traffic for at least two weeks, officials said.\n\n"
    "“The structure has to be inspected before anyone drives on it again,” said Pieter de Vries, a city engineer.\n"
)


@pytest.fixture()
def batch(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("   \n\n  \n")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    (tmp_path / "huge.txt").write_bytes(b"word " * (10 * 1024 * 1024 + 10))  # 50 MB
    (tmp_path / "latin1.txt").write_bytes(GOOD.replace("“", '"').replace("”", '"').replace("Pieter", "Piëter").encode("cp1252"))
    (tmp_path / "garbage_utf8.txt").write_bytes(b"Valid start \xc3\x28 then \xa0\xa1 broken \xf0\x28\x8c\x28 bytes " * 3)
    (tmp_path / "broken.html").write_text("<html><head><title>x</title><body><div><p>unclosed <b>tags <<<>>> &&&")
    paras = "".join(f"<p>{p}" for p in GOOD.split("\n\n")[1:])  # unclosed <p>, <div> and <body>
    (tmp_path / "broken_but_rich.html").write_text(f"<html><head><title>Bridge closed</title><body><div><article>{paras}<p>Traffic was diverted <b>via the A15 & the <i>ring road.</article></span>")
    (tmp_path / "feed.jsonl").write_text(
        json.dumps({"id": "j1", "text": GOOD, "title": "Bridge closed", "published": "2025-05-06"})
        + "\n{not json at all\n"
        + json.dumps({"id": "j3", "title": "no text"})
        + "\n"
        + json.dumps(["a", "list"])
        + "\n"
    )
    return tmp_path


def by_source(report, name):
    return [a for a in report.articles if a.source_path and name in a.source_path]


def test_batch_goes_on_and_every_input_is_listed(batch):
    msgs: list[IngestMessage] = []
    rep = analyze([batch, batch / "missing.txt"], messages=msgs)
    status = {a.id: (a.status.value, a.reason) for a in rep.articles}
    assert status["good"][0] == "ok"
    assert status["j1"][0] == "ok"
    assert status["empty"] == ("skipped", "empty file")
    assert status["blank"] == ("skipped", "empty file")
    assert status["image"][0] == "skipped" and "binary" in status["image"][1]
    assert status["huge"][0] == "skipped" and "too large" in status["huge"][1] and "52.4 MB" in status["huge"][1]
    assert status["missing"][0] == "skipped" and "no such file" in status["missing"][1]
    assert status["broken"][0] == "skipped" and "too little text" in status["broken"][1]
    assert any("malformed HTML" in m.message and "broken.html" in m.source for m in msgs)
    assert status["broken_but_rich"][0] == "ok", status["broken_but_rich"]
    assert any("malformed HTML" in m.message and "broken_but_rich.html" in m.source for m in msgs)
    assert status["feed:2"][0] == "skipped" and "not valid JSON" in status["feed:2"][1]
    assert status["j3"][0] == "skipped" and "no 'text'" in status["j3"][1]
    assert status["feed:4"][0] == "skipped" and "not an object" in status["feed:4"][1]
    # every skip has a message for stderr
    skipped_msgs = [m for m in msgs if m.level == "skipped"]
    assert len(skipped_msgs) == sum(1 for a in rep.articles if not a.ok)


def test_legacy_encoding_is_decoded_with_a_warning(batch):
    msgs: list[IngestMessage] = []
    rep = analyze([batch / "latin1.txt"], messages=msgs)
    a = rep.articles[0]
    assert a.ok
    assert "Piëter de Vries" in a.text
    assert a.encoding and a.encoding != "utf-8"
    assert any("not valid UTF-8" in m.message for m in msgs)


def test_invalid_utf8_is_not_lost(batch):
    msgs: list[IngestMessage] = []
    rep = analyze([batch / "garbage_utf8.txt"], messages=msgs)
    a = rep.articles[0]
    # either decoded with a stated encoding, or skipped with a reason: never silent, never a crash
    assert msgs and "UTF-8" in msgs[0].message
    if a.ok:
        assert "Valid start" in a.text
    else:
        assert "UTF-8" in a.reason


def test_cli_exit_codes_and_no_traceback(batch, tmp_path):
    proc = subprocess.run([sys.executable, "-m", "crosscheck.cli", "analyze", str(batch)], capture_output=True, timeout=300)
    assert proc.returncode == 0
    err = proc.stderr.decode()
    assert "Traceback" not in err
    assert "empty file" in err
    # one message per skipped input, saying "skipped" once: "skipped: PATH: REASON"
    for line in err.splitlines():
        if "empty file" in line:
            assert line.startswith("skipped: ") and line.count("skipped") == 1, line
    assert "too large" in err
    out = json.loads(proc.stdout)
    assert any(a["status"] == "ok" for a in out["articles"])

    only_bad = tmp_path / "bad"
    only_bad.mkdir()
    (only_bad / "empty.txt").write_bytes(b"")
    proc = subprocess.run(
        [sys.executable, "-m", "crosscheck.cli", "analyze", str(only_bad), str(only_bad / "nope.txt")], capture_output=True, timeout=300
    )
    assert proc.returncode == 1
    err = proc.stderr.decode()
    assert "nothing could be analysed" in err
    assert "no such file or folder" in err
    assert "Traceback" not in err
    assert len(json.loads(proc.stdout)["articles"]) == 2
