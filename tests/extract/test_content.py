"""Content of claims: the spans taken from the parse, extended where the parser split them, and
the light-verb cues ("made the case that")."""

import pytest

from storyline.extract.claims.content import clean_content, content_kind
from storyline.extract.claims.draft import Draft


@pytest.mark.parametrize(
    "text,content",
    [
        # Parser splits off part of the complement: it joins the content.
        ("She described the deal as a disaster for farmers.", "the deal as a disaster for farmers"),
        (
            "He said most emails were public, but the vast majority were just routine.",
            "most emails were public, but the vast majority were just routine",
        ),
        # ...but a participial cue is its own claim, and content before the cue ends at the comma.
        (
            "The minister said the army would leave, adding that the bridge was unsafe.",
            "the army would leave",
        ),
        ("The talks have collapsed, the minister said Tuesday.", "The talks have collapsed"),
    ],
)
def test_content_boundaries(claims_of, text, content):
    assert claims_of(text)[0].content == content


@pytest.mark.parametrize(
    "text,content",
    [
        ("Obama will make the case that Clinton is qualified.", "that Clinton is qualified"),
        (
            "The minister made it clear that the border would stay closed.",
            "that the border would stay closed",
        ),
        ("She made a cake for the party.", None),  # not a statement noun
        ("The plan will make America great again.", None),  # causative "make", not speech
    ],
)
def test_light_verb_cues(claims_of, text, content):
    cs = claims_of(text)
    assert [c.content for c in cs] == ([content] if content else [])


def test_clean_content_joins_lines_and_drops_outer_marks():
    assert clean_content("  “We will\n  win,”  ") == "We will win,"


@pytest.mark.parametrize(
    "content,quotes,kind",
    [
        ((0, 20), [(1, 19)], "direct"),  # nearly all quoted
        ((0, 40), [(20, 34)], "mixed"),  # a real quoted part
        ((0, 40), [(20, 25)], "indirect"),  # a quoted word or two
        ((0, 40), [], "indirect"),
    ],
)
def test_content_kind_from_quote_coverage(pipe, content, quotes, kind):
    sent = next(pipe("A sentence.").sents)
    d = Draft(None, None, None, [content], "indirect", sent, quotes=quotes)
    assert content_kind(d) == kind
    d.kind = "according_to"
    assert content_kind(d) == "according_to"


def test_hard_wrapped_content_reads_across_line_breaks(claims_of):
    """Wire copy wrapped every ~70 characters: the content follows the sentence, not the line."""
    text = (
        "The port authority said on Tuesday that it was closing the northern terminal\n"
        "for repairs and would reopen it only after the inspectors had finished their\n"
        "work, a spokesman told reporters at the harbour.\n"
        "\n"
        "Shipping firms said they had been warned of the closure two weeks ago and had\n"
        "moved their cargo to the southern terminal in good time."
    )
    cs = {c.speaker_text: c for c in claims_of(text)}
    port = cs["The port authority"]
    assert port.content.startswith("that it was closing the northern terminal for repairs and would reopen")
    assert "inspectors had finished their work" in port.content
    firms = cs["Shipping firms"]
    assert firms.content.endswith("to the southern terminal in good time.") or firms.content.endswith(
        "in good time"
    )
