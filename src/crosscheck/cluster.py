"""Cluster: group analysed articles into stories, one event each.

Articles are compared by the vocabulary of their on-topic text, each word
weighted by its rarity in English (see :mod:`crosscheck.clean.sections`), and
joined into one story when their cosine similarity passes a threshold
(single-link, union-find). Off-topic sections are left out.
"""

from __future__ import annotations

from .clean.sections import cosine, is_liveblog, term_vector, terms
from .titles import story_title
from .model import Article, Story

SAME_STORY_THRESHOLD = 0.25
ENTRY_THRESHOLD = 0.12  # a liveblog entry less similar than this to the rest of the story is about something else


def on_topic_text(article: Article) -> str:
    return "\n\n".join(article.text[a:b] for a, b in article.on_topic_spans())


def cluster(articles: list[Article], threshold: float = SAME_STORY_THRESHOLD) -> list[Story]:
    """Stories from the analysed articles (skipped ones are ignored), largest first."""
    ok = [a for a in articles if a.ok]
    vecs = [term_vector(terms((a.title or "") + "\n" + on_topic_text(a))) for a in ok]
    parent = list(range(len(ok)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(ok)):
        for j in range(i + 1, len(ok)):
            if find(i) != find(j) and cosine(vecs[i], vecs[j]) >= threshold:
                parent[find(i)] = find(j)
    groups: dict[int, list[Article]] = {}
    for i, a in enumerate(ok):
        groups.setdefault(find(i), []).append(a)
    ordered = sorted(groups.values(), key=lambda g: (-len(g), g[0].id))
    for members in ordered:
        flag_liveblog_entries(members)
    stories = []
    for n, members in enumerate(ordered, start=1):
        title = story_title([a.title for a in members], [a.text for a in members])
        stories.append(Story(id=f"story-{n}", title=title, article_ids=[a.id for a in members]))
    return stories


def _entries(article: Article) -> list[tuple[int, int]]:
    """Liveblog entries: a timestamp heading and everything up to the next timestamp."""
    from .clean.boilerplate import TIMESTAMP

    starts = [i for i, s in enumerate(article.sections) if s.heading and TIMESTAMP.match(s.heading)]
    return [(i, (starts[n + 1] if n + 1 < len(starts) else len(article.sections))) for n, i in enumerate(starts)]


def flag_liveblog_entries(members: list[Article]) -> None:
    """In a story with other articles, flag liveblog entries about other subjects as off-topic."""
    if len(members) < 2:
        return
    for art in members:
        if not is_liveblog(art.sections):
            continue
        others = term_vector(terms("\n".join(on_topic_text(o) for o in members if o is not art)))
        for i, j in _entries(art):
            secs = art.sections[i:j]
            sim = cosine(term_vector(terms(art.text[secs[0].start : secs[-1].end])), others)
            if sim < ENTRY_THRESHOLD:
                for s in secs:
                    s.off_topic = True
                    s.off_topic_reason = f"liveblog entry on another subject (similarity to the story {sim:.2f} < {ENTRY_THRESHOLD})"
