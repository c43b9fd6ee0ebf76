"""HTML output: one self-contained page per run, for reading a story's sources side by side.

The page is rendered from Jinja2 templates (``templates/*.html.j2``) with autoescaping on: every string that
comes from an article, including ids, is escaped (article text is untrusted). Its CSS and its one script
(it opens every ``<details>`` before printing) are package files, ``static/report.css`` and
``static/report.js``, inlined at render time: the page loads nothing, and its Content-Security-Policy allows
no other resource and no other script (the script is allowed by its sha256, computed from the file).

This module builds the view the templates show (the same :mod:`.view` as the Markdown report: sections,
fact matrix, cuts); the templates decide only the markup. Per story: a summary (event, date, actors,
independent sources), the fact x outlet matrix, the facts by section and the discrepancies, each an
expandable ``<details>`` with its evidence, then the story's articles as columns with the evidence spans
highlighted in the cleaned text.
"""

from __future__ import annotations

import base64
import hashlib
import html as _html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from markupsafe import Markup

from .view import cut, fact_matrix, story_view
from ..model import (
    ActorType,
    Article,
    ClaimStatus,
    Discrepancy,
    Evidence,
    IndependentGroup,
    Report,
    Story,
    StoryClaim,
)

_PACKAGE = "crosscheck.report"


def _static(name: str) -> str:
    """A file of ``static/`` as text, checked so that inlining it cannot close its element early."""
    text = (resources.files(_PACKAGE) / "static" / name).read_text(encoding="utf-8").strip()
    if re.search(r"</(?:script|style)", text, re.I):
        raise ValueError(f"static/{name} must not contain a closing </script> or </style>")
    return text


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# --------------------------------------------------------------------------
# static parts: the page's CSS and its one script, with the script's hash in the CSP

_SCRIPT = _static("report.js")
_SCRIPT_HASH = base64.b64encode(hashlib.sha256(_SCRIPT.encode()).digest()).decode()
SCRIPT_TAG = f"<script>{_SCRIPT}</script>"
"""The page's only script (opens all <details> for printing); tests check nothing else is a script."""

CSP = f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{_SCRIPT_HASH}'; img-src data:; base-uri 'none'; form-action 'none'"
"""The page's Content-Security-Policy (in a <meta>; the web app sends it as a header with the page too)."""


def _finalize(value: object) -> object:
    """Every ``{{ value }}``: markup made by the templates passes; anything else is escaped with
    :func:`html.escape` (quotes too, so it is safe in attributes). None shows as nothing."""
    if hasattr(value, "__html__"):
        return value
    return Markup(_html.escape("" if value is None else str(value), quote=True))


