"""Read-only SQL over the story tables (`storyline.tables`), shaped as the API's response dicts.

Why a module of its own: the pages and any other reader can reuse the queries without FastAPI, and
every query stays on an index (events by date, entity links, the FTS5 index) so it answers fast on a
store of tens of thousands of articles.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

# Words of a text query passed to FTS5; more are ignored (a query is a few keywords, not a document).
MAX_QUERY_WORDS = 16
# Entities' events and claims listed on an entity's page.
ENTITY_ITEMS = 200
_WORD = re.compile(r"\w+")
_FIRST_DAY, _LAST_DAY = "0001-01-01", "9999-12-31"  # an open end of a date range


class BadQuery(ValueError):
    """A parameter that cannot be answered (a text query without words, an unknown run)."""


class NotFound(LookupError):
    """No such id."""


def fts_query(q: str, kind: str | None = None) -> str:
    """The words of `q` as an FTS5 query (all of them, each quoted, so no input is FTS5 syntax) over
    the title and body; `kind` (article, event, claim) is matched in the index, not filtered after."""
    words = _WORD.findall(q)[:MAX_QUERY_WORDS]
    if not words:
        raise BadQuery("q has no words to search for")
    match = "{title body} : (" + " ".join(f'"{w}"' for w in words) + ")"
    return f'kind : "{kind}" AND {match}' if kind else match


def _marks(items: Sequence[Any]) -> str:
    return ",".join("?" for _ in items)


def _j(text: str | None) -> Any:
    return json.loads(text) if text else None


def _rows(conn: sqlite3.Connection, sql: str, args: Iterable[Any] = ()) -> list[sqlite3.Row]:
    return conn.execute(sql, tuple(args)).fetchall()


# ------------------------------------------------------------------------------------------ evidence

_EVIDENCE = (
    "SELECT v.*, a.outlet, a.published, a.title, a.url FROM evidence v"
    " JOIN story_articles a ON a.id = v.article_id"
)


def _evidence_dict(r: sqlite3.Row) -> dict[str, Any]:
    return {
        "article_id": r["article_id"], "start": r["start"], "end": r["end"], "sentence": r["sentence"],
        "outlet": r["outlet"], "published": r["published"], "title": r["title"], "url": r["url"],
        "source_span": _j(r["source_span"]), "cue_span": _j(r["cue_span"]), "content_span": _j(r["content_span"]),
    }  # fmt: skip


def evidence_of(conn: sqlite3.Connection, column: str, ids: Sequence[Any], role: str | None = None
                ) -> dict[Any, list[dict[str, Any]]]:  # fmt: skip
    """Evidence rows by owner (`column` is event_id, claim_id or conflict_id), in stored order."""
    out: dict[Any, list[dict[str, Any]]] = {i: [] for i in ids}
    if not ids:
        return out
    sql = f"{_EVIDENCE} WHERE v.{column} IN ({_marks(ids)})"
    args: list[Any] = list(ids)
    if role:
        sql, args = sql + " AND v.role = ?", [*args, role]
    for r in _rows(conn, sql + " ORDER BY v.id", args):
        out[r[column]].append(_evidence_dict(r))
    return out


# ------------------------------------------------------------------------------------------ entities

def _entity_ref(r: sqlite3.Row) -> dict[str, Any]:
    return {"id": r["id"], "name": r["name"], "type": r["type"]}


def _entity_dict(r: sqlite3.Row) -> dict[str, Any]:
    return {**_entity_ref(r), "aliases": _j(r["aliases"]) or [], "n_mentions": r["n_mentions"],
            "n_events": r["n_events"]}  # fmt: skip


def entity_ids(conn: sqlite3.Connection, key: str) -> list[str]:
    """Entities an actor or speaker filter names: by id, or by name in any case."""
    rows = _rows(conn, "SELECT id FROM entities WHERE id = ? UNION SELECT id FROM entities"
                 " WHERE name = ? COLLATE NOCASE", (key, key))  # fmt: skip
    return [r[0] for r in rows]


def entity_refs(conn: sqlite3.Connection, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    if not ids:
        return {}
    rows = _rows(conn, f"SELECT id, name, type FROM entities WHERE id IN ({_marks(ids)})", ids)
    return {r["id"]: _entity_ref(r) for r in rows}


def list_entities(conn: sqlite3.Connection, type_: str | None, name: str | None, limit: int, offset: int
                  ) -> tuple[int, list[dict[str, Any]]]:  # fmt: skip
    where, args = _where([("type = ?", type_), ("instr(lower(name), lower(?)) > 0", name)])
    total = conn.execute(f"SELECT count(*) FROM entities{where}", args).fetchone()[0]
    rows = _rows(conn, f"SELECT * FROM entities{where} ORDER BY n_events DESC, n_mentions DESC, name"
                 " LIMIT ? OFFSET ?", [*args, limit, offset])  # fmt: skip
    return total, [_entity_dict(r) for r in rows]


def entity_detail(conn: sqlite3.Connection, eid: str) -> dict[str, Any]:
    row = conn.execute("SELECT * FROM entities WHERE id = ?", (eid,)).fetchone()
    if row is None:
        raise NotFound(f"no entity {eid!r}")
    links = entity_links(conn, [eid])[eid]
    ev = _rows(conn, f"SELECT * FROM events WHERE id IN ({_marks(links['events'])}) ORDER BY date_sort, id",
               links["events"])  # fmt: skip
    cl = _rows(conn, f"SELECT * FROM claims WHERE id IN ({_marks(links['claims'])}) ORDER BY id", links["claims"])
    return {**_entity_dict(row), "events": events_out(conn, ev), "claims": claims_out(conn, cl),
            "articles": links["articles"]}  # fmt: skip


def entity_links(conn: sqlite3.Connection, ids: Sequence[str]) -> dict[str, dict[str, list[Any]]]:
    """What each entity's page lists, as ids: its first ENTITY_ITEMS events (date order) and claims,
    and the articles that mention it (most mentions first); a fixed number of queries for any number."""
    out: dict[str, dict[str, list[Any]]] = {i: {"events": [], "claims": [], "articles": []} for i in ids}
    ev = ("SELECT entity_id, id FROM (SELECT x.entity_id, e.id, row_number() OVER (PARTITION BY x.entity_id"
          " ORDER BY e.date_sort, e.id) AS n FROM (SELECT DISTINCT entity_id, event_id FROM event_entities"
          f" WHERE entity_id IN ({_marks(ids)})) x JOIN events e ON e.id = x.event_id) WHERE n <= ? ORDER BY entity_id, n")
    for ent, item in _rows(conn, ev, [*ids, ENTITY_ITEMS]):
        out[ent]["events"].append(item)
    cl = ("SELECT speaker_id, id FROM (SELECT speaker_id, id, row_number() OVER (PARTITION BY speaker_id ORDER BY id)"
          f" AS n FROM claims WHERE speaker_id IN ({_marks(ids)})) WHERE n <= ? ORDER BY speaker_id, n")
    for ent, item in _rows(conn, cl, [*ids, ENTITY_ITEMS]):
        out[ent]["claims"].append(item)
    arts = ("SELECT m.entity_id, m.article_id, a.title, count(*) AS n FROM mentions m JOIN story_articles a"
            f" ON a.id = m.article_id WHERE m.entity_id IN ({_marks(ids)}) GROUP BY m.entity_id, m.article_id"
            " ORDER BY m.entity_id, n DESC, m.article_id")
    for ent, aid, title, n in _rows(conn, arts, ids):
        out[ent]["articles"].append({"article_id": aid, "title": title, "mentions": n})
    return out


# ------------------------------------------------------------------------------------------ events

def _where(conds: Iterable[tuple[str, Any]]) -> tuple[str, list[Any]]:
    """WHERE clause of the conditions whose value is given (None: not filtered)."""
    parts, args = [], []
    for sql, value in conds:
        if value is None:
            continue
        parts.append(sql)
        args.extend(value if isinstance(value, list) else [value])
    return (" WHERE " + " AND ".join(parts) if parts else ""), args


def list_events(conn: sqlite3.Connection, *, actor: str | None = None, type_: str | None = None,
                modality: str | None = None, since: str | None = None, until: str | None = None,
                q: str | None = None, key_only: bool = False, limit: int = 50, offset: int = 0
                ) -> tuple[int, list[dict[str, Any]]]:  # fmt: skip
    """Events earliest first; since/until keep the dated events whose interval meets the range (an
    "on or before D" bound counts at D, where it sorts and is drawn)."""
    conds: list[tuple[str, Any]] = [("type = ?", type_), ("modality = ?", modality)]
    if since is not None or until is not None:
        conds.append((_in_range(narrow=actor is not None or q is not None), [until or _LAST_DAY, since or _FIRST_DAY]))
    if actor is not None:
        ids = entity_ids(conn, actor) or [""]  # no entity has the empty id: nothing matches
        conds.append((f"id IN (SELECT event_id FROM event_entities WHERE entity_id IN ({_marks(ids)}))", ids))
    if q is not None:
        conds.append(("id IN (SELECT ref FROM search_index WHERE search_index MATCH ?)", fts_query(q, "event")))
    conds.append(("id IN (SELECT event_id FROM key_events)", [] if key_only else None))
    where, args = _where(conds)
    total = conn.execute(f"SELECT count(*) FROM events{where}", args).fetchone()[0]
    rows = _rows(conn, f"SELECT * FROM events{where} ORDER BY date_sort, id LIMIT ? OFFSET ?",
                 [*args, limit, offset])  # fmt: skip
    return total, events_out(conn, rows)


def _in_range(narrow: bool) -> str:
    """The date-range condition: probed row by row in the R*Tree when another filter already narrows
    the events (an actor, words), else the R*Tree's matches drive the query."""
    test = "first <= CAST(julianday(?) AS INTEGER) AND last >= CAST(julianday(?) AS INTEGER)"
    if narrow:
        return f"EXISTS (SELECT 1 FROM events_dates d WHERE d.id = events.rowid AND {test})"
    return f"rowid IN (SELECT id FROM events_dates WHERE {test})"


