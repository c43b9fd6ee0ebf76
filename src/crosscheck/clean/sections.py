"""Split a cleaned article into sections at headings, and flag appended unrelated stories.

News pages often append a separate story after the article ("Russia says ..."
under its own headline, followed by its own lead). Such a section is flagged
``off_topic``: it stays in the output but later stages leave it out.

Off-topic detection is lexical and works on one article alone: the vocabulary
of the tail (from a heading to the end) is compared with the vocabulary of the
article before it, each word weighted by how rare it is in English (wordfreq's
Zipf scale), so that names and nouns specific to the event ("Kursk",
"Sudzha") count and background words ("Russia", "military") count little.
Sub-headings of the same story share its specific words; an appended story
does not.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache

from wordfreq import zipf_frequency

from ..model import Section
from .boilerplate import TIMESTAMP

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")
_END_PUNCT = (".", ",", ";", ":", "!")
# cosine similarity below which a tail is a separate story (measured on the seeds and tests/fixtures/clean)
OFF_TOPIC_THRESHOLD = 0.2
MIN_TAIL_WORDS = 40
MIN_HEAD_WORDS = 40  # content words the article must have before a tail can be called unrelated


def is_liveblog(sections: list[Section]) -> bool:
    """Three or more sections headed by a time of day ('14:05 GMT')."""
    return sum(1 for s in sections if s.heading and TIMESTAMP.match(s.heading)) >= 3


STOP_ZIPF = 5.6  # words at least this frequent in English ("the", "said", "people") carry no topic


def terms(text: str) -> list[str]:
    """Content words of a text, lower-cased, possessives and plural -s stripped."""
    out = []
    for w in _WORD.findall(text):
        w = w.lower().replace("’", "'")
        if w.endswith("'s"):
            w = w[:-2]
        w = w.strip("'-")
        if len(w) < 3 or _zipf(w) >= STOP_ZIPF:
            continue
        if len(w) > 4 and w.endswith("s") and not w.endswith("ss"):
            w = w[:-1]
        out.append(w)
    return out


@lru_cache(maxsize=200_000)
def _zipf(word: str) -> float:
    return zipf_frequency(word, "en")


def is_heading(line: str) -> bool:
    """A sub-heading or appended headline: short, no sentence-final punctuation."""
    s = line.strip()
    if TIMESTAMP.match(s):
        return True
    words = s.split()
    if not 1 <= len(words) <= 14 or len(s) > 110:
        return False
    if s.endswith(_END_PUNCT):
        return False
    if s[-1] in "”\"’'" and len(s) > 1 and s[-2] in ".,!?;:":
        return False
    if s.endswith("?") and not (s.isupper() or len(words) <= 3):
        return False
    return s[0].isupper() or s[0].isdigit() or s[0] in "'‘\"“"


def split_sections(paragraphs: list[tuple[int, int, str]], text_len: int) -> list[Section]:
    """Sections from ``(start, end, text)`` paragraphs; a heading paragraph starts a new section.

    A heading counts only when body text follows it.
    """
    sections: list[Section] = []
    cur_start, cur_heading = 0, None
    for i, (start, _end, para) in enumerate(paragraphs):
        if i == 0 or i == len(paragraphs) - 1 or not is_heading(para):
            continue
        if is_heading(paragraphs[i + 1][2]) and not TIMESTAMP.match(para):
            continue
        if start > cur_start or cur_heading is not None:
            sections.append(Section(heading=cur_heading, start=cur_start, end=start))
        cur_start, cur_heading = start, para.strip()
    sections.append(Section(heading=cur_heading, start=cur_start, end=text_len))
    return sections


def specificity(term: str) -> float:
    """Weight of a word: high for rare words (names, places), low for common ones."""
    return max(0.3, 6.5 - _zipf(term))


def term_vector(ts: list[str]) -> dict[str, float]:
    """Sublinear term frequency times :func:`specificity`."""
    tf = Counter(ts)
    return {t: (1 + math.log(c)) * specificity(t) for t, c in tf.items()}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if not a or not b:
        return 0.0
    dot = sum(v * b.get(t, 0.0) for t, v in a.items())
    na = math.sqrt(sum(v * v for v in a.values()))
    nb = math.sqrt(sum(v * v for v in b.values()))
    return dot / (na * nb) if na and nb else 0.0


def tail_similarity(text: str, sections: list[Section], k: int) -> float:
    """Similarity of sections k.. (the tail) to the sections before k."""
    head = text[sections[0].start : sections[k].start]
    tail = text[sections[k].start : sections[-1].end]
    return cosine(term_vector(terms(head)), term_vector(terms(tail)))


_NAME_SEQ = re.compile(r"\b([A-Z][a-zà-ÿ'’-]+(?:\s+[A-Z][a-zà-ÿ'’-]+){1,2})\b")
_NOT_SURNAME = {
    "ministry", "house", "office", "department", "council", "bank", "union", "party", "region", "republic", "islands",
    "forum", "court", "agency", "service", "press", "street", "river", "city", "county", "province", "state", "states",
    "army", "force", "forces", "guard", "command", "committee", "commission", "company", "group", "university",
    "association", "federation", "news", "times", "post", "kingdom", "nations", "sea", "ocean", "airport", "port",
}


def surnames(text: str) -> set[str]:
    """Last words of person-like names ('Héctor Quiroga' -> 'Quiroga') written in full in a text."""
    out = set()
    for m in _NAME_SEQ.finditer(text):
        last = re.sub(r"[’']s$", "", m.group(1).split()[-1])
        if last.lower() not in _NOT_SURNAME and _zipf(last.lower()) < 4.0:
            out.add(last)
    return out


def refers_back(head: str, tail: str) -> bool:
    """True when the tail names a person of the head by bare surname ('Quiroga said'): the same story goes on."""
    names = surnames(head)
    for m in re.finditer(r"(?<![A-Z][a-zà-ÿ'’-])(?<![A-Z][a-zà-ÿ'’-] )\b([A-Z][a-zà-ÿ'’-]+)\b", tail):
        if m.group(1) in names:
            return True
    return False


def flag_off_topic(text: str, sections: list[Section]) -> list[Section]:
    """Flag the appended tail (from the first heading whose tail is unrelated) as off_topic.

    Unrelated means: low lexical similarity to the text before the heading, and
    no bare-surname reference back to a person that text introduced.
    """
    if len(sections) < 2 or is_liveblog(sections):
        return sections  # liveblog entries are judged against the story (crosscheck.cluster)
    for k in range(1, len(sections)):
        if sections[k].heading and TIMESTAMP.match(sections[k].heading):
            continue  # liveblog entries are judged by the story stage, not here
        tail_terms = terms(text[sections[k].start : sections[-1].end])
        if len(tail_terms) < MIN_TAIL_WORDS // 2 or len(terms(text[: sections[k].start])) < MIN_HEAD_WORDS:
            continue
        sim = tail_similarity(text, sections, k)
        head = text[sections[0].start : sections[k].start]
        if sim < OFF_TOPIC_THRESHOLD and not refers_back(head, text[sections[k].start : sections[-1].end]):
            for s in sections[k:]:
                s.off_topic = True
                s.off_topic_reason = (
                    f"unrelated to the article before it (lexical similarity {sim:.2f} < {OFF_TOPIC_THRESHOLD},"
                    " names none of its people)"
                )
            break
    return sections
