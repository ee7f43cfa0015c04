"""Claim cues: verb classes (speech, wants and plans, prepositional, evaluative), cue nouns,
passive hearsay, "according to", and the vocabularies they are read from."""

import pytest

from storyline import lexicon
from storyline.extract.claims import vocab


def test_according_to_and_role_description(claims_of):
    text = (
        "Ahmed Saleh, the Health Ministry spokesman, spoke to reporters. "
        "According to the Health Ministry spokesman, three clinics closed."
    )
    cs = [c for c in claims_of(text) if c.kind == "according_to"]
    assert len(cs) == 1
    assert cs[0].speaker == "person:ahmed saleh"
    assert cs[0].content.startswith("three clinics closed")


def _one(cs):
    assert len(cs) == 1, [(c.cue, c.content) for c in cs]
    return cs[0]


@pytest.mark.parametrize(
    "text,cue,content,stance",
    [
        # Wants and plans of an actor: hedge claims.
        ("Senator Ana Silva wants to raise the minimum wage.", "wants", "to raise the minimum wage", "hedge"),
        ("The government plans to build two new dams.", "plans", "to build two new dams", "hedge"),
        # Speech verbs whose content is a prepositional object.
        ("The mayor called for calm after the flood.", "called for", "calm", "assert"),
        ("The minister talked about the drought.", "talked about", "the drought", "assert"),
        # Verbal evaluations by an actor.
        (
            "Prime Minister Tom Reyes denounced the attack on the embassy.",
            "denounced",
            "the attack on the embassy",
            "assert",
        ),
        (
            "The senator blasted the decision to close the base.",
            "blasted",
            "the decision to close the base",
            "assert",
        ),
        # Nominal cues with an owner.
        ("Mexico's denial of the report came late.", "denial", "the report", "deny"),
        (
            "The president's claim that the economy grew was false.",
            "claim",
            "that the economy grew",
            "assert",
        ),
        ("The company's promise to cut prices was broken.", "promise", "to cut prices", "assert"),
        # Passive hearsay and hearsay adverbs: no named source, hedge.
        (
            "The rebels are said to control the northern valley.",
            "are said",
            "The rebels are said to control the northern valley",
            "hedge",
        ),
        (
            "It was reported that the talks had collapsed.",
            "was reported",
            "that the talks had collapsed",
            "hedge",
        ),
        (
            "The general reportedly ordered the retreat.",
            "reportedly",
            "The general reportedly ordered the retreat.",
            "hedge",
        ),
        # "asked X to do": the clause makes it a claim; "cited X".
        (
            "The union asked its members to return to work.",
            "asked",
            "its members to return to work",
            "assert",
        ),
        ("Officials cited rising costs as the reason.", "cited", "rising costs as the reason", "assert"),
    ],
)
def test_new_cue_classes(claims_of, text, cue, content, stance):
    c = _one(claims_of(text))
    assert (c.cue, c.content, c.stance) == (cue, content, stance)


@pytest.mark.parametrize(
    "text",
    [
        "Voters want lower prices.",  # wants of a non-actor
        "The plan to build two new dams was dropped.",  # a plan noun without an owner
        "Residents called the hotline.",  # "call" without a clause or predicate
        "The farmers talked for hours.",  # speech without content
        "The rebels blasted the bridge with explosives.",  # physical act, not an actor's evaluation
        "The claim that the economy grew was false.",  # nominal cue without an owner
        "The bridge was built in 1990.",  # passive, not hearsay
        "The talks were first reported by Reuters.",  # hearsay passive without content
        "The reporter asked the minister.",  # addressee only
    ],
)
def test_new_cue_classes_negative(claims_of, text):
    assert claims_of(text) == []


@pytest.mark.parametrize(
    "text,cue,content",
    [
        (
            "The minister went on to say that the budget was balanced.",
            "to say",
            "that the budget was balanced",
        ),
        ("Ana Silva hopes the talks will resume.", "hopes", "the talks will resume"),
        ("The mayor responded to the criticism.", "responded to", "the criticism"),
        ("The senator agreed with the governor.", "agreed with", "the governor"),
        ("She noted the rising costs.", "noted", "the rising costs"),
        ("The rebels claimed responsibility for the attack.", "claimed", "responsibility for the attack"),
    ],
)
def test_realised_speech_and_object_content(claims_of, text, cue, content):
    c = _one(claims_of(text))
    assert (c.cue, c.content) == (cue, content)


