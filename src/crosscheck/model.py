"""The one data model of crosscheck.

Every pipeline stage is a plain function from these objects to these objects,
and the JSON report is these objects serialised. Offsets (``start``/``end``)
are character offsets into :attr:`Article.text` (the cleaned text) unless a
field says otherwise.

Stages fill the models in this order::

    ingest   files            -> Article (raw_text, format, source_path)
    clean    Article          -> Article (text, removed, metadata, sections)
    extract  Article          -> Article (sentences, quotes, quantities, dates, actors, claims, facts)
    cluster  [Article]        -> [Story]
    provenance Story          -> Story (reuse, independent_groups)
    align    Story            -> Story (claims, discrepancies, summary)
    report   Report           -> json / markdown / html
"""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .settings import AlignSettings

SCHEMA_VERSION = "1"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)


class Span(_Model):
    """A stretch of an article's cleaned text."""

    start: int = Field(ge=0, description="Character offset where the span starts.")
    end: int = Field(ge=0, description="Character offset just past the span.")
    text: str = Field(description="The text of the span, article.text[start:end].")


# --------------------------------------------------------------------------
# ingest & clean


class ArticleStatus(str, Enum):
    ok = "ok"
    skipped = "skipped"


class RemovedLine(_Model):
    """A line the cleaner took out of the text, and why. Nothing is dropped silently."""

    text: str
    reason: str = Field(description="Rule that removed it, e.g. 'caption', 'widget', 'section-label'.")
    line_no: int = Field(ge=0, description="Index of the line in the raw text (0-based).")


class Section(_Model):
    """A part of an article between headings."""

    heading: str | None = None
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    off_topic: bool = Field(
        default=False,
        description="A separate story appended to the article; kept but left out of the story analysis.",
    )
    off_topic_reason: str | None = None


# --------------------------------------------------------------------------
# extract


class Sentence(_Model):
    """One sentence of the cleaned text: the one segmentation every stage uses (from the parse; never
    split inside a quotation, after a title such as 'Gen.' or inside '6:50 p.m. on')."""

    id: str = Field(description="Stable id within the article: '<article id>:s<n>'.")
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    kind: Literal["text", "heading", "dateline", "caption", "note"] = Field(
        default="text", description="'text' for body sentences; headings, datelines, captions and editor's notes are not claims."
    )


class Quote(Span):
    """A quotation (direct) or a reported statement (indirect) with its speaker."""

    id: str = Field(default="", description="Stable id within the article: '<article id>:q<n>'.")

    speaker: str | None = Field(default=None, description="Canonical full name of the speaker.")
    speaker_role: str | None = None
    speaker_span: Span | None = Field(default=None, description="Where the text names the speaker for this quote.")
    cue: str | None = Field(default=None, description="The verb introducing it: said, told, added...")
    direct: bool = True
    in_headline: bool = Field(default=False, description="Read from the headline: offsets are into article.title.")


class Hedge(str, Enum):
    """How a hedge bounds the true value."""

    approximate = "approximate"  # about, around, roughly, some, approximately
    upper_bound = "upper_bound"  # less than, under, up to, nearly, almost, just under
    lower_bound = "lower_bound"  # more than, over, at least, just over
    exact = "exact"


class Conversion(_Model):
    """A quantity followed by the same quantity in another unit, e.g. '200 sq km (77 sq miles)'."""

    original: Span
    converted: Span
    original_si: float | None = None
    converted_si: float | None = None
    consistent: bool
    tolerance: float = Field(description="Relative tolerance allowed by the rounding the text shows.")
    note: str = ""


