"""Cross-document event coreference on hand-built reports: predicates, participants, time, sub-events."""

from __future__ import annotations

import pytest

from storyline.consolidate import blocking, participants
from storyline.consolidate.events import consolidate_events
from storyline.consolidate.predicates import concepts_of
from storyline.records import Article, DateInfo, Event, Evidence


def _arts(*ids: str, published: str = "2024-05-10") -> dict[str, Article]:
    return {a: Article(id=a, source=a, text="", outlet=a.upper(), published=published) for a in ids}


def _ev(eid: str, sentence: str, predicate: str, actors=(), recipients=(), objects=(), typ: str = "OTHER",
        mode: str | None = None, date: DateInfo | None = None, modality: str = "asserted") -> Event:  # fmt: skip
    art = eid.split(":")[0]
    return Event(eid, typ, mode, list(actors), list(recipients), list(objects), date=date, modality=modality,
                 summary=sentence, evidence=[Evidence(art, 0, len(sentence), sentence)], sources=[art],
                 predicate=predicate)  # fmt: skip


def _year(y: int) -> DateInfo:
    return DateInfo(f"{y}-01-01", f"{y}-12-31", "year", str(y), "explicit")


ARTS = _arts("a", "b", "c")


@pytest.mark.parametrize(
    "x,y,meet",
    [("acquisition", "acquire", True), ("buy", "acquire", True), ("purchases", "buy", True),
     ("arrested", "detain", True), ("buy", "sell", False), ("hire", "fire", False), ("killing", "kill", True)],
)  # fmt: skip
def test_predicate_variants_meet_in_one_concept(x, y, meet):
    assert bool(concepts_of(x) & concepts_of(y)) is meet


@pytest.mark.parametrize(
    "a,b,same",
    [("person-cheeks", "person-maurice-cheeks", True), ("person-de-generes", "person-degeneres", True),
     ("org-imf", "org-international-monetary-fund", True), ("person-anson", "person-hanson", False),
     ("person-kim-jong-un", "person-kim-yo-jong", False), ("person-john-smith", "person-jane-smith", False),
     ("gpe-rus", "gpe-prk", False)],
)  # fmt: skip
def test_name_variants_of_one_participant(a, b, same):
    assert participants.same_participant(a, b) is same
    assert bool(participants.keys(a) & participants.keys(b)) or not same  # variants meet in a block


def test_a_city_is_a_place_not_an_actor():
    assert participants.is_place("gpe-springfield") and participants.is_place("loc-harbour")
    assert not participants.is_place("gpe-fra") and not participants.is_place("person-berg")


def test_acquisition_agreed_to_buy_and_acquires_are_one_event():
    events = [
        _ev("a:e0", "Acme agreed to buy Widgetco for $2 billion.", "buy", ["org-acme"], [], ["Widgetco"]),
        _ev("b:e0", "Acme acquires Widgetco in a $2 billion deal.", "acquire", ["org-acme"], [], ["Widgetco"]),
        _ev("c:e0", "The acquisition of Widgetco by Acme Corp. was announced on Monday.", "acquisition",
            ["org-acme"], [], ["Widgetco"]),
    ]  # fmt: skip
    (merged,) = consolidate_events(events, [], ARTS)
    assert merged.sources == ["a", "b", "c"]


def test_agentless_report_joins_the_report_that_names_the_agent():
    events = [
        _ev("a:e0", "Twenty-three pirates have been arrested in the gulf after an attack on a tanker.", "arrest",
            objects=["23 pirates"]),
        _ev("b:e0", "The navy arrested 23 pirates in the gulf after they attacked a tanker.", "arrest",
            ["org-navy"], objects=["23 pirates"]),
    ]  # fmt: skip
    assert len(consolidate_events(events, [], ARTS)) == 1


def test_a_shared_recipient_alone_is_not_enough():
    events = [
        _ev("a:e0", "United made a bid for the striker Novak.", "bid", ["org-united"], ["person-novak"]),
        _ev("b:e0", "City made a bid for the striker Novak.", "bid", ["org-city"], ["person-novak"]),
    ]
    assert len(consolidate_events(events, [], ARTS)) == 2


