"""Publication dates: normalise given dates and read them from page metadata or the URL only.

A date is only ever taken from metadata meant to state it (manifest, HTML meta/JSON-LD/<time>, feed
entry) or from a date path in the URL. Dates mentioned in the article text are never used: they are
usually dates of events, not of publication.
"""

from __future__ import annotations

import re
import time
from datetime import date, datetime
from email.utils import parsedate_to_datetime

import dateparser
from htmldate.core import examine_header, examine_time_elements
from htmldate.extractors import extract_url_date, json_search
from htmldate.utils import Extractor
from htmldate.validators import get_max_date, get_min_date
from lxml.html import HtmlElement

_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_URL_DAY = re.compile(r"/((?:19|20)\d{2})[/_-]([01]?\d)[/_-]([0-3]?\d)(?:/|[_-]|$)")


def _options() -> Extractor:
    return Extractor(False, get_max_date(None), get_min_date(None), True, "%Y-%m-%d")


def normalize_date(value: object) -> str | None:
    """YYYY-MM-DD from an ISO string, an RFC 2822 date, a struct_time or a written date; else None.

    A bare year or month is refused: a publication date must name its day.
    """
    if value is None or value == "":
        return None
    if isinstance(value, time.struct_time):
        return f"{value.tm_year:04d}-{value.tm_mon:02d}-{value.tm_mday:02d}"
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    s = str(value).strip()
    m = _ISO_DAY.match(s)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            return None
    try:
        return parsedate_to_datetime(s).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    parsed = dateparser.parse(
        s, languages=["en"], settings={"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DAY_OF_MONTH": "first"}
    )
    return parsed.date().isoformat() if parsed else None


def url_date(url: str | None) -> str | None:
    """The date in a URL path such as /2023/08/30/ (htmldate's URL rule, then a plain pattern)."""
    if not url:
        return None
    found = extract_url_date(url, _options())
    if found:
        return found
    m = _URL_DAY.search(url)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            return None
    return None


def html_metadata_date(tree: HtmlElement) -> str | None:
    """Publication date stated by the page: meta headers, JSON-LD, then <time> elements (htmldate).

    htmldate's full `find_date` also scans free text and the URL; those are left out on purpose.
    """
    opts = _options()
    try:
        return examine_header(tree, opts) or json_search(tree, opts) or examine_time_elements(tree, opts)
    except Exception:  # htmldate on odd trees: a missing date is better than a crash
        return None
