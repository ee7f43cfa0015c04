"""Typed views of the time vocabularies in `storyline.lexicon` (months, weekdays, numbers, units, ...).

The lists themselves are data (``lexicon/months.json``, ``weekdays.json``, ...); this module only gives
them the Python names and types the grammar and resolver use, read once at import.
"""

from __future__ import annotations

from .. import lexicon

MONTHS: dict[str, int] = dict(lexicon.table("months"))
WEEKDAYS: dict[str, int] = dict(lexicon.table("weekdays"))  # ISO weekday numbers, Monday = 1
NUMBERS: dict[str, float] = dict(lexicon.table("number_words"))
ORDINALS: dict[str, int] = dict(lexicon.table("ordinals"))
UNITS: dict[str, str] = dict(lexicon.table("time_units"))  # TIMEX3 unit letters; "T" for clock units
SEASONS: dict[str, str] = dict(lexicon.table("seasons"))
PARTS_OF_DAY: dict[str, str] = dict(lexicon.table("parts_of_day"))
DECADE_WORDS: dict[str, int] = dict(lexicon.table("decade_words"))
FIXED_HOLIDAYS: dict[str, tuple[int, int]] = {
    name: (int(md[0]), int(md[1])) for name, md in lexicon.table("fixed_holidays").items()
}
# Longest first, so a regex alternation built from it tries "a few" before "few".
VAGUE_QUANTITIES: tuple[str, ...] = tuple(
    sorted(lexicon.words("vague_quantities"), key=lambda w: (-len(w), w))
)
FUTURE_CUE_LEMMAS: frozenset[str] = lexicon.words("future_cue_verbs")
