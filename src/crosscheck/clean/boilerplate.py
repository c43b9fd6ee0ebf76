"""Classify the lines of a pasted web article: body, or boilerplate of some kind.

Plain text pasted from a news page carries photo captions and credits, widget
labels ("Most Popular", "read more:"), comment prompts, tag lists, section
labels and repeated captions. :func:`classify_line` names the kind of a line
(or returns None for body text); the cleaner removes every non-body line and
records it with that reason.

The rules are written for news in general (AP, Reuters, AFP, Getty and pool
credit conventions, common CMS widgets), not for any one site.
"""

from __future__ import annotations

import re

# wire agencies and photo agencies, as they appear in credits
AGENCIES = {
    "reuters": "Reuters",
    "ap": "AP",
    "associated press": "AP",
    "the associated press": "AP",
    "afp": "AFP",
    "agence france-presse": "AFP",
    "agence france presse": "AFP",
    "bloomberg": "Bloomberg",
    "dpa": "dpa",
    "efe": "EFE",
    "ansa": "ANSA",
    "xinhua": "Xinhua",
    "tass": "TASS",
    "upi": "UPI",
    "pa": "PA",
    "pa media": "PA",
    "press association": "PA",
    "aap": "AAP",
    "anadolu": "Anadolu",
    "kyodo": "Kyodo",
    "yonhap": "Yonhap",
    "ani": "ANI",
    "pti": "PTI",
    "cnn": "CNN",
    "bbc": "BBC",
}
_AGENCY_ALT = "|".join(sorted((re.escape(k) for k in AGENCIES), key=len, reverse=True))
PHOTO_AGENCIES = r"(?:AP|AFP|Reuters|EPA|EPA-EFE|Getty(?: Images)?|Shutterstock|Alamy|Bloomberg|Xinhua|Anadolu|dpa|ANSA|TASS|Sputnik|Pool|Handout|PA|PA Wire|Kyodo|Yonhap|NurPhoto|SOPA|ZUMA|Imago|AAP|UPI|Sipa)"

# --------------------------------------------------------------------------
# captions and photo credits

_CAPTION_START = re.compile(
    r"^(?:in this (?:image|photo|photograph|picture|handout|file|grab|frame|still|undated)"
    r"|this (?:image|photo|photograph|picture|handout|grab|still|frame|video grab|screengrab)"
    r"|an? (?:handout|file|undated) (?:photo|image|picture)|handout (?:photo|image)|file photo|file picture"
    r"|photo(?:graph)? (?:taken|shows|released|provided)|(?:image|picture|video) (?:taken|released|provided|shows)"
    r"|a (?:still|screengrab|grab) (?:image |taken )?from|screengrab from|still image from|file[:\s-]+(?:photo|image)?)",
    re.I,
)
# "Photograph: Name/Agency", "Photo: ...", "Image credit: ..." at the end of a line
_CREDIT_LABEL = re.compile(r"(?:photograph|photo|photos|image|picture|pictures|credit|illustration|video)(?: credit)?\s*:\s*[^.]{2,80}$", re.I)
# a parenthesised credit closing the line: "(AP Photo/Name)", "(Russian Defence Ministry / AFP)", "(X via AP)"
_PAREN_CREDIT = re.compile(
    r"\((?:[^()]{0,80}?\bvia\s+" + PHOTO_AGENCIES + r"|(?:" + PHOTO_AGENCIES + r")\s*(?:Photo)?\s*/\s*[^()]{2,60}"
    r"|[^()]{2,80}?/\s*" + PHOTO_AGENCIES + r"(?: via Getty Images)?|" + PHOTO_AGENCIES + r"(?: Photo)?|Photo:[^()]+|Photo by [^()]+)\)\s*$"
)
_REPORTING_VERB = re.compile(r"\b(?:said|says|told|added|according to|announced|reported|stated)\b", re.I)
_PHOTO_BY = re.compile(r"\b(?:photograph|photo|image|picture)(?:s)? by [A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+)*\s*(?:/\s*\w[\w ]*)?\.?$")

# --------------------------------------------------------------------------
# widgets, navigation, comment prompts

