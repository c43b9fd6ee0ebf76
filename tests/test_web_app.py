"""The web app in process (Starlette's TestClient): the upload -> job -> run -> story flow on articles written
for these tests with script payloads in titles, quotes, links and file names; limits answered with 413/422 and
a message; a Content-Security-Policy on every response; only local assets; the run stores."""

from __future__ import annotations

import json
import threading
import time
from html.parser import HTMLParser

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed: pip install -e '.[web]'", exc_type=ImportError)
pytest.importorskip("httpx2", reason="httpx2 (test extra) is needed by Starlette's TestClient", exc_type=ImportError)

from fastapi.testclient import TestClient  # noqa: E402

from crosscheck.report.html import CSP  # noqa: E402
from crosscheck.web import create_app  # noqa: E402
from crosscheck.web.app import LOOPBACK_HOSTS, PAGE_CSP  # noqa: E402
from crosscheck.web.store import MemoryStore, SQLiteStore  # noqa: E402
from crosscheck.web.uploads import Limits  # noqa: E402

PWN = "window.__pwned=1"
SCRIPT = f"<script>{PWN}</script>"
IMG = f'<img src=x onerror="{PWN}">'
SVG = f"<svg onload={PWN}>"
JS_LINK = f"javascript:{PWN}"


def hostile_uploads() -> list[tuple[str, bytes, str]]:
    """Three reports of one (invented) event, each carrying payloads where an attacker would put them, and a
    binary file with a hostile name that must be skipped."""
    wire = {
        "id": f"gazette-{SVG}",
        "title": f"Port Alder harbour bridge shut after barge strike {SCRIPT}",
        "source": f"Harbour Gazette {IMG}",
        "url": JS_LINK,
        "published": "2025-10-14",
        "text": (
            "PORT ALDER — The harbour bridge in Port Alder was closed to all traffic on Tuesday after a grain barge "
            f"struck one of its piers in thick morning fog, the city's transport department said. {SCRIPT}\n\n"
            "Engineers found a crack about two metres long in the third pier and will inspect the steel beneath it "
            "before deciding when the bridge can reopen, department spokeswoman Mara Lindqvist said.\n\n"
            f"\u201cWe will not reopen the bridge {IMG} until we are certain it is safe,\u201d Lindqvist told reporters.\n\n"
            f"About 40,000 vehicles cross the bridge on a weekday. Read more at {JS_LINK}\n"
        ),
    }
    page = (
        f"<!DOCTYPE html><html><head><title>Barge hits Port Alder bridge {SVG}</title>"
        f"<script>{PWN}</script></head><body><article><h1>Barge hits Port Alder bridge {SVG}</h1>"
        "<p>PORT ALDER (Coastal Times) - A grain barge hit a pier of the Port Alder harbour bridge in fog on Tuesday "
        "morning, and the city closed the bridge to all traffic, the transport department said.</p>"
        "<p>Inspectors found a crack of about two metres in the third pier, spokeswoman Mara Lindqvist said. "
        f"<img src=x onerror=\"{PWN}\"> The barge's crew of four was unhurt.</p>"
        f"<p>\u201cWe will not reopen the bridge until we are certain it is safe {SCRIPT},\u201d Lindqvist said.</p>"
        f"<p>The bridge carries about 35,000 vehicles a day. <a href=\"{JS_LINK}\">Live updates</a></p>"
        "</article></body></html>"
    )
    text = (
        f"Fog, a barge and a cracked pier: Port Alder's bridge closed {IMG}\n\n"
        "The harbour bridge in Port Alder stayed closed on Tuesday after a barge loaded with grain struck a pier "
        "in heavy fog, city officials said.\n\n"
        "A crack roughly two metres long was found in the third pier, according to transport department "
        f"spokeswoman Mara Lindqvist. {SVG}\n\n"
        f"\u201cWe will not reopen the bridge until we are certain it is safe,\u201d she said. <a href=\"{JS_LINK}\">x</a>\n"
    )
    return [
        ("gazette.jsonl", json.dumps(wire).encode(), "application/json"),
        (f"coastal {SVG}.html", page.encode(), "text/html"),
        (f'"><img src=x onerror={PWN}>.txt', text.encode(), "text/plain"),
        (f"{SVG}.bin", bytes(range(256)) * 8, "application/octet-stream"),
    ]


class Attrs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags(page: str) -> list[tuple[str, dict[str, str | None]]]:
    p = Attrs()
    p.feed(page)
    return p.tags


