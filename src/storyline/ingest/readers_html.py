"""HTML pages (files, JSONL `html` fields, WARC records) and feed fragments to article text.

trafilatura finds the main text; its time grows faster than linearly with the markup of one page,
so the markup it gets is bounded (`Limits.max_html_bytes`, counted after scripts, styles, inline
SVG and comments are dropped: they are most of a modern page and never article text; JSON-LD
scripts stay, they hold the publisher, authors and dates).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import lxml.html
import trafilatura
from trafilatura.utils import load_html

from storyline.ingest.article import make_article
from storyline.ingest.dates import html_metadata_date
from storyline.ingest.decode import DecodeError, decode_text, read_limited
from storyline.ingest.files import Refused, shown
from storyline.ingest.limits import Limits, size_text
from storyline.ingest.meta import host_of, site_from_title, split_authors
from storyline.records import Article, IngestError

_BLOCK_TAGS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figcaption", "tr", "section",
               "article", "pre", "ul", "ol", "table", "header", "footer")
_DROPPED = ("script", "style", "svg", "template")
_HEAVY_OPEN = re.compile(r"<(" + "|".join(_DROPPED) + r")(?=[\s>/])|<!--", re.I)
_HEAVY_CLOSE = {tag: re.compile(rf"</{tag}\s*>", re.I) for tag in _DROPPED}
_LD_JSON = re.compile(r"""type\s*=\s*["']?application/ld\+json""", re.I)


def strip_heavy_markup(html: str) -> str:
    """The page without scripts (but JSON-LD), styles, inline SVG, templates and comments; linear time."""
    out: list[str] = []
    pos = 0
    while (m := _HEAVY_OPEN.search(html, pos)) is not None:
        out.append(html[pos : m.start()])
        if m.group(1) is None:  # a comment
            end = html.find("-->", m.end())
            pos = len(html) if end < 0 else end + 3
            continue
        tag = m.group(1).lower()
        open_end = html.find(">", m.end())
        if open_end < 0:
            return "".join(out)
        close = _HEAVY_CLOSE[tag].search(html, open_end)
        end = len(html) if close is None else close.end()
        if tag == "script" and _LD_JSON.search(html, m.start(), open_end):
            out.append(html[m.start() : end])
        pos = end
    out.append(html[pos:])
    return "".join(out)


def _too_large(markup: str, limits: Limits) -> str | None:
    size = len(markup.encode("utf-8", "surrogatepass"))
    if size <= limits.max_html_bytes:
        return None
    return (
        f"HTML too large to extract ({size_text(size)} of markup without scripts and styles > "
        f"{size_text(limits.max_html_bytes)} limit)"
    )


def _headline(tree: lxml.html.HtmlElement | None) -> tuple[str | None, str | None]:
    """(the <title> text, the headline stated apart from it: og:title or the first h1)."""
    if tree is None:
        return None, None
    title = tree.findtext(".//title")
    og = tree.xpath("string(//meta[@property='og:title']/@content)")
    h1 = tree.xpath("string((//h1)[1])")
    headline = (og or h1 or "").strip() or None
    return (title or "").strip() or None, headline


def html_to_article(html: str, source: str, limits: Limits, url: str | None = None) -> Article | str:
    """Main text, title, site name, authors and stated publication date of a page; else the problem."""
    markup = strip_heavy_markup(html)
    problem = _too_large(markup, limits)
    if problem:
        return problem
    doc = trafilatura.bare_extraction(
        markup,
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
            text = trafilatura.baseline(markup)[1].strip()
        except Exception:
            text = ""
    if not text:
        return "no article text found in HTML (empty or truncated page)"
    tree = load_html(markup)
    published = html_metadata_date(tree) if tree is not None else None
    url = url or getattr(doc, "url", None)
    title = getattr(doc, "title", None)
    outlet = getattr(doc, "sitename", None)
    if not outlet:
        # Evidence is the headline stated apart from <title> (og:title, h1): trafilatura's title is
        # itself cut from <title> ("Biden - Trump debate ..." gives "Biden").
        raw_title, headline = _headline(tree)
        outlet, clean_title = site_from_title(raw_title, headline, host_of(url))
        title = clean_title if outlet else title
    return make_article(
        source,
        text,
        url=url,
        outlet=outlet,
        title=title,
        authors=split_authors(getattr(doc, "author", None)),
        published=published,
        published_from="html",
        limits=limits,
    )


def read_html(path: Path, source: str, limits: Limits) -> Iterator[Article | IngestError]:
    try:
        decoded = decode_text(read_limited(path, limits.max_file_bytes), html=True)
        article = html_to_article(decoded.text, source, limits)
    except (Refused, OSError) as exc:
        yield IngestError(shown(path), str(exc))
        return
    if isinstance(article, str):
        yield IngestError(shown(path), article)
    else:
        article.warnings[:0] = decoded.warnings
        yield article


def html_fragment_text(fragment: str, limits: Limits) -> str:
    """Readable text of an HTML fragment (feed content): one paragraph per block, blank line between."""
    if "<" not in fragment:
        return fragment.strip()
    markup = strip_heavy_markup(fragment)
    if _too_large(markup, limits):
        raise DecodeError(_too_large(markup, limits) or "")
    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except Exception:  # lxml on broken fragments: plain text without the tags
        return re.sub(r"<[^>]+>", " ", markup).strip()
    for bad in root.xpath(".//noscript"):
        bad.drop_tree()
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for el in root.iter(*_BLOCK_TAGS):
        el.tail = "\n\n" + (el.tail or "")
    raw = root.text_content()
    lines = [re.sub(r"[ \t\r\f\v\u00a0]+", " ", ln).strip() for ln in raw.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
