"""Ingest: files, folders and globs of news articles in any supported format -> Article records.

Bad input never raises: each failure is yielded as an `IngestError` naming the file (and line or
record) so the pipeline can report it, skip it and still read everything else. Only regular files
are opened (a named pipe, a device or a symlink loop is refused by name), each within the limits of
`ingest.limits.Limits`, and the build's own outputs (`exclude`) are never read back as articles.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from storyline.ingest.article import clean_again, finish, too_long_message
from storyline.ingest.clean import find_exclusions, masked_text
from storyline.ingest.decode import DEFAULT_MAX_BYTES
from storyline.ingest.files import problem, real, shown, under
from storyline.ingest.limits import DEFAULT_LIMITS, Limits
from storyline.ingest.manifest import Manifest, Row, apply_manifest, is_manifest, load_manifest
from storyline.ingest.readers import is_supported, read_file
from storyline.ingest.sanitize import clean_text
from storyline.records import Article, IngestError

__all__ = [
    "DEFAULT_LIMITS", "DEFAULT_MAX_BYTES", "DEFAULT_MAX_CHARS", "OUTPUT_NAMES", "Limits", "find_exclusions",
    "masked_text", "output_exclusions", "read_inputs",
]

DEFAULT_MAX_CHARS = DEFAULT_LIMITS.max_chars

# Container formats hold many articles: a manifest row for the file cannot describe each of them.
_CONTAINERS = (".jsonl", ".ndjson", ".warc", ".warc.gz", ".xml", ".rss", ".atom", ".rdf")
# What a build writes into its output folder (and the temporary names it writes them under).
OUTPUT_NAMES = ("story.json", "brief.md", "timeline.html", "storyline.db", "storyline.db-wal", "storyline.db-shm",
                "storyline.db-journal")


def output_exclusions(out: str | Path, inputs: Sequence[str | Path], names: Iterable[str] = OUTPUT_NAMES) -> list[Path]:
    """What `read_inputs` must skip for a build into `out`: the whole folder, or only the build's own
    files (and their `.tmp` siblings) when an input lives in it (`--out` equal to the input folder)."""
    out_real = real(out)
    roots = [real(_glob_base(str(s)) if glob.has_magic(str(s)) else s) for s in inputs]
    if any(under(root, [out_real]) for root in roots):
        return [Path(out_real) / f"{n}{tmp}" for n in names for tmp in ("", ".tmp")]
    return [Path(out_real)]


class _Reader:
    """Holds the limits, the skipped paths and the per-folder manifest cache of one `read_inputs` call."""

    def __init__(self, limits: Limits, exclude: Sequence[str]) -> None:
        self.limits = limits
        self.exclude = exclude
        self.manifests: dict[str, Manifest] = {}

    def excluded(self, path: Path) -> bool:
        return bool(self.exclude) and under(real(path), self.exclude)

    def manifest_for(self, folder: Path) -> tuple[Manifest, bool]:
        key = real(folder)
        if key in self.manifests:
            return self.manifests[key], False
        self.manifests[key] = load_manifest(folder, self.limits)
        return self.manifests[key], True

    def _row(self, path: Path, base: Path | None) -> tuple[list[IngestError], Row | None]:
        """(the manifest errors not yet reported, the nearest manifest row naming `path`), looking from
        the file's own folder up to the folder argument."""
        errors: list[IngestError] = []
        row = None
        folder = path.parent
        target = real(path)
        while True:
            man, fresh = self.manifest_for(folder)
            if fresh:
                errors.extend(man.errors)
            row = row or man.entries.get(target)
            if base is None or real(folder) == real(base) or folder == folder.parent:
                return errors, row
            folder = folder.parent

    def file(self, path: Path, source: str, base: Path | None = None) -> Iterator[Article | IngestError]:
        errors, row = self._row(path, base)
        yield from errors
        why = problem(path)
        if why:
            yield IngestError(shown(path), why)
            return
        try:
            for found in read_file(path, shown(source), self.limits):
                yield self._checked(found, path, row)
        except Exception as exc:  # a reader bug or library failure must not stop the other inputs
            yield IngestError(shown(path), f"could not read: {type(exc).__name__}: {exc}")

    def _checked(self, item: Article | IngestError, path: Path, row: Row | None) -> Article | IngestError:
        if not isinstance(item, Article):
            return item
        if len(item.text) > self.limits.max_chars:  # a reader that did not pass its limits on
            return IngestError(shown(path), f"{item.source}: {too_long_message(len(item.text), self.limits.max_chars)}")
        if row is not None and not path.name.lower().endswith(_CONTAINERS):
            apply_manifest(item, row)
            if "author" in row.values:
                clean_again(item)
        return finish(item, self.limits)

    def folder(self, folder: Path, base: Path) -> Iterator[Article | IngestError]:
        files, errors = self.walk(folder)
        yield from errors
        articles = 0
        for path in files:
            for item in self.file(path, shown(path.relative_to(base).as_posix()), base):
                articles += isinstance(item, Article)
                yield item
        if not files:
            yield IngestError(shown(folder), "no articles found in directory (no supported input files)")
        elif articles == 0:
            yield IngestError(shown(folder), "no articles found in directory (every input file failed)")

    def walk(self, folder: Path) -> tuple[list[Path], list[IngestError]]:
        """Supported files under `folder`, recursively, sorted, skipping hidden entries, manifests and
        excluded paths; folders that cannot be listed are errors."""
        found: list[Path] = []
        errors: list[IngestError] = []

        def failed(exc: OSError) -> None:
            errors.append(IngestError(shown(exc.filename or folder), f"cannot list folder: {exc.strerror or exc}"))

        for root, dirs, names in os.walk(folder, onerror=failed):
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not self.excluded(Path(root) / d))
            for name in sorted(names):
                path = Path(root) / name
                if not name.startswith(".") and not is_manifest(path) and is_supported(path) and not self.excluded(path):
                    found.append(path)
        return found, errors