def assert_inert(page: str) -> None:
    """No element or attribute in ``page`` came from the payloads: no extra script, img, svg, handler, js: URL."""
    found = tags(page)
    assert not [t for t, _ in found if t in ("img", "svg", "iframe", "object", "embed")], "an element from the data"
    assert not [(t, k) for t, a in found for k in a if k.startswith("on")], "an event handler from the data"
    for t, a in found:
        for k in ("href", "src", "action", "formaction"):
            v = (a.get(k) or "").strip().lower()
            assert not v.startswith(("javascript:", "data:", "//", "http:", "https:")), (t, k, v)
    assert "<script>window" not in page


def wait_for(client: TestClient, job: dict, seconds: float = 240) -> dict:
    deadline = time.monotonic() + seconds
    while job["state"] in ("queued", "running"):
        assert time.monotonic() < deadline, f"job still {job['state']} after {seconds} s"
        time.sleep(0.2)
        job = client.get(job["status_url"]).json()
    return job


@pytest.fixture(scope="module")
def hostile_run():
    app = create_app(allowed_hosts=None)
    with TestClient(app) as client:
        r = client.post("/api/jobs", files=[("files", f) for f in hostile_uploads()])
        assert r.status_code == 202, r.text
        job = wait_for(client, r.json())
        assert job["state"] == "done", job
        yield client, job


def test_hostile_run_is_analysed_and_every_input_accounted_for(hostile_run):
    client, job = hostile_run
    run = client.get(f"/api/runs/{job['run_id']}").json()
    assert run["articles"] == 4 and run["analysed"] == 3
    assert [s["source"] for s in run["skipped"]] == [f"{SVG}.bin"]
    assert "binary" in run["skipped"][0]["reason"]
    assert len(run["stories_list"]) == 1, "the three reports of the bridge make one story"
    story = run["stories_list"][0]
    assert story["articles"] == 3 and story["claims"] > 0


def test_hostile_pages_are_inert(hostile_run):
    client, job = hostile_run
    run = client.get(f"/api/runs/{job['run_id']}").json()
    story_url = run["stories_list"][0]["url"]
    pages = {
        "index": client.get("/"),
        "job": client.get(f"/jobs/{job['id']}"),
        "run": client.get(run["url"]),
        "story": client.get(story_url),
        "search": client.get("/search", params={"q": "bridge", "kind": "facts"}),
        "search-quotes": client.get("/search", params={"q": "reopen", "kind": "quotes"}),
        "search-payload": client.get("/search", params={"q": SCRIPT, "kind": "facts"}),
        "report": client.get(f"{run['url']}/report.html"),
    }
    for name, r in pages.items():
        assert r.status_code == 200, name
        page = r.text
        assert_inert(page)
        scripts = [a for t, a in tags(page) if t == "script"]
        if name in ("story", "report"):
            assert scripts == [{}], name  # the report's own inline script, allowed by its hash
        else:
            assert scripts == [{"src": "/static/web.js", "defer": None}], name
    # the payloads are shown as text, not dropped
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in pages["story"].text
    assert "&lt;svg onload=window.__pwned=1&gt;" in pages["run"].text  # the skipped file's name
    assert "&lt;img src=x onerror=" in pages["index"].text  # a file name in the run's label
    assert "&lt;script&gt;" in pages["search-payload"].text


def test_every_response_has_a_csp(hostile_run):
    client, job = hostile_run
    run_url = f"/runs/{job['run_id']}"
    story_url = client.get(f"/api{run_url}").json()["stories_list"][0]["url"]
    for path in ("/", "/search", "/static/web.css", "/static/web.js", "/openapi.json", "/api/runs", f"/jobs/{job['id']}", run_url, "/nowhere", "/api/runs/none", "/runs/none"):
        r = client.get(path)
        assert r.headers["content-security-policy"] == PAGE_CSP, path
        assert r.headers["x-content-type-options"] == "nosniff"
    assert "'unsafe-inline'" not in PAGE_CSP and "script-src 'self'" in PAGE_CSP
    r = client.get(story_url)
    assert r.headers["content-security-policy"].startswith(CSP)
    assert "frame-ancestors 'none'" in r.headers["content-security-policy"]
    r = client.post("/api/jobs", data={"text": ""})
    assert r.status_code == 422 and r.headers["content-security-policy"] == PAGE_CSP


