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
