"""The web app (FastAPI): a thin shell over :func:`crosscheck.analyze` and :func:`crosscheck.report.render`.

Pages: ``/`` (upload or paste, past runs), ``/jobs/{id}`` (progress), ``/runs/{id}`` (the stories),
``/runs/{id}/stories/{story}`` (the story's report: the same templates as ``--format html``), ``/search``.
Each page's data is also in the JSON API under ``/api`` (OpenAPI at ``/openapi.json``). Every asset is served
from the package; every response carries a Content-Security-Policy; request bodies are bounded.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import FastAPI, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..model import Report, Story
from .jobs import Job, JobQueue
from .search import KINDS, Hit, search
from .store import MemoryStore, RunInfo, RunStore
from .uploads import Limits, Upload, UploadRefused, read_upload


PAGE_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
"""The CSP of the app's own pages: their script and style are files served by the app, nothing inline."""

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")


# --------------------------------------------------------------------------
# the API's data


class JobOut(BaseModel):
    id: str
    state: str = Field(description="queued, running, done or failed")
    stage: str = Field(description="queued, articles, stories, done or failed")
    done: int
    total: int
    inputs: int
    warnings: list[str]
    run_id: str | None = Field(default=None, description="The run to open when the job is done.")
    error: str | None = None
    status_url: str
    run_url: str | None = None


class RunOut(RunInfo):
    url: str


class StoryOut(BaseModel):
    id: str
    title: str | None
    event: str | None
    event_date: str | None
    articles: int
    independent_sources: int
    claims: int
    corroborated: int
    single_source: int
    conflicting: int
    discrepancies: int
    url: str


class SkippedOut(BaseModel):
    id: str
    source: str | None
    reason: str | None


class RunDetail(RunOut):
    stories_list: list[StoryOut]
    skipped: list[SkippedOut]


class HitOut(Hit):
    url: str


class SearchOut(BaseModel):
    query: str
    kind: str
    hits: list[HitOut]
    truncated: bool


class ErrorOut(BaseModel):
    detail: str


_ERRORS: dict[int | str, dict[str, Any]] = {404: {"model": ErrorOut}}


def _job_out(job: Job) -> JobOut:
    return JobOut(
        id=job.id,
        state=job.state,
        stage=job.stage,
        done=job.done,
        total=job.total,
        inputs=job.inputs,
        warnings=job.warnings,
        run_id=job.run_id,
        error=job.error,
        status_url=f"/api/jobs/{job.id}",
        run_url=f"/runs/{job.run_id}" if job.run_id else None,
    )


def _run_out(info: RunInfo) -> RunOut:
    return RunOut(**info.model_dump(), url=f"/runs/{quote(info.id, safe='')}")


def _story_out(run_id: str, story: Story) -> StoryOut:
    by = {s: sum(1 for c in story.claims if c.status.value == s) for s in ("corroborated", "single_source", "conflicting")}
    return StoryOut(
        id=story.id,
        title=story.title,
        event=story.event,
        event_date=story.event_date.isoformat() if story.event_date else None,
        articles=len(story.article_ids),
        independent_sources=len(story.independent_groups),
        claims=len(story.claims),
        discrepancies=len(story.discrepancies),
        url=story_url(run_id, story.id),
        **by,
    )


def story_url(run_id: str, story_id: str) -> str:
    return f"/runs/{quote(run_id, safe='')}/stories/{quote(story_id, safe='')}"


def story_report(report: Report, story: Story) -> Report:
    """The report of one story: its articles and itself (what its page shows)."""
    ids = set(story.article_ids)
    return report.model_copy(update={"articles": [a for a in report.articles if a.id in ids], "stories": [story]})


# --------------------------------------------------------------------------
# the guard: bounded bodies, security headers on every response


class _TooLarge(Exception):
    pass


