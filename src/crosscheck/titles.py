"""Headlines: telling an article's real headline from page chrome, bylines, mastheads and captions.

The cleaner takes the first title-like line of a pasted page as its headline, and an HTML page's ``<title>``;
both are often something else: "Please ensure Javascript is enabled", "Watch Now", the paper's masthead
("Express & Star", "The Washington PostDemocracy Dies in Darkness"), the tail of a byline ("Mclay and
Elaine"), a dateline ("boston, June 22"), a date ("10 Mar, 2023"), a summary bullet ("• Titan parts were…"),
a bracketed source ("[Source: Reuters]") or an image's alt text repeated with its credit.
:func:`headline_problem` names what a line is when it is not a headline; :func:`strip_site_name` cuts
" | Site" tails off HTML titles; :func:`story_title` picks a story's title among its articles' headlines.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from urllib.parse import urlparse

# Page chrome that sits where a headline would (seen on the pages of the eval sets and the cleaning fixtures:
# accessibility, script and cookie notices, player and app prompts).
CHROME = re.compile(
    r"^(?:please (?:ensure|enable|turn on)\b.*\bjavascript.*|javascript (?:is )?(?:required|disabled).*|"
    r"(?:enable|turn on) javascript|watch(?: now| live| video)?|listen(?: now| live)?|live(?: updates| now)?|"
    r"play(?: video)?|loading\.*|advertisement|skip to (?:main )?content|breaking(?: news)?|"
    r"getting your .* player ready.*|this (?:site|website) uses cookies.*|we use cookies.*|sign in|log in|subscribe.*|"
    r"menu|search|home|share(?: this)?|most (?:read|popular|viewed)|trending(?: now)?|just in|developing(?: story)?|"
    r"updated?|photos?|videos?|gallery|opinion|analysis|explainer|exclusive)$",
    re.I,
)
# Words that name newspapers and broadcasters (common nouns of English-language mastheads: The Daily Star,
# Evening Standard, Herald Tribune...). A short line made only of such words and capitalised names, above the
# headline, is the masthead.
MASTHEAD_WORDS = {
    "times", "post", "news", "daily", "herald", "tribune", "star", "express", "journal", "gazette", "telegraph",
    "guardian", "observer", "standard", "mail", "mirror", "sun", "chronicle", "independent", "examiner", "record",
    "courier", "press", "today", "weekly", "globe", "inquirer", "review", "dispatch", "bulletin", "register",
    "sentinel", "monitor", "reporter", "leader", "argus", "echo", "mercury", "wire", "network", "radio", "tv",
    "television", "broadcasting", "media", "online", "insider", "world", "live",
}
_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DATE_ONLY = re.compile(
    r"^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s*)?(?:\d{1,2}\s+" + _MONTH + r",?\s+\d{4}|" + _MONTH
    + r"\s+\d{1,2},?\s+\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4})(?:[,\s]+\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?.*)?$",
    re.I,
)
# "boston, June 22", "WELLINGTON (NZ),", "New Delhi, Aug 23 (PTI)": a dateline printed on its own line
_DATELINE_ONLY = re.compile(
    r"^[A-Za-z][\w.'’ -]{1,40}(?:\s*\([A-Za-z ]{2,20}\))?\s*,\s*(?:" + _MONTH + r"\s+\d{1,2}(?:,?\s+\d{4})?)?\s*(?:\([^()]{2,30}\))?\s*[,:–—-]?$",
    re.I,
)
_BULLET = re.compile(r"^\s*(?:[•·▪●◦*]|-\s)")
_BRACKETED = re.compile(r"^[\[(].{0,80}[\])]$")
_NAME = re.compile(r"^[A-Z][\w'’.-]*$")
# a caption run into its photo credit: "Drama in RussiaReuters/ Arkady Budnitsky / Anadolu Agency"
_GLUED_CREDIT = re.compile(r"[a-z](?:Reuters|AFP|AP|Getty|EPA|Photo|Anadolu|Xinhua|Bloomberg)\b|\w/\s*[A-Z][\w.-]+(?:\s+[A-Z][\w.-]+)+\s*/\s*[A-Z]")
_CREDIT_TAIL = re.compile(r"(?:reuters|ap|afp|getty|photo|file|anadolu|epa|shutterstock|/)", re.I)
# "Site Name | Headline" / "Headline - Site Name" in HTML <title>s
_SITE_SEP = re.compile(r"\s+(?:[|–—•·]|-|::)\s+")


def host_of(url: str | None, article_id: str | None = None) -> str | None:
    """The site's host, "expressandstar.com", from a url, else from an id named after it ("05_expressandstar.com")."""
    if url:
        try:
            host = urlparse(url).hostname
        except ValueError:
            host = None
        if host:
            return host.removeprefix("www.")
    if article_id:
        m = re.search(r"(?:^|[_\W])((?:[a-z0-9-]+\.)+(?:com|org|net|co\.uk|co|uk|in|pk|ng|fj|my|fi|biz|info|news|au|ca|ie|za|nz|us|de|fr|tv))$", article_id, re.I)
        if m:
            return m.group(1).lower().removeprefix("www.").removeprefix("m.")
    return None


