"""Hard-wrapped text is read as paragraphs: a line break ends a sentence only where the layout says so."""

from __future__ import annotations

import pytest

from storyline import nlp
from storyline.nlp import line_breaks

# Wire copy wrapped at about 65 characters, written for this test: a headline, an indented paragraph
# style, a bullet list and sentences that run across line ends.
WIRE = """\
OILFIELD OPERATOR AGREES TO SELL TEXAS UNIT

    Harrow Energy Corp said it agreed to sell its west Texas
oilfield unit to Lindqvist Partners for 310 mln dlrs, and that
Harrow will continue to manage the fields until the sale
closes in the second quarter.
    The company said the proceeds would be used to reduce debt
and to fund drilling in the Gulf of Mexico. Harrow shares
rose 1-1/2 to 24-3/8 in early trading on the New York Stock
Exchange.
    Analysts said the price was in line with expectations.
- Harrow keeps its pipeline interests in the region
- Lindqvist takes over 140 employees at the fields
"""


def line_of(text: str, offset: int) -> str:
    return text[offset:].split("\n", 1)[0].strip()


def test_wire_copy_is_detected_as_hard_wrapped() -> None:
    starts, joins = line_breaks(WIRE)
    started = [line_of(WIRE, o) for o in starts]
    joined = [line_of(WIRE, o) for o in joins]
    # Inside a sentence the break is a space: the next line continues it.
    assert "oilfield unit to Lindqvist Partners for 310 mln dlrs, and that" in joined
    assert "Harrow will continue to manage the fields until the sale" in joined
    assert "closes in the second quarter." in joined
    assert "rose 1-1/2 to 24-3/8 in early trading on the New York Stock" in joined
    assert "Exchange." in joined
    # Breaks the layout marks: after the headline, at an indented paragraph, after a finished
    # sentence, at a bullet.
    assert "Harrow Energy Corp said it agreed to sell its west Texas" in started
    assert "The company said the proceeds would be used to reduce debt" in started
    assert "Analysts said the price was in line with expectations." in started
    assert "- Harrow keeps its pipeline interests in the region" in started
    assert "- Lindqvist takes over 140 employees at the fields" in started


def test_one_paragraph_per_line_breaks_at_every_line() -> None:
    text = (
        "Storm closes ports along the coast\n"
        "The storm closed every port on the coast on Tuesday, the harbour authority said in a statement.\n"
        "Ferries were cancelled and more than 2,000 travellers were stranded at terminals overnight.\n"
        "Officials said the ports would reopen once wind speeds fell below the safety limit."
    )
    starts, joins = line_breaks(text)
    assert len(starts) == 3 and joins == []


def test_a_list_of_headlines_is_not_a_wrapped_paragraph() -> None:
    # Short lines without final punctuation, but each starts with a capital: headlines, not wrapping.
    text = "\n".join(
        [
            "Ceasefire talks resume in Doha after a week of delays",
            "Floods cut the main road between the two largest cities",
            "Parliament approves the budget on a narrow vote at night",
            "Rescue teams reach the villages cut off by the landslide",
            "Central bank holds rates steady for a third month running",
        ]
    )
    starts, joins = line_breaks(text)
    assert len(starts) == 4 and joins == []


def test_a_blank_line_and_an_abbreviation() -> None:
    text = (
        "The minister met the envoy of the neighbouring country and\n"
        "the two agreed to meet again, according to a statement by Mr.\n"
        "Okafor's office issued late on Friday in the capital city of\n"
        "the republic, where talks are held.\n"
        "\n"
        "rebels said they would not attend the talks under the terms\n"
        "offered by the government, a spokesman for the group said.\n"
    )
    starts, joins = line_breaks(text)
    started = [line_of(text, o) for o in starts]
    joined = [line_of(text, o) for o in joins]
    assert "rebels said they would not attend the talks under the terms" in started  # after a blank line
    assert not any(s.startswith("Okafor") for s in started + joined)  # after "Mr.": the parser decides
    assert "the two agreed to meet again, according to a statement by Mr." in joined


def test_offsets_are_line_starts_and_text_is_untouched() -> None:
    starts, joins = line_breaks(WIRE)
    for offset in starts + joins:
        assert offset == 0 or WIRE[offset - 1] in " \n"
        assert not WIRE[offset].isspace()


@pytest.fixture(scope="module")
def parse():
    return nlp.load()


def test_parser_keeps_a_wrapped_sentence_whole(parse) -> None:
    sents = [s.text.strip() for s in parse(WIRE).sents if s.text.strip()]
    assert sents[0] == "OILFIELD OPERATOR AGREES TO SELL TEXAS UNIT"
    first = next(s for s in sents if s.startswith("Harrow Energy Corp"))
    assert first.endswith("closes in the second quarter.")
    assert not any(s.startswith(("oilfield unit", "Harrow will continue", "closes in")) for s in sents)
    assert "- Harrow keeps its pipeline interests in the region" in sents