def _glob_base(pattern: str) -> Path:
    """The folder part of a glob before its first wildcard: sources are relative to it."""
    fixed: list[str] = []
    for part in Path(pattern).parts:
        if glob.has_magic(part):
            break
        fixed.append(part)
    return Path(*fixed) if fixed else Path(".")


def read_inputs(
    paths: Sequence[str | Path],
    max_bytes: int | None = None,
    max_chars: int | None = None,
    *,
    limits: Limits | None = None,
    exclude: Sequence[str | Path] = (),
) -> Iterator[Article | IngestError]:
    """Articles from files, folders (recursive) and globs, in a stable order; errors as IngestError.

    `limits` bounds each input (see `Limits`; `max_bytes` and `max_chars` override its file/record
    size and text length). Paths at or under `exclude` are skipped (see `output_exclusions`): in
    folders and globs silently, named explicitly with an error.
    """
    reader = _Reader((limits or DEFAULT_LIMITS).with_overrides(max_bytes, max_chars), [real(p) for p in exclude])
    for item in _read_all(reader, paths):
        if isinstance(item, IngestError):  # messages quote file names and library errors: printable only
            item = IngestError(shown(item.path), clean_text(item.problem)[0], item.line)
        yield item


def _read_all(reader: _Reader, paths: Sequence[str | Path]) -> Iterator[Article | IngestError]:
    for raw in paths:
        spec = str(raw)
        path = Path(spec)
        if glob.has_magic(spec) and not os.path.lexists(spec):
            yield from _read_glob(reader, spec)
        elif reader.excluded(path):
            yield IngestError(shown(spec), "is an output of this build (inside --out); not read as input")
        elif os.path.isdir(path):
            yield from reader.folder(path, path)
        elif (why := problem(path)) is not None:
            yield IngestError(shown(spec), why)
        elif is_manifest(path):
            yield IngestError(shown(spec), "a manifest is not an article; pass its folder instead")
        else:
            yield from reader.file(path, path.name)


def _read_glob(reader: _Reader, spec: str) -> Iterator[Article | IngestError]:
    base = _glob_base(spec)
    files: list[Path] = []
    for m in map(Path, sorted(glob.glob(spec, recursive=True))):
        if reader.excluded(m):
            continue
        if os.path.isdir(m):
            found, errors = reader.walk(m)
            yield from errors
            files.extend(found)
        elif not is_manifest(m):
            files.append(m)
    files = list(dict.fromkeys(files))  # "**" matches folders and their files: read each once
    if not files:
        yield IngestError(shown(spec), "no input files match this pattern")
    for f in files:
        inside = f.is_relative_to(base)
        yield from reader.file(f, f.relative_to(base).as_posix() if inside else f.name, base if inside else None)
