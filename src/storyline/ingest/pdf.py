"""PDF documents as articles, with pypdf: the text of each page, and the title, author and creation day.

A PDF is recognised by its signature, whatever its name. Its creation date is the document's own
statement of when it was made, the nearest thing to a publication date it has
(published_from="pdf"). Extraction stops as soon as the text passes `Limits.max_chars`, so a long
report costs the time of the pages read, not of the whole file.
"""

from __future__ import annotations

import io
import logging
import re
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from storyline.ingest.article import make_article
from storyline.ingest.dates import parse_published
from storyline.ingest.decode import read_limited
from storyline.ingest.files import Refused, shown
from storyline.ingest.limits import Limits
from storyline.ingest.meta import split_authors
from storyline.records import Article, IngestError

# Titles that word processors write for the file, not for the document.
_FILE_TITLE = re.compile(r"^(?:microsoft \w+ - .*|.*\.(?:docx?|pdf|rtf|odt|indd|pages|txt)|untitled.*|document\d*)$", re.I)


class _PdfProblem(Exception):
    pass


def read_pdf(path: Path, source: str, limits: Limits) -> Iterator[Article | IngestError]:
    try:
        data = read_limited(path, limits.max_file_bytes)
        article = _pdf_article(data, source, limits)
    except (Refused, OSError, _PdfProblem) as exc:
        yield IngestError(shown(path), str(exc))
        return
    except Exception as exc:  # pypdf on a malformed file: any error means "cannot be read"
        yield IngestError(shown(path), f"unreadable PDF: {type(exc).__name__}: {str(exc)[:200]}")
        return
    yield article


def _pdf_article(data: bytes, source: str, limits: Limits) -> Article:
    from pypdf import PdfReader  # imported on first use: most builds have no PDF

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # malformed-file notices are not the user's business
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise _PdfProblem("encrypted PDF (it needs a password); not read")
        text = _pdf_text(reader, limits)
        meta = reader.metadata
        title, author, created = _metadata(meta)
    if not text.strip():
        raise _PdfProblem("PDF has no extractable text (scanned pages are images: OCR them first)")
    published, problem = (None, None) if created is None else parse_published(created, (limits.min_year, limits.max_year))
    return make_article(
        source,
        text,
        title=title,
        authors=split_authors(author),
        published=published,
        published_from="pdf",
        limits=limits,
        warnings=[f"PDF creation date refused: {problem}"] if problem else [],
    )


def _pdf_text(reader: Any, limits: Limits) -> str:
    pages = reader.pages
    count = len(pages)
    if count > limits.max_pdf_pages:
        raise _PdfProblem(f"PDF too long ({count:,} pages > {limits.max_pdf_pages:,} page limit); not read")
    texts: list[str] = []
    total = 0
    for number in range(count):
        page_text = (pages[number].extract_text() or "").strip()
        texts.append(page_text)
        total += len(page_text) + 2
        if total > limits.max_chars:
            raise _PdfProblem(
                f"text too long (over {limits.max_chars:,} characters by page {number + 1} of {count}); "
                "split the document or raise Limits.max_chars"
            )
    return "\n\n".join(t for t in texts if t)


def _metadata(meta: Any) -> tuple[str | None, str | None, Any]:
    """(title, author, creation datetime) from the document information, each None when unusable."""
    if meta is None:
        return None, None, None
    title = _string(lambda: meta.title)
    if title and _FILE_TITLE.match(title.strip()):
        title = None
    try:
        created = meta.creation_date
    except Exception:  # malformed "D:..." dates raise in pypdf
        created = None
    return title, _string(lambda: meta.author), created


def _string(get: Any) -> str | None:
    try:
        value = get()
    except Exception:
        return None
    return str(value) if value else None
