"""The TimeML layer under PLOVER: OTHER events from the trained mention model, TimeML fields on every event."""

from __future__ import annotations

import datetime as dt

from storyline.extract.claims import extract_claims
from storyline.extract.events import timeml
from storyline.time import tag


def _events(pipe, events_of, text, published="2024-05-10"):
    doc = pipe(text)
    timexes = tag(doc.text, dt.date.fromisoformat(published), doc)
    return events_of(text, timexes=timexes, published=published)


def test_unlisted_happening_is_an_other_event_with_its_date(pipe, events_of):
    text = "Ruritania Motors filed for bankruptcy on Monday."
    events = _events(pipe, events_of, text)
    (ev,) = [e for e in events if e.predicate == "file for bankruptcy"]
    assert ev.type == "OTHER" and ev.mode is None
    assert ev.timeml_class == "OCCURRENCE" and ev.tense == "PAST" and ev.polarity == "POS"
    assert [(t.start, t.end) for t in ev.triggers] == [(text.index("filed"), text.index("filed") + 5)]
    assert ev.date is not None and ev.date.first_day == "2024-05-06" and ev.modality == "asserted"


def test_plover_event_carries_its_timeml_class_and_trigger(pipe, events_of):
    text = "Ruritania shipped shells to Freedonia."
    (ev,) = [e for e in events_of(text) if e.type == "AID"]
    assert ev.timeml_class == "OCCURRENCE" and ev.tense == "PAST"
    assert [(t.start, t.end) for t in ev.triggers] == [(10, 17)]
    assert not [e for e in events_of(text) if e.type == "OTHER" and e.triggers[0].start == 10]


def test_negated_other_event(pipe, events_of):
    events = _events(pipe, events_of, "The Ruritanian plant did not close.")
    (ev,) = [e for e in events if e.predicate == "close"]
    assert ev.polarity == "NEG" and ev.modality == "negated"


def test_claim_cue_is_not_a_second_event(pipe, events_of):
    text = "Anna Berg said the factory closed."
    art_doc = pipe(text)
    from storyline.records import Article
    from storyline.resolve.actors import resolve_article

    art = Article(id="a1", source="t", text=text, published="2024-05-10")
    mentions, _ = resolve_article(art, art_doc)
    claims = extract_claims(art, art_doc, mentions, [])
    assert claims
    events = events_of(text, claims=claims)
    assert not [e for e in events if e.timeml_class == "REPORTING"]
    (closed,) = [e for e in events if e.predicate == "close"]
    assert closed.modality == "reported"


def test_predicate_reads_particle_and_object(pipe):
    doc = pipe("The company shut down two plants and cut jobs.")
    by = {t.text: t for t in doc}
    assert timeml.predicate(by["shut"]) == "shut down plants"
    assert timeml.predicate(by["cut"]) == "cut jobs"


def test_bare_event_noun_is_no_event_of_its_own(pipe, events_of):
    # "the fighting": no participant, no date -> a mention of an event told elsewhere
    events = events_of("The fighting was heaviest near the border.")
    assert not [e for e in events if e.predicate == "fighting"]
    # with its own agent it is an event
    from storyline.extract.plover import Trigger
    from storyline.records import Event

    doc = pipe("Anna Berg's election shocked the party.")
    trig = Trigger(doc[3], "OTHER", None, doc[3], noun=True)
    assert timeml.bare_nominal(Event("", "OTHER", None), trig, dated=False)
    assert not timeml.bare_nominal(Event("", "OTHER", None, actors=["person:anna berg"]), trig, dated=False)
    assert not timeml.bare_nominal(Event("", "OTHER", None), trig, dated=True)
