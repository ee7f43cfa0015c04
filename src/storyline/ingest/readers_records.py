"""Container files that hold many articles: JSON lines and WARC archives, read record by record.

Each record is read with bounded memory (`Limits.max_record_bytes`: a longer JSONL line is skipped
without being held whole) and processed on its own: a record that fails is an `IngestError` with
its line or record number (`IngestError.line`), and the records after it are still read.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import logging
import re
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from storyline.ingest.article import clean_again, make_article
from storyline.ingest.dates import parse_published
from storyline.ingest.decode import decode_text, too_large_message
from storyline.ingest.files import Refused, open_regular, shown
from storyline.ingest.limits import Limits
from storyline.ingest.meta import split_authors
from storyline.ingest.readers_html import html_to_article
from storyline.records import Article, IngestError

Result = Article | IngestError
# warcio logs each oddity of a malformed archive ("Replacing spaces in invalid WARC-Target-URI") as a
# warning, which Python prints on stderr when nothing else handles it; the archive's real problems
# are reported as IngestErrors.
logging.getLogger("warcio").setLevel(logging.ERROR)


# --- JSON lines --------------------------------------------------------------------------------


def _lines(fh: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None, int]]:
    """(line number, the line or None when longer than `limit`, its length); never holds more than `limit`."""
    lineno = 0
    while raw := fh.readline(limit + 1):
        lineno += 1
        if len(raw) > limit and not raw.endswith(b"\n"):
            size, raw = len(raw), b""  # skip the rest in small reads, holding none of it
            while more := fh.readline(1 << 16):
                size += len(more)
                if more.endswith(b"\n"):
                    break
            yield lineno, None, size
        else:
            yield lineno, raw, len(raw)


def _text_field(obj: dict[str, Any], key: str) -> str | None:
    value = obj.get(key)
    return value if isinstance(value, str) and value.strip() else None


def _record_article(obj: dict[str, Any], source: str, limits: Limits) -> Article | str:
    """An Article from a JSON object with `text` or `html` (+ url, outlet, title, author, published)."""
    url = _text_field(obj, "url")
    text, html = _text_field(obj, "text"), _text_field(obj, "html")
    if text:
        article = make_article(source, text, url=url, limits=limits)
    elif html:
        found = html_to_article(html, source, limits, url=url)
        if isinstance(found, str):
            return f"'html' field: {found}"
        article = found
    else:
        return "record has no non-empty 'text' or 'html' field"
    for key in ("outlet", "title"):
        if _text_field(obj, key):
            setattr(article, key, obj[key].strip())
    authors = split_authors(obj.get("authors", obj.get("author")))
    if authors:
        article.authors = authors
        clean_again(article)
    if obj.get("published"):
        day, problem = parse_published(obj["published"], (limits.min_year, limits.max_year))
        if day:
            article.published, article.published_from = day, "manifest"
        else:
            article.warnings.append(f"published refused: {problem}")
    return article


def _parse_line(raw: bytes, lineno: int) -> tuple[dict[str, Any] | str, list[str]]:
    """(the JSON object or the problem, warnings)."""
    text = raw.decode("utf-8-sig" if lineno == 1 else "utf-8", errors="replace")
    bad = text.count("\ufffd") - raw.count(b"\xef\xbf\xbd")
    warnings = [f"line {lineno}: {bad} invalid UTF-8 byte sequence(s) replaced with U+FFFD"] if bad else []
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        return f"malformed JSON: {exc.msg} (column {exc.colno})", warnings
    except (ValueError, RecursionError) as exc:  # 5,000-digit numbers, nesting deeper than Python's stack
        return f"malformed JSON: {type(exc).__name__}: {str(exc)[:120]}", warnings
    if not isinstance(obj, dict):
        return "line is not a JSON object", warnings
    return obj, warnings


def read_jsonl(path: Path, source: str, limits: Limits) -> Iterator[Result]:
    """One article per line; a bad line is reported with its number and the other lines still read."""
    try:
        fh = open_regular(path)
    except (Refused, OSError) as exc:
        yield IngestError(shown(path), str(exc))
        return
    with fh:
        for lineno, raw, size in _lines(fh, limits.max_record_bytes):
            if raw is None:
                yield IngestError(shown(path), "line " + too_large_message(size, limits.max_record_bytes), lineno)
                continue
            if not raw.strip():
                continue
            try:
                obj, warnings = _parse_line(raw, lineno)
                result = obj if isinstance(obj, str) else _record_article(obj, f"{source}#{lineno}", limits)
            except Refused as exc:  # text too long
                result = str(exc)
            except Exception as exc:  # one record's failure costs only that record
                result = f"could not read: {type(exc).__name__}: {exc}"
            if isinstance(result, str):
                yield IngestError(shown(path), result, lineno)
            else:
                result.warnings[:0] = warnings
                yield result


# --- WARC --------------------------------------------------------------------------------------


def _gzip_complete(path: Path) -> str | None:
    """None when every gzip member of `path` ends properly, else the problem (a truncated download)."""
    try:
        with open_regular(path) as raw, gzip.open(raw, "rb") as gz:
            while gz.read(1 << 20):
                pass
    except (EOFError, OSError, zlib.error, Refused) as exc:
        return str(exc) or type(exc).__name__
    return None


def _http_charset(content_type: str | None) -> str | None:
    m = re.search(r"charset=([\w.:-]+)", content_type or "", re.I)
    return m.group(1) if m else None


def _warc_record(record: Any, number: int, source: str, limits: Limits) -> Article | str | None:
    """The article of one response record; None for records that are not HTML pages."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    ctype = record.http_headers.get_header("Content-Type") or ""
    if "html" not in ctype.lower():
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    body = record.content_stream().read(limits.max_record_bytes + 1)
    if len(body) > limits.max_record_bytes:
        return "record " + too_large_message(len(body), limits.max_record_bytes)
    try:
        decoded = decode_text(body, html=True, declared=_http_charset(ctype))
    except Refused as exc:
        return f"not decodable as text ({exc}; {url})"
    article = html_to_article(decoded.text, f"{source}#{number}", limits, url=url)
    if isinstance(article, str):
        return f"{article} ({url})"
    article.warnings[:0] = decoded.warnings
    return article


