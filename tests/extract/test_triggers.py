"""What is an event: triggers kept only when someone acts, word senses, and one event per act."""

from __future__ import annotations

import pytest

from storyline.records import ExcludedSpan


def _one(events, typ):
    found = [e for e in events if e.type == typ]
    assert found, [(e.type, e.summary) for e in events]
    return found[0]


def _types(events):
    return [(e.type, e.mode, e.modality, e.actors, e.summary) for e in events]


def test_excluded_spans_are_skipped(events_of):
    text = "Ruritania shipped shells to Freedonia. Sylvania attacked Osterlich."
    cut = text.index("Sylvania")
    events = events_of(text, excluded=[ExcludedSpan(cut, len(text), "caption")])
    assert [e.type for e in events] == ["AID"]


def test_several_events_per_sentence(events_of):
    events = events_of("Ruritania agreed to supply tanks to Freedonia and imposed sanctions on Sylvania.")
    assert {"AGREE", "AID", "SANCTION"} <= {e.type for e in events}
    assert len({e.id for e in events}) == len(events)


# --- precision rules: each with sentences that must keep an event and sentences that must not ---


@pytest.mark.parametrize(
    "text,typ,actor",
    [
        ("Anna Berg's visit to Freedonia ended on Monday.", "CONSULT", "person:anna berg"),
        ("A visit by Anna Berg to Freedonia ended on Monday.", "CONSULT", "person:anna berg"),
        ("The Ruritanian delegation's trip to Freedonia ended on Monday.", "CONSULT", "gpe:RUR"),
        ("Ruritania's sanctions on Freedonia took effect.", "SANCTION", "gpe:RUR"),
        ("Anna Berg made a trip to Freedonia.", "CONSULT", "person:anna berg"),
    ],
)
def test_event_noun_with_an_agent_is_an_event(events_of, text, typ, actor):
    ev = _one(events_of(text), typ)
    assert ev.actors[:1] == [actor]


@pytest.mark.parametrize(
    "text",
    [
        "The protesters gathered in support of the invasion.",  # bare nouns in a prepositional phrase
        "The fighting was heaviest near the border.",
        "Sanctions aimed at the oil industry took effect.",
        "The talks resumed on Monday.",
        "Freedonia is one of few countries to back its war effort.",  # "its": no agent
    ],
)
def test_event_noun_without_agent_is_not_an_event(events_of, text):
    # no PLOVER event; the TimeML layer may still see what happened ("resumed") as an OTHER event
    plover = [e for e in events_of(text) if e.type != "OTHER"]
    assert plover == [], _types(plover)


@pytest.mark.parametrize(
    "text,typ,keep",
    [
        ("Gunmen attacked a village market.", "ASSAULT", True),  # a person/group noun is an agent
        ("Two ballistic missiles were launched on Monday.", "MOBILIZE", True),  # agentless passive, patient named
        ("He attacked the village.", "ASSAULT", False),  # unresolved pronoun: nobody
        ("Any other state that might be prepared to support Freedonia is warned.", "SUPPORT", False),  # nobody in particular
        ("The ammunition being sent to the front was seized.", "AID", False),
        ("A ship was sent.", "AID", False),  # no goods, no partner, no agent
    ],
)
def test_verbs_need_an_agent(events_of, text, typ, keep):
    found = [e for e in events_of(text) if e.type == typ]
    assert bool(found) == keep, _types(events_of(text))


@pytest.mark.parametrize(
    "text,typ,keep",
    [
        ("Ruritania rejected the proposal.", "REJECT", True),
        ("Ruritania accused Freedonia of lying.", "ACCUSE", True),
        ("Anna Berg warned Freedonia to withdraw its troops.", "REQUEST", True),
        ("Ruritania refused to release the prisoners.", "REJECT", True),
        ("Anna Berg declined to comment on the shipments.", "REJECT", False),
        ("Ruritania declined to provide an estimate of the shipments.", "REJECT", False),
        ("Ruritania declined to provide an estimate of the shipments.", "AID", False),  # giving a figure is no aid
        ("Intelligence officials warned that Ruritania was buying rockets.", "REQUEST", False),  # a claim, no target
        ("Ruritania declined.", "REJECT", False),
    ],
)
def test_speech_and_rejection_need_a_target(events_of, text, typ, keep):
    found = [e for e in events_of(text) if e.type == typ]
    assert bool(found) == keep, _types(events_of(text))


