"""Shared passages between two texts: exact tiles and near-identical sentences.

:func:`tile` is greedy string tiling over normalised words (Wise 1993, with
Karp-Rabin style k-gram seeding): the longest common word runs of at least
``min_len`` words, longest first, none overlapping. :func:`near_sentences`
pairs sentences that differ only by small edits (rapidfuzz ratio), the mark of
a lightly edited copy.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.process import extractOne

from ..text import Token


@dataclass(frozen=True)
class Tile:
    """A run of ``length`` equal words at word index ``i`` in A and ``j`` in B."""

    i: int
    j: int
    length: int


def tile(a: list[Token], b: list[Token], min_len: int = 8) -> list[Tile]:
    """Greedy string tiling: maximal common word runs of at least ``min_len`` words, non-overlapping."""
    if len(a) < min_len or len(b) < min_len:
        return []
    wa = [t.norm for t in a]
    wb = [t.norm for t in b]
    index: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for j in range(len(wb) - min_len + 1):
        index[tuple(wb[j : j + min_len])].append(j)
    matches: list[Tile] = []
    for i in range(len(wa) - min_len + 1):
        cands = index.get(tuple(wa[i : i + min_len]))
        if not cands:
            continue
        for j in cands:
            if i > 0 and j > 0 and wa[i - 1] == wb[j - 1]:
                continue  # inside a longer run that starts earlier
            n = min_len
            while i + n < len(wa) and j + n < len(wb) and wa[i + n] == wb[j + n]:
                n += 1
            matches.append(Tile(i, j, n))
    matches.sort(key=lambda t: (-t.length, t.i, t.j))
    used_a = bytearray(len(wa))
    used_b = bytearray(len(wb))
    tiles = []
    for t in matches:
        # trim a run that overlaps an accepted tile, keep the free part if still long enough
        s, n = 0, t.length
        while s < n and (used_a[t.i + s] or used_b[t.j + s]):
            s += 1
        e = s
        while e < n and not used_a[t.i + e] and not used_b[t.j + e]:
            e += 1
        if e - s >= min_len:
            tiles.append(Tile(t.i + s, t.j + s, e - s))
            used_a[t.i + s : t.i + e] = b"\x01" * (e - s)
            used_b[t.j + s : t.j + e] = b"\x01" * (e - s)
    return sorted(tiles, key=lambda t: t.i)


@dataclass(frozen=True)
class SentencePair:
    a: int  # sentence index in A
    b: int  # sentence index in B
    ratio: float  # 0..1


def near_sentences(sa: list[str], sb: list[str], threshold: float = 0.8, min_words: int = 6) -> list[SentencePair]:
    """For each sentence of A, its most similar sentence of B when the edit ratio is >= threshold."""
    if not sa or not sb:
        return []
    out = []
    choices = {j: s for j, s in enumerate(sb) if len(s.split()) >= min_words}
    for i, s in enumerate(sa):
        if len(s.split()) < min_words:
            continue
        best = extractOne(s, choices, scorer=fuzz.ratio, score_cutoff=threshold * 100)
        if best:
            out.append(SentencePair(i, best[2], best[1] / 100))
    return out
