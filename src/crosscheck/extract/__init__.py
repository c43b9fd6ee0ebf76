"""Extract: the checkable content of an article, with offsets into its cleaned text.

One spaCy pass per article (:mod:`.nlp`), then small components over it, in
the spirit of a spaCy pipeline:

- :mod:`.actors`: people, organisations and places, unified ("Mr Putin" = "Vladimir Putin");
- :mod:`.quotes`: direct quotes and reported speech with their speakers;
- :mod:`.quantities`: numbers with unit, hedge and conversions;
- :mod:`.dates`: date expressions resolved against the publication date;
- :mod:`.claims`: atomic statements linked to the above;
- :mod:`.facts`: each sentence's facts as structured units (who, predicate, object, figures, when, where, attribution, negation, hedge).

:func:`extract` fills an Article's ``sentences`` (:mod:`.sentences`, the one segmentation), ``actors``, ``quotes``, ``quantities``,
``dates`` and ``claims``. Quotes, figures and dates are extracted from the whole
text (an appended story is still news someone may check); claims, which the
alignment stage compares across sources, only from on-topic sections, and the
alignment stage ignores anything in off-topic sections.
"""

from __future__ import annotations

from ..model import Article

__all__ = ["extract"]


def extract(article: Article) -> Article:
    """Run every extractor on one article (in place) and return it."""
    if not article.ok or not article.text:
        return article
    from .actors import dateline_place, extract_actors
    from .claims import extract_claims
    from .dates import extract_dates
    from .facts import extract_facts
    from .nlp import parse
    from .quantities import extract_quantities
    from .quotes import extract_quotes, headline_quotes
    from .sentences import sentences

    doc = parse(article.text)
    on = article.on_topic_spans()
    article.sentences = sentences(doc, article)

    article.actors = dateline_place(article.text, extract_actors(doc))
    for n, a in enumerate(article.actors, 1):
        a.id = f"{article.id}:a{n}"
    article.quotes = extract_quotes(doc, article.actors)
    article.quantities = extract_quantities(article.text, doc)
    if article.title:
        # the headline's figures and quotes, marked as such (their offsets are into the title)
        heads = extract_quantities(article.title)
        for q in heads:
            q.in_headline = True
        article.quantities = article.quantities + heads
        article.quotes = article.quotes + headline_quotes(article.title, article.quotes, article.actors)
    article.dates = extract_dates(article.text, article.published, [(s.start, s.end) for s in article.sentences])
    for items, letter in ((article.quotes, "q"), (article.quantities, "n"), (article.dates, "d")):
        for n, x in enumerate(items, 1):
            x.id = f"{article.id}:{letter}{n}"
    article.claims = extract_claims(doc, article, on)
    article.facts = extract_facts(doc, article)
    return article
