"""Issue 11: quantity forms quantulum3's cases showed missing, on text written for these tests."""

from __future__ import annotations

import pytest

from crosscheck.extract.quantities import extract_quantities


def _q(text: str):
    return [(q.text, q.value, q.value_max, q.unit) for q in extract_quantities(text)]


@pytest.mark.parametrize(
    "text,want",
    [
        ("The lab's new chip etches lines 3.5 nanometers wide.", ("3.5 nanometers", 3.5, None, "nm")),
        ("Patients were given 200 mg of the drug twice a day.", ("200 mg", 200.0, None, "mg")),
        ("The reservoir holds 4 cubic kilometers of water.", ("4 cubic kilometers", 4.0, None, "km3")),
        ("The collider ran at 13.6 TeV for the first time.", ("13.6 TeV", 13.6, None, "TeV")),
        ("The phone ships with 8 GB of memory.", ("8 GB", 8.0, None, "GB")),
        ("Each bottle holds 75 cl of wine.", ("75 cl", 75.0, None, "cl")),
        ("The scan delivered a dose of 14 mGy to the patient.", ("14 mGy", 14.0, None, "mGy")),
    ],
)
def test_scientific_units(text, want):
    assert want in _q(text)


def test_si_value_for_new_units():
    q = next(q for q in extract_quantities("Patients were given 200 mg of the drug.") if q.unit == "mg")
    assert q.value_si == pytest.approx(0.0002) and q.unit_si == "kg"


def test_coordinated_number_shares_the_unit():
    got = _q("Doses of 45 and 50 mg were compared in the trial.")
    assert ("45", 45.0, None, "mg") in got and ("50 mg", 50.0, None, "mg") in got


def test_bare_numbers_are_kept_but_not_years_dates_or_references():
    got = _q("The final tally was 42, officials said. Flight 370 vanished in March 2014 after the 9/11 reforms.")
    assert got == [("42", 42.0, None, "number")]
    assert _q("Prices last rose this fast in the 1970s.") == []  # a decade is a time, not a figure


def test_bare_numbers_are_not_compared_by_alignment():
    from datetime import date

    from crosscheck.align.numbers import numeric_discrepancies
    from crosscheck.extract import extract
    from crosscheck.model import Article, Story

    arts = {
        "a": extract(Article(id="a", text="The final tally was 42, officials said on Monday.\n", published=date(2026, 3, 2))),
        "b": extract(Article(id="b", text="The final tally was 44, officials said on Monday.\n", published=date(2026, 3, 2))),
    }
    assert any(q.unit == "number" for q in arts["a"].quantities)
    assert numeric_discrepancies(Story(id="s", article_ids=["a", "b"]), arts, embedder="none") == []


@pytest.mark.parametrize(
    "text,want",
    [
        ("The board is 2 1/2 in thick.", ("2 1/2 in", 2.5, None, "in")),
        ("Rats squeezed through a 1/4 inch gap under the door.", ("1/4 inch", 0.25, None, "in")),
        ("The crash site is two and a half miles from the runway.", ("two and a half miles", 2.5, None, "mi")),
        ("Crews cleared roughly one-half miles of road by noon.", ("roughly one-half miles", 0.5, None, "mi")),
        ("Two thirds of voters backed the plan.", ("Two thirds", 2 / 3, None, "number")),
        ("Add ½ cup of sugar.", ("½ cup", 0.5, None, "cup")),
        ("The fund now holds a hundred and two paintings.", ("a hundred and two paintings", 102.0, None, "painting")),
        ("Japan's economy is worth $4.2T, the report said.", ("$4.2T", 4.2e12, None, "USD")),
        ("The candy cost 3 dimes in 1950.", ("3 dimes", 0.3, None, "USD")),
        ("The plan calls for a 6- to 8-meter sea wall.", ("6- to 8-meter", 6.0, 8.0, "m")),
        ("The village sits a mile from the dam.", ("a mile", 1.0, None, "mi")),
    ],
)
def test_fractions_words_and_money_forms(text, want):
    got = [(t, pytest.approx(v), vm, u) for t, v, vm, u in _q(text)]
    assert want in got


def test_in_is_a_preposition_in_running_text():
    assert not any(u == "in" for _t, _v, _vm, u in _q("Two in five voters stayed home, and 3 in 10 said they would move."))
    assert not any(u == "in" for _t, _v, _vm, u in _q("He scored 2 in the first half."))


@pytest.mark.parametrize(
    "text,want",
    [
        ("Cleaners in the city earn $15.40/hour on average.", ("$15.40/hour", 15.4, None, "USD/hour")),
        ("Doses ranged between 20 mg to 40 mg a day.", ("between 20 mg to 40 mg", 20.0, 40.0, "mg")),
        ("The lattice spacing is 2.125 pm, the team reported.", ("2.125 pm", 2.125, None, "pm")),
        ("Runners covered 0.5k miles over the month.", ("0.5k miles", 500.0, None, "mi")),
        ("The decay rate was 3.1×10−4 per second.", ("3.1×10−4", 3.1e-4, None, "number")),
        ("Stir in ½ tbsp of salt and a ⅓ cup of milk.", ("½ tbsp", 0.5, None, "tbsp")),
        ("The crater formed roughly 66 Ma ago.", ("roughly 66 Ma", 66.0, None, "Myr")),
        ("Each strand is about 1/40 of a hair's width.", ("about 1/40", 0.025, None, "number")),
    ],
)
def test_scientific_and_rate_forms(text, want):
    got = [(t, pytest.approx(v), vm, u) for t, v, vm, u in _q(text)]
    assert want in got


def test_times_of_day_stay_clock_times():
    got = _q("The meeting starts at 2 pm and ends at 4.30 pm; a 5k race follows.")
    assert [u for _t, _v, _vm, u in got] == ["clock", "clock"]
