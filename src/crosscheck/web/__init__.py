"""``crosscheck serve``: a local web app over :func:`crosscheck.analyze` and :func:`crosscheck.report.render`.

Needs the ``web`` extra (``pip install 'crosscheck[web]'``). :func:`create_app` builds the FastAPI app;
uploads are read by :mod:`.uploads`, analysed by :mod:`.jobs`, kept by :mod:`.store`, searched by :mod:`.search`.
"""

from __future__ import annotations

from typing import Any


def create_app(*args: Any, **kwargs: Any) -> Any:
    """The FastAPI app (see :func:`crosscheck.web.app.create_app`)."""
    from .app import create_app as _create

    return _create(*args, **kwargs)


__all__ = ["create_app"]
