"""Building blocks of the time grammar: the candidate record, the rule registry and the shared patterns.

The rules themselves live in `date_rules` (calendar dates, years, quarters, seasons, days, weekdays,
holidays) and `span_rules` (relative units, offsets, durations, clock times, reference words, sets);
`grammar` runs them. Rules are registered in import order, which is also their tie-break order.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .lexicon import (
    MONTHS,
    NUMBERS,
    ORDINALS,
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
_WD_ABBR = [w for w in WEEKDAYS if w not in _WD_FULL]
WEEKDAY = rf"(?:{_cased(_WD_FULL)}|{_cased(_WD_ABBR)}\.)"
DAYNUM = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?:1[0-9]\d\d|20\d\d)"
TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
ONES = "one|two|three|four|five|six|seven|eight|nine"
_WORDNUMS = sorted((k for k in NUMBERS if k not in ("a", "an")), key=len, reverse=True)
NUM = (
    r"(?:\d+\s+1/2|\d+(?:[.,]\d+)?|(?:"
    + TENS
    + r")(?:[- ](?:"
    + ONES
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
        n = (
            float(s.replace(",", ""))
            if "," in s and len(s.split(",")[-1]) == 3
            else float(s.replace(",", "."))
        )
        return n if math.isfinite(n) else None  # a 400-digit figure is no count of anything
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


def month_number(s: str) -> int:
    """Month number of a month name or abbreviation ("Sept." -> 9)."""
    return MONTHS[s.lower().rstrip(".")]


def day_number(s: str) -> int:
    """Day of the month written with or without an ordinal suffix ("3rd" -> 3)."""
    return int(re.sub(r"\D", "", s))
