"""storyline.time.tag: what is tagged and its extent (the grammar rules), for the expressions news uses."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from storyline.records import Timex
from storyline.time import tag

D = dt.date
Find = Callable[[str, dt.date | None, str], Timex]


def test_weekday_extent_leaves_out_preposition(find: Find) -> None:
    t = find("Kirby on Wednesday accused Pyongyang.", D(2022, 11, 2), "Wednesday")
    assert (t.start, t.end) == (9, 18)


# --- durations are never dates ------------------------------------------------------------------------------

DURATIONS = [
    ("Moscow has waged the 17-month-long Ukraine war.", "17-month-long", "P17M"),
    ("The ceasefire held for two years.", "two years", "P2Y"),
    ("Drones have been used for nearly a year.", "nearly a year", "P1Y"),
    ("The siege lasted 10 days.", "10 days", "P10D"),
    ("After a five-hour meeting, they left.", "five-hour", "PT5H"),
    ("The conflict has run for two decades.", "two decades", "P20Y"),
    ("Rates were cut over the past two quarters.", "the past two quarters", "P2Q"),
]


@pytest.mark.parametrize(("text", "needle", "value"), DURATIONS)
def test_durations(find: Find, text: str, needle: str, value: str) -> None:
    t = find(text, D(2023, 8, 4), needle)
    assert (t.type, t.value, t.first_day, t.last_day) == ("DURATION", value, None, None)


def test_duration_before_event_keeps_duration(find: Find) -> None:
    t = find(
        "The White House revealed it nearly two months after first alleging it.",
        D(2022, 11, 2),
        "nearly two months",
    )
    assert (t.type, t.value) == ("DURATION", "P2M")


# --- explicit dates -------------------------------------------------------------------------------------------------

EXPLICIT = [
    ("Nov. 2, 2022", "2022-11-02"),
    ("April 25, 2019", "2019-04-25"),
    ("2022-11-02", "2022-11-02"),
    ("2 November 2022", "2022-11-02"),
    ("Sept. 30, 1989", "1989-09-30"),
]


@pytest.mark.parametrize(("needle", "value"), EXPLICIT)
def test_explicit_dates(find: Find, needle: str, value: str) -> None:
    t = find(f"The leaders met on {needle} in Vladivostok.", D(2023, 8, 30), needle)
    assert (t.type, t.value, t.first_day, t.precision) == ("DATE", value, value, "day")


def test_month_year(find: Find) -> None:
    t = find("Inflation peaked in July 1997 across Asia.", D(2023, 8, 4), "July 1997")
    assert (t.value, t.first_day, t.last_day) == ("1997-07", "1997-07-01", "1997-07-31")


WEEKDAY_DATES = [
    # One expression: the date decides, even where the tense would have pointed elsewhere.
    ("The paper said in an editorial on Saturday, April 25: the court erred.", D(1998, 4, 24),
     "Saturday, April 25", "1998-04-25"),
    ("The paper said in an editorial on Monday, Oct. 26: the court erred.", D(1998, 10, 25),
     "Monday, Oct. 26", "1998-10-26"),
    ("Shares fell on Friday Oct. 13 after the buyout collapsed.", D(1989, 10, 27), "Friday Oct. 13", "1989-10-13"),
    ("The vote was held on Tuesday, Nov. 8, 2022, in all states.", D(2023, 1, 5), "Tuesday, Nov. 8, 2022",
     "2022-11-08"),
    # The weekday settles the year of a yearless date written a year boundary away.
    ("The accord was signed on Friday, Dec. 30, officials said.", D(2023, 1, 20), "Friday, Dec. 30", "2022-12-30"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "anchor", "needle", "value"), WEEKDAY_DATES)
def test_weekday_with_date_is_one_expression(
    find: Find, text: str, anchor: dt.date, needle: str, value: str
) -> None:
    t = find(text, anchor, needle)
    assert (t.type, t.value, t.first_day, t.precision) == ("DATE", value, value, "day")


def test_weekday_with_part_of_day_stays_separate(find: Find) -> None:
    t = find("Crowds gathered on Friday night, Jan. 7, in the plaza.", D(2000, 1, 8), "Friday night")
    assert (t.type, t.value) == ("TIME", "2000-01-07TNI")


# --- things that are not time expressions ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "May I ask a question?",
        "Protesters march on the capital.",
        "The fall of the city shocked the world.",
        "Iraq imports about three-quarters of its food.",
        # discourse adverbs, not times a reader can place (rarely annotated in TimeBank either)
        "Pyongyang has previously denied this.",
        "The building formerly housed a bank.",
        # "Oct." alone is not a month when a day follows it (the day is found: see test_month_day_after_last)
    ],
)
def test_not_time(text: str) -> None:
    assert tag(text, D(2023, 8, 4)) == []


def test_offsets_index_the_text() -> None:
    text = (
        "On Wednesday, Kirby said North Korea shipped shells in September, nearly two months after warning."
    )
    for t in tag(text, D(2022, 11, 2)):
        assert text[t.start : t.end] == t.text
        assert t.article is None


def test_masked_doc_hides_excluded_spans() -> None:
    """The pipeline parses a masked copy (captions blanked, same length); nothing is tagged under the mask."""
    from storyline.nlp import load

    text = "Putin and Kim meet in Vladivostok on April 25, 2019.\nKirby spoke on Wednesday."
    cut = text.index("\n")
    masked = " " * cut + text[cut:]
    found = tag(text, D(2023, 8, 30), load()(masked))
    assert [(t.text, t.value) for t in found] == [("Wednesday", "2023-08-30")]
    assert text[found[0].start : found[0].end] == "Wednesday"


@pytest.mark.parametrize("needle", ["the 1970's", "the 1970s", "the '70s", "the seventies"])
def test_decade_spellings(find: Find, needle: str) -> None:
    t = find(f"Prices were high in {needle}, economists said.", D(1987, 3, 2), needle)
    assert (t.value, t.first_day, t.last_day, t.precision) == ("197", "1970-01-01", "1979-12-31", "decade")


@pytest.mark.parametrize(
    "text",
    [
        "The year before, prices fell.",
        "He was named player of the year.",
        "It was the year that changed everything.",
    ],
)
def test_the_year_without_time_reading_is_not_tagged(text: str) -> None:
    assert all(t.text.lower() != "the year" for t in tag(text, D(2023, 8, 4)))


@pytest.mark.parametrize(
    ("text", "anchor", "needle", "value"),
    [
        ("The summit will be held on April 24 and 25 in Washington.", D(1999, 2, 10), "25", "1999-04-25"),
        ("Talks ran from Oct. 3 through 5, 2023, in Geneva.", D(2023, 10, 20), "Oct. 3", "2023-10-03"),
    ],
)
def test_coordinated_second_day(find: Find, text: str, anchor: dt.date, needle: str, value: str) -> None:
    assert find(text, anchor, needle).value == value


@pytest.mark.parametrize("text", ["On May 5 and 6 people died.", "Sales rose on Jan. 5 to 20 stores."])
def test_coordinated_number_counting_a_noun_is_not_a_day(text: str) -> None:
    assert len(tag(text, D(1999, 2, 10))) == 1


def test_quarter_to_quarter_is_not_a_quarter() -> None:
    assert [t.text for t in tag("The quarter-to-quarter comparison improved.", D(1989, 11, 1))] == []


@pytest.mark.parametrize(
    ("text", "needle", "value"),
    [
        ("Violence has flared for the past twenty years.", "the past twenty years", "P20Y"),
        ("Net rose 5% for the first nine months.", "the first nine months", "P9M"),
        ("For the six months, sales fell.", "the six months", "P6M"),
    ],
)
def test_duration_extent_leaves_out_for(find: Find, text: str, needle: str, value: str) -> None:
    t = find(text, D(1998, 3, 5), needle)
    assert (t.type, t.value) == ("DURATION", value)


def test_in_years_needs_clause_end() -> None:
    assert [t.text for t in tag("In years past, it grew.", D(1989, 10, 30))] == []
