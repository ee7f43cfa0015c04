"""Event modality: asserted, reported (inside claims), denied, planned, hypothetical, negated; headlines."""

from __future__ import annotations

import pytest

from storyline.extract.events import extract_events
from storyline.records import Article, Claim, Evidence, Mention


def _one(events, typ):
    found = [e for e in events if e.type == typ]
    assert found, [(e.type, e.summary) for e in events]
    return found[0]


def _types(events):
    return [(e.type, e.mode, e.modality, e.actors, e.summary) for e in events]


@pytest.mark.parametrize(
    "text,modality",
    [
        ("Ruritania shipped shells to Freedonia.", "asserted"),
        ("Any arms deal between Ruritania and Freedonia would violate the embargo.", "hypothetical"),
        ("Officials have not yet observed Ruritania supplying weapons to Freedonia.", "negated"),
        ("Ruritania will send troops and weapons to Freedonia.", "planned"),
        ("Ruritania plans to sell rockets to Freedonia.", "planned"),
        ("The envoys met to discuss potential arms deals.", "planned"),
        ("If Ruritania sends missiles to Freedonia, Sylvania will respond.", "hypothetical"),
        ("Freedonia denied that it had sold rockets to Ruritania.", "denied"),
    ],
)
def test_modality(events_of, text, modality):
    events = events_of(text)
    target = [e for e in events if e.type == "AID"] or events
    assert target[0].modality == modality, [(e.type, e.modality, e.summary) for e in events]


def test_background_clause_inside_denial_is_not_denied(events_of):
    text = "Freedonia denied that its shells reached Osterlich, where Ruritania attacked Sylvania."
    start = text.index("its shells")
    claim = Claim("a1:c3", "gpe:FRE", "Freedonia", "denied", "deny", "indirect", text[start:-1],
                  evidence=[Evidence("a1", 0, len(text), text, content_span=[start, len(text) - 1])])  # fmt: skip
    ev = _one(events_of(text, claims=[claim]), "ASSAULT")
    assert ev.modality == "reported" and ev.claims == ["a1:c3"]


def test_event_inside_claim_is_reported_and_linked(events_of):
    text = "Sylvania said Ruritania is secretly shipping shells to Freedonia."
    start = text.index("Ruritania")
    claim = Claim("a1:c1", "gpe:SYL", "Sylvania", "said", "assert", "indirect", text[start:-1],
                  evidence=[Evidence("a1", 0, len(text), text, content_span=[start, len(text) - 1])])  # fmt: skip
    ev = _one(events_of(text, claims=[claim]), "AID")
    assert ev.modality == "reported" and ev.claims == ["a1:c1"]


def test_event_inside_deny_claim_is_denied(events_of):
    text = "Freedonia rejected reports that it supplies drones to Ruritania."
    start = text.index("it supplies")
    claim = Claim("a1:c2", "gpe:FRE", "Freedonia", "rejected", "deny", "indirect", text[start:-1],
                  evidence=[Evidence("a1", 0, len(text), text, content_span=[start, len(text) - 1])])  # fmt: skip
    ev = _one(events_of(text, claims=[claim]), "AID")
    assert ev.modality == "denied" and ev.claims == ["a1:c2"]
    assert ev.actors == ["gpe:FRE"]  # "it" resolved to the governing subject


def _assert_modality(events_of, text, typ, modality):
    ev = _one(events_of(text), typ)
    assert ev.modality == modality, _types(events_of(text))


@pytest.mark.parametrize(
    "text,typ,modality",
    [
        ("Ruritania is set to visit Freedonia next week.", "CONSULT", "planned"),
        ("Ruritania agreed to supply tanks to Freedonia.", "AID", "planned"),
        ("Ruritania and Freedonia held discussions aimed at providing weapons to Sylvania.", "AID", "planned"),
        ("Ruritania and Freedonia discussed potential arms deals.", "AID", "planned"),
        ("Ruritania will impose sanctions on Freedonia.", "SANCTION", "planned"),
        # infinitives and purpose clauses without an intent word are not plans
        ("Anna Berg traveled to Freedonia to meet its president.", "CONSULT", "asserted"),
        ("Ruritania's air defences managed to shoot down the drones.", "FIGHT", "asserted"),
        ("Ruritania used drones to attack Freedonia.", "ASSAULT", "asserted"),
        ("Ruritania sent troops to Freedonia to support the government.", "AID", "asserted"),
    ],
)
def test_planned_only_with_intent_markers(events_of, text, typ, modality):
    _assert_modality(events_of, text, typ, modality)


