"""What a date of an event or claim means: the one module that builds, compares, merges and formats it.

A `DateInfo` (records.py) is an interval ``first_day..last_day`` with two separate facts about it:
- ``relation``: how the happening stands to the interval. ``on`` (it happened within it), ``before`` /
  ``after`` (a bound: "on or before 2022-11-02"), ``during`` (within another event's time), ``unknown``;
- ``precision``: how finely the text gave it (day, week, month, season, quarter, year, decade, unknown);
plus ``how`` it was obtained (``HOWS``), the words (``text``) and, for dates relative to another event,
that event's id (``anchor``). Extract, consolidate and render all call this module, so "before
publication" is decided, compared and written the same way everywhere.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import Any

from .records import DateInfo, Timex

RELATIONS = ("on", "before", "after", "during", "unknown")
PRECISIONS = ("day", "week", "month", "season", "quarter", "year", "decade", "unknown")
# How a date was obtained, best first: read from the text with a year or month name, read from a
# relative expression ("on Wednesday"), shared with a same-time clause of the sentence that has its own
# ("raided the house on Monday and arrested two men"), taken from the same event in another source,
# bounded by the verb's past tense, or only by the publication date.
HOWS = ("explicit", "relative", "sentence", "cross-source", "tense", "publication")
HOW_RANK = {h: i for i, h in enumerate(HOWS)}
OWN_HOWS = frozenset({"explicit", "relative"})

_MIN_DAY, _MAX_DAY = "0001-01-01", "9999-12-31"
_SEASONS = {12: "winter", 1: "winter", 2: "winter", 3: "spring", 4: "spring", 5: "spring",
            6: "summer", 7: "summer", 8: "summer", 9: "autumn", 10: "autumn", 11: "autumn"}  # fmt: skip
_MONTH_NAME = re.compile(
    r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(?:1[5-9]\d\d|20\d\d)\b")


# ---------------------------------------------------------------- building


def how_of(text: str) -> str:
    """``explicit`` when the words name the calendar (a year or a month: "March 2024", "Nov. 2",
    "in April"), else ``relative`` ("on Wednesday", "last week", "two days later"): deictic words
    depend on the anchor for more than the year."""
    if _YEAR.search(text) or _MONTH_NAME.search(text):
        return "explicit"
    return "relative"


def from_timex(tx: Timex, how: str | None = None) -> DateInfo | None:
    """The date a resolved DATE/TIME expression gives (``on`` its interval); None when unresolved."""
    if tx.type not in ("DATE", "TIME") or not (tx.first_day or tx.last_day):
        return None
    return DateInfo(tx.first_day, tx.last_day, tx.precision, tx.text, how or how_of(tx.text), relation="on")


def on_or_before(day: str, how: str) -> DateInfo:
    """An upper bound only: the happening is known to lie on or before `day` (e.g. publication)."""
    return DateInfo(None, day, "day", None, how, relation="before")


def relative(relation: str, text: str, anchor_id: str | None, anchor: DateInfo | None,
             published: str | None) -> DateInfo:
    """A date relative to another event ("after the visit"), resolved where the anchor has a date;
    otherwise kept open with the anchor's id so consolidation can resolve it from other sources."""
    info = DateInfo(None, None, "unknown", text, "relative", anchor_id, relation=relation)
    resolved = resolve_relative(info, anchor, published)
    return resolved or info


def resolve_relative(d: DateInfo, anchor: DateInfo | None, published: str | None,
                     how: str | None = None) -> DateInfo | None:
    """`d` (after/before/during an anchor event) given the anchor's date; None when it adds nothing.

    after X: from X's first day up to the reporting article's publication; before X: up to X's last
    day; during X: X's own interval and precision.
    """
    if anchor is None:
        return None
    first, last, prec = d.first_day, d.last_day, d.precision
    if d.relation == "after" and anchor.first_day:
        first, last, prec = anchor.first_day, published or d.last_day, anchor.precision
    elif d.relation == "before" and anchor.last_day:
        first, last, prec = None, anchor.last_day, anchor.precision
    elif d.relation == "during" and (anchor.first_day or anchor.last_day):
        first, last, prec = anchor.first_day, anchor.last_day, anchor.precision
    if (first, last) == (d.first_day, d.last_day):
        return None
    return DateInfo(first, last, prec, d.text, how or d.how, d.anchor, relation=d.relation)


def from_dict(d: Mapping[str, Any] | None) -> DateInfo | None:
    """A DateInfo from its story.json / stored form (None stays None)."""
    if not d:
        return None
    return DateInfo(
        d.get("first_day"), d.get("last_day"), d.get("precision") or "unknown", d.get("text"), d.get("how"),
        d.get("anchor"), relation=d.get("relation") or "on",
    )  # fmt: skip


# ---------------------------------------------------------------- comparing


def interval(d: DateInfo | None) -> tuple[str, str] | None:
    """The date as an inclusive (first, last) ISO interval, open ends as extremes; None if undated."""
    if d is None or not (d.first_day or d.last_day):
        return None
    return d.first_day or _MIN_DAY, d.last_day or _MAX_DAY


