"""Shared passages between two texts: exact tiles and twin sentences.

:func:`tile` is greedy string tiling over normalised words (Wise 1993, with
Karp-Rabin style k-gram seeding): the longest common word runs of at least
``min_len`` words, longest first, none overlapping. :func:`twins`
pairs sentences that keep most of their words in order (rapidfuzz Indel over
words): the mark of an edited or synonym-spun copy.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz.distance import Indel
from rapidfuzz.process import cdist

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


def longest_increasing(seq: list[int]) -> list[int]:
    """Indices (into ``seq``) of a longest strictly increasing subsequence (patience sorting)."""
    tails: list[int] = []  # seq value at the end of the best run of each length
    tail_idx: list[int] = []
    prev = [-1] * len(seq)
    for i, x in enumerate(seq):
        k = bisect.bisect_left(tails, x)
        if k == len(tails):
            tails.append(x)
            tail_idx.append(i)
        else:
            tails[k] = x
            tail_idx[k] = i
        prev[i] = tail_idx[k - 1] if k else -1
    out = []
    i = tail_idx[-1] if tail_idx else -1
    while i >= 0:
        out.append(i)
        i = prev[i]
    return out[::-1]


@dataclass(frozen=True)
class Twin:
    a: int  # sentence index in A
    b: int  # sentence index in B
    similarity: float  # share of words the two sentences have in order (Indel similarity over words), 0..1


def twins(sa: list[list[str]], sb: list[list[str]], threshold: float = 0.5, min_words: int = 6) -> tuple[list[Twin], int]:
    """Twin sentences: an in-order chain of sentence pairs whose word sequences mostly agree.

    ``sa``/``sb`` are the sentences' (unquoted) words. A sentence copied with edits, or with words
    swapped for synonyms, keeps most of its words in order; a sentence of an independent report on the
    same fact does not. Returns the longest in-order chain of each shorter-side sentence's best twin, and
    how many sentences of the shorter side were comparable (at least ``min_words`` words).
    """
    ia = [i for i, w in enumerate(sa) if len(w) >= min_words]
    ib = [j for j, w in enumerate(sb) if len(w) >= min_words]
    if not ia or not ib:
        return [], 0
    flip = len(ia) > len(ib)
    short, long_ = (ib, ia) if flip else (ia, ib)
    ws, wl = (sb, sa) if flip else (sa, sb)
    sims = cdist([ws[i] for i in short], [wl[j] for j in long_], scorer=Indel.normalized_similarity, score_cutoff=threshold)
    best = sims.argmax(axis=1)
    pairs = [(short[r], long_[int(best[r])], float(sims[r, best[r]])) for r in range(len(short)) if sims[r, best[r]] >= threshold]
    chain = [pairs[k] for k in longest_increasing([p[1] for p in pairs])]
    out = [Twin(j, i, s) if flip else Twin(i, j, s) for i, j, s in chain]
    return sorted(out, key=lambda t: t.a), len(short)
