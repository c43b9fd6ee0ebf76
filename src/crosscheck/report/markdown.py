"""Markdown output: a readable account of the run for editors.

It shows what the JSON report holds, arranged by :mod:`.view` exactly as the HTML report is: the same claims
under the same headings with the same statuses. Everything that comes from an article, a path or an input
(titles, quotes, names, ids, reasons) is escaped, so that no Markdown or HTML in it is ever read as markup:
``<`` ``>`` ``&`` become entities, Markdown punctuation is backslash-escaped, ids and paths are code spans.
"""

from __future__ import annotations

import re

from ..model import Article, Discrepancy, Report, Story, StoryClaim
from .view import CONTRADICTS, STATES, cut, fact_matrix, story_view

_CELL = {STATES: "●", CONTRADICTS: "✗", "silent": "·"}

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]|~])")


def md(value: object) -> str:
    """Text from the data as inert Markdown: no HTML, no links, no emphasis, on one line."""
    s = " ".join(str(value).split())
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    # (values are always placed after a list marker, a label or a table pipe, never at the start of a line)
    return _MD_SPECIAL.sub(r"\\\1", s)


def code(value: object) -> str:
    """An id or a path as a code span (its content is never markup); backticks inside are fenced around."""
    s = " ".join(str(value).split())
    runs = [len(r) for r in re.findall(r"`+", s)]
    fence = "`" * (max(runs, default=0) + 1)
    pad = " " if s.startswith("`") or s.endswith("`") or not s.strip() else ""
    return f"{fence}{pad}{s}{pad}{fence}"


def _cell(value: object) -> str:
    if value in (None, "", []):
        return "—"
    return md(", ".join(value) if isinstance(value, list) else value)


def _quote(text: str, n: int | None = None) -> str:
    t = " ".join(text.split())
    if n is not None and len(t) > n:
        t = t[: n - 1] + "…"
    return "“" + md(t) + "”"


def _ids(ids: list[str]) -> str:
    return ", ".join(code(i) for i in ids)


def _more(n: int) -> list[str]:
    return [f"- … and {n} more (shown: --max-items; all are in the JSON report)"] if n else []


def _claim_line(c: StoryClaim) -> str:
    parts = [f"- {_quote(c.text)} — {c.independent_sources} independent source(s), {len(c.article_ids)} article(s): {_ids(c.article_ids)}"]
    if c.attributed_to:
        parts.append(f"; attributed to {md(', '.join(c.attributed_to))}")
        if c.independent_origins == 1:
            parts.append(" (one origin, however many outlets carry it)")
    if c.unverified_by:
        note = f": {_quote(c.unverified_notes[0])}" if c.unverified_notes else ""
        parts.append(f"; **not verified** by {_ids(c.unverified_by)}{note}")
    parts.append(f" · {code(c.id)}")
    return "".join(parts)


def _single_lines(claims: list[StoryClaim]) -> list[str]:
    """Single-source claims grouped by the article that carries them."""
    out: list[str] = []
    current = None
    for c in claims:
        aid = c.article_ids[0] if c.article_ids else ""
        if aid != current:
            out.append(f"- only {code(aid)}:")
            current = aid
        out.append("  " + _claim_line(c))
    return out


def _discrepancy_lines(d: Discrepancy) -> list[str]:
    out = [f"- **{md(d.kind.value)}**: {md(d.summary)}" + (f" — *possible explanation: {md(d.explanation)}*" if d.explanation else "")]
    if d.diff:
        for line in d.diff.splitlines():
            out.append(f"  - diff: {md(line)}")
    for side in d.sides:
        ev = side.evidence[0] if side.evidence else None
        text = f": {_quote(ev.span.text, 300)}" if ev else ""
        out.append(f"  - {md(side.value)} ({_ids(side.article_ids)}){text}")
    return out


def _matrix(story: Story, max_items: int | None) -> list[str]:
    m = fact_matrix(story, max_items)
    if not m.rows:
        return []
    out = [f"### Facts × outlets ({len(m.rows) + m.hidden} facts carried by more than one article)", ""]
    groups = "; ".join(f"{col.label} = {code(col.article_id)}" + (f" ({md(col.group_id)})" if col.group_id else "") for col in m.columns)
    out += [f"Columns, by independent group: {groups}. ● states it, ✗ contradicts it, · silent.", ""]
    out.append("| fact | status | " + " | ".join(col.label for col in m.columns) + " |")
    out.append("|---|---|" + "---|" * len(m.columns))
    for c, cells in m.rows:
        out.append(f"| {_quote(c.text, 120).replace('|', '&#124;')} | {md(c.status.value)} | " + " | ".join(_CELL[x] for x in cells) + " |")
    out += _more(m.hidden)
    out.append("")
    return out


