"""Cleaning and metadata on the five seed articles (expected values read off the seeds by hand)."""

from __future__ import annotations

from datetime import date

import pytest


def removed_texts(article):
    return [r.text for r in article.removed]


def assert_removed(article, fragment, reason=None):
    hits = [r for r in article.removed if fragment in r.text]
    assert hits, f"{fragment!r} not in removed lines of {article.id}: {removed_texts(article)}"
    if reason:
        assert any(r.reason == reason for r in hits), [r.reason for r in hits]
    assert fragment not in article.text, f"{fragment!r} still in the text of {article.id}"


def test_all_seeds_analysed(seed_articles):
    assert sorted(seed_articles) == ["000", "001", "002", "003", "004"]
    assert all(a.ok for a in seed_articles.values())


def test_000_caption_date_and_trailing_credit(seed_articles):
    a = seed_articles["000"]
    assert_removed(a, "Photograph: Russian Presidential Press Service via AP", "caption")
    assert a.published == date(2025, 3, 13)
    assert a.credit == "Reuters"
    assert a.text.startswith("Russia’s operation to eject Ukrainian forces")
    assert a.text.rstrip().endswith("awaited details from the US.")
    assert "Reuters" not in a.text[-40:]
    assert a.title is None  # the page's headline was not pasted


def test_001_section_label_title_dateline(seed_articles):
    a = seed_articles["001"]
    assert_removed(a, "World", "section-label")
    assert a.title == "Putin Visits Kursk as Troops Target Remaining Ukrainian Forces Amid Ceasefire Talks"
    assert a.dateline == "KYIV"
    assert a.text.startswith("KYIV, Ukraine — Russian President Vladimir Putin visited")


def test_002_captions_widgets_off_topic(seed_articles):
    a = seed_articles["002"]
    assert a.title == "Russia says forces poised to complete recapture of Kursk region as Witkoff heads to Moscow"
    assert_removed(a, "In this image made from video released by the Russian Presidential Press Service", "caption")
    # the caption is printed twice: both copies go
    assert sum("In this image made from video released" in t for t in removed_texts(a)) == 2
    assert_removed(a, "This grab taken from a handout footage released by the Russian Defence Ministry")
    assert_removed(a, "(AP/Alex Brandon)", "caption")
    assert_removed(a, "Most Popular", "widget")
    assert_removed(a, "read more:", "widget")
    assert a.dateline == "MOSCOW"
    assert a.published == date(2025, 3, 13)  # the latest dated caption
    assert a.published_source == "caption"
    off = [s for s in a.sections if s.off_topic]
    assert len(off) == 1
    assert off[0].heading.startswith("Russia says peacekeepers in Ukraine")
    assert "Zakharova" in a.text[off[0].start : off[0].end]
    # the main story is not off-topic
    on = [s for s in a.sections if not s.off_topic]
    assert "Sudzha" in a.text[on[0].start : on[0].end]


def test_003_byline_dateline_reporting_tail(seed_articles):
    a = seed_articles["003"]
    assert a.byline == ["Guy Faulconbridge", "Andrew Osborn"]
    assert a.dateline == "MOSCOW"
    assert a.credit == "Reuters"
    assert_removed(a, "(Reporting by Reuters; editing by", "credit")
    assert_removed(a, "By Guy Faulconbridge and Andrew Osborn")
    assert [s.heading for s in a.sections if s.heading] == ["CEASEFIRE?"]
    assert not any(s.off_topic for s in a.sections)


def test_004_lone_credit_and_comment_widgets(seed_articles):
    a = seed_articles["004"]
    assert a.title == "Putin visits Kursk, orders rapid advance as Russia retakes key territory"
    assert a.credit == "Reuters"
    assert_removed(a, "reuters", "credit")
    for w in ("Tags", "Comments (0)", "What is your opinion on this topic?", "Leave the first comment"):
        assert_removed(a, w, "widget")
    assert [s.heading for s in a.sections if s.heading] == ["'Decisive defeat' ordered", "Ukraine signals withdrawal"]
    assert not any(s.off_topic for s in a.sections), "sub-headings of the same story are not off-topic"


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_nothing_lost(seed_articles, prefix, seeds_dir):
    """Every non-blank raw line is in the text or in removed (title/byline/credit included)."""
    import re

    a = seed_articles[prefix]
    raw = next(seeds_dir.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")
    pool = a.text + "\n" + "\n".join(r.text for r in a.removed)
    norm = lambda s: re.sub(r"\s+", " ", s).strip()  # noqa: E731
    pool_n = norm(pool)
    for line in raw.splitlines():
        if not line.strip():
            continue
        for piece in re.split(r"(?<=\d{4}-\d{2}-\d{2}) ", line.strip()):
            piece = re.sub(r"\s*[–—-]\s*Reuters$", "", piece) or piece
            assert norm(piece) in pool_n, f"lost line in {prefix}: {piece[:80]!r}"


def test_story_groups_all_seeds(seed_report):
    assert len(seed_report.stories) == 1
    assert len(seed_report.stories[0].article_ids) == 5
