"""Time-grammar rules for calendar dates: explicit dates, months, years, decades, centuries, quarters,
halves, seasons, day words, weekdays and holidays (registered before the `span_rules`)."""

from __future__ import annotations

import re
from typing import Any

from ..lexicon import words
from .lexicon import DECADE_WORDS, FIXED_HOLIDAYS, NUMBERS, ORDINALS, PARTS_OF_DAY, SEASONS, WEEKDAYS
from .patterns import (
    DAYNUM,
    DIR,
    EDGE,
    MONTH,
    ONES,
    ORD_WORDS,
    QORD,
    TENS,
    WEEKDAY,
    YEAR,
    day_number,
    month_number,
    rule,
)

# ---- explicit calendar dates -------------------------------------------------------------------------

_WD_PREFIX = ""  # TimeML tags "Thursday" and "Jan. 6" in "Thursday, Jan. 6" separately


@rule("iso", "abs", r"(?P<y>\d{4})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?:T(?P<hh>\d\d):(?P<mm>\d\d)(?::\d\d)?)?")
def _iso(m: re.Match[str]) -> dict[str, Any] | None:
    return {"y": int(m["y"]), "m": int(m["m"]), "d": int(m["d"])}


@rule("numeric", "abs", r"(?P<m>1[0-2]|0?[1-9])/(?P<d>[12]\d|3[01]|0?[1-9])/(?P<y>\d{4}|\d{2})")
def _numeric(m: re.Match[str]) -> dict[str, Any] | None:
    y = int(m["y"])
    if y < 100:
        y += 1900 if y > 30 else 2000
    return {"y": y, "m": int(m["m"]), "d": int(m["d"])}


@rule("mdy", "abs", _WD_PREFIX + rf"(?P<mon>{MONTH})\s*(?P<d>{DAYNUM})(?:,\s*|\s+)(?P<y>{YEAR})")
def _mdy(m: re.Match[str]) -> dict[str, Any] | None:
    return {"y": int(m["y"]), "m": month_number(m["mon"]), "d": day_number(m["d"])}


@rule(
    "dmy", "abs", _WD_PREFIX + rf"(?:the\s+)?(?P<d>{DAYNUM})\s+(?:of\s+)?(?P<mon>{MONTH}),?\s+(?P<y>{YEAR})"
)
def _dmy(m: re.Match[str]) -> dict[str, Any] | None:
    return {"y": int(m["y"]), "m": month_number(m["mon"]), "d": day_number(m["d"])}


@rule("md", "md", _WD_PREFIX + rf"(?P<mon>{MONTH})\s*(?P<d>{DAYNUM})(?!\s*[,.]?\d)(?!\s*%)")
def _md(m: re.Match[str]) -> dict[str, Any] | None:
    return {"m": month_number(m["mon"]), "d": day_number(m["d"])}


@rule("dm", "md", _WD_PREFIX + rf"(?:the\s+)?(?P<d>{DAYNUM})\s+(?:of\s+)?(?P<mon>{MONTH})")
def _dm(m: re.Match[str]) -> dict[str, Any] | None:
    return {"m": month_number(m["mon"]), "d": day_number(m["d"])}


@rule("my", "abs", rf"(?:(?P<edge>{EDGE})\s*)?(?P<mon>{MONTH}),?\s+(?:of\s+)?(?P<y>{YEAR})(?!\s*[-–]\d)")
def _my(m: re.Match[str]) -> dict[str, Any] | None:
    return {"y": int(m["y"]), "m": month_number(m["mon"])}


@rule(
    "month",
    "month",
    rf"(?:(?P<edge>{EDGE})[\s-]*)?(?:(?P<dir>{DIR})\s+)?(?P<mon>{MONTH})(?:,?\s+(?P<yr>last|next|this)\s+year)?"
    r"(?!\s*\d)",  # "last Oct. 23" is a month-day (found by the md rule), not "last Oct."
)
def _month_rule(m: re.Match[str]) -> dict[str, Any] | None:
    mon = m["mon"]
    if mon.lower().rstrip(".") in ("may", "march") and not m["dir"] and not m["edge"]:
        # Title-case 'May'/'March' at a sentence start is usually the verb/noun; needs a preposition before.
        pre = m.string[max(0, m.start() - 12) : m.start()].lower().split()
        if not pre or pre[-1] not in words("month_word_prepositions"):
            return None
    d = (m["dir"] or "").lower().replace("the ", "")
    yr = (m["yr"] or "").lower()
    return {"m": month_number(mon), "dir": d, "yshift": {"last": -1, "next": 1, "this": 0}.get(yr)}


