"""Claims: a text split into atomic statements, each linked to what it contains.

A claim is a sentence, or one of its coordinated clauses when each has its
own subject ("Russia said X, and Ukraine denied it" gives two claims). Each
claim keeps its offsets and links to the article's quotes, quantities, dates
and actors inside it, records whom the text attributes it to (a quote's
speaker, "X said", "according to X") and whether the outlet says it could not
verify such accounts. These are what the alignment stage compares.
"""

from __future__ import annotations

import re

from ..model import Article, Claim
from .disclaimers import covered_claims, is_disclaimer

_ACCORDING = re.compile(r"\b(?:according to|citing|per|quoting) (?:the )?((?:[A-Z][\w’'-]*|[a-z]+)(?:\s+(?:[A-Z][\w’'-]*|of|the|[a-z]+)){0,6}?)(?=[,.;]|$)")
MIN_WORDS = 5


def _clauses(sent, quoted: list[tuple[int, int]] = ()) -> list[tuple[int, int]]:  # noqa: ANN001
    """Character spans of a sentence's independent clauses (coordinated verbs with their own subjects).

    A clause is never cut inside a quotation: a quote's fragment is part of its sentence's claim."""
    root = sent.root
    cuts = []
    for c in root.children:
        if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children):
            left = c.left_edge
            if any(a <= left.idx < b for a, b in quoted):
                continue
            # cut before the coordinating conjunction or the comma that joins the clauses
            j = left.i - 1
            while j > sent.start and sent.doc[j].dep_ in ("cc", "punct"):
                j -= 1
            cuts.append((sent.doc[j].idx + len(sent.doc[j].text), left.idx))
    if not cuts:
        return [(sent.start_char, sent.end_char)]
    spans, start = [], sent.start_char
    for end_prev, start_next in cuts:
        spans.append((start, end_prev))
        start = start_next
    spans.append((start, sent.end_char))
    return spans


def extract_claims(doc, article: Article, on_topic: list[tuple[int, int]] | None = None) -> list[Claim]:
    """Claims of one parsed article whose quotes, quantities, dates and actors are already extracted."""
    text = article.text
    spans = on_topic if on_topic is not None else article.on_topic_spans()
    claims: list[Claim] = []
    quoted = [(q.start, q.end) for q in article.quotes if q.direct and not q.in_headline]
    for stored in article.sentences:
        s0, s1 = stored.start, stored.end
        if stored.kind != "text" or not any(a <= s0 and s1 <= b for a, b in spans):
            continue  # headings, datelines, captions and editor's notes are not claims
        sent = doc.char_span(s0, s1, alignment_mode="expand")
        if sent is None:
            continue
        if len(sent.text.split()) < MIN_WORDS or is_disclaimer(sent.text):
            continue
        according = _ACCORDING.search(sent.text)
        for c0, c1 in _clauses(sent, quoted):
            while c1 > c0 and text[c1 - 1] in " \n":
                c1 -= 1
            seg = text[c0:c1]
            if len(seg.split()) < 3:
                continue
            in_quotes = [q for q in article.quotes if not q.in_headline and q.start < c1 and c0 < q.end]
            n_ids = [q.id for q in article.quantities if not q.in_headline and c0 <= q.start < c1]
            d_ids = [d.id for d in article.dates if c0 <= d.start < c1]
            actor_ids = [a.id for a in article.actors if any(c0 <= m.start < c1 for m in a.mentions)]
            # the claim is the speaker's when their words make up most of it (a quote or reported clause)
            speakers = [
                q.speaker
                for q in in_quotes
                if q.speaker
                and (
                    (min(c1, q.end) - max(c0, q.start)) >= 0.5 * (c1 - c0) - 40
                    or (q.cue is not None and q.speaker_span is not None and c0 <= q.speaker_span.start < c1)
                )
            ]
            attributed = speakers[0] if speakers else (according.group(1).strip() if according else None)
            claims.append(
                Claim(
                    id=f"{article.id}:c{len(claims) + 1}",
                    start=c0,
                    end=c1,
                    text=seg,
                    attributed_to=attributed,
                    sentence=stored.id,
                    quotes=[q.id for q in in_quotes],
                    quantities=n_ids,
                    dates=d_ids,
                    actors=actor_ids,
                )
            )
    covered = covered_claims(text, [(s.start, s.end) for s in article.sentences], claims)
    for c in claims:
        if c.id in covered:
            c.unverified, c.unverified_note = True, covered[c.id]
    return claims
