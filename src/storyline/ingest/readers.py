"""One reader per input format, each yielding `Article` records or `IngestError`s, never raising.

Every reader ends in `make_article`, so ids, hashes, exclusions, URL dates and language are computed
the same way whatever the format.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import feedparser
import lxml.html
import trafilatura
from trafilatura.utils import load_html
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from storyline import lexicon
from storyline.ingest.clean import find_exclusions, is_date_line, masked_text
from storyline.ingest.dates import html_metadata_date, normalize_date, url_date
from storyline.ingest.decode import DecodeError, decode_bytes, looks_binary, read_limited, too_large_message
from storyline.records import Article, IngestError

Result = Article | IngestError

# A small closed-class list (lexicon/stop_words.txt): function words are frequent in any English text,
# whatever the topic.
_EN_STOPWORDS = lexicon.words("stop_words")
_WORD = re.compile(r"[A-Za-z’']+")
_BLOCK_TAGS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figcaption", "tr", "section",
               "article", "pre", "ul", "ol", "table", "header", "footer")


def guess_language(text: str) -> str | None:
    """'en' when at least a fifth of the words are common English function words, else None.

    A cheap heuristic (no model): English prose runs at 35-50 % function words; other languages
    written in Latin script share few of these words.
    """
    words = [w.lower() for w in _WORD.findall(text[:20000])]
    if len(words) < 5:
        return None
    ratio = sum(w in _EN_STOPWORDS for w in words) / len(words)
    return "en" if ratio >= 0.2 else None


def outlet_from_url(url: str | None) -> str | None:
    """The site's host name without 'www.', a stable outlet label when the page names none."""
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


def make_article(
    source: str,
    text: str,
    *,
    url: str | None = None,
    outlet: str | None = None,
    title: str | None = None,
    published: str | None = None,
    published_from: str | None = None,
) -> Article:
    """Build an Article with its deterministic id, hash, exclusions, language and URL date fallback."""
    content_hash = hashlib.sha256(text.encode("utf-8")).hexdigest()
    art_id = hashlib.sha256(f"{source}\n{content_hash}".encode()).hexdigest()[:16]
    article = Article(
        id=art_id,
        source=source,
        text=text,
        url=url or None,
        outlet=outlet or outlet_from_url(url),
        title=title or None,
        published=published,
        published_from=published_from if published else None,
        content_hash=content_hash,
    )
    article.excluded = find_exclusions(text)
    fill_url_date(article)
    article.language = guess_language(masked_text(article))
    return article


def fill_url_date(article: Article) -> None:
    """Use the URL's date path when nothing better is known; never a date from the text."""
    if article.published is None:
        found = url_date(article.url)
        if found:
            article.published, article.published_from = found, "url"


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


def read_text(path: Path, source: str, max_bytes: int) -> Iterator[Result]:
    try:
        text = decode_bytes(read_limited(path, max_bytes))
    except (DecodeError, OSError) as exc:
        yield IngestError(str(path), str(exc))
        return
    article = make_article(source, text)
    article.title = text_title(text, article)
    yield article


# --- HTML --------------------------------------------------------------------------------------


def html_to_article(html: str, source: str, url: str | None = None) -> Article | None:
    """Main text, title, site name and stated publication date of an HTML page; None if no text."""
    doc = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        favor_recall=True,
        include_comments=False,
        include_images=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = (getattr(doc, "text", None) or "").strip()
    if not text:
        # trafilatura gives up on tiny or broken pages; its baseline keeps whatever paragraphs exist.
        try:
            text = trafilatura.baseline(html)[1].strip()
        except Exception:
            text = ""
    if not text:
        return None
    tree = load_html(html)
    published = html_metadata_date(tree) if tree is not None else None
    url = url or getattr(doc, "url", None)
    return make_article(
        source,
        text,
        url=url,
        outlet=getattr(doc, "sitename", None),
        title=getattr(doc, "title", None),
        published=published,
        published_from="html",
    )


def read_html(path: Path, source: str, max_bytes: int) -> Iterator[Result]:
    try:
        html = decode_bytes(read_limited(path, max_bytes), html=True)
    except (DecodeError, OSError) as exc:
        yield IngestError(str(path), str(exc))
        return
    article = html_to_article(html, source)
    if article is None:
        yield IngestError(str(path), "no article text found in HTML (empty or truncated page)")
    else:
        yield article