class Guard:
    """ASGI middleware: refuses request bodies over ``max_bytes`` (413) and sets the security headers.

    A response that brings its own Content-Security-Policy (a report page) keeps it; every other gets
    :data:`PAGE_CSP`."""

    def __init__(self, app: Any, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False
        overflow = False

        async def send_with_headers(message: dict) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                extra = {
                    b"content-security-policy": PAGE_CSP.encode(),
                    b"x-content-type-options": b"nosniff",
                    b"referrer-policy": b"no-referrer",
                    b"x-frame-options": b"DENY",
                    b"cross-origin-opener-policy": b"same-origin",
                }
                headers += [(k, v) for k, v in extra.items() if k not in names]
                message = {**message, "headers": headers}
            await send(message)

        async def guarded_send(message: dict) -> None:
            # once the body went over the limit, whatever the app answers (a parse error) becomes the 413
            if overflow:
                if message["type"] == "http.response.start" and not started:
                    await self._too_large(send_with_headers)
                return
            await send_with_headers(message)

        length = dict(scope.get("headers", [])).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_bytes):
            await self._too_large(send_with_headers)
            return
        seen = 0

        async def bounded_receive() -> dict:
            nonlocal seen, overflow
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    overflow = True
                    raise _TooLarge
            return message

        try:
            await self.app(scope, bounded_receive, guarded_send)
        except _TooLarge:
            if not started:
                await self._too_large(send_with_headers)

    async def _too_large(self, send: Any) -> None:
        limit = f"{self.max_bytes / 1e6:.0f} MB" if self.max_bytes >= 1e6 else f"{self.max_bytes / 1e3:.0f} KB"
        response = JSONResponse({"detail": f"upload too large: the limit is {limit} per request"}, status_code=413)
        await response({"type": "http"}, None, send)  # type: ignore[arg-type]


# --------------------------------------------------------------------------
# templates


