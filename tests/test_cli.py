"""The command line, end to end in a subprocess, and the JSON Schema of its output."""

from __future__ import annotations

import json
import subprocess
import sys

import jsonschema

from conftest import ROOT


def run_cli(*args: str, stdin: bytes | None = None, cwd=ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "crosscheck.cli", *args], input=stdin, capture_output=True, cwd=cwd, timeout=300
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
    assert "| 003_6f6f0011fdd5f435 |" in md
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
