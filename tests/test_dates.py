"""The date owner: building, comparing, merging and formatting what a date means."""

import pytest

from storyline import dates
from storyline.records import DateInfo, Timex


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        ({"first_day": "2022-11-02", "last_day": "2022-11-02", "precision": "day"}, "2022-11-02"),
        ({"first_day": "2023-07-01", "last_day": "2023-07-31", "precision": "month"}, "2023-07"),
        ({"first_day": "2023-07-24", "last_day": "2023-07-30", "precision": "week"}, "2023-W30"),
        ({"first_day": "2023-07-01", "last_day": "2023-09-30", "precision": "quarter"}, "2023-Q3"),
        ({"first_day": "2023-01-01", "last_day": "2023-12-31", "precision": "year"}, "2023"),
        ({"first_day": "2023-12-01", "last_day": "2024-02-29", "precision": "season"}, "winter 2023"),
        ({"first_day": "1990-01-01", "last_day": "1999-12-31", "precision": "decade"}, "1990s"),
        ({"first_day": None, "last_day": "2022-11-02", "precision": "day", "relation": "before",
          "how": "publication"}, "on or before 2022-11-02"),
        # an open start is a bound whatever the relation says
        ({"first_day": None, "last_day": "2022-11-02", "precision": "day", "how": "publication"},
         "on or before 2022-11-02"),
        ({"first_day": None, "last_day": "2024-04-30", "precision": "month", "relation": "before"},
         "on or before 2024-04"),
        ({"first_day": "2023-07-26", "last_day": "2023-07-31", "precision": "unknown"},
         "2023-07-26 to 2023-07-31"),
        ({"first_day": "2023-07-26", "last_day": "2023-08-02", "precision": "day", "relation": "after",
          "how": "relative"}, "between 2023-07-26 and 2023-08-02"),
        ({"first_day": "2023-07-26", "last_day": None, "precision": "day", "relation": "after"},
         "on or after 2023-07-26"),
        ({"first_day": "2023-07-01", "last_day": "2023-07-31", "precision": "month", "relation": "during"},
         "during 2023-07"),
        ({"first_day": None, "last_day": None, "precision": "unknown", "relation": "after",
          "text": "after the\nsummit"}, "undated (\u201cafter the summit\u201d)"),
        (None, "undated"),
    ],
)
def test_dates_are_shown_at_their_precision_and_relation(date, expected):
    assert dates.format(date) == expected
    assert dates.format(dates.from_dict(date)) == expected  # the record and its dict read the same


def test_how_of_tells_explicit_from_relative_words():
    assert dates.how_of("March 2024") == "explicit"
    assert dates.how_of("Nov. 2") == "explicit"
    assert dates.how_of("in 1998") == "explicit"
    assert dates.how_of("on Wednesday") == "relative"
    assert dates.how_of("last week") == "relative"
    assert dates.how_of("in May") == "explicit"  # a calendar name, only the year comes from the anchor
    assert dates.how_of("two days later") == "relative"
    assert dates.how_of("the Martian decade") == "relative"  # "mar" inside a word is no month


def test_from_timex_keeps_precision_and_is_on_its_interval():
    tx = Timex(0, 10, "March 2024", "DATE", "2024-03", "2024-03-01", "2024-03-31", "month")
    d = dates.from_timex(tx)
    assert d == DateInfo("2024-03-01", "2024-03-31", "month", "March 2024", "explicit", relation="on")
    assert dates.is_own(d)
    assert dates.from_timex(Timex(0, 3, "two years", "DURATION", "P2Y")) is None
    assert dates.from_timex(Timex(0, 5, "XXXX-06-25", "DATE", "XXXX-06-25")) is None  # unresolved


def test_publication_bound_is_not_an_own_date():
    d = dates.on_or_before("2022-11-02", "publication")
    assert (d.first_day, d.last_day, d.relation, d.precision) == (None, "2022-11-02", "before", "day")
    assert not dates.is_own(d)
    assert dates.interval(d) == ("0001-01-01", "2022-11-02")


def test_relative_dates_resolve_from_their_anchor():
    april = DateInfo("2024-04-01", "2024-04-30", "month", "in April", "explicit")
    after = dates.relative("after", "following the visit", "e1", april, "2024-05-10")
    assert (after.first_day, after.last_day, after.relation, after.anchor) == ("2024-04-01", "2024-05-10", "after", "e1")
    before = dates.relative("before", "ahead of the visit", "e1", april, "2024-05-10")
    assert (before.first_day, before.last_day, before.relation) == (None, "2024-04-30", "before")
    during = dates.relative("during", "during the visit", "e1", april, "2024-05-10")
    assert (during.first_day, during.last_day, during.precision) == ("2024-04-01", "2024-04-30", "month")
    open_ = dates.relative("after", "after the summit", None, None, "2024-05-10")
    assert (open_.first_day, open_.last_day, open_.relation, open_.how) == (None, None, "after", "relative")
    assert dates.resolve_relative(open_, april, "2024-05-10", "cross-source").how == "cross-source"


def test_clash_only_between_own_disjoint_dates():
    mon = DateInfo("2024-05-06", "2024-05-06", "day", "Monday", "relative")
    fri = DateInfo("2024-03-01", "2024-03-01", "day", "March 1", "explicit")
    march = DateInfo("2024-03-01", "2024-03-31", "month", "in March", "explicit")
    bound = dates.on_or_before("2024-03-15", "tense")
    assert dates.clash(mon, fri)
    assert not dates.clash(fri, march)  # overlapping
    assert not dates.clash(mon, bound)  # a bound is not an own date


def test_best_prefers_how_then_narrowest():
    month = DateInfo("2024-03-01", "2024-03-31", "month", "in March", "explicit")
    day = DateInfo("2024-03-05", "2024-03-05", "day", "March 5", "explicit")
    tense = dates.on_or_before("2024-03-02", "tense")
    assert dates.best([tense, month, day]) == day
    assert dates.best([tense, month]) == month
    assert dates.best([None, tense]) == tense
    assert dates.best([]) is None
    assert dates.best([month]) is not month  # a copy, so merging never aliases a member's date


def test_sort_key_and_span():
    bound = {"first_day": None, "last_day": "2022-11-02", "precision": "day", "relation": "before"}
    day = {"first_day": "2022-10-01", "last_day": "2022-10-01", "precision": "day"}
    assert sorted([bound, None, day], key=dates.sort_key) == [day, bound, None]
    assert dates.span(bound) == (None, "2022-11-02")
    assert dates.span({"first_day": "2022-10-01", "last_day": None}) == ("2022-10-01", "2022-10-01")