@pytest.mark.parametrize(
    "text,count",
    [
        ("Ruritania pledged not to provide or sell rockets to Freedonia.", 1),  # coordinated: one act
        ("Ruritania sold rockets to Freedonia, while Sylvania sold tanks to Osterlich.", 2),  # two actors: two acts
    ],
)
def test_duplicate_triggers_in_a_sentence_merge(events_of, text, count):
    assert len([e for e in events_of(text) if e.type == "AID"]) == count, _types(events_of(text))


@pytest.mark.parametrize(
    "text,typ",
    [
        ("The alleged talks between Ruritania and Freedonia were secret.", "ACCUSE"),  # participle modifier
        ("Ruritania used a sanctions loophole to buy oil.", "SANCTION"),  # noun modifier
        ("Anna Berg said it would violate the treaty.", "REJECT"),  # "it" is not the person who speaks
    ],
)
def test_modifiers_and_mismatched_pronouns_are_not_events(events_of, text, typ):
    assert not [e for e in events_of(text) if e.type == typ], _types(events_of(text))


@pytest.mark.parametrize(
    "text,typ,keep",
    [
        ("Anna Berg flew to Freedonia on Monday.", "CONSULT", True),
        ("Anna Berg flew over the storms.", "CONSULT", False),  # a visit goes somewhere
        ("Ruritania lifted its sanctions on Freedonia.", "CONCEDE", True),
        ("Anna Berg lifted a line from an old speech.", "CONCEDE", False),  # only restrictions are conceded
        ("Ruritania seized two Freedonian ships.", "COERCE", True),
        ("Anna Berg seized on the remarks.", "COERCE", False),
        ("Anna Berg delivered a speech to Freedonia's parliament.", "AID", False),  # words are no aid
        ("Ruritania delivered food to Freedonia.", "AID", True),
        ("Ruritania sent a letter to Freedonia.", "CONSULT", True),  # correspondence, not aid
    ],
)
def test_word_senses_that_are_not_the_event(events_of, text, typ, keep):
    found = [e for e in events_of(text) if e.type == typ]
    assert bool(found) == keep, _types(events_of(text))


@pytest.mark.parametrize(
    "text,typ",
    [
        ("Anna Berg took over the company in May.", "FIGHT"),  # an office or firm, not territory
        ("Anna Berg has been called a fraud by critics for her remarks.", "REQUEST"),
        ("Anna Berg called Freedonia's president on Friday.", "REQUEST"),
        ("The treaty that Anna Berg argues allowed the fighting to spread was signed in May.", "CONCEDE"),
    ],
)
def test_not_the_event_its_word_suggests(events_of, text, typ):
    assert not [e for e in events_of(text) if e.type == typ], _types(events_of(text))


def test_taking_territory_is_fighting(events_of):
    assert _one(events_of("Ruritanian troops took over the town of Osterlich."), "FIGHT").actors == ["gpe:RUR"]


@pytest.mark.parametrize(
    "text,typ",
    [
        ("Anna Berg attacked Freedonia's president in a series of tweets.", "ACCUSE"),  # words, not force
        ("Ruritania attacked Freedonia's border posts.", "ASSAULT"),
        ("Ruritania rejected the proposal.", "REJECT"),  # information nouns only silence giving verbs
        ("Ruritania accepted the proposal.", "CONCEDE"),
        ("Anna Berg backed off her plan.", "RETREAT"),
    ],
)
def test_senses_decided_by_context(events_of, text, typ):
    _one(events_of(text), typ)


@pytest.mark.parametrize(
    "text",
    [
        "Anna Berg offered some pointed advice to Freedonia's president.",
        "The committee voted to send a contempt resolution to Freedonia's parliament.",
    ],
)
def test_giving_words_is_no_event(events_of, text):
    assert not [e for e in events_of(text) if e.type in ("AGREE", "AID")], _types(events_of(text))


