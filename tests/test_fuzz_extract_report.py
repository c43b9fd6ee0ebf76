"""Property-based tests (hypothesis) for quotes, quantities, dates and the report writers.

No input raises; every span found is exact; reports always serialise, and nothing from an article is ever live
markup in the Markdown or HTML report. Bounded for CI: a fixed number of examples, no per-example deadline.
"""

from __future__ import annotations

import json
import re
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crosscheck.extract import extract
from crosscheck.extract.dates import extract_dates
from crosscheck.extract.quantities import extract_quantities
from crosscheck.clean import clean
from crosscheck.ingest import article_from_text
from crosscheck.report import render

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# the material of news figures, dates and quotes, plus markup and odd characters
PIECES = st.sampled_from(
    ["about ", "more than ", "at least ", "nearly ", "up to ", "12", "1,070", "2.5", "3/4", "40,000", "$", "€", "£",
     "9 billion", "%", " per cent", " km", " sq km (77 sq mi)", " miles", "°C", "6:04 p.m.", "18:04 IST", "noon",
     " people", " firefighters", "-year-old", " of ", "Monday", "last August", "March 3", "2023", "9999-12-31",
     "tomorrow", "yesterday", "“", "”", '"', "‘", "’", "'", "«", "»", " said ", "told reporters", "according to ",
     "Mayor Ana Lima", "the ministry", ", ", ". ", "\n\n", "(", ")", "[", "]", "<script>alert(1)</script>",
     "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))", "*", "_", "`", "|", "#", "&amp;", "\u202e", "\U0001f600"]
)
NEWS_TEXT = st.lists(st.one_of(PIECES, st.text(max_size=8)), min_size=1, max_size=50).map("".join)
PUBLISHED = st.one_of(st.none(), st.dates(min_value=date(1800, 1, 1), max_value=date(2200, 12, 31)))


@FUZZ
@given(text=NEWS_TEXT)
def test_quantities_never_raise_and_spans_are_exact(text):
    for q in extract_quantities(text):
        assert text[q.start : q.end] == q.written and q.text.startswith(q.written)
        assert q.value == q.value  # not NaN


@FUZZ
@given(text=NEWS_TEXT, published=PUBLISHED)
def test_dates_never_raise_and_spans_are_exact(text, published):
    for d in extract_dates(text, published):
        assert text[d.start : d.end] == d.text
        if d.resolved is not None:
            assert date(1, 1, 1) <= d.resolved <= date(9999, 12, 31)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=NEWS_TEXT, title=NEWS_TEXT)
def test_whole_extraction_and_reports_hold(body, title):
    """Clean, extract (quotes, quantities, dates, facts, claims) and all three writers on one generated article."""
    text = (
        f"{title}\n\nLISBON (Reuters) - {body} The mayor said 12 people were hurt on Monday when a fire swept through "
        "a warehouse near the port, officials said, and about 40 firefighters were sent to the scene.\n"
    )
    art = article_from_text(text, "fuzz<script>")
    clean(art)
    assert art.ok, art.reason
    extract(art)
    assert art.ok, art.reason
    assert art.sentences and art.quantities, "the fixed sentence has figures"
    for q in art.quotes:
        base = art.title if q.in_headline else art.text
        assert base[q.start : q.end] == q.text
    import crosscheck

    report = crosscheck.analyze([art])
    data = json.loads(render(report, "json"))
    assert data["articles"][0]["id"] == "fuzz<script>"
    md = render(report, "md")
    from markdown_it import MarkdownIt

    html_of_md = MarkdownIt("commonmark").render(md)
    assert not re.search(r"<(script|img|svg|a|iframe)\b", html_of_md), "live markup from an article in Markdown"
    page = render(report, "html")
    scripts = re.findall(r"<script\b", page)
    assert len(scripts) <= 1, "only the report's own script"
    assert "<img" not in page and "<svg" not in page
