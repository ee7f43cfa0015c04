"""Dates and datelines as page furniture: a line that is only a date, and the "CITY, Date (Agency) -"
that opens a wire story.

The shapes are those of every wire service and newspaper style book (AP, Reuters, AFP, UPI, Xinhua,
press-release wires), not of one outlet: an upper-case place, optionally a region, a day and an agency
in parentheses or slashes, then a dash. Read by ingest/clean.py; the date words are the calendar's.
"""

from __future__ import annotations

import re

from storyline import lexicon

MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|rsday|urday)?\.?"

# --- a line that is only a date ---------------------------------------------------------------
_DATE = (
    rf"(?:(?:{WEEKDAY},?\s+)?(?:{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH},?\s+\d{{4}})"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{4}|\d{4}/\d{2}/\d{2})"
)
_TIME = (
    r"(?:\d{1,2}(?::\d{2}){1,2}\s*(?:[ap]\.?m\.?)?|\d{1,2}\s*[ap]\.?m\.?)(?:\s*(?-i:[A-Z]{2,4}|GMT|UTC)(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?)?"
)
_DATE_PREFIX = r"(?:(?:first |last )?(?:published|updated|posted|modified|created)(?: on| at)?\s*:?\s*|on\s+)"
# Separators are "spaces" or "spaces, mark, spaces", never both optional: no ambiguous backtracking.
_SEP = r"(?:\s*(?:,|at|@|-|–|—|·|\||/|;|•)\s*|\s+)"
_DATE_PART = rf"(?:{_DATE_PREFIX})?{_DATE}(?:{_SEP}{_TIME})?"
_DATE_PART_T = rf"(?:{_DATE_PART}|{_DATE_PREFIX}{_TIME})"
_DATE_LINE_RE = re.compile(rf"{_DATE_PART}(?:{_SEP}{_DATE_PART_T})*\.?", re.I)
DATE, TIME = _DATE, _TIME  # a date with its year; a clock time (case-insensitive patterns)
# A timestamp: a date with its year and a clock time, either order ("September 24, 2008 3:39 PM",
# "18:40 23rd Mar 2010", "11:45 pm on 13 Jan 2010"); what comment signatures and post footers carry.
TIMESTAMP = rf"(?:{_DATE}(?:{_SEP}|\s+on\s+){_TIME}|{_TIME}(?:{_SEP}|\s+on\s+)(?:{WEEKDAY},?\s+)?{_DATE})"
# A line opening with "Updated: <timestamp>" or a bare timestamp, before the text it was glued to.
LEADING_STAMP_RE = re.compile(rf"(?:{_DATE_PREFIX})?(?:{WEEKDAY},?\s+)?{TIMESTAMP}", re.I)


def is_date_line(s: str) -> bool:
    """A line that is nothing but a date (and perhaps a time, or 'Updated ...'): page metadata."""
    s = s.strip()
    return len(s) <= 120 and bool(_DATE_LINE_RE.fullmatch(s))


# --- datelines ----------------------------------------------------------------------------------
_UP = "A-ZÀ-ÖØ-Þ"
# "CAIRO", "ADDIS ABABA", "ST. PETERSBURG", "KYIV/MOSCOW", "SÃO PAULO".
_CITY = rf"[{_UP}][{_UP}'’.-]+(?:[ /][{_UP}][{_UP}'’.-]+){{0,3}}"
# "Washington", "Gaza City": a title-case place, trusted only with an agency after it.
_TITLE_CITY = rf"[{_UP}][\w'’.-]+(?:\s+[{_UP}][\w'’.-]+){{0,2}}"
_REGION = rf"[{_UP}][\w.'’-]+(?:\s+[{_UP}][\w.'’-]+){{0,2}}"
_DAY = rf"(?:(?i:{MONTH})\s+\d{{1,2}}(?:,\s*\d{{4}})?|\d{{1,2}}\s+(?i:{MONTH})(?:\s+\d{{4}})?)"
_AGENCY_PAREN = r"\([A-Z][A-Za-z.&' -]{0,30}\)"
_AGENCY_SLASH = r"/[A-Z][A-Za-z.&' -]{0,30}/"
# The dash after a dateline ("--" and AP's old "_" included), then text, or the end of the line.
_DASH = r"\s*(?:--|[-–—_])(?:\s+|$)"
_PLACE = rf"{_CITY}(?:,\s*{_REGION})?"
_DATELINE_STRONG_RE = re.compile(
    r"(?:"
    rf"{_PLACE}(?:,\s*{_DAY})?\s*{_AGENCY_PAREN}{_DASH}"  # CAIRO, Sept. 10 (Reuters) -
    rf"|{_PLACE}(?:,\s*{_DAY})?\.?\s*{_AGENCY_SLASH}\.?(?:{_DASH}|\s+)"  # MOSCOW, March 3. /TASS/.
    rf"|{_CITY},\s*{_REGION}(?:,\s*{_DAY})?{_DASH}"  # NAIROBI, Kenya -
    rf"|{_CITY},\s*{_DAY}{_DASH}"  # ADDIS ABABA, Sept 10 -
    rf"|{_TITLE_CITY}(?:,\s*{_DAY})?\s*{_AGENCY_PAREN}{_DASH}"  # Beijing, Sept. 10 (Xinhua) --
    rf"|{_AGENCY_PAREN}{_DASH}"  # (CNN) -
    r")"
)
# A bare "BEIRUT —" or "NEW DELHI:" is only trusted near the top: in the body it may be an acronym.
_DATELINE_PLAIN_RE = re.compile(rf"([{_UP}]{{3,}}(?:\s+[{_UP}]{{3,}}){{0,2}})(?:{_DASH}|:\s+)")
# Upper-case labels that open a line like a city but are not places ("BREAKING:", "UPDATE -").
_NOT_PLACES = lexicon.words("dateline_not_places")


def dateline_end(s: str, near_top: bool) -> int | None:
    """Length of the dateline that opens line `s` (trailing space excluded), or None.

    A dateline never is the whole line unless it ends in its dash ("NAIROBI, Kenya (AP) _" above the
    lead); the bare upper-case forms count only near the top of the article.
    """
    m = _DATELINE_STRONG_RE.match(s)
    if m is None and near_top:
        m = _DATELINE_PLAIN_RE.match(s)
        if m is not None and (m.group(1).lower() in _NOT_PLACES or (m.end() >= len(s) and ":" in m.group(0))):
            m = None
    if m is None:
        return None
    found = m.group(0).rstrip()
    if m.end() >= len(s) and not re.search(r"(?:--|[-–—_])$", found):
        return None
    return len(found)


# A dateline glued after a headline or a photo credit on the first lines of a crawl ("Sarkozy Advocates
# Change After Crisis TOULON, France, Sept. 25 -- ..."): only the forms that carry a day or an agency.
_GLUED_START_RE = re.compile(rf"(?<=\s)(?=[{_UP}]{{3,}})")


def glued_dateline(s: str, max_words: int = 25) -> tuple[int, int] | None:
    """(start, end) of a dateline that follows a short lead-in on line `s`, or None (also when the
    line opens with its dateline: that is dateline_end's)."""
    if _DATELINE_STRONG_RE.match(s):
        return None
    for m in _GLUED_START_RE.finditer(s):
        words = s[: m.start()].split()
        if len(words) > max_words:
            return None
        if not words or words[-1].isupper():  # no lead-in, or inside a place name ("ADDIS ABABA")
            continue
        d = _DATELINE_STRONG_RE.match(s, m.start())
        if d is not None and re.search(r"\d|\(", d.group(0)):
            return m.start(), m.start() + len(d.group(0).rstrip())
    return None