def _date(r: sqlite3.Row, prefix: str) -> dict[str, Any]:
    keys = r.keys()
    return {
        "first_day": r[f"{prefix}_first"], "last_day": r[f"{prefix}_last"],
        "precision": r[f"{prefix}_precision"], "relation": r[f"{prefix}_relation"],
        "how": r[f"{prefix}_how"] if f"{prefix}_how" in keys else None,
        "text": r[f"{prefix}_text"] if f"{prefix}_text" in keys else None, "label": r[f"{prefix}_label"],
    }  # fmt: skip


def events_out(conn: sqlite3.Connection, rows: Sequence[sqlite3.Row]) -> list[dict[str, Any]]:
    """Event rows with their actors, recipients and key-event rank (three queries for the page)."""
    ids = [r["id"] for r in rows]
    roles: dict[str, dict[str, list[str]]] = {i: {"actor": [], "recipient": []} for i in ids}
    ranks: dict[str, int] = {}
    if ids:
        for r in _rows(conn, f"SELECT event_id, entity_id, role FROM event_entities WHERE event_id IN"
                       f" ({_marks(ids)}) ORDER BY rowid", ids):  # fmt: skip
            roles[r[0]][r[2]].append(r[1])
        ranks = dict(_rows(conn, f"SELECT event_id, rank FROM key_events WHERE event_id IN ({_marks(ids)})",
                           ids))  # type: ignore[arg-type]  # fmt: skip
    refs = entity_refs(conn, sorted({e for v in roles.values() for ids_ in v.values() for e in ids_}))
    return [{
        "id": r["id"], "type": r["type"], "mode": r["mode"], "modality": r["modality"], "summary": r["summary"],
        "date": _date(r, "date"), "actors": [refs[e] for e in roles[r["id"]]["actor"]],
        "recipients": [refs[e] for e in roles[r["id"]]["recipient"]], "objects": _j(r["objects"]) or [],
        "sources": _j(r["sources"]) or [], "outlets": _j(r["outlets"]) or [], "salience": r["salience"],
        "independent_sources": r["independent_sources"], "off_topic": bool(r["off_topic"]),
        "n_evidence": r["n_evidence"], "key_rank": ranks.get(r["id"]),
    } for r in rows]  # fmt: skip


