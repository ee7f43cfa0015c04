"""Publication date from the text itself, for articles that arrive without one.

Conservative by design: a date is returned only from a dateline at the top ("WASHINGTON, Nov. 2, 2022 --"),
a "Published/Updated <date>" stamp, or a line that is nothing but a full date; with several different
candidates of equal strength the answer is None. Dates inside excluded spans (captions, teasers) never count.
Dates in running prose describe events, not the article, and are used only when the text names
that date's weekday ("on Wednesday" with a single body date that is a Wednesday).
"""

from __future__ import annotations

import datetime as dt
import re

from ..records import ExcludedSpan
from .lexicon import MONTHS, WEEKDAYS
from .patterns import DAYNUM, MONTH, WEEKDAY, YEAR

_FULL = re.compile(
    rf"(?:(?P<mon>{MONTH})\s*(?P<d>{DAYNUM}),?\s+(?P<y>{YEAR})|(?P<d2>{DAYNUM})\s+(?P<mon2>{MONTH}),?\s+(?P<y2>{YEAR})|(?P<iso>{YEAR}-[01]\d-[0-3]\d))"
)
_STAMP = re.compile(r"(?i)\b(?:published|updated|posted|first published|last updated)\b[^\n]{0,20}$")
_WEEKDAY_REF = re.compile(rf"\b(?:on\s+)?(?P<wd>{WEEKDAY})\b")


def _parse(m: re.Match[str]) -> dt.date | None:
    try:
        if m["iso"]:
            return dt.date.fromisoformat(m["iso"])
        mon = m["mon"] or m["mon2"]
        d = m["d"] or m["d2"]
        y = m["y"] or m["y2"]
        return dt.date(int(y), MONTHS[mon.lower().rstrip(".")], int(re.sub(r"\D", "", d)))
    except ValueError:
        return None


def _inside(pos: int, end: int, excluded: list[ExcludedSpan]) -> bool:
    return any(e.start <= pos and end <= e.end for e in excluded)


def infer_published(text: str, excluded: list[ExcludedSpan]) -> tuple[str | None, str | None]:
    """(YYYY-MM-DD, why) from a dateline, a date stamp or a date-only line; (None, why) when unsure."""
    strong: dict[dt.date, str] = {}
    body: list[tuple[dt.date, int, int]] = []
    for m in _FULL.finditer(text):
        if _inside(m.start(), m.end(), excluded):
            continue
        d = _parse(m)
        if d is None:
            continue
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end < 0 else line_end
        before = text[line_start : m.start()]
        after = text[m.end() : line_end]
        if _STAMP.search(before):
            strong.setdefault(d, "date stamp")
        elif not before.strip(" \t,|-–—") and not re.search(
            r"[A-Za-z]{3,}",
            after.replace("a.m.", "")
            .replace("p.m.", "")
            .replace("EDT", "")
            .replace("EST", "")
            .replace("GMT", "")
            .replace("UTC", ""),
        ):
            strong.setdefault(d, "date-only line")
        elif (
            m.start() < 300
            and re.fullmatch(r"\s*[A-Z][A-Z .,'-]{2,40}(?:\([^)]{1,30}\))?\s*,?\s*", before)
            and re.match(r"\s*(?:\(|--|—|–|-|:)", after)
        ):
            strong.setdefault(d, "dateline")
        else:
            body.append((d, m.start(), m.end()))
    if len(strong) == 1:
        ((d, why),) = strong.items()
        return d.isoformat(), why
    if len(strong) > 1:
        # Several stamps: prefer the one nearest the top only if it is the latest (an "updated" line later is
        # usually later still); otherwise refuse.
        return None, f"{len(strong)} different candidate dates"
    distinct = sorted({d for d, _, _ in body})
    if len(distinct) == 1:
        d = distinct[0]
        for wm in _WEEKDAY_REF.finditer(text):
            if _inside(wm.start(), wm.end(), excluded):
                continue
            if any(abs(wm.start() - s) < 40 or abs(wm.end() - e) < 40 for _, s, e in body):
                continue  # "Thursday, April 25, 2019" names the date itself, not the publication day
            if WEEKDAYS[wm["wd"].lower().rstrip(".")] == d.isoweekday():
                return d.isoformat(), "only full date in body, and its weekday is named"
        return None, "one body date but nothing ties it to publication"
    if distinct:
        return None, f"{len(distinct)} different dates in body"
    return None, "no full date outside excluded spans"
