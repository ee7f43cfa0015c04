"""SQLite store: one file per project, WAL mode, versioned migrations.

Why SQLite: embedded, transactional, and crash-safe. Every write happens inside a transaction, so a run
killed at any point (even ``kill -9``) leaves the last committed state; the next run resumes by skipping
articles whose analysis is already stored for the current pipeline version.
Records are stored as JSON next to the indexed columns that queries need.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .migrations import MIGRATIONS as MIGRATIONS  # re-exported: the schema history
from .migrations import SEARCH_VERSION as SEARCH_VERSION
from .records import (
    AnalysisFailure,
    Article,
    ArticleAnalysis,
    Claim,
    Conflict,
    DateInfo,
    Event,
    Evidence,
    ExcludedSpan,
    Mention,
    Timex,
    to_dict,
)


class StoreError(Exception):
    """The store file cannot be used (not a storyline database, newer schema, corrupt)."""


class Store:
    def __init__(self, path: str | Path):
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"{self.path.parent}: cannot create the store's folder ({exc.strerror})") from exc
        if self.path.exists():
            _check_readonly(self.path)
        try:
            self.conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self._migrate()
            self.superseded = []  # ids of older versions replaced by edited inputs, this session
            self.updated: list[str] = []  # ids whose metadata the inputs changed, this session
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: not a usable storyline database ({exc})") from exc

    # -- schema -----------------------------------------------------------------------------
    @property
    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    superseded: list[str]

    def _migrate(self) -> None:
        current = self.schema_version
        if current > len(MIGRATIONS):
            raise StoreError(
                f"{self.path}: schema version {current} is newer than this storyline ({len(MIGRATIONS)})"
            )
        for version in range(current, len(MIGRATIONS)):
            with self.transaction():
                for stmt in _statements(MIGRATIONS[version]):
                    self.conn.execute(stmt)
                self.conn.execute(f"PRAGMA user_version = {version + 1}")
        if 0 < current < SEARCH_VERSION <= len(MIGRATIONS):
            self.index_missing()  # articles stored before the search index existed

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One all-or-nothing write; a failing write (disk full, read-only) is a `StoreError` after
        the rollback, so the store stays as it was."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot write to the store ({exc})") from exc
        try:
            yield self.conn
        except BaseException as exc:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise StoreError(f"{self.path}: cannot write to the store ({exc})") from exc
            raise
        else:
            try:
                self.conn.execute("COMMIT")
            except sqlite3.Error as exc:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise StoreError(f"{self.path}: cannot write to the store ({exc})") from exc

    def close(self) -> None:
        self.conn.close()

    def _refresh_metadata(self, c: sqlite3.Connection, a: Article, stored: dict[str, Any]) -> None:
        """Same text, new metadata (a corrected manifest date or outlet): the stored record follows the
        input, and its analysis is redone, since relative dates are anchored to the publication date."""
        fresh = to_dict(a)
        keys = ("url", "outlet", "title", "authors", "published", "published_from", "language")
        if all(fresh.get(k) == stored.get(k) for k in keys):
            return
        merged = {**stored, **{k: fresh.get(k) for k in keys}}
        _rewrite(c, a.id, merged)  # (the title may change)
        c.execute("UPDATE articles SET published=? WHERE id=?", (a.published, a.id))
        c.execute("DELETE FROM analyses WHERE article_id=?", (a.id,))
        self.updated.append(a.id)

    def remove_articles(self, keys: Iterable[str]) -> list[str]:
        """Delete articles by id or by source (with their analyses); returns the ids removed."""
        removed: list[str] = []
        with self.transaction() as c:
            for key in keys:
                rows = c.execute("SELECT id FROM articles WHERE id=? OR source=?", (key, key)).fetchall()
                for (aid,) in rows:
                    c.execute("UPDATE articles SET duplicate_of=NULL WHERE duplicate_of=?", (aid,))
                    _unindex(c, aid)
                    c.execute("DELETE FROM articles WHERE id=?", (aid,))
                    removed.append(aid)
        return removed

    def integrity_ok(self) -> bool:
        return self.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

    # -- articles ---------------------------------------------------------------------------
    def add_articles(self, articles: Iterable[Article]) -> list[Article]:
        """Insert new articles; returns those that were not already stored (idempotent by id).

        A new version of a stored input (same source, other content: the file was edited) supersedes
        the old one, which is deleted with its analysis, so the story follows the input as it is now.
        """
        added = []
        with self.transaction() as c:
            for a in articles:
                row = c.execute("SELECT record FROM articles WHERE id=?", (a.id,)).fetchone()
                if row is not None:
                    self._refresh_metadata(c, a, json.loads(row[0]))
                    continue
                old = c.execute("SELECT id FROM articles WHERE source=? AND id<>?", (a.source, a.id)).fetchall()
                for (old_id,) in old:
                    c.execute("UPDATE articles SET duplicate_of=NULL WHERE duplicate_of=?", (old_id,))
                    _unindex(c, old_id)
                    c.execute("DELETE FROM articles WHERE id=?", (old_id,))
                    self.superseded.append(old_id)
                c.execute(
                    "INSERT INTO articles(id, content_hash, source, published, duplicate_of, record, added_at)"
                    " VALUES (?,?,?,?,?,?,?)",
                    (a.id, a.content_hash, a.source, a.published, a.duplicate_of, _dump(a), time.time()),
                )
                _index(c, a)
                added.append(a)
        return added

    def articles(self) -> list[Article]:
        rows = self.conn.execute("SELECT record, duplicate_of FROM articles ORDER BY added_at, id").fetchall()
        out = []
        for rec, dup in rows:
            a = article_from_dict(json.loads(rec))
            a.duplicate_of = dup
            out.append(a)
        return out

    def set_duplicates(self, duplicate_of: dict[str, str | None]) -> None:
        with self.transaction() as c:
            c.executemany(
                "UPDATE articles SET duplicate_of=? WHERE id=?", [(v, k) for k, v in duplicate_of.items()]
            )

    def update_exclusions(self, excluded: dict[str, list[ExcludedSpan]]) -> None:
        """Replace the excluded spans of stored articles (after the cleaning rules changed)."""
        with self.transaction() as c:
            for aid, spans in excluded.items():
                row = c.execute("SELECT record FROM articles WHERE id=?", (aid,)).fetchone()
                if row is None:
                    continue
                rec = json.loads(row[0])
                rec["excluded"] = to_dict(spans)
                _rewrite(c, aid, rec)  # (the masked text changes)
                c.execute("DELETE FROM signatures WHERE article_id=?", (aid,))

    # -- full-text search over stored articles ----------------------------------------------
    def index_missing(self) -> int:
        """Index the stored articles the search index lacks (stores made before it); returns how many."""
        rows = self.conn.execute(
            "SELECT a.id, a.source, a.record FROM articles a LEFT JOIN article_search_rows r ON r.article_id = a.id"
            " WHERE r.n IS NULL").fetchall()
        if rows:
            with self.transaction() as c:
                for aid, source, rec in rows:  # (the columns stand in for fields a very old record lacks)
                    _index(c, article_from_dict({"id": aid, "source": source, "text": "", **json.loads(rec)}))
        return len(rows)

    def search_articles(self, match: str) -> dict[str, float]:
        """BM25 score (higher is better) of every stored article matching the FTS5 query `match`;
        a title match weighs twice a body match."""
        rows = self.conn.execute(
            "SELECT r.article_id, -bm25(article_search, 2.0, 1.0) FROM article_search"
            " JOIN article_search_rows r ON r.n = article_search.rowid WHERE article_search MATCH ?", (match,))
        return {aid: float(score) for aid, score in rows}

    # -- meta -------------------------------------------------------------------------------
    def get_meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction() as c:
            c.execute("INSERT OR REPLACE INTO meta VALUES (?,?)", (key, value))

    # -- signatures -------------------------------------------------------------------------
    def signatures(self) -> dict[str, bytes]:
        return dict(self.conn.execute("SELECT article_id, minhash FROM signatures").fetchall())

    def get_embeddings(self, keys: list[str]) -> dict[str, bytes]:
        """Stored embedding vectors for `keys` (those it has)."""
        out: dict[str, bytes] = {}
        for k in range(0, len(keys), 500):
            part = keys[k : k + 500]
            marks = ",".join("?" * len(part))
            out.update(self.conn.execute(f"SELECT key, vec FROM embeddings WHERE key IN ({marks})", part).fetchall())
        return out

    def put_embeddings(self, vectors: dict[str, bytes]) -> None:
        with self.transaction() as c:
            c.executemany("INSERT OR REPLACE INTO embeddings VALUES (?,?)", list(vectors.items()))

    def put_signatures(self, sigs: dict[str, bytes]) -> None:
        with self.transaction() as c:
            c.executemany("INSERT OR REPLACE INTO signatures VALUES (?,?)", list(sigs.items()))

    # -- analyses ---------------------------------------------------------------------------
    def analysed_ids(self, version: str) -> set[str]:
        rows = self.conn.execute("SELECT article_id FROM analyses WHERE version=?", (version,))
        return {r[0] for r in rows}

    def put_analyses(self, analyses: Iterable[ArticleAnalysis], version: str) -> None:
        with self.transaction() as c:
            c.executemany(
                "INSERT OR REPLACE INTO analyses VALUES (?,?,?)",
                [(an.article, version, _dump(an)) for an in analyses],
            )

    def analyses(self, version: str) -> list[ArticleAnalysis]:
        rows = self.conn.execute(
            "SELECT an.record FROM analyses an JOIN articles a ON a.id = an.article_id"
            " WHERE an.version=? ORDER BY a.added_at, a.id",
            (version,),
        )
        return [analysis_from_dict(json.loads(r[0])) for r in rows]

    # -- runs -------------------------------------------------------------------------------
    def start_run(self) -> int:
        with self.transaction() as c:
            cur = c.execute("INSERT INTO runs(started, status) VALUES (?, 'running')", (time.time(),))
            return int(cur.lastrowid or 0)

    def finish_run(self, run_id: int, status: str, stats: dict[str, Any]) -> None:
        with self.transaction() as c:
            c.execute(
                "UPDATE runs SET finished=?, status=?, stats=? WHERE id=?",
                (time.time(), status, json.dumps(stats), run_id),
            )

    def add_failures(self, run_id: int, failures: Iterable[tuple[str, int | None, str]]) -> None:
        with self.transaction() as c:
            c.executemany("INSERT INTO failures VALUES (?,?,?,?)", [(run_id, *f) for f in failures])

    def add_analysis_failures(self, run_id: int, failures: Iterable[AnalysisFailure]) -> None:
        with self.transaction() as c:
            c.executemany(
                "INSERT INTO analysis_failures VALUES (?,?,?,?,?)",
                [(run_id, f.article, f.stage, f.error, f.message) for f in failures],
            )

    def analysis_failures(self, run_id: int | None = None) -> list[tuple[int, str, str, str, str]]:
        """(run, article id, stage, error, message) rows, of one run or all, oldest first."""
        sql = "SELECT run_id, article_id, stage, error, message FROM analysis_failures"
        args: tuple[Any, ...] = ()
        if run_id is not None:
            sql, args = sql + " WHERE run_id=?", (run_id,)
        return [tuple(r) for r in self.conn.execute(sql + " ORDER BY rowid", args)]  # type: ignore[misc]

    def interrupted_runs(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM runs WHERE status='running'").fetchone()[0])


def _search_fields(a: Article) -> tuple[str, str]:
    """What the search index holds of an article: its title and masked text (what analysis reads)."""
    from .ingest.clean import masked_text

    return a.title or "", masked_text(a)


def _index(c: sqlite3.Connection, a: Article) -> None:
    cur = c.execute("INSERT INTO article_search_rows(article_id) VALUES (?)", (a.id,))
    c.execute("INSERT INTO article_search(rowid, title, body) VALUES (?,?,?)", (cur.lastrowid, *_search_fields(a)))


def _rewrite(c: sqlite3.Connection, article_id: str, record: dict[str, Any]) -> None:
    """Replace a stored article's record, and its search index entry with it (the index forgets the
    stored version first, while it is still the indexed one)."""
    _unindex(c, article_id)
    c.execute("UPDATE articles SET record=? WHERE id=?", (json.dumps(record, ensure_ascii=False), article_id))
    _index(c, article_from_dict(record))


def _unindex(c: sqlite3.Connection, article_id: str) -> None:
    """Take an article out of the search index while its stored record is still the indexed one
    (a contentless FTS5 table forgets a row only when given the values it indexed)."""
    row = c.execute("SELECT r.n, a.source, a.record FROM article_search_rows r JOIN articles a ON a.id = r.article_id"
                    " WHERE r.article_id=?", (article_id,)).fetchone()
    if row is not None:
        n, source, rec = row
        a = article_from_dict({"id": article_id, "source": source, "text": "", **json.loads(rec)})
        c.execute("INSERT INTO article_search(article_search, rowid, title, body) VALUES ('delete',?,?,?)",
                  (n, *_search_fields(a)))
        c.execute("DELETE FROM article_search_rows WHERE n=?", (n,))


def _check_readonly(path: Path) -> None:
    """Refuse a store file that is not a healthy SQLite database, without writing to it."""
    try:
        conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True, timeout=30)
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise StoreError(f"{path}: not a usable storyline database ({exc}); it was left untouched") from exc
    if rows != [("ok",)]:
        problem = "; ".join(str(r[0]) for r in rows[:3])
        raise StoreError(f"{path}: the store is corrupt ({problem}); it was left untouched")


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]


def _dump(obj: Any) -> str:
    return json.dumps(to_dict(obj), ensure_ascii=False, separators=(",", ":"))


def article_from_dict(d: dict[str, Any]) -> Article:
    d = dict(d)
    d["excluded"] = [ExcludedSpan(**e) for e in d.get("excluded", [])]
    return Article(**d)


def _date(d: dict[str, Any] | None) -> DateInfo | None:
    return DateInfo(**d) if d else None  # the stored form is exactly the record's fields


def _evidence(items: list[dict[str, Any]]) -> list[Evidence]:
    return [Evidence(**e) for e in items]


def claim_from_dict(d: dict[str, Any]) -> Claim:
    d = dict(d)
    d["said_on"] = _date(d.get("said_on"))
    d["evidence"] = _evidence(d.get("evidence", []))
    return Claim(**d)


def event_from_dict(d: dict[str, Any]) -> Event:
    d = dict(d)
    d["date"] = _date(d.get("date"))
    d["evidence"] = _evidence(d.get("evidence", []))
    d["triggers"] = _evidence(d.get("triggers", []))
    d["conflicts"] = [
        Conflict(field=c["field"], values=c["values"], evidence=_evidence(c.get("evidence", [])))
        for c in d.get("conflicts", [])
    ]
    return Event(**d)


def analysis_from_dict(d: dict[str, Any]) -> ArticleAnalysis:
    return ArticleAnalysis(
        article=d["article"],
        timexes=[Timex(**t) for t in d.get("timexes", [])],
        mentions=[Mention(**m) for m in d.get("mentions", [])],
        entity_info=d.get("entity_info", {}),
        claims=[claim_from_dict(c) for c in d.get("claims", [])],
        events=[event_from_dict(e) for e in d.get("events", [])],
    )
