"""crosscheck: cross-check many news reports of one event.

>>> import crosscheck
>>> report = crosscheck.analyze(["articles/"])      # doctest: +SKIP
>>> print(report.model_dump_json(indent=2))          # doctest: +SKIP
"""

__version__ = "0.1.0"

from .model import Article, Report, Story  # noqa: E402
from .pipeline import analyze  # noqa: E402

__all__ = ["analyze", "Article", "Report", "Story", "__version__"]