@pytest.mark.parametrize(
    "text,typ,modality",
    [
        ("Ruritania did not send troops to Freedonia.", "AID", "negated"),
        ("Ruritania never attacked Freedonia.", "ASSAULT", "negated"),
        ("Ruritania refused to release the prisoners.", "CONCEDE", "negated"),
        ("Neither Ruritania nor Freedonia signed the treaty.", "AGREE", "negated"),
        ("Ruritania pledged not to sell rockets to Freedonia.", "AID", "negated"),
        # a negation elsewhere in the sentence leaves the event alone
        ("Ruritania shipped rockets to Freedonia, but the rockets did not arrive.", "AID", "asserted"),
        ("Officials who did not give their names said Ruritania shipped rockets to Freedonia.", "AID", "reported"),
        ("Freedonia urged Ruritania to cease its arms negotiations with Sylvania.", "CONSULT", "asserted"),
    ],
)
def test_negated_only_when_the_trigger_is(events_of, text, typ, modality):
    _assert_modality(events_of, text, typ, modality)


@pytest.mark.parametrize(
    "text,typ,modality",
    [
        ("Ruritania pledged that it would lift its sanctions on Freedonia.", "CONCEDE", "planned"),
        ("Anna Berg died in 2015 after being imprisoned by Ruritania for three years.", "COERCE", "asserted"),
        ("Anna Berg asked Ruritania to release the prisoners, a request Ruritania ignored.", "REQUEST", "asserted"),
    ],
)
def test_future_in_the_past_and_time_clauses(events_of, text, typ, modality):
    ev = _one(events_of(text), typ)
    assert ev.modality == modality, _types(events_of(text))


def test_deal_brokering_attempt_is_planned(events_of):
    ev = _one(events_of("Ruritania sanctioned Anna Berg for attempting to broker an arms deal with Freedonia."), "AID")
    assert ev.modality == "planned" and ev.actors == ["person:anna berg"], _types(events_of("x"))


# --- headlines state things loosely: nominal events there are planned or dropped ---


def _headline_run(events_of, title: str, body: str = "Officials met on Monday in Osterlich to talk about the region."):
    events = events_of(f"{title}\n\n{body}", title=title)
    return [e for e in events if e.evidence[0].cue_span[0] < len(title)]


@pytest.mark.parametrize(
    "title,typ,modality",
    [
        ("Ruritania-Freedonia arms deal inches closer", "AID", "planned"),
        ("Ruritania-Freedonia arms deal nears", "AID", "planned"),
        ("Ruritania-Freedonia arms deal looms", "AID", "planned"),
        ("Ruritania-Freedonia trade deal in the works", "AGREE", "planned"),
        ("Ruritania-Freedonia arms deal", None, None),  # a bare label asserts nothing: dropped
        ("Ruritania-Freedonia arms deal signed", "AID", "asserted"),  # a verb of occurrence keeps it
        ("Ruritania imposes sanctions on Freedonia", "SANCTION", "asserted"),  # a light verb states the act
    ],
)
def test_headline_nominal_events(events_of, title, typ, modality):
    events = _headline_run(events_of, title)
    if typ is None:
        assert not [e for e in events if e.type in ("AID", "AGREE")], [(e.type, e.modality) for e in events]
        return
    ev = _one(events, typ)
    assert ev.modality == modality


def test_body_sentence_with_same_noun_stays_asserted(events_of):
    text = "Ruritania and Freedonia signed an arms deal on Monday."
    ev = _one(events_of(text), "AID")
    assert ev.modality == "asserted"


def test_untitled_headline_like_line_is_not_asserted(pipe):
    """No Article.title: a short first line with no final stop still reads as a headline."""
    text = "Ruritania-Freedonia arms deal nears\n\nOfficials met on Monday in Osterlich to talk about the region."
    art = Article(id="a1", source="t", text=text, published="2024-05-10", outlet="Daily")
    mentions = [Mention("a1", 0, 9, "Ruritania", "gpe:RUR"), Mention("a1", 10, 19, "Freedonia", "gpe:FRE")]
    events = [e for e in extract_events(art, pipe(text), mentions, [], []) if e.type == "AID"]
    assert events and all(e.modality == "planned" for e in events), [(e.type, e.modality) for e in events]
