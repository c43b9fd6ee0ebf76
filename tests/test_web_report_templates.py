"""The HTML report's templates and package files: the page inlines static/report.css and static/report.js as
they are, its CSP allows that script by the file's own sha256, and the templates escape every value."""

from __future__ import annotations

import base64
import hashlib
import re
from importlib import resources

from test_report_html import EVIL_IMG, EVIL_SCRIPT, hostile_report

from crosscheck.report import render
from crosscheck.report.html import CSP, environment


def _static(name: str) -> str:
    return (resources.files("crosscheck.report") / "static" / name).read_text(encoding="utf-8").strip()


def test_script_is_the_package_file_and_the_csp_allows_exactly_it():
    page = render(hostile_report(), "html")
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert scripts == [_static("report.js")]
    digest = base64.b64encode(hashlib.sha256(scripts[0].encode()).digest()).decode()
    meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page)
    assert meta and meta.group(1) == CSP
    assert f"script-src 'sha256-{digest}'" in CSP and "default-src 'none'" in CSP


def test_css_is_the_package_file():
    page = render(hostile_report(), "html")
    styles = re.findall(r"<style>(.*?)</style>", page, re.S)
    assert styles == [_static("report.css")]
    assert "mark.corroborated" in styles[0]


def test_templates_are_package_files_and_autoescape():
    names = {p.name for p in (resources.files("crosscheck.report") / "templates").iterdir()}
    assert {"report.html.j2", "story.html.j2", "macros.html.j2"} <= names
    env = environment()
    out = env.from_string('<p title="{{ x }}">{{ x }}</p>').render(x=f"{EVIL_SCRIPT}{EVIL_IMG}\"'")
    assert "<script" not in out and "<img" not in out
    assert out == '<p title="&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;&quot;&#x27;">' \
        '&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;&quot;&#x27;</p>'


def test_max_items_zero_says_how_many_were_left_out():
    """A section cut to nothing says how many it left out; "none" is only for a section with no claims."""
    page = render(hostile_report(), "html", max_items=0)
    one_origin = page[page.index('data-section="one_origin"') : page.index('data-section="single_source"')]
    assert "… and 1 more" in one_origin and '<p class="none">none</p>' not in one_origin
    corroborated = page[page.index('data-section="corroborated"') : page.index('data-section="one_origin"')]
    assert '<p class="none">none</p>' in corroborated
    discrepancies = page[page.index('data-section="discrepancies"') : page.index("Sources side by side")]
    assert "… and 1 more" in discrepancies and "none found" not in discrepancies
