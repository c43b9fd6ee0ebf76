"""Faithful reports: exact evidence offsets, the same claims and statuses in JSON, Markdown and HTML,
disclaimers that flag only what they cover, and titles that are headlines."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

import crosscheck
from conftest import FIXTURES, ROOT, SEEDS
from crosscheck.clean import clean
from crosscheck.extract import extract
from crosscheck.ingest import article_from_text
from crosscheck.model import BaseModel, Report, Span
from crosscheck.report import render
from crosscheck.report.view import SECTION_STATUS, section_of
from crosscheck.titles import headline_problem, story_title, strip_site_name

INPUTS = {
    "seeds": SEEDS,
    "examples": ROOT / "examples",
    "fixtures-clean": FIXTURES / "clean",
    "fixtures-extraction": FIXTURES / "extraction",
    "fixtures-provenance": FIXTURES / "provenance",
    "eval-set_a": ROOT / "tests" / "eval" / "set_a" / "articles",
    "eval-set_b": ROOT / "tests" / "eval" / "set_b" / "articles",
}


@pytest.fixture(scope="module", params=sorted(INPUTS))
def any_report(request, seed_report) -> Report:
    path = INPUTS[request.param]
    if request.param == "seeds":
        return seed_report
    if not path.exists():
        pytest.skip(f"{path} not found")
    return crosscheck.analyze([path])


def _spans(obj, owner: str | None = None, headline: bool = False):
    """Every (article id, span, in headline) under obj; evidence and shared passages name their article.

    A quote or figure read from the headline (``in_headline``) points into the title, and so do its parts."""
    if isinstance(obj, Span):
        headline = headline or bool(getattr(obj, "in_headline", False))
        yield owner, obj, headline
    if isinstance(obj, BaseModel):
        fields = type(obj).model_fields
        if "article_id" in fields:
            owner = obj.article_id
        if "passages" in fields and "a" in fields:  # a reuse link: its passages' a/b belong to link.a/link.b
            for p in obj.passages:
                yield obj.a, p.a, False
                yield obj.b, p.b, False
            return
        for k in fields:
            yield from _spans(getattr(obj, k), owner, headline)
    elif isinstance(obj, list):
        for x in obj:
            yield from _spans(x, owner, headline)


def test_every_span_is_exact(any_report):
    """text[start:end] == span.text for every span of every article and story, first character included."""
    texts = {a.id: a.text for a in any_report.articles}
    checked = 0
    for a in any_report.articles:
        for _owner, s, in_headline in _spans(a, a.id):
            base = a.title if in_headline else a.text
            # a clock time's text adds its normal notations after the span as written (Quantity.written)
            assert base[s.start : s.end] == getattr(s, "written", s.text), (a.id, s.start, s.text[:40])
            checked += 1
    for story in any_report.stories:
        for owner, s, _h in _spans(story):
            if owner is None:
                continue
            t = texts[owner]
            assert t[s.start : s.end] == s.text, (owner, s.start, s.text[:40])
            # a span never starts inside a word (the lost-first-letter bug: "AGREB (Reuters)")
            assert s.start == 0 or not (t[s.start - 1].isalnum() and t[s.start].isalnum()), (owner, t[max(0, s.start - 5) : s.start + 25])
            checked += 1
    assert checked > 0


def test_numeric_evidence_keeps_first_letter_of_the_text():
    """A figure in the text's first sentence: its evidence starts at offset 0, not 1."""
    report = crosscheck.analyze([ROOT / "examples"])
    starts = [
        (e.article_id, e.span.start, e.span.text[:6])
        for s in report.stories
        for d in s.discrepancies
        for side in d.sides
        for e in side.evidence
    ]
    lead = [x for x in starts if x[1] <= 1]
    assert lead, "the examples have a discrepancy quoting a lead sentence"
    assert all(start == 0 for _aid, start, _t in lead), lead


# --------------------------------------------------------------------------
# Markdown / HTML / JSON agreement


class _Claims(HTMLParser):
    """(section key, claim id, data-status) of every claim in an HTML report."""

    def __init__(self) -> None:
        super().__init__()
        self.section: str | None = None
        self.found: list[tuple[str | None, str, str]] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "h3" and "data-section" in a:
            self.section = a["data-section"]
        if tag == "details" and "data-claim-id" in a:
            self.found.append((self.section, a["data-claim-id"], a.get("data-status")))


