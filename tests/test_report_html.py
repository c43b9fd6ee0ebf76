"""HTML report: escaping of untrusted article text, structure on the seeds, and a Chromium screenshot."""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import zlib
from datetime import date, datetime, timezone
from html.parser import HTMLParser
from pathlib import Path

import pytest

from crosscheck.model import (
    Article,
    ArticleStatus,
    ClaimStatus,
    Discrepancy,
    DiscrepancyKind,
    DiscrepancySide,
    Evidence,
    IndependentGroup,
    Quote,
    Report,
    Section,
    Span,
    Story,
    StoryClaim,
)
from conftest import ROOT
from crosscheck.report import FORMATS, render
from crosscheck.report.html import SCRIPT_TAG, highlight, render_diff, to_html

EVIL_SCRIPT = "<script>alert(1)</script>"
EVIL_IMG = "<img src=x onerror=alert(1)>"
EVIL_ATTR = '" onmouseover="'
EVIL = f"{EVIL_SCRIPT} {EVIL_IMG} {EVIL_ATTR}"

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class TagChecker(HTMLParser):
    """Collects tags, and checks that every non-void element is closed in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.starts: dict[str, int] = {}
        self.ends: dict[str, int] = {}
        self.attrs: list[tuple[str, str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.starts[tag] = self.starts.get(tag, 0) + 1
        self.attrs += [(tag, k, v) for k, v in attrs]
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.starts[tag] = self.starts.get(tag, 0) + 1
        self.attrs += [(tag, k, v) for k, v in attrs]

    def handle_endtag(self, tag):
        self.ends[tag] = self.ends.get(tag, 0) + 1
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else 'nothing'}> at {self.getpos()}")
            if tag in self.stack:
                while self.stack.pop() != tag:
                    pass
            return
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def parse(page: str) -> TagChecker:
    checker = TagChecker()
    checker.feed(page)
    checker.close()
    return checker


# --------------------------------------------------------------------------
# a tiny hand-built report with hostile text


def hostile_report() -> Report:
    body = (
        f"Officials said the bridge was closed {EVIL_SCRIPT} on Monday.\n\n"
        f"“We will reopen it {EVIL_IMG} soon {EVIL_ATTR} enough,” the mayor said.\n\n"
        "Other news\n"
        f"Unrelated story about a fair {EVIL_SCRIPT}.\n"
    )
    off = body.index("Other news")
    quote_text = f"We will reopen it {EVIL_IMG} soon {EVIL_ATTR} enough,"
    q0 = body.index(quote_text)
    s1 = body.index("Officials")
    e1 = body.index("Monday.") + len("Monday.")
    a = Article(
        id=f"evil{EVIL_ATTR}1",
        source_path=f"/tmp/{EVIL_IMG}.txt",
        title=f"Bridge closed {EVIL}",
        byline=[f"Jane {EVIL_SCRIPT} Doe"],
        dateline=f"PARIS {EVIL_ATTR}",
        published=date(2025, 3, 13),
        published_source=f"header {EVIL_IMG}",
        credit=f"Reuters{EVIL_ATTR}",
        url=f"https://example.com/{EVIL_ATTR}",
        text=body,
        sections=[
            Section(start=0, end=off),
            Section(heading=f"Other news {EVIL_SCRIPT}", start=off, end=len(body), off_topic=True, off_topic_reason=f"appended {EVIL_IMG}"),
        ],
        quotes=[Quote(start=q0, end=q0 + len(quote_text), text=quote_text, speaker=f"Mayor {EVIL_SCRIPT}")],
    )
    b_text = f"The bridge was closed on Monday, officials said {EVIL_IMG}.\n"
    b = Article(id="plain-2", title=f"Other outlet {EVIL_ATTR}", text=b_text)
    skipped = Article(id="bad-3", status=ArticleStatus.skipped, source_path=f"x{EVIL_SCRIPT}.bin", reason=f"binary {EVIL_IMG}")

    ev_a = Evidence(article_id=a.id, span=Span(start=s1, end=e1, text=body[s1:e1]), attributed_to=f"officials {EVIL_ATTR}")
    ev_b = Evidence(article_id=b.id, span=Span(start=0, end=len(b_text) - 1, text=b_text[:-1]))
    ev_q = Evidence(article_id=a.id, span=Span(start=q0, end=q0 + len(quote_text), text=quote_text), attributed_to=f"Mayor {EVIL_SCRIPT}")
    # overlaps the quote: the highlighted text must still come out in order, once
    ov_start = q0 + 3
    ev_overlap = Evidence(article_id=a.id, span=Span(start=ov_start, end=off - 2, text=body[ov_start : off - 2]))
    story = Story(
        id=f"story{EVIL_ATTR}",
        title=f"Bridge {EVIL}",
        event=f"The bridge closed {EVIL}",
        article_ids=[a.id, b.id],
        event_date=date(2025, 3, 10),
        event_date_reason=f"from {EVIL_IMG}",
        independent_groups=[
            IndependentGroup(id="g1", article_ids=[a.id], origin=a.id, credit=f"AP {EVIL_SCRIPT}"),
            IndependentGroup(id="g2", article_ids=[b.id], origin=b.id),
        ],
        claims=[
            StoryClaim(id="c1", text=f"The bridge was closed {EVIL}", status=ClaimStatus.corroborated, independent_sources=2,
                       independent_origins=1, attributed_to=[f"officials {EVIL_SCRIPT}"], article_ids=[a.id, b.id], evidence=[ev_a, ev_b]),
            StoryClaim(id="c2", kind="quote", text=quote_text, status=ClaimStatus.single_source, independent_sources=1,
                       independent_origins=1, attributed_to=[f"Mayor {EVIL_SCRIPT}"], article_ids=[a.id], evidence=[ev_q]),
            StoryClaim(id="c3", text=f"Overlap {EVIL_ATTR}", status=ClaimStatus.conflicting, independent_sources=1,
                       article_ids=[a.id], evidence=[ev_overlap]),
        ],
        discrepancies=[
            Discrepancy(
                kind=DiscrepancyKind.quote,
                summary=f"Mayor quoted differently {EVIL}",
                explanation=f"maybe {EVIL_IMG}",
                diff=f"{a.id}: We will [-reopen {EVIL_SCRIPT}-] {{+open {EVIL_IMG}+}} it {EVIL_ATTR}",
                sides=[
                    DiscrepancySide(article_ids=[a.id], value=f"reopen {EVIL_SCRIPT}", evidence=[ev_q]),
                    DiscrepancySide(article_ids=[b.id], value=f"(not quoted) {EVIL_ATTR}"),
                ],
            )
        ],
    )
    return Report(
        crosscheck_version="test",
        generated_at=datetime(2025, 3, 14, 12, 0, tzinfo=timezone.utc),
        inputs=["x"],
        articles=[a, b, skipped],
        stories=[story],
    )


def test_html_is_registered():
    assert FORMATS["html"] is to_html
    assert render(hostile_report(), "html").startswith("<!DOCTYPE html>")


def test_hostile_text_is_escaped():
    page = to_html(hostile_report())
    for bad in (EVIL_SCRIPT, EVIL_IMG, EVIL_ATTR, "<img", "alert(1)</script>", "=\"\" onmouseover"):
        assert bad not in page, bad
    # the escaped forms are there: the text is shown, not dropped
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "&quot; onmouseover=&quot;" in page
    # the only script is the page's own print helper
    assert page.lower().count("<script") == 1
    assert page.count(SCRIPT_TAG) == 1
    checker = parse(page)
    assert checker.starts.get("script") == 1
    assert "img" not in checker.starts
    # no attribute came out of article text: no event handlers, nothing external
    assert not [a for a in checker.attrs if a[1].startswith("on")], "event-handler attribute in output"
    for tag, name, value in checker.attrs:
        if name in ("href", "src", "action"):
            assert value is not None and value.startswith("#"), (tag, name, value)
    assert not checker.errors, checker.errors[:5]
    assert not checker.stack, checker.stack
    assert page.count("<details") == page.count("</details>")
    # the hostile strings survive as text a reader can see
    text = "".join(checker.text)
    assert EVIL_SCRIPT in text and EVIL_IMG in text


def test_self_contained_and_safe_page():
    page = to_html(hostile_report())
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page, re.I)
    assert "@import" not in page and "url(" not in page
    assert "<link" not in page


def test_highlights_and_layout_of_hostile_report():
    report = hostile_report()
    page = to_html(report)
    assert '<mark class="corroborated"' in page
    assert '<mark class="single"' in page
    assert '<mark class="conflicting"' in page
    # the off-topic section is dimmed and says why
    assert 'class="offtopic"' in page and "appended &lt;img" in page
    # the whole cleaned text is in its column once, in order, whatever the overlaps
    for art in report.analysed:
        assert column_text(page, art.id) == art.text
    # the corroborated claim says where it all comes from
    assert "all trace back to officials &lt;script&gt;" in page
    assert "2 independent sources" in page and "1 origin" in page
    # quote diff as <del>/<ins>, escaped inside
    assert "<del>reopen &lt;script&gt;alert(1)&lt;/script&gt;</del>" in page
    assert "<ins>open &lt;img src=x onerror=alert(1)&gt;</ins>" in page
    # skipped input with its reason
    assert "binary &lt;img" in page and "Skipped inputs (1)" in page


def column_text(page: str, article_id: str) -> str:
    """The plain text of an article's column in the side-by-side view."""
    import html as _html

    i = page.index(f'<span class="id">{escape_text(article_id)}</span>', page.index("Sources side by side"))
    m = re.compile(r'<div class="text">(.*?)</div>', re.S).search(page, i)
    assert m, article_id
    body = re.sub(r'<span class="sec-(?:note|head)">.*?</span>', "", m.group(1))
    return _html.unescape(re.sub(r"<[^>]+>", "", body))


