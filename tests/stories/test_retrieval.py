"""Retrieval over the whole store: the FTS5 index kept at ingest, `--about`, dates, copies."""

from __future__ import annotations

import sqlite3

import pytest

from storyline.records import Article
from storyline.store import MIGRATIONS, SEARCH_VERSION, Store
from storyline.stories.retrieval import (
    Selection,
    SelectionError,
    about_scores,
    left_out,
    parse_day,
    select,
)

from .conftest import story_of


@pytest.fixture
def store(stored):
    s = Store(stored / "storyline.db")
    yield s
    s.close()


def test_parse_day_reads_days_months_and_years_and_refuses_the_rest():
    assert parse_day("2024-03-05") == "2024-03-05"
    assert (parse_day("2024-02"), parse_day("2024-02", end=True)) == ("2024-02-01", "2024-02-29")
    assert (parse_day("2023"), parse_day("2023", end=True)) == ("2023-01-01", "2023-12-31")
    for bad in ("2024-13-01", "yesterday", "2024-02-30", "24-01-01"):
        with pytest.raises(SelectionError, match="not a date"):
            parse_day(bad)


def test_the_store_indexes_articles_at_ingest_and_forgets_removed_ones(corpus, tmp_path):
    from storyline.pipeline import store_inputs

    store_inputs([corpus], tmp_path)
    store = Store(tmp_path / "storyline.db")
    hits = store.search_articles('"grindavik"')
    stories = {a.id: story_of(a) for a in store.articles()}
    assert len(hits) == 5 and {stories[i] for i in hits} == {"volcano"}  # four dated, one undated
    assert not store.search_articles('"mortgage" AND "lava"')
    victim = next(iter(hits))
    store.remove_articles([victim])
    assert victim not in store.search_articles('"grindavik"') and len(store.search_articles('"grindavik"')) == 4
    assert store.conn.execute("SELECT count(*) FROM article_search_rows").fetchone()[0] == len(store.articles())
    store.close()


def test_the_index_follows_new_exclusions_and_metadata(tmp_path):
    from storyline.records import ExcludedSpan

    s = Store(tmp_path / "x.db")
    text = "Lava reached Grindavik. Related: central bank rates."
    a = Article(id="a", source="a.txt", text=text, title="Eruption", content_hash="a")
    s.add_articles([a])
    assert list(s.search_articles('"rates"')) == ["a"]
    s.update_exclusions({"a": [ExcludedSpan(text.index("Related"), len(text), "teaser")]})
    assert not s.search_articles('"rates"') and list(s.search_articles('"grindavik"')) == ["a"]
    s.add_articles([Article(id="a", source="a.txt", text=text, title="Lava flow", content_hash="a")])
    assert list(s.search_articles('"flow"')) == ["a"] and not s.search_articles('"eruption"')
    s.close()


def test_about_keeps_the_story_and_records_what_it_left_out(stored, tmp_path):
    s = Store(stored / "storyline.db")
    try:
        arts = s.articles()
        kept, scores = select(s, arts, Selection(about="interest rates central bank"))
        assert {story_of(a) for a in kept} == {"rates"} and len(kept) == 4
        assert len(scores) == len(arts)
        gone = left_out(s)
        assert len(gone) == len(arts) - 4
        assert [g["score"] for g in gone] == sorted((g["score"] for g in gone), reverse=True)
        kept, _ = select(s, arts, Selection(about="Tiago Mendes"))
        assert {story_of(a) for a in kept} == {"transfer"} and len(kept) == 3
    finally:
        s.close()


def test_scores_rank_the_story_above_the_rest(store):
    arts = store.articles()
    scores = about_scores(store, arts, "volcano eruption in Iceland")
    volcano = [scores[a.id] for a in arts if story_of(a) == "volcano"]
    other = [scores[a.id] for a in arts if story_of(a) != "volcano"]
    assert min(volcano) > max(other)


def test_since_until_keep_the_window_and_leave_undated_articles_out(store):
    arts = store.articles()
    kept, _ = select(store, arts, Selection(since="2024-03-01", until="2024-06-30"))
    assert {story_of(a) for a in kept} == {"volcano", "rates"} and len(kept) == 8
    kept, _ = select(store, arts, Selection(about="volcano lava", until="2024-03-06"))
    assert sorted(a.published for a in kept) == ["2024-03-04", "2024-03-05"]


def test_no_selection_keeps_everything_and_clears_the_left_out_list(store):
    arts = store.articles()
    select(store, arts, Selection(about="volcano"))
    assert left_out(store)
    kept, _ = select(store, arts, Selection())
    assert len(kept) == len(arts) and left_out(store) == []


def test_a_copy_goes_with_its_original(tmp_path):
    s = Store(tmp_path / "x.db")
    a = Article(id="a", source="a.txt", text="Lava from the volcano reached Grindavik.", content_hash="a")
    b = Article(id="b", source="b.txt", text="Interest rates rose again at the central bank.", content_hash="b")
    c = Article(id="c", source="c.txt", text="A copy, reworded beyond recognition.", duplicate_of="a", content_hash="c")
    s.add_articles([a, b, c])
    s.set_duplicates({"c": "a"})
    kept, _ = select(s, s.articles(), Selection(about="volcano lava Grindavik"))
    assert sorted(x.id for x in kept) == ["a", "c"]
    s.close()


def test_unknown_story_and_reversed_window_are_refused(store):
    with pytest.raises(SelectionError, match="no story 99"):
        select(store, store.articles(), Selection(story=99))
    with pytest.raises(SelectionError, match="after"):
        select(store, store.articles(), Selection(since="2024-05-01", until="2024-01-01"))


@pytest.mark.parametrize("version", [SEARCH_VERSION - 2, SEARCH_VERSION - 1])
def test_a_store_from_before_the_index_is_indexed_when_opened(tmp_path, version):
    p = tmp_path / "old.db"
    c = sqlite3.connect(p)
    for script in MIGRATIONS[:version]:
        for stmt in script.split(";"):
            if stmt.strip():
                c.execute(stmt)
    rec = '{"id":"a0","source":"f.txt","text":"The volcano erupted near Grindavik.","title":"Eruption"}'
    c.execute("INSERT INTO articles VALUES ('a0','h','f.txt',NULL,NULL,?,0)", (rec,))
    c.execute("INSERT INTO analyses VALUES ('a0','v1','{}')")
    c.execute(f"PRAGMA user_version = {version}")
    c.commit()
    c.close()
    s = Store(p)
    assert s.schema_version == len(MIGRATIONS)
    assert list(s.search_articles('"grindavik"')) == ["a0"]
    assert list(s.search_articles('"eruption"')) == ["a0"]  # the title is indexed too
    assert [a.id for a in s.articles()] == ["a0"] and s.analysed_ids("v1") == {"a0"}  # nothing lost
    s.close()
