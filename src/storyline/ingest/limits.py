"""The size limits of reading, in one place, so that time and memory per input stay bounded.

Each limit names what it protects against; README and docs/reliability.md quote these values.
Measured on a 2-core machine: trafilatura's extraction time grows faster than linearly with the
markup of one page (a 19 MB page ran 11 minutes, 1 MB of markup takes 3 to 25 s), and the analysis
of one article grows with its length (200,000 words took 7 minutes and 4 GB).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

_MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Limits of one `read_inputs` call; an input over a limit is refused with a message naming it."""

    # A file read whole (text, HTML, feed, PDF): refused from its size, before any byte is read.
    max_file_bytes: int = 20 * _MB
    # One JSONL line or one WARC record body (WARC and JSONL files themselves are streamed).
    max_record_bytes: int = 20 * _MB
    # Markup of one page handed to trafilatura, counted after scripts, styles and comments are dropped.
    max_html_bytes: int = 1 * _MB
    # One article's text (about 16,000 words; long-form news runs 2,000 to 10,000 words).
    max_chars: int = 100_000
    # Metadata fields: longer values are cut at this many characters, with a warning.
    max_title_chars: int = 500
    max_name_chars: int = 200  # outlet, each author
    max_url_chars: int = 2048
    max_authors: int = 20
    # PDF pages read; text extraction stops earlier once max_chars is passed.
    max_pdf_pages: int = 500
    # Publication years accepted from any metadata (CMS placeholders 0001-01-01 and 9999-12-31 are not).
    min_year: int = 1900
    max_year: int = 2100

    def with_overrides(self, max_bytes: int | None = None, max_chars: int | None = None) -> Limits:
        """The same limits with the two historical keyword arguments of `read_inputs` applied."""
        out = self
        if max_bytes is not None:
            out = replace(out, max_file_bytes=max_bytes, max_record_bytes=max_bytes)
        if max_chars is not None:
            out = replace(out, max_chars=max_chars)
        return out


DEFAULT_LIMITS = Limits()


def size_text(n: int) -> str:
    """A byte count for messages: "1.5 MB", "20 MB", "488 KB"."""
    if n >= _MB:
        return f"{n // _MB} MB" if n % _MB == 0 else f"{n / _MB:.1f} MB"
    return f"{max(1, round(n / 1024))} KB"