def test_only_local_assets_and_no_cdn_docs(hostile_run):
    client, _job = hostile_run
    for path in ("/", "/search"):
        for tag, attrs in tags(client.get(path).text):
            for k in ("href", "src", "action"):
                if attrs.get(k) is not None:
                    assert attrs[k].startswith(("/", "#")) and not attrs[k].startswith("//"), (tag, k, attrs[k])
    assert client.get("/docs").status_code == 404 and client.get("/redoc").status_code == 404
    assert client.get("/static/web.js").headers["content-type"].startswith(("text/javascript", "application/javascript"))
    spec = client.get("/openapi.json").json()
    assert {"/api/jobs", "/api/jobs/{job_id}", "/api/runs", "/api/runs/{run_id}", "/api/runs/{run_id}/report",
            "/api/runs/{run_id}/stories/{story_id}", "/api/search"} <= set(spec["paths"])


def test_pages_answer_odd_addresses_with_4xx(hostile_run):
    client, job = hostile_run
    run = f"/runs/{job['run_id']}"
    for path, code in [
        (f"{run}/stories/nope", 404),
        (f"{run}/report.exe", 404),
        ("/runs/%00/stories/%2F..%2F", 404),
        ("/jobs/" + "9" * 3000, 404),
        (f"/search?q={'a' * 5000}&kind=%3Cscript%3E", 200),
        ("/static/../pyproject.toml", 404),
    ]:
        r = client.get(path)
        assert r.status_code == code, (path, r.status_code)
        assert r.headers["content-type"].startswith("text/html") or path.startswith("/static")
    job_page = client.get(f"/jobs/{job['id']}").text
    assert '<span id="job-stage">done</span>' in job_page and f'href="/runs/{job["run_id"]}"' in job_page


def test_search_finds_facts_people_and_quotes(hostile_run):
    client, job = hostile_run
    facts = client.get("/api/search", params={"q": "CRACK pier", "kind": "facts"}).json()
    assert facts["hits"] and all("crack" in h["text"].lower() and "pier" in h["text"].lower() for h in facts["hits"])
    assert all(h["url"].startswith(f"/runs/{job['run_id']}/stories/") and "#" in h["url"] for h in facts["hits"])
    people = client.get("/api/search", params={"q": "lindqvist", "kind": "people"}).json()
    assert [h["text"] for h in people["hits"]] == ["Mara Lindqvist"]
    quotes = client.get("/api/search", params={"q": "certain it is safe", "kind": "quotes"}).json()
    assert quotes["hits"] and all(h["detail"] == "Mara Lindqvist" for h in quotes["hits"])
    assert sum(len(h["article_ids"]) for h in quotes["hits"]) >= 2, "the same quote in several articles"
    none = client.get("/api/search", params={"q": "volcano", "kind": "facts", "run": job["run_id"]}).json()
    assert none["hits"] == [] and not none["truncated"]
    assert client.get("/api/search", params={"q": "x", "kind": "weather"}).status_code == 422
    assert client.get("/api/search", params={"q": ""}).status_code == 422


def test_story_api_holds_the_page_data(hostile_run):
    client, job = hostile_run
    run = client.get(f"/api/runs/{job['run_id']}").json()
    sid = run["stories_list"][0]["id"]
    story = client.get(f"/api/runs/{job['run_id']}/stories/{sid}").json()
    assert [s["id"] for s in story["stories"]] == [sid]
    assert len(story["articles"]) == 3
    page = client.get(run["stories_list"][0]["url"]).text
    for c in story["stories"][0]["claims"]:
        assert f'data-claim-id="{c["id"]}"' in page
    # the report page of the story, with a way back to its run
    assert page.count('<table class="matrix">') <= 1 and page.count('<section class="story"') == 1
    assert f'<a id="back-to-run" href="/runs/{job["run_id"]}">' in page
    assert client.get(f"/api/runs/{job['run_id']}/stories/nope").status_code == 404
    whole = client.get(f"/api/runs/{job['run_id']}/report").json()
    assert len(whole["articles"]) == 4


# --------------------------------------------------------------------------
# limits


def test_request_over_the_byte_limit_is_413():
    client = TestClient(create_app(limits=Limits(max_request_bytes=20_000)))
    r = client.post("/api/jobs", files=[("files", ("big.txt", b"word " * 10_000, "text/plain"))])
    assert r.status_code == 413 and r.json() == {"detail": "upload too large: the limit is 20 KB per request"}

    def chunks():  # no Content-Length: counted as it streams
        yield b"--b\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\n"
        for _ in range(50):
            yield b"x" * 1000
        yield b"\r\n--b--\r\n"

    r = client.post("/api/jobs", content=chunks(), headers={"content-type": "multipart/form-data; boundary=b"})
    assert r.status_code == 413 and "upload too large" in r.json()["detail"]
    page = client.post("/jobs", files=[("files", ("big.txt", b"word " * 10_000, "text/plain"))])
    assert page.status_code == 413


