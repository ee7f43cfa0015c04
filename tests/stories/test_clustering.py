"""`storyline stories`' clustering: the right groups, ids by size, what is stored, entities when analysed."""

from __future__ import annotations

import json

import pytest

from storyline.records import Article
from storyline.store import Store
from storyline.stories import clustering
from storyline.stories.clustering import cluster, load, save, time_decay

from .conftest import STORIES, story_of


@pytest.fixture(scope="module")
def found(stored):
    s = Store(stored / "storyline.db")
    try:
        arts = s.articles()
        stories = cluster(s, arts)
        save(s, stories, len(arts))
        yield arts, stories, load(s)
    finally:
        s.close()


def test_three_stories_are_found_whole_and_apart(found):
    arts, stories, _ = found
    by_id = {a.id: a for a in arts}
    groups = sorted(sorted(story_of(by_id[i]) for i in s.articles) for s in stories)
    assert groups == [["rates"] * 4, ["transfer"] * 3, ["volcano"] * 5]


def test_stories_are_numbered_by_size_and_described(found):
    arts, stories, _ = found
    assert [s.id for s in stories] == [1, 2, 3] and [s.size for s in stories] == [5, 4, 3]
    volcano, rates, transfer = stories
    assert (volcano.first_day, volcano.last_day) == ("2024-03-04", "2024-03-12")  # the undated one adds no day
    assert "grindavik" in volcano.terms and "Grindavik" in volcano.actors
    assert "Tiago Mendes" in transfer.actors or "Mendes" in transfer.actors
    assert rates.label in {title for _, title, _ in STORIES["rates"]}


def test_a_store_larger_than_a_chunk_is_clustered_by_chunks_and_merged(stored, monkeypatch):
    """Chunks of 5 articles in date order split every story; merging their groups puts them together."""
    monkeypatch.setattr(clustering, "CHUNK", 5)
    s = Store(stored / "storyline.db")
    try:
        arts = s.articles()
        by_id = {a.id: a for a in arts}
        stories = cluster(s, arts)
    finally:
        s.close()
    groups = sorted(sorted(story_of(by_id[i]) for i in st.articles) for st in stories)
    assert groups == [["rates"] * 4, ["transfer"] * 3, ["volcano"] * 5]


def test_the_clustering_is_stored_and_read_back(found):
    _, stories, loaded = found
    assert [(s.id, s.label, sorted(s.articles)) for s in loaded] == [(s.id, s.label, sorted(s.articles)) for s in stories]


def test_time_decay_keeps_a_floor_and_falls_with_distance():
    assert time_decay(0) == pytest.approx(1.0)
    assert time_decay(30) < time_decay(3) < 1.0
    assert time_decay(10_000) == pytest.approx(clustering.TIME_FLOOR)


def test_far_apart_in_time_the_same_words_need_more(stored):
    """Two near-identical reports a year apart are less similar than the same two a day apart."""
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    docs = ["lava volcano grindavik eruption", "lava volcano grindavik eruption fissure"]
    x = TfidfVectorizer().fit_transform(docs)
    vecs = np.eye(2, 4, dtype=np.float32)
    near = clustering.similarity(x, vecs, [100.0, 101.0])[0, 1]
    far = clustering.similarity(x, vecs, [100.0, 465.0])[0, 1]
    undated = clustering.similarity(x, vecs, [None, 465.0])[0, 1]
    assert far < near <= undated


def test_stored_entities_name_the_actors_when_articles_are_analysed(tmp_path):
    s = Store(tmp_path / "x.db")
    texts = ["the team met the press in the city today after the match",
             "the team spoke to the press in the city after the match today"]
    arts = [Article(id=f"a{i}", source=f"{i}.txt", text=t, content_hash=f"h{i}") for i, t in enumerate(texts)]
    s.add_articles(arts)
    rec = {"article": "a0", "mentions": [{"article": "a0", "start": 0, "end": 8, "text": "the team", "key": "k"}],
           "entity_info": {"k": {"name": "Rovers FC", "type": "ORG"}}}
    s.conn.execute("INSERT INTO analyses VALUES ('a0', 'v', ?)", (json.dumps(rec),))
    stories = cluster(s, s.articles())
    assert len(stories) == 1 and stories[0].actors[0] == "Rovers FC"
    s.close()


@pytest.mark.parametrize("texts", [["Volcano erupts.", "Bank raises rates.", "Striker signs contract."],
                                   ["the and of", "it is"], ["Lava."]])
def test_a_few_short_articles_with_no_shared_word_still_cluster(tmp_path, texts):
    s = Store(tmp_path / "x.db")
    s.add_articles([Article(id=f"a{i}", source=f"{i}.txt", text=t, content_hash=f"h{i}") for i, t in enumerate(texts)])
    stories = cluster(s, s.articles())
    assert sorted(a for st in stories for a in st.articles) == [f"a{i}" for i in range(len(texts))]
    s.close()