def test_highlight_segments_overlaps_without_loss():
    from crosscheck.report.html import _Mark

    text = "abcdefghij<&>"
    marks = [_Mark(1, 6, "single", "s", None), _Mark(3, 9, "conflicting", "c", "x"), _Mark(4, 5, "corroborated", "k", None)]
    out = highlight(text, 0, len(text), marks, set())
    plain = re.sub(r"<[^>]+>", "", out)
    assert plain == "abcdefghij&lt;&amp;&gt;"
    assert "<mark" in out and out.count("<mark") == out.count("</mark>")
    assert "<mark" not in re.sub(r"<mark[^>]*>[^<]*</mark>", "", out)  # flat: no nesting
    assert 'class="conflicting" id="x"' in out


def test_render_diff():
    assert render_diff("a [-b <c>-] {+d & e+} f") == "a <del>b &lt;c&gt;</del> <ins>d &amp; e</ins> f"
    assert render_diff("no markup <x>") == "no markup &lt;x&gt;"


# --------------------------------------------------------------------------
# the seeds


@pytest.fixture(scope="module")
def seed_html(seed_report) -> str:
    return to_html(seed_report)


def test_seed_html_content(seed_report, seed_html):
    page = seed_html
    assert page.startswith("<!DOCTYPE html>")
    for a in seed_report.articles:
        assert a.id in page
    for story in seed_report.stories:
        assert story.discrepancies, "the seeds have discrepancies"
        for d in story.discrepancies:
            assert escape_text(d.summary) in page
        for c in story.claims:
            assert escape_text(c.text) in page
    assert page.count("<mark ") > 20
    for a in seed_report.analysed:
        assert column_text(page, a.id) == a.text
    for cls in ("corroborated", "single", "conflicting"):
        assert f'<mark class="{cls}"' in page
    assert "<del>" in page and "<ins>" in page  # the quote diffs
    assert "Sources side by side" in page and "Independent sources" in page
    assert page.lower().count("<script") == 1