def _md_sections(md: str) -> dict[str, str]:
    """claim id -> heading of the Markdown section it is listed under."""
    out: dict[str, str] = {}
    heading = None
    for line in md.splitlines():
        if line.startswith("### "):
            heading = re.sub(r"\s*\(\d+\)$", "", line[4:])
        for cid in re.findall(r"· `([^`]+)`$", line):
            assert cid not in out, f"{cid} listed twice"
            out[cid] = heading
    return out


def test_markdown_html_json_agree(any_report):
    from crosscheck.report.view import SECTIONS

    heading_of = {key: heading for key, heading, _s, _m in SECTIONS}
    claims = [c for s in any_report.stories for c in s.claims]
    md_sections = _md_sections(render(any_report, "md"))
    parser = _Claims()
    parser.feed(render(any_report, "html"))
    html = {cid: (section, status) for section, cid, status in parser.found}
    assert len(parser.found) == len(html), "a claim is shown twice in the HTML report"
    assert set(md_sections) == {c.id for c in claims}
    assert set(html) == {c.id for c in claims}
    for c in claims:
        key = section_of(c)
        assert SECTION_STATUS[key] == c.status
        assert md_sections[c.id] == heading_of[key], (c.id, c.status)
        assert html[c.id] == (key, c.status.value), (c.id, c.status)


def test_conflicting_claims_have_their_own_section():
    """Conflicting claims are listed as conflicting in Markdown, never under "Corroborated".

    On tests/eval/set_a, whose outlets disagree on planted facts (the seeds' prisoner counts, "more than 400" and
    "approximately 430", are reconciled by their hedges, so no seed claim is conflicting any more)."""
    report = crosscheck.analyze([INPUTS["eval-set_a"]])
    conflicting = [c for s in report.stories for c in s.claims if c.status.value == "conflicting"]
    assert conflicting, "set_a has claims its outlets state in conflicting versions"
    md_sections = _md_sections(render(report, "md"))
    assert {md_sections[c.id] for c in conflicting} == {"Reported in conflicting versions"}


def test_the_seeds_prisoner_counts_are_reconciled_by_their_hedges(seed_report):
    numeric = [d for s in seed_report.stories for d in s.discrepancies if d.kind.value == "numeric" and "400" in d.summary]
    assert numeric and all(d.explanation and "hedge" in d.explanation for d in numeric)


def test_nothing_is_cut_unless_asked(seed_report):
    single = [c for s in seed_report.stories for c in s.claims if c.status.value == "single_source"]
    assert len(single) > 3
    full = render(seed_report, "md")
    assert "more (shown: --max-items" not in full
    assert all(f"`{c.id}`" in full for c in single)
    short = render(seed_report, "md", max_items=3)
    assert f"… and {len(single) - 3} more" in short
    html_short = render(seed_report, "html", max_items=3)
    assert f"… and {len(single) - 3} more" in html_short


# --------------------------------------------------------------------------
# "could not verify": only the claims the disclaimer covers


def _claims_of(text: str, aid: str = "t"):
    art = article_from_text(text, aid)
    clean(art)
    extract(art)
    return art


def test_battlefield_disclaimer_covers_battlefield_accounts_only(seed_articles):
    art = seed_articles["002"]
    flagged = [c for c in art.claims if c.unverified]
    assert flagged and len(flagged) < len(art.claims) / 2, [c.text[:60] for c in flagged]
    text_of = {c.text[:50]: c.unverified for c in art.claims}
    syrskyi = next(c for c in art.claims if "Syrskyi" in c.text)
    assert syrskyi.unverified and "battlefield" in (syrskyi.unverified_note or "")
    # remarks far from any battlefield are not covered
    for c in art.claims:
        if "Leavitt" in c.text or "up to Russia now" in c.text or "Before the talks start" in c.text:
            assert not c.unverified, c.text
    assert text_of


def test_generic_disclaimer_covers_the_claim_before_it():
    art = _claims_of(
        "BAMAKO (Reuters) - Mali's army said on Sunday it had retaken the northern town of Ber after two days of "
        "clashes with separatist fighters, according to a statement read on state television. Reuters could not "
        "independently verify the claim.\n\n"
        "The United Nations mission said separately that 12 of its peacekeepers had been flown out of the area on "
        "Saturday, and the transport minister said flights to Timbuktu would resume next week.\n\n"
        "Prime Minister Choguel Maiga told reporters in the capital that elections would be held in February."
    )
    ber = next(c for c in art.claims if "Ber" in c.text)
    assert ber.unverified and ber.unverified_note.startswith("Reuters could not")
    assert [c.text[:30] for c in art.claims if c.unverified] == [ber.text[:30]]


