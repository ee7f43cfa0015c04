"""Time-grammar rules for spans and relative times: "last week", "two years ago", durations, clock
times, reference words ("now", "recently") and sets ("every week"); registered after the `date_rules`."""

from __future__ import annotations

import re
from typing import Any

from ..lexicon import words
from .patterns import (
    APPROX,
    DAYNUM,
    EDGE,
    MONTH,
    NUM,
    UNIT,
    WEEKDAY,
    day_number,
    month_number,
    parse_number,
    rule,
    unit_code,
)

# ---- units relative to the anchor ("last week", "earlier this year") ----------------------------------


_PERIOD_PARTS = words("period_part_nouns")


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
            or pre[-1] not in words("duration_article_cues")
        ):
            if not pre or pre[-1] not in words("duration_bare_cues"):
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
    md = (month_number(m["mon"]), day_number(m["d"])) if m["mon"] else None
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
