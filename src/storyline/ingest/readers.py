"""Which reader reads a file: its signature first (a PNG named .txt is a PNG), then its name.

One reader per format, each yielding `Article` records or `IngestError`s, never raising: plain text
here, HTML in `readers_html`, feeds in `readers_feed`, JSON lines and WARC in `readers_records`, PDF
in `pdf`. Every reader ends in `article.make_article`, so ids, hashes, exclusions, URL dates and
language are computed the same way whatever the format.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from storyline.ingest.article import make_article
from storyline.ingest.clean import is_date_line
from storyline.ingest.decode import decode_text, read_limited
from storyline.ingest.files import Refused, open_regular, shown
from storyline.ingest.limits import Limits
from storyline.ingest.sniff import HEAD_BYTES, describe_zip, sniff
from storyline.records import Article, IngestError

Result = Article | IngestError

TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
WARC_SUFFIXES = (".warc", ".warc.gz")
FEED_SUFFIXES = (".xml", ".rss", ".atom", ".rdf")
PDF_SUFFIXES = (".pdf",)
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES + WARC_SUFFIXES + FEED_SUFFIXES + PDF_SUFFIXES
_HTML_START = re.compile(r"<(?:!doctype html|html|body|p|article|div)\b", re.I)


# The format readers import their libraries (trafilatura, feedparser, warcio, pypdf) only when a file of
# their format is read: a plain-text corpus, or a rebuild with nothing new, never pays for them.
def read_pdf(path: Path, source: str, limits: Limits) -> Iterator[Result]:
    from storyline.ingest.pdf import read_pdf as read

    yield from read(path, source, limits)


def read_warc(path: Path, source: str, limits: Limits) -> Iterator[Result]:
    from storyline.ingest.readers_records import read_warc as read

    yield from read(path, source, limits)


def read_jsonl(path: Path, source: str, limits: Limits) -> Iterator[Result]:
    from storyline.ingest.readers_records import read_jsonl as read

    yield from read(path, source, limits)


def read_html(path: Path, source: str, limits: Limits) -> Iterator[Result]:
    from storyline.ingest.readers_html import read_html as read

    yield from read(path, source, limits)


def read_feed(path: Path, source: str, limits: Limits) -> Iterator[Result]:
    from storyline.ingest.readers_feed import read_feed as read

    yield from read(path, source, limits)


def looks_like_feed(head: str) -> bool:
    from storyline.ingest.readers_feed import looks_like_feed as looks

    return looks(head)


def is_supported(path: Path) -> bool:
    return path.name.lower().endswith(SUPPORTED_SUFFIXES)


# --- plain text --------------------------------------------------------------------------------


def text_title(text: str, article: Article) -> str | None:
    """The first line when it reads like a headline: short, no final period, not a bullet or a date."""
    lines = text.split("\n")
    offset = 0
    for k, raw in enumerate(lines):
        line = raw.strip()
        if line:
            start = offset + len(raw) - len(raw.lstrip())
            if any(e.start <= start < e.end for e in article.excluded):
                return None
            rest = "\n".join(lines[k + 1 :]).strip()
            if (
                rest
                and len(line) <= 200
                and len(line.split()) <= 25
                and not re.search(r"[.;:,]$", line)
                and not re.match(r"[-–—•*·]\s", line)
                and not is_date_line(line)
            ):
                return line
            return None
        offset += len(raw) + 1
    return None


def read_text(path: Path, source: str, limits: Limits) -> Iterator[Result]:
    try:
        decoded = decode_text(read_limited(path, limits.max_file_bytes))
        article = make_article(source, decoded.text, warnings=decoded.warnings, limits=limits)
    except (Refused, OSError) as exc:
        yield IngestError(shown(path), str(exc))
        return
    article.title = text_title(article.text, article)
    yield article


# --- dispatch ----------------------------------------------------------------------------------


def _head(path: Path) -> bytes:
    with open_regular(path) as fh:
        return fh.read(HEAD_BYTES)


def read_file(path: Path, source: str, limits: Limits) -> Iterator[Result]:
    """Dispatch on the signature, then the name; XML and unknown names are recognised by their content."""
    try:
        head = _head(path)
    except (Refused, OSError) as exc:
        yield IngestError(shown(path), str(exc))
        return
    if not head.strip() and len(head) < HEAD_BYTES:
        yield IngestError(shown(path), "empty file")
        return
    kind = sniff(head)
    name = path.name.lower()
    if kind.kind == "pdf":
        yield from read_pdf(path, source, limits)
    elif kind.kind == "warc":
        yield from read_warc(path, source, limits)
    elif kind.kind != "text":
        yield IngestError(shown(path), f"binary file ({_label(path, kind.kind, kind.label)}, detected from its content); not read")
    elif name.endswith(WARC_SUFFIXES):
        yield IngestError(shown(path), "not a WARC archive (no WARC/ record header at its start); not read")
    elif name.endswith(PDF_SUFFIXES):
        yield IngestError(shown(path), "not a PDF (no %PDF- signature at its start); not read")
    elif name.endswith(JSONL_SUFFIXES):
        yield from read_jsonl(path, source, limits)
    elif name.endswith(HTML_SUFFIXES):
        yield from read_html(path, source, limits)
    elif name.endswith(TEXT_SUFFIXES):
        yield from read_text(path, source, limits)
    else:
        yield from _read_sniffed(path, head, source, limits, xml=name.endswith(FEED_SUFFIXES))


def _label(path: Path, kind: str, label: str) -> str:
    if kind != "zip":
        return label
    try:
        with open_regular(path) as fh:
            return describe_zip(fh)
    except (Refused, OSError):
        return label


def _read_sniffed(path: Path, head: bytes, source: str, limits: Limits, xml: bool) -> Iterator[Result]:
    text_head = head.decode("utf-8", errors="replace")
    if looks_like_feed(text_head):
        yield from read_feed(path, source, limits)
    elif _HTML_START.search(text_head):
        yield from read_html(path, source, limits)
    elif xml:
        yield IngestError(shown(path), "unsupported XML: not an RSS or Atom feed")
    else:
        yield from read_text(path, source, limits)
