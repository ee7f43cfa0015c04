"""Helpers shared by the time tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from storyline.records import Timex
from storyline.time import tag


def _find(text: str, anchor: dt.date | None, needle: str) -> Timex:
    """The timex whose text is `needle`; fails with the full list otherwise."""
    found = tag(text, anchor)
    for t in found:
        if t.text == needle:
            assert text[t.start : t.end] == t.text
            return t
    raise AssertionError(f"{needle!r} not tagged in {text!r}: {[(t.text, t.value) for t in found]}")


@pytest.fixture(scope="session")
def find() -> Callable[[str, dt.date | None, str], Timex]:
    """`find(text, anchor, needle)`: tag the text and return the expression reading `needle`."""
    return _find
