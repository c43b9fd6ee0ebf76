"""Numeric discrepancies: one count given as different figures by different outlets.

The story is a few outlets' reports of one invented event, written for these tests in the style of wire copy.
"""

from __future__ import annotations

from crosscheck.model import Article, DiscrepancyKind
from crosscheck.units import rounding

CRASH = {
    "wire": (
        "Bus overturns on mountain road near Valdoro\n\n"
        "VALDORO (Reuters) - A tourist bus overturned on a mountain road near Valdoro on Tuesday, and 10 people were "
        "injured, the regional fire service said.\n\n"
        "The driver lost control on a bend after the brakes failed, fire service spokesman Piero Lanza told reporters.\n"
    ),
    "daily": (
        "Eleven hurt as tourist bus overturns near Valdoro\n\n"
        "A tourist bus overturned on a mountain road near Valdoro on Tuesday. Eleven people were injured, according to "
        "the regional fire service.\n\n"
        "Fire service spokesman Piero Lanza said the brakes had failed on a bend.\n"
    ),
    "radio": (
        "Valdoro bus crash: brakes failed, fire service says\n\n"
        "Eleven people were injured when a tourist bus overturned on a mountain road near Valdoro on Tuesday, the "
        "regional fire service said.\n\n"
        "The brakes failed on a bend, spokesman Piero Lanza said.\n"
    ),
}


def test_ten_and_eleven_injured_are_two_figures():
    """A written "10" is read as exact: it does not absorb 11 as a figure rounded to the ten (it did: the rounding
    of 10 was taken to be 5, and "10 injured" and "Eleven injured" made one side)."""
    import crosscheck

    report = crosscheck.analyze([Article(id=k, raw_text=v) for k, v in CRASH.items()])
    story = max(report.stories, key=lambda s: len(s.article_ids))
    assert sorted(story.article_ids) == ["daily", "radio", "wire"]
    found = [d for d in story.discrepancies if d.kind == DiscrepancyKind.numeric]
    assert len(found) == 1, [d.summary for d in story.discrepancies]
    sides = {tuple(s.article_ids): s.value for s in found[0].sides}
    assert sides == {("wire",): "10 people", ("daily", "radio"): "Eleven people"}, sides


def test_rounding_with_two_figures_reads_trailing_zeros_as_half_step_does():
    assert rounding(10) == 5 and rounding(10, 2) == 0.5
    assert rounding(200, 2) == 5 and rounding(1100, 2) == 50 and rounding(430, 2) == 5
    assert rounding(86, 2) == 0.5 and rounding(2.5, 2) == 0.05
