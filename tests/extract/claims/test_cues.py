"""Deny verbs that are acts ("rejected the offer") and cue nouns such as "admission by X that"
(issue 12, stop 10). Hand-made sentences, none from the benchmarks."""

import pytest


@pytest.mark.parametrize(
    "text",
    [
        "Shareholders rejected the takeover offer and kept the board in place.",
        "The club dismissed its coach after three defeats.",
        "The goalkeeper rebuffed every approach from rival clubs.",
    ],
)
def test_deny_verb_on_a_thing_is_no_claim(claims_of, text):
    assert claims_of(text) == []


@pytest.mark.parametrize(
    "text,content",
    [
        ("The minister rejected claims that the army had fired on the crowd.", "the army had fired"),
        ("The club dismissed the reports as rumours.", "the reports"),
        ("The company rejected the accusation outright.", "the accusation"),
        ("The board rejected the union's proposal.", "proposal"),
    ],
)
def test_deny_verb_on_a_statement_is_a_denial(claims_of, text, content):
    cs = claims_of(text)
    assert len(cs) == 1 and cs[0].stance == "deny" and content in cs[0].content


def test_admission_by_owner_that_clause(claims_of):
    cs = claims_of(
        "After an admission by the builder that the walls were cracked, the inspector closed the school."
    )
    assert len(cs) == 1
    assert cs[0].speaker_text == "the builder"
    assert cs[0].content.endswith("the walls were cracked")
