"""The time tagger: find temporal expressions (grammar.py + spaCy) and resolve them against an anchor
(resolve.py). Imported through `storyline.time`, which loads this module only when it is first used."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..nlp import load
from ..records import Timex
from ..syntax import doc_text
from . import calendar as cal
from .grammar import Cand, find_candidates, select
from .resolve import Context, Resolved, resolve
from .tense import tense_at

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["tag"]

TENSED_KINDS = frozenset({"md", "month", "weekday", "season", "quarter", "unitrel", "clock", "nth_weekday"})
NUMERIC_ENTS = frozenset({"CARDINAL", "MONEY", "QUANTITY", "PERCENT", "ORDINAL"})
# A date introduced by these words is a deadline or a start ("payable Dec. 7", "extended until Nov. 20"):
# it may lie after the anchor even in a past-tense clause, so the verb's tense is not used.
_OPEN_ENDED = re.compile(
    r"(?:\buntil|\btill|\bthrough|\bthru|\bby|\bpayable|\beffective|\brecord|\bstarting|\bbeginning|\bdue|\bas soon as|\bas early as|\bexpires?|\bdeadline of)\s+(?:on\s+|at\s+|in\s+)?$",
    re.I,
)
# A date that is the target of a change or a plan ("extended to Nov. 16", "set for Feb. 10", "pushed back
# to Jan. 9") may lie ahead even when the verb is past; a past event "on"/"in" a date never does.
_TARGET = re.compile(r"\b(?:to|for)\s+(?:early\s+|late\s+|mid-?\s*)?$", re.I)


def _vetoed(c: Cand, doc: Doc) -> bool:
    """Bare four-digit numbers that spaCy reads as quantities ("1800 troops") are not years."""
    if c.kind != "year" or c.data.get("explicit_pre"):
        return False
    span = doc.char_span(c.start, c.end, alignment_mode="expand")
    if span is None:
        return False
    ent = span[0].ent_type_
    if ent in NUMERIC_ENTS:
        return True
    nxt = doc[span.end] if span.end < len(doc) else None
    # "2000 people": a year is not counted.
    return nxt is not None and nxt.tag_ == "NNS" and span.root.dep_ == "nummod"


def _link_offsets(text: str, chosen: list[Cand], values: dict[int, Resolved]) -> list[Cand]:
    """'two months after Jan. 5' -> one DATE (Jan. 5 + P2M) spanning the phrase; relative to that date."""
    out: list[Cand] = []
    skip: set[int] = set()
    for i, c in enumerate(chosen):
        if i in skip:
            continue
        if (
            c.kind == "offset"
            and c.data["rel"] in ("after", "before")
            and c.data["n"] is not None
            and i + 1 < len(chosen)
        ):
            nxt = chosen[i + 1]
            between = text[c.end : nxt.start]
            rv = values.get(id(nxt))
            if (
                rv
                and rv.type == "DATE"
                and re.fullmatch(r"\s+(?:after|before)\s+(?:[\w'’-]+\s+){0,3}", between, re.I)
                and "\n" not in between
                and cal.granularity(rv.value) in ("D", "W", "M", "Y", "Q")
            ):
                start = cal.start_of(rv.value)
                if start is not None:
                    target = _shifted(start, c.data)
                    if target is not None:
                        gran = cal.granularity(rv.value) or "D"
                        merged = Cand(
                            c.start, nxt.end, "abs_value", {"v": cal.format_at(target, gran)}, "linked"
                        )
                        out.append(merged)
                        skip.add(i + 1)
                        continue
        out.append(c)
    return out


def _shifted(start: dt.date, offset: dict[str, object]) -> dt.date | None:
    """`start` moved by an offset's amount ("two months after"); None off the calendar or for clock units."""
    n, unit = offset["n"], offset["unit"]
    if unit not in ("D", "W", "M", "Q", "Y") or not isinstance(n, (int, float)):
        return None
    try:
        return cal.shift(start, n if offset["rel"] == "after" else -n, str(unit))
    except cal.OutOfRange:
        return None


def _is_comparison(c: Cand) -> bool:
    """'a year earlier', 'the year-ago quarter': a comparison point, not a new narrative time."""
    if c.kind == "yearago" or (c.kind == "offset" and c.data.get("rel") in ("earlier", "later")):
        return True
    return bool(c.data.get("yshift")) or str(c.data.get("det", "")).startswith("the year-")


_NEXT_DAY = re.compile(
    r"\s*(?:and|or|to|through|-|–)\s*(?P<d>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\b"
    r"(?!\s*(?:%|[.,:]\d|percent\b|million\b|billion\b|thousand\b|per\b|[a-z]+s\b))"
)