@cache
def environment() -> Any:
    """The Jinja2 environment of the report templates (autoescaping on, undefined names are errors)."""
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(
        loader=PackageLoader(_PACKAGE, "templates"),
        autoescape=True,
        finalize=_finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update(plural=_plural, short=_short, long_list=LONG_LIST)
    return env


@cache
def _macros() -> Any:
    return environment().get_template("macros.html.j2").module


# --------------------------------------------------------------------------
# helpers


_STATUS_CLASS = {
    ClaimStatus.corroborated: "corroborated",
    ClaimStatus.single_source: "single",
    ClaimStatus.conflicting: "conflicting",
}
_STATUS_LABEL = {
    ClaimStatus.corroborated: "corroborated",
    ClaimStatus.single_source: "single source",
    ClaimStatus.conflicting: "conflicting",
}
LONG_LIST = 12  # longer claim lists scroll inside a box on screen (not in print)

_PRIORITY = {"conflicting": 3, "corroborated": 2, "single": 1}

_DIFF_TOKEN = re.compile(r"\[-(.*?)-\]|\{\+(.*?)\+\}", re.S)


def diff_tokens(diff: str) -> list[tuple[str, str]]:
    """Word diff markup ``[-dropped-]`` / ``{+added+}`` as ("same" | "del" | "ins", text) pieces."""
    out, pos = [], 0
    for m in _DIFF_TOKEN.finditer(diff):
        out.append(("same", diff[pos : m.start()]))
        out.append(("del", m.group(1)) if m.group(1) is not None else ("ins", m.group(2)))
        pos = m.end()
    out.append(("same", diff[pos:]))
    return [t for t in out if t[1] or t[0] != "same"]


def render_diff(diff: str) -> str:
    """Word diff markup ``[-dropped-]`` / ``{+added+}`` as escaped HTML with <del>/<ins>."""
    return _macros().diff(diff_tokens(diff))


class _Anchors:
    """Stable, safe element ids (never derived from article text)."""

    def __init__(self, report: Report) -> None:
        self.article = {a.id: f"a{i}" for i, a in enumerate(report.articles)}

    def story(self, si: int) -> str:
        return f"s{si}"

    def span(self, si: int, article_id: str, start: int) -> str | None:
        aid = self.article.get(article_id)
        return f"s{si}-{aid}-{start}" if aid else None


def _group_of(story: Story, article_id: str) -> IndependentGroup | None:
    for g in story.independent_groups:
        if article_id in g.article_ids:
            return g
    return None


def _resolve_span(article: Article, ev: Evidence) -> tuple[int, int] | None:
    """The (start, end) of an evidence span in article.text, checked; None if it cannot be placed."""
    text, s, t = article.text, ev.span.start, ev.span.end
    if 0 <= s < t <= len(text) and (not ev.span.text or text[s:t] == ev.span.text):
        return s, t
    if ev.span.text:
        i = text.find(ev.span.text)
        if i >= 0:
            return i, i + len(ev.span.text)
    if 0 <= s < t <= len(text):
        return s, t
    return None


# --------------------------------------------------------------------------
# highlighted text


class _Mark:
    __slots__ = ("start", "end", "cls", "label", "anchor")

    def __init__(self, start: int, end: int, cls: str, label: str, anchor: str | None) -> None:
        self.start, self.end, self.cls, self.label, self.anchor = start, end, cls, label, anchor


@dataclass
class Segment:
    """A piece of article text: plain (``cls`` None) or one flat <mark>."""

    text: str
    cls: str | None = None
    title: str = ""
    anchor: str | None = None


def _segments(lo: int, hi: int, marks: list[_Mark]) -> Iterable[tuple[int, int, list[_Mark]]]:
    """Nest-free segmentation of [lo, hi): cut at every mark boundary, yield each piece with the marks covering it."""
    cuts = {lo, hi}
    for m in marks:
        if m.end > lo and m.start < hi:
            cuts.add(max(lo, m.start))
            cuts.add(min(hi, m.end))
    points = sorted(cuts)
    for a, b in zip(points, points[1:]):
        if a < b:
            yield a, b, [m for m in marks if m.start <= a and m.end >= b]


def highlight_segments(text: str, lo: int, hi: int, marks: list[_Mark], used_anchors: set[str]) -> list[Segment]:
    """text[lo:hi] as flat segments; overlapping spans are split so that no <mark> nests in another.

    A segment covered by several spans takes the colour of the strongest status
    (conflicting > corroborated > single) and a title naming every claim covering it. The first segment
    of a span carries its anchor (once per page: ``used_anchors``)."""
    out = []
    for a, b, cover in _segments(lo, hi, marks):
        if not cover:
            out.append(Segment(text[a:b]))
            continue
        top = max(cover, key=lambda m: (_PRIORITY[m.cls], m.end - m.start))
        labels = list(dict.fromkeys(m.label for m in cover))
        anchor = None
        for m in cover:
            if m.start == a and m.anchor and m.anchor not in used_anchors:
                used_anchors.add(m.anchor)
                anchor = m.anchor
                break
        out.append(Segment(text[a:b], top.cls, "\n".join(labels), anchor))
    return out


def highlight(text: str, lo: int, hi: int, marks: list[_Mark], used_anchors: set[str]) -> str:
    """Escaped text[lo:hi] with flat <mark> elements (see :func:`highlight_segments`)."""
    return _macros().highlight(highlight_segments(text, lo, hi, marks, used_anchors))


def _marks_for(story: Story, si: int, article: Article, anchors: _Anchors) -> list[_Mark]:
    marks: list[_Mark] = []
    for c in story.claims:
        cls = _STATUS_CLASS[c.status]
        label = f"{_STATUS_LABEL[c.status]} ({_plural(c.independent_sources, 'independent source')}): {_short(c.text, 140)}"
        for ev in c.evidence:
            if ev.article_id != article.id:
                continue
            where = _resolve_span(article, ev)
            if where:
                marks.append(_Mark(*where, cls, label, anchors.span(si, article.id, where[0])))
    for d in story.discrepancies:
        label = f"discrepancy ({d.kind.value}): {_short(d.summary, 140)}"
        for side in d.sides:
            for ev in side.evidence:
                if ev.article_id != article.id:
                    continue
                where = _resolve_span(article, ev)
                if where:
                    marks.append(_Mark(*where, "conflicting", label, anchors.span(si, article.id, where[0])))
    return marks


def _text_ranges(article: Article) -> list[tuple[int, int, object]]:
    """The text cut by sections (gaps filled), as (start, end, section or None)."""
    n = len(article.text)
    secs = sorted((s for s in article.sections if s.end > s.start), key=lambda s: s.start)
    out: list[tuple[int, int, object]] = []
    pos = 0
    for s in secs:
        start, end = max(s.start, pos), min(s.end, n)
        if start >= end:
            continue
        if start > pos:
            out.append((pos, start, None))
        out.append((start, end, s))
        pos = end
    if pos < n:
        out.append((pos, n, None))
    return out


@dataclass
class _TextPart:
    segments: list[Segment]
    heading: str | None = None  # a section heading that is not a line of the text itself
    offtopic: str | None = None  # why the section is off-topic (None: on topic)


def _text_parts(story: Story, si: int, article: Article, anchors: _Anchors, used: set[str]) -> list[_TextPart]:
    marks = _marks_for(story, si, article, anchors)
    parts = []
    for start, end, sec in _text_ranges(article):
        segs = highlight_segments(article.text, start, end, marks, used)
        if sec is None:
            parts.append(_TextPart(segs))
            continue
        # the heading is usually a line of the text itself: label it only when it is not
        shown = sec.heading and article.text[start:end].lstrip().startswith(sec.heading.strip())
        heading = sec.heading if sec.heading and not shown else None
        reason = (sec.off_topic_reason or "not part of this story") if sec.off_topic else None
        parts.append(_TextPart(segs, heading, reason))
    return parts


# --------------------------------------------------------------------------
# the view of a story, as the templates show it


@dataclass
class _Badge:
    cls: str
    text: str
    title: str | None = None


@dataclass
class _EvidenceItem:
    article_id: str
    text: str
    attributed_to: str | None
    anchor: str | None


@dataclass
class _ClaimItem:
    claim: StoryClaim
    cls: str
    badges: list[_Badge]
    attributed: str | None
    evidence: list[_EvidenceItem]


@dataclass
class _DiscrepancyItem:
    item: Discrepancy
    kind_cls: str
    diff: Any  # markup, or None
    sides: list[Any]


@dataclass
class _Column:
    article: Article
    anchor: str
    meta: list[tuple[str, Any, str]]
    parts: list[_TextPart]


@dataclass
class _StoryCtx:
    story: Story
    anchor: str
    actors: list[tuple[str, list[tuple[str, str]]]]
    groups: list[Any]
    provenance: list[str]
    matrix: Any
    sections: list[Any]
    discrepancies: list[_DiscrepancyItem]
    discrepancies_hidden: int
    columns: list[_Column] = field(default_factory=list)


def _evidence(evidence: list[Evidence], si: int, anchors: _Anchors, report: Report) -> list[_EvidenceItem]:
    items = []
    for ev in evidence:
        anchor = None
        try:
            art = report.article(ev.article_id)
        except KeyError:
            art = None
        where = _resolve_span(art, ev) if art is not None else None
        if where:
            anchor = anchors.span(si, ev.article_id, where[0])
        items.append(_EvidenceItem(ev.article_id, ev.span.text, ev.attributed_to, anchor))
    return items


def _claim_item(c: StoryClaim, story: Story, si: int, anchors: _Anchors, report: Report) -> _ClaimItem:
    badges = []
    if c.status == ClaimStatus.single_source:
        groups = list(dict.fromkeys(g.id for a in c.article_ids if (g := _group_of(story, a))))
        badges.append(_Badge("single", f"single source: {', '.join(groups) if groups else 'one source'}"))
    else:
        cls = _STATUS_CLASS[c.status]
        badges.append(_Badge(cls, _plural(c.independent_sources, "independent source")))
        badges.append(_Badge("origin", _plural(c.independent_origins, "origin")))
        if c.independent_origins == 1 and len(c.attributed_to) == 1:
            badges.append(_Badge("trace", f"all trace back to {c.attributed_to[0]}"))
    if c.kind == "quote":
        badges.append(_Badge("", "quote"))
    if c.unverified_by:
        tip = c.unverified_notes[0] if c.unverified_notes else ""
        badges.append(_Badge("unverified", f"not verified by {', '.join(c.unverified_by)}", tip))
    attributed = None
    if c.attributed_to and not (c.independent_origins == 1 and len(c.attributed_to) == 1 and c.status != ClaimStatus.single_source):
        attributed = ", ".join(c.attributed_to)
    return _ClaimItem(c, _STATUS_CLASS[c.status], badges, attributed, _evidence(c.evidence, si, anchors, report))


@dataclass
class _Side:
    value: str
    article_ids: list[str]
    evidence: list[_EvidenceItem]


def _discrepancy_item(d: Discrepancy, si: int, anchors: _Anchors, report: Report) -> _DiscrepancyItem:
    diff = None
    if d.diff:
        diff = render_diff(d.diff) if d.kind.value == "quote" else d.diff
    sides = [_Side(side.value, side.article_ids, _evidence(side.evidence, si, anchors, report)) for side in d.sides]
    return _DiscrepancyItem(d, "kind explained" if d.explanation else "kind", diff, sides)


_ACTOR_ORDER = [(ActorType.person, "People"), (ActorType.org, "Organisations"), (ActorType.place, "Places"), (ActorType.other, "Other")]


def _actors(story: Story) -> list[tuple[str, list[tuple[str, str]]]]:
    out = []
    for kind, label in _ACTOR_ORDER:
        chips = []
        for a in story.actors:
            if a.type != kind:
                continue
            tip = ([a.role] if a.role else []) + (["also: " + ", ".join(a.aliases)] if a.aliases else [])
            chips.append((a.name, "; ".join(tip)))
        if chips:
            out.append((label, chips))
    return out


@dataclass
class _GroupView:
    group: IndependentGroup
    items: list[tuple[str, bool, str]]  # (article id, is the group's origin, label)


def _groups(report: Report, story: Story) -> list[_GroupView]:
    out = []
    for g in story.independent_groups:
        items = []
        for aid in g.article_ids:
            try:
                art = report.article(aid)
                label = art.title or art.outlet or (art.source_path or "").rsplit("/", 1)[-1]
            except KeyError:
                label = ""
            items.append((aid, g.origin == aid and len(g.article_ids) > 1, _short(label, 90)))
        out.append(_GroupView(g, items))
    return out


def _meta(story: Story, article: Article) -> list[tuple[str, Any, str]]:
    """(label, value, kind) rows of an article column; kind: id, code, date or text."""
    rows: list[tuple[str, Any, str]] = [("id", article.id, "id")]
    if article.byline:
        rows.append(("byline", ", ".join(article.byline), "text"))
    if article.dateline:
        rows.append(("dateline", article.dateline, "text"))
    if article.published:
        rows.append(("date", (article.published.isoformat(), article.published_source), "date"))
    if article.credit:
        rows.append(("credit", article.credit, "text"))
    if article.outlet:
        rows.append(("outlet", article.outlet, "text"))
    g = _group_of(story, article.id)
    if g:
        if len(g.article_ids) == 1:
            desc = "independent"
        elif g.origin == article.id:
            desc = "original of the group"
        elif g.origin:
            desc = f"derived from {g.origin}"
        else:
            desc = "derived copy"
        rows.append(("source", f"{g.id} — {desc}", "text"))
    if article.source_path:
        rows.append(("file", article.source_path, "code"))
    if article.url:
        rows.append(("url", article.url, "code"))
    rows.append(("length", _plural(len(article.text.split()), "word"), "text"))
    return rows


def _columns(report: Report, story: Story, si: int, anchors: _Anchors) -> list[_Column]:
    cols = []
    used: set[str] = set()
    for aid in story.article_ids:
        try:
            art = report.article(aid)
        except KeyError:
            continue
        anchor = f"{anchors.story(si)}-{anchors.article[aid]}"
        cols.append(_Column(art, anchor, _meta(story, art), _text_parts(story, si, art, anchors, used)))
    return cols


_CELL = {"states": ("●", "states it"), "contradicts": ("✗", "contradicts it"), "silent": ("·", "silent")}


@dataclass
class _MatrixRow:
    claim: StoryClaim
    cls: str
    text: str
    link: bool
    cells: list[tuple[str, str, str]]  # (state, symbol, tooltip)


@dataclass
class _MatrixView:
    columns: list[Any]
    groups: list[tuple[str, int]]
    rows: list[_MatrixRow]
    hidden: int
    total: int
    legend: str


def _matrix(story: Story, max_items: int | None, shown: set[str]) -> _MatrixView | None:
    """The fact x outlet matrix: rows facts, columns articles grouped by independent group."""
    m = fact_matrix(story, max_items)
    if not m.rows:
        return None
    groups: list[tuple[str | None, int]] = []
    for col in m.columns:
        if groups and groups[-1][0] == col.group_id:
            groups[-1] = (col.group_id, groups[-1][1] + 1)
        else:
            groups.append((col.group_id, 1))
    rows = [
        _MatrixRow(c, _STATUS_CLASS[c.status], _short(c.text, 140), c.id in shown, [(x, *_CELL[x]) for x in cells])
        for c, cells in m.rows
    ]
    legend = "; ".join(f"{col.label} = {col.article_id}" for col in m.columns)
    return _MatrixView(m.columns, [(g or "—", n) for g, n in groups], rows, m.hidden, len(m.rows) + m.hidden, legend)


@dataclass
class _SectionView:
    key: str
    heading: str
    meaning: str
    claims: list[StoryClaim]
    items: list[_ClaimItem]
    hidden: int


def _story(report: Report, story: Story, si: int, anchors: _Anchors, max_items: int | None = None) -> _StoryCtx:
    from ..provenance import describe

    view = story_view(story, max_items)
    sections = [
        _SectionView(sec.key, sec.heading, sec.meaning, sec.claims, [_claim_item(c, story, si, anchors, report) for c in sec.shown], sec.hidden)
        for sec in view.sections
    ]
    shown = {c.id for sec in view.sections for c in sec.shown}
    discs, hidden = cut(story.discrepancies, max_items)
    return _StoryCtx(
        story=story,
        anchor=anchors.story(si),
        actors=_actors(story),
        groups=_groups(report, story),
        provenance=describe(story) if story.article_ids else [],
        matrix=_matrix(story, max_items, shown),
        sections=sections,
        discrepancies=[_discrepancy_item(d, si, anchors, report) for d in discs],
        discrepancies_hidden=hidden,
        columns=_columns(report, story, si, anchors),
    )


def page_context(report: Report, max_items: int | None = None) -> dict[str, Any]:
    """What ``report.html.j2`` shows of ``report`` (a page that extends it, as the web app's, renders the same)."""
    anchors = _Anchors(report)
    first = report.stories[0].title if report.stories and report.stories[0].title else None
    return dict(
        report=report,
        page_title="crosscheck report" + (f": {first}" if first else ""),
        csp=Markup(CSP),
        css=Markup(_static("report.css")),
        script_tag=Markup(SCRIPT_TAG),
        n_ok=len(report.analysed),
        n_skipped=len(report.skipped),
        skipped=report.skipped,
        toc=[(anchors.story(i), s.title or s.id) for i, s in enumerate(report.stories)],
        stories=[_story(report, s, i, anchors, max_items) for i, s in enumerate(report.stories)],
    )


def to_html(report: Report, max_items: int | None = None) -> str:
    """Render the report as one self-contained HTML page."""
    return environment().get_template("report.html.j2").render(page_context(report, max_items))


__all__ = ["to_html", "page_context", "render_diff", "highlight", "SCRIPT_TAG", "CSP", "environment"]
