"""The web app in a real browser: ``crosscheck serve`` started on a free port, Debian's Chromium driven by
Playwright (nothing downloads a browser). Upload the seeds, follow the job, open the story, expand a fact and
check its evidence is highlighted in the text; then upload articles carrying script payloads and check that
no script of theirs ran on any page (no ``window.__pwned``, no dialog, no CSP violation)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed: pip install -e '.[web]'", exc_type=ImportError)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (test extra) is not installed", exc_type=ImportError)

from conftest import ROOT  # noqa: E402
from test_web_app import hostile_uploads  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]

# Before any page script: a payload that runs sets window.__pwned or opens a dialog; anything the CSP blocks
# (an inline handler or script that the page did not ship) is recorded as a violation.
WATCH = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__violations.push(e.violatedDirective + ' ' + (e.blockedURI || '') + ' ' + (e.sample || ''));
});
"""

if not os.path.exists(CHROMIUM):
    pytest.skip(f"Chromium not installed at {CHROMIUM} (CI: apt-get install -y chromium)", allow_module_level=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server():
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "crosscheck.cli", "serve", "--port", str(port)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2) as r:
                if r.status == 200:
                    break
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            out = proc.communicate()[0]
            pytest.fail(f"crosscheck serve did not start: {out[-2000:]}")
        time.sleep(0.3)
    yield base
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@pytest.fixture(scope="module")
def browser():
    pw = sync_api.sync_playwright().start()
    try:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
    except Exception as e:  # a Chromium too far from Playwright's protocol
        pw.stop()
        pytest.skip(f"Playwright could not start {CHROMIUM}: {e}")
    yield b
    b.close()
    pw.stop()


@pytest.fixture()
def page(browser):
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    ctx.add_init_script(WATCH)
    p = ctx.new_page()
    p.dialogs = []
    p.on("dialog", lambda d: (p.dialogs.append(d.message), d.dismiss()))
    yield p
    ctx.close()


def _upload_and_wait(page, base: str, files) -> str:
    page.goto(base + "/")
    page.set_input_files("#files", files)
    page.click("button[type=submit]")
    page.wait_for_url("**/runs/**", timeout=300_000)  # the job page polls, then opens the run
    return page.url


def test_seeds_upload_story_fact_and_highlighted_evidence(server, page, seeds_dir, tmp_path):
    seeds = sorted(str(p) for p in seeds_dir.iterdir() if p.is_file())
    run_url = _upload_and_wait(page, server, seeds)
    page.screenshot(path=str(tmp_path / "1-run.png"), full_page=True)
    assert page.locator("article.story").count() == 1
    assert "5 analysed" in page.locator("h1").inner_text()
    page.click("a.story-link")
    page.wait_for_load_state()
    assert "/stories/" in page.url
    # the story's report: the same page as --format html
    assert page.locator("table.matrix").count() == 1
    fact = page.locator('details.claim[data-status="corroborated"]').first
    assert not fact.evaluate("d => d.open")
    fact.locator("summary").click()
    assert fact.evaluate("d => d.open")
    evidence = fact.locator("ul.evidence > li")
    assert evidence.count() >= 2, "a corroborated fact has evidence from two sources"
    quoted = evidence.first.locator("q").inner_text()
    jump = evidence.first.locator("a.jump")
    target = jump.get_attribute("href")
    page.screenshot(path=str(tmp_path / "2-fact.png"))
    jump.click()
    mark = page.locator(f"mark[id='{target[1:]}']")
    assert mark.count() == 1 and mark.is_visible()
    assert mark.evaluate("m => m.matches(':target')")
    assert mark.get_attribute("class") in ("corroborated", "single", "conflicting")
    marked = mark.inner_text()
    assert marked and " ".join(quoted.split()).startswith(" ".join(marked.split())), (quoted, marked)
    page.screenshot(path=str(tmp_path / "3-evidence.png"))
    assert page.evaluate("window.__violations") == []
    page.click("#back-to-run")
    page.wait_for_load_state()
    assert page.url == run_url


def test_hostile_articles_run_no_script(server, page, tmp_path):
    files = [{"name": name, "mimeType": mime, "buffer": data} for name, data, mime in hostile_uploads()]
    run_url = _upload_and_wait(page, server, files)
    story_url = page.locator("a.story-link").first.get_attribute("href")
    visits = [
        "/",
        run_url,
        story_url,
        run_url + "/report.html",
        "/search?q=bridge&kind=facts",
        "/search?q=reopen&kind=quotes",
        "/search?q=lindqvist&kind=people",
        "/search?q=%3Cscript%3Ewindow.__pwned%3D1%3C%2Fscript%3E&kind=facts",
        "/nowhere%3Cscript%3Ewindow.__pwned=1%3C/script%3E",
    ]
    for n, url in enumerate(visits):
        page.goto(url if url.startswith("http") else server + url)
        page.wait_for_load_state()
        # open every fact, discrepancy and removed-lines box, hover every highlight: nothing may run
        page.evaluate("document.querySelectorAll('details').forEach(function (d) { d.open = true; })")
        for m in page.locator("mark").all()[:40]:
            m.hover()
        assert page.evaluate("document.querySelectorAll('a[href^=\"javascript:\" i], [onerror], [onload], [onclick], img, svg, iframe').length") == 0, url
        assert page.evaluate("window.__pwned") is None, url
        assert page.evaluate("window.__violations") == [], url
        page.screenshot(path=str(tmp_path / f"hostile-{n}.png"), full_page=False)
    assert page.dialogs == []
    # the payloads are there as text a reader sees
    page.goto(story_url if story_url.startswith("http") else server + story_url)
    assert "<script>window.__pwned=1</script>" in page.locator("body").inner_text()


def test_paste_an_article(server, page, tmp_path):
    from test_web_uploads import ARTICLE

    page.goto(server + "/")
    page.fill("#text", ARTICLE)
    page.click("button[type=submit]")
    page.wait_for_url("**/runs/**", timeout=300_000)
    assert "from 1 input, 1 analysed" in page.locator("h1").inner_text()
    page.screenshot(path=str(tmp_path / "pasted.png"))
    page.goto(server + "/")
    assert page.locator("table.list tbody tr").first.locator("td").first.inner_text().endswith("pasted text")


def test_markdown_and_html_reports_of_hostile_articles_run_no_script(page, tmp_path):
    """The Markdown report rendered as CommonMark (raw HTML allowed, as on most sites) and the HTML report, both
    opened in Chromium without any CSP of ours: no payload from the articles runs."""
    from markdown_it import MarkdownIt

    import crosscheck
    from crosscheck.report import render

    folder = tmp_path / "hostile"
    folder.mkdir()
    for name, data, _mime in hostile_uploads():
        if name.endswith(".zip"):
            continue
        safe = "".join(ch if ch.isalnum() or ch in "._-" else "_" for ch in name)[:80] or "x.txt"
        (folder / safe).write_bytes(data)
    report = crosscheck.analyze([folder])
    assert report.analysed, "the hostile set has analysable articles"
    md_html = MarkdownIt("commonmark").render(render(report, "md"))
    for n, html in enumerate([md_html, render(report, "html")]):
        page.set_content(html)
        page.evaluate("document.querySelectorAll('details').forEach(function (d) { d.open = true; })")
        page.wait_for_timeout(200)
        assert page.evaluate("window.__pwned") is None, n
        assert page.evaluate(
            "document.querySelectorAll('a[href^=\"javascript:\" i], [onerror], [onload], [onclick], img, svg, iframe').length"
        ) == 0, n
        page.screenshot(path=str(tmp_path / f"report-{n}.png"))
    assert page.dialogs == []
