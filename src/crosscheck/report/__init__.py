"""Report: render a :class:`~crosscheck.model.Report` as JSON, Markdown (and, later, HTML)."""

from __future__ import annotations

from ..model import Report
from .json import to_json, report_schema
from .markdown import to_markdown
from .html import to_html

FORMATS = {"json": to_json, "md": to_markdown, "html": to_html}


def render(report: Report, fmt: str = "json") -> str:
    try:
        return FORMATS[fmt](report)
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}") from None


__all__ = ["render", "to_json", "to_markdown", "report_schema", "FORMATS"]
