"""Vetoes on the attribution model's drafts (issue 12, stop 10): a cue verb that is speech only
with its preposition used as an act, and a cue noun whose source belongs to another predicate."""

from storyline.extract.claims import model


def test_prep_only_cue_without_its_content_is_an_act(pipe):
    doc = pipe("As the police pushed back a crowd at the gate, the gates were shut.")
    push = next(t for t in doc if t.lower_ == "pushed")
    crowd = next(t for t in doc if t.lower_ == "crowd")
    assert model._act_of_cue_verb(push, crowd)
    doc = pipe("The union pushed for a shorter working week.")
    push = next(t for t in doc if t.lower_ == "pushed")
    assert not model._act_of_cue_verb(push, next(t for t in doc if t.lower_ == "week"))


def test_speech_verb_is_never_vetoed_as_an_act(pipe):
    doc = pipe('"We will win," the coach said.')
    said = next(t for t in doc if t.lower_ == "said")
    assert not model._act_of_cue_verb(said, doc[1])


def test_noun_source_must_be_the_nouns_own(pipe):
    doc = pipe("Devised by Ann Lee, the show was a response to concerns about poor schools.")
    concerns = next(t for t in doc if t.lower_ == "concerns")
    lee = next(t for t in doc if t.lower_ == "lee")
    assert not model._noun_source(concerns, lee)
    doc = pipe("The union voiced concerns about poor schools.")
    concerns = next(t for t in doc if t.lower_ == "concerns")
    union = next(t for t in doc if t.lower_ == "union")
    assert model._noun_source(concerns, union)


def test_noun_with_an_owner_takes_the_models_source(pipe):
    doc = pipe("Ana Ruiz, the mayor, continued her praise of the new bridge.")
    praise = next(t for t in doc if t.lower_ == "praise")
    ruiz = next(t for t in doc if t.lower_ == "ruiz")
    assert model._noun_source(praise, ruiz)
