"""Anchoring rules: turn a candidate into a TIMEX3 type and value given the anchor date and tense.

These rules are our own (dateparser anchors to the run date and ignores tense). Summary:
- bare weekday: most recent such day on or before the anchor; on or after it when the clause is future;
- bare month / month-day that the article also writes with its year ("25 June" beside "25 June 2009",
  "in June" beside "June 2009"): that year, the nearest earlier mention's when it names several, when
  the clause is told as past or the date premodifies its noun ("the 25 June death"; the tagger
  decides, so a coming anniversary "will be marked on 25 June" keeps the coming one);
- other bare month / month-day: the most recent one not after the anchor in past and present context (or one
  starting within about a month after it: reported plans, see NEAR_FUTURE_DAYS), the next one not before
  it in future context, the nearest one after "until/through/by";
- "last/next/this" unit: the previous/next/current ISO week, month, year;
- "N units ago" counts back from the anchor; "N units earlier/later" from the last date mentioned
  (the narrative's reference time), keeping that reference's granularity ("a year earlier" after
  "the third quarter" is the year-earlier quarter);
- without an anchor, anything that needs one keeps X's (XXXX-07) and gets no interval;
- a date beyond the calendar (years 1-9999) has no TIMEX3 value: "125,000 years ago" is PAST_REF, and
  arithmetic that an anchor near year 1 or 9999 pushes off the calendar leaves the value X'd.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import calendar as cal
from .grammar import Cand
from .lexicon import WEEKDAYS

GRAN_ORDER = {"D": 0, "W": 1, "M": 2, "Q": 3, "S": 3, "Y": 4, "DE": 5, "CE": 6}


@dataclass
class Resolved:
    type: str
    value: str
    first: dt.date | None = None  # interval override (e.g. "earlier this year")
    last: dt.date | None = None


@dataclass
class Context:
    anchor: dt.date | None
    tense: str  # past, present, future, unknown
    reference: str | None  # value of the last resolved date before this expression
    sentence_quarter: str | None  # a quarter value mentioned earlier in the same sentence
    known_year: int | None = None  # the year the article writes this same month(-day) with


_HALF = {
    "Y": ("Y", "6M"),
    "M": ("M", "15D"),
    "D": ("D", "T12H"),
    "W": ("W", "3DT12H"),
    "TH": ("H", "30M"),
    "TM": ("M", "30S"),
}


def _dur_value(n: float | None, unit: str) -> str:
    if n is not None and n != int(n) and n * 2 == int(n * 2) and unit in _HALF:
        # "2 1/2 years" -> P2Y6M, "5 1/2 hours" -> PT5H30M
        big, small = _HALF[unit]
        whole = f"{int(n)}{big}" if int(n) else ""
        return ("PT" if unit.startswith("T") else "P") + whole + small
    if unit == "DE":
        return f"P{_fmt(n * 10)}Y" if n is not None else "PXDE"
    if unit == "CE":
        return f"P{_fmt(n * 100)}Y" if n is not None else "PXCE"
    if unit == "ML":
        return f"P{_fmt(n * 1000)}Y" if n is not None else "PXML"
    if unit == "Q":
        return f"P{_fmt(n)}Q" if n is not None else "PXQ"
    if unit == "W2":
        return f"P{_fmt(n * 2)}W" if n is not None else "PXW"
    if unit.startswith("T"):
        return f"PT{_fmt(n)}{unit[1]}" if n is not None else f"PTX{unit[1]}"
    return f"P{_fmt(n)}{unit}" if n is not None else f"PX{unit}"


def _fmt(n: float | None) -> str:
    if n is None:
        return "X"
    if n == int(n):
        return str(int(n))
    # TIMEX3 has no fractions in our use: express half units in the next unit down where simple.
    return str(n).rstrip("0").rstrip(".")


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


# How far past the anchor an underspecified date may lie in a present-tense or tenseless clause (never in a
# past-tense one: a past event is not dated after its own report). News reports
# planned dates with past reporting verbs ("the deadline was extended to Nov. 16", "invited them to a
# ceremony on March 12"), and news style writes the year only for dates outside the current year, so a bare
# "Nov. 16" written on Oct. 30 is the coming one, not one 11 months back. Kept short (about a month) so
# that "the treaty was signed in December" written in January still means the December just past.
NEAR_FUTURE_DAYS = {"day": 45, "month": 31}


def _pick_year_for_month(anchor: dt.date, month: int, day: int | None, tense: str, direction: str) -> int:
    """Year of an underspecified month (or month-day), by tense; see the module docstring."""
    point = (month, day or 1)
    now = (anchor.month, anchor.day if day else 1)
    if direction == "last":
        # "last April": the most recent April before the anchor's month; the month just before it would
        # be called "last month", so "last February" written in March means the year before.
        return anchor.year if month < anchor.month - 1 else anchor.year - 1
    if direction in ("next", "coming", "this coming"):
        return anchor.year if point > now and month > anchor.month else anchor.year + 1
    if direction in ("this", "this past", "past"):
        if direction == "this":
            return anchor.year
        return anchor.year if point <= now else anchor.year - 1
    if tense == "future":
        return anchor.year if point >= now else anchor.year + 1
    if tense == "past":
        # A past-tense clause never happens after its article was published: the most recent one.
        return anchor.year if point <= now else anchor.year - 1
    if tense in ("present", "unknown", ""):
        # The most recent one, or one starting within the near-future window (see NEAR_FUTURE_DAYS).
        try:
            limit = cal.add_days(anchor, NEAR_FUTURE_DAYS["day" if day else "month"])
        except cal.OutOfRange:  # an anchor in the last weeks of year 9999
            limit = dt.date.max
        for y in (anchor.year + 1, anchor.year, anchor.year - 1):
            first = _safe_date(y, month, min(day, 28) if month == 2 and day == 29 else (day or 1))
            if first is not None and first <= limit:
                return y
        return anchor.year - 1
    # Open-ended ("until", "through", "by"): the nearest such month (or day), the earlier one on a tie.
    best = min(
        (anchor.year - 1, anchor.year, anchor.year + 1),
        key=lambda y: (abs(_days_between(anchor, y, month, day)), _days_between(anchor, y, month, day) > 0),
    )
    return best


def _days_between(anchor: dt.date, y: int, month: int, day: int | None) -> int:
    if day is None:
        first, last = cal.date(y, month, 1), cal.month_end(y, month)
        if first <= anchor <= last:
            return 0
        return (first - anchor).days if first > anchor else (last - anchor).days
    d = _safe_date(y, month, min(day, 28) if month == 2 and day == 29 else day)
    return (d - anchor).days if d else 10**6


def _weekday(anchor: dt.date, wd: int, direction: str, tense: str) -> dt.date:
    if direction in ("last", "past", "this past"):
        return cal.weekday_on_or_before(cal.add_days(anchor, -1), wd)
    if direction in ("next", "coming", "this coming"):
        return cal.weekday_on_or_after(cal.add_days(anchor, 1), wd)
    if direction == "this":
        return cal.add_days(anchor, wd - anchor.isoweekday())
    if tense == "future":
        return cal.weekday_on_or_after(anchor, wd)
    if tense == "open":  # "until Tuesday", "as soon as Tuesday": forward
        return cal.weekday_on_or_after(anchor, wd)
    return cal.weekday_on_or_before(anchor, wd)


def _unit_shift(anchor: dt.date, unit: str, direction: str) -> int:
    if direction in ("last", "past", "previous", "prior", "this past"):
        return -1
    if direction in ("next", "coming", "following", "this coming"):
        return 1
    return 0


def _at_part(day: dt.date | None, part: str | None) -> tuple[str, str]:
    base = day.isoformat() if day else "XXXX-XX-XX"
    if part:
        return "TIME", f"{base}T{part}"
    return "DATE", base


def resolve(c: Cand, ctx: Context) -> Resolved | None:
    """TIMEX3 (type, value) and interval override for one candidate; None to drop it."""
    handler = _HANDLERS.get(c.kind)
    if handler is None:
        return None
    try:
        return handler(c.data, ctx)
    except cal.OutOfRange:
        # The anchor (or the narrative's last date) is so near year 1 or 9999 that counting from it leaves
        # the calendar: resolve as if there were none, so the value keeps its X's.
        return handler(c.data, Context(None, ctx.tense, None, None, ctx.known_year))


Handler = Callable[[dict[str, Any], Context], Resolved | None]


def _abs(d: dict[str, Any], ctx: Context) -> Resolved | None:
    if "d" in d:
        day = _safe_date(d["y"], d["m"], d["d"])
        return Resolved("DATE", day.isoformat()) if day else None
    return Resolved("DATE", f"{d['y']:04d}-{d['m']:02d}")


def _md(d: dict[str, Any], ctx: Context) -> Resolved | None:
    a = ctx.anchor
    if a is None:
        return Resolved("DATE", f"XXXX-{d['m']:02d}-{d['d']:02d}")
    y = ctx.known_year or _pick_year_for_month(a, d["m"], d["d"], ctx.tense, "")
    day = _safe_date(cal.check_year(y), d["m"], d["d"])
    return Resolved("DATE", day.isoformat()) if day else None


def _month(d: dict[str, Any], ctx: Context) -> Resolved | None:
    a = ctx.anchor
    if a is None:
        return Resolved("DATE", f"XXXX-{d['m']:02d}")
    if d.get("yshift") is not None:
        return Resolved("DATE", f"{cal.year_value(a.year + d['yshift'])}-{d['m']:02d}")
    known = None if d["dir"] else ctx.known_year
    y = known or _pick_year_for_month(a, d["m"], None, ctx.tense, d["dir"])
    return Resolved("DATE", f"{cal.year_value(y)}-{d['m']:02d}")


def _year(d: dict[str, Any], ctx: Context) -> Resolved | None:
    return Resolved("DATE", f"{d['y']:04d}")


def _range(d: dict[str, Any], ctx: Context) -> Resolved | None:
    return Resolved("DATE", f"{d['a']:04d}/{d['b']:04d}")


def _given(d: dict[str, Any], ctx: Context) -> Resolved | None:
    """Decades and centuries: the grammar has already written the value."""
    return Resolved("DATE", d["v"])


def _nth_weekday(d: dict[str, Any], ctx: Context) -> Resolved | None:
    a = ctx.anchor
    if a is None:
        return Resolved("DATE", f"XXXX-{d['m']:02d}-XX")

    def nth(y: int) -> dt.date:
        first = cal.weekday_on_or_after(cal.date(y, d["m"], d.get("from_day", 1)), d["wd"])
        return cal.add_days(first, 7 * (d["nth"] - 1))

    cands = [nth(a.year - 1), nth(a.year), nth(a.year + 1)]
    if ctx.tense == "future":
        day = min(x for x in cands if x >= a)
    elif ctx.tense == "past":
        day = max(x for x in cands if x <= a)
    else:
        day = min(cands, key=lambda x: abs((x - a).days))
    return Resolved("DATE", day.isoformat())


def _year_end(d: dict[str, Any], ctx: Context) -> Resolved | None:
    # "year-end": December 31 (the accounting sense news uses); "the end of the year": the year, its
    # interval narrowed to the last third. A past clause early in the year means the one just gone.
    a = ctx.anchor
    suffix = "-12-31" if d.get("closing") else ""
    if a is None:
        return Resolved("DATE", "XXXX" + suffix)
    y = a.year - 1 if ctx.tense == "past" and a.month <= 3 else a.year
    return Resolved("DATE", cal.year_value(y) + suffix)


def _period(d: dict[str, Any], ctx: Context) -> Resolved | None:
    if "q" in d:
        return Resolved("DATE", f"{d['y']:04d}-Q{d['q']}")
    if ctx.sentence_quarter:
        return Resolved("DATE", f"{d['y']:04d}-{ctx.sentence_quarter[5:]}")
    return Resolved("DATE", f"{d['y']:04d}")


def _quarter(d: dict[str, Any], ctx: Context) -> Resolved | None:
    a = ctx.anchor
    y = d["y"]
    if y is None:
        if a is None:
            return Resolved("DATE", f"XXXX-Q{d['q']}")
        y = a.year + d["yshift"]
        if d["yshift"] == 0 and d["q"] > cal.quarter_of(a) and ctx.tense != "future":
            y -= 1
    return Resolved("DATE", f"{cal.year_value(y)}-Q{d['q']}")


def _quarter_rel(d: dict[str, Any], ctx: Context) -> Resolved | None:
    a = ctx.anchor
    if a is None:
        return Resolved("DATE", "XXXX-QX")
    det = d["det"]
    cur = dt.date(a.year, 3 * cal.quarter_of(a) - 2, 1)
    if det in ("the year-earlier", "the year-ago"):
        base = cal.start_of(ctx.sentence_quarter) if ctx.sentence_quarter else cal.add_months(cur, -3)
        return Resolved("DATE", cal.format_at(cal.add_months(base or cur, -12), "Q"))
    if det in ("the same", "the comparable") and ctx.sentence_quarter:
        return Resolved("DATE", ctx.sentence_quarter)
    if det == "that" and ctx.reference and cal.granularity(ctx.reference) == "Q":
        return Resolved("DATE", ctx.reference)
    if det in ("this", "the current"):
        return Resolved("DATE", cal.format_at(cur, "Q"))
    if det == "next":
        return Resolved("DATE", cal.format_at(cal.add_months(cur, 3), "Q"))
    if ctx.sentence_quarter and det == "the":
        return Resolved("DATE", ctx.sentence_quarter)
    # "the quarter", "the latest quarter", "last quarter": the last completed quarter (results are
    # reported after a quarter closes).
    return Resolved("DATE", cal.format_at(cal.add_months(cur, -3), "Q"))


def _half(d: dict[str, Any], ctx: Context) -> Resolved | None:
    a = ctx.anchor
    y = d["y"]
    if y is None:
        if a is None:
            return Resolved("DATE", f"XXXX-H{d['h']}")
        y = a.year + _unit_shift(a, "Y", d["dir"])
    return Resolved("DATE", f"{cal.year_value(y)}-H{d['h']}")


def _season_rule(d: dict[str, Any], ctx: Context) -> Resolved | None:
    if d["y"]:
        return Resolved("DATE", f"{d['y']:04d}-{d['s']}")
    if ctx.anchor is None:
        return Resolved("DATE", f"XXXX-{d['s']}")
    return Resolved("DATE", _season(ctx.anchor, d["s"], d["dir"], ctx.tense))


def _dayrel(d: dict[str, Any], ctx: Context) -> Resolved | None:
    day = cal.add_days(ctx.anchor, d["off"]) if ctx.anchor else None
    if d.get("the_part") and ctx.reference and cal.granularity(ctx.reference) == "D":
        # "in the morning", "by the evening": part of the day the narrative is on, not of the anchor.
        day = dt.date.fromisoformat(ctx.reference)
    t, v = _at_part(day, d["part"])
    return Resolved(t, v)


def _weekday_rule(d: dict[str, Any], ctx: Context) -> Resolved | None:
    a = ctx.anchor
    ref_day = dt.date.fromisoformat(ctx.reference) if ctx.reference and len(ctx.reference) == 10 else None
    if d.get("relative") and ref_day is not None:
        # "the previous Friday" / "the following Monday": relative to the narrative's last date.
        day = (
            cal.weekday_on_or_before(cal.add_days(ref_day, -1), d["wd"])
            if d["dir"] == "last"
            else cal.weekday_on_or_after(cal.add_days(ref_day, 1), d["wd"])
        )
        t, v = _at_part(day, d["part"])
        return Resolved(t, v)
    if a is None:
        v = f"XXXX-WXX-{d['wd']}"
        return Resolved("TIME" if d["part"] else "DATE", v + (f"T{d['part']}" if d["part"] else ""))
    t, v = _at_part(_weekday(a, d["wd"], d["dir"], ctx.tense), d["part"])
    return Resolved(t, v)


def _yearago(d: dict[str, Any], ctx: Context) -> Resolved | None:
    if ctx.sentence_quarter:
        base = cal.start_of(ctx.sentence_quarter)
        if base:
            return Resolved("DATE", cal.format_at(cal.add_months(base, -12), "Q"))
    if ctx.anchor is None:
        return Resolved("DATE", "XXXX")
    return Resolved("DATE", cal.year_value(ctx.anchor.year - 1))


def _dur(d: dict[str, Any], ctx: Context) -> Resolved | None:
    return Resolved("DURATION", _dur_value(d["n"], d["unit"]))


def _ref(d: dict[str, Any], ctx: Context) -> Resolved | None:
    if d.get("v") is None:
        return Resolved("DURATION", _dur_value(None, d["unit"]))
    return Resolved("DATE", d["v"])


def _set(d: dict[str, Any], ctx: Context) -> Resolved | None:
    return Resolved("SET", d["v"])


_DAY_WORDS = {"today": 0, "yesterday": -1, "tomorrow": 1}


def _clock(d: dict[str, Any], ctx: Context) -> Resolved | None:
    a = ctx.anchor
    day = a
    wd = (d.get("wd") or "").lower()
    if a is not None and wd:
        if wd in _DAY_WORDS:
            day = cal.add_days(a, _DAY_WORDS[wd])
        else:
            day = _weekday(a, WEEKDAYS[wd.rstrip(".")], "", ctx.tense)
    elif a is not None and d.get("md"):
        mo, dd = d["md"]
        day = _safe_date(_pick_year_for_month(a, mo, dd, ctx.tense, ""), mo, dd)
    elif a is not None and ctx.reference and len(ctx.reference) == 10:
        day = dt.date.fromisoformat(ctx.reference)
    stamp = day.isoformat() if day else "XXXX-XX-XX"
    return Resolved("TIME", f"{stamp}T{d['h']:02d}:{d['mi']:02d}")


def _season(a: dt.date, code: str, direction: str, tense: str) -> str:
    cur_y, cur_code = cal.season_of(a)
    first_this, _ = cal.season_interval(a.year if code != "WI" or a.month == 12 else a.year - 1, code)
    y = first_this.year
    if direction in ("last", "past", "this past"):
        if (y, code) == (cur_y, cur_code) or first_this > a:
            y -= 1
    elif direction in ("next", "coming", "this coming"):
        if first_this <= a:
            y += 1
    elif direction == "this":
        pass
    elif tense == "past" and first_this > a:
        y -= 1
    elif tense == "future" and cal.season_interval(y, code)[1] < a:
        y += 1
    return f"{cal.year_value(y)}-{code}"


_UNKNOWN_UNIT = {
    "D": "XXXX-XX-XX",
    "W": "XXXX-WXX",
    "WE": "XXXX-WXX-WE",
    "M": "XXXX-XX",
    "Q": "XXXX-QX",
    "Y": "XXXX",
    "DE": "XXX",
    "CE": "XX",
}


def _unitrel(d: dict[str, Any], ctx: Context) -> Resolved | None:
    unit, direction = d["unit"], d["dir"]
    if direction in ("following", "previous", "prior") and ctx.reference and unit in ("M", "Y", "W"):
        moved = _step_from_reference(ctx.reference, unit, 1 if direction == "following" else -1)
        if moved is not None:
            return Resolved("DATE", moved)
    if direction in ("that", "the same"):
        ref = ctx.reference
        if ref is None:
            unknown = {"W": "XXXX-WXX", "M": "XXXX-XX", "Y": "XXXX", "WE": "XXXX-WXX-WE"}
            return Resolved("DATE", unknown.get(unit, "XXXX"))
        start = cal.start_of(ref)
        if start is None or (unit == "D" and cal.granularity(ref) != "D"):
            return None
        return Resolved("DATE", cal.format_at(start, {"WE": "W"}.get(unit, unit)))
    a = ctx.anchor
    if a is None:
        return Resolved("DATE", _UNKNOWN_UNIT[unit])
    if unit == "D":
        return None
    n = _unit_shift(a, unit, direction)
    if unit == "WE" and direction == "the":
        n = -1 if ctx.tense == "past" and a.isoweekday() < 6 else 0
    return _unit_from_anchor(a, unit, n, d["edge"])


def _step_from_reference(reference: str, unit: str, step: int) -> str | None:
    """'the following month' after a dated sentence: the unit after (or before) the reference's."""
    start = cal.start_of(reference)
    rg = cal.granularity(reference)
    if start is None or rg is None or GRAN_ORDER.get(rg, 9) > GRAN_ORDER[unit]:
        return None
    moved = (
        cal.add_days(start, 7 * step)
        if unit == "W"
        else cal.add_months(start, step * (12 if unit == "Y" else 1))
    )
    return cal.format_at(moved, unit)


