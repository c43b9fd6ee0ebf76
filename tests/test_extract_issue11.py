"""Issue 11: extraction on real-world text patterns (our own realistic articles, not the eval sets)."""

from __future__ import annotations

import pytest

from crosscheck.extract import extract
from crosscheck.extract.quantities import extract_quantities
from crosscheck.model import Article


def _article(text: str, title: str | None = None) -> Article:
    return extract(Article(id="t", text=text, title=title))


def _q(text: str):
    return [(q.written, q.value, q.unit) for q in extract_quantities(text)]


# --------------------------------------------------------------------------
# clock times and zones


@pytest.mark.parametrize(
    "text,qtext,minutes,zone",
    [
        ("The ferry docked at 6:04 p.m. on Sunday.", "6:04 p.m.", 18 * 60 + 4, None),
        ("The probe landed at 18:04 local time on Tuesday.", "18:04 local time", 18 * 60 + 4, "local time"),
        ("Power came back at 4:23 a.m., the utility said.", "4:23 a.m.", 4 * 60 + 23, None),
        ("Trading was halted at 14:30 GMT.", "14:30 GMT", 14 * 60 + 30, "GMT"),
        ("The launch is set for 9:15 pm IST on Friday.", "9:15 pm IST", 21 * 60 + 15, "IST"),
        ("Lines reopened by 8:49 a.m. E.T., officials said.", "8:49 a.m. E.T.", 8 * 60 + 49, "ET"),
        # the full stop after a zone ends the sentence: it is not part of the time
        ("It touched down at around 6:03 pm IST. Crowds cheered.", "around 6:03 pm IST", 18 * 60 + 3, "IST"),
    ],
)
def test_clock_times(text, qtext, minutes, zone):
    q = next(q for q in extract_quantities(text) if q.unit == "clock")
    assert (q.written, q.value, q.zone) == (qtext, minutes, zone)


def test_clock_times_compare_across_zones():
    a = next(q for q in extract_quantities("It touched down at 9:15 pm IST.") if q.unit == "clock")
    b = next(q for q in extract_quantities("It touched down at 15:45 GMT.") if q.unit == "clock")
    assert a.value_si == b.value_si  # the same instant, written in two zones


def test_hedged_clock_time_and_decimals_are_not_times():
    assert _q("The tower fell at about 1:40 a.m. Thursday.")[0] == ("about 1:40 a.m.", 100.0, "clock")
    assert not [q for q in extract_quantities("Shares rose 10.30 percent.") if q.unit == "clock"]


# --------------------------------------------------------------------------
# counts whose noun is elsewhere


def test_n_of_m_keeps_both_counts():
    got = _q("At least 87 of over 300 trucks were stuck at the border crossing.")
    assert ("At least 87", 87.0, "truck") in got and ("over 300 trucks", 300.0, "truck") in got


def test_elliptical_counts():
    got = _q("By evening 64 people had been found but 41 were not. Crews pulled 12 people from the hull and two others from the water.")
    assert ("41", 41.0, "person") in [(t, v, u) for t, v, u in got]
    assert ("two others", 2.0, "person") in got


def test_casualty_counts_without_a_noun():
    got = _q("The blast struck at dawn, killing at least one and injuring others. It left one person dead and 14 injured.")
    assert ("at least one", 1.0, "person") in got
    assert any(v == 14.0 for _t, v, _u in got)


def test_emergency_numbers_are_not_counts():
    assert _q("Some 911 centers and 999 call lines went dark across two counties.") == [("two counties", 2.0, "county")]


def test_capitalised_modifiers_and_fractions():
    assert ("five Lufthansa and Swiss flights", 5.0, "flight") in _q("It cancelled five Lufthansa and Swiss flights.")
    assert ("at least four U.S. states", 4.0, "state") in _q("Storms hit at least four U.S. states on Monday.")
    assert ("3 1/2 miles", 3.5, "mi") in _q("The wreck lies 3 1/2 miles down.")


# --------------------------------------------------------------------------
# ages


def test_ages():
    got = _q("A 72-year-old fisherman, Tomas Ferreira (72), and Ana Ruiz, 34, were rescued.")
    assert ("72-year-old", 72.0, "year") in got and ("72", 72.0, "year") in got and ("34", 34.0, "year") in got


# --------------------------------------------------------------------------
# headlines