def test_too_many_files_and_empty_uploads_are_422_with_a_message():
    client = TestClient(create_app(limits=Limits(max_files=3)))
    r = client.post("/api/jobs", files=[("files", (f"{i}.txt", b"text", "text/plain")) for i in range(4)])
    assert r.status_code == 422 and r.json()["detail"].startswith("too many files: 4 (limit 3")
    r = client.post("/api/jobs", data={"text": "   "})
    assert r.status_code == 422 and r.json()["detail"] == "nothing to analyse: upload files or paste an article"
    page = client.post("/jobs", data={"text": ""})
    assert page.status_code == 422 and "nothing to analyse" in page.text and page.headers["content-type"].startswith("text/html")


def test_busy_server_answers_429_and_failures_are_reported():
    release = threading.Event()

    def slow(articles, progress=None):
        release.wait(30)
        raise RuntimeError("boom")

    client = TestClient(create_app(analyzer=slow))
    codes = [client.post("/api/jobs", data={"text": f"article {i}"}).status_code for i in range(6)]
    assert codes[:4] == [202] * 4 and codes[4:] == [429, 429]
    assert "busy" in client.post("/api/jobs", data={"text": "one more"}).json()["detail"]
    assert client.get("/api/jobs").status_code == 405  # no listing of jobs
    release.set()
    jobs = [client.get(f"/api/jobs/{j}") for j in list(client.app.state.jobs.jobs)]
    job = wait_for(client, jobs[0].json(), 30)
    assert job["state"] == "failed" and job["error"] == "analysis failed: RuntimeError"


def test_host_header_is_checked_on_a_local_server():
    client = TestClient(create_app(allowed_hosts=LOOPBACK_HOSTS), base_url="http://127.0.0.1:8000")
    assert client.get("/").status_code == 200
    assert client.get("/", headers={"host": "attacker.example"}).status_code == 400


# --------------------------------------------------------------------------
# stores


def test_sqlite_store_keeps_runs_across_restarts(tmp_path):
    from test_report_html import hostile_report

    path = tmp_path / "runs.sqlite"
    first = SQLiteStore(path)
    info = first.add("run1", "hostile", hostile_report())
    second = SQLiteStore(path)
    assert [r.id for r in second.runs()] == ["run1"] and second.info("run1") == info
    report = second.get("run1")
    assert report == hostile_report()
    client = TestClient(create_app(second))
    r = client.get("/api/runs/run1")
    assert r.status_code == 200 and r.json()["stories"] == 1
    sid = r.json()["stories_list"][0]["id"]
    page = client.get(r.json()["stories_list"][0]["url"])
    assert page.status_code == 200 and f"<span class=\"id\">{sid.replace(chr(34), '&quot;')}</span>" in page.text
    assert_inert(page.text)


def test_memory_store_is_bounded():
    from test_report_html import hostile_report

    store = MemoryStore(max_runs=2)
    for i in range(3):
        store.add(f"r{i}", "x", hostile_report())
    assert [r.id for r in store.runs()] == ["r2", "r1"] and store.get("r0") is None


def test_surrogate_escapes_in_json_never_make_a_server_error():
    from test_web_uploads import ARTICLE

    client = TestClient(create_app(), raise_server_exceptions=False)
    line = '{"id": "wire\\ud800", "title": "Bridge \\udfff shut", "source": "Gazette\\ud83d", "text": ' + json.dumps(ARTICLE) + "}"
    job = wait_for(client, client.post("/api/jobs", files=[("files", ("wire.jsonl", line.encode(), "application/json"))]).json())
    assert job["state"] == "done"
    run = client.get(f"/api/runs/{job['run_id']}")
    assert run.status_code == 200
    urls = [f"/runs/{job['run_id']}", f"/api/runs/{job['run_id']}/report", f"/runs/{job['run_id']}/report.md"]
    urls += [s["url"] for s in run.json()["stories_list"]] + ["/api" + s["url"] for s in run.json()["stories_list"]]
    for url in urls + ["/search?q=bridge", "/api/search?q=gazette&kind=facts", "/"]:
        assert client.get(url).status_code == 200, url