def html_fragment_text(fragment: str) -> str:
    """Readable text of an HTML fragment (feed content): one paragraph per block, blank line between."""
    if "<" not in fragment:
        return fragment.strip()
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:
        return re.sub(r"<[^>]+>", " ", fragment).strip()
    for bad in root.xpath(".//script|.//style|.//noscript"):
        bad.drop_tree()
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for el in root.iter(*_BLOCK_TAGS):
        el.tail = "\n\n" + (el.tail or "")
    raw = root.text_content()
    lines = [re.sub(r"[ \t\r\f\v\u00a0]+", " ", ln).strip() for ln in raw.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


# --- JSON lines --------------------------------------------------------------------------------


def _record_article(obj: dict[str, Any], source: str) -> Article | str:
    """An Article from a JSON object with `text` or `html` (+ url, outlet, title, published), or a problem."""
    url = obj.get("url") if isinstance(obj.get("url"), str) else None
    if isinstance(obj.get("text"), str) and obj["text"].strip():
        article = make_article(source, obj["text"], url=url)
    elif isinstance(obj.get("html"), str) and obj["html"].strip():
        found = html_to_article(obj["html"], source, url=url)
        if found is None:
            return "no article text found in the 'html' field"
        article = found
    else:
        return "record has no non-empty 'text' or 'html' field"
    for key in ("outlet", "title"):
        if isinstance(obj.get(key), str) and obj[key].strip():
            setattr(article, key, obj[key].strip())
    if obj.get("published"):
        day = normalize_date(obj["published"])
        if day:
            article.published, article.published_from = day, "manifest"
        else:
            article.warnings.append(f"unreadable published date {obj['published']!r} ignored")
    return article


def read_jsonl(path: Path, source: str, max_bytes: int) -> Iterator[Result]:
    """One article per line; a bad line is reported with its number and the other lines still read."""
    try:
        fh = path.open("rb")
    except OSError as exc:
        yield IngestError(str(path), str(exc))
        return
    with fh:
        for lineno, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            if len(raw) > max_bytes:
                yield IngestError(str(path), "line " + too_large_message(len(raw), max_bytes), lineno)
                continue
            try:
                obj = json.loads(raw.decode("utf-8-sig"))
            except UnicodeDecodeError:
                yield IngestError(str(path), "line is not valid UTF-8", lineno)
                continue
            except json.JSONDecodeError as exc:
                yield IngestError(str(path), f"malformed JSON: {exc.msg} (column {exc.colno})", lineno)
                continue
            if not isinstance(obj, dict):
                yield IngestError(str(path), "line is not a JSON object", lineno)
                continue
            result = _record_article(obj, f"{source}#{lineno}")
            if isinstance(result, str):
                yield IngestError(str(path), result, lineno)
            else:
                yield result


# --- WARC --------------------------------------------------------------------------------------


def _gzip_complete(path: Path) -> str | None:
    """None when every gzip member of `path` ends properly, else the problem (a truncated download)."""
    try:
        with gzip.open(path, "rb") as gz:
            while gz.read(1 << 20):
                pass
    except (EOFError, OSError, zlib.error) as exc:
        return str(exc) or type(exc).__name__
    return None


def _http_charset(content_type: str | None) -> str | None:
    m = re.search(r"charset=([\w.:-]+)", content_type or "", re.I)
    return m.group(1) if m else None


def read_warc(path: Path, source: str, max_bytes: int) -> Iterator[Result]:
    """HTML response records of a WARC (CC-News style); a broken archive keeps the records before it."""
    count = 0
    try:
        fh = path.open("rb")
    except OSError as exc:
        yield IngestError(str(path), str(exc))
        return
    with fh:
        try:
            for number, record in enumerate(ArchiveIterator(fh), start=1):
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                ctype = record.http_headers.get_header("Content-Type") or ""
                if "html" not in ctype.lower():
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                body = record.content_stream().read(max_bytes + 1)
                rec_source = f"{source}#{number}"
                if len(body) > max_bytes:
                    yield IngestError(str(path), f"record {number}: " + too_large_message(len(body), max_bytes))
                    continue
                if getattr(record.raw_stream, "limit", 0) > 0:  # the archive ends inside this record
                    yield IngestError(
                        str(path), f"truncated WARC: record {number} is cut short (kept {count} articles before it)"
                    )
                    return
                html = _decode_http_body(body, _http_charset(ctype))
                if html is None:
                    yield IngestError(str(path), f"record {number}: not decodable as text ({url})")
                    continue
                article = html_to_article(html, rec_source, url=url)
                if article is None:
                    yield IngestError(str(path), f"record {number}: no article text found ({url})")
                    continue
                count += 1
                yield article
        except (ArchiveLoadFailed, EOFError, OSError, zlib.error, ValueError) as exc:
            yield IngestError(str(path), f"truncated or corrupt WARC after {count} articles: {exc}")
            return
    if path.name.endswith(".gz"):
        problem = _gzip_complete(path)
        if problem:
            yield IngestError(str(path), f"truncated or corrupt WARC after {count} articles: {problem}")


def _decode_http_body(body: bytes, charset: str | None) -> str | None:
    if charset:
        try:
            return body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return decode_bytes(body, html=True)
    except DecodeError:
        return None


# --- RSS / Atom --------------------------------------------------------------------------------


def looks_like_feed(head: str) -> bool:
    """RSS, Atom or RDF root element within the first few KB."""
    return bool(re.search(r"<(?:rss|feed|rdf:RDF)\b", head[:4096]))


def read_feed(path: Path, source: str, max_bytes: int) -> Iterator[Result]:
    """Entries of an RSS/Atom file: full text from content:encoded when present, else the summary."""
    try:
        data = read_limited(path, max_bytes)
        decode_bytes(data)  # same empty/binary checks as any text file
    except (DecodeError, OSError) as exc:
        yield IngestError(str(path), str(exc))
        return
    parsed = feedparser.parse(data)
    if not parsed.entries:
        why = f": {parsed.bozo_exception}" if parsed.get("bozo") else ""
        yield IngestError(str(path), f"feed has no entries{why}")
        return
    outlet = parsed.feed.get("title") or None
    for number, entry in enumerate(parsed.entries, start=1):
        contents = entry.get("content") or []
        html = contents[0].get("value", "") if contents else ""
        html = html or entry.get("summary", "") or ""
        text = html_fragment_text(html)
        if not text:
            yield IngestError(str(path), f"feed entry {number} has no text")
            continue
        published = None
        for key in ("published_parsed", "updated_parsed", "created_parsed"):
            if entry.get(key):
                published = normalize_date(entry[key])
                break
        yield make_article(
            f"{source}#{number}",
            text,
            url=entry.get("link"),
            outlet=outlet,
            title=entry.get("title"),
            published=published,
            published_from="feed",
        )


# --- dispatch ----------------------------------------------------------------------------------

TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
WARC_SUFFIXES = (".warc", ".warc.gz")
FEED_SUFFIXES = (".xml", ".rss", ".atom", ".rdf")
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES + WARC_SUFFIXES + FEED_SUFFIXES


def is_supported(path: Path) -> bool:
    return path.name.lower().endswith(SUPPORTED_SUFFIXES)


def read_file(path: Path, source: str, max_bytes: int) -> Iterator[Result]:
    """Dispatch on the file name; XML and unknown names are recognised by their content."""
    name = path.name.lower()
    if name.endswith(WARC_SUFFIXES):
        yield from read_warc(path, source, max_bytes)
    elif name.endswith(JSONL_SUFFIXES):
        yield from read_jsonl(path, source, max_bytes)
    elif name.endswith(HTML_SUFFIXES):
        yield from read_html(path, source, max_bytes)
    elif name.endswith(TEXT_SUFFIXES):
        yield from read_text(path, source, max_bytes)
    else:
        yield from _read_sniffed(path, source, max_bytes, xml=name.endswith(FEED_SUFFIXES))


def _read_sniffed(path: Path, source: str, max_bytes: int, xml: bool) -> Iterator[Result]:
    try:
        data = read_limited(path, max_bytes)
    except (DecodeError, OSError) as exc:
        yield IngestError(str(path), str(exc))
        return
    if data[:2] == b"\x1f\x8b" or looks_binary(data):
        yield IngestError(str(path), "binary file")
        return
    if data.lstrip().startswith(b"WARC/"):
        yield from read_warc(path, source, max_bytes)
        return
    head = data[:4096].decode("utf-8", errors="replace")
    if looks_like_feed(head):
        yield from read_feed(path, source, max_bytes)
    elif re.search(r"<(?:!doctype html|html|body|p|article|div)\b", head, re.I):
        yield from read_html(path, source, max_bytes)
    elif xml:
        yield IngestError(str(path), "unsupported XML: not an RSS or Atom feed")
    else:
        yield from read_text(path, source, max_bytes)
