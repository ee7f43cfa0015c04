"""Consolidation on hand-built events: merging across outlets, duplicates, dates, claim links."""

from __future__ import annotations

import pytest

from storyline.consolidate.events import consolidate_events
from storyline.records import Article, Claim, DateInfo, Event, Evidence


def _art(aid: str, outlet: str, published: str = "2024-05-10", dup: str | None = None) -> Article:
    return Article(id=aid, source=aid, text="", outlet=outlet, published=published, duplicate_of=dup)


def _ev(eid: str, sentence: str, typ: str = "CONSULT", mode: str | None = "visit", actors=("person:berg",),
        recipients=("gpe:FRE",), date: DateInfo | None = None, modality: str = "asserted",
        claims=()) -> Event:  # fmt: skip
    art = eid.split(":")[0]
    return Event(eid, typ, mode, list(actors), list(recipients), date=date, modality=modality,
                 summary=sentence, evidence=[Evidence(art, 0, len(sentence), sentence)], claims=list(claims),
                 sources=[art], outlets=[])  # fmt: skip


JULY = DateInfo("2024-07-01", "2024-07-31", "month", "in July", "explicit")
ARTS = {a.id: a for a in [_art("a", "Daily"), _art("b", "Herald"), _art("c", "Daily"), _art("d", "Post", dup="b")]}


def test_same_visit_from_several_outlets_is_one_event():
    events = [
        _ev("a:e0", "Defence minister Berg travelled to Freedonia in July for the anniversary parade.", date=JULY),
        _ev("b:e3", "Berg visited Freedonia last week and met its leader.",
            date=DateInfo("2024-07-22", "2024-07-28", "week", "last week", "relative")),
        _ev("c:e1", "Berg recently made a trip to Freedonia, officials said.", modality="reported",
            date=DateInfo(None, "2024-08-30", "before", None, "tense")),
        _ev("d:e0", "Berg visited Freedonia last week and met its leader."),
    ]  # fmt: skip
    merged = consolidate_events(events, [], ARTS)
    assert len(merged) == 1
    ev = merged[0]
    assert ev.sources == ["a", "b", "c"]  # d is a near-duplicate of b: counted once
    assert ev.outlets == ["Daily", "Herald"]
    assert ev.modality == "asserted" and len(ev.evidence) == 4
    assert ev.date is not None and ev.date.how == "explicit" and ev.date.first_day == "2024-07-01"
    assert ev.conflicts == []


def test_unrelated_actors_do_not_merge():
    events = [_ev("a:e0", "Berg visited Freedonia."), _ev("b:e0", "Kovac visited Freedonia.", actors=["person:kovac"])]
    assert len(consolidate_events(events, [], ARTS)) == 2


@pytest.mark.parametrize("other_type,other_modality", [("SANCTION", "asserted"), ("CONSULT", "hypothetical")])
def test_type_and_modality_keep_reports_apart(other_type, other_modality):
    events = [_ev("a:e0", "Berg visited Freedonia."),
              _ev("b:e0", "Berg visited Freedonia.", typ=other_type, modality=other_modality)]  # fmt: skip
    assert len(consolidate_events(events, [], ARTS)) == 2


def test_two_explicit_disjoint_dates_are_two_occurrences():
    mon = DateInfo("2024-05-06", "2024-05-06", "day", "Monday", "relative")
    fri = DateInfo("2024-03-01", "2024-03-01", "day", "March 1", "explicit")
    events = [
        _ev("a:e0", "Ruritania launched two ballistic missiles.", "MOBILIZE", "weapons", ["gpe:RUR"], [], mon),
        _ev("b:e0", "Ruritania launched two ballistic missiles.", "MOBILIZE", "weapons", ["gpe:RUR"], [], fri),
    ]
    assert len(consolidate_events(events, [], ARTS)) == 2


def test_disagreeing_dates_become_a_conflict_with_cross_source_resolution():
    visit = _ev("a:e0", "Berg travelled to Freedonia in July.", date=JULY)
    visit_ref = _ev("b:e1", "Following Berg's visit, the leaders exchanged letters.")
    letters_a = _ev("a:e1", "The leaders exchanged letters in April, pledging closer ties.", mode="correspond",
                    actors=["person:kim", "person:lee"], recipients=[],
                    date=DateInfo("2024-04-01", "2024-04-30", "month", "in April", "explicit"))  # fmt: skip
    letters_b = _ev("b:e2", "Following Berg's visit, the leaders exchanged letters pledging closer ties.",
                    mode="correspond", actors=["person:kim", "person:lee"], recipients=[],
                    date=DateInfo(None, None, "unknown", "Following Berg's visit", "relative", anchor="b:e1", relation="after"))  # fmt: skip
    merged = consolidate_events([visit, visit_ref, letters_a, letters_b], [], ARTS)
    letters = next(e for e in merged if e.mode == "correspond")
    assert letters.sources == ["a", "b"]
    (conflict,) = letters.conflicts
    assert conflict.field == "date"
    got = {(v["first_day"], v["how"]) for v in conflict.values}
    assert got == {("2024-04-01", "explicit"), ("2024-07-01", "cross-source")}
    assert {e.article for e in conflict.evidence} == {"a", "b"}
    assert letters.date is not None and letters.date.how == "explicit"  # the explicit date leads


