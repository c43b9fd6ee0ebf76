"""Settings: the limits and thresholds of a run, in one object passed in (never read from the environment).

Each value says why it has the value it has and how that was measured. Stages take a
``Settings`` argument (default ``Settings()``); a run records the object it used.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field

_TOKEN = re.compile(r"\w+|[^\w\s]")


def count_matches(pattern: re.Pattern[str], text: str, cap: int | None = None) -> int:
    """Matches of ``pattern`` in ``text``, counting stopped past ``cap`` (a limit check needs no more)."""
    n = 0
    for n, _m in enumerate(pattern.finditer(text), start=1):
        if cap is not None and n > cap:
            break
    return n


def estimate_tokens(text: str, cap: int | None = None) -> int:
    """Tokens a tagger would make, estimated without parsing: runs of word characters and single punctuation marks."""
    return count_matches(_TOKEN, text, cap)


class Settings(BaseModel):
    """Limits and thresholds of a run."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    # ----------------------------------------------------------------------
    # input budgets (issue 14): every limit is checked before the expensive step it protects

    max_file_bytes: int = Field(
        default=20 * 1024 * 1024,
        gt=0,
        description=(
            "Larger files are skipped unread. A news page with all its markup is 0.1-2 MB; 20 MB leaves room "
            "for a JSONL feed of a few thousand articles."
        ),
    )
    max_html_chars: int = Field(
        default=5_000_000,
        gt=0,
        description=(
            "Longer HTML pages are skipped before parsing. Real news pages are 0.1-2 M characters with their "
            "scripts and markup. trafilatura reads about 0.5 MB of hostile markup a second on this machine "
            "(tests/hostile_corpus.big_html: 5 MB in about 10 s of CPU), so a page at the limit stays well "
            "inside the time budget for one file."
        ),
    )
    max_html_elements: int = Field(
        default=50_000,
        gt=0,
        description=(
            "HTML pages with more start tags are skipped before parsing. Lighthouse calls a page of more than "
            "1,400 DOM nodes excessive; a long news page with its comments has a few thousand. trafilatura "
            "spends about 0.4 ms per element (100,000 <p> took about 40 s of CPU), so 50,000 stay within "
            "the time budget."
        ),
    )
    max_article_chars: int = Field(
        default=300_000,
        gt=0,
        description=(
            "Longer article texts are skipped before cleaning and parsing. The longest of the 65 real articles "
            "in ../shared (seeds and eval stories) has 6,923 characters; a 10,000-word long read has about "
            "60,000. 300,000 characters (about 50,000 words, a short book) is far past any article and is "
            "still analysed within the per-article time budget."
        ),
    )
    max_article_tokens: int = Field(
        default=80_000,
        gt=0,
        description=(
            "Longer article texts, in estimated tokens (runs of word characters plus single punctuation marks, "
            "counted before any parsing), are skipped. Real prose has about one token per 5 characters "
            "(1,313 tokens in the 6,923-character article above), so this only bites on texts made of "
            "punctuation, like 100,000 '(' in a row, which the tagger would turn into 100,000 tokens."
        ),
    )
    article_seconds: float = Field(
        default=60.0,
        gt=0,
        description=(
            "Time budget of one article's per-article stages (cleaning and extraction); past it the article "
            "is skipped with its reason and the batch goes on. A real article takes 0.05-1 s; a "
            "300,000-character article about 20 s."
        ),
    )
    file_seconds: float = Field(
        default=60.0,
        gt=0,
        description=(
            "Time budget for reading one file (decoding, HTML extraction, JSON parsing); past it the file is "
            "skipped with its reason. A page at the size limits takes 10-20 s of CPU."
        ),
    )
    published_years: tuple[int, int] = Field(
        default=(1800, 2200),
        description=(
            "Publication dates outside these years are rejected as not understood: no news article is "
            "older, and dates near year 9999 overflow date arithmetic ('tomorrow' of 9999-12-31)."
        ),
    )

    def over_limits(self, text: str) -> str | None:
        """Why an article text is too large to analyse (characters, then estimated tokens), or None."""
        if len(text) > self.max_article_chars:
            return f"article too long: {len(text):,} characters (limit {self.max_article_chars:,})"
        if len(text) > self.max_article_tokens and estimate_tokens(text, self.max_article_tokens) > self.max_article_tokens:
            return f"article too long: more than {self.max_article_tokens:,} tokens (estimated before parsing)"
        return None


DEFAULT = Settings()
