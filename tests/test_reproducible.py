"""Reports are byte-identical whatever runs them: serial, local processes (--jobs 2), a Dask distributed
cluster (--scheduler), and under different PYTHONHASHSEED values. ``generated_at`` is fixed with
SOURCE_DATE_EPOCH (the reproducible-builds convention) so that whole reports can be compared."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, SEEDS


def corpus(dest: Path) -> Path:
    """The five seed reports of one event (with their discrepancies), the five quake fixtures and two
    unrelated articles: several stories, reuse links, discrepancies, single-article stories."""
    if not SEEDS.is_dir():
        pytest.skip(f"seeds not found at {SEEDS}")
    dest.mkdir()
    for f in sorted(SEEDS.glob("*.txt")):
        shutil.copy(f, dest / f.name)
    for f in sorted((FIXTURES / "provenance_quake").glob("*.txt")):
        shutil.copy(f, dest / f.name)
    for name in ("boj_rate_hike", "phoenix_heatwave"):
        shutil.copy(FIXTURES / "extraction" / f"{name}.txt", dest / f"{name}.txt")
    return dest


def run(args: list[str], seed: str, cwd: Path = ROOT) -> bytes:
    env = {**os.environ, "PYTHONHASHSEED": seed, "SOURCE_DATE_EPOCH": "1700000000"}
    proc = subprocess.run(
        [sys.executable, "-m", "crosscheck.cli", *args], capture_output=True, cwd=cwd, env=env, timeout=900
    )
    assert proc.returncode == 0, proc.stderr.decode()
    return proc.stdout


@pytest.fixture(scope="module")
def dask_scheduler():
    distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


def test_source_date_epoch_is_read_at_call_time(monkeypatch):
    from crosscheck.pipeline import report_time

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert report_time().isoformat() == "2023-11-14T22:13:20+00:00"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(ValueError, match="SOURCE_DATE_EPOCH"):
        report_time()
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert report_time().year >= 2024


def test_reports_identical_across_backends_and_hash_seeds(tmp_path, dask_scheduler):
    folder = corpus(tmp_path / "in")
    base = ["analyze", str(folder), "-f", "json", "-q"]
    serial0 = run(base, "0")
    assert b'"generated_at": "2023-11-14T22:13:20Z"' in serial0 or b"2023-11-14T22:13:20" in serial0
    assert b'"discrepancies": [\n' in serial0 or b'"kind": "numeric"' in serial0  # something to disagree on
    runs = {
        "serial, PYTHONHASHSEED=1": run(base, "1"),
        "--jobs 2, PYTHONHASHSEED=0": run([*base, "--backend", "process", "--jobs", "2"], "0"),
        "--jobs 2, PYTHONHASHSEED=1": run([*base, "--backend", "process", "--jobs", "2"], "1"),
        "dask cluster, PYTHONHASHSEED=1": run([*base, "--scheduler", dask_scheduler], "1"),
    }
    for name, out in runs.items():
        assert out == serial0, f"{name}: report differs from the serial run with PYTHONHASHSEED=0"


def test_store_reports_identical_serial_and_dask(tmp_path, dask_scheduler):
    folder = corpus(tmp_path / "in")
    outs = []
    for name, extra, seed in (("serial", [], "0"), ("dask", ["--scheduler", dask_scheduler], "1")):
        db = tmp_path / f"{name}.db"
        run(["ingest", str(folder), "--store", str(db), "-q", *extra], seed)
        listing = run(["stories", "--store", str(db), "--json"], seed)
        import json

        ids = [s["id"] for s in json.loads(listing)]
        outs.append((listing, [run(["report", i, "--store", str(db), "-f", "json"], seed) for i in ids]))
    assert outs[0] == outs[1]


def test_a_bad_scheduler_address_is_a_clear_usage_error(tmp_path):
    pytest.importorskip("distributed", reason="the dask extra is not installed")
    one = FIXTURES / "provenance_quake" / "wire_quake.txt"
    proc = subprocess.run(
        [sys.executable, "-m", "crosscheck.cli", "analyze", str(one), "--scheduler", "no-port-here"],
        capture_output=True, cwd=ROOT, timeout=300,
    )
    assert proc.returncode == 2
    assert b"'no-port-here' is not a scheduler address (tcp://HOST:PORT)" in proc.stderr
    assert proc.stdout == b""
