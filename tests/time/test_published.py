"""storyline.time.infer_published: conservative publication dates from the text."""

from __future__ import annotations

import pytest

from storyline.records import ExcludedSpan
from storyline.time import infer_published

CASES = [
    ("WASHINGTON (AP) — The White House on Wednesday accused Pyongyang.", None),
    ("SEOUL, Nov. 2, 2022 -- North Korea fired missiles on Wednesday.", "2022-11-02"),
    ("KYIV (Reuters) - Published March 3, 2023\nRussia shelled the city.", "2023-03-03"),
    ("Missiles fired at dawn\n\nNov. 2, 2022\n\nNorth Korea fired 23 missiles.", "2022-11-02"),
    ("Headline\nUpdated: 2023-08-30 14:05 GMT\nKirby said talks may continue.", "2023-08-30"),
    # two different date-only lines: refuse to choose
    ("Story\nNov. 2, 2022\nBody text here.\nNov. 1, 2022\nMore text.", None),
    # a date in running prose dates an event, not the article
    ("Putin and Kim met in Vladivostok on April 25, 2019, their first summit.", None),
    # a weekday right next to the date names that date, not the day of writing
    ("Putin and Kim met on Thursday, April 25, 2019, their first summit.", None),
    # the weekday named in the body agrees with the only full date (a Wednesday)
    (
        "The White House on Wednesday accused North Korea. Officials said on Nov. 2, 2022 that shipments continue.",
        "2022-11-02",
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_infer_published(text: str, expected: str | None) -> None:
    date, why = infer_published(text, [])
    assert date == expected
    assert why


def test_excluded_spans_never_count() -> None:
    text = "Caption: leaders meet\nApril 25, 2019\nKirby spoke on Wednesday about arms talks."
    start = text.index("April")
    assert infer_published(text, [])[0] == "2019-04-25"
    date, why = infer_published(text, [ExcludedSpan(start, start + len("April 25, 2019"), "caption")])
    assert date is None
    assert why
