"""crosscheck: cross-check many news reports of one event.

>>> import crosscheck
>>> report = crosscheck.analyze(["articles/"])      # doctest: +SKIP
>>> print(report.model_dump_json(indent=2))          # doctest: +SKIP

Names are imported on first use, so that ``crosscheck --help`` and ``import crosscheck`` stay fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["analyze", "Article", "Report", "Story", "__version__"]

if TYPE_CHECKING:  # pragma: no cover
    from .model import Article, Report, Story
    from .pipeline import analyze


def __getattr__(name: str) -> Any:
    if name == "analyze":
        from .pipeline import analyze

        return analyze
    if name in ("Article", "Report", "Story"):
        from . import model

        return getattr(model, name)
    raise AttributeError(f"module 'crosscheck' has no attribute {name!r}")
