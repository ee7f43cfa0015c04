"""Nested attribution ("X said that Y denied Z"), accusation targets and denials of "the accusation"."""

import pytest


def _by_cue(cs, cue):
    found = [c for c in cs if c.cue == cue]
    assert len(found) == 1, [(c.cue, c.content) for c in cs]
    return found[0]


@pytest.mark.parametrize(
    "text,outer_cue,inner_cue,inner_stance,inner_content",
    [
        (
            "The police chief said on Monday that the union has denied that its members blocked the road.",
            "said",
            "has denied",
            "deny",
            "that its members blocked the road",
        ),
        (
            "A spokeswoman for the mayor said the protesters have claimed they were attacked first.",
            "said",
            "have claimed",
            "assert",
            "they were attacked first",
        ),
    ],
)
def test_reported_claim_keeps_its_own_stance_and_points_to_its_reporter(
    claims_of, text, outer_cue, inner_cue, inner_stance, inner_content
):
    cs = claims_of(text)
    outer, inner = _by_cue(cs, outer_cue), _by_cue(cs, inner_cue)
    assert inner.reported_by == outer.id and outer.reported_by is None
    assert inner.stance == inner_stance and inner.content == inner_content
    assert outer.stance == "assert"  # the reporter asserts what the other side said
    assert inner_content in outer.content


def test_quoted_report_stops_at_the_quoters_clause(claims_of):
    """'"Y has said it will not ..., but we remain worried ...," X said': Y's claim stops at its own
    clause; the first-person words are X's."""
    text = (
        "“Several times the union has said publicly that it will not call a strike, but we remain worried "
        "that the talks could fail,” the minister told reporters."
    )
    cs = claims_of(text)
    outer = _by_cue(cs, "told")
    inner = _by_cue(cs, "has said")
    assert inner.reported_by == outer.id
    assert inner.content == "that it will not call a strike"
    assert "remain worried" in outer.content


def test_own_words_inside_own_quote_are_not_reported_by_anyone(claims_of):
    cs = claims_of("“Our records show that the bridge was inspected in May,” the engineer Tom Reyes said.")
    assert all(c.reported_by is None for c in cs)


@pytest.mark.parametrize(
    "text,content,target",
    [
        ("Senator Ana Silva accused the governor of hiding the audit.", "hiding the audit", "the governor"),
        ("The farmers blamed the drought for the poor harvest.", "the poor harvest", "the drought"),
        ("The farmers blamed the poor harvest on the drought.", "the poor harvest", "the drought"),
    ],
)
def test_accusation_content_is_the_deed_and_target_the_accused(claims_of, text, content, target):
    cs = claims_of(text)
    assert len(cs) == 1, [(c.cue, c.content) for c in cs]
    assert cs[0].content == content
    assert cs[0].target == target


def test_accused_named_entity_is_the_target_key(claims_of):
    cs = claims_of("Brazil accused Argentina of breaking the trade agreement.")
    assert len(cs) == 1
    assert cs[0].content == "breaking the trade agreement"
    assert cs[0].target is not None and cs[0].target.startswith("gpe:")
    assert cs[0].target != cs[0].speaker


def test_denial_of_the_accusation_links_to_the_accusation(claims_of):
    cs = claims_of(
        "Brazil accused Argentina of breaking the trade agreement. Argentina rejected the accusation."
    )
    acc, den = cs
    assert den.stance == "deny" and den.content == "the accusation"
    assert den.target_claims == [acc.id]
    assert acc.target == den.speaker


def test_denial_of_the_reports_links_to_the_reports(claims_of):
    cs = claims_of(
        "Local newspapers reported that the reservoir had been poisoned. The water company dismissed the reports."
    )
    rep, den = cs
    assert den.stance == "deny" and den.target_claims == [rep.id]


def test_denial_of_a_statement_has_the_statement_as_target_and_no_links(claims_of):
    cs = claims_of("The ministry denied that soldiers fired on the crowd.")
    assert len(cs) == 1
    assert cs[0].target == "that soldiers fired on the crowd" and cs[0].target_claims == []


def test_negated_statement_is_no_target(claims_of):
    """ "said it would not X" is a denial by its words; it denies nothing that was said."""
    cs = claims_of("The company said it would not raise prices this year.")
    assert cs[0].stance == "deny" and cs[0].target is None


def test_rejection_inside_another_speakers_quote_is_reported_by_that_speaker(claims_of):
    """Words inside X's quotation about Y's rejection are X's account, marked as reported by X."""
    cs = claims_of(
        "“For two years Sylvania has rejected every proposal we put forward,” the Freedonian "
        "water minister, Ana Lopez, said on Monday."
    )
    outer = _by_cue(cs, "said")
    inner = _by_cue(cs, "has rejected")
    assert inner.stance == "deny" and inner.reported_by == outer.id
    assert outer.stance == "assert" and outer.speaker != inner.speaker
