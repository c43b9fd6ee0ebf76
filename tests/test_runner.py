"""The runner gives the same articles whatever the backend."""

from __future__ import annotations

import pytest

from conftest import FIXTURES
from crosscheck import analyze

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
