"""The global step: per-article keys become story entities, and claims and events are consolidated
under those entities (so "Kirby" in one article and "John F. Kirby" in another are one speaker).

Entity keys and affiliations come from the real resolver on small real articles; claims and events are
hand-built so each test controls exactly what the extractors would have produced.
"""

from __future__ import annotations

import pytest

from storyline import nlp
from storyline.assemble import assemble
from storyline.records import Article, ArticleAnalysis, Claim, Event, Evidence, Timex
from storyline.resolve.actors import resolve_article

SHELLS = "North Korea has shipped artillery shells to Russia"


@pytest.fixture(scope="module")
def parse():
    pipe = nlp.load()

    def run(aid: str, text: str, outlet: str, published: str = "2023-10-14") -> tuple[Article, ArticleAnalysis]:
        art = Article(id=aid, source=f"{aid}.txt", text=text, outlet=outlet, published=published)
        mentions, info = resolve_article(art, pipe(text))
        return art, ArticleAnalysis(aid, mentions=mentions, entity_info=info)

    return run


def _ev(aid: str, n: int, summary: str, actors: list[str], recipients: list[str], claims=()) -> Event:
    return Event(f"{aid}:e{n}", "AID", "military", actors, recipients, summary=summary,
                 evidence=[Evidence(aid, 0, len(summary), summary)], claims=list(claims), sources=[aid])  # fmt: skip


def _claim(aid: str, n: int, speaker: str | None, content: str) -> Claim:
    return Claim(f"{aid}:c{n}", speaker, "", "said", "assert", "indirect", content,
                 evidence=[Evidence(aid, 0, len(content), content)])  # fmt: skip


@pytest.fixture(scope="module")
def kirby_story(parse):
    """Two outlets report Kirby's statement; the second names him only by surname."""
    a1, an1 = parse("a1", f"White House spokesman John F. Kirby said {SHELLS}.", "Herald")
    a2, an2 = parse("a2", f"Kirby told reporters that {SHELLS}.", "Daily")
    assert "person:kirby" in an2.entity_info  # the second article alone cannot know the full name
    an1.claims = [_claim("a1", 0, "person:john kirby", SHELLS)]
    an2.claims = [_claim("a2", 0, "person:kirby", SHELLS)]
    an1.events = [_ev("a1", 0, f"{SHELLS}.", ["gpe:PRK"], ["gpe:RUS"], claims=["a1:c0"])]
    an2.events = [_ev("a2", 0, f"{SHELLS}.", ["gpe:PRK", "gpe:PRK"], ["gpe:RUS"], claims=["a2:c0"])]
    an1.timexes = [Timex(0, 6, "Monday", "DATE", "2023-10-09", article="a1")]
    return assemble([a1, a2], [an1, an2])


def test_surname_and_full_name_are_one_entity_across_articles(kirby_story):
    ents = {e.id: e for e in kirby_story.entities}
    assert "person-kirby" not in ents
    kirby = ents["person-john-kirby"]
    assert kirby.name == "John F. Kirby" and kirby.type == "PERSON"
    assert {m.article for m in kirby.mentions} == {"a1", "a2"}
    assert {m.article for m in ents["gpe-prk"].mentions} == {"a1", "a2"}


def test_same_statement_under_two_name_forms_is_one_claim(kirby_story):
    [claim] = kirby_story.claims
    assert claim.speaker == "person-john-kirby"  # keys are replaced by entity ids
    assert sorted(e.article for e in claim.evidence) == ["a1", "a2"]


def test_reports_of_one_act_are_one_event_linked_to_the_claim(kirby_story):
    [event] = kirby_story.events
    assert event.actors == ["gpe-prk"]  # ids, each once
    assert event.recipients == ["gpe-rus"]
    assert event.sources == ["a1", "a2"] and event.outlets == ["Herald", "Daily"]
    [claim] = kirby_story.claims
    assert claim.id in event.claims and event.id in claim.events


def test_story_keeps_articles_and_collects_timexes(kirby_story):
    assert [a.id for a in kirby_story.articles] == ["a1", "a2"]
    assert [(t.article, t.value) for t in kirby_story.timexes] == [("a1", "2023-10-09")]


def test_different_speakers_keep_their_claims_apart(parse):
    a1, an1 = parse("a1", f"John Kirby said {SHELLS}.", "Herald")
    a2, an2 = parse("a2", f"Maria Lopez said {SHELLS}.", "Daily")
    an1.claims = [_claim("a1", 0, "person:john kirby", SHELLS)]
    an2.claims = [_claim("a2", 0, "person:maria lopez", SHELLS)]
    story = assemble([a1, a2], [an1, an2])
    assert sorted(c.speaker or "" for c in story.claims) == ["person-john-kirby", "person-maria-lopez"]


VISIT = "traveled to Pyongyang on Tuesday for talks on military cooperation"


def _shoigu_story(parse, with_affiliation: bool):
    a1, an1 = parse("a1", f"Russian Defense Minister Sergei Shoigu {VISIT}.", "Herald")
    a2, an2 = parse("a2", f"Russia's defense chief {VISIT}.", "Daily")
    if not with_affiliation:
        an1.entity_info["person:sergei shoigu"].pop("affiliation")
    an1.events = [_ev("a1", 0, f"Sergei Shoigu {VISIT}", ["person:sergei shoigu"], ["gpe:PRK"])]
    an2.events = [_ev("a2", 0, f"Russia's defense chief {VISIT}", ["gpe:RUS"], ["gpe:PRK"])]
    return assemble([a1, a2], [an1, an2])


def test_a_country_official_joins_the_named_minister_through_his_affiliation(parse):
    merged = _shoigu_story(parse, with_affiliation=True)
    assert len(merged.events) == 1
    assert merged.events[0].sources == ["a1", "a2"]
    # Control: without the resolver's affiliation the two reports have no actor in common.
    assert len(_shoigu_story(parse, with_affiliation=False).events) == 2
