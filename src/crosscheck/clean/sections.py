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
        w = _normal(w)
        if len(w) < 3 or _zipf(w) >= STOP_ZIPF:
            continue
        out.append(singular(w))
    return out


def _normal(word: str) -> str:
    """A word as :func:`terms` looks it up: lower-case, straight apostrophe, possessive stripped."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    return w.strip("'-")


def singular(word: str) -> str:
    """A lower-case word with a plural -s stripped ('bridges' -> 'bridge'; 'press', 'bus' kept)."""
    return word[:-1] if len(word) > 4 and word.endswith("s") and not word.endswith("ss") else word


def warm_word_frequencies() -> None:
    """Load wordfreq's English list now (about 0.3 s, once per process) rather than at the first word looked up."""
    _zipf("the")


# Word frequencies handed to this process by the one coordinating it (see :func:`lookup_words`): a worker started
# before the list was loaded anywhere reads its first articles' words here instead of loading it itself.
_GIVEN: dict[str, float] = {}


@lru_cache(maxsize=200_000)
def _zipf(word: str) -> float:
    """wordfreq's Zipf frequency of an English word: the one lookup every stage uses."""
    given = _GIVEN.get(word)
    if given is not None:
        return given
    from wordfreq import zipf_frequency  # imported at the first word looked up (0.3 s): a short text may need none

    return zipf_frequency(word, "en")


def frequencies_loaded() -> bool:
    """Whether wordfreq is loaded in this process (a forked worker shares its parent's): :func:`_zipf` alone imports
    it, at the first word not given."""
    import sys

    return "wordfreq" in sys.modules


_ANY_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def lookup_words(text: str) -> set[str]:
    """The word forms the per-article stages may look up for a text (a superset): each word lower-cased, the parts of
    a hyphenated one, and the forms :func:`terms` and :func:`specificity` ask for (possessive and plural stripped).
    The coordinating process gives a fresh worker their frequencies with the article (:func:`give_frequencies`); a
    form missed here is looked up in wordfreq as usual, so the result never depends on this list."""
    import html

    out: set[str] = set()
    for m in _ANY_WORD.finditer(html.unescape(text)):
        low = m.group(0).lower()
        norm = _normal(low)
        out.update((low, norm, singular(norm)))
        out.update(p for p in low.split("-") if p)
    out.discard("")
    return out


def give_frequencies(values: dict[str, float]) -> None:
    """Take word frequencies computed (by :func:`_zipf`) in the coordinating process."""
    _GIVEN.update(values)


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


_BARE_NAME = re.compile(r"(?<![A-Z][a-zà-ÿ'’-])(?<![A-Z][a-zà-ÿ'’-] )\b([A-Z][a-zà-ÿ'’-]+)\b")


class _SplitCosine:
    """Cosine of :func:`term_vector` of a head and a tail, updated as sections move from the tail to the head.

    Only the terms of the moved section are touched, so trying every split point is
    linear in the text (computing both vectors afresh per split was quadratic: an
    article of 2,000 short sections under headings took minutes to clean).
    """

    def __init__(self, tail: Counter[str]) -> None:
        self.head: Counter[str] = Counter()
        self.tail = tail
        self.dot = 0.0
        self.nh2 = 0.0
        self.nt2 = sum(self._w(t, c) ** 2 for t, c in tail.items())

    @staticmethod
    def _w(term: str, count: int) -> float:
        return (1 + math.log(count)) * specificity(term) if count > 0 else 0.0

    def move(self, section_terms: Counter[str]) -> None:
        for t, d in section_terms.items():
            h, k = self._w(t, self.head[t]), self._w(t, self.tail[t])
            self.dot -= h * k
            self.nh2 -= h * h
            self.nt2 -= k * k
            self.head[t] += d
            self.tail[t] -= d
            h, k = self._w(t, self.head[t]), self._w(t, self.tail[t])
            self.dot += h * k
            self.nh2 += h * h
            self.nt2 += k * k

    def value(self) -> float:
        if self.nh2 <= 1e-12 or self.nt2 <= 1e-12:
            return 0.0
        return self.dot / (math.sqrt(self.nh2) * math.sqrt(self.nt2))


def flag_off_topic(text: str, sections: list[Section]) -> list[Section]:
    """Flag the appended tail (from the first heading whose tail is unrelated) as off_topic.

    Unrelated means: low lexical similarity to the text before the heading, and
    no bare-surname reference back to a person that text introduced. One pass over
    the sections: the head and tail vectors, the head's people and the last section
    naming each bare surname are all kept up to date as the split point moves.
    """
    if len(sections) < 2 or is_liveblog(sections):
        return sections  # liveblog entries are judged against the story (crosscheck.cluster)
    parts = [text[s.start : s.end] for s in sections]
    sec_terms = [Counter(terms(p)) for p in parts]
    sim = _SplitCosine(_total(sec_terms))
    n_head, n_tail = 0, sum(sum(c.values()) for c in sec_terms)
    last_bare: dict[str, int] = {}  # bare capitalised word -> last section it stands in
    for i, p in enumerate(parts):
        for m in _BARE_NAME.finditer(p):
            last_bare[m.group(1)] = i
    named_later = -1  # the last section naming, bare, a person of the head
    for k in range(1, len(sections)):
        sim.move(sec_terms[k - 1])
        moved = sum(sec_terms[k - 1].values())
        n_head, n_tail = n_head + moved, n_tail - moved
        named_later = max([named_later] + [last_bare.get(n, -1) for n in surnames(parts[k - 1])])
        if sections[k].heading and TIMESTAMP.match(sections[k].heading):
            continue  # liveblog entries are judged by the story stage, not here
        if n_tail < MIN_TAIL_WORDS // 2 or n_head < MIN_HEAD_WORDS:
            continue
        value = sim.value()
        if value < OFF_TOPIC_THRESHOLD and named_later < k:
            for s in sections[k:]:
                s.off_topic = True
                s.off_topic_reason = (
                    f"unrelated to the article before it (lexical similarity {value:.2f} < {OFF_TOPIC_THRESHOLD},"
                    " names none of its people)"
                )
            break
    return sections


def _total(counters: list[Counter[str]]) -> Counter[str]:
    total: Counter[str] = Counter()
    for c in counters:
        total.update(c)
    return total