def test_vocabularies_load_and_derive():
    for name in (
        "SPEECH",
        "DENY",
        "BELIEF",
        "INTENT",
        "HEDGE_CUES",
        "EVALUATIVE",
        "NEEDS_CLAUSE",
        "OBJECT_CUES",
        "HEARSAY_PASSIVE",
        "HEARSAY_ADVERBS",
        "CHANNELS",
        "DOCUMENTS",
        "INDEFINITE",
        "ACTOR_NOUNS",
    ):
        assert getattr(vocab, name), name
    assert vocab.SPEECH == lexicon.words("speech_verbs") and "say" in vocab.SPEECH
    # Derived lists are unions of the files, not copies.
    assert vocab.SPEECH | vocab.DENY | vocab.BELIEF | vocab.INTENT | vocab.EVALUATIVE <= vocab.CUES_ACTIVE
    assert set(vocab.PREP_CUES) <= vocab.CUES and vocab.HEARSAY_PASSIVE <= vocab.CUES
    assert vocab.INTENT == lexicon.words("intent_verbs") | {"know", "fear", "worry"}
    assert vocab.INTENT <= vocab.HEDGE_CUES and vocab.INTENT <= vocab.NEEDS_CLAUSE
    assert vocab.OBJECT_CONTENT | vocab.EVALUATIVE <= vocab.OBJECT_CUES
    assert vocab.PREP_CUES["call"] == {"for"} and vocab.NOMINAL["denial"] == "deny"
    assert vocab.NOMINAL_PREPS["denial"] == {"of"} and "promise" in vocab.COMMITMENTS


def test_pronoun_table_gives_the_claim_sets():
    assert vocab.PRONOUNS_PERSON == {"he", "she", "him", "her", "i", "his", "my"}
    assert vocab.PRONOUNS_GROUP == {"it", "they", "we", "them", "its", "their", "our"}
    assert vocab.ACTOR_PRONOUNS == {"he", "she", "they", "we", "i"}
    assert vocab.FIRST_PERSON == {"i", "we", "me", "us"} and vocab.FIRST_POSS == {"our", "my"}
    assert vocab.PRONOUN_GENDER == {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}


@pytest.mark.parametrize(
    "text,cue",
    [
        ("The minister said in a statement that the port was closed.", "said in a statement"),
        ("The mayor called for calm.", "called for"),
        ("The company has not denied the report.", "has not denied"),
    ],
)
def test_cue_span_takes_auxiliaries_preposition_and_channel(claims_of, text, cue):
    assert _one(claims_of(text)).cue == cue


@pytest.mark.parametrize(
    "text",
    [
        # Pursuit with an object is an action with a purpose, not a stated want.
        "Both Freedonia and Sylvania are seeking new partners to secure a lasting advantage.",
        # What was revealed is a piece of information, not a statement.
        "The agency revealed the new findings on Tuesday.",
    ],
)
def test_cues_that_state_nothing_make_no_claim(claims_of, text):
    assert claims_of(text) == []


def test_citing_a_reason_is_no_claim_of_its_own(claims_of):
    cs = claims_of("The coach said the team would not travel, citing safety concerns at the stadium.")
    assert [c.cue for c in cs] == ["said"]


def test_pursuit_with_an_infinitive_is_a_want(claims_of):
    cs = claims_of("The opposition party is seeking to block the budget in parliament.")
    assert len(cs) == 1 and cs[0].stance == "hedge"
    assert cs[0].content.startswith("to block the budget")


def test_revealing_that_is_a_claim(claims_of):
    cs = claims_of("The agency revealed that the dam had cracked in two places.")
    assert len(cs) == 1 and cs[0].content == "that the dam had cracked in two places"


@pytest.mark.parametrize(
    "text,content,stance",
    [
        # A study or poll states its finding as an object.
        (
            "A 2019 study by the health institute found 40 cases of the disease.",
            "40 cases of the disease",
            "assert",
        ),
        # A view through a predicate, from an actor.
        (
            "The mayor saw the strike as a test of her authority.",
            "the strike as a test of her authority",
            "hedge",
        ),
        (
            "Senator Ana Silva likened the new tax to a fine on the poor.",
            "the new tax to a fine on the poor",
            "assert",
        ),
    ],
)
def test_findings_and_views_with_an_object(claims_of, text, content, stance):
    cs = claims_of(text)
    assert len(cs) == 1, [(c.cue, c.content) for c in cs]
    assert cs[0].content == content and cs[0].stance == stance


@pytest.mark.parametrize(
    "text",
    [
        "The police found the stolen car near the river.",  # a finding verb with no study as subject
        "The mayor saw the damage on Tuesday.",  # a view verb without its predicate
    ],
)
def test_finding_and_view_verbs_without_their_frame_make_no_claim(claims_of, text):
    assert claims_of(text) == []
