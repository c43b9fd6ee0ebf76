"""Markdown output: a readable account of the run for editors."""

from __future__ import annotations

from ..model import Article, Report, Story


def _cell(value: object) -> str:
    s = "—" if value in (None, "", []) else (", ".join(value) if isinstance(value, list) else str(value))
    return s.replace("|", "\\|").replace("\n", " ")


def _article_row(a: Article) -> str:
    off = sum(1 for s in a.sections if s.off_topic)
    return "| " + " | ".join(
        _cell(v)
        for v in (
            a.id,
            a.title,
            a.byline,
            a.dateline,
            a.published.isoformat() if a.published else None,
            a.credit,
            f"{len(a.text.split())} words",
            f"{len(a.removed)} lines" + (f", {off} off-topic section(s)" if off else ""),
        )
    ) + " |"


def _story(report: Report, story: Story) -> list[str]:
    out = [f"## {story.id}: {story.title or 'untitled story'}", ""]
    out.append(f"{len(story.article_ids)} article(s): " + ", ".join(story.article_ids))
    if story.event_date:
        out.append(f"Event date: {story.event_date.isoformat()}")
    out.append("")
    if len(story.article_ids) > 1:
        from ..provenance import describe

        out += ["### Provenance", ""]
        out += [f"- {line}" for line in describe(story)]
        out.append("")
        for link in story.reuse:
            if not link.passages:
                continue
            p = max(link.passages, key=lambda x: x.a.end - x.a.start)
            excerpt = p.a.text if len(p.a.text) <= 160 else p.a.text[:157] + "..."
            out.append(
                f"- {link.a} [{p.a.start}:{p.a.end}] ~ {link.b} [{p.b.start}:{p.b.end}] ({link.kind.value}, similarity {p.similarity:.2f}): “{excerpt}”"
            )
        if story.reuse:
            out.append("")
    return out


def _article_detail(a: Article) -> list[str]:
    out = [f"### {a.id}", ""]
    if a.source_path:
        out.append(f"Source: `{a.source_path}` ({a.format}{', ' + a.encoding if a.encoding and a.encoding != 'utf-8' else ''})")
    if a.published:
        out.append(f"Published: {a.published.isoformat()} (from {a.published_source or 'input'})")
    heads = [s for s in a.sections if s.heading]
    if heads:
        out.append("Sections: " + "; ".join(f"{s.heading}{' (off-topic: ' + (s.off_topic_reason or '') + ')' if s.off_topic else ''}" for s in heads))
    if a.removed:
        out.append("")
        out.append("Removed lines:")
        for r in a.removed:
            text = r.text if len(r.text) <= 100 else r.text[:97] + "..."
            out.append(f"- *{r.reason}*: {text}")
    out.append("")
    return out


def to_markdown(report: Report) -> str:
    ok, skipped = report.analysed, report.skipped
    out = [
        "# crosscheck report",
        "",
        f"{len(report.articles)} input(s): {len(ok)} analysed, {len(skipped)} skipped; {len(report.stories)} story(ies).",
        "",
    ]
    for story in report.stories:
        out += _story(report, story)
    if ok:
        out += ["## Articles", "", "| id | title | byline | dateline | published | credit | text | removed |", "|---|---|---|---|---|---|---|---|"]
        out += [_article_row(a) for a in ok]
        out.append("")
        for a in ok:
            out += _article_detail(a)
    if skipped:
        out += ["## Skipped", ""]
        out += [f"- `{a.source_path or a.id}`: {a.reason}" for a in skipped]
        out.append("")
    return "\n".join(out)
