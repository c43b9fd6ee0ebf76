"""Issue 11: spelling variants of one person's name join only with the same first name or role."""

from __future__ import annotations

from crosscheck.extract import extract
from crosscheck.extract.actors import unify_story
from crosscheck.model import Article


def _people(text: str) -> list:
    return [a for a in extract(Article(id="t", text=text)).actors if a.type.value == "person"]


def test_variant_spellings_in_one_article_with_same_first_name_join():
    people = _people(
        "Transport secretary Paul Wiedefeld said the bridge would be rebuilt within four years.\n"
        "Paul Widefield added that divers had recovered two bodies from the river on Wednesday.\n"
        "Wiedefeld said the port would reopen in stages.\n"
    )
    names = [p.name for p in people]
    assert names == ["Paul Wiedefeld"] and "Paul Widefield" in people[0].aliases


def test_similar_surnames_with_different_first_names_stay_apart():
    people = _people(
        "Anna Rabie, a nurse at the clinic, said the ward was full by noon.\n"
        "Her colleague Thomas Rabei said more beds were brought in from a nearby school.\n"
    )
    assert sorted(p.name for p in people) == ["Anna Rabie", "Thomas Rabei"]


def test_variants_across_a_story_join_by_role():
    a = extract(Article(id="a", text="Police spokesman Karim Rabie said 14 people were detained after the march.\n")).actors
    b = extract(Article(id="b", text="Police spokesman Mr Rabei said the detained protesters would appear in court.\n")).actors
    c = extract(Article(id="c", text="Ms Rabel, a shop owner, said her windows were smashed during the march.\n")).actors
    story = [x for x in unify_story([a, b, c]) if x.type.value == "person"]
    karim = next(x for x in story if x.name == "Karim Rabie")
    assert "Rabei" in karim.aliases
    assert any(x.name == "Rabel" for x in story)  # a shop owner of a similar name is someone else
