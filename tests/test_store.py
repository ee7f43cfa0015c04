import sqlite3

import pytest

from storyline.records import Article, ArticleAnalysis, Claim, DateInfo, Evidence, ExcludedSpan, Timex
from storyline.store import MIGRATIONS, Store, StoreError


def _article(i: int) -> Article:
    return Article(
        id=f"a{i}", source=f"f{i}.txt", text=f"Text {i}.", published=f"2024-01-0{i + 1}",
        published_from="manifest", excluded=[ExcludedSpan(0, 4, "caption")], content_hash=f"h{i}",
    )


def test_new_store_is_wal_and_migrated(tmp_path):
    s = Store(tmp_path / "x.db")
    assert s.schema_version == len(MIGRATIONS)
    assert s.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    s.close()
    # reopening does not re-run migrations
    s2 = Store(tmp_path / "x.db")
    assert s2.schema_version == len(MIGRATIONS)


def test_add_articles_is_idempotent_and_roundtrips(tmp_path):
    s = Store(tmp_path / "x.db")
    assert [a.id for a in s.add_articles([_article(0), _article(1)])] == ["a0", "a1"]
    assert s.add_articles([_article(1), _article(2)]) == [_article(2)]
    got = s.articles()
    assert [a.id for a in got] == ["a0", "a1", "a2"]
    assert got[0].excluded == [ExcludedSpan(0, 4, "caption")]


def test_analyses_roundtrip_and_versioning(tmp_path):
    s = Store(tmp_path / "x.db")
    s.add_articles([_article(0)])
    an = ArticleAnalysis(
        article="a0",
        timexes=[Timex(0, 4, "July", "DATE", "2023-07", "2023-07-01", "2023-07-31", "month", "a0")],
        claims=[
            Claim(
                id="a0:c1", speaker="person:x", speaker_text="X", cue="said", stance="deny", kind="direct",
                content="no", said_on=DateInfo(None, "2024-01-01", "day", None, "publication", relation="before"),
                evidence=[Evidence("a0", 0, 4, "Text", [0, 1], [1, 2], [2, 3])],
            )
        ],
    )
    s.put_analyses([an], "1")
    assert s.analysed_ids("1") == {"a0"}
    assert s.analysed_ids("2") == set()
    assert s.analyses("1") == [an]


def test_newer_schema_is_refused(tmp_path):
    p = tmp_path / "x.db"
    c = sqlite3.connect(p)
    c.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 5}")
    c.close()
    with pytest.raises(StoreError, match="newer"):
        Store(p)


def test_garbage_file_is_refused_not_overwritten(tmp_path):
    p = tmp_path / "x.db"
    p.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="x.db"):
        Store(p)
    assert p.read_bytes() == b"this is not a database" * 100


def test_failed_transaction_rolls_back(tmp_path):
    s = Store(tmp_path / "x.db")
    with pytest.raises(RuntimeError):
        with s.transaction() as c:
            c.execute(
                "INSERT INTO articles VALUES ('z','h','s',NULL,NULL,'{}',0)"
            )
            raise RuntimeError("boom")
    assert s.articles() == []
    assert s.integrity_ok()


def test_old_store_is_migrated_in_place(tmp_path):
    p = tmp_path / "x.db"
    c = sqlite3.connect(p)
    for stmt in MIGRATIONS[0].split(";"):
        if stmt.strip():
            c.execute(stmt)
    c.execute("INSERT INTO articles VALUES ('a0','h','f.txt',NULL,NULL,?,0)", ('{"id":"a0","source":"f.txt","text":"T"}',))
    c.execute("PRAGMA user_version = 1")
    c.commit()
    c.close()
    s = Store(p)
    assert s.schema_version == len(MIGRATIONS) >= 2
    assert [a.id for a in s.articles()] == ["a0"]
    s.set_meta("k", "v")
    assert s.get_meta("k") == "v"
