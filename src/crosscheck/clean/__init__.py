"""Clean: an Article's raw text -> main text, metadata and sections.

:func:`clean` removes boilerplate lines (recording each in ``article.removed``
with its reason, so nothing is lost), reads the metadata the lines carry
(title, byline, dateline, publication date, wire credit) and splits the body
into sections, flagging an appended unrelated story as off-topic.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from ..model import Article, RemovedLine
from ..settings import DEFAULT, Settings
from .boilerplate import (
    DATE_HEADER,
    LONE_CREDIT,
    TRAILING_CREDIT,
    WITH_CREDIT,
    agency_name,
    classify_line,
    is_section_label,
)
from .metadata import (
    credit_from_tail,
    dates_in,
    looks_like_title,
    parse_byline,
    parse_dateline,
    published_from_line,
)
from .sections import flag_off_topic, is_heading, split_sections
from .wrapping import unwrap
from ..titles import headline_problem, host_of, strip_site_name

__all__ = ["clean", "clean_all"]

_LIST_HEADERS = {
    "most popular", "most read", "most viewed", "related", "related articles", "related stories", "read more",
    "read next", "recommended", "recommended for you", "more stories", "trending", "trending now", "you may also like",
    "you might also like", "top stories", "latest news", "more from", "more on this story", "see also", "tags", "topics",
}
# how a line that is not a headline is recorded in ``removed`` (see crosscheck.titles.headline_problem)
_NOT_HEADLINE = {"masthead": "masthead", "byline": "metadata:byline", "dateline": "metadata:dateline", "date": "metadata:date",
                 "source label": "credit", "image caption": "caption"}
MIN_WORDS = 20  # shorter texts are not articles (a stray line, a broken page)
_AP_CONTRIB = re.compile(r"\bassociated press (?:writers?|reporters?|journalists?)\b.*\bcontributed\b", re.I)


def _norm(line: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", line)).strip().lower()


def clean(article: Article, settings: Settings = DEFAULT) -> Article:
    """Clean one article in place and return it. Skipped articles pass through.

    A publication date outside ``settings.published_years`` is not kept (9999-12-31
    would overflow the date arithmetic of later stages).
    """
    if not article.ok:
        return article
    raw = article.raw_text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    lines = unwrap(raw.split("\n"), settings)
    removed: list[RemovedLine] = []
    body: list[tuple[int, str]] = []  # (line_no, text)
    seen: dict[str, int] = {}
    credit = article.credit
    caption_dates = []
    in_list = False
    html_title = _norm(article.title) if article.title else None
    host = host_of(article.url, article.id)
    if article.title:
        # an HTML <title>: without its " | Site" part, and only if it is a headline at all
        title = strip_site_name(article.title, article.outlet, host)
        article.title = None if headline_problem(title, host=host) else title

    def drop(i: int, text: str, reason: str) -> None:
        removed.append(RemovedLine(text=text, reason=reason, line_no=i))

    for i, line in enumerate(lines):
        s = line.strip()
        if not s:
            continue
        if not body and (m := DATE_HEADER.match(s)):
            if article.published is None and (d := _iso_date(m.group(1))):
                article.published = d
                article.published_source = "date header"
            drop(i, s[: m.end()].strip(), "metadata:date")
            s = s[m.end() :].strip()
            if not s:
                continue
        key = _norm(s)
        if key in seen and len(key) > 25:
            drop(i, s, "duplicate")
            continue
        seen[key] = i
        kind = classify_line(s)
        if in_list and kind is None and is_heading(s) and len(s.split()) <= 20:
            drop(i, s, "widget-list")
            continue
        in_list = False
        if kind == "credit":
            if (m := LONE_CREDIT.match(s)) or (m := WITH_CREDIT.match(s)):
                credit = credit or agency_name(m.group(1))
            else:
                credit = credit or credit_from_tail(s)
            drop(i, s, "credit")
            continue
        if kind == "widget":
            if not body and (d := published_from_line(s)) and article.published is None:
                article.published, article.published_source = d, "date line"
                drop(i, s, "metadata:date")
                continue
            in_list = key.rstrip(":") in _LIST_HEADERS
            drop(i, s, "widget")
            continue
        if kind == "caption":
            caption_dates.extend(dates_in(s))
            drop(i, s, "caption")
            continue
        if _AP_CONTRIB.search(s) and len(s) < 200:
            credit = credit or "AP"
            drop(i, s, "credit")
            continue
        if not body:
            # the top of the article: labels, headline, byline, date lines
            if is_section_label(s) and article.title is None and len(removed) < 4:
                drop(i, s, "section-label")
                continue
            if html_title and key == html_title:
                drop(i, s, "metadata:title")
                continue
            if (b := parse_byline(s)) is not None:
                if not article.byline:
                    article.byline = b[0]
                credit = credit or b[1]
                drop(i, s, "metadata:byline")
                continue
            if (d := published_from_line(s)) is not None:
                if article.published is None:
                    article.published, article.published_source = d, "date line"
                drop(i, s, "metadata:date")
                continue
            if article.title is None and looks_like_title(s) and _has_more_body(lines, i):
                after = next((ln.strip() for ln in lines[i + 1 :] if ln.strip()), None)
                last = removed[-1].reason if removed else ""
                problem = headline_problem(s, host=host, next_line=after, byline_before=last == "metadata:byline")
                if problem is None:
                    article.title = s
                    drop(i, s, "metadata:title")
                    continue
                if problem != "summary bullet":  # a summary bullet is body text
                    drop(i, s, _NOT_HEADLINE.get(problem, "widget"))
                    continue
        elif len(body) <= 3 and (b := parse_byline(s)) is not None and not article.byline:
            article.byline = b[0]
            credit = credit or b[1]
            drop(i, s, "metadata:byline")
            continue
        body.append((i, s))

    # a wire credit closing the text: "... from the US. – Reuters"
    if body:
        i, last = body[-1]
        if m := TRAILING_CREDIT.search(last):
            name = agency_name(m.group(1))
            if name and len(last) > len(m.group(0)):
                credit = credit or name
                drop(i, m.group(0).strip(), "credit")
                body[-1] = (i, last[: m.start()].rstrip())

    # dateline of the lead paragraph
    for _i, para in body[:3]:
        city, agency, _n = parse_dateline(para)
        if city or agency:
            if city:
                article.dateline = article.dateline or city.rstrip(",")
            credit = agency or credit
            break

    if article.published is None and caption_dates:
        article.published = max(caption_dates)
        article.published_source = "caption"

    if article.published is not None and not _plausible(article.published, settings):
        article.published = article.published_source = None  # its line stays in ``removed`` as metadata:date
    article.credit = credit
    # assemble text: one paragraph per kept line
    parts: list[str] = []
    spans: list[tuple[int, int, str]] = []
    pos = 0
    for _i, para in body:
        if parts:
            pos += 2
        spans.append((pos, pos + len(para), para))
        parts.append(para)
        pos += len(para)
    article.text = "\n\n".join(parts)
    # lines an earlier stage dropped (HTML page furniture) come first, then ours
    earlier = [r for r in article.removed if r.reason.startswith("html:")]
    article.removed = earlier + sorted(removed, key=lambda r: r.line_no)
    article.sections = flag_off_topic(article.text, split_sections(spans, len(article.text))) if spans else []
    n_words = len(article.text.split())
    if n_words < MIN_WORDS:
        article.status = article.status.skipped
        article.reason = (
            "no article text left after removing boilerplate"
            if n_words == 0
            else f"too little text to analyse ({n_words} words after cleaning, {MIN_WORDS} needed)"
        )
    return article


def _iso_date(s: str) -> date | None:
    try:
        return date.fromisoformat(s)
    except ValueError:  # "2025-13-45"
        return None


def _plausible(d: date, settings: Settings) -> bool:
    lo, hi = settings.published_years
    return lo <= d.year <= hi


def _has_more_body(lines: list[str], i: int) -> bool:
    """True when a line of body text (a long line) follows line i."""
    return any(len(ln.split()) > 12 for ln in lines[i + 1 :])


def clean_all(articles: list[Article], settings: Settings = DEFAULT) -> list[Article]:
    return [clean(a, settings) for a in articles]