# ---- years, decades, centuries, ranges -----------------------------------------------------------------


@rule(
    "year",
    "year",
    rf"(?:(?P<pre>fiscal(?: year)?|calendar(?: year)?|the year|FY|model year)\s*)?(?:(?P<edge>{EDGE})\s*)?(?P<y>{YEAR})(?!\s*%|,\d|\.\d|-year|-old)",
)
def _year(m: re.Match[str]) -> dict[str, Any] | None:
    before = m.string[max(0, m.start() - 2) : m.start()]
    if "$" in before or "#" in before or "£" in before or "€" in before:
        return None
    y = int(m["y"])
    if not 1000 <= y <= 2099:
        return None
    return {"y": y, "explicit_pre": bool(m["pre"] or m["edge"])}


@rule("year_range", "range", rf"(?:the\s+)?(?P<a>{YEAR})\s*[-–—/]\s*(?P<b>{YEAR}|\d\d)(?![\d%])")
def _year_range(m: re.Match[str]) -> dict[str, Any] | None:
    a = int(m["a"])
    b = int(m["b"]) if len(m["b"]) == 4 else (a // 100) * 100 + int(m["b"])
    if not a < b <= a + 100:
        return None
    return {"a": a, "b": b, "_start": m.start("a")}


@rule(
    "decade",
    "decade",
    rf"(?:the\s+)?(?:(?P<edge>early|late|mid-?)\s*)?(?:(?P<y>1\d\d0|20\d0)'?s|'(?P<yy>\d0)s|(?P<w>{'|'.join(DECADE_WORDS)}))",
)
def _decade(m: re.Match[str]) -> dict[str, Any] | None:
    if m["y"]:
        return {"v": m["y"][:3]}
    if m["yy"]:
        yy = int(m["yy"])
        return {"v": ("19" if yy >= 30 else "20") + m["yy"][0]}
    if not m.group(0).lower().startswith("the"):
        return None
    return {"v": "19" + str(DECADE_WORDS[m["w"].lower()])}


@rule(
    "century",
    "century",
    rf"(?:the\s+)?(?:(?P<edge>early|late|mid-?)\s*)?(?P<o>{ORD_WORDS}|\d{{1,2}}(?:st|nd|rd|th))[- ]century",
)
def _century(m: re.Match[str]) -> dict[str, Any] | None:
    o = m["o"].lower()
    n = ORDINALS.get(o) or int(re.sub(r"\D", "", o))
    return {"v": f"{n - 1:02d}"}


@rule("this_century", "unitrel", r"(?P<dir>this|last|next)\s+century")
def _this_century(m: re.Match[str]) -> dict[str, Any] | None:
    return {"unit": "CE", "dir": m["dir"].lower(), "edge": ""}


# ---- quarters, halves, seasons -------------------------------------------------------------------------


@rule(
    "year_period", "period", rf"the\s+(?P<y>{YEAR})\s+(?:fiscal\s+)?(?:(?P<q>{QORD})[- ])?(?:quarter|period)"
)
def _year_period(m: re.Match[str]) -> dict[str, Any] | None:
    if m["q"]:
        return {"y": int(m["y"]), "q": ORDINALS[m["q"].lower()]}
    return {"y": int(m["y"])}


@rule(
    "quarter",
    "quarter",
    rf"(?:(?P<det>the|this year's|last year's|next year's|this|the year-earlier|the year-ago|a|its)\s+)?(?:(?:fiscal|calendar)[\s-]+)?(?P<q>{QORD}|final)(?P<hy>[- ])(?:fiscal[- ])?quarter"
    rf"(?:\s+of\s+(?:(?:fiscal|calendar)\s+)?(?P<y>{YEAR})|,?\s+(?P<y2>{YEAR}))?",
)
def _quarter(m: re.Match[str]) -> dict[str, Any] | None:
    q = m["q"].lower()
    qn = 4 if q == "final" else ORDINALS[q]
    if qn > 4:
        return None
    y = m["y"] or m["y2"]
    det = (m["det"] or "").lower()
    yshift = -1 if det.startswith(("last year", "the year-")) else (1 if det.startswith("next year") else 0)
    out: dict[str, Any] = {"q": qn, "y": int(y) if y else None, "yshift": yshift}
    if det in ("a", "its") or (m["hy"] == "-" and det == "the"):
        out["_start"] = m.start("q") if det in ("a", "its", "the") else m.start()
    return out


@rule("qn", "quarter", rf"(?-i:Q(?P<q>[1-4]))(?:\s+(?P<y>{YEAR}))?")
def _qn(m: re.Match[str]) -> dict[str, Any] | None:
    return {"q": int(m["q"]), "y": int(m["y"]) if m["y"] else None, "yshift": 0}


@rule(
    "quarter_rel",
    "quarter_rel",
    r"(?P<det>the|this|last|next|that|the latest|the current|the past|the previous|the prior|the most recent|the year-earlier|the year-ago|the same|the comparable|the fourth|the recent)\s+(?:(?:fiscal|calendar)\s+)?(?:quarter|(?<=latest )period)(?!-)",
)
def _quarter_rel(m: re.Match[str]) -> dict[str, Any] | None:
    return {"det": m["det"].lower()}


@rule(
    "half",
    "half",
    rf"the\s+(?P<h>first|second|latter|last)\s+half(?:\s+of\s+(?:(?P<y>{YEAR})|(?P<dir>this|last|next|the)\s+year))?",
)
def _half(m: re.Match[str]) -> dict[str, Any] | None:
    if not (m["y"] or m["dir"]):
        return None
    h = 1 if m["h"].lower() == "first" else 2
    return {"h": h, "y": int(m["y"]) if m["y"] else None, "dir": (m["dir"] or "this").lower()}


_SEASON = "|".join(SEASONS)


@rule(
    "season",
    "season",
    rf"(?:(?P<edge>early|late|mid-?)\s*)?(?:(?P<dir>this past|this coming|this|last|next|the coming|coming|the past|past|the)\s+)?(?P<s>{_SEASON})(?:\s+(?:of\s+)?(?P<y>{YEAR}))?(?!\s+of\s+(?!{YEAR}))",
)
def _season(m: re.Match[str]) -> dict[str, Any] | None:
    d = (m["dir"] or "").lower()
    if not (m["y"] or (d and d != "the") or m["edge"]):
        pre = m.string[max(0, m.start() - 10) : m.start()].lower().split()
        if not pre or pre[-1] not in ("in", "during", "since", "until", "by", "through", "over"):
            return None
    if d == "the" and not m["y"]:
        pre = m.string[max(0, m.start() - 10) : m.start()].lower().split()
        if not pre or pre[-1] not in ("in", "during", "since", "until", "by", "through", "over"):
            return None
    return {
        "s": SEASONS[m["s"].lower()],
        "dir": d.replace("the ", "") if d != "the" else "",
        "y": int(m["y"]) if m["y"] else None,
    }


# ---- days relative to the anchor ----------------------------------------------------------------------

_POD = "|".join(PARTS_OF_DAY)


@rule(
    "dayword",
    "dayrel",
    rf"(?:(?P<pre>earlier|later|late|early)\s+)?(?P<w>today|tonight|yesterday|tomorrow)(?:\s+(?P<part>{_POD}))?",
)
def _dayword(m: re.Match[str]) -> dict[str, Any] | None:
    w = m["w"].lower()
    off = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[w]
    part = "NI" if w == "tonight" else (PARTS_OF_DAY[m["part"].lower()] if m["part"] else None)
    return {"off": off, "part": part}


_SPOKEN_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"


@rule(
    "spoken_year",
    "year",
    rf"(?P<c>nineteen|eighteen|seventeen)(?:\s+hundred)?[\s-]+(?:(?P<t>{TENS})(?:[\s-]+(?P<o>{ONES}))?|(?P<teen>{_SPOKEN_TEENS}))|two\s+thousand(?:\s+and)?(?:[\s-]+(?P<o2>{ONES}|{_SPOKEN_TEENS}))?",
)
def _spoken_year(m: re.Match[str]) -> dict[str, Any] | None:
    if m["c"]:
        y = int(NUMBERS[m["c"].lower()]) * 100
        y += int(NUMBERS[m["t"].lower()]) if m["t"] else 0
        y += int(NUMBERS[m["o"].lower()]) if m["o"] else 0
        y += int(NUMBERS[m["teen"].lower()]) if m["teen"] else 0
    else:
        y = 2000 + (int(NUMBERS[m["o2"].lower()]) if m["o2"] else 0)
        pre = m.string[max(0, m.start() - 10) : m.start()].lower()
        if not re.search(r"(?:year|in|since|until|by)\s+(?:the\s+)?$", pre):
            return None
    return {"y": y, "explicit_pre": True}


@rule("day_before", "dayrel", r"the\s+day\s+(?P<w>before\s+yesterday|after\s+tomorrow)")
def _day_before(m: re.Match[str]) -> dict[str, Any] | None:
    return {"off": -2 if m["w"].lower().startswith("before") else 2, "part": None}


@rule("thispart", "dayrel", r"(?P<dir>this|last|the)\s+(?P<part>morning|afternoon|evening|night)")
def _thispart(m: re.Match[str]) -> dict[str, Any] | None:
    d = m["dir"].lower()
    part = PARTS_OF_DAY[m["part"].lower()]
    if d == "last":
        if part != "NI":
            return None
        return {"off": -1, "part": "NI"}
    if d == "the" and part == "NI":
        return None
    return {"off": 0, "part": part, "the_part": d == "the"}


@rule(
    "weekday",
    "weekday",
    rf"(?:(?P<pre>earlier|later|late|early)\s+)?(?:(?P<dir>this past|this coming|this|last|next|coming|past|the previous|the following)\s+)?(?P<wd>{WEEKDAY})(?:\s+(?P<part>{_POD}))?",
)
def _weekday(m: re.Match[str]) -> dict[str, Any] | None:
    wd = WEEKDAYS[m["wd"].lower().rstrip(".")]
    part = PARTS_OF_DAY[m["part"].lower()] if m["part"] else None
    d = (m["dir"] or "").lower()
    rel = d in ("the previous", "the following")
    d = {"the previous": "last", "the following": "next"}.get(d, d)
    return {"wd": wd, "dir": d, "part": part, "relative": rel}


@rule("thanksgiving", "nth_weekday", r"(?-i:Thanksgiving)(?:\s+(?-i:Day))?")
def _thanksgiving(m: re.Match[str]) -> dict[str, Any] | None:
    return {"m": 11, "wd": 4, "nth": 4}  # US: fourth Thursday of November


@rule("election_day", "nth_weekday", r"(?-i:Election\s+Day)")
def _election_day(m: re.Match[str]) -> dict[str, Any] | None:
    return {"m": 11, "wd": 2, "nth": 1, "from_day": 2}  # US: the Tuesday after the first Monday of November


@rule("year_ended", "dur", r"the\s+(?:fiscal\s+)?(?P<unit>year)(?=\s+(?:ended|ending|that\s+ended|to)\s)")
def _year_ended(m: re.Match[str]) -> dict[str, Any] | None:
    """'for the year ended Aug. 31': the twelve months before that date, a duration."""
    return {"n": 1, "unit": "Y"}


@rule("year_end", "year_end", r"(?:the\s+)?(?:year[- ]end|year's\s+end|the\s+end\s+of\s+the\s+year)")
def _year_end(m: re.Match[str]) -> dict[str, Any] | None:
    # "year-end" is the closing date (Dec. 31); "the end of the year" is its last stretch (see _narrow).
    return {"closing": "end of" not in m.group(0).lower()}


@rule(
    "holiday",
    "md",
    rf"(?P<h>{'|'.join(re.escape(h) for h in sorted(FIXED_HOLIDAYS, key=len, reverse=True))})",
)
def _holiday(m: re.Match[str]) -> dict[str, Any] | None:
    if not m["h"][0].isupper():
        return None
    mo, d = FIXED_HOLIDAYS[m["h"].lower().replace("’", "'")]
    return {"m": mo, "d": d}
