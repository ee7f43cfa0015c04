"""storyline.time.tag: TIMEX3 values and intervals by anchor, tense and the narrative's last date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from storyline.records import Timex
from storyline.time import tag

D = dt.date
Find = Callable[[str, dt.date | None, str], Timex]


# --- weekdays -----------------------------------------------------------------------------------------

WEEKDAYS = [
    # anchor falls on the named weekday -> that very day
    (
        "The White House on Wednesday accused North Korea of shipping shells.",
        D(2022, 11, 2),
        "Wednesday",
        "2022-11-02",
    ),
    ("Kirby told reporters on Thursday that talks continue.", D(2023, 8, 4), "Thursday", "2023-08-03"),
    ("Officials met on Saturday to discuss the plan.", D(2023, 8, 4), "Saturday", "2023-07-29"),
    # month and year boundaries
    ("He spoke on Tuesday about the strike.", D(2023, 3, 1), "Tuesday", "2023-02-28"),
    ("The talks ended on Friday without a deal.", D(2023, 1, 2), "Friday", "2022-12-30"),
    # future governing verb -> on or after the anchor
    ("Leaders will meet on Friday in Geneva.", D(2023, 8, 2), "Friday", "2023-08-04"),
    ("Leaders will meet on Monday in Geneva.", D(2023, 12, 29), "Monday", "2024-01-01"),
    ("The vote is scheduled to take place on Thursday.", D(2023, 8, 4), "Thursday", "2023-08-10"),
    # explicit direction words
    ("The ministers met last Friday.", D(2023, 8, 4), "last Friday", "2023-07-28"),
    ("The ministers meet next Tuesday.", D(2023, 8, 4), "next Tuesday", "2023-08-08"),
]


@pytest.mark.parametrize(("text", "anchor", "needle", "value"), WEEKDAYS)
def test_weekday(find: Find, text: str, anchor: dt.date, needle: str, value: str) -> None:
    t = find(text, anchor, needle)
    assert (t.type, t.value, t.first_day, t.last_day, t.precision) == ("DATE", value, value, value, "day")


# --- last / next / this units ---------------------------------------------------------------------------

UNITS = [
    (
        "Shoigu visited Pyongyang last week.",
        D(2023, 8, 4),
        "last week",
        "2023-W30",
        "2023-07-24",
        "2023-07-30",
        "week",
    ),
    (
        "The army withdrew last week.",
        D(2023, 1, 3),
        "last week",
        "2022-W52",
        "2022-12-26",
        "2023-01-01",
        "week",
    ),
    ("Talks resume next week.", D(2022, 12, 30), "next week", "2023-W01", "2023-01-02", "2023-01-08", "week"),
    (
        "A top official said this week that aid would continue.",
        D(2023, 8, 4),
        "this week",
        "2023-W31",
        "2023-07-31",
        "2023-08-06",
        "week",
    ),
    ("Prices rose last month.", D(2023, 1, 15), "last month", "2022-12", "2022-12-01", "2022-12-31", "month"),
    (
        "The law takes effect next month.",
        D(2022, 12, 5),
        "next month",
        "2023-01",
        "2023-01-01",
        "2023-01-31",
        "month",
    ),
    ("Exports fell this month.", D(2023, 8, 4), "this month", "2023-08", "2023-08-01", "2023-08-31", "month"),
    (
        "The election was held last year.",
        D(2023, 1, 1),
        "last year",
        "2022",
        "2022-01-01",
        "2022-12-31",
        "year",
    ),
    (
        "The election will be held next year.",
        D(2023, 12, 31),
        "next year",
        "2024",
        "2024-01-01",
        "2024-12-31",
        "year",
    ),
    (
        "Earlier this year, the White House said so.",
        D(2023, 8, 4),
        "Earlier this year",
        "2023",
        "2023-01-01",
        "2023-08-04",
        "year",
    ),
    (
        "Parliament will vote later this year.",
        D(2023, 8, 4),
        "later this year",
        "2023",
        "2023-08-04",
        "2023-12-31",
        "year",
    ),
    (
        "Inflation slowed earlier this month.",
        D(2023, 8, 10),
        "earlier this month",
        "2023-08",
        "2023-08-01",
        "2023-08-10",
        "month",
    ),
]


@pytest.mark.parametrize(("text", "anchor", "needle", "value", "first", "last", "precision"), UNITS)
def test_relative_units(
    find: Find, text: str, anchor: dt.date, needle: str, value: str, first: str, last: str, precision: str
) -> None:
    t = find(text, anchor, needle)
    assert (t.type, t.value, t.first_day, t.last_day, t.precision) == ("DATE", value, first, last, precision)


AGO = [
    ("The strike began three days ago.", D(2023, 3, 2), "three days ago", "2023-02-27", "day"),
    ("Troops arrived two weeks ago.", D(2023, 1, 5), "two weeks ago", "2022-W51", "week"),
    ("The deal collapsed six months ago.", D(2023, 8, 31), "six months ago", "2023-02", "month"),
    ("The war began two years ago.", D(2024, 2, 24), "two years ago", "2022", "year"),
    ("Intelligence warned about two months ago.", D(2022, 11, 2), "about two months ago", "2022-09", "month"),
]


@pytest.mark.parametrize(("text", "anchor", "needle", "value", "precision"), AGO)
def test_ago(find: Find, text: str, anchor: dt.date, needle: str, value: str, precision: str) -> None:
    t = find(text, anchor, needle)
    assert (t.type, t.value, t.precision) == ("DATE", value, precision)


# --- months: tense chooses the year ------------------------------------------------------------------------

MONTHS = [
    ("In July, the minister traveled to Pyongyang.", D(2023, 8, 30), "July", "2023-07"),
    ("In September, the government publicly denied it.", D(2022, 11, 2), "September", "2022-09"),
    ("The Treasury in March sanctioned a broker.", D(2023, 8, 4), "March", "2023-03"),
    ("The administration in August said drones were delivered.", D(2022, 11, 2), "August", "2022-08"),
    ("The treaty was signed in December.", D(2023, 1, 10), "December", "2022-12"),
    ("Talks resumed in August.", D(2023, 8, 30), "August", "2023-08"),
    ("The summit will be held in March.", D(2023, 8, 4), "March", "2024-03"),
    ("The summit will be held in August.", D(2023, 8, 4), "August", "2023-08"),
    ("The leaders exchanged letters in April.", D(2023, 8, 30), "April", "2023-04"),
]


@pytest.mark.parametrize(("text", "anchor", "needle", "value"), MONTHS)
def test_month(find: Find, text: str, anchor: dt.date, needle: str, value: str) -> None:
    t = find(text, anchor, needle)
    assert (t.type, t.value, t.precision) == ("DATE", value, "month")


def test_month_interval(find: Find) -> None:
    t = find("Prices fell in February.", D(2024, 3, 10), "February")
    assert (t.first_day, t.last_day) == ("2024-02-01", "2024-02-29")


# --- days, seasons, quarters, decades, ranges ----------------------------------------------------------------

DAYS = [
    ("The missile was fired yesterday.", D(2023, 3, 1), "yesterday", "DATE", "2023-02-28"),
    ("The minister resigned today.", D(2023, 3, 1), "today", "DATE", "2023-03-01"),
    ("The result is expected tomorrow.", D(2022, 12, 31), "tomorrow", "DATE", "2023-01-01"),
    ("The president speaks tonight.", D(2023, 8, 4), "tonight", "TIME", "2023-08-04TNI"),
    ("Sirens sounded this morning.", D(2023, 8, 4), "this morning", "TIME", "2023-08-04TMO"),
]


@pytest.mark.parametrize(("text", "anchor", "needle", "type_", "value"), DAYS)
def test_day_words(find: Find, text: str, anchor: dt.date, needle: str, type_: str, value: str) -> None:
    t = find(text, anchor, needle)
    assert (t.type, t.value, t.first_day, t.precision) == (type_, value, value[:10], "day")


SPANS = [
    (
        "Fighting intensified last summer.",
        D(2023, 8, 4),
        "last summer",
        "2022-SU",
        "2022-06-01",
        "2022-08-31",
        "season",
    ),
    (
        "Power cuts hit last winter.",
        D(2023, 8, 4),
        "last winter",
        "2022-WI",
        "2022-12-01",
        "2023-02-28",
        "season",
    ),
    (
        "An offensive is planned this spring.",
        D(2023, 2, 10),
        "this spring",
        "2023-SP",
        "2023-03-01",
        "2023-05-31",
        "season",
    ),
    (
        "Elections were held in the fall of 2021.",
        D(2023, 8, 4),
        "the fall of 2021",
        "2021-FA",
        "2021-09-01",
        "2021-11-30",
        "season",
    ),
    (
        "Profit rose in the third quarter.",
        D(2023, 10, 20),
        "the third quarter",
        "2023-Q3",
        "2023-07-01",
        "2023-09-30",
        "quarter",
    ),
    (
        "Sales fell in the fourth quarter.",
        D(2023, 1, 15),
        "the fourth quarter",
        "2022-Q4",
        "2022-10-01",
        "2022-12-31",
        "quarter",
    ),
    (
        "Deliveries start in Q1 2024.",
        D(2023, 8, 4),
        "Q1 2024",
        "2024-Q1",
        "2024-01-01",
        "2024-03-31",
        "quarter",
    ),
    (
        "The region was calm in the 1990s.",
        D(2023, 8, 4),
        "the 1990s",
        "199",
        "1990-01-01",
        "1999-12-31",
        "decade",
    ),
    (
        "It was the first since the end of the 1950-1953 Korean War.",
        D(2022, 11, 2),
        "1950-1953",
        "1950/1953",
        "1950-01-01",
        "1953-12-31",
        "year",
    ),
    (
        "Veterans of the 1950-53 war gathered.",
        D(2023, 8, 4),
        "1950-53",
        "1950/1953",
        "1950-01-01",
        "1953-12-31",
        "year",
    ),
    (
        "The 1953 armistice ended the fighting.",
        D(2023, 8, 4),
        "1953",
        "1953",
        "1953-01-01",
        "1953-12-31",
        "year",
    ),
]


@pytest.mark.parametrize(("text", "anchor", "needle", "value", "first", "last", "precision"), SPANS)
def test_spans(
    find: Find, text: str, anchor: dt.date, needle: str, value: str, first: str, last: str, precision: str
) -> None:
    t = find(text, anchor, needle)
    assert (t.type, t.value, t.first_day, t.last_day, t.precision) == ("DATE", value, first, last, precision)


# --- relative to another date in the sentence ----------------------------------------------------------------

LINKED = [
    ("The ceasefire collapsed two months after Jan. 5, 2023.", "two months after Jan. 5, 2023", "2023-03-05"),
    ("Troops massed three days before March 10, 2022.", "three days before March 10, 2022", "2022-03-07"),
    ("Sanctions came a year after the 2014 annexation.", "a year after the 2014", "2015"),
]


@pytest.mark.parametrize(("text", "needle", "value"), LINKED)
def test_relative_to_other_date(find: Find, text: str, needle: str, value: str) -> None:
    t = find(text, D(2023, 8, 4), needle)
    assert (t.type, t.value) == ("DATE", value)


# --- reference words ----------------------------------------------------------------------------------------------

REFS = [
    ("Russia is now seeking more shells.", "now", "PRESENT_REF"),
    ("The group currently controls the city.", "currently", "PRESENT_REF"),
    ("The minister recently traveled to Pyongyang.", "recently", "PAST_REF"),
    ("Discussions may continue in coming months.", "coming months", "FUTURE_REF"),
    ("Tensions could rise in the future.", "the future", "FUTURE_REF"),
]


@pytest.mark.parametrize(("text", "needle", "value"), REFS)
def test_reference_words(find: Find, text: str, needle: str, value: str) -> None:
    t = find(text, D(2023, 8, 4), needle)
    assert (t.type, t.value) == ("DATE", value)


def test_present_ref_interval_is_anchor_day(find: Find) -> None:
    t = find("Russia is now seeking more shells.", D(2023, 8, 4), "now")
    assert (t.first_day, t.last_day) == ("2023-08-04", "2023-08-04")


# --- no anchor: X's, no interval ----------------------------------------------------------------------------------------

NO_ANCHOR = [
    ("In July, the minister traveled to Pyongyang.", "July", "XXXX-07"),
    ("Shoigu visited last week.", "last week", "XXXX-WXX"),
    ("Officials met on Friday.", "Friday", "XXXX-WXX-5"),
    ("The missile was fired yesterday.", "yesterday", "XXXX-XX-XX"),
    ("Prices rose last year.", "last year", "XXXX"),
]


@pytest.mark.parametrize(("text", "needle", "value"), NO_ANCHOR)
def test_no_anchor_keeps_x(find: Find, text: str, needle: str, value: str) -> None:
    t = find(text, None, needle)
    assert (t.value, t.first_day, t.last_day) == (value, None, None)


def test_no_anchor_explicit_date_still_resolves(find: Find) -> None:
    t = find("The leaders met on Nov. 2, 2022.", None, "Nov. 2, 2022")
    assert (t.value, t.first_day) == ("2022-11-02", "2022-11-02")


EDGES = [
    ("The deal is due by the end of the year.", "the end of the year", "2023", "2023-09-02", "2023-12-31"),
    ("Talks began in early March.", "early March", "2023-03", "2023-03-01", "2023-03-10"),
    ("The war began in late 2021.", "late 2021", "2021", "2021-09-02", "2021-12-31"),
]


@pytest.mark.parametrize(("text", "needle", "value", "first", "last"), EDGES)
def test_edge_modifiers_narrow_the_interval(
    find: Find, text: str, needle: str, value: str, first: str, last: str
) -> None:
    t = find(text, D(2023, 10, 20), needle)
    assert (t.value, t.first_day, t.last_day) == (value, first, last)


def test_clock_time_with_date(find: Find) -> None:
    t = find(
        "The earthquake struck at 3:17 a.m. local time on Feb. 6.",
        D(2023, 10, 20),
        "3:17 a.m. local time on Feb. 6",
    )
    assert (t.type, t.value, t.first_day, t.precision) == ("TIME", "2023-02-06T03:17", "2023-02-06", "day")


def test_year_earlier_takes_the_quarter_compared(find: Find) -> None:
    text = "The company reported third-quarter earnings of $1.2 billion, up from $900 million a year earlier."
    assert find(text, D(2023, 10, 20), "third-quarter").value == "2023-Q3"
    assert find(text, D(2023, 10, 20), "a year earlier").value == "2022-Q3"


def test_deadline_after_anchor_in_past_clause(find: Find) -> None:
    # "extended ... until Nov. 20": a deadline ahead of the anchor, even though the verb is past
    t = find("The company extended its offer until Nov. 20.", D(1989, 11, 2), "Nov. 20")
    assert t.value == "1989-11-20"


def test_later_without_reference_stays_unresolved(find: Find) -> None:
    t = find("A week later, the army withdrew.", D(2024, 3, 15), "A week later")
    assert (t.type, t.value, t.first_day) == ("DATE", "XXXX-WXX", None)


def test_later_counts_from_the_last_date_mentioned(find: Find) -> None:
    text = "The ceasefire began on March 3, 2022. Two weeks later, fighting resumed."
    assert find(text, D(2024, 3, 15), "Two weeks later").value == "2022-03-17"


# --- rules added from TempEval-3 error analysis (dev half; see docs/benchmarks.md) -----------------------

NEAR_FUTURE = [
    # A bare date just after the anchor is the coming one even in a past-tense reporting clause.
    ("The offer was extended to Nov. 16.", D(1989, 10, 30), "Nov. 16", "1989-11-16"),
    ("Officials said the hearing was set for Feb. 10.", D(2000, 1, 7), "Feb. 10", "2000-02-10"),
    ("He invited leaders to a ceremony on March 12.", D(1999, 2, 16), "March 12", "1999-03-12"),
    ("The official said accession was planned for early March.", D(1999, 2, 10), "early March", "1999-03"),
    ("Across a year boundary: talks were pushed back to Jan. 9.", D(2023, 12, 20), "Jan. 9", "2024-01-09"),
    # ... but not one more than the window ahead: that is the one just past.
    ("The treaty was signed in December.", D(2023, 10, 20), "December", "2022-12"),
    ("The plant closed on Dec. 14.", D(2023, 10, 20), "Dec. 14", "2022-12-14"),
    ("Prices peaked in March, the company said.", D(1989, 10, 30), "March", "1989-03"),
    # present tense / no verb: the most recent one, not the nearest one ahead
    ("A high of $42 in June from $29 in March.", D(1989, 10, 30), "March", "1989-03"),
]


@pytest.mark.parametrize(("text", "anchor", "needle", "value"), NEAR_FUTURE)
def test_bare_dates_near_future_window(
    find: Find, text: str, anchor: dt.date, needle: str, value: str
) -> None:
    assert find(text, anchor, needle).value == value


@pytest.mark.parametrize(
    ("text", "anchor", "needle", "value"),
    [
        ("He was shot to death last Oct. 23 at his home.", D(1999, 4, 19), "Oct. 23", "1998-10-23"),
        ("The ban lapsed last Sept. 30.", D(2023, 8, 4), "Sept. 30", "2022-09-30"),
    ],
)
def test_month_day_after_last(find: Find, text: str, anchor: dt.date, needle: str, value: str) -> None:
    assert find(text, anchor, needle).value == value


@pytest.mark.parametrize(
    ("text", "anchor", "needle", "value"),
    [
        ("Shares rose to a high for the year of $42.", D(1989, 10, 30), "the year", "1989"),
        ("Net rose in the first nine months of the year.", D(1989, 10, 30), "the year", "1989"),
        ("It was the week's most active session.", D(1989, 10, 30), "the week", "1989-W44"),
    ],
)
def test_the_year_the_week_current_unit(
    find: Find, text: str, anchor: dt.date, needle: str, value: str
) -> None:
    assert find(text, anchor, needle).value == value


@pytest.mark.parametrize(
    ("text", "anchor", "needle", "value"),
    [
        ("The company expects to repay the loan by year-end.", D(1989, 10, 30), "year-end", "1989-12-31"),
        ("Debt stood at $5 billion at year end.", D(2023, 6, 1), "year end", "2023-12-31"),
        ("The deal is due by the end of the year.", D(2023, 8, 4), "the end of the year", "2023"),
    ],
)
def test_year_end(find: Find, text: str, anchor: dt.date, needle: str, value: str) -> None:
    assert find(text, anchor, needle).value == value


def test_the_morning_follows_the_narrative_day(find: Find) -> None:
    text = "Prices fell on Friday. Dealers placed heavy buy orders in the morning."
    assert find(text, D(1989, 10, 30), "the morning").value == "1989-10-27TMO"
    assert (
        find("Dealers placed orders this morning.", D(1989, 10, 30), "this morning").value == "1989-10-30TMO"
    )


@pytest.mark.parametrize(
    ("text", "anchor", "needle", "type_", "value"),
    [
        (
            "Then, a week or so ago, the general picked a date.",
            D(1991, 2, 25),
            "a week or so ago",
            "DATE",
            "1991-W08",
        ),
        (
            "The firm expects lower earnings for the fiscal year.",
            D(1989, 11, 2),
            "the fiscal year",
            "DATE",
            "1989",
        ),
        (
            "Abuse is a major theme from now to Election Day.",
            D(1998, 10, 26),
            "Election Day",
            "DATE",
            "1998-11-03",
        ),
        ("Voters went to the polls on Election Day.", D(2022, 11, 20), "Election Day", "DATE", "2022-11-08"),
    ],
)
def test_error_analysis_rules(
    find: Find, text: str, anchor: dt.date, needle: str, type_: str, value: str
) -> None:
    t = find(text, anchor, needle)
    assert (t.type, t.value) == (type_, value)


@pytest.mark.parametrize(
    ("text", "needle", "type_", "value"),
    [
        ("Prices may fall in the near term.", "the near term", "DATE", "FUTURE_REF"),
        ("Holders may lose in the short term.", "the short term", "DATE", "FUTURE_REF"),
        ("It will liquidate the unit as soon as possible.", "as soon as possible", "DATE", "FUTURE_REF"),
        ("It was the first gain in years.", "years", "DURATION", "PXY"),
    ],
)
def test_vague_references(find: Find, text: str, needle: str, type_: str, value: str) -> None:
    t = find(text, D(1989, 10, 30), needle)
    assert (t.type, t.value) == (type_, value)


@pytest.mark.parametrize(
    "sentence, words, value",
    [
        # a past event is never dated after the article that reports it
        ("The vote was held on Dec. 5.", "Dec. 5", "2022-12-05"),
        ("In December, the company announced layoffs.", "December", "2022-12"),
        # present tense or a target of a plan may lie ahead
        ("The summit is on Dec. 5.", "Dec. 5", "2023-12-05"),
        ("The deadline was extended to Dec. 5.", "Dec. 5", "2023-12-05"),
    ],
)
def test_past_tense_bare_dates_never_after_anchor(sentence, words, value):
    got = {t.text: t.value for t in tag(sentence, dt.date(2023, 11, 30))}
    assert got[words] == value


# --- the year a text gives a month(-day) elsewhere, and clauses that look ahead ---------------------------

KNOWN_YEAR = [
    # written with its year elsewhere in the text: a past clause keeps that year, not the publication's
    ("The mayor resigned on 3 March 2019. Her 3 March resignation shocked the council.", D(2021, 11, 2),
     "3 March", "2019-03-03"),
    ("The bridge closed in May 2018 after cracks were found. Repairs begun in May never ended.",
     D(2020, 9, 1), "May", "2018-05"),
    # two years for the same day: the nearest earlier one
    ("The dam failed on 9 April 2015 and again on 9 April 2017. The engineers blamed the 9 April collapse.",
     D(2019, 1, 5), "the 9 April", "2017-04-09"),
    # no other mention: the most recent one not after publication, as before
    ("The factory shut on 3 March.", D(2021, 11, 2), "3 March", "2021-03-03"),
]


@pytest.mark.parametrize("text, anchor, needle, value", KNOWN_YEAR)
def test_month_day_takes_the_year_the_text_gives(find: Find, text: str, anchor: dt.date, needle: str,
                                                 value: str) -> None:  # fmt: skip
    assert find(text, anchor, needle).value == value


def test_known_year_does_not_move_a_coming_anniversary(find: Find) -> None:
    text = "The mayor resigned on 3 March 2019. A vigil will be held on 3 March."
    assert find(text, D(2021, 2, 20), "3 March").value == "2021-03-03"


AHEAD = [
    # 2023-05-10 is a Wednesday
    ("The minister spoke to reporters ahead of Friday's vote.", "Friday", "2023-05-12"),
    ("Unions met on the eve of Monday's strike.", "Monday", "2023-05-15"),
    ("Thursday's summit is expected to settle the dispute.", "Thursday", "2023-05-11"),
    ("Friday's hearing is due to begin at noon.", "Friday", "2023-05-12"),
    # the prospect is the subject's, not that of a date in another phrase of the clause
    ("With the council's approval on Monday, the mayor is expected to sign the bill.", "Monday", "2023-05-08"),
    # told as past: backward, as before
    ("The minister spoke to reporters after Monday's vote.", "Monday", "2023-05-08"),
    ("Monday's summit settled the dispute.", "Monday", "2023-05-08"),
]


@pytest.mark.parametrize("text, needle, value", AHEAD)
def test_weekday_of_an_occasion_ahead(find: Find, text: str, needle: str, value: str) -> None:
    assert find(text, D(2023, 5, 10), needle).value == value
