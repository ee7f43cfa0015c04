"""Property: `time.tag` never raises, on any text and any anchor, and its spans index the text.

One article's odd expression ("125,000 years ago") used to stop a whole build, so the tagger is
exercised with text built from date-ish tokens (numbers, years 0-99999, month and weekday names, "ago",
"last", "next", clock times, ...) mixed with arbitrary characters, and with anchors anywhere from
``date.min`` to ``date.max`` or none at all.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.nlp import load
from storyline.time import tag
from storyline.time.lexicon import (
    FIXED_HOLIDAYS,
    MONTHS,
    NUMBERS,
    ORDINALS,
    PARTS_OF_DAY,
    SEASONS,
    UNITS,
    VAGUE_QUANTITIES,
    WEEKDAYS,
)

WORDS = sorted(
    {
        *(w.capitalize() for w in MONTHS),
        *(w.capitalize() + "." for w in MONTHS),
        *(w.capitalize() for w in WEEKDAYS),
        *NUMBERS,
        *ORDINALS,
        *PARTS_OF_DAY,
        *SEASONS,
        *(h.title() for h in FIXED_HOLIDAYS),
        *VAGUE_QUANTITIES,
        *UNITS,
        *(u + "s" for u in UNITS),
        *"ago last next this past coming previous following earlier later before after since from now".split(),
        *"the of in on at by until through early late mid- end year-end year-ago fiscal quarter half".split(),
        *"today tonight yesterday tomorrow noon midnight a.m. p.m. am pm GMT EST local time".split(),
        *"every each per daily weekly Q1 Q4 Thanksgiving Election Day recently currently".split(),
    }
)


def _number(n: int) -> str:
    return f"{n:,}" if n >= 1000 and n % 3 else str(n)


NUMBER = st.integers(0, 99_999).map(_number)
YEAR = st.integers(0, 99_999).map(lambda y: f"{y:04d}")
CLOCK = st.builds(
    lambda h, mi, ap: f"{h}:{mi:02d} {ap}" if mi else f"{h} {ap}",
    st.integers(0, 13),
    st.integers(0, 59),
    st.sampled_from(["a.m.", "p.m.", "am", "pm", "a.m", "p.m"]),
)
NUMERIC_DATE = st.builds(
    lambda y, m, d, sep: (
        sep.join([f"{y:04d}", f"{m:02d}", f"{d:02d}"]) if sep == "-" else f"{m}/{d}/{y % 100:02d}"
    ),
    st.integers(0, 9999),
    st.integers(0, 19),
    st.integers(0, 39),
    st.sampled_from(["-", "/"]),
)
DECADE = st.integers(0, 9999).map(lambda y: f"{y // 10 * 10}s")
MONTH = st.sampled_from(sorted(MONTHS)).map(str.capitalize)
WEEKDAY = st.sampled_from(sorted(WEEKDAYS)).map(str.capitalize)
UNIT = st.sampled_from(sorted(UNITS))
QUANTITY = st.one_of(NUMBER, st.sampled_from(sorted({*NUMBERS, *VAGUE_QUANTITIES})))
DIRECTION = st.sampled_from(
    ["last", "next", "this", "the past", "the coming", "the previous", "the following"]
)
RELATION = st.sampled_from(["ago", "earlier", "later", "before", "after", "from now", "since"])
DAY = st.integers(0, 40).map(str)
# Whole phrases of the shapes the rules look for, with numbers anywhere in their range.
PHRASE = st.one_of(
    st.builds("{} {}s {}".format, QUANTITY, UNIT, RELATION),
    st.builds("{} {}".format, DIRECTION, st.sampled_from([*UNITS, "weekend", "quarter", "century"])),
    st.builds("{} {}".format, DIRECTION, st.one_of(MONTH, WEEKDAY, st.sampled_from(sorted(SEASONS)))),
    st.builds("{} {}, {}".format, MONTH, DAY, YEAR),
    st.builds("{} {} {}".format, DAY, MONTH, YEAR),
    st.builds("{}, {} {}".format, WEEKDAY, MONTH, DAY),
    st.builds("{} {}, {}".format, WEEKDAY, st.sampled_from(sorted(PARTS_OF_DAY)), CLOCK),
    st.builds("{} on {} {}".format, CLOCK, MONTH, DAY),
    st.builds("the {} quarter of {}".format, st.sampled_from(sorted(ORDINALS)), YEAR),
    st.builds("{}-{}".format, YEAR, st.integers(0, 99_999)),
    st.builds("the {} century".format, st.sampled_from(sorted(ORDINALS))),
)
TOKEN = st.one_of(
    PHRASE, PHRASE, st.sampled_from(WORDS), NUMBER, YEAR, CLOCK, NUMERIC_DATE, DECADE, st.text(max_size=6)
)
SEPARATOR = st.sampled_from([" ", " ", " ", ", ", ". ", "-", "–", "/", "\n", " and ", " to ", "'s "])


@st.composite
def texts(draw: st.DrawFn) -> str:
    tokens = draw(st.lists(TOKEN, min_size=1, max_size=24))
    out = tokens[0]
    for tok in tokens[1:]:
        out += draw(SEPARATOR) + tok
    return out + draw(st.sampled_from(["", ".", "\n"]))


ANCHORS = st.one_of(
    st.none(),
    st.sampled_from([dt.date.min, dt.date(1, 1, 7), dt.date(9999, 12, 25), dt.date.max]),
    st.dates(min_value=dt.date.min, max_value=dt.date.max),
)


@settings(max_examples=200, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(texts(), st.text(max_size=80)), anchor=ANCHORS)
def test_tag_never_raises_and_spans_index_the_text(text: str, anchor: dt.date | None) -> None:
    for t in tag(text, anchor, load()(text)):
        assert 0 <= t.start <= t.end <= len(text)
        assert text[t.start : t.end] == t.text
        assert (t.first_day is None) == (t.last_day is None)
        assert t.first_day is None or t.last_day is None or t.first_day <= t.last_day
