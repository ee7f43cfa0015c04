"""Speech verbs that make no claim (purposes, recommendations, questions) and yes/no-question
content as `hedge` (issue 12, stop 10). Hand-made sentences, none from the benchmarks."""

import pytest


@pytest.mark.parametrize(
    "text",
    [
        "The ministers met in Oslo on Monday to discuss the new fishing quotas.",
        "The host is joined by two farmers to debate the price of milk.",
        "The banks should announce a guarantee on all savings accounts.",
        "The council must explain the delay to the residents.",
        "Can you explain why bread costs more than it did last year?",
        "Did the mayor say that the bridge would close?",
    ],
)
def test_acts_not_made_give_no_claim(claims_of, text):
    assert claims_of(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "After the vote the mayor went on to explain that the bridge would close in May.",
        "I must say that the new bridge looks better than the old one.",
        "The mayor said that the bridge would close in May.",
    ],
)
def test_statements_made_stay_claims(claims_of, text):
    cs = claims_of(text)
    assert len(cs) == 1 and "bridge" in cs[0].content


def test_whether_content_is_a_hedge(claims_of):
    cs = claims_of("The farmers wondered whether the new dam would ever hold back the river.")
    cs += claims_of("The union asked whether the factory would reopen in spring.")
    assert cs and all(c.stance == "hedge" for c in cs)
    assert claims_of("The union said the factory would reopen in spring.")[0].stance == "assert"