def event_detail(conn: sqlite3.Connection, eid: str) -> dict[str, Any]:
    row = conn.execute("SELECT * FROM events WHERE id = ?", (eid,)).fetchone()
    if row is None:
        raise NotFound(f"no event {eid!r}")
    return event_details(conn, [row])[0]


def event_details(conn: sqlite3.Connection, rows: Sequence[sqlite3.Row]) -> list[dict[str, Any]]:
    """Event rows with all the event page shows, in a fixed number of queries however many there are
    (the offline export asks for every event at once)."""
    ids = [r["id"] for r in rows]
    evidence = evidence_of(conn, "event_id", ids, "event")
    triggers = evidence_of(conn, "event_id", ids, "trigger")
    about: dict[str, list[str]] = {i: [] for i in ids}
    for cid, eid in _rows(conn, f"SELECT claim_id, event_id FROM claim_events WHERE event_id IN ({_marks(ids)})"
                          " ORDER BY claim_id", ids):  # fmt: skip
        about[eid].append(cid)
    wanted = sorted({c for v in about.values() for c in v})
    claims = {c["id"]: c for c in claims_out(conn, _rows(conn, f"SELECT * FROM claims WHERE id IN ({_marks(wanted)})",
                                                          wanted))} if wanted else {}  # fmt: skip
    subs: dict[str, list[str]] = {i: [] for i in ids}
    for sid, parent in _rows(conn, f"SELECT id, part_of FROM events WHERE part_of IN ({_marks(ids)})"
                             " ORDER BY date_sort, id", ids):  # fmt: skip
        subs[parent].append(sid)
    conflicts: dict[str, list[dict[str, Any]]] = {i: [] for i in ids}
    for c in conflicts_out(conn, _rows(conn, f"SELECT * FROM conflicts WHERE event_id IN ({_marks(ids)})"
                                       " ORDER BY id", ids)):  # fmt: skip
        conflicts[c["event_id"]].append(c)
    return [{
        **e, "location": r["location"], "timeml_class": r["timeml_class"], "predicate": r["predicate"],
        "tense": r["tense"], "aspect": r["aspect"], "polarity": r["polarity"], "part_of": r["part_of"],
        "sub_events": subs[r["id"]], "evidence": evidence[r["id"]], "triggers": triggers[r["id"]],
        "claims": [claims[c] for c in about[r["id"]]], "conflicts": conflicts[r["id"]],
    } for r, e in zip(rows, events_out(conn, rows), strict=True)]  # fmt: skip


