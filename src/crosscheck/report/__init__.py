"""Report: render a :class:`~crosscheck.model.Report` as JSON, Markdown (and, later, HTML)."""

from __future__ import annotations

from ..model import Report
from .json import to_json, report_schema
from .markdown import to_markdown
from .html import to_html

FORMATS = {"json": to_json, "md": to_markdown, "html": to_html}


def render(report: Report, fmt: str = "json", *, max_items: int | None = None) -> str:
    """The report as text in ``fmt`` (json, md, html). ``max_items`` cuts each list of the Markdown and HTML
    reports (they say how many were left out); the JSON report always holds everything."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    if fmt == "json":
        return to_json(report)
    return FORMATS[fmt](report, max_items=max_items)


__all__ = ["render", "to_json", "to_markdown", "report_schema", "FORMATS"]
