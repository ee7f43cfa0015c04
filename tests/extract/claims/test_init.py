"""Claims dropped after drafting (issue 12, stop 10): sourceless hearsay inside another speaker's
words, and contents that only point back."""


def test_sourceless_expectation_inside_a_quote_is_the_speakers(claims_of):
    cs = claims_of('"Lower rates are expected to lift sales next year," the chairman, Tom Berger, told shareholders.')
    assert len(cs) == 1 and cs[0].speaker == "person:tom berger"


def test_sourceless_expectation_inside_reported_content_is_the_reporters(claims_of):
    cs = claims_of("The bank said exports were expected to slow in the spring.")
    assert [c.cue for c in cs] == ["said"]


def test_sourceless_expectation_on_its_own_stays(claims_of):
    cs = claims_of("Exports are expected to slow in the spring.")
    assert len(cs) == 1 and cs[0].speaker is None and cs[0].stance == "hedge"


def test_content_pointing_back_is_no_claim_unless_denied(claims_of):
    assert [c.cue for c in claims_of("Later the unions agreed with that.")] == []
    cs = claims_of("The ministry denied it.")
    assert len(cs) == 1 and cs[0].stance == "deny"
