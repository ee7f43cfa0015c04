"""PLOVER typing of trigger words (`storyline.extract.plover`) and the one-sentence classifier."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.extract.plover import (
    classify_sentence,
    find_triggers,
    noun_code,
    particle_code,
    split_code,
    trigger_at,
    verb_code,
)


def _at(pipe, text: str, word: str):
    """The trigger the first token `word` of the text is (None if it is none)."""
    doc = pipe(text)
    tok = next(t for t in doc if t.text == word)
    return trigger_at(tok)


def test_the_trigger_table_is_read_from_the_lexicon():
    assert verb_code("attack") == "ASSAULT"
    assert noun_code("sanction") == "SANCTION"
    assert particle_code("blow up") == (True, "COERCE/destroy")
    assert particle_code("carry out") == (True, None)  # listed, but no event of its own
    assert particle_code("look up") == (False, None)
    assert split_code("AID/military") == ("AID", "military") and split_code("REQUEST") == ("REQUEST", None)
    assert split_code(None) is None


@pytest.mark.parametrize(
    "text,word,typ,mode",
    [
        ("Gunmen attacked the village.", "attacked", "ASSAULT", None),
        ("Ruritania shipped rifles to Freedonia.", "shipped", "AID", "military"),  # the object decides the mode
        ("Ruritania shipped food to Freedonia.", "shipped", "AID", "humanitarian"),
        ("Ruritania launched two ballistic missiles.", "launched", "MOBILIZE", "weapons"),  # a test, no target
        ("Ruritania fired missiles at the base.", "fired", "ASSAULT", "weapons"),  # aimed at a target
        ("Government tanks shelled the town.", "shelled", "FIGHT", "heavy-weapons"),
        ("Anna Berg attacked the minister in a series of tweets.", "attacked", "ACCUSE", "criticize"),  # words
        ("Ruritania sent a letter to Freedonia.", "sent", "CONSULT", "correspond"),  # correspondence, not aid
        ("Ruritania cut ties with Freedonia.", "cut", "SANCTION", "relations"),
        ("Ruritania restored ties with Freedonia.", "restored", "SUPPORT", "relations"),
    ],
)
def test_verb_types(pipe, text, word, typ, mode):
    trig = _at(pipe, text, word)
    assert trig is not None and (trig.type, trig.mode) == (typ, mode)
    assert not trig.noun and trig.head.i == trig.token.i


@pytest.mark.parametrize(
    "text,word,typ",
    [
        ("The rebels blew up the bridge.", "blew", "COERCE"),
        ("Ruritania pulled out its troops.", "pulled", "RETREAT"),
        ("Ruritanian troops took over the town.", "took", "FIGHT"),
    ],
)
def test_particle_verbs(pipe, text, word, typ):
    trig = _at(pipe, text, word)
    assert trig is not None and trig.type == typ


@pytest.mark.parametrize(
    "text,word",
    [
        ("Anna Berg took over the company.", "took"),  # an office or firm, not territory
        ("Anna Berg seized on the remarks.", "seized"),  # made use of, not confiscated
        ("Anna Berg lifted a line from an old speech.", "lifted"),  # only restrictions are conceded
        ("The workers carried out the repairs.", "carried"),  # listed particle verb with no event
    ],
)
def test_senses_that_are_no_trigger(pipe, text, word):
    assert _at(pipe, text, word) is None


def test_light_verb_defers_to_its_event_noun(pipe):
    doc = pipe("Ruritania imposed sanctions on Freedonia.")
    (trig,) = find_triggers(next(doc.sents))
    assert trig.token.text == "sanctions" and trig.noun and trig.type == "SANCTION"
    assert trig.head.text == "imposed"  # the light verb carries the arguments


def test_light_verb_with_a_visit(pipe):
    doc = pipe("Anna Berg made a trip to Freedonia.")
    (trig,) = find_triggers(next(doc.sents))
    assert (trig.token.text, trig.type, trig.mode, trig.head.text) == ("trip", "CONSULT", "visit", "made")


def test_inverse_transfer(pipe):
    trig = _at(pipe, "Freedonia bought missiles from Ruritania.", "bought")
    assert trig is not None and (trig.type, trig.mode) == ("AID", "military") and trig.inverse
    assert not _at(pipe, "Ruritania sold missiles to Freedonia.", "sold").inverse


@pytest.mark.parametrize(
    "text,ok",
    [
        ("The two armies held joint military exercises.", True),
        ("The students did a reading exercise.", False),  # not a military exercise
        ("Anna Berg made a big deal of the remarks.", False),  # an idiom
        ("The hunger strike entered its third week.", True),  # a labour strike, not an attack
    ],
)
def test_noun_senses(pipe, text, ok):
    doc = pipe(text)
    nouns = [t for t in find_triggers(next(doc.sents)) if t.noun]
    assert bool(nouns) == ok, [(t.token.text, t.type) for t in nouns]
    if "hunger" in text:
        assert nouns[0].type == "PROTEST"


@pytest.mark.parametrize(
    "text,typ",
    [
        ("The two governments agreed on a new trade pact.", "AGREE"),
        ("Rebels threatened to attack the capital.", "THREATEN"),
        ("The ministry refused to release the detainees.", "REJECT"),
        ("Police arrested forty protesters on Sunday.", "COERCE"),
        ("Thousands demonstrated outside parliament.", "PROTEST"),
        ("The minister resigned on Tuesday.", "RETREAT"),
        ("Government tanks shelled rebel positions near the border.", "FIGHT"),
        ("Gunmen attacked a village market.", "ASSAULT"),
        ("Ruritania will expel the diplomats unless Freedonia apologizes.", "THREATEN"),
        ("The court said the company must pay compensation.", "REQUEST"),
    ],
)
def test_sentence_classifier(pipe, text, typ):
    result = classify_sentence(next(pipe(text).sents))
    assert result is not None and result[0] == typ


@pytest.mark.parametrize(
    "text,typ",
    [
        ("Ruritania will send troops to Freedonia.", "AGREE"),  # a future cooperative act is a promise
        ("Ruritania will attack Freedonia.", "THREATEN"),  # a future hostile act is a threat
        ("Ruritania won't withdraw its troops.", "REJECT"),  # "wo" + "n't": a refused future act
    ],
)
def test_classifier_codes_future_acts_as_plover_does(pipe, text, typ):
    result = classify_sentence(next(pipe(text).sents))
    assert result is not None and result[0] == typ


GOLD = Path(__file__).resolve().parents[3] / "shared/data/plover/PLOVER_GSR_CAMEO.txt"


@pytest.mark.skipif(not GOLD.exists(), reason="shared PLOVER gold set not present")
def test_plover_gold_accuracy_floor(pipe):
    rows = [r for r in json.loads(GOLD.read_text()) if r.get("text") and r["event"] != "DOCUMENT"][1::2]
    to_gold = {"REQUEST": "DEMAND", "ACCUSE": "DISAPPROVE"}
    hits = 0
    for row, doc in zip(rows, pipe.pipe(r["text"] for r in rows), strict=True):
        found = classify_sentence(next(doc.sents))
        hits += bool(found) and to_gold.get(found[0], found[0]) == row["event"]
    assert hits / len(rows) >= 0.5  # held-out half; benchmarks/events.py reports the full table


# ---------------------------------------------------------------- figurative senses (issue 10, item 5)


@pytest.mark.parametrize("text, word, expected", [
    ("Ford beat analysts' predictions for the quarter.", "beat", None),
    ("Rioters beat a police officer in the square.", "beat", "ASSAULT"),
    ("Fiat has demonstrated that it can build small cars.", "demonstrated", None),
    ("Thousands demonstrated in the capital on Sunday.", "demonstrated", "PROTEST"),
    ("The opposition attacked the plan as reckless.", "attacked", "ACCUSE"),
    ("Rebels attacked the convoy near the border.", "attacked", "ASSAULT"),
    ("His attack on the plan drew applause.", "attack", "ACCUSE"),
    ("The attack on the base killed four soldiers.", "attack", "ASSAULT"),
    ("The party rallied support for the bill.", "rallied", None),
    ("Supporters rallied outside the court.", "rallied", "PROTEST"),
    ("The crew shot a film in the desert.", "shot", None),
    ("Police shot a suspect.", "shot", "ASSAULT"),
    ("Senators killed the bill in committee.", "killed", None),
    ("The gunman killed three people.", "killed", "ASSAULT"),
    ("The storm struck the coast overnight.", "struck", None),
    ("Stocks rallied after the announcement.", "rallied", None),
    ("The company shelled out millions for the licence.", "shelled", None),
    ("Troops captured the town after a week of fighting.", "captured", "FIGHT"),
    ("The ad captured the mood of the country.", "captured", None),
])
def test_figurative_senses_are_no_plover_event(pipe, text, word, expected):
    doc = pipe(text)
    tok = next(t for t in doc if t.text == word)
    found = {tr.token.i: tr.type for s in doc.sents for tr in find_triggers(s)}
    assert found.get(tok.i) == expected
