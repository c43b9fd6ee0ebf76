"""``crosscheck serve`` on the command line: clear errors (no traceback), markup-safe messages, and the web
libraries imported only by ``serve`` so that ``crosscheck --help`` stays fast."""

from __future__ import annotations

import socket
import subprocess
import sys

import pytest

from test_cli import run_cli


def test_help_lists_serve_and_imports_no_web_library():
    proc = run_cli("--help")
    assert proc.returncode == 0 and b"serve" in proc.stdout
    code = (
        "import sys; import crosscheck.cli; "
        "print(sorted(m for m in ('fastapi', 'uvicorn', 'starlette', 'jinja2', 'crosscheck.web') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.stdout.strip() == "[]", out.stderr


def test_serve_help_shows_the_local_default():
    proc = run_cli("serve", "--help")
    assert proc.returncode == 0
    text = proc.stdout.decode()
    assert "--host" in text and "127.0.0.1" in text and "--port" in text and "--store" in text


def test_port_in_use_is_a_clear_error():
    pytest.importorskip("fastapi", reason="the web extra is not installed", exc_type=ImportError)
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        proc = run_cli("serve", "--port", str(port))
    err = proc.stderr.decode()
    assert proc.returncode == 1 and "Traceback" not in err
    assert f"cannot listen on 127.0.0.1:{port}" in err


def test_bad_arguments_are_clear_errors(tmp_path):
    pytest.importorskip("fastapi", reason="the web extra is not installed", exc_type=ImportError)
    proc = run_cli("serve", "--store", str(tmp_path / "missing" / "runs.db"))
    assert proc.returncode == 2 and b"folder" in proc.stderr and b"does not exist" in proc.stderr
    not_db = tmp_path / "notes.txt"
    not_db.write_text("these are my notes, not a database\n" * 100)
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    proc = run_cli("serve", "--store", str(not_db), "--port", str(port))
    err = proc.stderr.decode()
    assert proc.returncode == 1 and "Traceback" not in err
    assert f"cannot open the run store {not_db}: file is not a database" in err
    proc = run_cli("serve", "--port", "70000")
    assert proc.returncode == 2 and b"Traceback" not in proc.stderr
    proc = run_cli("serve", "--host", "[/x] [red]nowhere[/]", "--port", "8123")
    err = proc.stderr.decode()
    assert proc.returncode == 1 and "Traceback" not in err
    assert "[/x] [red]nowhere[/]" in err and "anyone who can reach this address" in err
