"""Sentences: the one segmentation of an article's text, stored on the Article for every stage.

It is spaCy's (the parse's) segmentation with four constraints set before the parser runs
(:func:`constrain`): a dateline prefix ("ZAGREB (Reuters) - ") is a segment of its own, a sentence never runs
across a line break (news paragraphs are whole units) unless the line is hard-wrapped (it ends with a comma or with "and", "of", "the"..., or
the next line goes on in lower case), never starts inside a quotation, and never starts right after a title ("Gen.", "Sen.")
or after an abbreviation followed by a lower-case word or a number ("Fla. on Thursday",
"6:50 p.m. on Friday"). :func:`sentences` then names each sentence's kind: a dateline prefix
("ZAGREB (Reuters) - "), a section heading, a caption or an editor's note is not body text, so
it is never a claim.
"""

from __future__ import annotations

from .. import lexicon
from ..model import Article, Sentence
from ..text import quote_spans
from .nlp import doc_text


def constrain(doc):  # noqa: ANN001, ANN201 - a spaCy pipeline component
    """Sentence-start constraints for the parser (see the module docstring)."""
    text = doc_text(doc)
    quotes = [(q.start, q.end) for q in quote_spans(text)]
    # a dateline prefix is not part of the lead sentence: parsed with it, "PORTO ALVO (Reuters) - The ferry sank ..."
    # makes the city the sentence's head and the report's main verb a clause hanging from it
    dl = _dateline_end(text)
    after_dateline = next((t.i for t in doc if t.idx >= dl and not t.is_space), -1) if dl else -1
    k = 0
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if tok.i == after_dateline:
            tok.is_sent_start = True
            continue
        if "\n" in prev.text or "\n" in prev.whitespace_:
            tok.is_sent_start = not _hard_wrap(doc, tok)
            continue
        while k < len(quotes) and quotes[k][1] <= tok.idx:
            k += 1
        if k < len(quotes) and quotes[k][0] < tok.idx < quotes[k][1]:
            tok.is_sent_start = False
            continue
        abbr = prev.lower_.rstrip(".")
        if prev.text.endswith(".") and abbr in lexicon.ABBREVIATIONS:
            if abbr in lexicon.TITLE_ABBREVIATIONS or tok.text[:1].islower() or tok.text[:1].isdigit():
                tok.is_sent_start = False
    return doc




def _hard_wrap(doc, tok) -> bool:  # noqa: ANN001
    """The line break before ``tok`` is a hard wrap inside a sentence, not a paragraph: the line before ends with a
    comma or a word that cannot end a sentence (lexicon.HARD_WRAP_WORDS), or, not ending a sentence, it is
    followed by a lower-case word."""
    if tok.is_space:
        return False
    j = tok.i - 1
    while j >= 0 and doc[j].is_space:
        j -= 1
    if j < 0:
        return False
    last = doc[j]
    if last.text == "," or last.lower_ in lexicon.HARD_WRAP_WORDS:
        return True
    return tok.text[:1].islower() and last.text[-1:] not in lexicon.SENTENCE_CLOSERS and last.is_alpha


def _kind(article: Article, para: str, start: int, headings: set[int]) -> str:
    from ..clean.boilerplate import is_caption

    low = para.lower()
    if start in headings:
        return "heading"
    if low.startswith(lexicon.NOT_CLAIM_PREFIXES):
        return "note"
    if is_caption(para):
        return "caption"
    return "text"


def _dateline_end(text: str) -> int:
    """Where the dateline prefix of the text's first line ends ("ZAGREB (Reuters) - "), 0 without one."""
    from ..clean.metadata import parse_dateline

    return parse_dateline(text.split("\n", 1)[0])[2]


def sentences(doc, article: Article) -> list[Sentence]:  # noqa: ANN001
    """The article's sentences from its parse, with stable ids and kinds."""
    text = doc_text(doc)
    headings = {s.start for s in article.sections if s.heading}
    out: list[Sentence] = []
    dl = _dateline_end(text)
    spans: list[tuple[int, int, str | None]] = []
    if dl:
        spans.append((0, dl, "dateline"))
    for sent in doc.sents:
        s0, s1 = sent.start_char, sent.end_char
        if s0 < dl:
            s0 = dl
        while s0 < s1 and text[s0].isspace():
            s0 += 1
        while s1 > s0 and text[s1 - 1].isspace():
            s1 -= 1
        if s1 > s0:
            spans.append((s0, s1, None))
    for s0, s1, kind in spans:
        if kind is None:
            p0 = text.rfind("\n", 0, s0) + 1
            p1 = text.find("\n", s1)
            para = text[p0 : p1 if p1 >= 0 else len(text)]
            kind = _kind(article, para, p0, headings)
        out.append(Sentence(id=f"{article.id}:s{len(out) + 1}", start=s0, end=s1, kind=kind))
    return out


def segment(article: Article) -> list[Sentence]:
    """The article's sentences from a fresh parse of its text (what :func:`crosscheck.extract.extract` stores)."""
    from .nlp import parse

    return sentences(parse(article.text), article) if article.text else []


def sentence_spans(article: Article) -> list[tuple[int, int]]:
    """The article's sentences as (start, end) offsets: the stored ones (:attr:`Article.sentences`), or, for an
    article not yet through extraction, the same segmentation computed from its parse."""
    return [(s.start, s.end) for s in (article.sentences or segment(article))]


def text_sentence_spans(text: str) -> list[tuple[int, int]]:
    """The segmentation of a bare text (no article: no headings known), from its parse."""
    return sentence_spans(Article(id="text", text=text))
