"""Align: line the sources of a story up against each other.

:func:`align` fills a story's ``actors`` (unified across articles), ``claims``
(story-level claims: corroborated by N independent sources, single-source, or
conflicting, with independent origins and attribution), ``discrepancies``
(numeric, quote, status, date, internal, attribution; each with evidence and,
where it can be explained, an explanation), ``event`` and ``event_date``.
"""

from __future__ import annotations

from ..extract.actors import unify_story
from ..model import Article, Story
from ..settings import AlignSettings
from .claims import Alignment, align_facts
from .events import attribution_discrepancies, date_discrepancies, figure_judge, mark_conflicting
from .times import time_discrepancies
from .numbers import numeric_discrepancies
from .quotes import quote_discrepancies
from .status import status_discrepancies

__all__ = ["align"]


def on_topic_view(article: Article) -> Article:
    """The article as the story sees it: quotes, figures, dates and actors of off-topic sections left out."""
    headline = any(x.in_headline for x in [*article.quotes, *article.quantities])
    if all(not s.off_topic for s in article.sections) and not headline:
        return article
    keep = article.is_on_topic
    view = article.model_copy()
    # headline quotes and figures (offsets into the title) are not compared with body evidence
    view.quotes = [q for q in article.quotes if not q.in_headline and keep(q.start)]
    view.quantities = [q for q in article.quantities if not q.in_headline and keep(q.start)]
    view.dates = [d for d in article.dates if keep(d.start)]
    actors = []
    for a in article.actors:
        ms = [m for m in a.mentions if keep(m.start)]
        if ms:
            actors.append(a.model_copy(update={"mentions": ms}))
    view.actors = actors
    # claims point at items by id: keep the ids of what the view keeps
    kept = {x.id for x in [*view.quotes, *view.quantities, *view.dates, *view.actors]}
    view.claims = [
        c.model_copy(update={f: [i for i in getattr(c, f) if i in kept] for f in ("quotes", "quantities", "dates", "actors")})
        for c in article.claims
    ]
    return view


def align(story: Story, articles: dict[str, Article], *, embedder: str | None = None, settings: AlignSettings | None = None) -> Story:
    settings = settings or AlignSettings()
    articles = {aid: on_topic_view(articles[aid]) for aid in story.article_ids}
    members = [articles[i] for i in story.article_ids if articles[i].ok]
    story.actors = unify_story([a.actors for a in members])
    result = align_facts(story, articles, embedder, settings)
    story.claims = result.claims
    found = (
        numeric_discrepancies(story, articles, embedder, judge=figure_judge(result))
        + quote_discrepancies(story, articles)
        + status_discrepancies(story, articles)
        + date_discrepancies(story, articles, settings)
        + attribution_discrepancies(story, articles, result)
        + time_discrepancies(result, settings.clock_hedge_minutes)
    )
    story.discrepancies = found
    mark_conflicting(story.claims, found)
    story.align_settings = settings
    _event(story, articles, result)
    return story


def _event(story: Story, articles: dict[str, Article], result: Alignment) -> None:
    """The event: what most outlets lead with -- the fact carried in the first paragraphs of the most articles."""
    best, best_key = None, None
    for claim, g in zip(result.claims, result.groups):
        facts = [result.facts[i] for i in g]
        leads = [f for f in facts if f.lead]
        if not leads:
            continue
        key = (len({f.article.id for f in leads}), claim.independent_sources, -min(f.claim.start for f in leads))
        if best_key is None or key > best_key:
            # the representative: the lead sentence naming the most actors and figures, shortest first on ties
            rep = max(leads, key=lambda f: (len(f.who) + len(f.figures) + len(f.days), -len(f.text)))
            best, best_key = rep.text, key
    if best is not None:
        story.event = best
    try:
        from ..extract.dates import story_event_date
    except ImportError:  # pragma: no cover
        return
    import re

    report_verb = re.compile(r"\b(?:said|says|reported|reports|told|announced|confirmed|added|stated)\s*$", re.I)
    inputs = []
    for aid in story.article_ids:
        art = articles[aid]
        paras = [p for p in art.text.split("\n\n") if p.strip()]
        lead_end = len("\n\n".join(paras[:2]))
        # "Tass reported on Thursday": the day of a report, not of the event
        dates = [d for d in art.dates if not report_verb.search(art.text[max(0, d.start - 25) : d.start])]
        inputs.append((dates, [(0, lead_end)]))
    story.event_date, story.event_date_reason = story_event_date(inputs)
