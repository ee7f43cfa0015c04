"""Across articles: per-article keys joined into story entities (surnames join the unique full name)."""

from storyline.records import ArticleAnalysis
from storyline.resolve.actors import build_entities, canonicalize


def test_canonicalize_merges_unique_surname_across_articles():
    infos = [
        {"person:kirby": {"name": "Kirby", "type": "PERSON", "aliases": []}},
        {"person:john kirby": {"name": "John Kirby", "type": "PERSON", "aliases": []}},
        {"person:lopez": {}, "person:maria lopez": {}, "person:carlos lopez": {}},
    ]
    ids = canonicalize(infos)
    assert ids["person:kirby"] == ids["person:john kirby"]
    assert ids["person:lopez"] not in {ids["person:maria lopez"], ids["person:carlos lopez"]}
    assert ids == canonicalize(list(reversed(infos)))  # order-independent


def test_build_entities_groups_mentions_under_final_ids(analyse):
    m1, i1 = analyse("John F. Kirby spoke in Washington.", "a1")
    m2, i2 = analyse("Later, Kirby told reporters that North Korea was supplying shells.", "a2")
    analyses = [
        ArticleAnalysis("a1", mentions=m1, entity_info=i1),
        ArticleAnalysis("a2", mentions=m2, entity_info=i2),
    ]
    ids = canonicalize([i1, i2])
    ents = {e.id: e for e in build_entities(analyses, ids)}
    kirby = ents[ids["person:john kirby"]]
    assert kirby.name == "John F. Kirby" and kirby.type == "PERSON"
    assert {m.article for m in kirby.mentions} == {"a1", "a2"}
    assert all(m.key == kirby.id for m in kirby.mentions)


def test_affiliations_vote_across_articles(analyse):
    from storyline.assemble import affiliations

    a1 = analyse("Russian Defense Minister Sergei Shoigu arrived.", "a1")[1]
    a2 = analyse("Shoigu met reporters.", "a2")[1]
    analyses = [ArticleAnalysis(article="a1", entity_info=a1), ArticleAnalysis(article="a2", entity_info=a2)]
    key_to_id = canonicalize([a1, a2])
    aff = affiliations(analyses, key_to_id)
    assert aff == {key_to_id["person:sergei shoigu"]: key_to_id["gpe:RUS"]}