def test_the_same_actor_years_apart_is_two_events():
    events = [
        _ev("a:e0", "Softco released a security patch for its browser in 2008.", "release", ["org-softco"],
            objects=["security patch"], date=_year(2008)),
        _ev("b:e0", "Softco released a security patch for its browser in 2013.", "release", ["org-softco"],
            objects=["security patch"], date=_year(2013)),
    ]  # fmt: skip
    assert len(consolidate_events(events, [], ARTS)) == 2
    events[1].date = None  # an unknown date does not keep them apart
    assert len(consolidate_events(events, [], ARTS)) == 1


def test_a_place_taken_as_the_actor_does_not_merge_different_acts():
    events = [
        _ev("a:e0", "Springfield fired its coach Miller on Saturday.", "fire", ["gpe-springfield"],
            ["person-miller"]),
        _ev("b:e0", "Springfield fired its coach Jones after a losing season.", "fire", ["gpe-springfield"],
            ["person-jones"]),
    ]  # fmt: skip
    assert len(consolidate_events(events, [], ARTS)) == 2


def test_a_sub_event_stays_apart_from_the_event_it_is_part_of():
    offensive = _ev("a:e0", "The army launched an offensive on the northern front.", "offensive",
                    ["org-army"], typ="FIGHT")  # fmt: skip
    strike = _ev("a:e1", "During the offensive, the army struck a bridge on the northern front.", "strike",
                 ["org-army"], typ="FIGHT")  # fmt: skip
    strike.date = DateInfo(None, None, "unknown", "During the offensive", "relative", anchor="a:e0",
                           relation="during")  # fmt: skip
    merged = consolidate_events([offensive, strike], [], ARTS)
    assert len(merged) == 2
    part = next(e for e in merged if e.id == "a:e1")
    assert part.part_of == "a:e0"


def test_buying_reported_in_september_and_shipping_reported_in_november_stay_two():
    sept = DateInfo(None, "2022-09-30", "day", None, "tense", relation="before")
    nov = DateInfo(None, "2022-11-02", "day", None, "tense", relation="before")
    arts = _arts("a", "b", published="2022-11-02")
    buying = _ev("a:e0", "Officials warned two months ago that Freedonia appeared to be buying millions of rockets "
                 "and artillery shells from Ruritania.", "buy for use", ["gpe-rur"], ["gpe-fre"],
                 ["rockets", "artillery shells"], "AID", "military", sept, "reported")  # fmt: skip
    shipping = _ev("b:e0", "Ruritania is covertly shipping artillery shells to Freedonia, officials say.",
                   "ship artillery shells", ["gpe-rur"], ["gpe-fre"], ["artillery shells"], "AID", "military",
                   nov, "reported")  # fmt: skip
    purchasing = _ev("b:e1", "Officials first alleged two months ago that Freedonia was purchasing millions of "
                     "rockets and artillery shells from Ruritania.", "purchase", ["gpe-fre"], [],
                     ["rockets", "artillery shells"], "AID", "military", sept, "reported")  # fmt: skip
    merged = consolidate_events([buying, shipping, purchasing], [], arts)
    assert len(merged) == 2
    assert {e.id: sorted(e.sources) for e in merged} == {"a:e0": ["a", "b"], "b:e0": ["b"]}


def test_blocking_stays_linear_in_the_number_of_reports():
    n = 3000
    events = [_ev(f"a{i}:e0", f"Report {i}.", "arrest", [f"person-p{i % 50}"]) for i in range(n)]
    pairs = blocking.candidate_pairs(events, [frozenset({"arrest"})] * n, {})
    assert len(pairs) <= n * (blocking.WINDOW + blocking.WINDOW_KIND)
    agentless = _ev("z:e0", "Someone was arrested.", "arrest")
    pairs = blocking.candidate_pairs([events[0], agentless], [frozenset({"arrest"})] * 2, {})
    assert pairs == {(0, 1)}  # an agentless report is a candidate too