def test_unverified_flag_shown_in_markdown_and_html(seed_report):
    flagged = [c for s in seed_report.stories for c in s.claims if c.unverified_by]
    assert flagged
    md = render(seed_report, "md")
    html = render(seed_report, "html")
    for c in flagged:
        line = next(x for x in md.splitlines() if f"`{c.id}`" in x)
        assert "**not verified** by" in line
        block = html[html.index(f'data-claim-id="{c.id}"') :]
        block = block[: block.index("</details>")]
        assert "not verified by" in block


# --------------------------------------------------------------------------
# titles are headlines


@pytest.mark.parametrize(
    ("line", "problem", "kw"),
    [
        ("Please ensure Javascript is enabled for purposes of website accessibility", "page chrome", {}),
        ("Watch Now", "page chrome", {}),
        ("The Daily HeraldNews you can trust", "masthead", {"host": "dailyherald.com"}),
        ("Evening Star", "masthead", {"next_line": "Floods close 40 schools across the county"}),
        ("Tomas Reyes and Ana Lima", "byline", {}),
        ("Lindqvist", "byline", {"byline_before": True}),
        ("lisbon, May 3", "dateline", {}),
        ("14 Feb, 2024", "date", {}),
        ("• Rescuers reached the site on Tuesday morning", "summary bullet", {}),
        ("[Source: AFP]", "source label", {}),
        ("Flood waters in Porto AlegreReuters/ Diego Vara / Agencia", "image caption", {}),
        (
            "Aftermath of the storm",
            "image caption",
            {"next_line": "Aftermath of the stormAP/ Jorge Saenz / File"},
        ),
    ],
)
def test_not_a_headline(line, problem, kw):
    assert headline_problem(line, **kw) == problem


@pytest.mark.parametrize(
    "line",
    [
        "Floods close 40 schools across the county as rivers burst their banks",
        "CrowdSafe CEO apologises for outage, says systems should be recovering",
        "‘You don’t see this in Europe’: mayor shocked as tower block collapses",
        "Central bank raises rates for first time in 17 years",
    ],
)
def test_headlines_pass(line):
    assert headline_problem(line, next_line="Body text follows here and it is long enough to be a paragraph.") is None


def test_html_title_without_site_name():
    assert strip_site_name("Floods close 40 schools | The Evening Star", "The Evening Star") == "Floods close 40 schools"
    assert strip_site_name("Floods close 40 schools - Evening Star", None, "eveningstar.co.uk") == "Floods close 40 schools"
    assert strip_site_name("Rate rise - what it means for you", None, None) == "Rate rise - what it means for you"


def test_pasted_page_chrome_and_byline_tail_are_not_titles():
    art = article_from_text(
        "Please ensure Javascript is enabled for purposes of website accessibility\n"
        "Harbour fire destroys three warehouses\n"
        "By Maria Costa-\nPereira and John\nSmith\n\n"
        "LISBON (Reuters) - A fire destroyed three warehouses at the port of Lisbon on Monday, the fire service "
        "said, and more than 60 firefighters were sent to the scene before the blaze was brought under control.\n\n"
        "No one was hurt, a spokesman for the port authority said.",
        "harbour",
    )
    clean(art)
    assert art.title == "Harbour fire destroys three warehouses"
    art2 = article_from_text(
        "By Maria Costa-\nPereira and John\nSmith\n\n"
        "LISBON (Reuters) - A fire destroyed three warehouses at the port of Lisbon on Monday, the fire service "
        "said, and more than 60 firefighters were sent to the scene before the blaze was brought under control.\n\n"
        "No one was hurt, a spokesman for the port authority said.",
        "harbour2",
    )
    clean(art2)
    assert art2.title is None


def test_masthead_then_headline():
    art = article_from_text(
        "Evening Star\n\nFloods close 40 schools across the county\n\n"
        "Forty schools were closed on Tuesday after the river burst its banks overnight, the county council said, "
        "and more than 300 homes were evacuated in the low-lying districts near the old bridge.\n\n"
        "The Environment Agency said water levels would stay high until Thursday.",
        "07_eveningstar.co.uk",
    )
    clean(art)
    assert art.title == "Floods close 40 schools across the county"
    assert any(r.reason == "masthead" and r.text == "Evening Star" for r in art.removed)


