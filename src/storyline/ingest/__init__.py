"""Ingest: files, folders and globs of news articles in any supported format -> Article records.

Bad input never raises: each failure is yielded as an `IngestError` naming the file (and line) so
the pipeline can report it, skip it and still read everything else.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from storyline.ingest.clean import find_exclusions, masked_text
from storyline.ingest.decode import DEFAULT_MAX_BYTES
from storyline.ingest.manifest import Manifest, apply_manifest, is_manifest, load_manifest
from storyline.ingest.readers import fill_url_date, is_supported, outlet_from_url, read_file
from storyline.records import Article, IngestError

__all__ = ["DEFAULT_MAX_BYTES", "DEFAULT_MAX_CHARS", "find_exclusions", "masked_text", "read_inputs"]

# Longest article text passed on (storyline.nlp allows 2,000,000 characters per doc).
DEFAULT_MAX_CHARS = 2_000_000

# Container formats hold many articles: a manifest row for the file cannot describe each of them.
_CONTAINERS = (".jsonl", ".ndjson", ".warc", ".warc.gz", ".xml", ".rss", ".atom", ".rdf")


class _Reader:
    """Holds the per-folder manifest cache while one `read_inputs` call runs."""

    def __init__(self, max_bytes: int, max_chars: int) -> None:
        self.max_bytes = max_bytes
        self.max_chars = max_chars
        self.manifests: dict[Path, Manifest] = {}

    def manifest_for(self, folder: Path) -> tuple[Manifest, bool]:
        key = folder.resolve()
        if key in self.manifests:
            return self.manifests[key], False
        self.manifests[key] = load_manifest(folder)
        return self.manifests[key], True

    def file(self, path: Path, source: str, base: Path | None = None) -> Iterator[Article | IngestError]:
        # The nearest manifest naming the file wins, from its own folder up to the folder argument.
        values = None
        folder = path.parent
        while True:
            man, fresh = self.manifest_for(folder)
            if fresh:
                yield from man.errors
            values = values or man.entries.get(path.resolve())
            if base is None or folder.resolve() == base.resolve() or folder == folder.parent:
                break
            folder = folder.parent
        try:
            for item in read_file(path, source, self.max_bytes):
                if isinstance(item, Article) and len(item.text) > self.max_chars:
                    item = IngestError(
                        str(path), f"{item.source}: text too long ({len(item.text):,} characters > {self.max_chars:,})"
                    )
                if isinstance(item, Article) and values and not path.name.lower().endswith(_CONTAINERS):
                    apply_manifest(item, values)
                    if item.outlet is None:
                        item.outlet = outlet_from_url(item.url)
                    fill_url_date(item)
                yield item
        except Exception as exc:  # a reader bug or library failure must not stop the other inputs
            yield IngestError(str(path), f"could not read: {type(exc).__name__}: {exc}")

    def folder(self, folder: Path, base: Path) -> Iterator[Article | IngestError]:
        files = _walk(folder)
        articles = 0
        for path in files:
            for item in self.file(path, path.relative_to(base).as_posix(), base):
                articles += isinstance(item, Article)
                yield item
        if not files:
            yield IngestError(str(folder), "no articles found in directory (no supported input files)")
        elif articles == 0:
            yield IngestError(str(folder), "no articles found in directory (every input file failed)")


def _walk(folder: Path) -> list[Path]:
    """Supported files under `folder`, recursively, sorted, skipping hidden entries and manifests."""
    found: list[Path] = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            path = Path(root) / name
            if not name.startswith(".") and not is_manifest(path) and is_supported(path):
                found.append(path)
    return found


def _glob_base(pattern: str) -> Path:
    """The folder part of a glob before its first wildcard: sources are relative to it."""
    parts = Path(pattern).parts
    fixed: list[str] = []
    for part in parts:
        if glob.has_magic(part):
            break
        fixed.append(part)
    return Path(*fixed) if fixed else Path(".")


def read_inputs(
    paths: Sequence[str | Path], max_bytes: int = DEFAULT_MAX_BYTES, max_chars: int = DEFAULT_MAX_CHARS
) -> Iterator[Article | IngestError]:
    """Articles from files, folders (recursive) and globs, in a stable order; errors as IngestError.

    `max_bytes` caps a single document (and a single JSONL line or WARC record); larger inputs are
    refused from their size without being read. `max_chars` caps one article's text, so that the
    NLP stage (spaCy's max_length) never meets a longer one.
    """
    reader = _Reader(max_bytes, max_chars)
    for raw in paths:
        spec = str(raw)
        path = Path(spec)
        if glob.has_magic(spec) and not path.exists():
            matches = sorted(glob.glob(spec, recursive=True))
            base = _glob_base(spec)
            files: list[Path] = []
            for m in map(Path, matches):
                if m.is_dir():
                    files.extend(_walk(m))
                elif m.is_file() and not is_manifest(m):
                    files.append(m)
            files = list(dict.fromkeys(files))  # "**" matches folders and their files: read each once
            if not files:
                yield IngestError(spec, "no input files match this pattern")
            for f in files:
                inside = f.is_relative_to(base)
                yield from reader.file(f, f.relative_to(base).as_posix() if inside else f.name, base if inside else None)
        elif path.is_dir():
            yield from reader.folder(path, path)
        elif path.is_file():
            if is_manifest(path):
                yield IngestError(spec, "a manifest is not an article; pass its folder instead")
            else:
                yield from reader.file(path, path.name)
        elif path.exists():
            yield IngestError(spec, "not a regular file or directory")
        else:
            yield IngestError(spec, "no such file or directory")