def _coordinated_days(text: str, doc: Doc, chosen: list[Cand], values: dict[int, Resolved]) -> list[Cand]:
    """'April 24 and 25', 'Nov. 2-3': the bare second day is a date in the same month and year.

    Not when spaCy reads the number as counting a noun ("on May 5 and 6 people died").
    """
    out: list[Cand] = []
    starts = [c.start for c in chosen]
    for i, c in enumerate(chosen):
        out.append(c)
        v = values[id(c)].value
        first = cal.day_of(v)
        if c.kind not in ("md", "abs") or first is None:
            continue
        m = _NEXT_DAY.match(text, c.end)
        if m is None or (i + 1 < len(starts) and starts[i + 1] < m.end()):
            continue
        tok = doc.char_span(m.start("d"), m.end("d"), alignment_mode="expand")
        if tok is not None and len(tok) and tok[0].dep_ == "nummod":
            continue
        day = int(m["d"])
        if day <= first.day:
            continue
        second = first.replace(day=day) if day <= cal.month_end(first.year, first.month).day else None
        if second is None:
            continue
        extra = Cand(m.start("d"), m.end("d"), "abs_value", {"v": second.isoformat()}, "coordinated_day")
        values[id(extra)] = Resolved("DATE", second.isoformat())
        out.append(extra)
    return out


def _weekday_with_date(text: str, chosen: list[Cand], values: dict[int, Resolved]) -> list[Cand]:
    """'Thursday, Jan. 6': one expression naming the date, whatever the tense says (TimeML tags it whole).

    Returns `chosen` with each such weekday and its date merged into one candidate; a weekday with a part
    of day ("Friday night, Jan. 7") stays separate and takes the date.
    """
    merged: dict[int, Cand] = {}
    for c, nxt in zip(chosen, chosen[1:], strict=False):
        if c.kind != "weekday" or id(c) not in values or id(nxt) not in values:
            continue
        # A date, not a clock time: "Sunday morning, 11:00 a.m." is two expressions (TIME and TIME).
        date = cal.day_of(values[id(nxt)].value) if values[id(nxt)].type == "DATE" else None
        if date is None or not re.fullmatch(r",?\s+(?:the\s+)?", text[c.end : nxt.start]):
            continue
        if nxt.kind == "md" and date.isoweekday() != c.data["wd"]:
            # The weekday settles the year of a yearless date: take the nearest year where they agree.
            for dy in (1, -1, 2, -2):
                try:
                    alt = date.replace(year=date.year + dy)
                except ValueError:
                    continue
                if alt.isoweekday() == c.data["wd"]:
                    date = alt
                    values[id(nxt)] = Resolved("DATE", alt.isoformat())
                    break
        values[id(c)] = Resolved(values[id(c)].type, date.isoformat() + values[id(c)].value[10:])
        if not c.data.get("part") and not c.data.get("dir"):
            whole = Cand(c.start, nxt.end, "abs_value", {"v": date.isoformat()}, "weekday_date")
            values[id(whole)] = Resolved("DATE", date.isoformat())
            merged[id(c)] = whole
            merged[id(nxt)] = whole
    out: list[Cand] = []
    for c in chosen:
        m = merged.get(id(c))
        if m is None:
            out.append(c)
        elif not out or out[-1] is not m:
            out.append(m)
    return out


def tag(text: str, anchor: dt.date | None, doc: Doc | None = None) -> list[Timex]:
    """All temporal expressions in `text`, resolved against `anchor` (publication date) when given.

    Without `doc` the text is parsed by the build's own loader (`storyline.nlp.load`), so `storyline
    timex`, the TempEval benchmark and `build` read the same parse.

    `doc` may be parsed from a masked copy of `text` (same length, excluded spans blanked): expressions
    are then searched in the masked text, so nothing inside a caption or teaser is returned, while
    offsets and `Timex.text` still index `text`.
    """
    original = text
    if doc is None:
        doc = load()(text)
    elif len(doc_text(doc)) == len(text):
        text = doc_text(doc)
    chosen = [c for c in select(list(find_candidates(text))) if not _vetoed(c, doc)]
    sent_of = _sentence_index(doc)
    written = _written_years(chosen)
    values: dict[int, Resolved] = {}
    reference: str | None = None
    last_quarter: tuple[int, str] | None = None  # (sentence index, value) of the last quarter mentioned
    for c in chosen:
        si = sent_of(c.start)
        tense = tense_at(doc, c.start, c.end) if c.kind in TENSED_KINDS else "unknown"
        before = text[max(0, c.start - 30) : c.start]
        if tense != "future" and (_OPEN_ENDED.search(before) or _TARGET.search(before)):
            tense = "open"
        # Financial copy compares quarters: "a year earlier" means the year-earlier quarter when a quarter
        # was named in this or one of the previous five sentences.
        quarter = last_quarter[1] if last_quarter and si - last_quarter[0] <= 5 else None
        known = _known_year(c, written) if tense in ("past", "unknown") or _premodifies(doc, c) else None
        ctx = Context(anchor, tense, reference, quarter, known)
        r = resolve(c, ctx)
        if r is None:
            continue
        values[id(c)] = r
        if (
            r.type in ("DATE", "TIME")
            and cal.granularity(r.value.split("T")[0]) is not None
            and "X" not in r.value
            and not _is_comparison(c)
        ):
            reference = r.value.split("T")[0]
            if cal.granularity(reference) == "Q" and (c.kind in ("quarter", "quarter_rel") or "q" in c.data):
                last_quarter = (si, reference)
    chosen = _coordinated_days(text, doc, [c for c in chosen if id(c) in values], values)
    chosen = _weekday_with_date(text, chosen, values)
    linked = _link_offsets(text, chosen, values)
    out: list[Timex] = []
    for c in linked:
        r = Resolved("DATE", c.data["v"]) if c.kind == "abs_value" else values[id(c)]
        out.append(_to_timex(original, c, r, anchor))
    return out