def escape_text(s: str) -> str:
    from html import escape

    return escape(s, quote=True)


def test_seed_html_parses(seed_html):
    checker = parse(seed_html)
    assert not checker.errors, checker.errors[:5]
    assert not checker.stack, checker.stack
    assert seed_html.count("<details") == seed_html.count("</details>") > 10
    assert checker.starts.get("details") == checker.ends.get("details")
    assert checker.starts.get("mark") == checker.ends.get("mark")


def test_seed_html_links_resolve(seed_html):
    checker = parse(seed_html)
    ids = [v for _, k, v in checker.attrs if k == "id"]
    assert len(ids) == len(set(ids)), "duplicate element ids"
    hrefs = [v for _, k, v in checker.attrs if k == "href"]
    assert hrefs, "evidence should link to its highlight"
    assert all(h.startswith("#") and h[1:] in set(ids) for h in hrefs)


def test_seed_corroborated_order(seed_report, seed_html):
    """Within each corroborated section (independent origins; one origin), facts come by number of sources."""
    from crosscheck.report.view import section_of

    story = seed_report.stories[0]
    for key in ("corroborated", "one_origin"):
        corr = [c for c in story.claims if c.status == ClaimStatus.corroborated and section_of(c) == key]
        positions = [seed_html.index(f'data-claim-id="{c.id}"') for c in corr]
        ordered = [c for _, c in sorted(zip(positions, corr), key=lambda x: x[0])]
        counts = [c.independent_sources for c in ordered]
        assert counts == sorted(counts, reverse=True), key


# --------------------------------------------------------------------------
# screenshot with Debian's Chromium


def png_info(data: bytes) -> tuple[int, int, bytes]:
    """Width, height and the decompressed scanlines of a PNG (stdlib only)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width, height = 8, [], 0, 0
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        chunk = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height = struct.unpack(">II", chunk[:8])
        elif kind == b"IDAT":
            idat.append(chunk)
        elif kind == b"IEND":
            break
        pos += 12 + length
    return width, height, zlib.decompress(b"".join(idat))


def _docs_screenshot():
    """docs/screenshot.py, the script that regenerates the README's screenshot: the test uses its functions."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("docs_screenshot", ROOT / "docs" / "screenshot.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


_shot = _docs_screenshot()
chromium_binary, screenshot = _shot.chromium_binary, _shot.screenshot


def test_seed_screenshot(seed_html, tmp_path):
    if not chromium_binary():
        pytest.skip("Chromium not installed (CI: apt-get install -y chromium); screenshot test skipped")
    html_path = tmp_path / "report.html"
    html_path.write_text(seed_html, encoding="utf-8")
    png = tmp_path / "report.png"
    profile = tmp_path / "profile"
    profile.mkdir()
    proc = screenshot(html_path, png, profile)
    assert png.exists(), f"no screenshot; chromium exited {proc.returncode}: {proc.stderr[-2000:]}"
    data = png.read_bytes()
    assert len(data) > 20_000, f"screenshot only {len(data)} bytes"
    width, height, raw = png_info(data)
    assert (width, height) == (1400, 2400)
    # not blank: many distinct byte values and many distinct rows
    assert len(set(raw)) > 64
    stride = len(raw) // height
    rows = {raw[i * stride + 1 : (i + 1) * stride] for i in range(0, height, 8)}
    assert len(rows) > 100, "screenshot looks blank"
