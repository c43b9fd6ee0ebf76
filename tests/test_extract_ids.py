"""Issue 11: claims point at quotes, figures, dates and actors by stable ids, not list positions."""

from __future__ import annotations

from crosscheck.align import on_topic_view
from crosscheck.extract import extract
from crosscheck.model import Article, Section

TEXT = (
    "Firefighters pulled 35 people from the collapsed tower on Thursday, Fire Chief Alan Ruiz said.\n"
    "“We are still searching every void we can reach,” Ruiz told reporters on Friday.\n"
    "Also today\n"
    "The city council approved 12 new parking meters on Wednesday after a short debate.\n"
)


def _article() -> Article:
    off = TEXT.index("Also today")
    art = Article(id="wire-9", text=TEXT, published=None,
                  sections=[Section(start=0, end=off), Section(heading="Also today", start=off, end=len(TEXT), off_topic=True)])
    return extract(art)


def test_items_have_stable_ids_and_claims_point_at_them():
    art = _article()
    assert [q.id for q in art.quantities][:1] == ["wire-9:n1"]
    assert all(q.id.startswith("wire-9:q") for q in art.quotes)
    c = next(c for c in art.claims if "35 people" in c.text)
    assert [q.text for q in art.quantities_of(c)] == ["35 people"]
    assert any(a.name == "Alan Ruiz" for a in art.actors_of(c))
    assert c.sentence is not None and c.sentence.startswith("wire-9:s")


def test_on_topic_view_keeps_ids_of_what_it_keeps():
    art = _article()
    view = on_topic_view(art)
    kept = {q.id for q in view.quantities}
    assert "wire-9:n1" in kept and not any(q.value == 12 for q in view.quantities)
    for c in view.claims:
        assert set(c.quantities) <= kept
    c = next(c for c in view.claims if "35 people" in c.text)
    assert [q.text for q in view.quantities_of(c)] == ["35 people"]