def _written_years(chosen: list[Cand]) -> dict[tuple[int, int | None], list[tuple[int, int]]]:
    """(month, day or None) -> [(offset, year)] of the dates the text writes with their year."""
    out: dict[tuple[int, int | None], list[tuple[int, int]]] = {}
    for c in chosen:
        d = c.data
        if c.kind == "abs" and isinstance(d.get("y"), int) and isinstance(d.get("m"), int):
            out.setdefault((d["m"], d.get("d")), []).append((c.start, d["y"]))
    return out


def _known_year(c: Cand, written: dict[tuple[int, int | None], list[tuple[int, int]]]) -> int | None:
    """The year of the same month-day ("25 June" beside "25 June 2009") or month written with its year
    elsewhere in the text: the only one, or the nearest earlier mention's."""
    if c.kind not in ("md", "month") or not isinstance(c.data.get("m"), int):
        return None
    found = written.get((c.data["m"], c.data.get("d") if c.kind == "md" else None), [])
    years = {y for _at, y in found}
    if len(years) == 1:
        return years.pop()
    earlier = [(at, y) for at, y in found if at < c.start]
    return max(earlier)[1] if earlier else None


def _premodifies(doc: Doc, c: Cand) -> bool:
    """A date before the noun it dates ("her 3 March resignation", "the 25 June death"): the noun's
    time, whatever the tense of the clause around it."""
    span = doc.char_span(c.start, c.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    root = span.root
    return root.dep_ in ("compound", "nmod", "amod", "poss") and root.head.pos_ == "NOUN" and root.head.i > root.i


def _sentence_index(doc: Doc) -> Callable[[int], int]:
    """Sentence number of a character offset."""
    starts = [s.start_char for s in doc.sents] if doc.has_annotation("SENT_START") else [0]

    def find(ch: int) -> int:
        return bisect.bisect_right(starts, ch) - 1

    return find


_EDGE = re.compile(
    r"(?:the\s+(?=early|late|mid))?(early|late|mid|the end of|the beginning of|the start of|the middle of)\b",
    re.I,
)


def _narrow(first: dt.date, last: dt.date, edge: str) -> tuple[str, str]:
    """'early 2023', 'late May', 'the end of the year': the first, middle or last third of the interval.

    TIMEX3 keeps the unit in `value` (mod START/MID/END); the interval says which part was meant.
    """
    days = (last - first).days + 1
    third = days // 3
    if days < 3:
        return first.isoformat(), last.isoformat()
    if edge in ("early", "the beginning of", "the start of"):
        return first.isoformat(), (first + dt.timedelta(days=third - 1)).isoformat()
    if edge in ("mid", "the middle of"):
        return (first + dt.timedelta(days=third)).isoformat(), (last - dt.timedelta(days=third)).isoformat()
    return (last - dt.timedelta(days=third - 1)).isoformat(), last.isoformat()


def _to_timex(text: str, c: Cand, r: Resolved, anchor: dt.date | None) -> Timex:
    first = last = None
    precision = "unknown"
    if r.type in ("DATE", "TIME"):
        if r.value == "PRESENT_REF" and anchor is not None:
            first = last = anchor.isoformat()
        iv = cal.interval(r.value)
        if iv is not None:
            first, last, precision = iv[0].isoformat(), iv[1].isoformat(), iv[2]
        if r.first and r.last:
            first, last = r.first.isoformat(), r.last.isoformat()
        elif first and last and (m := _EDGE.match(text[c.start : c.end])):
            first, last = _narrow(dt.date.fromisoformat(first), dt.date.fromisoformat(last), m[1].lower())
    return Timex(
        start=c.start,
        end=c.end,
        text=text[c.start : c.end],
        type=r.type,
        value=r.value,
        first_day=first,
        last_day=last,
        precision=precision,
        article=None,
    )
