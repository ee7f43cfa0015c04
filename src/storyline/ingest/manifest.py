"""manifest.jsonl / manifest.csv: per-file metadata that overrides what the file itself says.

A collector knows the URL, outlet and publication day of what it saved better than any extractor,
so manifest values win (published_from="manifest"). A row is checked when the manifest is read:
a row without a file, a file that does not exist, or a date that is not an absolute day
("yesterday", 0001-01-01) is an `IngestError` naming the manifest and its line; the rest of the
row still applies, and the article says which row's date was refused.
"""

from __future__ import annotations

import csv
import io
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storyline.ingest.dates import parse_published
from storyline.ingest.files import Refused, open_regular, real, shown
from storyline.ingest.limits import DEFAULT_LIMITS, Limits
from storyline.records import Article, IngestError

MANIFEST_NAMES = ("manifest.jsonl", "manifest.csv")
FIELDS = ("url", "outlet", "title", "published", "author")
_MAX_MANIFEST_BYTES = 64 * 1024 * 1024


@dataclass
class Row:
    """One manifest row: its values, and where it was written (for messages)."""

    values: dict[str, str]
    where: str
    notes: list[str] = field(default_factory=list)  # warnings for the article it describes


@dataclass
class Manifest:
    entries: dict[str, Row] = field(default_factory=dict)  # keyed by the file's resolved path
    errors: list[IngestError] = field(default_factory=list)


def is_manifest(path: Path) -> bool:
    return path.name.lower() in MANIFEST_NAMES


def _add(man: Manifest, folder: Path, path: Path, row: dict[str, Any], line: int, limits: Limits) -> None:
    name = row.get("file")
    if not isinstance(name, str) or not name.strip():
        man.errors.append(IngestError(shown(path), "manifest row has no 'file'", line))
        return
    target = folder / name.strip()
    if not os.path.lexists(target):
        man.errors.append(IngestError(shown(path), f"manifest row names {shown(name.strip())!r}, which does not exist", line))
        return
    values = {k: str(row[k]).strip() for k in FIELDS if row.get(k) not in (None, "") and str(row[k]).strip()}
    entry = Row(values, f"{path.name} line {line}")
    if "published" in values:
        _, problem = parse_published(values["published"], (limits.min_year, limits.max_year))
        if problem:
            del values["published"]
            man.errors.append(IngestError(shown(path), f"published refused, {problem}; the file is read without it", line))
            entry.notes.append(f"manifest date refused ({entry.where}: {problem})")
    man.entries[real(target)] = entry


def load_manifest(folder: Path, limits: Limits = DEFAULT_LIMITS) -> Manifest:
    """The manifest(s) in `folder`, keyed by resolved file path; bad rows become IngestErrors."""
    man = Manifest()
    for name in MANIFEST_NAMES:
        path = folder / name
        if not os.path.lexists(path):
            continue
        try:
            with open_regular(path) as fh:
                raw = fh.read(_MAX_MANIFEST_BYTES + 1).decode("utf-8-sig")
        except (OSError, UnicodeDecodeError, Refused) as exc:
            man.errors.append(IngestError(shown(path), f"unreadable manifest: {exc}"))
            continue
        if len(raw) > _MAX_MANIFEST_BYTES:
            man.errors.append(IngestError(shown(path), "manifest too large (over 64 MB); not read"))
            continue
        if name.endswith(".jsonl"):
            _load_jsonl(man, folder, path, raw, limits)
        else:
            _load_csv(man, folder, path, raw, limits)
    return man


def _load_jsonl(man: Manifest, folder: Path, path: Path, raw: str, limits: Limits) -> None:
    for lineno, line in enumerate(raw.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except (ValueError, RecursionError) as exc:
            man.errors.append(IngestError(shown(path), f"malformed manifest line: {getattr(exc, 'msg', exc)}", lineno))
            continue
        if isinstance(row, dict):
            _add(man, folder, path, row, lineno, limits)
        else:
            man.errors.append(IngestError(shown(path), "manifest line is not a JSON object", lineno))


def _load_csv(man: Manifest, folder: Path, path: Path, raw: str, limits: Limits) -> None:
    try:
        reader = csv.DictReader(io.StringIO(raw, newline=""))
        for row in reader:
            _add(man, folder, path, {k: v for k, v in row.items() if isinstance(k, str)}, reader.line_num, limits)
    except csv.Error as exc:
        man.errors.append(IngestError(shown(path), f"malformed manifest: {exc}"))


def apply_manifest(article: Article, row: Row) -> None:
    """Override article metadata with the row's values (the date was checked when the row was read)."""
    values = row.values
    for key in ("url", "outlet", "title"):
        if key in values:
            setattr(article, key, values[key])
    if "author" in values:
        article.authors = [values["author"]]
    if "published" in values:
        day, problem = parse_published(values["published"])
        if day:
            article.published, article.published_from = day, "manifest"
        else:
            article.warnings.append(f"manifest date refused ({row.where}: {problem})")
    article.warnings.extend(row.notes)