@cache
def _env() -> Any:
    from jinja2 import Environment, PackageLoader, StrictUndefined

    from ..report.html import _finalize

    env = Environment(
        loader=PackageLoader("crosscheck.web", "templates"),
        autoescape=True,
        finalize=_finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(version=__version__, kinds=KINDS)
    return env


@cache
def _report_env() -> Any:
    """The report's templates, with the app's in front (its story page extends the report's page)."""
    from jinja2 import ChoiceLoader, PackageLoader

    from ..report.html import environment

    report = environment()
    return report.overlay(loader=ChoiceLoader([PackageLoader("crosscheck.web", "templates"), report.loader]))


def _page(name: str, code: int = 200, **context: Any) -> HTMLResponse:
    return HTMLResponse(_env().get_template(name).render(**context), status_code=code)


def _error_page(status: int, message: str) -> HTMLResponse:
    return _page("error.html.j2", code=status, title="Error", status=status, message=message)


# --------------------------------------------------------------------------
# the app


def create_app(
    store: RunStore | None = None,
    *,
    limits: Limits | None = None,
    analyzer: Any = None,
    allowed_hosts: list[str] | tuple[str, ...] | None = None,
) -> FastAPI:
    """The web app. ``store`` keeps the runs (memory by default); ``analyzer`` replaces
    :func:`crosscheck.analyze` (tests); ``allowed_hosts`` are the Host headers served (None: any), which
    keeps a page on another site from reaching a local server through DNS rebinding."""
    store = store if store is not None else MemoryStore()
    limits = limits or Limits()
    jobs = JobQueue(store, analyzer)
    app = FastAPI(
        title="crosscheck",
        version=__version__,
        description="Cross-check many news reports of one event: upload articles, follow the analysis, read the stories.",
        docs_url=None,  # the interactive docs load scripts from a CDN: the spec is at /openapi.json
        redoc_url=None,
    )
    app.state.store, app.state.jobs, app.state.limits = store, jobs, limits
    if allowed_hosts is not None:
        from starlette.middleware.trustedhost import TrustedHostMiddleware

        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))
    app.add_middleware(Guard, max_bytes=limits.max_request_bytes)
    app.mount("/static", StaticFiles(directory=str(resources.files("crosscheck.web") / "static")), name="static")

    def get_report(run_id: str) -> Report:
        report = store.get(run_id)
        if report is None:
            raise HTTPException(404, f"no run {run_id!r} (runs are kept in memory unless the server has --store)")
        return report

    def get_story(report: Report, story_id: str) -> Story:
        for s in report.stories:
            if s.id == story_id:
                return s
        raise HTTPException(404, f"no story {story_id!r} in this run")

    async def submit(files: list[UploadFile], text: str | None) -> Job:
        uploads = [Upload(f.filename or "", await f.read()) for f in files]
        batch = read_upload(uploads, text, limits)  # UploadRefused: handled below
        names = [u.name for u in uploads if u.name] + (["pasted text"] if text and text.strip() else [])
        label = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
        job = jobs.submit(label or "upload", batch.articles, batch.warnings)
        if job is None:
            raise UploadRefused(429, "the server is busy with other analyses: try again in a minute")
        return job

    def is_page(request: Request) -> bool:
        return not request.url.path.startswith("/api/") and request.url.path != "/openapi.json"

    @app.exception_handler(UploadRefused)
    async def _refused(request: Request, exc: UploadRefused) -> Response:
        if is_page(request):
            return _error_page(exc.status, exc.message)
        return JSONResponse({"detail": exc.message}, status_code=exc.status)

    @app.exception_handler(StarletteHTTPException)  # FastAPI's HTTPException and the router's own 404/405
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if is_page(request):
            return _error_page(exc.status_code, str(exc.detail))
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=getattr(exc, "headers", None))

    # ---- API

    @app.post("/api/jobs", response_model=JobOut, status_code=202, tags=["jobs"],
              responses={400: {"model": ErrorOut, "description": "A malformed multipart body"}, 413: {"model": ErrorOut}, 422: {"description": "Nothing to analyse, too many files or a malformed form"}, 429: {"model": ErrorOut}})
    async def api_submit(
        files: Annotated[list[UploadFile], File(description="Articles: text, HTML, JSON, JSONL, or a zip of them.")] = [],  # noqa: B006
        text: Annotated[str | None, Form(description="An article pasted as text (or HTML, or JSONL).")] = None,
    ) -> JobOut:
        """Upload articles and start their analysis; poll the job's ``status_url``."""
        return _job_out(await submit(files, text))

    @app.get("/api/jobs/{job_id}", response_model=JobOut, tags=["jobs"], responses=_ERRORS)
    def api_job(job_id: str) -> JobOut:
        """A job's progress: ``done`` of ``total`` in its ``stage``; ``run_id`` once done."""
        job = jobs.get(job_id)
        if job is None:
            raise HTTPException(404, f"no job {job_id!r}")
        return _job_out(job)

    @app.get("/api/runs", response_model=list[RunOut], tags=["runs"])
    def api_runs() -> list[RunOut]:
        """Every analysed run, newest first."""
        return [_run_out(i) for i in store.runs()]

    def run_detail(run_id: str) -> RunDetail:
        report, info = get_report(run_id), store.info(run_id)
        assert info is not None
        return RunDetail(
            **_run_out(info).model_dump(),
            stories_list=[_story_out(run_id, s) for s in report.stories],
            skipped=[SkippedOut(id=a.id, source=a.source_path, reason=a.reason) for a in report.skipped],
        )

    @app.get("/api/runs/{run_id}", response_model=RunDetail, tags=["runs"], responses=_ERRORS)
    def api_run(run_id: str) -> RunDetail:
        """A run: its stories (with counts) and its skipped inputs with their reasons."""
        return run_detail(run_id)

    @app.get("/api/runs/{run_id}/report", tags=["runs"], responses={200: {"description": "The JSON report (see `crosscheck schema`)."}, **_ERRORS})
    def api_report(run_id: str) -> Response:
        """The run's whole report, as ``crosscheck analyze --format json`` writes it."""
        from ..report import render

        return Response(render(get_report(run_id), "json"), media_type="application/json")

    @app.get("/api/runs/{run_id}/stories/{story_id}", tags=["runs"], responses={200: {"description": "The story's JSON report: its articles and itself."}, **_ERRORS})
    def api_story(run_id: str, story_id: str) -> Response:
        """One story's report (the data of its page), in the JSON report's format."""
        from ..report import render

        report = get_report(run_id)
        return Response(render(story_report(report, get_story(report, story_id)), "json"), media_type="application/json")

    @app.get("/api/search", response_model=SearchOut, tags=["search"])
    def api_search(
        q: Annotated[str, Query(min_length=1, max_length=200, description="Words to find (all of them, any case).")],
        kind: Annotated[str, Query(pattern="^(facts|people|quotes)$", description="facts, people or quotes")] = "facts",
        run: Annotated[str | None, Query(max_length=64, description="Only this run.")] = None,
        limit: Annotated[int, Query(ge=1, le=500)] = 100,
    ) -> SearchOut:
        """Facts, people or quotes across the stories of every run (or of one)."""
        return do_search(q, kind, run, limit)

    def do_search(q: str, kind: str, run: str | None, limit: int = 100) -> SearchOut:
        hits, truncated = search(store, q, kind, run, limit)
        out = [
            HitOut(
                **h.model_dump(), url=story_url(h.run_id, h.story_id) + (f"#{quote(h.anchor, safe=':')}" if h.anchor else ""),
            )
            for h in hits
        ]
        return SearchOut(query=q, kind=kind, hits=out, truncated=truncated)

    # ---- pages

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index() -> HTMLResponse:
        return _page("index.html.j2", title="crosscheck", runs=store.runs(), limits=limits)

    @app.post("/jobs", include_in_schema=False)
    async def form_submit(files: Annotated[list[UploadFile], File()] = [], text: Annotated[str | None, Form()] = None) -> Response:  # noqa: B006
        job = await submit(files, text)
        return RedirectResponse(f"/jobs/{job.id}", status_code=303)

    @app.get("/jobs/{job_id}", response_class=HTMLResponse, include_in_schema=False)
    def job_page(job_id: str) -> HTMLResponse:
        job = jobs.get(job_id)
        if job is None:
            raise HTTPException(404, f"no job {job_id!r}")
        return _page("job.html.j2", title="Analysing…", job=_job_out(job))

    @app.get("/runs/{run_id}", response_class=HTMLResponse, include_in_schema=False)
    def run_page(run_id: str) -> HTMLResponse:
        return _page("run.html.j2", title="Stories", run=run_detail(run_id))

    @app.get("/runs/{run_id}/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(run_id: str, story_id: str) -> HTMLResponse:
        from ..report.html import CSP, page_context

        report = get_report(run_id)
        context = page_context(story_report(report, get_story(report, story_id)))
        run_url = f"/runs/{quote(run_id, safe='')}"
        page = _report_env().get_template("story_page.html.j2").render(
            **context, run_url=run_url, search_url=f"/search?run={quote(run_id, safe='')}"
        )
        return HTMLResponse(page, headers={"Content-Security-Policy": CSP + "; frame-ancestors 'none'"})

    @app.get("/runs/{run_id}/report.{fmt}", include_in_schema=False)
    def download(run_id: str, fmt: str) -> Response:
        from ..report import render

        types = {"json": "application/json", "md": "text/markdown; charset=utf-8", "html": "text/html; charset=utf-8"}
        if fmt not in types:
            raise HTTPException(404, f"no report format {fmt!r}: json, md or html")
        body = render(get_report(run_id), fmt)
        how = "inline" if fmt == "html" else "attachment"  # the HTML report opens in the browser, the others download
        headers = {"Content-Disposition": f'{how}; filename="crosscheck-{quote(run_id, safe="")}.{fmt}"'}
        if fmt == "html":
            from ..report.html import CSP

            headers["Content-Security-Policy"] = CSP
        return Response(body, media_type=types[fmt], headers=headers)

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(q: str = "", kind: str = "facts", run: str | None = None) -> HTMLResponse:
        q, kind = q[:200], kind if kind in KINDS else "facts"
        result = do_search(q, kind, run) if q.strip() else None
        return _page("search.html.j2", title="Search", q=q, kind=kind, run=run, result=result)

    @app.get("/healthz", response_class=PlainTextResponse, include_in_schema=False)
    def healthz() -> str:
        return "ok"

    return app


__all__ = ["create_app", "PAGE_CSP", "LOOPBACK_HOSTS", "story_report", "Guard"]