def test_story_title_is_the_headline_most_articles_share():
    titles = [
        "Journalists watch the launch on a giant screen in the newsroom",
        None,
        "Space agency lands probe near lunar south pole",
        "Probe lands near Moon's south pole in historic first",
    ]
    texts = [
        "The probe landed near the south pole of the Moon on Wednesday, the space agency said.",
        "A probe touched down near the lunar south pole, making the country the first to land there.",
        "The space agency's probe landed near the Moon's south pole.",
        "The probe landed near the Moon's south pole on Wednesday evening.",
    ]
    assert story_title(titles, texts) in titles[2:]
    assert story_title([None, "Watch Now", "Evening Star"], texts[:3]) != "Watch Now"


# --------------------------------------------------------------------------
# the fact x outlet matrix leads the story


def test_fact_matrix_leads_and_agrees_with_claims(seed_report):
    from crosscheck.report.view import CONTRADICTS, STATES, fact_matrix

    story = seed_report.stories[0]
    m = fact_matrix(story)
    # columns: every article once, grouped by independent group in the groups' order
    assert sorted(c.article_id for c in m.columns) == sorted(story.article_ids)
    group_order = [c.group_id for c in m.columns]
    assert group_order == sorted(group_order, key=lambda g: [x.id for x in story.independent_groups].index(g))
    assert m.rows and all(c.status.value != "single_source" for c, _ in m.rows)
    for c, cells in m.rows:
        for col, cell in zip(m.columns, cells):
            # an article that states the fact states it in the claim's version, or contradicts it
            assert (cell in (STATES, CONTRADICTS)) == (col.article_id in c.article_ids or cell == CONTRADICTS)
            if cell == STATES:
                assert col.article_id in c.article_ids
    md = render(seed_report, "md")
    assert md.index("### Facts × outlets") < md.index("### Corroborated")
    # the conflicting facts show who contradicts them (set_a: the seeds' differences are all reconciled now)
    set_a = crosscheck.analyze([INPUTS["eval-set_a"]])
    rows = [(c, cells) for s in set_a.stories for c, cells in fact_matrix(s).rows]
    conflicting = [cells for c, cells in rows if c.status.value == "conflicting"]
    assert conflicting and any(CONTRADICTS in cells for cells in conflicting)
    md = render(set_a, "md")
    assert md.index("### Facts × outlets") < md.index("### Reported in conflicting versions")
    html = render(set_a, "html")
    assert html.index('<table class="matrix">') < html.index('data-section="conflicting"')


# --------------------------------------------------------------------------
# Markdown: nothing from an article or a path is ever markup

_HOSTILE = (
    "<script>alert('title')</script> Flood [click](javascript:alert(1)) kills 12\n\n"
    "By Ana <img src=x onerror=alert(2)> Lima\n\n"
    "LISBON (Reuters) - Floods killed 12 people on Monday, officials said. "
    "\"We have never seen <svg onload=alert(3)> anything like it,\" the mayor, Rui <b>Costa</b>, said of the "
    "[flood](javascript:alert(4)) that swept through the old town on Monday, the worst in 40 years.\n\n"
    "More than 300 people were moved to shelters ![x](javascript:alert(5)) and <https://example.org> "
    "and <javascript:alert(6)> the council said, adding that *all* schools would stay shut until Thursday.\n"
)


def test_markdown_escapes_everything_from_articles_and_paths(tmp_path):
    from markdown_it import MarkdownIt

    folder = tmp_path / "<script>alert(7)<%2Fscript>"
    folder.mkdir()
    (folder / "[x](javascript:alert(8)).txt").write_text(_HOSTILE, encoding="utf-8")
    (folder / "<img src=y onerror=alert(9)>.txt").write_text(_HOSTILE.replace("Monday", "Tuesday"), encoding="utf-8")
    report = crosscheck.analyze([folder])
    assert len(report.analysed) == 2
    md = render(report, "md")
    html = MarkdownIt("commonmark").render(md)
    low = html.lower()
    # only the report's own structure is markup: no script, img, svg, b or a element, no attribute at all
    assert not _tags(low) - {"h1", "h2", "h3", "p", "ul", "li", "code", "strong", "em", "table", "thead", "tbody", "tr", "th", "td", "ol"}
    assert re.findall(r"<[a-z][a-z0-9]*\s[^>]*>", low) == [], "an element with attributes"
    # the text is still there, shown as text
    assert "&lt;script&gt;" in html and "onerror" in html


def _tags(html: str) -> set[str]:
    return set(re.findall(r"<([a-z][a-z0-9]*)\b", html))