def overlap(a: tuple[str, str] | None, b: tuple[str, str] | None) -> bool:
    """Whether two intervals can describe the same time (an unknown one overlaps everything)."""
    if a is None or b is None:
        return True
    return a[0] <= b[1] and b[0] <= a[1]


def is_own(d: DateInfo | None) -> bool:
    """A date read from a time expression for this happening (not a bound from tense, publication or
    another event)."""
    return d is not None and d.how in OWN_HOWS and d.relation == "on"


def clash(a: DateInfo | None, b: DateInfo | None) -> bool:
    """Both dates are the happenings' own and disjoint: two different occurrences."""
    return is_own(a) and is_own(b) and not overlap(interval(a), interval(b))


def rank(d: DateInfo | None) -> int:
    """Lower is better: by how the date was obtained (undated last)."""
    if d is None:
        return len(HOWS) + 1
    return HOW_RANK.get(d.how or "", len(HOWS))


def width_days(d: DateInfo) -> int:
    """Days the interval spans (open ends count as very wide)."""
    iv = interval(d)
    if iv is None:
        return 10**7
    try:
        return (dt.date.fromisoformat(iv[1][:10]) - dt.date.fromisoformat(iv[0][:10])).days
    except ValueError:
        return 10**7


def best(dates: Iterable[DateInfo | None]) -> DateInfo | None:
    """The most trustworthy of several reports' dates: best `how`, then the narrowest interval;
    an undated record only when none is dated. Returns a copy."""
    ds = [d for d in dates if d is not None]
    dated = [d for d in ds if d.first_day or d.last_day]
    if not dated:
        return _copy(ds[0]) if ds else None
    return _copy(min(dated, key=lambda d: (rank(d), width_days(d))))


def _copy(d: DateInfo) -> DateInfo:
    return DateInfo(d.first_day, d.last_day, d.precision, d.text, d.how, d.anchor, relation=d.relation)


def sort_key(d: DateInfo | Mapping[str, Any] | None) -> tuple[int, str, str]:
    """Sort by earliest possible day; "on or before X" sorts at X; undated last."""
    first, last = _ends(d)
    if not first and not last:
        return (1, "", "")
    return (0, first or last, last)


def span(d: DateInfo | Mapping[str, Any] | None) -> tuple[str | None, str | None]:
    """(first_day, last_day) with None for an open end (a single day's last day is its first)."""
    first, last = _ends(d)
    return (first or None, last or first or None)


def _ends(d: DateInfo | Mapping[str, Any] | None) -> tuple[str, str]:
    if d is None:
        return "", ""
    if isinstance(d, DateInfo):
        return d.first_day or "", d.last_day or ""
    return d.get("first_day") or "", d.get("last_day") or ""


# ---------------------------------------------------------------- formatting


def format(d: DateInfo | Mapping[str, Any] | None) -> str:
    """A date at its own precision and relation, never more precise than the text gave it:
    "2023-07", "2023-W30", "on or before 2022-11-02", "between 2024-04-01 and 2024-05-10"."""
    info = d if isinstance(d, DateInfo) or d is None else from_dict(d)
    if info is None:
        return "undated"
    first, last = info.first_day, info.last_day
    if not first and not last:
        # unresolved (e.g. relative to an event with no date): the words, never a guessed day
        text = " ".join(str(info.text or "").split())
        return f"undated (\u201c{text}\u201d)" if text else "undated"
    if info.relation == "before" or not first:
        return f"on or before {_at(last, info.precision, end=True)}"
    if info.relation == "after":
        if last and last != first:
            return f"between {_at(first, info.precision)} and {_at(last, 'day')}"
        return f"on or after {_at(first, info.precision)}"
    text = _interval_text(first, last, info.precision)
    return f"during {text}" if info.relation == "during" else text


def _interval_text(first: str, last: str | None, precision: str) -> str:
    day = _day(first)
    if day is None:
        return str(first)
    if precision in PRECISIONS and precision != "unknown":
        return _at(first, precision)
    if last and last != first:
        return f"{first} to {last}"
    return day.isoformat()


def _at(iso: str | None, precision: str, end: bool = False) -> str:
    """One day written at a precision ("2023-07-31" at month -> "2023-07")."""
    day = _day(iso)
    if day is None:
        return str(iso or "")
    if precision == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    if precision == "month":
        return day.isoformat()[:7]
    if precision == "quarter":
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    if precision == "season":
        # the last day of a winter falls in the next year: name the winter by the year it began in
        year = day.year - 1 if end and day.month <= 2 else day.year
        return f"{_SEASONS[day.month]} {year}"
    if precision == "year":
        return str(day.year)
    if precision == "decade":
        return f"{day.year // 10 * 10}s"
    return day.isoformat()


def _day(iso: str | None) -> dt.date | None:
    if not iso:
        return None
    try:
        return dt.date.fromisoformat(str(iso)[:10])
    except ValueError:
        return None
