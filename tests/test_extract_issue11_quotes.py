"""Issue 11, second round: quote marks and speakers on patterns seen in real news (our own text)."""

from __future__ import annotations

import pytest

from crosscheck.extract import extract
from crosscheck.model import Article
from crosscheck.text import quote_spans


def _article(text: str, title: str | None = None) -> Article:
    return extract(Article(id="t", text=text, title=title))


def _speaker(art: Article, words: str) -> str | None:
    q = next(q for q in art.quotes if words in q.text)
    return q.speaker


@pytest.mark.parametrize(
    "text,want",
    [
        ('The mayor called it “a dark day for the city" and left the podium.', ["a dark day for the city"]),
        ("The senator said the bill was ‘‘dead on arrival’’ in the House.", ["dead on arrival"]),
        ("The filing calls the merger ``a textbook case of overreach'' by the board.", ["a textbook case of overreach"]),
        (
            "'We won't be able to reopen the line before Friday,' the operator's spokeswoman said.",
            ["We won't be able to reopen the line before Friday,"],
        ),
        (
            '"The ministers met at noon", the statement said. "They agreed on a plan. "Talks resumed at six", it continued.',
            ["The ministers met at noon", 'They agreed on a plan. "Talks resumed at six'],
        ),
    ],
)
def test_quote_marks_pair(text, want):
    assert [text[q.start : q.end] for q in quote_spans(text)] == want


def test_apostrophes_are_not_quote_marks():
    text = "The drivers' union said rock 'n' roll fans can't park there."
    assert quote_spans(text) == []


def test_quote_run_on_to_a_paragraph_without_opening_mark():
    text = (
        "“The two leaders spoke for several hours on Sunday,” the palace said in a statement. “They agreed that the border must stay open.\n"
        "Both sides will now withdraw their troops to their barracks.”\n"
        "The statement did not say when."
    )
    spans = [text[q.start : q.end] for q in quote_spans(text)]
    assert "Both sides will now withdraw their troops to their barracks." in spans


def test_company_in_frame_is_the_speaker_not_the_last_organisation():
    art = _article(
        "The Coast Guard said the search would continue through the night.\n"
        "Abyssal Ventures, the firm that operated the vessel, said executives “now believe that our pilot and four guests have been lost.”\n"
    )
    assert _speaker(art, "now believe") == "Abyssal Ventures"


def test_role_in_apposition_before_a_name_makes_a_person():
    art = _article(
        "Crowds gathered outside the space agency's headquarters in Bengaluru.\n"
        "Meanwhile, former agency chief, R Natarajan also took a moment to congratulate the team.\n"
        "“We have been waiting for this moment for a long time. I am very happy,” he said.\n"
    )
    assert "Natarajan" in (_speaker(art, "waiting for this moment") or "")


def test_free_standing_quote_after_a_sentence_about_a_person():
    art = _article(
        "Chancellor Maria Lindqvist praised the rescue teams on Monday, calling it a \"remarkable effort\" by the volunteers. "
        "\"Thank you to every firefighter who worked through the night.\"\n"
        "Officials said the clean-up would take weeks.\n",
    )
    assert _speaker(art, "Thank you to every firefighter") == "Maria Lindqvist"


def test_statement_from_a_persons_office_is_theirs():
    art = _article(
        "President Tomas Varga met opposition leader Ilie Morar on Saturday.\n"
        "According to a statement from President Tomas Varga’s office, “Ilie Morar accepted the offer to end the blockade.”\n"
        "The statement claims that the two men “agreed on the need to avoid violence.”\n"
    )
    assert _speaker(art, "agreed on the need to avoid violence") == "Tomas Varga"


def test_nations_body_is_not_the_last_organisation_named():
    art = _article(
        "The opposition leader posted a video on Telegram on Saturday.\n"
        "The announcement comes as the Moldovan government claimed the blockade had ended.\n"
        '"The ministers met at noon", the statement said.\n'
    )
    assert _speaker(art, "The ministers met at noon") != "Telegram"


def test_hard_wrapped_press_release_stays_one_statement():
    art = _article(
        "Regulators closed the lender on Friday. The Deposit Guarantee Board press release states:\n"
        "All insured depositors will have full access to their insured\n"
        "deposits no later than Monday morning. As the agency sells the assets of the\n"
        "bank, future dividend payments may be made to uninsured depositors.\n"
    )
    q = next(q for q in art.quotes if "As the agency sells the assets of the" in q.text)
    assert "bank, future dividend" in q.text and q.speaker is not None