def key_events(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    keys = _rows(conn, "SELECT * FROM key_events ORDER BY rank")
    ids = [k["event_id"] for k in keys]
    events = {e["id"]: e for e in events_out(
        conn, _rows(conn, f"SELECT * FROM events WHERE id IN ({_marks(ids)})", ids))} if ids else {}
    summary = evidence_of(conn, "event_id", ids, "key_event")
    return [{
        "rank": k["rank"], "score": k["score"], "date_label": k["date_label"], "event": events[k["event_id"]],
        "summary": summary[k["event_id"]], "sources": _j(k["sources"]) or [], "outlets": _j(k["outlets"]) or [],
        "claims": _j(k["claims"]) or [],
    } for k in keys]  # fmt: skip


# ------------------------------------------------------------------------------------------ claims

def list_claims(conn: sqlite3.Connection, *, speaker: str | None = None, stance: str | None = None,
                event: str | None = None, q: str | None = None, limit: int = 50, offset: int = 0
                ) -> tuple[int, list[dict[str, Any]]]:  # fmt: skip
    conds: list[tuple[str, Any]] = [("stance = ?", stance)]
    if speaker is not None:
        ids = entity_ids(conn, speaker) or [""]
        conds.append((f"(speaker_id IN ({_marks(ids)}) OR speaker_text = ? COLLATE NOCASE)", [*ids, speaker]))
    if event is not None:
        conds.append(("id IN (SELECT claim_id FROM claim_events WHERE event_id = ?)", event))
    if q is not None:
        conds.append(("id IN (SELECT ref FROM search_index WHERE search_index MATCH ?)", fts_query(q, "claim")))
    where, args = _where(conds)
    total = conn.execute(f"SELECT count(*) FROM claims{where}", args).fetchone()[0]
    rows = _rows(conn, f"SELECT * FROM claims{where} ORDER BY said_first IS NULL, said_first, id"
                 " LIMIT ? OFFSET ?", [*args, limit, offset])  # fmt: skip
    return total, claims_out(conn, rows)


def claims_out(conn: sqlite3.Connection, rows: Sequence[sqlite3.Row]) -> list[dict[str, Any]]:
    ids = [r["id"] for r in rows]
    events: dict[str, list[str]] = {i: [] for i in ids}
    others: dict[str, list[str]] = {i: [] for i in ids}
    if ids:
        for cid, eid in _rows(conn, f"SELECT claim_id, event_id FROM claim_events WHERE claim_id IN"
                              f" ({_marks(ids)}) ORDER BY event_id", ids):  # fmt: skip
            events[cid].append(eid)
        for a, b in _rows(conn, f"SELECT claim_id, other_claim_id FROM conflicts WHERE kind = 'claims' AND"
                          f" (claim_id IN ({_marks(ids)}) OR other_claim_id IN ({_marks(ids)}))", ids + ids):
            for x, y in ((a, b), (b, a)):
                if x in others:
                    others[x].append(y)
    refs = entity_refs(conn, sorted({r["speaker_id"] for r in rows if r["speaker_id"]}))
    evidence = evidence_of(conn, "claim_id", ids)
    return [{
        "id": r["id"], "speaker": refs.get(r["speaker_id"]), "speaker_text": r["speaker_text"], "cue": r["cue"],
        "stance": r["stance"], "kind": r["kind"], "content": r["content"], "said_on": _date(r, "said"),
        "reported_by": r["reported_by"], "target": r["target"], "events": events[r["id"]],
        "conflicts_with": sorted(others[r["id"]]), "evidence": evidence[r["id"]],
    } for r in rows]  # fmt: skip


def conflicts_out(conn: sqlite3.Connection, rows: Sequence[sqlite3.Row]) -> list[dict[str, Any]]:
    ids = [r["id"] for r in rows]
    evidence = evidence_of(conn, "conflict_id", ids)
    claim_ev = evidence_of(conn, "claim_id", sorted({c for r in rows for c in (r["claim_id"], r["other_claim_id"])
                                                    if c}))  # fmt: skip
    out = []
    for r in rows:
        claims = [c for c in (r["claim_id"], r["other_claim_id"]) if c]
        ev = evidence[r["id"]] or [v for c in claims for v in claim_ev[c]]
        out.append({"id": r["id"], "kind": r["kind"], "field": r["field"], "event_id": r["event_id"],
                    "claim_ids": claims, "values": _j(r["values"]) or [], "evidence": ev})
    return out


def list_conflicts(conn: sqlite3.Connection, kind: str | None, limit: int, offset: int) -> list[dict[str, Any]]:
    where, args = _where([("kind = ?", kind)])
    return conflicts_out(conn, _rows(conn, f"SELECT * FROM conflicts{where} ORDER BY id LIMIT ? OFFSET ?",
                                     [*args, limit, offset]))  # fmt: skip


# ------------------------------------------------------------------------------------------ articles

_ARTICLE_COLS = "id, source, url, outlet, title, published, language, duplicate_of, off_topic, length"


def _article_dict(r: sqlite3.Row) -> dict[str, Any]:
    return {k: r[k] for k in _ARTICLE_COLS.split(", ")} | {"off_topic": bool(r["off_topic"])}


def list_articles(conn: sqlite3.Connection, *, outlet: str | None = None, since: str | None = None,
                  until: str | None = None, limit: int = 50, offset: int = 0
                  ) -> tuple[int, list[dict[str, Any]]]:  # fmt: skip
    where, args = _where([("outlet = ?", outlet), ("published >= ?", since), ("published <= ?", until)])
    total = conn.execute(f"SELECT count(*) FROM story_articles{where}", args).fetchone()[0]
    rows = _rows(conn, f"SELECT {_ARTICLE_COLS} FROM story_articles{where}"
                 " ORDER BY published IS NULL, published, id LIMIT ? OFFSET ?", [*args, limit, offset])
    return total, [_article_dict(r) for r in rows]


def article_detail(conn: sqlite3.Connection, aid: str) -> dict[str, Any]:
    r = conn.execute("SELECT * FROM story_articles WHERE id = ?", (aid,)).fetchone()
    if r is None:
        raise NotFound(f"no article {aid!r}")
    spans = _rows(conn, 'SELECT start, "end", reason FROM excluded_spans WHERE article_id = ? ORDER BY start',
                  (aid,))  # fmt: skip
    return {
        **_article_dict(r), "published_from": r["published_from"], "authors": _j(r["authors"]) or [],
        "warnings": _j(r["warnings"]) or [], "text": r["text"],
        "excluded": [{"start": s[0], "end": s[1], "reason": s[2]} for s in spans],
    }  # fmt: skip


# ------------------------------------------------------------------------------------------ search, runs

def search(conn: sqlite3.Connection, q: str, kind: str | None, limit: int) -> list[dict[str, Any]]:
    """Best matches first (bm25) over article texts, event summaries and claim contents."""
    where, args = _where([("search_index MATCH ?", fts_query(q, kind))])
    rows = _rows(conn, f"SELECT kind, ref, title, snippet(search_index, 3, '{_OPEN}', '{_CLOSE}', '…', 12),"
                 f" rank FROM search_index{where} ORDER BY rank LIMIT ?", [*args, limit])  # fmt: skip
    return [{"kind": r[0], "id": r[1], "title": r[2], **_marked(r[3]), "rank": r[4]} for r in rows]


# Snippet delimiters (Unicode private-use characters, which news text does not use), stripped again so
# the matches are offsets into plain text and a page never has to parse markup out of article text.
_OPEN, _CLOSE = "\ue000", "\ue001"


def _marked(snippet: str) -> dict[str, Any]:
    """The snippet as plain text with the [start, end) offsets of its matched words."""
    text: list[str] = []
    marks: list[list[int]] = []
    start = at = 0
    for part in re.split(f"([{_OPEN}{_CLOSE}])", snippet):
        if part == _OPEN:
            start = at
        elif part == _CLOSE:
            marks.append([start, at])
        else:
            text.append(part)
            at += len(part)
    return {"snippet": "".join(text), "marks": marks}


def changes(conn: sqlite3.Connection, since_run: int) -> dict[str, Any]:
    """Articles in the story now and not after run `since_run`, and the reverse (the runs table dates them)."""
    latest = conn.execute("SELECT max(id) FROM runs").fetchone()[0]
    if since_run > (latest or 0):
        raise BadQuery(f"no run {since_run}: the latest run is {latest or 0}")
    last = ("SELECT article_id, change FROM article_changes WHERE seq IN (SELECT max(seq) FROM article_changes"
            " WHERE run_id <= ? GROUP BY article_id)")  # fmt: skip
    then = {r[0] for r in _rows(conn, last, (since_run,)) if r[1] == "added"}
    now = {r[0] for r in _rows(conn, last, (latest or 0,)) if r[1] == "added"}
    added = sorted(now - then)
    rows = _rows(conn, f"SELECT {_ARTICLE_COLS} FROM story_articles WHERE id IN ({_marks(added)})"
                 " ORDER BY published IS NULL, published, id", added) if added else []  # fmt: skip
    runs = _rows(conn, "SELECT id, started, finished, status FROM runs WHERE id > ? ORDER BY id", (since_run,))
    new, updated = _events_reported_by(conn, added)
    return {"since_run": since_run, "latest_run": latest, "runs": [dict(r) for r in runs],
            "added": [_article_dict(r) for r in rows], "removed": sorted(then - now),
            "new_events": new, "updated_events": updated}  # fmt: skip


def _events_reported_by(conn: sqlite3.Connection, added: Sequence[str]) -> tuple[list[str], list[str]]:
    """Events reported by the `added` articles: (only by them: new, also by older articles: updated)."""
    if not added:
        return [], []
    ids = [r[0] for r in _rows(conn, "SELECT DISTINCT event_id FROM evidence WHERE article_id IN"
                               f" ({_marks(added)}) AND event_id IS NOT NULL", added)]  # fmt: skip
    fresh = set(added)
    new: list[str] = []
    updated: list[str] = []
    for r in _rows(conn, f"SELECT id, sources FROM events WHERE id IN ({_marks(ids)}) ORDER BY date_sort, id", ids):
        (new if set(_j(r["sources"]) or []) <= fresh else updated).append(r["id"])
    return new, updated


def version(conn: sqlite3.Connection) -> dict[str, Any]:
    """Which run wrote the story now stored, and the latest run: cheap, for pages that poll for news."""
    info = conn.execute("SELECT run_id, written_at FROM story_info WHERE id = 1").fetchone()
    latest = conn.execute("SELECT max(id) FROM runs").fetchone()[0]
    meta = conn.execute("SELECT value FROM meta WHERE key = 'story'").fetchone()
    key = (_j(meta[0]) or {}).get("key") if meta else None
    return {"story_run": info[0] if info else None, "written_at": info[1] if info else None,
            "latest_run": latest, "story_key": key}  # fmt: skip


def overview(conn: sqlite3.Connection) -> dict[str, Any]:
    info = conn.execute("SELECT * FROM story_info WHERE id = 1").fetchone()
    count = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
             for t in ("story_articles", "events", "claims", "entities", "conflicts", "key_events")}  # fmt: skip
    outlets = conn.execute("SELECT count(DISTINCT outlet) FROM story_articles").fetchone()[0]
    span = conn.execute("SELECT min(published), max(published) FROM story_articles").fetchone()
    topic = _j(info["topic_actors"]) if info else []
    refs = entity_refs(conn, topic or [])
    main = _rows(conn, "SELECT * FROM entities WHERE n_events > 0 OR n_mentions > 0"
                 " ORDER BY n_events DESC, n_mentions DESC, name LIMIT 10")  # fmt: skip
    return {
        "counts": {**{k: v for k, v in count.items() if k != "story_articles"}, "articles": count["story_articles"],
                   "outlets": outlets},
        "topic_actors": [refs[a] for a in topic or [] if a in refs], "topic_terms": _j(info["topic_terms"]) if info
        else [], "about": info["about"] if info else None, "first_day": span[0], "last_day": span[1],
        "main_actors": [_entity_dict(r) for r in main], "run_id": info["run_id"] if info else None,
        "written_at": info["written_at"] if info else None,
    }  # fmt: skip
