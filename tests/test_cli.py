"""The command line, end to end in a subprocess, and the JSON Schema of its output."""

from __future__ import annotations

import json
import subprocess
import sys

import jsonschema
import pytest

from conftest import ROOT


def run_cli(*args: str, stdin: bytes | None = None, cwd=ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    import os

    return subprocess.run(
        [sys.executable, "-m", "crosscheck.cli", *args], input=stdin, capture_output=True, cwd=cwd, timeout=300,
        env={**os.environ, **(env or {})},
    )


def test_analyze_seeds_validates_against_schema(seeds_dir):
    proc = run_cli("analyze", str(seeds_dir))
    assert proc.returncode == 0, proc.stderr.decode()
    report = json.loads(proc.stdout)
    schema = json.loads((ROOT / "docs" / "report.schema.json").read_text())
    jsonschema.validate(report, schema)
    assert len(report["articles"]) == 5
    assert {a["status"] for a in report["articles"]} == {"ok"}
    assert b"5 article(s) analysed" in proc.stderr


def test_schema_file_is_current():
    """docs/report.schema.json is what the models generate (regenerate with `crosscheck schema -o`)."""
    proc = run_cli("schema")
    assert proc.returncode == 0
    assert json.loads(proc.stdout) == json.loads((ROOT / "docs" / "report.schema.json").read_text())


def test_markdown_to_file(tmp_path, seeds_dir):
    out = tmp_path / "r.md"
    proc = run_cli("analyze", str(seeds_dir), "--format", "md", "-o", str(out))
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stdout == b""
    md = out.read_text()
    assert md.startswith("# crosscheck report")
    assert "| `003_6f6f0011fdd5f435` |" in md
    assert "off-topic" in md


def test_stdin_text(tmp_path):
    text = (
        "Harbour fire\n\nBy Ana Lima\n\nLISBON (Reuters) – A fire broke out in a warehouse at the port of Lisbon on "
        "Monday, the fire service said, and more than 60 firefighters were sent to the scene.\n\n"
        "No one was hurt, a spokesman said.\n"
    ).encode()
    proc = run_cli("analyze", "-", stdin=text)
    assert proc.returncode == 0, proc.stderr.decode()
    art = json.loads(proc.stdout)["articles"][0]
    assert art["id"] == "stdin"
    assert art["title"] == "Harbour fire"
    assert art["byline"] == ["Ana Lima"]
    assert art["dateline"] == "LISBON"
    assert art["credit"] == "Reuters"


def test_unknown_format_is_a_usage_error(seeds_dir):
    proc = run_cli("analyze", str(seeds_dir), "--format", "pdf")
    assert proc.returncode == 2
    assert b"unknown format" in proc.stderr
    assert b"Traceback" not in proc.stderr


# --------------------------------------------------------------------------
# CLI conventions

_ARTICLE = (
    "Harbour fire destroys warehouses\n\nLISBON (Reuters) – A fire destroyed three warehouses at the port of Lisbon "
    "on Monday, the fire service said, and more than 60 firefighters were sent to the scene. No one was hurt, "
    "a spokesman for the port authority said, adding that the cause of the blaze was not yet known.\n"
)


@pytest.fixture()
def one_article(tmp_path):
    p = tmp_path / "fire.txt"
    p.write_text(_ARTICLE, encoding="utf-8")
    return p


@pytest.mark.parametrize(("suffix", "start"), [(".html", "<!DOCTYPE html>"), (".md", "# crosscheck report"), (".json", "{"), (".MD", "# crosscheck report")])
def test_format_from_output_suffix(tmp_path, one_article, suffix, start):
    out = tmp_path / f"report{suffix}"
    proc = run_cli("analyze", str(one_article), "-o", str(out), "-q")
    assert proc.returncode == 0, proc.stderr.decode()
    assert out.read_text(encoding="utf-8").startswith(start)


@pytest.mark.parametrize("fmt", ["MD", "Html", "JSON", "markdown"])
def test_format_is_case_insensitive(one_article, fmt):
    proc = run_cli("analyze", str(one_article), "-f", fmt, "-q")
    assert proc.returncode == 0, proc.stderr.decode()
    first = proc.stdout.decode()[:20]
    assert first.startswith({"md": "# crosscheck", "markdown": "# crosscheck", "html": "<!DOCTYPE", "json": "{"}[fmt.lower()])


def test_output_folder_checked_before_any_work(tmp_path, one_article):
    proc = run_cli("analyze", str(one_article), "-o", str(tmp_path / "missing" / "r.md"))
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert "does not exist" in err and "analysed" not in err and "Traceback" not in err
    proc = run_cli("analyze", str(one_article), "-o", str(tmp_path))
    assert proc.returncode == 2 and "is a folder" in proc.stderr.decode()


def test_help_shows_no_bool_type():
    proc = run_cli("analyze", "--help", env={"COLUMNS": "160"})
    out = proc.stdout.decode()
    assert proc.returncode == 0
    assert "--quiet" in out and "--max-items" in out and "--verbose" in out
    assert "<bool>" not in out and "<list[str]>" not in out


def test_each_message_says_one_thing_once(tmp_path, one_article):
    missing = tmp_path / "nope.txt"
    proc = run_cli("analyze", str(one_article), str(missing))
    err = proc.stderr.decode()
    line = next(x for x in err.splitlines() if "nope.txt" in x)
    assert line.count("skipped") == 1, line


def test_markup_in_paths_and_arguments_is_printed_as_is(tmp_path, one_article):
    odd = tmp_path / "[/x] [red]report[dask].txt"
    proc = run_cli("analyze", str(one_article), str(odd), "[/]")
    err = proc.stderr.decode()
    assert proc.returncode == 0, err
    assert "Traceback" not in err
    assert "[/x] [red]report[dask].txt" in err and "[/]" in err


def test_bad_numbers_are_usage_errors(one_article, tmp_path):
    proc = run_cli("analyze", str(one_article), "--workers", "-3")
    assert proc.returncode == 2 and b"Traceback" not in proc.stderr
    proc = run_cli("schema", "-o", str(tmp_path))
    assert proc.returncode == 2 and b"Traceback" not in proc.stderr and b"is a folder" in proc.stderr


def test_no_progress_when_stderr_is_not_a_terminal(one_article):
    proc = run_cli("analyze", str(one_article))
    err = proc.stderr.decode()
    assert "articles/s" not in err and "\x1b[" not in err
    assert run_cli("analyze", str(one_article), "-q").stderr == b""


def test_verbose_logs_each_article(tmp_path, one_article):
    second = tmp_path / "fire2.txt"
    second.write_text(_ARTICLE.replace("Monday", "Tuesday"), encoding="utf-8")
    proc = run_cli("analyze", str(one_article), str(second), "--verbose")
    err = proc.stderr.decode()
    assert "[1/2]" in err and "[2/2]" in err and "fire2.txt: analysed" in err


def test_progress_bar_on_a_terminal(one_article):
    """With stderr on a terminal, a progress display (articles done, rate) is drawn; --quiet draws nothing."""
    import os
    import pty

    def on_tty(*args: str) -> str:
        master, slave = pty.openpty()
        proc = subprocess.Popen(
            [sys.executable, "-m", "crosscheck.cli", *args], stdout=subprocess.DEVNULL, stderr=slave, cwd=ROOT,
            env={**os.environ, "COLUMNS": "120", "TERM": "xterm"},
        )
        os.close(slave)
        chunks = []
        while True:
            try:
                data = os.read(master, 4096)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
        proc.wait(timeout=300)
        os.close(master)
        return b"".join(chunks).decode(errors="replace")

    shown = on_tty("analyze", str(one_article))
    assert "articles" in shown and "1/1" in shown, shown[-500:]
    assert "1 article(s) analysed" in shown
    quiet = on_tty("analyze", str(one_article), "-q")
    assert quiet.strip() == ""


def test_dask_hint_keeps_the_extra_name(one_article):
    try:
        import dask  # noqa: F401
    except ImportError:
        proc = run_cli("analyze", str(one_article), "--backend", "dask")
        err = proc.stderr.decode()
        assert proc.returncode == 0, err
        assert "[dask]" in err and "running in local processes" in err
    else:
        pytest.skip("dask is installed: the hint is not shown")


def test_broken_optional_parts_degrade_with_a_message(tmp_path, one_article):
    """A broken install of the HTML reader or the embedders skips or degrades with a message; the batch goes on."""
    page = tmp_path / "page.html"
    page.write_text("<html><head><title>Harbour fire</title></head><body><article><p>" + _ARTICLE * 2 + "</p></article></body></html>")
    # a sitecustomize that makes trafilatura and both embedders fail to import
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "sitecustomize.py").write_text(
        "import sys\nfor m in ('trafilatura', 'static_model', 'onnxruntime'):\n    sys.modules[m] = None\n"
    )
    second = tmp_path / "fire2.txt"
    second.write_text(_ARTICLE.replace("Monday", "Tuesday"), encoding="utf-8")
    import os

    proc = run_cli("analyze", str(one_article), str(second), str(page), env={"PYTHONPATH": str(tmp_path / "site") + os.pathsep + os.environ.get("PYTHONPATH", "")})
    err = proc.stderr.decode()
    assert proc.returncode == 0, err
    assert "Traceback" not in err
    assert "HTML reader unavailable" in err
    assert "embeddings unavailable" in err
    report = json.loads(proc.stdout)
    assert [a["status"] for a in report["articles"]].count("ok") == 2