def test_claims_link_both_ways_and_denial_conflicts_with_assertion():
    says = Claim("a:c1", "gpe:SYL", "Sylvania", "said", "assert", "indirect", "Ruritania ships shells to Freedonia")
    denies = Claim("b:c4", "gpe:RUR", "Ruritania", "denied", "deny", "indirect", "it supplied shells to Freedonia")
    events = [
        _ev("a:e0", "Ruritania is covertly shipping artillery shells to Freedonia.", "AID", "military",
            ["gpe:RUR"], ["gpe:FRE"], modality="reported", claims=["a:c1"]),
        _ev("b:e0", "Ruritania denied that it supplied artillery shells to Freedonia.", "AID", "military",
            ["gpe:RUR"], ["gpe:FRE"], modality="denied", claims=["b:c4"]),
    ]  # fmt: skip
    merged = consolidate_events(events, [says, denies], ARTS)
    assert len(merged) == 1
    ev = merged[0]
    assert ev.modality == "reported"  # never a bare fact
    assert set(ev.claims) == {"a:c1", "b:c4"}
    assert says.events == [ev.id] and denies.events == [ev.id]
    assert says.conflicts_with == ["b:c4"] and denies.conflicts_with == ["a:c1"]


def test_empty_input():
    assert consolidate_events([], [], {}) == []


AFF = {"person:berg": "gpe:ARC"}


@pytest.mark.parametrize(
    "sentence,aff,merges",
    [
        # a country standing for one unnamed official joins its named official's act
        ("Arcadia's defence chief travelled to Freedonia in July.", AFF, True),
        ("The Arcadian foreign minister travelled to Freedonia in July.", AFF, True),
        # a group of the country's officials is other people
        ("A delegation of Arcadian officials travelled to Freedonia in July.", AFF, False),
        ("Arcadian officials travelled to Freedonia in July.", AFF, False),
        # without a known affiliation, person and country do not match
        ("Arcadia's defence chief travelled to Freedonia in July.", {}, False),
        # the person belongs to another country
        ("Arcadia's defence chief travelled to Freedonia in July.", {"person:berg": "gpe:BOR"}, False),
    ],
)
def test_country_standing_for_its_official(sentence, aff, merges):
    events = [
        _ev("a:e0", "Defence minister Berg travelled to Freedonia in July.", date=JULY),
        _ev("b:e0", sentence, actors=("gpe:ARC",), date=JULY),
    ]
    merged = consolidate_events(events, [], ARTS, affiliation=aff)
    assert (len(merged) == 1) is merges


def test_two_events_of_one_sentence_never_merge():
    s = "Berg travelled to Freedonia in July, and Berg travelled to Freedonia again in July."
    a = _ev("a:e0", s, date=JULY)
    b = _ev("a:e1", s, date=JULY)
    b.evidence = [Evidence("a", 0, len(s), s)]
    assert len(consolidate_events([a, b], [], ARTS)) == 2
    # the same two reports from different articles merge
    c = _ev("b:e1", s, date=JULY)
    assert len(consolidate_events([a, c], [], ARTS)) == 1


@pytest.mark.parametrize(
    "summary,aff,expected",
    [
        ("Arcadia's defence chief travelled to Freedonia", AFF, True),
        ("the Arcadian president visited Freedonia", AFF, True),
        ("a delegation of Arcadian officials travelled to Freedonia", AFF, False),
        ("Arcadian officials travelled to Freedonia", AFF, False),
        ("Arcadia's defence chief travelled to Freedonia", {"person:berg": "gpe:BOR"}, False),
        ("Arcadia's defence chief travelled to Freedonia", {}, False),
    ],
)
def test_stands_for_needs_one_unnamed_official_of_the_persons_country(summary, aff, expected):
    from storyline.consolidate.participants import stands_for as _stands_for

    person = _ev("a:e0", "Berg travelled to Freedonia.")
    country = _ev("b:e0", summary, actors=("gpe:ARC",))
    assert _stands_for(person, country, aff) is expected


def test_merged_event_keeps_its_timeml_layer_and_every_trigger():
    a = _ev("a:e0", "Berg travelled to Freedonia in July.", date=JULY)
    b = _ev("b:e0", "Berg travelled to Freedonia in July, officials said.", date=JULY)
    for e, art in ((a, "a"), (b, "b")):
        e.timeml_class, e.predicate, e.tense = "OCCURRENCE", "travel", "PAST"
        e.triggers = [Evidence(art, 5, 14)]
    (merged,) = [m for m in consolidate_events([a, b], [], ARTS) if m.sources == ["a", "b"]]
    assert (merged.timeml_class, merged.predicate, merged.tense) == ("OCCURRENCE", "travel", "PAST")
    assert [(t.article, t.start, t.end) for t in merged.triggers] == [("a", 5, 14), ("b", 5, 14)]


def test_other_events_merge_only_with_the_same_predicate():
    cut = _ev("a:e0", "Acme cut 2,000 jobs in July.", date=JULY, actors=["org:acme"], recipients=[])
    close = _ev("b:e0", "Acme cut 2,000 jobs and closed plants in July.", date=JULY, actors=["org:acme"],
                recipients=[])
    for e, pred in ((cut, "cut jobs"), (close, "close plants")):
        e.type, e.mode, e.predicate = "OTHER", None, pred
    assert len(consolidate_events([cut, close], [], ARTS)) == 2
    close.predicate = "cut jobs"
    assert len(consolidate_events([cut, close], [], ARTS)) == 1
