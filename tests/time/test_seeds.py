"""The seed corpus's relative dates resolve against the manifest dates (issue 3, 'Done when')."""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from pathlib import Path

import pytest

from storyline.records import Timex
from storyline.time import tag

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "seeds"

# (file prefix, expression text, expected value, expected first_day, expected last_day)
EXPECTED = [
    ("000", "Wednesday", "2022-11-02", "2022-11-02", "2022-11-02"),
    ("000", "August", "2022-08", "2022-08-01", "2022-08-31"),
    ("000", "Nov. 2, 2022", "2022-11-02", "2022-11-02", "2022-11-02"),
    ("001", "September", "2022-09", "2022-09-01", "2022-09-30"),
    ("001", "about two months ago", "2022-09", "2022-09-01", "2022-09-30"),
    ("001", "1950-1953", "1950/1953", "1950-01-01", "1953-12-31"),
    ("002", "July", "2023-07", "2023-07-01", "2023-07-31"),
    ("002", "April", "2023-04", "2023-04-01", "2023-04-30"),
    ("002", "coming months", "FUTURE_REF", None, None),
    ("003", "last week", "2023-W30", "2023-07-24", "2023-07-30"),
    ("003", "Thursday", "2023-08-03", "2023-08-03", "2023-08-03"),
    ("003", "Earlier this year", "2023", "2023-01-01", "2023-08-04"),
    ("003", "March", "2023-03", "2023-03-01", "2023-03-31"),
    ("003", "17-month-long", "P17M", None, None),
    ("003", "nearly a year", "P1Y", None, None),
    ("004", "April 25, 2019", "2019-04-25", "2019-04-25", "2019-04-25"),
    ("004", "Wednesday", "2023-08-30", "2023-08-30", "2023-08-30"),
]


def _manifest() -> dict[str, tuple[str, dt.date]]:
    rows = [json.loads(line) for line in (SEEDS / "manifest.jsonl").read_text().splitlines() if line.strip()]
    return {r["file"][:3]: (r["file"], dt.date.fromisoformat(r["published"])) for r in rows}


@cache
def _tagged(prefix: str) -> tuple[str, list[Timex]]:
    name, published = _manifest()[prefix]
    return name, tag((SEEDS / name).read_text(encoding="utf-8"), published)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed corpus not present next to the checkout")
@pytest.mark.parametrize(("prefix", "needle", "value", "first", "last"), EXPECTED)
def test_seed_expressions(prefix: str, needle: str, value: str, first: str | None, last: str | None) -> None:
    name, timexes = _tagged(prefix)
    found = [t for t in timexes if t.text == needle]
    assert found, f"{needle!r} not tagged in {name}"
    assert all((t.value, t.first_day, t.last_day) == (value, first, last) for t in found), found
