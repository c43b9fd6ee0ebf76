"""Candidate pairs for reuse detection at corpus scale, in sub-quadratic time.

Each text becomes a set of word shingles; MinHash signatures (datasketch,
computed in bulk with numpy through ``MinHash.bulk``) go into a banded LSH
index (datasketch ``MinHashLSH``), which returns the pairs likely to share
text. Only these pairs are then aligned exactly (:mod:`.passages`).

Verbatim and near-verbatim copies share many shingles, so a low Jaccard
threshold with few rows per band keeps recall high while the index stays
linear in the corpus size.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from datasketch import MinHash, MinHashLSH

from ..text import tokens

NUM_PERM = 64
SHINGLE = 4
THRESHOLD = 0.2  # Jaccard of 4-word shingles above which a pair is a candidate


def shingles(text: str, k: int = SHINGLE) -> set[bytes]:
    words = [t.norm for t in tokens(text)]
    if len(words) < k:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + k]).encode() for i in range(len(words) - k + 1)}


def signatures(texts: Sequence[str], num_perm: int = NUM_PERM) -> list[MinHash]:
    """MinHash of each text's shingles, built in bulk (vectorised per text)."""
    sets = [list(shingles(t)) or [b""] for t in texts]
    return MinHash.bulk(sets, num_perm=num_perm)


def candidate_pairs(
    texts: Sequence[str], threshold: float = THRESHOLD, num_perm: int = NUM_PERM, sigs: list[MinHash] | None = None
) -> list[tuple[int, int]]:
    """Index pairs (i < j) whose shingle sets likely overlap by at least ``threshold`` (Jaccard)."""
    sigs = sigs if sigs is not None else signatures(texts, num_perm)
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    with lsh.insertion_session() as session:
        for i, m in enumerate(sigs):
            session.insert(i, m, check_duplication=False)
    pairs = set()
    for i, m in enumerate(sigs):
        for j in lsh.query(m):
            if j != i:
                pairs.add((min(i, j), max(i, j)))
    return sorted(pairs)


def jaccard(a: MinHash, b: MinHash) -> float:
    return float(np.mean(a.hashvalues == b.hashvalues))