def _squash(s: str) -> str:
    return re.sub(r"[^a-z0-9]", "", s.lower().replace("&", "and"))


def is_site_name(line: str, host: str | None) -> bool:
    """The line is the site's own name: "Express & Star" on expressandstar.com, "The Washington Post…"."""
    if not host:
        return False
    name = _squash(host.split(".")[0] if host.count(".") <= 1 else max(host.split(".")[:-1], key=len))
    line_sq = _squash(line).removeprefix("the")
    return len(name) >= 4 and (line_sq.startswith(name) or (len(line_sq) >= 4 and name.startswith(line_sq)))


def _is_masthead(line: str) -> bool:
    words = re.findall(r"[\w'’]+|&", line)
    if not 1 <= len(words) <= 5:
        return False
    low = [w.lower() for w in words]
    if not any(w in MASTHEAD_WORDS for w in low):
        return False
    return all(w in MASTHEAD_WORDS or w in ("the", "&", "and", "of") or _NAME.match(w) for w in words)


def _is_name_list(line: str) -> bool:
    """'Mclay and Elaine', 'Isabel Debre and Samy Magdy': people's names joined by 'and' (a byline's tail)."""
    parts = re.split(r"\s*(?:,|\band\b|&)\s*", line.strip())
    parts = [p for p in parts if p]
    if len(parts) < 2 or not re.search(r"\band\b|&", line):
        return False
    return all(1 <= len(p.split()) <= 3 and all(_NAME.match(w) for w in p.split()) for p in parts)


def headline_problem(line: str, *, host: str | None = None, next_line: str | None = None, byline_before: bool = False) -> str | None:
    """Why ``line`` is not a headline ('page chrome', 'masthead', 'byline', 'dateline', 'date', 'bullet',
    'source label', 'image caption'), or None when it may be one."""
    s = line.strip()
    if not s:
        return "empty"
    if CHROME.match(s.rstrip(".:!")):
        return "page chrome"
    if _DATE_ONLY.match(s):
        return "date"
    if _BULLET.match(s):
        return "summary bullet"
    if _BRACKETED.match(s):
        return "source label"
    if _GLUED_CREDIT.search(s):
        return "image caption"
    if _DATELINE_ONLY.match(s) and (re.search(r"\d", s) or s.rstrip().endswith(",") or len(s.split()) <= 3 and s.endswith(("—", "–", "-"))):
        return "dateline"
    if is_site_name(s, host) or (next_line is not None and _is_masthead(s)):
        return "masthead"
    if _is_name_list(s) or (byline_before and len(s.split()) <= 4 and all(_NAME.match(w) for w in s.replace(" and ", " ").split())):
        return "byline"
    if next_line is not None:
        nxt = next_line.strip()
        # an image's alt text followed by the same words run into its credit: "Drama in RussiaReuters/ …"
        if len(nxt) > len(s) and nxt.startswith(s) and _CREDIT_TAIL.search(nxt[len(s) :][:40]):
            return "image caption"
    return None


def strip_site_name(title: str, sitename: str | None = None, host: str | None = None) -> str:
    """An HTML <title> without its site part: "Quake kills 12 | The Daily Star" -> "Quake kills 12"."""
    parts = _SITE_SEP.split(title.strip())
    if len(parts) < 2:
        return title.strip()
    keep = [p for p in parts if not ((sitename and _squash(p) == _squash(sitename)) or is_site_name(p, host) or _is_masthead(p))]
    if not keep:
        return title.strip()
    return max(keep, key=len) if len(keep) < len(parts) else title.strip()


_STOP = {"the", "a", "an", "of", "in", "on", "at", "to", "for", "and", "or", "as", "after", "with", "by", "from", "is", "are", "was"}


def story_title(titles: Sequence[str | None], texts: Sequence[str] = ()) -> str | None:
    """The story's title: of its articles' headlines, the one whose words the other articles share most.

    A caption or a one-off angle kept as an article's title loses to the headline that speaks for the story.
    Ties go to the earlier article (input order), so the choice is stable.
    """
    cands = [(i, t) for i, t in enumerate(titles) if t and not headline_problem(t)]
    if not cands:
        return None
    if len(cands) == 1:
        return cands[0][1]
    docs = [set(_words(t)) for t in titles if t] + [set(_words(x[:1500])) for x in texts]
    df = Counter(w for d in docs for w in d)

    def support(t: str) -> float:
        ws = set(_words(t))
        return sum(df[w] - 1 for w in ws) / (len(ws) ** 0.5 or 1)

    best = max(cands, key=lambda c: (support(c[1]), -c[0]))
    return best[1]


def _words(s: str) -> list[str]:
    return [w for w in re.findall(r"[a-z0-9]+", s.lower().replace("’", "'")) if w not in _STOP and len(w) > 1]