@pytest.mark.parametrize(
    "text,typ,keep",
    [
        ("Ruritanian troops fought rebels near the border.", "FIGHT", True),
        ("Ruritania fought Freedonia for a decade.", "FIGHT", True),
        ("Anna Berg battled through three bouts of pneumonia.", "FIGHT", False),
        ("Anna Berg is fighting climate change.", "FIGHT", False),
        ("The companies are fighting to protect their business.", "FIGHT", False),
        ("Anna Berg made a big deal of the remarks.", "AGREE", False),
        ("Ruritania granted immunity to the witnesses.", "CONCEDE", True),
        ("Ruritania granted immunity to the witnesses.", "AID", False),
        ("The horror of being warned of mass deportations shocked them.", "REQUEST", False),  # a topic, no target
        ("The only records that Anna Berg released were two letters.", "CONCEDE", False),
    ],
)
def test_figurative_and_idiomatic_uses(events_of, text, typ, keep):
    found = [e for e in events_of(text) if e.type == typ]
    assert bool(found) == keep, _types(events_of(text))


@pytest.mark.parametrize(
    "text,keep",
    [
        ("Ruritania agreed to withdraw its troops from Freedonia.", True),
        ("Ruritania agreed with Freedonia on a ceasefire.", True),
        ("The judge agreed with Anna Berg that the case was weak.", False),  # an opinion shared
    ],
)
def test_agreeing_that_is_an_opinion(events_of, text, keep):
    assert bool([e for e in events_of(text) if e.type == "AGREE"]) == keep, _types(events_of(text))


@pytest.mark.parametrize(
    "text,typ,keep",
    [
        ("Freedonia violated Ruritanian sanctions by selling oil.", "SANCTION", False),  # background reference
        ("Ruritanian sanctions took effect on Monday.", "SANCTION", True),  # the subject reports it
        ("Freedonia criticized Anna Berg's visit to Sylvania.", "CONSULT", True),  # possessive: an occurrence
    ],
)
def test_modifier_actor_on_an_object_noun_is_background(events_of, text, typ, keep):
    assert bool([e for e in events_of(text) if e.type == typ]) == keep, _types(events_of(text))


# --- one act per clause: an event noun that is the content of another trigger folds into it ---


@pytest.mark.parametrize(
    "text,kept,folded",
    [
        ("Ruritania and Freedonia exchanged letters, committing to enhancing their collaboration.", "AGREE", "COOPERATE"),
        ("Ruritania pledged to deepen its cooperation with Freedonia.", "AGREE", "COOPERATE"),
        ("Ruritania and Freedonia agreed on a ceasefire.", "AGREE", "RETREAT"),
        ("Ruritania threatened sanctions against Freedonia.", "THREATEN", "SANCTION"),
    ],
)
def test_content_noun_folds_into_governing_trigger(events_of, text, kept, folded):
    events = events_of(text)
    types = [e.type for e in events]
    assert kept in types, [(e.type, e.summary) for e in events]
    assert folded not in types, [(e.type, e.summary) for e in events]


@pytest.mark.parametrize(
    "text,types",
    [
        ("Ruritania attacked Freedonia and sanctioned Sylvania.", {"ASSAULT", "SANCTION"}),
        ("Following Anna Berg's visit to Freedonia, Ruritania signed an agreement with Sylvania.", {"CONSULT", "AGREE"}),
        ("Ruritania urged Freedonia to cease its arms negotiations with Sylvania.", {"REQUEST", "CONSULT"}),
        ("Ruritania condemned Freedonia's attack on Sylvania.", {"ACCUSE", "ASSAULT"}),
    ],
)
def test_separate_events_are_not_folded(events_of, text, types):
    events = events_of(text)
    assert types <= {e.type for e in events}, [(e.type, e.summary) for e in events]


@pytest.mark.parametrize(
    "text",
    [
        "Ruritania and Freedonia discussed potential arms deals.",  # talks are no content governor
    ],
)
def test_transfers_under_agreement_or_talks_are_kept(events_of, text):
    ev = _one(events_of(text), "AID")
    assert ev.modality == "planned"
