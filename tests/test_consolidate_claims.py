"""Cross-outlet claim merging: same statement -> one claim; same-day paraphrase -> related."""

import pytest

from storyline.consolidate.claims import merge_claims, normalize, speaker_identity
from storyline.records import Article, Claim, DateInfo, Evidence


def claim(cid: str, art: str, speaker: str | None, content: str, how: str = "publication") -> Claim:
    said = (
        DateInfo(None, "2024-05-02", "day", None, how, relation="before")
        if how == "publication"
        else DateInfo("2024-05-01", "2024-05-01", "day", "Wednesday", how)
    )
    return Claim(cid, speaker, "x", "said", "assert", "direct", content, said, [Evidence(art, 0, 10)])


ARTS = {a: Article(id=a, source=a, text="", published="2024-05-02") for a in ("a1", "a2", "a3")}


@pytest.mark.parametrize(
    "a,b",
    [
        ("“We will not back down,” ", '"We will not  back down"'),
        (
            "We are watching this very closely and we will respond",
            "We are watching this ... closely and we will respond",
        ),
        (
            "We are watching this very closely and we will respond",
            "We are watching [...] closely and we will respond",
        ),
        (
            "the talks have collapsed and there is no path to a deal this year",
            "The talks have collapsed and there is no path",
        ),
    ],
)
def test_same_statement_across_outlets_merges(a, b):
    out = merge_claims([claim("a1:c1", "a1", "e1", a), claim("a2:c1", "a2", "e1", b, how="explicit")], ARTS)
    assert len(out) == 1
    merged = out[0]
    assert [e.article for e in merged.evidence] == ["a1", "a2"]
    assert merged.said_on.how == "explicit"  # the better-dated report wins
    assert normalize(merged.content) == normalize(max(a, b, key=len))


def test_distinct_statements_of_one_speaker_stay_apart():
    out = merge_claims(
        [
            claim("a1:c1", "a1", "e1", "We will respond to the attack"),
            claim("a2:c1", "a2", "e1", "We will not respond to the attack"),
        ],
        ARTS,
    )
    assert len(out) == 2


def test_different_speakers_never_merge():
    out = merge_claims(
        [
            claim("a1:c1", "a1", "e1", "the ceasefire holds"),
            claim("a2:c1", "a2", "e2", "the ceasefire holds"),
        ],
        ARTS,
    )
    assert len(out) == 2


def test_paraphrase_same_day_is_related_not_merged():
    a = claim("a1:c1", "a1", "e1", "Russia is seeking artillery shells from North Korea")
    b = claim("a2:c1", "a2", "e1", "Russia is trying to buy artillery shells from North Korea")
    c = claim("a3:c1", "a3", "e1", "Prices of grain rose in the spring")
    out = {x.id: x for x in merge_claims([a, b, c], ARTS)}
    assert len(out) == 3
    assert out["a1:c1"].related == ["a2:c1"] and out["a2:c1"].related == ["a1:c1"]
    assert out["a3:c1"].related == []


def test_inputs_are_not_mutated():
    a = claim("a1:c1", "a1", "e1", "We will respond")
    b = claim("a2:c1", "a2", "e1", "We will respond")
    merge_claims([a, b], ARTS)
    assert len(a.evidence) == 1


def test_many_claims_stay_fast():
    import time

    cl = [
        claim(f"a1:c{i}", "a1", f"e{i % 50}", f"statement number {i} about topic {i % 7} with words {i * 3}")
        for i in range(3000)
    ]
    t = time.perf_counter()
    out = merge_claims(cl, ARTS)
    assert time.perf_counter() - t < 10
    assert len(out) == 3000


def _anon(cid: str, art: str, stext: str, content: str) -> Claim:
    c = claim(cid, art, None, content)
    c.speaker_text = stext
    return c


def test_generic_speakers_never_merge_across_articles():
    """ "The company" of one Reuters story is not "the company" of another."""
    words = "sales rose by ten percent in the third quarter"
    out = merge_claims(
        [_anon("a1:c1", "a1", "The company", words), _anon("a2:c1", "a2", "The company", words)], ARTS
    )
    assert len(out) == 2


def test_generic_speaker_description_is_compared_without_case_in_its_article():
    words = "the talks will resume next week in Geneva"
    out = merge_claims(
        [
            _anon("a1:c1", "a1", "A top White House official", words),
            _anon("a1:c2", "a1", "a top White House official", words),
        ],
        ARTS,
    )
    assert len(out) == 1
    assert speaker_identity(out[0]) == "anon:a1:a top white house official"


