"""Alignment on the seeds (expectations read off the seeds by hand) and on our own gold story sets (tests/eval)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from crosscheck.model import ClaimStatus, DiscrepancyKind

EVAL = Path(__file__).resolve().parent / "eval"


@pytest.fixture(scope="module")
def story(seed_report):
    return seed_report.stories[0]


def ids(story):
    return {a[:3]: a for a in story.article_ids}


def claims_with(story, *words):
    return [c for c in story.claims if any(all(w.lower() in e.span.text.lower() for w in words) for e in c.evidence)]


def test_visit_in_fatigues_is_corroborated(story):
    cs = [c for c in claims_with(story, "fatigues") if c.independent_sources >= 2]
    assert cs, [(c.text, c.independent_sources) for c in claims_with(story, "fatigues")]
    assert cs[0].status in (ClaimStatus.corroborated, ClaimStatus.conflicting)


def test_ukraine_accepting_the_ceasefire_is_corroborated(story):
    cs = [c for c in story.claims if c.independent_sources >= 2 and any(
        "30-day" in e.span.text and any(w in e.span.text for w in ("agreed", "accepted", "support", "backing")) for e in c.evidence)]
    assert cs


def test_prisoners_figure_is_a_numeric_discrepancy(story):
    d = [d for d in story.discrepancies if d.kind == DiscrepancyKind.numeric and "430" in " ".join(s.value for s in d.sides)]
    assert d, [x.summary for x in story.discrepancies]
    values = " ".join(s.value for s in d[0].sides)
    assert "400" in values
    assert d[0].explanation  # "more than 400" allows 430: said so


def test_sudzha_status_is_a_status_discrepancy(story):
    d = [d for d in story.discrepancies if d.kind in (DiscrepancyKind.status, DiscrepancyKind.internal) and "Sudzha" in d.summary]
    assert d
    states = {s.value for s in d[0].sides}
    assert states == {"taken", "contested"}
    for side in d[0].sides:
        for e in side.evidence:
            assert "Sudzha" in e.span.text


def test_altered_quotes(story):
    i = ids(story)
    quote_ds = [d for d in story.discrepancies if d.kind == DiscrepancyKind.quote]
    putin = [d for d in quote_ds if "Vladimir Putin" in d.summary and any(i["004"] in s.article_ids for s in d.sides[1:])]
    trump = [d for d in quote_ds if "Donald Trump" in d.summary and any(i["001"] in s.article_ids for s in d.sides[1:])]
    assert putin and trump, [d.summary for d in quote_ds]
    assert "still fighting here" in " ".join((d.diff or "") for d in putin)
    assert "We will have to see" in " ".join((d.diff or "") for d in trump)


@pytest.mark.parametrize("words,prefix", [(("Krasylnykov", "dismissed"), "002"), (("North Korea",), "002"), (("Geneva Convention",), "004")])
def test_single_source_details(story, words, prefix):
    cs = claims_with(story, *words)
    assert cs
    assert all(c.independent_sources == 1 and c.article_ids == [ids(story)[prefix]] for c in cs), [(c.text, c.article_ids) for c in cs]
    assert all(c.status == ClaimStatus.single_source for c in cs)


def test_gerasimov_figures_trace_to_one_origin(story):
    for words in (("86",), ("24 settlements",)):
        cs = [c for c in claims_with(story, *words) if len(c.article_ids) >= 2]
        assert cs, words
        c = max(cs, key=lambda c: len(c.article_ids))
        assert "Valery Gerasimov" in c.attributed_to, (words, c.attributed_to)
        assert c.independent_origins == 1


def test_every_evidence_span_is_real(seed_report, story):
    arts = {a.id: a for a in seed_report.articles}
    for c in story.claims:
        for e in c.evidence:
            assert arts[e.article_id].text[e.span.start : e.span.end] == e.span.text
    for d in story.discrepancies:
        for s in d.sides:
            for e in s.evidence:
                assert arts[e.article_id].text[e.span.start : e.span.end] == e.span.text


def test_off_topic_section_is_left_out_of_the_story(seed_report, story):
    for c in story.claims:
        for e in c.evidence:
            assert "peacekeepers" not in e.span.text.lower()
    assert not any("Zakharova" in d.summary for d in story.discrepancies)


@pytest.mark.parametrize("embedder", ["static", None], ids=["static", "default"])
@pytest.mark.parametrize("set_name", ["set_a", "set_b"])
def test_eval_sets(set_name, embedder):
    """Our own multi-source story sets with hand-written gold: each detection scores F1 >= 0.85."""
    sys.path.insert(0, str(EVAL))
    from score import score_set

    scores = score_set(EVAL / set_name, embedder=embedder)
    report = "\n".join(f"{k}: P={s.precision:.2f} R={s.recall:.2f} F1={s.f1:.2f}\n  " + "\n  ".join(s.misses) for k, s in scores.items())
    print(report)
    assert scores["corroborated"].f1 >= 0.85, report
    assert scores["single_source"].f1 >= 0.85, report
    assert scores["discrepancy"].f1 >= 0.85, report
