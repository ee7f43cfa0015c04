"""Anchoring rules: turn a candidate into a TIMEX3 type and value given the anchor date and tense.

These rules are our own (dateparser anchors to the run date and ignores tense). Summary:
- bare weekday: most recent such day on or before the anchor; on or after it when the clause is future;
- bare month / month-day: the most recent one not after the anchor in past and present context (or one
  starting within about a month after it: reported plans, see NEAR_FUTURE_DAYS), the next one not before
  it in future context, the nearest one after "until/through/by";
- "last/next/this" unit: the previous/next/current ISO week, month, year;
- "N units ago" counts back from the anchor; "N units earlier/later" from the last date mentioned
  (the narrative's reference time), keeping that reference's granularity ("a year earlier" after
  "the third quarter" is the year-earlier quarter);
- without an anchor, anything that needs one keeps X's (XXXX-07) and gets no interval.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from . import calendar as cal
from .grammar import Cand

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
        limit = anchor + dt.timedelta(days=NEAR_FUTURE_DAYS["day" if day else "month"])
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
        first, last = dt.date(y, month, 1), cal.month_end(y, month)
        if first <= anchor <= last:
            return 0
        return (first - anchor).days if first > anchor else (last - anchor).days
    d = _safe_date(y, month, min(day, 28) if month == 2 and day == 29 else day)
    return (d - anchor).days if d else 10**6


def _weekday(anchor: dt.date, wd: int, direction: str, tense: str) -> dt.date:
    if direction in ("last", "past", "this past"):
        return cal.weekday_on_or_before(anchor - dt.timedelta(days=1), wd)
    if direction in ("next", "coming", "this coming"):
        return cal.weekday_on_or_after(anchor + dt.timedelta(days=1), wd)
    if direction == "this":
        monday = anchor - dt.timedelta(days=anchor.isoweekday() - 1)
        return monday + dt.timedelta(days=wd - 1)
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
    d: dict[str, Any] = c.data
    a = ctx.anchor
    k = c.kind
    if k == "abs":
        if "d" in d:
            day = _safe_date(d["y"], d["m"], d["d"])
            return Resolved("DATE", day.isoformat()) if day else None
        return Resolved("DATE", f"{d['y']:04d}-{d['m']:02d}")
    if k == "md":
        if a is None:
            return Resolved("DATE", f"XXXX-{d['m']:02d}-{d['d']:02d}")
        y = _pick_year_for_month(a, d["m"], d["d"], ctx.tense, "")
        day = _safe_date(y, d["m"], d["d"])
        return Resolved("DATE", day.isoformat()) if day else None
    if k == "month":
        if d.get("yshift") is not None:
            if a is None:
                return Resolved("DATE", f"XXXX-{d['m']:02d}")
            return Resolved("DATE", f"{a.year + d['yshift']:04d}-{d['m']:02d}")
        if a is None:
            return Resolved("DATE", f"XXXX-{d['m']:02d}")
        y = _pick_year_for_month(a, d["m"], None, ctx.tense, d["dir"])
        return Resolved("DATE", f"{y:04d}-{d['m']:02d}")
    if k == "year":
        return Resolved("DATE", f"{d['y']:04d}")
    if k == "range":
        return Resolved("DATE", f"{d['a']:04d}/{d['b']:04d}")
    if k in ("decade", "century"):
        return Resolved("DATE", d["v"])
    if k == "nth_weekday":
        if a is None:
            return Resolved("DATE", f"XXXX-{d['m']:02d}-XX")

        def nth(y: int) -> dt.date:
            first = cal.weekday_on_or_after(dt.date(y, d["m"], d.get("from_day", 1)), d["wd"])
            return first + dt.timedelta(weeks=d["nth"] - 1)

        cands = [nth(a.year - 1), nth(a.year), nth(a.year + 1)]
        if ctx.tense == "future":
            day = min(x for x in cands if x >= a)
        elif ctx.tense == "past":
            day = max(x for x in cands if x <= a)
        else:
            day = min(cands, key=lambda x: abs((x - a).days))
        return Resolved("DATE", day.isoformat())
    if k == "year_end":
        # "year-end": December 31 (the accounting sense news uses); "the end of the year": the year, its
        # interval narrowed to the last third. A past clause early in the year means the one just gone.
        suffix = "-12-31" if d.get("closing") else ""
        if a is None:
            return Resolved("DATE", "XXXX" + suffix)
        y = a.year - 1 if ctx.tense == "past" and a.month <= 3 else a.year
        return Resolved("DATE", f"{y:04d}{suffix}")
    if k == "period":
        if "q" in d:
            return Resolved("DATE", f"{d['y']:04d}-Q{d['q']}")
        if ctx.sentence_quarter:
            return Resolved("DATE", f"{d['y']:04d}-{ctx.sentence_quarter[5:]}")
        return Resolved("DATE", f"{d['y']:04d}")
    if k == "quarter":
        y = d["y"]
        if y is None:
            if a is None:
                return Resolved("DATE", f"XXXX-Q{d['q']}")
            y = a.year + d["yshift"]
            if d["yshift"] == 0 and d["q"] > cal.quarter_of(a) and ctx.tense != "future":
                y -= 1
        return Resolved("DATE", f"{y:04d}-Q{d['q']}")
    if k == "quarter_rel":
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
    if k == "half":
        y = d["y"]
        if y is None:
            if a is None:
                return Resolved("DATE", f"XXXX-H{d['h']}")
            y = a.year + _unit_shift(a, "Y", d["dir"])
        return Resolved("DATE", f"{y:04d}-H{d['h']}")
    if k == "season":
        if d["y"]:
            return Resolved("DATE", f"{d['y']:04d}-{d['s']}")
        if a is None:
            return Resolved("DATE", f"XXXX-{d['s']}")
        return Resolved("DATE", _season(a, d["s"], d["dir"], ctx.tense))
    if k == "dayrel":
        day = a + dt.timedelta(days=d["off"]) if a else None
        if d.get("the_part") and ctx.reference and cal.granularity(ctx.reference) == "D":
            # "in the morning", "by the evening": part of the day the narrative is on, not of the anchor.
            day = dt.date.fromisoformat(ctx.reference)
        t, v = _at_part(day, d["part"])
        return Resolved(t, v)
    if k == "weekday":
        ref_day = dt.date.fromisoformat(ctx.reference) if ctx.reference and len(ctx.reference) == 10 else None
        if d.get("relative") and ref_day is not None:
            # "the previous Friday" / "the following Monday": relative to the narrative's last date.
            day = (
                cal.weekday_on_or_before(ref_day - dt.timedelta(days=1), d["wd"])
                if d["dir"] == "last"
                else cal.weekday_on_or_after(ref_day + dt.timedelta(days=1), d["wd"])
            )
            t, v = _at_part(day, d["part"])
            return Resolved(t, v)
        if a is None:
            v = f"XXXX-WXX-{d['wd']}"
            return Resolved("TIME" if d["part"] else "DATE", v + (f"T{d['part']}" if d["part"] else ""))
        day = _weekday(a, d["wd"], d["dir"], ctx.tense)
        t, v = _at_part(day, d["part"])
        return Resolved(t, v)
    if k == "unitrel":
        return _unitrel(d, a, ctx)
    if k == "yearago":
        if ctx.sentence_quarter:
            base = cal.start_of(ctx.sentence_quarter)
            if base:
                return Resolved("DATE", cal.format_at(cal.add_months(base, -12), "Q"))
        if a is None:
            return Resolved("DATE", "XXXX")
        return Resolved("DATE", f"{a.year - 1:04d}")
    if k == "offset":
        return _offset(d, a, ctx)
    if k == "dur":
        return Resolved("DURATION", _dur_value(d["n"], d["unit"]))
    if k == "ref":
        if d.get("v") is None:
            return Resolved("DURATION", _dur_value(None, d["unit"]))
        return Resolved("DATE", d["v"])
    if k == "set":
        return Resolved("SET", d["v"])
    if k == "clock":
        day = a
        wd = (d.get("wd") or "").lower()
        if a is not None and wd:
            if wd in ("today", "yesterday", "tomorrow"):
                day = a + dt.timedelta(days={"today": 0, "yesterday": -1, "tomorrow": 1}[wd])
            else:
                from .lexicon import WEEKDAYS

                day = _weekday(a, WEEKDAYS[wd.rstrip(".")], "", ctx.tense)
        elif a is not None and d.get("md"):
            mo, dd = d["md"]
            day = _safe_date(_pick_year_for_month(a, mo, dd, ctx.tense, ""), mo, dd)
        elif a is not None and ctx.reference and len(ctx.reference) == 10:
            day = dt.date.fromisoformat(ctx.reference)
        stamp = day.isoformat() if day else "XXXX-XX-XX"
        return Resolved("TIME", f"{stamp}T{d['h']:02d}:{d['mi']:02d}")
    return None


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
    return f"{y:04d}-{code}"


def _unitrel(d: dict[str, Any], a: dt.date | None, ctx: Context) -> Resolved | None:
    unit, direction, edge = d["unit"], d["dir"], d["edge"]
    if direction in ("following", "previous", "prior") and ctx.reference and unit in ("M", "Y", "W"):
        start = cal.start_of(ctx.reference)
        rg = cal.granularity(ctx.reference)
        if start is not None and rg is not None and GRAN_ORDER.get(rg, 9) <= GRAN_ORDER[unit]:
            step = 1 if direction == "following" else -1
            moved = {
                "W": lambda: start + dt.timedelta(weeks=step),
                "M": lambda: cal.add_months(start, step),
                "Y": lambda: cal.add_months(start, 12 * step),
            }[unit]()
            return Resolved("DATE", cal.format_at(moved, unit))
    if direction in ("that", "the same"):
        ref = ctx.reference
        if ref is None:
            return Resolved(
                "DATE", {"W": "XXXX-WXX", "M": "XXXX-XX", "Y": "XXXX", "WE": "XXXX-WXX-WE"}.get(unit, "XXXX")
            )
        start = cal.start_of(ref)
        if start is None:
            return None
        if unit == "D" and cal.granularity(ref) != "D":
            return None
        return Resolved("DATE", cal.format_at(start, {"WE": "W"}.get(unit, unit)))
    if a is None:
        x = {
            "D": "XXXX-XX-XX",
            "W": "XXXX-WXX",
            "WE": "XXXX-WXX-WE",
            "M": "XXXX-XX",
            "Y": "XXXX",
            "DE": "XXX",
            "CE": "XX",
        }[unit]
        return Resolved("DATE", x)
    n = _unit_shift(a, unit, direction)
    if unit == "D":
        return None
    if unit == "WE":
        if direction == "the":
            n = -1 if ctx.tense == "past" and a.isoweekday() < 6 else 0
        sat = cal.weekday_on_or_after(a - dt.timedelta(days=a.isoweekday() - 1), 6) + dt.timedelta(weeks=n)
        return Resolved("DATE", cal.week_value(sat) + "-WE")
    if unit == "W":
        return Resolved("DATE", cal.week_value(a + dt.timedelta(weeks=n)))
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
        res = Resolved("DATE", f"{y:04d}")
        if n == 0 and edge == "earlier":
            res.first, res.last = dt.date(y, 1, 1), a
        elif n == 0 and edge == "later":
            res.first, res.last = a, dt.date(y, 12, 31)
        return res
    if unit == "DE":
        if n < 0:  # "the past decade": the ten years up to now, a duration
            return Resolved("DURATION", "P10Y")
        return Resolved("DATE", f"{(a.year // 10 + n):03d}")
    if unit == "CE":
        return Resolved("DATE", f"{(a.year // 100 + n):02d}")
    return None


def _offset(d: dict[str, Any], a: dt.date | None, ctx: Context) -> Resolved | None:
    n, unit, rel = d["n"], d["unit"], d["rel"]
    if unit.startswith("T") or unit in ("ML", "W2"):
        return Resolved("DURATION", _dur_value(n, unit))
    if rel in ("before", "after", "since"):
        # Preposition: the duration alone; "two months after <date>" is handled by the caller.
        return Resolved("DURATION", _dur_value(n, unit))
    gran = {"D": "D", "W": "W", "M": "M", "Q": "Q", "Y": "Y", "DE": "DE", "CE": "CE"}.get(unit, "Y")
    sign = -1 if rel in ("ago", "earlier") else 1
    if n is None:
        return Resolved("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF")
    # "a year earlier" with nothing before it compares with the time of writing; "a week later" with
    # nothing before it follows an undated event, so it stays unresolved rather than counted from the anchor.
    base: dt.date | None = None if rel == "later" and not ctx.reference else a
    if rel in ("earlier", "later") and ctx.reference:
        rs = cal.start_of(ctx.reference)
        rg = cal.granularity(ctx.reference)
        if rs is not None and rg is not None and GRAN_ORDER.get(rg, 9) <= GRAN_ORDER.get(gran, 9):
            base, gran = rs, rg
    elif rel == "ago" and unit == "Y" and ctx.sentence_quarter:
        rs = cal.start_of(ctx.sentence_quarter)
        if rs is not None:
            base, gran = rs, "Q"
    if base is None:
        x = {
            "D": "XXXX-XX-XX",
            "W": "XXXX-WXX",
            "M": "XXXX-XX",
            "Q": "XXXX-QX",
            "Y": "XXXX",
            "DE": "XXX",
        }.get(gran, "XXXX")
        return Resolved("DATE", x)
    if unit == "CE":
        return Resolved("DATE", f"{(base.year // 100 + sign * int(n)):02d}")
    target = cal.shift(base, sign * n, unit)
    return Resolved("DATE", cal.format_at(target, gran))
