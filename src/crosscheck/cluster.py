"""Cluster: group analysed articles into stories, one event each.

Articles are compared by the vocabulary of their on-topic text, each word
weighted by its rarity in English (see :mod:`crosscheck.clean.sections`), and
joined into one story when their cosine similarity passes a threshold
(single-link, union-find). Off-topic sections are left out.
"""

from __future__ import annotations

from .clean.sections import cosine, term_vector, terms
from .model import Article, Story

SAME_STORY_THRESHOLD = 0.25


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
    stories = []
    for n, members in enumerate(ordered, start=1):
        titled = [a.title for a in members if a.title]
        stories.append(Story(id=f"story-{n}", title=titled[0] if titled else None, article_ids=[a.id for a in members]))
    return stories
