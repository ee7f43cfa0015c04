"""The story's normalised tables: the migration that adds them, writing, rewriting, full-text search."""

import copy
import json
import sqlite3
from pathlib import Path

import pytest

from storyline.records import Evidence, KeyEvent
from storyline.store import MIGRATIONS, Store
from storyline.tables import STORY_TABLES, story_from_dict, write_story

FIXTURE = Path(__file__).parent / "fixtures" / "story_small.json"


@pytest.fixture
def story_dict() -> dict:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def _count(store: Store, table: str, where: str = "", args: tuple = ()) -> int:
    return store.conn.execute(f"SELECT count(*) FROM {table} {where}", args).fetchone()[0]


def _written(tmp_path: Path, d: dict) -> tuple[Store, int]:
    store = Store(tmp_path / "s.db")
    run = store.start_run()
    story = story_from_dict(d)
    story.key_events = [KeyEvent(event=d["events"][0]["id"], rank=1, date=story.events[0].date,
                                 summary=[Evidence("a1", 51, 140, "Ambassador Trentino of Sylvania visited.")])]
    write_story(store, story, run)
    return store, run


def test_migration_adds_story_tables_to_an_existing_store(tmp_path):
    """A store made before the story tables gains them, keeps its articles, and forgets the last story
    key so the next build writes the tables."""
    p = tmp_path / "old.db"
    c = sqlite3.connect(p)
    for script in MIGRATIONS[:3]:
        c.executescript(script)
    c.execute("PRAGMA user_version = 3")
    c.execute("INSERT INTO articles VALUES ('a1', 'h', 'f.txt', NULL, NULL, '{}', 0)")
    c.execute("INSERT INTO meta VALUES ('story', '{\"key\": \"k\"}')")
    c.execute("INSERT INTO meta VALUES ('clean_version', 'v')")
    c.commit()
    c.close()
    s = Store(p)
    assert s.schema_version == len(MIGRATIONS) >= 4
    assert s.get_meta("story") is None and s.get_meta("clean_version") == "v"
    assert _count(s, "articles") == 1
    names = {r[0] for r in s.conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    assert set(STORY_TABLES) | {"search_index", "article_changes"} <= names


def test_first_story_tables_are_upgraded_and_written_again(tmp_path, story_dict):
    """A store with the story tables of version 4 gets the API's indexes (version 5) and takes a story."""
    p = tmp_path / "v4.db"
    c = sqlite3.connect(p)
    for script in MIGRATIONS[:4]:
        c.executescript(script)
    c.execute("PRAGMA user_version = 4")
    c.execute("INSERT INTO meta VALUES ('story', '{}')")
    c.commit()
    c.close()
    store = Store(p)
    assert store.schema_version == len(MIGRATIONS) >= 5 and store.get_meta("story") is None
    write_story(store, story_from_dict(story_dict), store.start_run())
    assert _count(store, "events_dates") >= 1
    assert _count(store, "search_index", "WHERE search_index MATCH 'kind : \"event\" AND trentino'") >= 1


def test_story_round_trips_into_tables(tmp_path, story_dict):
    store, run = _written(tmp_path, story_dict)
    assert _count(store, "story_articles") == len(story_dict["articles"])
    assert _count(store, "events") == len(story_dict["events"])
    assert _count(store, "claims") == len(story_dict["claims"])
    assert _count(store, "entities") == len(story_dict["entities"])
    mentions = sum(len(e["mentions"]) for e in story_dict["entities"])
    assert _count(store, "mentions") == mentions
    spans = sum(len(a["excluded"]) for a in story_dict["articles"])
    assert _count(store, "excluded_spans") == spans
    ev = story_dict["events"][0]
    row = store.conn.execute("SELECT type, summary, date_first, date_label, modality FROM events WHERE id=?",
                             (ev["id"],)).fetchone()
    assert row == (ev["type"], ev["summary"], ev["date"]["first_day"], "2023-07-26", ev["modality"])
    got = store.conn.execute("SELECT article_id, start, \"end\", sentence FROM evidence WHERE event_id=?"
                             " AND role='event' ORDER BY id", (ev["id"],)).fetchall()
    assert got == [(v["article"], v["start"], v["end"], v["sentence"]) for v in ev["evidence"]]
    actors = {r[0] for r in store.conn.execute("SELECT entity_id FROM event_entities WHERE event_id=? AND"
                                               " role='actor'", (ev["id"],))}
    assert actors == set(ev["actors"])
    a1 = next(a for a in story_dict["articles"] if a["id"] == "a1")
    assert store.conn.execute("SELECT text FROM story_articles WHERE id='a1'").fetchone()[0] == a1["text"]
    assert _count(store, "key_events") == 1
    assert _count(store, "article_changes", "WHERE run_id=? AND change='added'", (run,)) == 5
    assert store.conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_full_text_index_finds_articles_events_and_claims(tmp_path, story_dict):
    store, _ = _written(tmp_path, story_dict)
    hits = store.conn.execute("SELECT kind, ref FROM search_index WHERE search_index MATCH 'trentino'").fetchall()
    kinds = {k for k, _ in hits}
    assert {"article", "event"} <= kinds
    claim = story_dict["claims"][0]
    word = "artillery"
    assert word in claim["content"]
    refs = {r for k, r in store.conn.execute("SELECT kind, ref FROM search_index WHERE search_index MATCH ?",
                                             (word,)) if k == "claim"}
    assert claim["id"] in refs
    # porter stemming: "visits" finds "visited"
    assert _count(store, "search_index", "WHERE search_index MATCH 'visits' AND kind='article'") >= 1


def test_rewriting_replaces_the_previous_story(tmp_path, story_dict):
    store, run1 = _written(tmp_path, story_dict)
    smaller = copy.deepcopy(story_dict)
    gone = "a5"
    smaller["articles"] = [a for a in smaller["articles"] if a["id"] != gone]
    smaller["events"] = smaller["events"][:3]
    for e in smaller["events"]:
        e["evidence"] = [v for v in e["evidence"] if v["article"] != gone]
    run2 = store.start_run()
    counts = write_story(store, story_from_dict(smaller), run2)
    assert counts["events"] == 3 and _count(store, "events") == 3
    assert _count(store, "story_articles", "WHERE id=?", (gone,)) == 0
    assert _count(store, "evidence", "WHERE article_id=?", (gone,)) == 0
    assert _count(store, "search_index", "WHERE ref=?", (gone,)) == 0
    assert _count(store, "key_events") == 0  # the fixture has none; the one written before is gone
    assert _count(store, "story_info") == 1
    assert store.conn.execute("SELECT article_id, change FROM article_changes WHERE run_id=?",
                              (run2,)).fetchall() == [(gone, "removed")]
    # articles kept remember the run that first added them
    assert {r[0] for r in store.conn.execute("SELECT added_run FROM story_articles")} == {run1}
    assert store.conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_references_outside_the_story_get_no_link_rows(tmp_path, story_dict):
    """An event naming a claim the story dropped, or an object that is a phrase, keeps the foreign keys."""
    d = copy.deepcopy(story_dict)
    d["events"][0]["claims"] = ["no-such-claim"]
    d["events"][0]["actors"].append("not-an-entity")
    d["claims"][0]["speaker"] = "not-an-entity"
    store, _ = _written(tmp_path, d)
    assert _count(store, "claim_events", "WHERE claim_id='no-such-claim'") == 0
    assert _count(store, "event_entities", "WHERE entity_id='not-an-entity'") == 0
    assert store.conn.execute("SELECT speaker_id, speaker_text FROM claims WHERE id=?",
                              (d["claims"][0]["id"],)).fetchone() == (None, d["claims"][0]["speaker_text"])
    assert store.conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_a_failed_write_leaves_the_previous_story(tmp_path, story_dict):
    store, _ = _written(tmp_path, story_dict)
    broken = story_from_dict(story_dict)
    broken.events.append(broken.events[0])  # a duplicate primary key fails the insert
    with pytest.raises(Exception, match="UNIQUE|cannot write"):
        write_story(store, broken, store.start_run())
    assert _count(store, "events") == len(story_dict["events"])
    assert _count(store, "search_index", "WHERE kind='event'") >= 1


def test_build_writes_the_story_tables(seed_build):
    out, _ = seed_build
    story = json.loads((out / "story.json").read_text(encoding="utf-8"))
    c = sqlite3.connect(out / "storyline.db")
    assert c.execute("SELECT count(*) FROM events").fetchone()[0] == len(story["events"])
    assert c.execute("SELECT count(*) FROM claims").fetchone()[0] == len(story["claims"])
    assert {r[0] for r in c.execute("SELECT id FROM story_articles")} == {a["id"] for a in story["articles"]}
    assert c.execute("SELECT count(*) FROM key_events").fetchone()[0] == len(story["key_events"])
    assert c.execute("PRAGMA foreign_key_check").fetchall() == []
    summary = next(e["summary"] for e in story["events"] if len(e["summary"].split()) > 2)
    word = max(summary.split(), key=len).strip(".,;:'\"")
    hits = c.execute("SELECT count(*) FROM search_index WHERE search_index MATCH ? AND kind='event'",
                     (f'"{word}"',)).fetchone()[0]
    assert hits >= 1