class Quantity(Span):
    """A number with its unit, hedge and what it counts."""

    id: str = Field(default="", description="Stable id within the article: '<article id>:n<n>'.")
    text: str = Field(
        description="The span as written, article.text[start:end]; a clock time adds its normal notations in "
        "brackets ('18:04 local time [18:04, 6:04 p.m.]', see units.clock_normal) so that equal times written "
        "differently share their words. :attr:`written` is the span alone."
    )

    value: float
    value_max: float | None = Field(default=None, description="Upper end of a range.")
    unit: str = Field(description="Canonical unit: km2, mi2, %, USD, day, clock (a time of day, value in minutes after local midnight), or the singular noun counted.")
    counts: str | None = Field(default=None, description="The thing counted or measured, e.g. 'prisoner', 'territory'.")
    hedge: str | None = Field(default=None, description="The hedge phrase as written, lower-case: 'less than'.")
    hedge_kind: Hedge = Hedge.exact
    value_si: float | None = Field(default=None, description="Value in SI units (temperatures in degC; clock times in seconds after midnight UTC).")
    unit_si: str | None = None
    conversion: Conversion | None = None
    zone: str | None = Field(default=None, description="Time zone of a clock time as written: 'IST', 'GMT', 'local time'.")
    utc_offset: int | None = Field(default=None, description="The zone's offset from UTC in minutes, when known.")
    in_headline: bool = Field(default=False, description="Read from the headline: offsets are into article.title.")

    @property
    def written(self) -> str:
        """The span as written (``text`` without a clock time's normal notations)."""
        return self.text[: self.end - self.start]


class DateMention(Span):
    """A date expression resolved against the article's publication date."""

    id: str = Field(default="", description="Stable id within the article: '<article id>:d<n>'.")

    resolved: date | None = None
    granularity: Literal["day", "month", "year", "duration"] = "day"
    resolution: str = Field(default="", description="How it was resolved, for the reader.")


class ActorType(str, Enum):
    person = "person"
    org = "org"
    place = "place"
    other = "other"


class Actor(_Model):
    """A named person, organisation or place, unified across its mentions."""

    id: str = Field(default="", description="Stable id within the article ('<article id>:a<n>'), one per real person or body.")
    name: str = Field(description="Canonical name (the fullest form used).")
    type: ActorType
    aliases: list[str] = Field(default_factory=list)
    role: str | None = None
    mentions: list[Span] = Field(default_factory=list)


class Claim(Span):
    """One checkable statement with links to what it contains."""

    id: str
    attributed_to: str | None = Field(default=None, description="Whom the text attributes the claim to.")
    unverified: bool = Field(default=False, description="The outlet says it could not verify it.")
    unverified_note: str | None = Field(default=None, description="The outlet's disclaimer that covers this claim.")
    sentence: str | None = Field(default=None, description="Id of the sentence the claim is (part of).")
    quotes: list[str] = Field(default_factory=list, description="Ids of the article's quotes in it.")
    quantities: list[str] = Field(default_factory=list, description="Ids of the article's quantities in it.")
    dates: list[str] = Field(default_factory=list, description="Ids of the article's date mentions in it.")
    actors: list[str] = Field(default_factory=list, description="Ids of the article's actors named in it.")


def _by_ids(items: list, ids: list[str]) -> list:
    wanted = set(ids)
    return [x for x in items if x.id in wanted]


class FactFigure(_Model):
    """A figure in a fact and the thing it counts."""

    quantity: str = Field(description="Id of the article's quantity.")
    counts: str | None = Field(default=None, description="What it counts or measures, e.g. 'person pulled from the structure'.")


class Fact(_Model):
    """One checkable fact of a sentence, as structured parts: who did what to what, with which
    figures, when, where, on whose word, and whether it is negated or hedged. The alignment stage
    matches these across outlets."""

    id: str = Field(description="Stable id within the article: '<article id>:f<n>'.")
    sentence: str = Field(description="Id of the sentence it comes from.")
    start: int = Field(ge=0, description="Offset of the clause that states it.")
    end: int = Field(ge=0)
    who: str | None = Field(default=None, description="Actor id of the doer (the subject, or the agent of a passive).")
    who_text: str | None = Field(default=None, description="The doer as written ('Firefighters', 'he').")
    predicate: str = Field(description="Lemma of the main verb with its particle and negation: 'pull', 'call off', 'not confirm'.")
    object: str | None = Field(default=None, description="What the predicate acts on, as written (a passive's subject).")
    subjects: list[str] = Field(
        default_factory=list,
        description="The sides that act: names of the actors in the doer phrase (with an agent's 'by' phrase), and '~stem' "
        "for a nation, its people and forces ('Kordavian troops', 'Kordavia' -> '~kordav').",
    )
    objects: list[str] = Field(
        default_factory=list,
        description="The sides acted on, the same way: the object, a passive's subject, 'on'/'against'/'at' phrases.",
    )
    figures: list[FactFigure] = Field(default_factory=list)
    when: list[str] = Field(default_factory=list, description="Ids of the date mentions and clock-time quantities in it.")
    where: list[str] = Field(default_factory=list, description="Actor ids of the places named in it.")
    attribution: str | None = Field(default=None, description="Whose word it is: the speaker's actor id, else the source as written.")
    negated: bool = False
    hedged: bool = Field(default=False, description="A modal or hedge word qualifies it ('may', 'reportedly').")
    hedge: str | None = Field(default=None, description="The hedge word, lower-case.")
    quotes: list[str] = Field(default_factory=list, description="Ids of the quotes it is stated in.")
    quantities: list[str] = Field(default_factory=list, description="Ids of the quantities in it (figures and times).")
    dates: list[str] = Field(default_factory=list, description="Ids of the date mentions in it.")