_WIDGET_EXACT = {
    "most popular", "most read", "most viewed", "popular", "trending", "trending now", "read more", "read more:",
    "read next", "read also", "see also", "related", "related:", "related articles", "related stories", "related content",
    "related coverage", "recommended", "recommended for you", "you may also like", "you might also like", "more stories",
    "more from", "more on this story", "more in world", "top stories", "latest news", "latest", "tags", "tags:", "topics",
    "topics:", "comments", "comment", "leave a comment", "leave a reply", "leave the first comment", "add a comment",
    "post a comment", "join the conversation", "show comments", "view comments", "what is your opinion on this topic?",
    "what do you think?", "share", "share this", "share this article", "share this story", "share on facebook",
    "share on twitter", "share via email", "copy link", "link copied", "print", "email", "advertisement", "advertising",
    "ad", "sponsored", "sponsored content", "subscribe", "subscribe now", "sign up", "sign in", "log in", "register",
    "newsletter", "sign up for our newsletter", "follow us", "follow", "skip to content", "skip to main content",
    "menu", "search", "home", "back to top", "listen to this article", "listen", "watch", "watch:", "video", "image",
    "photo", "gallery", "open image in gallery", "expand", "close", "toggle caption", "hide caption", "enlarge this image",
    "accept", "accept all", "accept cookies", "reject all", "manage cookies", "cookie settings", "continue reading",
    "click here", "download the app", "get the app", "story continues below", "story continues below advertisement",
    "article continues below", "article continues after advertisement", "this article is more than 1 year old",
    "reporting by", "editing by", "our standards: the thomson reuters trust principles.", "ad feedback",
}
_WIDGET_PATTERNS = [
    re.compile(r"^comments?\s*\(\d+\)$", re.I),
    re.compile(r"^\d+\s+comments?$", re.I),
    re.compile(r"^(?:tags?|topics?|filed under|categories)\s*:\s*.{0,200}$", re.I),
    re.compile(r"^(?:read more|read also|see also|related|more|watch|listen|also read|recommended)\s*[:|»>-]\s*.{0,140}$", re.I),
    re.compile(r"^(?:(?:share|tweet|email|print|facebook|twitter|x|whatsapp|linkedin|telegram|reddit|copy link)\s*[|/·•,]?\s*){2,}$", re.I),
    re.compile(r"^(?:sign up|subscribe)\b.{0,120}(?:newsletter|inbox|updates)\b.*$", re.I),
    re.compile(r"^(?:©|copyright\b|\(c\)\s).{0,160}$", re.I),
    re.compile(r"^all rights reserved\.?$", re.I),
    re.compile(r"^(?:we use cookies|this (?:site|website) uses cookies)\b.*$", re.I),
    re.compile(r"^(?:updated|published|posted|last updated|first published)\s*(?:on|at)?\s*[:]?\s*.{0,60}\d.{0,40}$", re.I),
    re.compile(r"^(?:.{0,60}[|•·]\s*)?\d+\s+min(?:ute)?s?\s+read$", re.I),
    re.compile(r"^(?:reading time|estimated reading time)\s*:?.{0,30}$", re.I),
]
# labels newsrooms print above a headline
SECTION_LABELS = {
    "world", "world news", "news", "politics", "business", "economy", "markets", "europe", "asia", "africa", "americas",
    "middle east", "us", "u.s.", "us news", "uk", "uk news", "sport", "sports", "opinion", "analysis", "tech", "technology",
    "science", "health", "climate", "environment", "culture", "entertainment", "local", "national", "international",
    "breaking", "breaking news", "live", "exclusive", "investigations", "asia pacific", "asia-pacific", "latin america",
    "australia", "canada", "india", "china", "russia", "ukraine", "war in ukraine", "israel-gaza war", "finance",
    "money", "lifestyle", "travel", "weather", "education", "crime", "justice", "defence", "defense", "energy",
}

LONE_CREDIT = re.compile(r"^[-–—(]?\s*(" + _AGENCY_ALT + r")\s*\)?\.?$", re.I)
TRAILING_CREDIT = re.compile(r"\s*[-–—]+\s*(" + _AGENCY_ALT + r")\.?\s*$", re.I)
WITH_CREDIT = re.compile(r"^\(?\s*(?:with|additional reporting by|reporting by)\s+(" + _AGENCY_ALT + r")\s*\)?\.?$", re.I)
REPORTING_TAIL = re.compile(r"^\(\s*(?:\w+\s+)?(?:reporting|writing|editing|compiled|additional reporting)\s+by\b.*\)\s*$", re.I | re.S)
BYLINE = re.compile(r"^(?:by|written by|words by)\s+(.{2,200}?)\s*$", re.I)
DATE_HEADER = re.compile(r"^\s*date\s*:?\s*(\d{4}-\d{2}-\d{2})(?:[T ][\d:.+Z-]+)?\s*", re.I)
TIMESTAMP = re.compile(r"^\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:GMT|UTC|BST|CET|EST|ET|PT|[A-Z]{2,4})?$", re.I)


def agency_name(token: str) -> str | None:
    """Canonical name of a wire agency ('associated press' -> 'AP'), or None."""
    return AGENCIES.get(token.strip().lower().rstrip("."))


def is_caption(line: str) -> bool:
    """A photo caption or credit line."""
    s = line.strip()
    if _CAPTION_START.match(s):
        return True
    if m := _PAREN_CREDIT.search(s):
        # a bare "(Reuters)" closing a reported paragraph is an attribution, not a photo credit
        bare = re.fullmatch(r"\(\s*" + PHOTO_AGENCIES + r"\s*\)\s*", m.group(0))
        return not (bare and (_REPORTING_VERB.search(s) or len(s) > 300))
    if _CREDIT_LABEL.search(s) and len(s) < 400:
        # "Photograph: X via AP" closing a caption sentence
        tail = s[_CREDIT_LABEL.search(s).start() :]
        return "." in s[: -len(tail)] or len(s) < 120 or " via " in tail or "/" in tail
    if _PHOTO_BY.search(s) and len(s) < 300:
        return True
    return False


def is_widget(line: str) -> bool:
    s = line.strip()
    low = s.lower().rstrip()
    if low in _WIDGET_EXACT or low.rstrip(":") in _WIDGET_EXACT:
        return True
    if len(s) <= 240 and any(p.match(s) for p in _WIDGET_PATTERNS):
        return True
    return False


def is_section_label(line: str) -> bool:
    low = line.strip().lower().rstrip(":")
    return low in SECTION_LABELS


def classify_line(line: str) -> str | None:
    """The boilerplate kind of a line ('caption', 'widget', 'credit'...), None for body text.

    Section labels are only labels at the top of an article; the caller checks
    position (see :func:`crosscheck.clean.clean`).
    """
    s = line.strip()
    if not s:
        return "blank"
    if LONE_CREDIT.match(s) or WITH_CREDIT.match(s):
        return "credit"
    if REPORTING_TAIL.match(s):
        return "credit"
    if is_widget(s):
        return "widget"
    if is_caption(s):
        return "caption"
    return None
