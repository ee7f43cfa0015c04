"""Content of a cue inside a relative clause (issue 12, stop 10): the antecedent, then the clause."""

import pytest


@pytest.mark.parametrize(
    "text,content",
    [
        ("The mayor, who critics say was slow to act, left office in May.", "The mayor was slow to act"),
        ("Voters backed the plan, which officials said would cut costs.", "the plan would cut costs"),
    ],
)
def test_relative_pronoun_subject_gives_antecedent_and_clause(claims_of, text, content):
    cs = claims_of(text)
    assert len(cs) == 1 and cs[0].content == content
    assert cs[0].cue not in cs[0].content
