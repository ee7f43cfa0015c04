"""Writing a build's output files as one set: all new or all old, never half-written, never via a symlink.

The files are first written completely into a fresh staging folder inside OUT (created by
`tempfile.mkdtemp`, so its name cannot be predicted or planted), flushed to disk, and only then renamed
over the old ones. Running out of space, a read-only folder or a file-size limit fails while writing the
staging copies, before any old output is touched; the staging folder is removed in every case. Renaming
replaces a symlink planted at an output's name instead of writing through it.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

STAGING_PREFIX = ".storyline-new-"


class OutputError(Exception):
    """The output folder cannot take the new outputs (full, read-only, not a folder)."""


def write_set(out: Path, files: dict[str, str]) -> dict[str, str]:
    """Write every `name -> text` into `out` as one set; returns name -> path."""
    _remove_leftovers(out)
    try:
        staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out))
    except OSError as exc:
        raise OutputError(f"{out}: cannot write the outputs ({_why(exc)})") from exc
    try:
        for name, content in files.items():
            with open(staging / name, "x", encoding="utf-8") as fh:
                fh.write(content)
                fh.flush()
                os.fsync(fh.fileno())
        for name in files:
            os.replace(staging / name, out / name)
    except OSError as exc:
        raise OutputError(f"{out}: cannot write the outputs ({_why(exc)}); the previous outputs are kept") from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return {name: str(out / name) for name in files}


def _remove_leftovers(out: Path) -> None:
    """Staging folders of a killed run, and the ``NAME.tmp`` files earlier versions wrote."""
    try:
        entries = list(out.iterdir())
    except OSError:
        return
    for p in entries:
        try:
            if p.name.startswith(STAGING_PREFIX) and p.is_dir() and not p.is_symlink():
                shutil.rmtree(p, ignore_errors=True)
            elif p.name in ("story.json.tmp", "brief.md.tmp", "timeline.html.tmp"):
                p.unlink()  # a symlink is removed itself, its target untouched
        except OSError:
            continue


def _why(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__
