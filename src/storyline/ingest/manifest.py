"""manifest.jsonl / manifest.csv: per-file metadata that overrides what the file itself says.

A collector knows the URL, outlet and publication day of what it saved better than any extractor,
so manifest values win (published_from="manifest").
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storyline.ingest.dates import normalize_date
from storyline.records import Article, IngestError

MANIFEST_NAMES = ("manifest.jsonl", "manifest.csv")
FIELDS = ("url", "outlet", "title", "published")


@dataclass
class Manifest:
    entries: dict[Path, dict[str, str]] = field(default_factory=dict)
    errors: list[IngestError] = field(default_factory=list)


def is_manifest(path: Path) -> bool:
    return path.name.lower() in MANIFEST_NAMES


def _add(man: Manifest, folder: Path, path: Path, row: dict[str, Any], line: int) -> None:
    name = row.get("file")
    if not isinstance(name, str) or not name.strip():
        man.errors.append(IngestError(str(path), "manifest row has no 'file'", line))
        return
    values = {k: str(row[k]).strip() for k in FIELDS if row.get(k) not in (None, "") and str(row[k]).strip()}
    man.entries[(folder / name.strip()).resolve()] = values


def load_manifest(folder: Path) -> Manifest:
    """The manifest(s) in `folder`, keyed by resolved file path; bad rows become IngestErrors."""
    man = Manifest()
    for name in MANIFEST_NAMES:
        path = folder / name
        if not path.is_file():
            continue
        try:
            raw = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            man.errors.append(IngestError(str(path), f"unreadable manifest: {exc}"))
            continue
        if name.endswith(".jsonl"):
            for lineno, line in enumerate(raw.splitlines(), start=1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as exc:
                    man.errors.append(IngestError(str(path), f"malformed manifest line: {exc.msg}", lineno))
                    continue
                if isinstance(row, dict):
                    _add(man, folder, path, row, lineno)
                else:
                    man.errors.append(IngestError(str(path), "manifest line is not a JSON object", lineno))
        else:
            reader = csv.DictReader(io.StringIO(raw))
            for row in reader:
                _add(man, folder, path, row, reader.line_num)
    return man


def apply_manifest(article: Article, values: dict[str, str]) -> None:
    """Override article metadata with manifest values; an unreadable date is a warning, not a guess."""
    for key in ("url", "outlet", "title"):
        if key in values:
            setattr(article, key, values[key])
    if "published" in values:
        day = normalize_date(values["published"])
        if day:
            article.published, article.published_from = day, "manifest"
        else:
            article.warnings.append(f"manifest date {values['published']!r} unreadable; ignored")
