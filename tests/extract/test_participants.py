"""Who takes part in an event: actors, recipients, objects, and who acts in a complement."""

from __future__ import annotations

import pytest


def _one(events, typ):
    found = [e for e in events if e.type == typ]
    assert found, [(e.type, e.summary) for e in events]
    return found[0]


def _types(events):
    return [(e.type, e.mode, e.modality, e.actors, e.summary) for e in events]


@pytest.mark.parametrize(
    "text,typ,mode,actor,recipient",
    [
        ("Ruritania shipped artillery shells to Freedonia.", "AID", "military", "gpe:RUR", "gpe:FRE"),
        ("Ruritania sold rifles and ammunition to Freedonia.", "AID", "military", "gpe:RUR", "gpe:FRE"),
        ("Freedonia bought missiles from Ruritania.", "AID", "military", "gpe:RUR", "gpe:FRE"),
        ("Anna Berg visited Freedonia.", "CONSULT", "visit", "person:anna berg", "gpe:FRE"),
        ("Anna Berg made a trip to Freedonia.", "CONSULT", "visit", "person:anna berg", "gpe:FRE"),
        ("Ruritania imposed sanctions on Freedonia.", "SANCTION", None, "gpe:RUR", "gpe:FRE"),
        ("Ruritania accused Freedonia of violating the treaty.", "ACCUSE", "allege", "gpe:RUR", "gpe:FRE"),
        ("Ruritania test-fired a ballistic missile.", None, None, None, None),
        ("Ruritania launched two ballistic missiles.", "MOBILIZE", "weapons", "gpe:RUR", None),
        ("Ruritania withdrew its troops from Freedonia.", "RETREAT", None, "gpe:RUR", None),
        ("Ruritania urged Freedonia to release the prisoners.", "REQUEST", None, "gpe:RUR", "gpe:FRE"),
    ],
)
def test_type_mode_and_participants(events_of, text, typ, mode, actor, recipient):
    events = events_of(text)
    if typ is None:
        return  # parser-dependent compound verb: only require no crash
    ev = _one(events, typ)
    assert ev.mode == mode
    assert ev.actors[:1] == ([actor] if actor else [])
    if recipient:
        assert recipient in ev.recipients
    assert ev.id == "a1:e0" or ev.id.startswith("a1:e")
    assert ev.evidence[0].article == "a1" and text[ev.evidence[0].start : ev.evidence[0].end].strip() == text.strip()


def test_objects_are_noun_phrases(events_of):
    ev = _one(events_of("Ruritania is supplying a large number of artillery shells to Freedonia."), "AID")
    assert "artillery shells" in ev.objects


def test_purpose_clause_keeps_the_agent_not_the_instrument(events_of):
    ev = _one(events_of("Ruritania used drones to attack Freedonia."), "ASSAULT")
    assert ev.actors == ["gpe:RUR"] and ev.recipients == ["gpe:FRE"]


def test_possessive_pronoun_on_an_object_is_the_clause_subject(events_of):
    ev = _one(events_of("Freedonia urged Ruritania to cease its arms negotiations with Sylvania."), "CONSULT")
    assert ev.actors == ["gpe:RUR"] and "gpe:SYL" in ev.recipients


@pytest.mark.parametrize(
    "text,typ,actor,modality",
    [
        ("Freedonia mocked Ruritania for not releasing the prisoners.", "CONCEDE", "gpe:RUR", "negated"),
        ("Freedonia called on Ruritania to apologize.", "CONCEDE", "gpe:RUR", "planned"),
        ("Ruritania called the hearing because Freedonia had protested.", "INVESTIGATE", "gpe:RUR", "asserted"),
        ("Ruritania spoke to the envoys, promising to help Freedonia, probably not what Sylvania wanted.",
         "AGREE", "gpe:RUR", "asserted"),  # fmt: skip
    ],
)
def test_who_acts_in_a_complement(events_of, text, typ, actor, modality):
    ev = _one(events_of(text), typ)
    assert (ev.actors[:1], ev.modality) == ([actor], modality), _types(events_of(text))
