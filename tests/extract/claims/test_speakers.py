"""Pronoun sources refer to the most recent fitting speaker, named or not (issue 12, stop 10)."""


def test_he_after_an_unnamed_speaker_is_that_speaker(claims_of):
    cs = claims_of(
        '"Prices will fall," said Tom Berger, an analyst with a bank in Zurich.\n'
        '"Buyers have the upper hand," said a trader at one of the big grain houses. '
        '"They can wait," he added.'
    )
    added = next(c for c in cs if c.cue == "added")
    assert added.speaker is None
    assert "trader" in added.speaker_text


def test_pronoun_skips_an_unnamed_speaker_of_another_kind(claims_of):
    cs = claims_of(
        "Tom Berger said prices would fall.\nOfficials said the harvest was late.\n"
        "He added that buyers could wait."
    )
    added = next(c for c in cs if c.cue == "added")
    assert added.speaker == "person:tom berger"


def test_titled_name_without_entity_binds_a_pronoun(pipe):
    from storyline.extract.claims.speakers import _unnamed_kind

    doc = pipe("Mr Howells described the rescue.")
    assert _unnamed_kind(doc[1], "Mr Howells") == (True, "m")
    doc = pipe("The ministry described the rescue.")
    assert _unnamed_kind(doc[1], "The ministry") == (False, None)
    doc = pipe("A similar crisis has threatened families.")
    assert _unnamed_kind(doc[2], "a similar crisis") is None


def test_actor_in_a_clause_describing_the_source_is_not_the_speaker(claims_of):
    cs = claims_of("Bank economists contacted by Reuters said the central bank would cut rates.")
    assert len(cs) == 1 and cs[0].speaker is None and cs[0].speaker_text.startswith("Bank economists")
    cs = claims_of("Officials at the Treasury said the deficit would narrow.")
    assert cs[0].speaker == "org:treasury"


def test_one_of_a_kind_source_is_anonymous(claims_of):
    cs = claims_of('"Prices fell," one Reuters grain trader said. "Buyers waited," he added.')
    assert [c.speaker for c in cs] == [None, None]
    assert all(c.speaker_text == "one Reuters grain trader" for c in cs)