def test_headline_figures_and_quotes_are_read_and_marked():
    art = _article(
        "Harbour operators said on Monday that the strike had ended after talks.\n\n"
        "“We will be back at work tonight,” union leader Mara Kovac said.",
        title="Port strike ends after 9 days: ‘We will be back at work tonight’",
    )
    heads = [q for q in art.quantities if q.in_headline]
    assert [(q.text, q.value, q.unit) for q in heads] == [("9 days", 9.0, "day")]
    hq = [q for q in art.quotes if q.in_headline]
    assert hq and hq[0].speaker == "Mara Kovac"
    assert all(art.title[q.start : q.end] == q.text for q in hq + heads)
    assert not any(q.in_headline for c in art.claims for q in art.quotes_of(c))


# --------------------------------------------------------------------------
# speakers


def test_attribution_frame_with_role_noun_after_quote():
    art = _article(
        "Prime Minister Lena Albescu visited the flooded towns on Friday.\n\n"
        "“Our thoughts are with every family that lost a home tonight”, the prime minister posted on X."
    )
    q = next(q for q in art.quotes if q.text.startswith("Our thoughts"))
    assert q.speaker == "Lena Albescu"


def test_statement_on_behalf_of_an_organisation():
    art = _article(
        "The company confirmed the loss of the vessel late on Thursday.\n\n"
        "“These were experienced sailors who loved the sea,” said Peter Langford on behalf of Northwind Marine. "
        "“Our hearts are with their families.”"
    )
    q = next(q for q in art.quotes if q.text.startswith("These were"))
    assert q.speaker == "Northwind Marine"


def test_pasted_press_release_is_the_organisations():
    art = _article(
        "Regulators moved quickly on Friday. The Harbor Credit Authority press release states:\n"
        "All insured depositors will have full access to their deposits no later than Monday.\n"
        "The authority will pay uninsured depositors an advance dividend within the next week.\n"
    )
    said = [q for q in art.quotes if q.text.startswith(("All insured", "The authority will pay"))]
    assert len(said) == 2 and all(q.speaker == "Harbor Credit Authority" for q in said)


def test_time_zone_is_never_a_speaker_or_actor():
    art = _article(
        "Systems were restored by 8:49 a.m. E.T., but police asked people seeking “non-emergency help” to wait."
    )
    assert all(q.speaker not in ("E.T", "E.T.", "ET") for q in art.quotes)
    assert all(a.name not in ("E.T", "E.T.", "ET") for a in art.actors)


# --------------------------------------------------------------------------
# people with the same surname


def test_same_surname_people_stay_apart():
    art = _article(
        "Mark Halloran, the governor, met reporters in Albany on Tuesday. His brother Liam Halloran, a developer, "
        "was also present, and Grace Halloran, the governor's wife, spoke briefly.\n\n"
        "“I have nothing to hide,” Liam Halloran said. “The deal was legal.”\n\n"
        "Halloran declined to take questions."
    )
    people = {a.name for a in art.actors if a.type.value == "person"}
    assert {"Mark Halloran", "Liam Halloran", "Grace Halloran"} <= people
    q = next(q for q in art.quotes if q.text.startswith("I have nothing"))
    assert q.speaker == "Liam Halloran"
    assert len({a.id for a in art.actors}) == len(art.actors) and all(a.id for a in art.actors)



# --------------------------------------------------------------------------
# clock times carry their normal notations, so equal times written differently compare as text


def _clock(text: str):
    return [q for q in extract_quantities(text) if q.unit == "clock"]


def test_clock_time_text_carries_both_notations_and_keeps_what_was_written():
    text = "The probe landed at 18:04 local time (12:34 GMT) on Tuesday, and the rover rolled out at 9:40 p.m."
    got = _clock(text)
    assert [q.written for q in got] == ["18:04 local time", "12:34 GMT", "9:40 p.m."]
    assert all(text[q.start : q.end] == q.written for q in got)
    assert "6:04 p.m." in got[0].text  # 18:04 is 6:04 p.m.
    assert "12:34 p.m." in got[1].text
    assert "21:40" in got[2].text


def test_clock_time_in_a_known_zone_also_gives_utc():
    (q,) = _clock("Polls closed at 8 p.m. CEST on Sunday.")
    assert "20:00" in q.text and "18:00 UTC" in q.text


def test_clock_time_without_am_pm_carries_both_readings():
    (q,) = _clock("The last train left the station at 7:25, hours before the storm.")
    assert q.value == 7 * 60 + 25
    assert "7:25 a.m." in q.text and "7:25 p.m." in q.text
    (z,) = _clock("The curfew begins at 00:30, officials said.")
    assert "12:30 a.m." in z.text and "p.m." not in z.text  # a leading zero is 24-hour: no second reading
