"""The one place an Article is made and finished, whatever the format it was read from.

`make_article` gives ids, hashes, exclusions, authors, URL dates and language the same way for every
reader; `finish` cleans every metadata field (surrogates, control characters, lengths) after the
reader, the JSONL record or the manifest has set it, so no reader can hand out a string the store,
the terminal or the JSON output cannot take.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from urllib.parse import urlsplit

from storyline.ingest.clean import byline_authors, find_exclusions, masked_text
from storyline.ingest.dates import url_date
from storyline.ingest.files import Refused
from storyline.ingest.language import guess_language
from storyline.ingest.limits import DEFAULT_LIMITS, Limits
from storyline.ingest.meta import host_of, split_authors
from storyline.ingest.sanitize import clean_field, clean_text, replaced_warning
from storyline.records import Article

_URL_OK = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*://\S+")


def outlet_from_url(url: str | None) -> str | None:
    """The site's host name without 'www.', a stable outlet label when the page names none."""
    return host_of(url)


def make_article(
    source: str,
    text: str,
    *,
    url: str | None = None,
    outlet: str | None = None,
    title: str | None = None,
    authors: Sequence[str] = (),
    published: str | None = None,
    published_from: str | None = None,
    warnings: Sequence[str] = (),
    limits: Limits = DEFAULT_LIMITS,
) -> Article:
    """Build an Article with its deterministic id, hash, exclusions, authors, language and URL date.

    Raises `TooLong` (a `Refused`) for a text over `limits.max_chars`, before any work is spent on it.
    """
    if len(text) > limits.max_chars:
        raise TooLong(too_long_message(len(text), limits.max_chars))
    text, bad = clean_text(text)
    content_hash = hashlib.sha256(text.encode("utf-8")).hexdigest()
    art_id = hashlib.sha256(f"{source}\n{content_hash}".encode()).hexdigest()[:16]
    article = Article(
        id=art_id,
        source=source,
        text=text,
        url=url or None,
        outlet=outlet or None,
        title=title or None,
        authors=list(authors),
        published=published,
        published_from=published_from if published else None,
        content_hash=content_hash,
        warnings=list(warnings),
    )
    if bad:
        article.warnings.append(replaced_warning("text", bad))
    clean_again(article)
    finish(article, limits)
    return article


class TooLong(Refused):
    """An article text over `Limits.max_chars`."""


def too_long_message(size: int, limit: int) -> str:
    return f"text too long ({size:,} characters > {limit:,} limit); split it into articles or raise Limits.max_chars"


def clean_again(article: Article) -> None:
    """Exclusions, byline authors and language from the text and the known authors (again, when a
    JSONL record or a manifest row names the authors after the reader made the article)."""
    article.excluded = find_exclusions(article.text, article.authors)
    if not article.authors:
        article.authors = byline_authors(article.text, article.excluded)
    article.language = guess_language(masked_text(article))


def finish(article: Article, limits: Limits = DEFAULT_LIMITS) -> Article:
    """Clean every metadata field in place (idempotent); the URL's host and date fill what is missing."""
    for key, cap in (("title", limits.max_title_chars), ("outlet", limits.max_name_chars)):
        value, problems = clean_field(getattr(article, key), cap)
        setattr(article, key, value)
        article.warnings.extend(f"{key}: {p}" for p in problems)
    article.url = _clean_url(article, limits.max_url_chars)
    authors: list[str] = []
    for name in split_authors(article.authors):
        value, problems = clean_field(name, limits.max_name_chars)
        article.warnings.extend(f"author: {p}" for p in problems)
        if value and value.lower() not in {a.lower() for a in authors}:
            authors.append(value)
    if len(authors) > limits.max_authors:
        article.warnings.append(f"authors: kept the first {limits.max_authors} of {len(authors)}")
    article.authors = authors[: limits.max_authors]
    if article.outlet is None:
        article.outlet = outlet_from_url(article.url)
    fill_url_date(article)
    article.warnings = list(dict.fromkeys(clean_text(w)[0] for w in article.warnings))
    return article


def _clean_url(article: Article, cap: int) -> str | None:
    value, _ = clean_field(article.url, cap * 2)
    if value is None:
        return None
    if not _URL_OK.fullmatch(value) or len(value) > cap or not _parses(value):
        article.warnings.append(f"url: {value[:80]!r} is not a usable URL; ignored")
        return None
    return value


def _parses(url: str) -> bool:
    try:
        urlsplit(url).hostname  # noqa: B018 - raises ValueError on "http://[bad"
    except ValueError:
        return False
    return True


def fill_url_date(article: Article) -> None:
    """Use the URL's date path when nothing better is known; never a date from the text."""
    if article.published is None:
        try:
            found = url_date(article.url)
        except ValueError:
            found = None
        if found:
            article.published, article.published_from = found, "url"
