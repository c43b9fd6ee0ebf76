"""JSON output: the Report serialised as is, and its JSON Schema."""

from __future__ import annotations

import json as _json

from ..model import Report


def to_json(report: Report, indent: int | None = 2) -> str:
    return report.model_dump_json(indent=indent) + "\n"


def report_schema() -> dict:
    """JSON Schema of the serialised report (docs/report.schema.json is this, written out)."""
    schema = Report.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "crosscheck report"
    return schema


def schema_text() -> str:
    return _json.dumps(report_schema(), indent=2, sort_keys=True) + "\n"
