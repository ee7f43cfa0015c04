"""RSS, Atom and RDF feeds: one article per entry; one bad entry is reported, the others still read.

feedparser parses the whole file at once and can raise on one bad character reference (a surrogate
`&#xD800;` in a title once lost the whole feed), so references to code points that cannot be text are
replaced before parsing, and if the parse still fails each entry is parsed on its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import feedparser

from storyline.ingest.article import make_article
from storyline.ingest.dates import parse_published
from storyline.ingest.decode import decode_text, read_limited
from storyline.ingest.files import Refused, shown
from storyline.ingest.limits import Limits
from storyline.ingest.meta import feed_outlet, split_authors
from storyline.ingest.readers_html import html_fragment_text
from storyline.records import Article, IngestError

_CHARREF = re.compile(rb"&#(?:[xX]([0-9a-fA-F]{1,16})|([0-9]{1,20}));")
_ENTRY_START = re.compile(rb"<(?:[\w-]+:)?(?:item|entry)[\s>/]")
_TAGS = re.compile(r"<[^>]*>")


def looks_like_feed(head: str) -> bool:
    """RSS, Atom or RDF root element within the first few KB."""
    return bool(re.search(r"<(?:rss|feed|rdf:RDF)\b", head[:4096]))


def _fix_charrefs(data: bytes) -> bytes:
    """Numeric references to NUL, controls, surrogates or beyond U+10FFFF become U+FFFD references."""

    def fix(m: re.Match[bytes]) -> bytes:
        code = int(m.group(1), 16) if m.group(1) else int(m.group(2))
        ok = code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF
        return m.group() if ok and code not in (0xFFFE, 0xFFFF) else b"&#xFFFD;"

    return _CHARREF.sub(fix, data)


def _entries(data: bytes) -> tuple[Any, list[tuple[int, Any]]]:
    """(the feed's channel data, [(entry number, entry or the exception that parsing it raised)])."""
    try:
        parsed = feedparser.parse(data)
        return parsed.feed, list(enumerate(parsed.entries, start=1))
    except Exception:  # parse entry by entry, so that one bad entry costs only itself
        pass
    starts = [m.start() for m in _ENTRY_START.finditer(data)]
    if not starts:
        raise ValueError("feed could not be parsed")
    head, tail = data[: starts[0]], data[data.rfind(b"</") :]
    channel: Any = {}
    try:
        channel = feedparser.parse(head + tail).feed
    except Exception:
        pass
    out: list[tuple[int, Any]] = []
    for n, (a, b) in enumerate(zip(starts, [*starts[1:], len(data)], strict=True), start=1):
        try:
            entries = feedparser.parse(head + data[a:b] + tail).entries
            out.append((n, entries[0] if entries else ValueError("entry could not be parsed")))
        except Exception as exc:
            out.append((n, exc))
    return channel, out


def _entry_lines(data: bytes) -> list[int]:
    """Line number of the start of each entry, in order (for messages)."""
    return [data.count(b"\n", 0, m.start()) + 1 for m in _ENTRY_START.finditer(data)]


def read_feed(path: Path, source: str, limits: Limits) -> Iterator[Article | IngestError]:
    """Entries of an RSS/Atom file: full text from content:encoded when present, else the summary."""
    try:
        data = read_limited(path, limits.max_file_bytes)
        decode_text(data)  # same empty/binary checks as any text file
        channel, entries = _entries(_fix_charrefs(data))
    except (Refused, OSError, ValueError) as exc:
        yield IngestError(shown(path), str(exc))
        return
    if not entries:
        yield IngestError(shown(path), "feed has no entries")
        return
    lines = _entry_lines(data)
    lines = lines if len(lines) == len(entries) else []
    for number, entry in entries:
        line = lines[number - 1] if lines else None
        try:
            result = _entry_article(entry, channel, f"{source}#{number}", limits)
        except Refused as exc:
            result = str(exc)
        except Exception as exc:  # one entry's failure costs only that entry
            result = f"{type(exc).__name__}: {exc}"
        if isinstance(result, str):
            yield IngestError(shown(path), f"feed entry {number}: {result}", line)
        else:
            yield result


def _authors(entry: Any) -> list[str]:
    """dc:creator / author names; "desk@site.example (Jane Roe)" from the raw string, since feedparser
    cuts e-mail addresses with long top-level domains in the middle."""
    raw = entry.get("author")
    if isinstance(raw, str) and "@" in raw:
        return split_authors(raw)
    return split_authors(entry.get("authors") or raw)


def _entry_article(entry: Any, channel: Any, source: str, limits: Limits) -> Article | str:
    if isinstance(entry, Exception):
        return f"could not be parsed ({type(entry).__name__}: {entry})"
    contents = entry.get("content") or []
    html = contents[0].get("value", "") if contents else ""
    html = html or entry.get("summary", "") or ""
    text = html_fragment_text(html, limits)
    if not text:
        return "no text"
    published, warnings = None, []
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        if value := dict.get(entry, key):  # plain dict access: feedparser's key aliasing warns
            published, problem = parse_published(value, (limits.min_year, limits.max_year))
            if problem:
                warnings.append(f"feed date refused: {problem}")
            break
    title = entry.get("title")
    if isinstance(title, str) and "<" in title:
        title = _TAGS.sub("", title)
    return make_article(
        source,
        text,
        url=entry.get("link"),
        outlet=feed_outlet(channel.get("title"), channel.get("link"), entry.get("link")),
        title=title,
        authors=_authors(entry),
        published=published,
        published_from="feed",
        warnings=warnings,
        limits=limits,
    )