class Article(_Model):
    """One input article: where it came from, its cleaned text, metadata and findings."""

    id: str
    source_path: str | None = Field(default=None, description="File it was read from (with ':line' for JSONL).")
    format: Literal["txt", "html", "jsonl", "text"] = "txt"
    status: ArticleStatus = ArticleStatus.ok
    reason: str | None = Field(default=None, description="Why it was skipped, for a human.")
    encoding: str | None = None

    # metadata
    title: str | None = None
    byline: list[str] = Field(default_factory=list)
    dateline: str | None = None
    published: date | None = None
    published_source: str | None = Field(default=None, description="Where the publication date came from.")
    credit: str | None = Field(default=None, description="Wire agency credited: Reuters, AP, AFP...")
    outlet: str | None = None
    url: str | None = None

    raw_text: str = Field(default="", exclude=True, description="Text before cleaning (not serialised).")
    text: str = ""
    removed: list[RemovedLine] = Field(default_factory=list)
    sections: list[Section] = Field(default_factory=list)
    sentences: list[Sentence] = Field(default_factory=list, description="The text's sentences, in order.")

    quotes: list[Quote] = Field(default_factory=list)
    quantities: list[Quantity] = Field(default_factory=list)
    dates: list[DateMention] = Field(default_factory=list)
    actors: list[Actor] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    facts: list[Fact] = Field(default_factory=list, description="Each sentence's facts as structured units.")

    @property
    def ok(self) -> bool:
        return self.status == ArticleStatus.ok

    def on_topic_spans(self) -> list[tuple[int, int]]:
        """Character ranges of the text that belong to the article's own story."""
        if not self.sections:
            return [(0, len(self.text))]
        return [(s.start, s.end) for s in self.sections if not s.off_topic]

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence holding a character offset (None before extraction or between sentences)."""
        import bisect

        k = bisect.bisect_right([s.start for s in self.sentences], offset) - 1
        if k >= 0 and offset < max(self.sentences[k].end, self.sentences[k].start + 1):
            return self.sentences[k]
        return None

    def quotes_of(self, claim: Claim | Fact) -> list[Quote]:
        """The quotes a claim (or fact) points at, by id; likewise the three below."""
        return _by_ids(self.quotes, claim.quotes)

    def quantities_of(self, claim: Claim | Fact) -> list[Quantity]:
        return _by_ids(self.quantities, claim.quantities)

    def dates_of(self, claim: Claim | Fact) -> list[DateMention]:
        return _by_ids(self.dates, claim.dates)

    def actors_of(self, claim: Claim) -> list[Actor]:
        return _by_ids(self.actors, claim.actors)

    def is_on_topic(self, offset: int) -> bool:
        return any(a <= offset < b for a, b in self.on_topic_spans())


# --------------------------------------------------------------------------
# provenance


class ReuseKind(str, Enum):
    verbatim = "verbatim"
    near_verbatim = "near_verbatim"
    paraphrase = "paraphrase"
    quotes_wire = "quotes_wire"
    independent = "independent"


class SharedPassage(_Model):
    """A passage found in two articles, with offsets in both."""

    a: Span
    b: Span
    similarity: float = Field(ge=0, le=1, description="1.0 for identical text.")
    shared: list[str] = Field(default_factory=list, description="For a rewrite: the names, figures and quotes both passages carry.")


class ReuseLink(_Model):
    """How two articles of a story relate textually."""

    a: str
    b: str
    kind: ReuseKind
    score: float = Field(ge=0, le=1)
    source: str | None = Field(default=None, description="Id of the article judged to be the original, if known.")
    direction_reason: str | None = None
    passages: list[SharedPassage] = Field(default_factory=list)


class IndependentGroup(_Model):
    """Articles derived from each other: together they count as one source."""

    id: str
    article_ids: list[str]
    origin: str | None = Field(default=None, description="The article or wire the group derives from.")
    credit: str | None = None


# --------------------------------------------------------------------------
# align


class ClaimStatus(str, Enum):
    corroborated = "corroborated"
    single_source = "single_source"
    conflicting = "conflicting"


class Evidence(_Model):
    """A span in one article supporting a side of a claim or discrepancy."""

    article_id: str
    span: Span
    attributed_to: str | None = None


class StoryClaim(_Model):
    """A fact as stated across the articles of a story."""

    id: str
    kind: Literal["fact", "quote"] = "fact"
    text: str = Field(description="Representative wording.")
    status: ClaimStatus
    independent_sources: int = Field(ge=0)
    independent_origins: int = Field(default=0, ge=0, description="Distinct parties the claim is attributed to.")
    attributed_to: list[str] = Field(default_factory=list)
    article_ids: list[str] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)
    unverified_by: list[str] = Field(
        default_factory=list, description="Articles whose outlet says it could not verify this claim (its disclaimer covers it)."
    )
    unverified_notes: list[str] = Field(default_factory=list, description="Those outlets' disclaimers, as written.")


class DiscrepancyKind(str, Enum):
    numeric = "numeric"
    time = "time"  # a time of day
    quote = "quote"
    status = "status"
    date = "date"
    internal = "internal"
    attribution = "attribution"


class DiscrepancySide(_Model):
    article_ids: list[str]
    value: str = Field(description="What this side says, in brief.")
    evidence: list[Evidence] = Field(default_factory=list)


class Discrepancy(_Model):
    kind: DiscrepancyKind
    summary: str
    sides: list[DiscrepancySide]
    explanation: str | None = Field(default=None, description="Why it may not be a real conflict.")
    diff: str | None = Field(default=None, description="Word-level diff for altered quotes.")


class Story(_Model):
    """Articles reporting one event, and what the sources say about it."""

    id: str
    title: str | None = None
    event: str | None = Field(default=None, description="One sentence on the event, from the most widely carried claim.")
    article_ids: list[str] = Field(default_factory=list)
    related: list[str] = Field(
        default_factory=list,
        description="Ids of stories on a later or earlier development of the same event: as alike as one story's "
        "articles, but published further apart than the clustering window (a week).",
    )
    event_date: date | None = None
    event_date_reason: str | None = None
    actors: list[Actor] = Field(default_factory=list)
    reuse: list[ReuseLink] = Field(default_factory=list)
    independent_groups: list[IndependentGroup] = Field(default_factory=list)
    claims: list[StoryClaim] = Field(default_factory=list)
    discrepancies: list[Discrepancy] = Field(default_factory=list)
    align_settings: AlignSettings | None = Field(default=None, description="The thresholds alignment used for this story.")


class Report(_Model):
    """The whole result of one run."""

    schema_version: str = SCHEMA_VERSION
    crosscheck_version: str
    generated_at: datetime
    inputs: list[str] = Field(default_factory=list, description="The paths or sources given.")
    articles: list[Article] = Field(default_factory=list)
    stories: list[Story] = Field(default_factory=list)

    @property
    def analysed(self) -> list[Article]:
        return [a for a in self.articles if a.ok]

    @property
    def skipped(self) -> list[Article]:
        return [a for a in self.articles if not a.ok]

    def article(self, article_id: str) -> Article:
        for a in self.articles:
            if a.id == article_id:
                return a
        raise KeyError(article_id)