def _summary(story: Story, max_items: int | None) -> list[str]:
    out = []
    if story.event:
        out.append(f"**Event:** {_quote(story.event)}")
    if story.event_date:
        out.append(f"**Date:** {story.event_date.isoformat()} ({md(story.event_date_reason or '')})")
    if story.related:
        out.append("**Other developments (linked stories):** " + ", ".join(code(r) for r in story.related))
    for kind, label in (("person", "People"), ("org", "Organisations"), ("place", "Places")):
        names = [a.name for a in story.actors if a.type.value == kind]
        shown, hidden = cut(names, max_items)
        if shown:
            out.append(f"**{label}:** " + ", ".join(md(n) for n in shown) + (f" … and {hidden} more" if hidden else ""))
    out.append("")
    out += _matrix(story, max_items)
    view = story_view(story, max_items)
    for sec in view.sections:
        out += [f"### {sec.heading} ({len(sec.claims)})", "", f"*{sec.meaning}*", ""]
        if not sec.claims:
            out.append("- none")
        elif sec.key == "single_source":
            out += _single_lines(sec.shown)
        else:
            out += [_claim_line(c) for c in sec.shown]
        out += _more(sec.hidden)
        out.append("")
    out += [f"### Discrepancies ({len(story.discrepancies)})", ""]
    shown, hidden = cut(story.discrepancies, max_items)
    for d in shown:
        out += _discrepancy_lines(d)
    out += _more(hidden)
    if not story.discrepancies:
        out.append("- none found")
    out.append("")
    return out


def _story(story: Story, max_items: int | None) -> list[str]:
    out = [f"## {code(story.id)}: {md(story.title) if story.title else 'untitled story'}", ""]
    out.append(f"{len(story.article_ids)} article(s): " + _ids(story.article_ids))
    out.append("")
    if len(story.article_ids) > 1 or story.claims:
        out += _summary(story, max_items)
    if len(story.article_ids) > 1:
        from ..provenance import describe

        out += ["### Provenance", ""]
        out += [f"- {md(line)}" for line in describe(story)]
        out.append("")
        links = [link for link in story.reuse if link.passages]
        shown, hidden = cut(links, max_items)
        for link in shown:
            p = max(link.passages, key=lambda x: x.a.end - x.a.start)
            out.append(
                f"- {code(link.a)} [{p.a.start}:{p.a.end}] ~ {code(link.b)} [{p.b.start}:{p.b.end}] "
                f"({link.kind.value}, similarity {p.similarity:.2f}): {_quote(p.a.text, 160)}"
            )
        out += _more(hidden)
        if links:
            out.append("")
    return out


def _article_row(a: Article) -> str:
    off = sum(1 for s in a.sections if s.off_topic)
    cells = [
        code(a.id),
        _cell(a.title),
        _cell(a.byline),
        _cell(a.dateline),
        _cell(a.published.isoformat() if a.published else None),
        _cell(a.credit),
        f"{len(a.text.split())} words",
        f"{len(a.removed)} lines" + (f", {off} off-topic section(s)" if off else ""),
    ]
    return "| " + " | ".join(c.replace("|", "\\|") if c.startswith("`") else c for c in cells) + " |"


def _article_detail(a: Article, max_items: int | None) -> list[str]:
    out = [f"### {code(a.id)}", ""]
    if a.source_path:
        enc = f", {md(a.encoding)}" if a.encoding and a.encoding != "utf-8" else ""
        out.append(f"Source: {code(a.source_path)} ({md(a.format)}{enc})")
    if a.published:
        out.append(f"Published: {a.published.isoformat()} (from {md(a.published_source or 'input')})")
    heads = [s for s in a.sections if s.heading]
    if heads:
        out.append(
            "Sections: "
            + "; ".join(md(s.heading) + (f" (off-topic: {md(s.off_topic_reason or '')})" if s.off_topic else "") for s in heads)
        )
    quotes, hidden = cut(a.quotes, max_items)
    if quotes:
        out += ["", "Quotes:"]
        for q in quotes:
            kind = "" if q.direct else " (reported)"
            out.append(f"- {md(q.speaker or 'unattributed')}{kind}: {_quote(q.text)}")
        out += _more(hidden)
    figures, hidden = cut(a.quantities, max_items)
    if figures:
        out += ["", "Figures: " + "; ".join(
            md(q.text) + (f" [{'consistent' if q.conversion.consistent else 'INCONSISTENT'} conversion: {md(q.conversion.note)}]" if q.conversion else "")
            for q in figures
        ) + (f"; … and {hidden} more" if hidden else "")]
    dated = [d for d in a.dates if d.resolved]
    if dated:
        out += ["", "Dates: " + "; ".join(md(d.resolution or f"{d.text} → {d.resolved}") for d in dated)]
    unverified = [c for c in a.claims if c.unverified]
    if unverified:
        out += ["", f"Not verified by the outlet ({len(unverified)} claim(s)): {_quote(unverified[0].unverified_note or '')}"]
    removed, hidden = cut(a.removed, max_items)
    if removed:
        out += ["", "Removed lines:"]
        out += [f"- *{md(r.reason)}*: {md(r.text)}" for r in removed]
        out += _more(hidden)
    out.append("")
    return out


def to_markdown(report: Report, max_items: int | None = None) -> str:
    ok, skipped = report.analysed, report.skipped
    out = [
        "# crosscheck report",
        "",
        f"{len(report.articles)} input(s): {len(ok)} analysed, {len(skipped)} skipped; {len(report.stories)} story(ies).",
        "",
    ]
    for story in report.stories:
        out += _story(story, max_items)
    if ok:
        out += ["## Articles", "", "| id | title | byline | dateline | published | credit | text | removed |", "|---|---|---|---|---|---|---|---|"]
        out += [_article_row(a) for a in ok]
        out.append("")
        for a in ok:
            out += _article_detail(a, max_items)
    if skipped:
        out += ["## Skipped", ""]
        out += [f"- {code(a.source_path or a.id)}: {md(a.reason or 'no reason given')}" for a in skipped]
        out.append("")
    return "\n".join(out)


__all__ = ["to_markdown", "md", "code"]
