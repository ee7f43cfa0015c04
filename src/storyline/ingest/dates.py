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
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported where used: reading a plain-text corpus needs neither library
    from htmldate.utils import Extractor
    from lxml.html import HtmlElement

from storyline.ingest.limits import DEFAULT_LIMITS

_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_URL_DAY = re.compile(r"/((?:19|20)\d{2})[/_-]([01]?\d)[/_-]([0-3]?\d)(?:/|[_-]|$)")


def _options() -> Extractor:
    from htmldate.utils import Extractor
    from htmldate.validators import get_max_date, get_min_date

    return Extractor(False, get_max_date(None), get_min_date(None), True, "%Y-%m-%d")


_RELATIVE = re.compile(
    r"\b(?:ago|yesterday|today|tomorrow|tonight|now|last|next|this|previous|coming|past|recently)\b", re.I
)
# Two different "now"s: a written date that parses differently under each is relative ("last Friday").
_BASES = (datetime(2001, 3, 7), datetime(2011, 9, 21))
_MAX_DATE_CHARS = 100


def normalize_date(value: object) -> str | None:
    """YYYY-MM-DD from an ISO string, an RFC 2822 date, a struct_time or a written date; else None."""
    return parse_published(value)[0]


def parse_published(value: object, years: tuple[int, int] = (DEFAULT_LIMITS.min_year, DEFAULT_LIMITS.max_year)) -> tuple[str | None, str | None]:
    """(YYYY-MM-DD, None) for an absolute day within `years`, else (None, why it is refused).

    A bare year or month is refused (a publication date must name its day), so is a relative date
    ("yesterday", "2 days ago": relative to what?) and a placeholder year (0001-01-01, 9999-12-31).
    """
    if value is None or value == "":
        return None, "empty date"
    try:
        day = _to_day(value)
    except _Refused as exc:
        return None, str(exc)
    if day is None:
        return None, f"not a date that names its day: {_shown(value)}"
    if not years[0] <= day.year <= years[1]:
        return None, f"year {day.year} is outside {years[0]}-{years[1]} (a placeholder date?): {_shown(value)}"
    return day.isoformat(), None


class _Refused(Exception):
    pass


def _shown(value: object) -> str:
    return repr(value if not isinstance(value, str) else value[:60])


def _to_day(value: object) -> date | None:
    if isinstance(value, time.struct_time):
        try:
            return date(value.tm_year, value.tm_mon, value.tm_mday)
        except ValueError:
            return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str | int | float):
        return None
    s = str(value).strip()
    if len(s) > _MAX_DATE_CHARS:
        raise _Refused(f"too long to be a date ({len(s)} characters)")
    m = _ISO_DAY.match(s)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError as exc:
            raise _Refused(f"not a calendar day: {_shown(value)}") from exc
    if _RELATIVE.search(s):
        raise _Refused(f"relative date {_shown(value)}: a publication date must name its day")
    try:
        return parsedate_to_datetime(s).date()
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    found = [_dateparse(s, base) for base in _BASES]
    if found[0] != found[1]:
        raise _Refused(f"relative date {_shown(value)}: a publication date must name its day")
    return found[0]


def _dateparse(s: str, base: datetime) -> date | None:
    settings = {"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DAY_OF_MONTH": "first", "RELATIVE_BASE": base}
    try:
        import dateparser

        parsed = dateparser.parse(s, languages=["en"], settings=settings)  # type: ignore[arg-type]
    except Exception:  # dateparser on odd strings (overflowing numbers, odd calendars)
        return None
    return parsed.date() if parsed else None


def url_date(url: str | None) -> str | None:
    """The date in a URL path such as /2023/08/30/ (htmldate's URL rule, then a plain pattern)."""
    if not url:
        return None
    from htmldate.extractors import extract_url_date

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
        from htmldate.core import examine_header, examine_time_elements
        from htmldate.extractors import json_search

        return examine_header(tree, opts) or json_search(tree, opts) or examine_time_elements(tree, opts)
    except Exception:  # htmldate on odd trees: a missing date is better than a crash
        return None