def test_denial_of_the_accusation_links_to_an_earlier_article():
    acc = claim("a1:c1", "a1", "gpe:EGY", "stalling the negotiations on the dam")
    acc.target = "gpe:ETH"
    den = claim("a2:c1", "a2", "gpe:ETH", "the accusation")
    den.stance = "deny"
    other = claim("a2:c2", "a2", "gpe:SDN", "the accusation")
    other.stance = "deny"
    out = {c.id: c for c in merge_claims([acc, den, other], ARTS)}
    assert out["a2:c1"].target_claims == ["a1:c1"]
    assert out["a2:c2"].target_claims == []  # the accusation was not aimed at Sudan


def test_links_follow_merged_claims():
    a = claim("a1:c1", "a1", "e1", "We never sent any troops across the border")
    b = claim("a2:c1", "a2", "e1", "We never sent any troops across the border")
    c = claim("a2:c2", "a2", "e2", "the claims")
    c.stance, c.target_claims = "deny", ["a2:c1"]
    d = claim("a2:c3", "a2", "e3", "they will leave soon")
    d.reported_by = "a2:c1"
    out = {x.id: x for x in merge_claims([a, b, c, d], ARTS)}
    assert out["a2:c2"].target_claims == ["a1:c1"] and out["a2:c3"].reported_by == "a1:c1"


def _denial(cid: str, art: str, speaker: str, content: str) -> Claim:
    c = claim(cid, art, speaker, content)
    c.stance = "deny"
    return c


def test_denial_of_the_accusation_conflicts_with_it_both_ways():
    acc = claim("a1:c1", "a1", "gpe:EGY", "stalling the negotiations on the dam")
    acc.target = "gpe:ETH"
    acc2 = claim("a1:c2", "a1", "gpe:EGY", "diverting the river without any agreement")
    acc2.target = "gpe:ETH"
    den = _denial("a2:c1", "a2", "gpe:ETH", "such accusations")
    out = {c.id: c for c in merge_claims([acc, acc2, den], ARTS)}
    assert out["a2:c1"].target_claims == ["a1:c1", "a1:c2"]  # plural: the whole set, one denial
    assert out["a2:c1"].conflicts_with == ["a1:c1", "a1:c2"]
    assert out["a1:c1"].conflicts_with == ["a2:c1"] and out["a1:c2"].conflicts_with == ["a2:c1"]


def test_denial_of_the_reports_links_across_articles():
    rep = claim("a1:c1", "a1", "org:paper", "the ministry hid the audit results")
    rep.target = "org:ministry"
    den = _denial("a2:c1", "a2", "org:ministry", "the reports")
    out = {c.id: c for c in merge_claims([rep, den], ARTS)}
    assert out["a2:c1"].target_claims == ["a1:c1"] and out["a2:c1"].conflicts_with == ["a1:c1"]


def test_a_denial_never_conflicts_with_its_reporter_or_its_own_speaker():
    reporter = claim("a1:c1", "a1", "person:k", "the ministry denied the accusation")
    own = claim("a1:c2", "a1", "org:ministry", "we acted within the law")
    den = _denial("a1:c3", "a1", "org:ministry", "the accusation")
    den.reported_by, den.target_claims = "a1:c1", ["a1:c1", "a1:c2"]
    out = {c.id: c for c in merge_claims([reporter, own, den], ARTS)}
    assert out["a1:c3"].conflicts_with == []
    assert out["a1:c1"].conflicts_with == [] and out["a1:c2"].conflicts_with == []


@pytest.mark.parametrize("tail", [", even though rockets were found there", ", although inspectors saw the shipments",
                                  ", despite the photographs"])
def test_a_concessive_tail_is_not_part_of_the_denial(tail):
    den = _denial("a1:c1", "a1", "gpe:PRK", "accusations that it sends weapons abroad" + tail)
    den.target = den.content
    out = merge_claims([den], ARTS)[0]
    assert out.content == "accusations that it sends weapons abroad" and out.target == out.content


def test_a_concessive_word_inside_an_assertion_stays():
    c = claim("a1:c1", "a1", "e1", "prices rose, although wages did not")
    assert merge_claims([c], ARTS)[0].content == "prices rose, although wages did not"