def read_warc(path: Path, source: str, limits: Limits) -> Iterator[Result]:
    """HTML response records of a WARC (CC-News style); a broken archive keeps the records before it."""
    count = 0
    try:
        fh = open_regular(path)
    except (Refused, OSError) as exc:
        yield IngestError(shown(path), str(exc))
        return
    with fh:
        try:
            archive = ArchiveIterator(fh)
            for number, record, malformed in _records(archive):
                if malformed:
                    yield IngestError(
                        shown(path), f"malformed WARC: record {number - 1} is not followed by a blank line (its "
                        "Content-Length may be wrong, and its text cut short)", number - 1
                    )
                if record is None:
                    break
                try:
                    result = _warc_record(record, number, source, limits)
                except (ArchiveLoadFailed, EOFError, OSError, zlib.error):
                    raise
                except Refused as exc:  # text too long
                    result = str(exc)
                except Exception as exc:  # one record's failure costs only that record
                    result = f"could not read: {type(exc).__name__}: {exc}"
                if result is not None and getattr(record.raw_stream, "limit", 0) > 0:  # the archive ends inside it
                    yield IngestError(
                        shown(path), f"truncated WARC: record {number} is cut short (kept {count} articles before it)"
                    )
                    return
                if isinstance(result, str):
                    yield IngestError(shown(path), f"record {number}: {result}", number)
                elif result is not None:
                    count += 1
                    yield result
        except (ArchiveLoadFailed, EOFError, OSError, zlib.error, ValueError) as exc:
            yield IngestError(shown(path), f"truncated or corrupt WARC after {count} articles: {exc}")
            return
    if path.name.lower().endswith(".gz") or _is_gzip(path):
        problem = _gzip_complete(path)
        if problem:
            yield IngestError(shown(path), f"truncated or corrupt WARC after {count} articles: {problem}")


def _records(archive: ArchiveIterator) -> Iterator[tuple[int, Any, bool]]:
    """(number, record, whether warcio found the record before it malformed), and (n, None, True) at
    the end when the last record was; warcio prints those findings on stderr, where a build must not."""
    records = iter(archive)
    seen = 0
    number = 0
    while True:
        with contextlib.redirect_stderr(io.StringIO()):
            record = next(records, None)
        number += 1
        errors = getattr(archive, "err_count", 0)
        if record is None:
            if errors > seen:
                yield number, None, True
            return
        yield number, record, errors > seen
        seen = errors


def _is_gzip(path: Path) -> bool:
    try:
        with open_regular(path) as fh:
            return fh.read(2) == b"\x1f\x8b"
    except (Refused, OSError):
        return False
