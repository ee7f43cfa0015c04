"""Expressions whose date leaves the calendar (years 1-9999) resolve to a value, never an exception.

Each of these once stopped a whole build: one article's time expression raised and nothing was built.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Callable

import pytest

from storyline.records import Timex
from storyline.time import calendar as cal
from storyline.time import cli, tag

D = dt.date
Find = Callable[[str, dt.date | None, str], Timex]


@pytest.fixture
def timex_cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Callable[..., list]:
    """`storyline timex --anchor ANCHOR -` on `text` (in-process), its JSON lines parsed."""

    def run(text: str, anchor: str) -> list[dict[str, object]]:
        monkeypatch.setattr("sys.stdin", io.StringIO(text))
        assert cli.main(["--anchor", anchor, "-"]) == 0
        return [json.loads(line) for line in capsys.readouterr().out.splitlines()]

    return run


# --- issue 8 repro 1: "N years ago" before year 1 ---------------------------------------------------------


def test_years_ago_before_year_one_is_past_ref(find: Find) -> None:
    t = find("humans lived here 125,000 years ago.", D(2011, 2, 1), "125,000 years ago")
    assert (t.type, t.value, t.first_day, t.last_day, t.precision) == (
        "DATE",
        "PAST_REF",
        None,
        None,
        "unknown",
    )


def test_years_ago_repro_through_the_cli(timex_cli: Callable[..., list]) -> None:
    rows = timex_cli("humans lived here 125,000 years ago.\n", "2011-02-01")
    assert [(r["text"], r["type"], r["value"]) for r in rows] == [("125,000 years ago", "DATE", "PAST_REF")]


@pytest.mark.parametrize(
    ("text", "needle", "value", "first", "precision"),
    [
        # still on the calendar: a year-precision value
        ("It was built 2,000 years ago.", "2,000 years ago", "0011", "0011-01-01", "year"),
        ("It was built 2,010 years ago.", "2,010 years ago", "0001", "0001-01-01", "year"),
        # off it: only the direction is known
        ("It was built 2,011 years ago.", "2,011 years ago", "PAST_REF", None, "unknown"),
        ("Ice covered it 50 centuries ago.", "50 centuries ago", "PAST_REF", None, "unknown"),
        ("Ice covered it 1,000 decades ago.", "1,000 decades ago", "PAST_REF", None, "unknown"),
        ("The sun will fade 10,000 years from now.", "10,000 years from now", "FUTURE_REF", None, "unknown"),
        (
            "It began 99999999999999999999 days ago.",
            "99999999999999999999 days ago",
            "PAST_REF",
            None,
            "unknown",
        ),
    ],
)
def test_offsets_off_the_calendar(
    find: Find, text: str, needle: str, value: str, first: str | None, precision: str
) -> None:
    t = find(text, D(2011, 2, 1), needle)
    assert (t.type, t.value, t.first_day, t.precision) == ("DATE", value, first, precision)


def test_huge_figure_is_an_unspecified_duration(find: Find) -> None:
    t = find("It lasted " + "9" * 400 + " days.", D(2011, 2, 1), "9" * 400 + " days")
    assert (t.type, t.value) == ("DURATION", "PXD")


# --- issue 8 repro 2: weekday + clock time ------------------------------------------------------------------


def test_weekday_part_of_day_and_clock_time() -> None:
    text = "Join us Sunday morning, 11:00 a.m. Eastern.\n"
    got = [(t.text, t.type, t.value, t.first_day) for t in tag(text, D(2011, 1, 30))]
    assert got == [
        ("Sunday morning", "TIME", "2011-01-30TMO", "2011-01-30"),
        ("11:00 a.m.", "TIME", "2011-01-30T11:00", "2011-01-30"),
    ]


def test_weekday_clock_repro_through_the_cli(timex_cli: Callable[..., list]) -> None:
    rows = timex_cli("Join us Sunday morning, 11:00 a.m. Eastern.\n", "2011-01-30")
    assert [r["value"] for r in rows] == ["2011-01-30TMO", "2011-01-30T11:00"]


def test_weekday_then_clock_time_stays_two_expressions() -> None:
    got = [(t.text, t.value) for t in tag("The vote was Sunday, 11 a.m. at the hall.", D(2011, 1, 31))]
    assert got == [("Sunday", "2011-01-30"), ("11 a.m.", "2011-01-30T11:00")]


# --- anchors at the ends of the calendar ------------------------------------------------------------------

EDGE_TEXT = (
    "Last week, next month, this year and next year; on Friday, in March, on Dec. 31 and Jan. 1; "
    "the next decade, next century, two years ago, a year earlier, tomorrow at 9 a.m., this winter, "
    "next spring, the weekend, Thanksgiving, the third quarter, last quarter, the second half of next year."
)


@pytest.mark.parametrize("anchor", [dt.date.min, D(1, 1, 7), D(9999, 12, 25), dt.date.max])
def test_anchor_at_the_calendar_ends(anchor: dt.date) -> None:
    found = tag(EDGE_TEXT, anchor)
    assert found
    for t in found:
        assert EDGE_TEXT[t.start : t.end] == t.text
        assert (t.first_day is None) == (t.last_day is None)


def test_next_year_after_9999_keeps_x(find: Find) -> None:
    assert find("Talks resume next year.", dt.date.max, "next year").value == "XXXX"


# --- calendar helpers -------------------------------------------------------------------------------------------


def test_shift_off_the_calendar_raises_out_of_range() -> None:
    with pytest.raises(cal.OutOfRange):
        cal.shift(D(2011, 2, 1), -125_000, "Y")
    with pytest.raises(cal.OutOfRange):
        cal.shift(dt.date.max, 1, "D")
    with pytest.raises(cal.OutOfRange):
        cal.add_months(D(9999, 12, 1), 1)
    assert cal.shift(D(2011, 2, 1), -2010, "Y") == D(1, 2, 1)


@pytest.mark.parametrize(
    "value", ["0000", "0000-01", "0000-Q1", "0000-SP", "9999-WI", "2021-W53", "0000-01-01"]
)
def test_interval_of_a_value_no_day_can_hold_is_none(value: str) -> None:
    assert cal.interval(value) is None


def test_day_of_reads_time_values() -> None:
    assert cal.day_of("2011-01-30T11:00") == D(2011, 1, 30)
    assert cal.day_of("2011-01-30TMO") == D(2011, 1, 30)
    assert cal.day_of("2011-01") is None
    assert cal.day_of("2011-02-30") is None
