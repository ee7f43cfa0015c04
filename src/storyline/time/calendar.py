"""Calendar arithmetic and TIMEX3 value <-> interval conversion (own code; no library does this).

dateparser resolves phrases against *today* and has no notion of news tense, so the anchoring rules
here are written by hand: weeks are ISO weeks, seasons are meteorological (northern hemisphere,
winter YYYY = December YYYY to February YYYY+1), quarters are calendar quarters.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}  # 14 = February of next year


class OutOfRange(ValueError):
    """A date outside years 1-9999: no TIMEX3 calendar value can name it ("125,000 years ago")."""


def date(y: int, m: int, d: int) -> dt.date:
    """dt.date(y, m, d), raising `OutOfRange` for a year outside 1-9999 (other bad parts: ValueError)."""
    return dt.date(check_year(y), m, d)


def add_days(d: dt.date, n: float) -> dt.date:
    """d moved by n days (rounded); `OutOfRange` past either end of the calendar."""
    try:
        return d + dt.timedelta(days=round(n))
    except OverflowError as e:
        raise OutOfRange(f"{d} + {n} days is outside the calendar") from e


def check_year(y: int) -> int:
    """y itself, or `OutOfRange` when it lies outside years 1-9999."""
    if not dt.MINYEAR <= y <= dt.MAXYEAR:
        raise OutOfRange(f"year {y} is outside the calendar")
    return y


def year_value(y: int) -> str:
    """TIMEX3 year value YYYY; `OutOfRange` when the year has no four-digit form."""
    return f"{check_year(y):04d}"


def decade_value(n: int) -> str:
    """TIMEX3 decade value DDD (the year // 10); `OutOfRange` outside the calendar."""
    if not 0 <= n <= dt.MAXYEAR // 10:
        raise OutOfRange(f"decade {n} is outside the calendar")
    return f"{n:03d}"


def century_value(n: int) -> str:
    """TIMEX3 century value CC (the year // 100); `OutOfRange` outside the calendar."""
    if not 0 <= n <= dt.MAXYEAR // 100:
        raise OutOfRange(f"century {n} is outside the calendar")
    return f"{n:02d}"


def add_months(d: dt.date, n: int) -> dt.date:
    """d shifted by n calendar months, day clipped to the month's length."""
    m = d.month - 1 + n
    y = d.year + m // 12
    m = m % 12 + 1
    if not dt.MINYEAR <= y <= dt.MAXYEAR:
        raise OutOfRange(f"{d} + {n} months is outside the calendar")
    return dt.date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def month_end(y: int, m: int) -> dt.date:
    return date(y, m, calendar.monthrange(y, m)[1])


def week_value(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def quarter_of(d: dt.date) -> int:
    return (d.month - 1) // 3 + 1


def season_of(d: dt.date) -> tuple[int, str]:
    """(season year, code) containing d; January/February belong to the previous year's winter."""
    if d.month in (12,):
        return d.year, "WI"
    if d.month in (1, 2):
        return d.year - 1, "WI"
    for code, (a, b) in SEASON_MONTHS.items():
        if a <= d.month <= b:
            return d.year, code
    raise AssertionError(d)


def season_interval(year: int, code: str) -> tuple[dt.date, dt.date]:
    a, b = SEASON_MONTHS[code]
    first = date(year, a, 1)
    last = month_end(year + (b - 1) // 12, (b - 1) % 12 + 1)
    return first, last


def weekday_on_or_before(anchor: dt.date, iso_wd: int) -> dt.date:
    return add_days(anchor, -((anchor.isoweekday() - iso_wd) % 7))


def weekday_on_or_after(anchor: dt.date, iso_wd: int) -> dt.date:
    return add_days(anchor, (iso_wd - anchor.isoweekday()) % 7)


def shift(d: dt.date, n: float, unit: str) -> dt.date:
    """d moved by n units (D, W, M, Q, Y, DE); fractional months/years round to days.

    `OutOfRange` when the result leaves years 1-9999 ("125,000 years ago").
    """
    if unit == "D":
        return add_days(d, n)
    if unit == "W":
        return add_days(d, 7 * n)
    months = {"M": 1, "Q": 3, "Y": 12, "DE": 120, "CE": 1200}[unit] * n
    if abs(months) > 12 * dt.MAXYEAR:
        raise OutOfRange(f"{d} + {n}{unit} is outside the calendar")
    if months == int(months):
        return add_months(d, int(months))
    return add_days(d, months * 30.44)


_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(T.*)?$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})(-WE)?$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_YEAR = re.compile(r"^(\d{4})$")
_DECADE = re.compile(r"^(\d{3})$")
_CENTURY = re.compile(r"^(\d{2})$")


def interval(value: str) -> tuple[dt.date, dt.date, str] | None:
    """(first_day, last_day, precision) of a fully specified TIMEX3 date value, else None.

    None too for a well-formed value no calendar day can hold (year 0000, week 53 of a 52-week year).
    """
    try:
        return _interval(value)
    except ValueError:  # includes OutOfRange
        return None


def _interval(value: str) -> tuple[dt.date, dt.date, str] | None:
    if "/" in value:  # ISO 8601 interval "1950/1953": union of both ends
        a, b = value.split("/", 1)
        ia, ib = interval(a), interval(b)
        if ia is None or ib is None:
            return None
        return ia[0], ib[1], ia[2]
    if m := _DAY.match(value):
        try:
            d = dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
        return d, d, "day"
    return _coarse_interval(value)


def _coarse_interval(value: str) -> tuple[dt.date, dt.date, str] | None:
    """`interval` of the values coarser than a day (week, month, quarter, ..., century)."""
    if m := _WEEK.match(value):
        monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
        if m[3]:
            return add_days(monday, 5), add_days(monday, 6), "week"
        return monday, add_days(monday, 6), "week"
    if m := _MONTH.match(value):
        y, mo = int(m[1]), int(m[2])
        if not 1 <= mo <= 12:
            return None
        return date(y, mo, 1), month_end(y, mo), "month"
    if m := _QUARTER.match(value):
        y, q = int(m[1]), int(m[2])
        return date(y, 3 * q - 2, 1), month_end(y, 3 * q), "quarter"
    if m := _HALF.match(value):
        y, h = int(m[1]), int(m[2])
        return date(y, 6 * h - 5, 1), month_end(y, 6 * h), "unknown"
    if m := _SEASON.match(value):
        first, last = season_interval(int(m[1]), m[2])
        return first, last, "season"
    if m := _YEAR.match(value):
        y = int(m[1])
        return date(y, 1, 1), date(y, 12, 31), "year"
    if m := _DECADE.match(value):
        y = int(m[1]) * 10
        return dt.date(max(y, 1), 1, 1), dt.date(y + 9, 12, 31), "decade"
    if m := _CENTURY.match(value):
        y = int(m[1]) * 100
        return dt.date(max(y, 1), 1, 1), dt.date(y + 99, 12, 31), "unknown"
    return None


def granularity(value: str) -> str | None:
    """Unit letter (D, W, M, Q, Y, S) of a resolved date value, used to copy a reference's granularity."""
    if _DAY.match(value):
        return "D"
    if _WEEK.match(value):
        return "W"
    if _MONTH.match(value):
        return "M"
    if _QUARTER.match(value):
        return "Q"
    if _SEASON.match(value):
        return "S"
    if _YEAR.match(value):
        return "Y"
    if _DECADE.match(value):
        return "DE"
    return None


def format_at(d: dt.date, gran: str) -> str:
    """Value of the unit of granularity gran that contains d."""
    if gran == "D":
        return d.isoformat()
    if gran == "W":
        return week_value(d)
    if gran == "M":
        return f"{d.year:04d}-{d.month:02d}"
    if gran == "Q":
        return f"{d.year:04d}-Q{quarter_of(d)}"
    if gran == "S":
        y, code = season_of(d)
        return f"{y:04d}-{code}"
    if gran == "DE":
        return f"{d.year // 10:03d}"
    return f"{d.year:04d}"


def start_of(value: str) -> dt.date | None:
    iv = interval(value)
    return iv[0] if iv else None


def day_of(value: str) -> dt.date | None:
    """The calendar day a day-precision value names, with or without a time of day ("2011-01-30T11:00")."""
    if not _DAY.match(value):
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
