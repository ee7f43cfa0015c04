"""Temporal expressions: `tag(text, anchor, doc)` returns TIMEX3-style `Timex` records with character
offsets into `text` (tagger.py: grammar.py + spaCy, resolved by resolve.py); `infer_published(text,
excluded)` guesses a publication date from datelines (published.py).

Both are loaded on first use, so that importing this package (the CLI does, to register `timex`) costs
nothing: `storyline --help` must not import spaCy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .published import infer_published
    from .tagger import tag

__all__ = ["tag", "infer_published"]


def __getattr__(name: str) -> Any:
    if name == "tag":
        from .tagger import tag

        return tag
    if name == "infer_published":
        from .published import infer_published

        return infer_published
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
