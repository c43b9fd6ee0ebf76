"""Candidate pairs for reuse detection at corpus scale, in sub-quadratic time.

Each text becomes a sorted array of 32-bit hashes of its word shingles
(crc32: stable across processes, so signatures made on different Dask workers
agree). MinHash signatures (datasketch ``MinHash.bulk``, vectorised per text)
go into a banded LSH index (datasketch ``MinHashLSH``) that returns the pairs
likely to share text; :func:`containment` then verifies each candidate
exactly. A low Jaccard threshold keeps recall high for copies that dropped or
added paragraphs; verification restores precision.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 64
SHINGLE = 4
THRESHOLD = 0.2  # Jaccard of 4-word shingles above which a pair is a candidate
CONTAINMENT = 0.3  # shared shingles / shingles of the smaller text, for a verified copy
_WORD = re.compile(r"[\w'’]+")


def shingle_hashes(text: str, k: int = SHINGLE) -> np.ndarray:
    """Sorted unique crc32 hashes of the text's k-word shingles (lower-cased)."""
    words = _WORD.findall(text.lower())
    if len(words) < k:
        words = words + [""] * (k - len(words))
    joined = [" ".join(words[i : i + k]).encode() for i in range(len(words) - k + 1)]
    return np.unique(np.fromiter((zlib.crc32(s) for s in joined), dtype=np.uint64, count=len(joined)))


def specifics_hashes(specifics: Sequence[str]) -> np.ndarray:
    """Sorted unique crc32 hashes of an article's specifics (names, figures, quotes), for LSH over rewrites."""
    return np.unique(np.fromiter((zlib.crc32(x.encode()) for x in specifics), dtype=np.uint64, count=len(specifics)))


def _identity(x: np.uint64) -> int:
    return int(x)


def signatures(hashes: Sequence[np.ndarray], num_perm: int = NUM_PERM) -> list[MinHash]:
    """MinHash of each text's shingle hashes (already 32-bit, so hashed by identity)."""
    return MinHash.bulk([h.tolist() or [0] for h in hashes], num_perm=num_perm, hashfunc=_identity)


def lsh_index(hashes: Sequence[np.ndarray], threshold: float = THRESHOLD, num_perm: int = NUM_PERM) -> tuple[MinHashLSH, list[MinHash]]:
    """A banded LSH index of the texts' MinHash signatures (keys: positions), and the signatures."""
    sigs = signatures(hashes, num_perm)
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    with lsh.insertion_session() as session:
        for i, m in enumerate(sigs):
            session.insert(i, m, check_duplication=False)
    return lsh, sigs


def candidate_pairs(
    texts: Sequence[str] | None = None,
    *,
    hashes: Sequence[np.ndarray] | None = None,
    threshold: float = THRESHOLD,
    num_perm: int = NUM_PERM,
) -> list[tuple[int, int]]:
    """Index pairs (i < j) whose shingle sets likely overlap by at least ``threshold`` (Jaccard)."""
    if hashes is None:
        hashes = [shingle_hashes(t) for t in texts or []]
    lsh, sigs = lsh_index(hashes, threshold, num_perm)
    pairs = set()
    for i, m in enumerate(sigs):
        for j in lsh.query(m):
            if j != i:
                pairs.add((min(i, j), max(i, j)))
    return sorted(pairs)


def containment(a: np.ndarray, b: np.ndarray) -> float:
    """Shared shingles over the shingles of the smaller text (1.0: one is contained in the other)."""
    if not len(a) or not len(b):
        return 0.0
    return len(np.intersect1d(a, b, assume_unique=True)) / min(len(a), len(b))


def copied_pairs(texts: Sequence[str], min_containment: float = CONTAINMENT) -> list[tuple[int, int, float]]:
    """Verified copies in a corpus: candidate pairs whose containment passes ``min_containment``."""
    hashes = [shingle_hashes(t) for t in texts]
    out = []
    for i, j in candidate_pairs(hashes=hashes):
        c = containment(hashes[i], hashes[j])
        if c >= min_containment:
            out.append((i, j, c))
    return out