def _unit_from_anchor(a: dt.date, unit: str, n: int, edge: str) -> Resolved | None:
    """'last week', 'this month', 'earlier this year', 'the weekend': n units from the anchor's."""
    if unit == "WE":
        sat = cal.add_days(cal.weekday_on_or_after(cal.add_days(a, 1 - a.isoweekday()), 6), 7 * n)
        return Resolved("DATE", cal.week_value(sat) + "-WE")
    if unit == "W":
        return Resolved("DATE", cal.week_value(cal.add_days(a, 7 * n)))
    if unit == "M":
        first = cal.add_months(a.replace(day=1), n)
        res = Resolved("DATE", f"{first.year:04d}-{first.month:02d}")
        if n == 0 and edge == "earlier":
            res.first, res.last = first, a
        elif n == 0 and edge == "later":
            res.first, res.last = a, cal.month_end(first.year, first.month)
        return res
    if unit == "Y":
        y = a.year + n
        res = Resolved("DATE", cal.year_value(y))
        if n == 0 and edge == "earlier":
            res.first, res.last = dt.date(y, 1, 1), a
        elif n == 0 and edge == "later":
            res.first, res.last = a, dt.date(y, 12, 31)
        return res
    if unit == "DE":
        if n < 0:  # "the past decade": the ten years up to now, a duration
            return Resolved("DURATION", "P10Y")
        return Resolved("DATE", cal.decade_value(a.year // 10 + n))
    if unit == "CE":
        return Resolved("DATE", cal.century_value(a.year // 100 + n))
    return None


def _offset(d: dict[str, Any], ctx: Context) -> Resolved | None:
    n, unit, rel = d["n"], d["unit"], d["rel"]
    if unit.startswith("T") or unit in ("ML", "W2") or rel in ("before", "after", "since"):
        # Clock units, or a preposition: the duration alone ("two months after <date>" is the caller's).
        return Resolved("DURATION", _dur_value(n, unit))
    gran = {"D": "D", "W": "W", "M": "M", "Q": "Q", "Y": "Y", "DE": "DE", "CE": "CE"}.get(unit, "Y")
    sign = -1 if rel in ("ago", "earlier") else 1
    vague = Resolved("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF")
    if n is None:
        return vague
    base, gran = _offset_base(ctx, rel, unit, gran)
    if base is None:
        return Resolved("DATE", _UNKNOWN_UNIT.get(gran, "XXXX") if gran != "CE" else "XXXX")
    try:
        if unit == "CE":
            return Resolved("DATE", cal.century_value(base.year // 100 + sign * int(n)))
        return Resolved("DATE", cal.format_at(cal.shift(base, sign * n, unit), gran))
    except cal.OutOfRange:
        # "125,000 years ago": before year 1 (or after 9999) no TIMEX3 calendar value exists; what the
        # text does say is that it lies in the past (or the future).
        return vague


def _offset_base(ctx: Context, rel: str, unit: str, gran: str) -> tuple[dt.date | None, str]:
    """The date an offset counts from and the granularity of the result.

    "a year earlier" with nothing before it compares with the time of writing; "a week later" with
    nothing before it follows an undated event, so it stays unresolved rather than counted from the anchor.
    """
    base: dt.date | None = None if rel == "later" and not ctx.reference else ctx.anchor
    if rel in ("earlier", "later") and ctx.reference:
        rs = cal.start_of(ctx.reference)
        rg = cal.granularity(ctx.reference)
        if rs is not None and rg is not None and GRAN_ORDER.get(rg, 9) <= GRAN_ORDER.get(gran, 9):
            base, gran = rs, rg
    elif rel == "ago" and unit == "Y" and ctx.sentence_quarter:
        rs = cal.start_of(ctx.sentence_quarter)
        if rs is not None:
            base, gran = rs, "Q"
    return base, gran


_HANDLERS: dict[str, Handler] = {
    "abs": _abs,
    "md": _md,
    "month": _month,
    "year": _year,
    "range": _range,
    "decade": _given,
    "century": _given,
    "nth_weekday": _nth_weekday,
    "year_end": _year_end,
    "period": _period,
    "quarter": _quarter,
    "quarter_rel": _quarter_rel,
    "half": _half,
    "season": _season_rule,
    "dayrel": _dayrel,
    "weekday": _weekday_rule,
    "unitrel": _unitrel,
    "yearago": _yearago,
    "offset": _offset,
    "dur": _dur,
    "ref": _ref,
    "set": _set,
    "clock": _clock,
}
