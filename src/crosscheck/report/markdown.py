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


MAX_LIST = 25


def _claim_line(c) -> str:  # noqa: ANN001
    origin = ""
    if c.attributed_to:
        origin = f"; attributed to {', '.join(c.attributed_to)}"
        if c.independent_origins == 1:
            origin += " (one origin, however many outlets carry it)"
    return f"- {_quote(c.text)} — {c.independent_sources} independent source(s), {len(c.article_ids)} article(s): {', '.join(c.article_ids)}{origin}"


def _quote(text: str, n: int = 220) -> str:
    t = " ".join(text.split())
    return "“" + (t if len(t) <= n else t[: n - 1] + "…") + "”"


def _summary(story: Story) -> list[str]:
    from ..model import ClaimStatus

    out = []
    if story.event:
        out.append(f"**Event:** {_quote(story.event)}")
    if story.event_date:
        out.append(f"**Date:** {story.event_date.isoformat()} ({story.event_date_reason or ''})")
    people = [a.name for a in story.actors if a.type.value == "person"]
    places = [a.name for a in story.actors if a.type.value == "place"]
    orgs = [a.name for a in story.actors if a.type.value == "org"]
    if people:
        out.append("**People:** " + ", ".join(people))
    if orgs:
        out.append("**Organisations:** " + ", ".join(orgs[:20]))
    if places:
        out.append("**Places:** " + ", ".join(places[:20]))
    out.append("")
    facts = [c for c in story.claims if c.status != ClaimStatus.single_source and c.independent_sources >= 2]
    confirmed = [c for c in facts if c.independent_origins >= 2]
    one_origin = [c for c in facts if c.independent_origins < 2]
    single = [c for c in story.claims if c.status == ClaimStatus.single_source]
    # single-source facts worth checking first: those with figures, quotes or names
    single.sort(key=lambda c: -(len(c.text) > 60) - 2 * bool(c.attributed_to))
    out += [f"### Corroborated by independent origins ({len(confirmed)})", ""]
    out += [_claim_line(c) for c in confirmed[:MAX_LIST]] or ["- none"]
    out += ["", f"### Carried by several outlets but traced to one party ({len(one_origin)})", ""]
    out += [_claim_line(c) for c in one_origin[:MAX_LIST]] or ["- none"]
    out += ["", f"### Single-source ({len(single)})", ""]
    out += [f"- {_quote(c.text)} — only {', '.join(c.article_ids)}" for c in single[:MAX_LIST]] or ["- none"]
    if len(single) > MAX_LIST:
        out.append(f"- … and {len(single) - MAX_LIST} more (see the JSON report)")
    out += ["", f"### Discrepancies ({len(story.discrepancies)})", ""]
    for d in story.discrepancies:
        out.append(f"- **{d.kind.value}**: {d.summary}" + (f" — *{d.explanation}*" if d.explanation else ""))
        if d.diff:
            for line in d.diff.splitlines():
                out.append(f"  - diff: {line}")
        for side in d.sides:
            ev = side.evidence[0] if side.evidence else None
            if ev:
                out.append(f"  - {', '.join(side.article_ids)}: {_quote(ev.span.text, 160)}")
    if not story.discrepancies:
        out.append("- none found")
    out.append("")
    return out


def _story(report: Report, story: Story) -> list[str]:
    out = [f"## {story.id}: {story.title or 'untitled story'}", ""]
    out.append(f"{len(story.article_ids)} article(s): " + ", ".join(story.article_ids))
    out.append("")
    if len(story.article_ids) > 1 or story.claims:
        out += _summary(story)
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
    if a.quotes:
        out += ["", "Quotes:"]
        for q in a.quotes:
            kind = "" if q.direct else " (reported)"
            out.append(f"- {q.speaker or 'unattributed'}{kind}: {_quote(q.text, 180)}")
    if a.quantities:
        out += ["", "Figures: " + "; ".join(q.text + (f" [{'consistent' if q.conversion.consistent else 'INCONSISTENT'} conversion: {q.conversion.note}]" if q.conversion else "") for q in a.quantities)]
    dated = [d for d in a.dates if d.resolved]
    if dated:
        out += ["", "Dates: " + "; ".join(d.resolution or f"{d.text} → {d.resolved}" for d in dated)]
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
