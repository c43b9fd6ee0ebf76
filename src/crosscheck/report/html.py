"""HTML output: one self-contained page per run, for reading a story's sources side by side.

The page has no external resources (inline CSS, one tiny inline script that only
opens every ``<details>`` before printing) and a Content-Security-Policy that
allows nothing else to load or run. Every string that comes from an article,
including ids, is escaped with :func:`html.escape`: article text is untrusted.

Per story: a summary (event, date, actors, independent sources), then the
corroborated facts, the single-source facts and the discrepancies, each an
expandable ``<details>`` with its evidence, then the story's articles as
columns with the evidence spans highlighted in the cleaned text.
"""

from __future__ import annotations

import base64
import hashlib
import re
from html import escape
from collections.abc import Iterable

from .view import cut, fact_matrix, story_view
from ..model import (
    Actor,
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


def e(value: object) -> str:
    """Escape anything for use in element content or a double-quoted attribute."""
    return escape("" if value is None else str(value), quote=True)


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# --------------------------------------------------------------------------
# static parts

_SCRIPT = (
    "addEventListener('beforeprint',function(){document.querySelectorAll('details:not([open])')"
    ".forEach(function(d){d.setAttribute('data-pr','');d.open=true;});});"
    "addEventListener('afterprint',function(){document.querySelectorAll('details[data-pr]')"
    ".forEach(function(d){d.removeAttribute('data-pr');d.open=false;});});"
)
_SCRIPT_HASH = base64.b64encode(hashlib.sha256(_SCRIPT.encode()).digest()).decode()
SCRIPT_TAG = f"<script>{_SCRIPT}</script>"
"""The page's only script (opens all <details> for printing); tests check nothing else is a script."""

_CSP = f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{_SCRIPT_HASH}'; img-src data:; base-uri 'none'; form-action 'none'"

_CSS = """
:root{
  --ink:#1f2328;--muted:#59636e;--line:#d0d7de;--bg:#fff;--panel:#f6f8fa;
  --green:#1a7f37;--green-bg:#d5f5dc;--grey:#6e7781;--grey-bg:#e6e9ec;
  --red:#cf222e;--red-bg:#ffd8d3;--amber:#9a6700;--amber-bg:#fff1c2;--blue:#0969da;
  --sans:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans","Liberation Sans",sans-serif;
  --serif:Charter,"Bitstream Charter","Sitka Text",Cambria,Georgia,"DejaVu Serif","Liberation Serif",serif;
  --mono:ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono","Liberation Mono",monospace;
}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.5 var(--sans)}
header.page,main{max-width:1320px;margin:0 auto;padding:0 24px}
header.page{padding-top:20px;padding-bottom:8px;border-bottom:1px solid var(--line)}
h1{font-size:1.6rem;margin:0 0 4px}
h2{font-size:1.35rem;margin:0 0 6px;line-height:1.3}
h3{font-size:1.05rem;margin:22px 0 8px;padding-bottom:3px;border-bottom:1px solid var(--line)}
h4{font-size:.95rem;margin:14px 0 6px}
p{margin:6px 0}
.muted{color:var(--muted)}
.small{font-size:.85rem}
code,.id{font-family:var(--mono);font-size:.82em}
.id{background:var(--panel);border:1px solid var(--line);border-radius:4px;padding:0 4px;white-space:nowrap}
.legend{display:flex;flex-wrap:wrap;gap:6px 16px;align-items:center;margin:10px 0 4px;font-size:.85rem}
.legend mark{padding:1px 6px}
nav.toc{font-size:.9rem;margin:8px 0}
nav.toc a{color:var(--blue)}
section.story{margin:22px 0 40px}
.story-head{background:var(--panel);border:1px solid var(--line);border-radius:8px;padding:14px 18px}
.event{font-family:var(--serif);font-size:1.12rem;line-height:1.45;margin:8px 0}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:4px 14px;margin:10px 0 0}
dl.facts dt{font-weight:600;color:var(--muted)}
dl.facts dd{margin:0}
.actors span.actor{display:inline-block;margin:1px 2px;padding:0 6px;border-radius:10px;background:#fff;border:1px solid var(--line);font-size:.85rem}
.head-cols{display:grid;grid-template-columns:minmax(0,1.15fr) minmax(0,1fr);gap:8px 28px}
.head-cols h4{margin-top:10px}
@media (max-width:900px){.head-cols{grid-template-columns:1fr}}
.groups{display:grid;grid-template-columns:repeat(auto-fill,minmax(210px,1fr));gap:8px;margin:8px 0}
.group{border:1px solid var(--line);border-radius:6px;padding:6px 10px;background:#fff}
.group ul{margin:4px 0 0;padding-left:18px;overflow-wrap:anywhere}
ul.prov{margin:6px 0;padding-left:20px;font-size:.9rem}
ul.prov li{margin:2px 0}
ol.items{list-style:none;margin:0;padding:0}
ol.items>li{margin:0 0 5px}
ol.items.long{max-height:22rem;overflow-y:auto;padding-right:6px;border-bottom:1px dashed var(--line)}
details{border:1px solid var(--line);border-radius:6px;background:#fff}
details>summary{cursor:pointer;padding:5px 10px;list-style-position:outside;margin-left:14px}
details[open]>summary{border-bottom:1px solid var(--line);background:var(--panel)}
details .body{padding:6px 12px 8px}
.claim-text{font-family:var(--serif)}
.badges{display:inline-flex;flex-wrap:wrap;gap:4px;margin-left:6px;vertical-align:1px}
.badge{display:inline-block;font:600 .72rem/1.6 var(--sans);padding:0 7px;border-radius:9px;background:var(--grey-bg);color:#32383f;white-space:nowrap}
.badge.corroborated{background:var(--green-bg);color:#0e4f22}
.badge.single{background:var(--grey-bg)}
.badge.conflicting,.badge.kind{background:var(--red-bg);color:#82071e}
.badge.kind.explained{background:var(--amber-bg);color:#6b4700}
.badge.origin{background:#ddf4ff;color:#0a3069}
.badge.trace{background:var(--amber-bg);color:#6b4700}
.matrix-wrap{overflow-x:auto;margin:8px 0}
table.matrix{border-collapse:collapse;font-size:13px}
table.matrix th,table.matrix td{border:1px solid var(--line,#d0d7de);padding:2px 6px;text-align:center}
table.matrix td.fact{text-align:left;max-width:520px}
table.matrix td.states{background:var(--green-bg);color:#0e4f22}
table.matrix td.contradicts{background:var(--red-bg);color:#82071e;font-weight:bold}
table.matrix td.silent{color:#8c959f}
.badge.unverified{background:var(--amber-bg);color:#6b4700;border:1px dashed #bf8700}
ul.evidence{margin:0;padding-left:18px}
ul.evidence li{margin:4px 0}
ul.evidence q{font-family:var(--serif)}
a.jump{font-size:.8rem;color:var(--blue);text-decoration:none;margin-left:4px}
.explanation{display:block;border-left:3px solid var(--amber);padding:2px 8px;background:#fffbeb;margin:4px 0}
.diff{display:block;font-family:var(--serif);background:var(--panel);border-radius:4px;padding:3px 8px;margin:4px 0}
del{background:var(--red-bg);color:#82071e;text-decoration:line-through}
ins{background:var(--green-bg);color:#0e4f22;text-decoration:none;border-bottom:1px solid var(--green)}
table.sides{border-collapse:collapse;margin:4px 0;width:100%}
table.sides th,table.sides td{border:1px solid var(--line);padding:4px 8px;vertical-align:top;text-align:left;font-size:.9rem}
table.sides th{background:var(--panel);font-weight:600;width:32%}
.none{color:var(--muted);font-style:italic}
.columns-wrap{overflow-x:auto;border:1px solid var(--line);border-radius:8px;background:var(--panel);padding:10px}
.columns{display:grid;grid-auto-flow:column;grid-auto-columns:minmax(320px,1fr);gap:12px}
.columns.many{grid-auto-columns:340px}
article.col{background:#fff;border:1px solid var(--line);border-radius:6px;padding:10px 14px;min-width:0}
article.col h4{margin:0 0 4px;font-size:1rem;line-height:1.3}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:0 8px;font-size:.8rem;margin:6px 0 8px}
dl.meta dt{color:var(--muted)}
dl.meta dd{margin:0;overflow-wrap:anywhere}
.text{font-family:var(--serif);font-size:.95rem;line-height:1.55;white-space:pre-wrap;overflow-wrap:break-word;border-top:1px solid var(--line);padding-top:8px}
.sec-head{display:block;font-family:var(--sans);font-weight:700;font-size:.8rem;text-transform:uppercase;letter-spacing:.03em;color:var(--muted);margin:6px 0 2px}
.offtopic{opacity:.45;border-left:3px dashed var(--grey);padding-left:8px;display:block}
.sec-note{display:block;font:italic .78rem/1.4 var(--sans);color:var(--muted);margin:4px 0}
mark{color:inherit;border-radius:2px;padding:0 1px;-webkit-box-decoration-break:clone;box-decoration-break:clone}
mark.corroborated{background:var(--green-bg);box-shadow:inset 0 -2px 0 var(--green)}
mark.single{background:#eceef1;box-shadow:inset 0 -1px 0 #afb8c1}
mark.conflicting{background:var(--red-bg);box-shadow:inset 0 -2px 0 var(--red)}
mark:target{outline:2px solid var(--blue)}
details.removed{margin-top:8px;font-size:.8rem}
details.removed ul{margin:0;padding-left:18px}
.skipped li{margin:3px 0}
footer{max-width:1320px;margin:30px auto;padding:8px 24px;border-top:1px solid var(--line);color:var(--muted);font-size:.8rem}
@media print{
  body{font-size:10.5pt}
  header.page,main{max-width:none;padding:0}
  nav.toc,a.jump{display:none}
  ol.items.long{max-height:none;overflow:visible;border:0}
  details::details-content{content-visibility:visible;display:contents}
  details>summary{list-style:none;margin-left:0}
  .head-cols{grid-template-columns:1fr}
  details,article.col,.group,.story-head{break-inside:avoid}
  .columns-wrap{overflow:visible;border:0;padding:0;background:none}
  .columns,.columns.many{display:block}
  article.col{break-inside:auto;margin:0 0 12px;border:0;border-top:2px solid var(--ink);border-radius:0;padding:6px 0}
  mark,del,ins,.badge,.story-head,details[open]>summary{-webkit-print-color-adjust:exact;print-color-adjust:exact}
  .offtopic{opacity:.6}
  section.story{break-before:page}
  section.story:first-of-type{break-before:auto}
}
"""


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


def render_diff(diff: str) -> str:
    """Word diff markup ``[-dropped-]`` / ``{+added+}`` as escaped HTML with <del>/<ins>."""
    out, pos = [], 0
    for m in _DIFF_TOKEN.finditer(diff):
        out.append(e(diff[pos : m.start()]))
        if m.group(1) is not None:
            out.append(f"<del>{e(m.group(1))}</del>")
        else:
            out.append(f"<ins>{e(m.group(2))}</ins>")
        pos = m.end()
    out.append(e(diff[pos:]))
    return "".join(out)


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


def highlight(text: str, lo: int, hi: int, marks: list[_Mark], used_anchors: set[str]) -> str:
    """Escaped text[lo:hi] with <mark> elements; overlapping spans are split into flat segments.

    A segment covered by several spans takes the colour of the strongest status
    (conflicting > corroborated > single) and a title naming every claim covering it.
    """
    out = []
    for a, b, cover in _segments(lo, hi, marks):
        piece = e(text[a:b])
        if not cover:
            out.append(piece)
            continue
        top = max(cover, key=lambda m: (_PRIORITY[m.cls], m.end - m.start))
        labels = list(dict.fromkeys(m.label for m in cover))
        ident = ""
        for m in cover:
            if m.start == a and m.anchor and m.anchor not in used_anchors:
                used_anchors.add(m.anchor)
                ident = f' id="{e(m.anchor)}"'
                break
        out.append(f'<mark class="{top.cls}"{ident} title="{e(chr(10).join(labels))}">{piece}</mark>')
    return "".join(out)


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


def _article_text(story: Story, si: int, article: Article, anchors: _Anchors, used: set[str]) -> str:
    marks = _marks_for(story, si, article, anchors)
    parts = []
    for start, end, sec in _text_ranges(article):
        body = highlight(article.text, start, end, marks, used)
        if sec is None:
            parts.append(body)
            continue
        # the heading is usually a line of the text itself: label it only when it is not
        shown = sec.heading and article.text[start:end].lstrip().startswith(sec.heading.strip())
        head = f'<span class="sec-head">{e(sec.heading)}</span>' if sec.heading and not shown else ""
        if sec.off_topic:
            reason = e(sec.off_topic_reason or "not part of this story")
            note = f'<span class="sec-note">Off-topic section, left out of the analysis: {reason}</span>'
            parts.append(f'<span class="offtopic" title="{reason}">{note}{head}{body}</span>')
        else:
            parts.append(f"{head}{body}")
    return '<div class="text">' + "".join(parts) + "</div>"


# --------------------------------------------------------------------------
# story parts


def _id(article_id: str) -> str:
    return f'<span class="id">{e(article_id)}</span>'


def _ids(article_ids: Iterable[str]) -> str:
    return " ".join(_id(a) for a in article_ids)


def _evidence_list(evidence: list[Evidence], si: int, anchors: _Anchors, report: Report) -> str:
    if not evidence:
        return '<p class="none">no evidence span</p>'
    items = []
    for ev in evidence:
        jump = ""
        try:
            art = report.article(ev.article_id)
        except KeyError:
            art = None
        where = _resolve_span(art, ev) if art is not None else None
        if where:
            anchor = anchors.span(si, ev.article_id, where[0])
            if anchor:
                jump = f' <a class="jump" href="#{e(anchor)}">show in text ↓</a>'
        who = f' <span class="muted small">— attributed to {e(ev.attributed_to)}</span>' if ev.attributed_to else ""
        items.append(f"<li>{_id(ev.article_id)} <q>{e(ev.span.text)}</q>{who}{jump}</li>")
    return '<ul class="evidence">' + "".join(items) + "</ul>"


def _claim_item(c: StoryClaim, story: Story, si: int, anchors: _Anchors, report: Report) -> str:
    badges = []
    if c.status == ClaimStatus.single_source:
        groups = list(dict.fromkeys(g.id for a in c.article_ids if (g := _group_of(story, a))))
        src = ", ".join(groups) if groups else "one source"
        badges.append(f'<span class="badge single">single source: {e(src)}</span>')
    else:
        cls = _STATUS_CLASS[c.status]
        badges.append(f'<span class="badge {cls}">{e(_plural(c.independent_sources, "independent source"))}</span>')
        badges.append(f'<span class="badge origin">{e(_plural(c.independent_origins, "origin"))}</span>')
        if c.independent_origins == 1 and len(c.attributed_to) == 1:
            badges.append(f'<span class="badge trace">all trace back to {e(c.attributed_to[0])}</span>')
    if c.kind == "quote":
        badges.append('<span class="badge">quote</span>')
    if c.unverified_by:
        tip = e(c.unverified_notes[0]) if c.unverified_notes else ""
        badges.append(f'<span class="badge unverified" title="{tip}">not verified by {e(", ".join(c.unverified_by))}</span>')
    attributed = ""
    if c.attributed_to and not (c.independent_origins == 1 and len(c.attributed_to) == 1 and c.status != ClaimStatus.single_source):
        attributed = f'<p class="small muted">Attributed to: {e(", ".join(c.attributed_to))}</p>'
    unverified = ""
    if c.unverified_by:
        notes = "".join(f"<li><q>{e(n)}</q></li>" for n in c.unverified_notes)
        unverified = f'<p class="small unverified-note">Not verified by {_ids(c.unverified_by)}:</p><ul class="small">{notes}</ul>'
    body = (
        f'<div class="body">{attributed}{unverified}'
        f'<p class="small muted">Carried by: {_ids(c.article_ids)}</p>'
        f"{_evidence_list(c.evidence, si, anchors, report)}</div>"
    )
    return (
        f'<li id="{e(c.id)}"><details class="claim {_STATUS_CLASS[c.status]}" data-claim-id="{e(c.id)}" data-status="{e(c.status.value)}"><summary>'
        f'<span class="claim-text">{e(c.text)}</span><span class="badges">{"".join(badges)}</span>'
        f"</summary>{body}</details></li>"
    )


def _discrepancy_item(d: Discrepancy, si: int, anchors: _Anchors, report: Report) -> str:
    kind_cls = "kind explained" if d.explanation else "kind"
    # the explanation and the quote diff show without expanding: they are the point of the item
    head_extra = ""
    if d.explanation:
        head_extra += f'<span class="explanation small"><strong>Possible explanation:</strong> {e(d.explanation)}</span>'
    if d.diff:
        diff = render_diff(d.diff) if d.kind.value == "quote" else e(d.diff)
        head_extra += f'<span class="diff small">{diff}</span>'
    rows = []
    for side in d.sides:
        rows.append(
            f"<tr><th>{e(side.value)}<br>{_ids(side.article_ids)}</th>"
            f"<td>{_evidence_list(side.evidence, si, anchors, report)}</td></tr>"
        )
    parts = ['<table class="sides"><tbody>' + "".join(rows) + "</tbody></table>"]
    return (
        f'<li><details class="discrepancy"><summary><span class="badge {kind_cls}">{e(d.kind.value)}</span> '
        f"{e(d.summary)}{head_extra}</summary>"
        f'<div class="body">{"".join(parts)}</div></details></li>'
    )


_ACTOR_ORDER = [(ActorType.person, "People"), (ActorType.org, "Organisations"), (ActorType.place, "Places"), (ActorType.other, "Other")]


def _actor_chip(a: Actor) -> str:
    tip = []
    if a.role:
        tip.append(a.role)
    if a.aliases:
        tip.append("also: " + ", ".join(a.aliases))
    title = f' title="{e("; ".join(tip))}"' if tip else ""
    return f'<span class="actor"{title}>{e(a.name)}</span>'


def _summary(report: Report, story: Story) -> str:
    from ..provenance import describe

    rows = []
    if story.event_date:
        reason = f' <span class="muted small">— {e(story.event_date_reason)}</span>' if story.event_date_reason else ""
        rows.append(f"<dt>Event date</dt><dd><strong>{e(story.event_date.isoformat())}</strong>{reason}</dd>")
    else:
        reason = f' <span class="muted small">— {e(story.event_date_reason)}</span>' if story.event_date_reason else ""
        rows.append(f'<dt>Event date</dt><dd><span class="none">unknown</span>{reason}</dd>')
    for kind, label in _ACTOR_ORDER:
        actors = [a for a in story.actors if a.type == kind]
        if actors:
            rows.append(f'<dt>{label}</dt><dd class="actors">{"".join(_actor_chip(a) for a in actors)}</dd>')
    n_art = len(story.article_ids)
    n_src = len(story.independent_groups)
    rows.append(
        f"<dt>Sources</dt><dd>{e(_plural(n_art, 'article'))}, "
        f"<strong>{e(_plural(n_src, 'independent source'))}</strong></dd>"
    )
    groups = []
    for g in story.independent_groups:
        items = []
        for aid in g.article_ids:
            try:
                art = report.article(aid)
                label = art.title or art.outlet or (art.source_path or "").rsplit("/", 1)[-1]
            except KeyError:
                label = ""
            origin = ' <span class="badge origin">origin</span>' if g.origin == aid and len(g.article_ids) > 1 else ""
            items.append(f'<li>{_id(aid)}{origin} <span class="small">{e(_short(label, 90))}</span></li>')
        credit = f' <span class="badge">{e(g.credit)}</span>' if g.credit else ""
        groups.append(
            f'<div class="group"><strong>{e(g.id)}</strong>{credit} '
            f'<span class="muted small">{e(_plural(len(g.article_ids), "article"))}</span><ul>{"".join(items)}</ul></div>'
        )
    prov = "".join(f"<li>{e(line)}</li>" for line in describe(story)) if story.article_ids else ""
    event = f'<p class="event">{e(story.event)}</p>' if story.event else '<p class="event none">no event sentence</p>'
    return (
        '<div class="story-head">'
        f"{event}"
        '<div class="head-cols"><div>'
        f'<dl class="facts">{"".join(rows)}</dl>'
        "</div><div>"
        "<h4>Independent sources</h4>"
        f'<div class="groups">{"".join(groups) or "<p class=none>none</p>"}</div>'
        f'<ul class="prov">{prov}</ul>'
        "</div></div></div>"
    )


def _meta(story: Story, article: Article) -> str:
    rows = []

    def row(label: str, value: object) -> None:
        if value not in (None, "", []):
            rows.append(f"<dt>{e(label)}</dt><dd>{value}</dd>")

    row("id", _id(article.id))
    row("byline", e(", ".join(article.byline)) if article.byline else None)
    row("dateline", e(article.dateline) if article.dateline else None)
    if article.published:
        src = f' <span class="muted">({e(article.published_source)})</span>' if article.published_source else ""
        row("date", e(article.published.isoformat()) + src)
    row("credit", e(article.credit) if article.credit else None)
    row("outlet", e(article.outlet) if article.outlet else None)
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
        row("source", f"{e(g.id)} — {e(desc)}")
    row("file", f"<code>{e(article.source_path)}</code>" if article.source_path else None)
    row("url", f"<code>{e(article.url)}</code>" if article.url else None)
    row("length", e(_plural(len(article.text.split()), "word")))
    return '<dl class="meta">' + "".join(rows) + "</dl>"


def _columns(report: Report, story: Story, si: int, anchors: _Anchors) -> str:
    cols = []
    used: set[str] = set()
    for aid in story.article_ids:
        try:
            art = report.article(aid)
        except KeyError:
            continue
        title = e(art.title) if art.title else '<span class="none">untitled</span>'
        removed = ""
        if art.removed:
            lis = "".join(f"<li><em>{e(r.reason)}</em>: {e(_short(r.text, 120))}</li>" for r in art.removed)
            removed = (
                f'<details class="removed"><summary>{e(_plural(len(art.removed), "line"))} removed by the cleaner</summary>'
                f'<div class="body"><ul>{lis}</ul></div></details>'
            )
        cols.append(
            f'<article class="col" id="{anchors.story(si)}-{anchors.article[aid]}"><h4>{title}</h4>'
            f"{_meta(story, art)}{_article_text(story, si, art, anchors, used)}{removed}</article>"
        )
    many = " many" if len(cols) > 3 else ""
    return f'<div class="columns-wrap"><div class="columns{many}">{"".join(cols)}</div></div>'


_CELL = {"states": ("●", "states it"), "contradicts": ("✗", "contradicts it"), "silent": ("·", "silent")}


def _matrix(story: Story, max_items: int | None) -> str:
    """The fact x outlet matrix: rows facts, columns articles grouped by independent group."""
    m = fact_matrix(story, max_items)
    if not m.rows:
        return ""
    groups: list[tuple[str | None, int]] = []
    for col in m.columns:
        if groups and groups[-1][0] == col.group_id:
            groups[-1] = (col.group_id, groups[-1][1] + 1)
        else:
            groups.append((col.group_id, 1))
    head1 = '<tr><th rowspan="2">fact</th><th rowspan="2">status</th>' + "".join(
        f'<th colspan="{n}" class="group">{e(g or "—")}</th>' for g, n in groups
    ) + "</tr>"
    head2 = "<tr>" + "".join(f'<th title="{e(col.article_id)}">{e(col.label)}</th>' for col in m.columns) + "</tr>"
    shown = {c.id for sec in story_view(story, max_items).sections for c in sec.shown}
    body = []
    for c, cells in m.rows:
        text = e(_short(c.text, 140))
        link = f'<a href="#{e(c.id)}">{text}</a>' if c.id in shown else text
        tds = "".join(f'<td class="cell {x}" title="{e(_CELL[x][1])}">{_CELL[x][0]}</td>' for x in cells)
        body.append(
            f'<tr><td class="fact">{link}</td>'
            f'<td><span class="badge {_STATUS_CLASS[c.status]}">{e(c.status.value)}</span></td>{tds}</tr>'
        )
    legend = "; ".join(f"{col.label} = {e(col.article_id)}" for col in m.columns)
    return (
        f'<h3 data-section="matrix">Facts × outlets <span class="muted small">({len(m.rows) + m.hidden} facts carried by more than one article; '
        "● states it, ✗ contradicts it, · silent)</span></h3>"
        f'<div class="matrix-wrap"><table class="matrix"><thead>{head1}{head2}</thead><tbody>{"".join(body)}</tbody></table></div>'
        f'<p class="muted small">{legend}</p>{_more(m.hidden)}'
    )


def _more(hidden: int) -> str:
    return f'<p class="muted small">… and {hidden} more (shown: --max-items; all are in the JSON report)</p>' if hidden else ""


def _story(report: Report, story: Story, si: int, anchors: _Anchors, max_items: int | None = None) -> str:
    view = story_view(story, max_items)

    def items(claims: list[StoryClaim], hidden: int) -> str:
        if not claims:
            return '<p class="none">none</p>'
        cls = "items long" if len(claims) > LONG_LIST else "items"
        return f'<ol class="{cls}">' + "".join(_claim_item(c, story, si, anchors, report) for c in claims) + "</ol>" + _more(hidden)

    discs, hidden = cut(story.discrepancies, max_items)
    disc = (
        '<ol class="items">' + "".join(_discrepancy_item(d, si, anchors, report) for d in discs) + "</ol>" + _more(hidden)
        if story.discrepancies
        else '<p class="none">none found</p>'
    )
    sections = "".join(
        f'<h3 data-section="{e(sec.key)}">{e(sec.heading)} <span class="muted small">({len(sec.claims)}; {e(sec.meaning)})</span></h3>'
        f"{items(sec.shown, sec.hidden)}"
        for sec in view.sections
    )
    title = e(story.title) if story.title else "untitled story"
    return (
        f'<section class="story" id="{anchors.story(si)}">'
        f'<h2><span class="id">{e(story.id)}</span> {title}</h2>'
        f"{_summary(report, story)}"
        f"{_matrix(story, max_items)}"
        f"{sections}"
        f'<h3 data-section="discrepancies">Discrepancies <span class="muted small">({len(story.discrepancies)})</span></h3>{disc}'
        f'<h3>Sources side by side <span class="muted small">({e(_plural(len(story.article_ids), "article"))})</span></h3>'
        f"{_columns(report, story, si, anchors)}"
        "</section>"
    )


def _legend() -> str:
    return (
        '<div class="legend"><strong>Highlights:</strong>'
        '<span><mark class="corroborated">corroborated</mark> stated by two or more independent sources</span>'
        '<span><mark class="single">single source</mark> one independent source only</span>'
        '<span><mark class="conflicting">conflicting</mark> sources disagree</span>'
        '<span><del>dropped</del> / <ins>added</ins> words in a quote</span>'
        '<span class="offtopic" style="display:inline;padding-left:4px">off-topic section (dimmed)</span>'
        "</div>"
    )


def _skipped(report: Report) -> str:
    skipped = report.skipped
    if not skipped:
        return '<section class="skipped"><h3>Skipped inputs</h3><p class="none">none: every input was analysed</p></section>'
    lis = "".join(
        f"<li><code>{e(a.source_path or a.id)}</code> — {e(a.reason or 'no reason given')}</li>" for a in skipped
    )
    return f'<section class="skipped"><h3>Skipped inputs ({len(skipped)})</h3><ul>{lis}</ul></section>'


def to_html(report: Report, max_items: int | None = None) -> str:
    """Render the report as one self-contained HTML page."""
    anchors = _Anchors(report)
    ok, skipped = report.analysed, report.skipped
    first = report.stories[0].title if report.stories and report.stories[0].title else None
    page_title = "crosscheck report" + (f": {first}" if first else "")
    toc = ""
    if len(report.stories) > 1:
        toc = (
            '<nav class="toc">Stories: '
            + " · ".join(f'<a href="#{anchors.story(i)}">{e(s.title or s.id)}</a>' for i, s in enumerate(report.stories))
            + "</nav>"
        )
    stories = "".join(_story(report, s, i, anchors, max_items) for i, s in enumerate(report.stories))
    if not report.stories:
        stories = '<p class="none">No story: nothing to cross-check.</p>'
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="referrer" content="no-referrer">'
        f"<title>{e(page_title)}</title><style>{_CSS}</style>{SCRIPT_TAG}</head><body>"
        '<header class="page"><h1>crosscheck report</h1>'
        f'<p class="muted">{e(_plural(len(report.articles), "input"))}: {len(ok)} analysed, {len(skipped)} skipped; '
        f"{e(_plural(len(report.stories), 'story', 'stories'))}. "
        f"Generated {e(report.generated_at.strftime('%Y-%m-%d %H:%M'))} by crosscheck {e(report.crosscheck_version)}.</p>"
        f"{_legend()}{toc}</header>"
        f"<main>{stories}{_skipped(report)}</main>"
        f"<footer>crosscheck {e(report.crosscheck_version)} · schema {e(report.schema_version)} · "
        "click a fact or discrepancy to see its evidence; hover a highlight for its claim.</footer>"
        "</body></html>\n"
    )


__all__ = ["to_html", "render_diff", "highlight", "SCRIPT_TAG"]
