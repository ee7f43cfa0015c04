"""Candidate temporal expressions found by regular expressions (own rules, in the spirit of HeidelTime).

spaCy's small model misses many news time expressions ("the 17-month-long war" is found, "a year
earlier" or "third-quarter" often not) and gives no normalisation, so extents come from these patterns;
spaCy is used to veto bare numbers that it reads as quantities and for tense (see tense.py).
Each rule yields a `Cand` with a `kind` and the parts the resolver needs; extents follow TimeML
(leading prepositions excluded; determiners, modifiers such as "early", "nearly", and "ago" included).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from .lexicon import (
    DECADE_WORDS,
    FIXED_HOLIDAYS,
    MONTHS,
    NUMBERS,
    ORDINALS,
    PARTS_OF_DAY,
    SEASONS,
    UNITS,
    VAGUE_QUANTITIES,
    WEEKDAYS,
)


@dataclass
class Cand:
    start: int
    end: int
    kind: str
    data: dict[str, Any] = field(default_factory=dict)
    rule: str = ""


def _cased(words: list[str]) -> str:
    """Alternation that only accepts Title Case or UPPER CASE forms (so 'may' and 'march' verbs are skipped)."""
    forms: list[str] = []
    for w in sorted(words, key=len, reverse=True):
        forms += [w.capitalize(), w.upper()]
    return "(?-i:" + "|".join(re.escape(f) for f in forms) + ")"


_MONTH_FULL = [m for m in MONTHS if len(m) > 4 or m in ("may", "june", "july")]
_MONTH_ABBR = [m for m in MONTHS if m not in _MONTH_FULL]
MONTH = rf"(?:{_cased(_MONTH_FULL)}|{_cased(_MONTH_ABBR)}\.?(?=\s*\d)|{_cased(_MONTH_ABBR)}\.)"
_WD_FULL = [w for w in WEEKDAYS if w.endswith("day")]
_WD_ABBR = ["mon", "tue", "tues", "wed", "thu", "thurs", "fri", "sat", "sun"]
WEEKDAY = rf"(?:{_cased(_WD_FULL)}|{_cased(_WD_ABBR)}\.)"
DAYNUM = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?:1[0-9]\d\d|20\d\d)"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_ONES = "one|two|three|four|five|six|seven|eight|nine"
_WORDNUMS = sorted((k for k in NUMBERS if k not in ("a", "an")), key=len, reverse=True)
NUM = (
    r"(?:\d+\s+1/2|\d+(?:[.,]\d+)?|(?:"
    + _TENS
    + r")(?:[- ](?:"
    + _ONES
    + r"))?|"
    + "|".join(re.escape(w) for w in _WORDNUMS)
    + "|"
    + "|".join(re.escape(w) for w in VAGUE_QUANTITIES)
    + r"|an?)"
)
UNIT = r"(?:second|minute|hour|day|night|week|fortnight|month|quarter|year|decade|centur(?:y|ie)|millenni(?:um|a))"
APPROX = (
    r"(?:about|around|nearly|almost|roughly|approximately|some|more than|less than|fewer than|over|under|"
    r"at least|at most|up to|no more than|no less than|well over|just over|just under|only|barely|"
    r"a full|a little over|a little more than|close to|upwards of)"
)
DIR = r"(?:this past|this coming|this|last|next|the coming|coming|the past|past|the previous|previous|the following)"
EDGE = r"(?:early|late|mid-?|the end of|the beginning of|the start of|the middle of|the rest of|the remainder of)"
QORD = r"(?:first|second|third|fourth|1st|2nd|3rd|4th)"

ORD_WORDS = "|".join(sorted(ORDINALS, key=len, reverse=True))


def parse_number(s: str) -> float | None:
    """Numeric value of a quantity word or figure; None when vague ('several', 'a few')."""
    s = s.lower().strip().replace("-", " ")
    if s in VAGUE_QUANTITIES:
        return None
    if m := re.fullmatch(r"(\d+)\s+1/2", s):
        return int(m[1]) + 0.5
    if re.fullmatch(r"\d+(?:[.,]\d+)?", s):
        return (
            float(s.replace(",", ""))
            if "," in s and len(s.split(",")[-1]) == 3
            else float(s.replace(",", "."))
        )
    if s in NUMBERS:
        return NUMBERS[s]
    parts = s.split()
    if len(parts) == 2 and parts[0] in NUMBERS and parts[1] in NUMBERS:
        return NUMBERS[parts[0]] + NUMBERS[parts[1]]
    return None


def unit_code(u: str) -> str:
    u = u.lower()
    if u.endswith("s") and u[:-1] in UNITS:
        u = u[:-1]
    if u.startswith("centur"):
        return "CE"
    if u.startswith("millenni"):
        return "ML"
    return UNITS.get(u, "Y")


Handler = Callable[[re.Match[str]], dict[str, Any] | None]


@dataclass
class Rule:
    name: str
    kind: str
    pattern: re.Pattern[str]
    handler: Handler


RULES: list[Rule] = []


def rule(name: str, kind: str, pattern: str) -> Callable[[Handler], Handler]:
    """Register a pattern (case-insensitive, word-bounded) and the function that reads its groups."""

    def deco(fn: Handler) -> Handler:
        RULES.append(Rule(name, kind, re.compile(r"(?<![\w-])" + pattern + r"(?![\w])", re.I), fn))
        return fn

    return deco


def _month(s: str) -> int:
    return MONTHS[s.lower().rstrip(".")]


def _day(s: str) -> int:
    return int(re.sub(r"\D", "", s))


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
    return {"y": int(m["y"]), "m": _month(m["mon"]), "d": _day(m["d"])}


@rule(
    "dmy", "abs", _WD_PREFIX + rf"(?:the\s+)?(?P<d>{DAYNUM})\s+(?:of\s+)?(?P<mon>{MONTH}),?\s+(?P<y>{YEAR})"
)
def _dmy(m: re.Match[str]) -> dict[str, Any] | None:
    return {"y": int(m["y"]), "m": _month(m["mon"]), "d": _day(m["d"])}


@rule("md", "md", _WD_PREFIX + rf"(?P<mon>{MONTH})\s*(?P<d>{DAYNUM})(?!\s*[,.]?\d)(?!\s*%)")
def _md(m: re.Match[str]) -> dict[str, Any] | None:
    return {"m": _month(m["mon"]), "d": _day(m["d"])}


@rule("dm", "md", _WD_PREFIX + rf"(?:the\s+)?(?P<d>{DAYNUM})\s+(?:of\s+)?(?P<mon>{MONTH})")
def _dm(m: re.Match[str]) -> dict[str, Any] | None:
    return {"m": _month(m["mon"]), "d": _day(m["d"])}


@rule("my", "abs", rf"(?:(?P<edge>{EDGE})\s*)?(?P<mon>{MONTH}),?\s+(?:of\s+)?(?P<y>{YEAR})(?!\s*[-–]\d)")
def _my(m: re.Match[str]) -> dict[str, Any] | None:
    return {"y": int(m["y"]), "m": _month(m["mon"])}


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
        if not pre or pre[-1] not in (
            "in",
            "of",
            "since",
            "until",
            "by",
            "from",
            "to",
            "through",
            "during",
            "before",
            "after",
            "early",
            "late",
            "and",
            "or",
        ):
            return None
    d = (m["dir"] or "").lower().replace("the ", "")
    yr = (m["yr"] or "").lower()
    return {"m": _month(mon), "dir": d, "yshift": {"last": -1, "next": 1, "this": 0}.get(yr)}


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
    rf"(?P<c>nineteen|eighteen|seventeen)(?:\s+hundred)?[\s-]+(?:(?P<t>{_TENS})(?:[\s-]+(?P<o>{_ONES}))?|(?P<teen>{_SPOKEN_TEENS}))|two\s+thousand(?:\s+and)?(?:[\s-]+(?P<o2>{_ONES}|{_SPOKEN_TEENS}))?",
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


# ---- units relative to the anchor ("last week", "earlier this year") ----------------------------------


_PERIOD_PARTS = frozenset(
    {"months", "weeks", "days", "quarter", "quarters", "half", "part", "end", "start", "beginning", "rest",
     "remainder", "middle", "course", "balance", "bulk", "period"}
)  # fmt: skip


@rule(
    "unitrel",
    "unitrel",
    rf"(?:(?P<edge>earlier|later|early|late|{EDGE})\s*(?P<in>in\s+)?)?(?:(?P<dir>this|last|next|the coming|the current|the full|the latest|the past|the previous|the following|the prior|this past|past|previous|coming|the|that|the same)\s+)"
    r"(?P<unit>week|weekend|month|year|fiscal year|decade|day)",
)
def _unitrel(m: re.Match[str]) -> dict[str, Any] | None:
    d = m["dir"].lower()
    edge = (m["edge"] or "").lower()
    unit = m["unit"].lower()
    if d in ("the", "the same") and not (edge or unit == "weekend"):
        # "a high for the year", "the first nine months of the year", "the week's busiest session": the
        # current unit, when a preposition or possessive makes it a time ("the year before" is not).
        pre = m.string[max(0, m.start() - 24) : m.start()].lower().split()
        post = m.string[m.end() : m.end() + 14].lower()
        # "of the year" only after a part of a period ("months of the year"; "player of the year" is a title)
        of_part = len(pre) >= 2 and pre[-1] == "of" and pre[-2] in _PERIOD_PARTS
        if not (
            d == "the"
            and unit in ("year", "fiscal year", "week")
            and (
                post.startswith("'s")
                or of_part
                or (pre and pre[-1] in ("for", "during", "through", "throughout"))
            )
            and not re.match(
                r"\s*(?:before|after|earlier|later|ago|that|when|in which|ended|ending|to\b)", post
            )
        ):
            return None
        d = "this"
    if unit == "day" and d not in ("that", "the same"):
        return None
    code = {
        "day": "D",
        "week": "W",
        "weekend": "WE",
        "month": "M",
        "year": "Y",
        "fiscal year": "Y",
        "decade": "DE",
    }[unit]
    d = {"the full": "this", "the latest": "this"}.get(d, d)
    return {"unit": code, "dir": d.replace("the ", "") if d not in ("the", "the same") else d, "edge": edge}


@rule(
    "yearago",
    "yearago",
    r"(?P<w>the\s+year-(?:earlier|ago)|year-(?:earlier|ago)|a\s+year\s+(?:earlier|ago))(?:\s+(?P<n>quarter|period))?",
)
def _yearago(m: re.Match[str]) -> dict[str, Any] | None:
    if m["n"] is None and m["w"].lower().startswith("the"):
        return {"_start": m.start("w") + 4}
    return {}


# ---- durations and relative offsets ---------------------------------------------------------------------


@rule(
    "offset",
    "offset",
    rf"(?:(?P<approx>{APPROX})\s+)?(?P<n>{NUM})\s*(?:-|\s)?\s*(?:more\s+|full\s+|additional\s+|consecutive\s+|straight\s+)?(?P<unit>{UNIT})s?(?:\s+or\s+so)?\s+(?P<rel>ago|earlier|later|before|after|from now|hence|since)",
)
def _offset(m: re.Match[str]) -> dict[str, Any] | None:
    rel = m["rel"].lower()
    n = parse_number(m["n"])
    out: dict[str, Any] = {"n": n, "unit": unit_code(m["unit"]), "rel": rel, "approx": bool(m["approx"])}
    if rel in ("before", "after", "since"):
        out["_end"] = m.start("rel") - 1  # TimeML leaves the preposition out
    return out


@rule(
    "duration",
    "dur",
    rf"(?:(?:the|each of the|at least the|(?P<approx>{APPROX}))\s+)?(?:(?:past|last|next|first|final|coming|previous|following|initial|latest|remaining|same|entire|whole|full)\s+)?"
    rf"(?P<n>{NUM})\s*(?:-|\s)?\s*(?:more\s+|full\s+|additional\s+|consecutive\s+|straight\s+)?(?P<unit>{UNIT})s?(?P<long>-long)?(?!-old|\s+old\b)",
)
def _duration(m: re.Match[str]) -> dict[str, Any] | None:
    n_txt = m["n"].lower()
    text = m.group(0).lower()
    if n_txt in ("a", "an") and not (m["approx"] or m["long"]):
        # "a year" alone: "for a year" is a duration; "$5 a year" is a rate; keep the former only.
        pre = m.string[max(0, m.start() - 8) : m.start()].lower().split()
        if (
            not text.startswith(("the ", "a ", "an "))
            or not pre
            or pre[-1]
            not in (
                "for",
                "in",
                "within",
                "over",
                "than",
                "after",
                "than",
                "about",
                "nearly",
                "almost",
                "spent",
                "took",
                "lasted",
                "take",
            )
        ):
            if not pre or pre[-1] not in (
                "for",
                "within",
                "over",
                "nearly",
                "almost",
                "about",
                "after",
                "in",
            ):
                return None
    if n_txt in ("some", "many") and not m["approx"]:
        return None
    after = m.string[m.end() : m.end() + 4].lower()
    if m["unit"].lower().startswith("quarter") and (
        after.startswith(" of") or m.group(0).lower().endswith("quarters") and "-" in m.group(0)
    ):
        return None  # "three-quarters of its food", "a quarter of the market": fractions
    if re.fullmatch(r"1\d{3}|20\d\d", n_txt) and not m.group("unit").lower().endswith("s"):
        return None  # "the 1988 second quarter", "the 1988 period": a year, not a count
    out: dict[str, Any] = {"n": parse_number(m["n"]), "unit": unit_code(m["unit"])}
    if (
        re.match(r"-", m.string[m.end("n") : m.start("unit")])
        and text.startswith(("the ", "a ", "an "))
        and not m["approx"]
    ):
        out["_start"] = m.start("n")  # "the 17-month-long war": the article belongs to the noun
    return out


@rule(
    "plural_dur",
    "dur",
    r"(?P<unit>years|months|weeks|days|decades|hours|minutes|centuries)(?!\s+(?:of\s+(?:age|the)|old|later|earlier|ago|before|after))",
)
def _plural_dur(m: re.Match[str]) -> dict[str, Any] | None:
    pre = m.string[max(0, m.start() - 8) : m.start()].lower().split()
    # "for years", "within weeks"; "in years" only closing a clause ("the first gain in years.")
    closes = re.match(r"\s*(?:[.,;:!?)]|$)", m.string[m.end() : m.end() + 2]) is not None
    if not pre or not (pre[-1] in ("for", "within", "over") or (pre[-1] == "in" and closes)):
        return None
    return {"n": None, "unit": unit_code(m["unit"])}


@rule("decades_long", "dur", r"(?P<unit>years|months|weeks|days|decades|centuries)-long")
def _decades_long(m: re.Match[str]) -> dict[str, Any] | None:
    return {"n": None, "unit": unit_code(m["unit"])}


# ---- clock times -----------------------------------------------------------------------------------------


@rule(
    "clock",
    "clock",
    r"(?P<h>1[0-2]|0?[1-9])(?::(?P<mi>[0-5]\d))?\s*(?P<ap>a\.m\.?|p\.m\.?|am\b|pm\b)(?:\s+(?P<tz>[ECMP][SD]T|GMT|UTC|local time))?"
    rf"(?:,?\s+(?:on\s+)?(?:(?P<wd>{WEEKDAY}|today|yesterday|tomorrow)|(?P<mon>{MONTH})\s*(?P<d>{DAYNUM})(?!\d)))?",
)
def _clock(m: re.Match[str]) -> dict[str, Any] | None:
    h = int(m["h"]) % 12 + (12 if m["ap"].lower().startswith("p") else 0)
    md = (_month(m["mon"]), _day(m["d"])) if m["mon"] else None
    return {"h": h, "mi": int(m["mi"] or 0), "wd": m["wd"], "md": md}


@rule("noon", "clock", rf"(?P<w>noon|midnight|midday)(?:\s+(?P<wd>{WEEKDAY}|today|yesterday|tomorrow))?")
def _noon(m: re.Match[str]) -> dict[str, Any] | None:
    return {"h": 24 if m["w"].lower() == "midnight" else 12, "mi": 0, "wd": m["wd"]}


# ---- reference words and sets ------------------------------------------------------------------------------


@rule(
    "ref",
    "ref",
    r"(?P<w>now|currently|nowadays|presently|at present|these days|recently|lately|the past|recent years|recent decades|"
    r"the future|the near future|the distant future|future|a later date|the (?:near|short|long) term|as soon as possible|(?:the\s+)?coming (?:days|weeks|months|years)|the days ahead|the weeks ahead|the months ahead|the years ahead|"
    r"recent (?:days|weeks|months)|(?:recent|coming|future) quarters|current|recent|once again|this time|the time)",
)
def _ref(m: re.Match[str]) -> dict[str, Any] | None:
    w = m["w"].lower()
    after = m.string[m.end() : m.end() + 12].lower()
    before = m.string[max(0, m.start() - 12) : m.start()].lower()
    if w in ("once again", "this time", "the time"):
        return None
    if w == "now" and after.startswith("-"):
        return None
    if w == "the past" and not before.rstrip().endswith(("in", "of")):
        return None
    if w in ("current", "recent"):
        return None
    if w.endswith("quarters"):
        return {"v": "PAST_REF" if w.startswith("recent") else "FUTURE_REF"}
    if w == "future" and not before.rstrip().endswith(("the", "in")):
        return None
    if w.startswith("recent ") and w.split()[1] in ("days", "weeks", "months"):
        return {"v": None, "unit": unit_code(w.split()[1])}
    if w in ("now", "currently", "nowadays", "presently", "at present", "these days"):
        return {"v": "PRESENT_REF"}
    if w in (
        "recently",
        "lately",
        "in the past",
        "the past",
        "recent years",
        "recent decades",
    ):
        return {"v": "PAST_REF"}
    return {"v": "FUTURE_REF"}


@rule(
    "set",
    "set",
    r"(?P<w>daily|weekly|monthly|nightly|hourly|biweekly|every\s+(?:other\s+)?(?:day|week|month|year|morning|night|evening|quarter)|each\s+(?:day|week|month|year)|per\s+(?:day|week|month|year))",
)
def _set(m: re.Match[str]) -> dict[str, Any] | None:
    w = m["w"].lower()
    w = {
        "daily": "day",
        "nightly": "night",
        "hourly": "hour",
        "annually": "year",
        "yearly": "year",
        "weekly": "week",
        "monthly": "month",
        "biweekly": "other week",
    }.get(w, w)
    for key, val in (("hour", "PT1H"), ("day", "P1D"), ("night", "P1D"), ("morning", "P1D"), ("evening", "P1D"),
                     ("week", "P1W"), ("month", "P1M"), ("quarter", "P3M"), ("annual", "P1Y"), ("year", "P1Y")):  # fmt: skip
        if key in w:
            if w.startswith("a ") and not re.search(
                r"[\d$€£%]|\bpercent\b|\bmillion\b|\bbillion\b|\btimes\b",
                m.string[max(0, m.start() - 25) : m.start()],
            ):
                return None
            if "other" in w:
                val = val.replace("1", "2")
            return {"v": val}
    return None


def find_candidates(text: str) -> Iterator[Cand]:
    """Every rule match (overlapping); the caller keeps the longest non-overlapping ones."""
    for r in RULES:
        for m in r.pattern.finditer(text):
            data = r.handler(m)
            if data is None:
                continue
            start, end = data.pop("_start", m.start()), data.pop("_end", m.end())
            # Trailing possessive or punctuation is never part of the extent ("1970's" is a decade, and
            # "a.m." or "Sept." keep their period).
            span = text[start:end].rstrip()
            keep = span.endswith(("a.m.", "p.m.")) or re.search(r"\b[A-Z][a-z]{1,3}\.$", span)
            pattern = r"[,.]$" if r.kind == "decade" else r"(?:['’]s|[,.])$"
            stripped = span if keep else re.sub(pattern, "", span)
            end = start + len(stripped)
            yield Cand(start, end, r.kind, data, r.name)


def select(cands: list[Cand]) -> list[Cand]:
    """Longest-first, non-overlapping choice; ties go to the earlier rule."""
    order = {r.name: i for i, r in enumerate(RULES)}
    chosen: list[Cand] = []
    taken: list[tuple[int, int]] = []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), order.get(c.rule, 99), c.start)):
        if any(c.start < e and s < c.end for s, e in taken):
            continue
        chosen.append(c)
        taken.append((c.start, c.end))
    return sorted(chosen, key=lambda c: c.start)
