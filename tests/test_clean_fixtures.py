"""Cleaning and metadata on our own fixtures in other outlets' styles (tests/fixtures/clean).

Each fixture <name>.txt|.html has a hand-written <name>.expected.json with the
metadata the text carries, lines that must be removed and lines that must stay.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from conftest import FIXTURES
from crosscheck import analyze

CLEAN = FIXTURES / "clean"
CASES = sorted(CLEAN.glob("*.expected.json"))


def _article_file(expected):
    stem = expected.name[: -len(".expected.json")]
    files = [f for f in CLEAN.glob(stem + ".*") if not f.name.endswith(".expected.json")]
    assert len(files) == 1, files
    return files[0]


@pytest.fixture(scope="module")
def cleaned():
    rep = analyze([_article_file(e) for e in CASES])
    return {a.id: a for a in rep.articles}


def test_enough_fixtures():
    assert len(CASES) >= 8


@pytest.mark.parametrize("expected", CASES, ids=lambda p: p.name.split(".")[0])
def test_fixture(cleaned, expected):
    exp = json.loads(expected.read_text(encoding="utf-8"))
    a = cleaned[_article_file(expected).stem]
    assert a.ok, a.reason
    assert a.title == exp["title"]
    assert a.byline == exp["byline"]
    assert a.dateline == exp["dateline"]
    assert a.published == (date.fromisoformat(exp["published"]) if exp["published"] else None)
    assert a.credit == exp["credit"]
    removed = "\n".join(r.text for r in a.removed)
    for frag in exp["removed"]:
        assert frag in removed, f"not removed: {frag!r}"
        assert frag not in a.text, f"still in text: {frag!r}"
    for frag in exp["kept"]:
        assert frag in a.text, f"lost from text: {frag!r}"
    off = [s.heading for s in a.sections if s.off_topic]
    assert off[: len(exp["off_topic_headings"])] == exp["off_topic_headings"]
    if not exp["off_topic_headings"]:
        assert off == []
