"""The one loader of storyline's language knowledge: word lists and tables, one concept per file.

Code holds rules; vocabularies live here as data (like spaCy's ``lang/en/stop_words.py`` or textacy's
``REPORTING_VERBS``), so a list has exactly one home and every stage that needs it reads the same one.

File formats (all UTF-8, in this folder):
- ``NAME.txt``: one entry per line (multi-word entries allowed), ``#`` starts a comment. A line
  ``@OTHER`` includes every entry of ``OTHER.txt``, so a broader list is built from narrower ones
  without copying them ("plan verbs" include the "intent verbs").
- ``NAME.json``: a table (mapping or list); a top-level ``"_doc"`` key is documentation and dropped.

`fingerprint()` hashes every file, so stored analyses are recomputed when the knowledge changes.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache, lru_cache
from importlib import resources
from typing import Any

__all__ = ["words", "table", "names", "fingerprint", "LexiconError"]


class LexiconError(RuntimeError):
    """A lexicon file is missing or malformed (a packaging bug, not bad user input)."""


def _folder() -> Any:
    return resources.files(__name__)


def _read(name: str, suffix: str) -> str:
    f = _folder().joinpath(name + suffix)
    if not f.is_file():
        raise LexiconError(f"lexicon file {name}{suffix} not found")
    return f.read_text(encoding="utf-8")


@cache
def words(name: str) -> frozenset[str]:
    """The entries of ``NAME.txt`` (with its ``@includes``), lower-cased as written."""
    return frozenset(_entries(name, ()))


def _entries(name: str, seen: tuple[str, ...]) -> list[str]:
    if name in seen:
        raise LexiconError(f"lexicon include cycle: {' -> '.join((*seen, name))}")
    out: list[str] = []
    for raw in _read(name, ".txt").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("@"):
            out.extend(_entries(line[1:].strip(), (*seen, name)))
        else:
            out.append(line)
    return out


@cache
def table(name: str) -> Any:
    """The contents of ``NAME.json`` (without its ``_doc``). Callers must not mutate it."""
    try:
        data = json.loads(_read(name, ".json"))
    except json.JSONDecodeError as e:
        raise LexiconError(f"lexicon file {name}.json: {e}") from e
    if isinstance(data, dict):
        data.pop("_doc", None)
    return data


def names() -> list[str]:
    """Every concept this folder holds (file names without suffix)."""
    return sorted(
        f.name.rsplit(".", 1)[0] for f in _folder().iterdir() if f.name.endswith((".txt", ".json"))
    )


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """sha256 over every lexicon file's name and bytes, shortened."""
    h = hashlib.sha256()
    for f in sorted(_folder().iterdir(), key=lambda f: f.name):
        if f.name.endswith((".txt", ".json")):
            h.update(f.name.encode())
            h.update(f.read_bytes())
    return h.hexdigest()[:16]
