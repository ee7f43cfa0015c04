"""The consolidated story as normalised tables in the store, so it can be queried and browsed.

Why: `story.json` is one document; the API (`storyline serve`) and datasette need rows with indexes and
a full-text index. Every build that assembles a story rewrites these tables in one transaction (the
schema is the store's migration 4); the runs table dates what each build added or removed.
References that point outside the story (a claim id an event keeps but the story dropped, an object
that is a phrase rather than an entity) stay in the row's JSON columns and get no link row, so the
foreign keys always hold.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable, Iterator
from typing import Any

from . import dates
from .records import Claim, Conflict, Event, Evidence, KeyEvent, Story, to_dict
from .store import Store

# Tables the story owns, children first, so deleting in this order never trips a foreign key.
STORY_TABLES = (
    "evidence", "key_events", "conflicts", "claim_events", "event_entities", "claims", "events",
    "mentions", "entities", "excluded_spans", "story_articles", "story_info", "events_dates",
)  # fmt: skip
# Where each dated event lies on the calendar (julian days) for date-range filters, in an R*Tree: its
# interval from where it sorts ("on or before D" at D, as the timeline draws it) to its last day.
_EVENT_DATES = (
    "INSERT INTO events_dates SELECT rowid, min(a, b), max(a, b) FROM (SELECT rowid,"
    " CAST(julianday(date_sort) AS INTEGER) AS a, CAST(julianday(date_end) AS INTEGER) AS b FROM events"
    " WHERE date_start IS NOT NULL) WHERE a IS NOT NULL AND b IS NOT NULL"
)


def _js(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _span(value: list[int] | None) -> str | None:
    return None if value is None else _js(value)


def write_story(store: Store, story: Story, run_id: int) -> dict[str, int]:
    """Replace the stored story by `story` in one transaction; returns rows written per table."""
    with store.transaction() as c:
        before = {r[0]: r[1] for r in c.execute("SELECT id, added_run FROM story_articles")}
        for table in STORY_TABLES:
            c.execute(f"DELETE FROM {table}")
        c.execute("DELETE FROM search_index")
        counts = _Writer(c, story, run_id, before).write()
        c.execute("ANALYZE")  # statistics, so the API's filtered and ordered lists pick their index
    return counts


class _Writer:
    """One story written into the emptied tables; counts what it wrote."""

    def __init__(self, c: sqlite3.Connection, story: Story, run_id: int, before: dict[str, int | None]):
        self.c, self.story, self.run_id, self.before = c, story, run_id, before
        self.articles = {a.id for a in story.articles}
        self.entities = {e.id for e in story.entities}
        self.events = {e.id for e in story.events}
        self.claims = {c.id for c in story.claims}
        self.counts: dict[str, int] = {}

    def _insert(self, table: str, columns: tuple[str, ...], rows: Iterable[tuple[Any, ...]]) -> None:
        cols = ", ".join(f'"{c}"' for c in columns)
        marks = ", ".join("?" for _ in columns)
        cur = self.c.executemany(f"INSERT INTO {table} ({cols}) VALUES ({marks})", rows)
        self.counts[table] = self.counts.get(table, 0) + max(cur.rowcount, 0)

    def write(self) -> dict[str, int]:
        s = self.story
        self.c.execute(
            "INSERT INTO story_info VALUES (1, ?, ?, ?, ?, ?)",
            (self.run_id, time.time(), _js(s.topic.actors), _js(s.topic.terms), s.topic.about),
        )
        self._articles()
        self._entities()
        self._events()
        self._claims()
        self._key_events()
        self._search()
        return self.counts

    def _articles(self) -> None:
        cols = ("id", "source", "url", "outlet", "title", "authors", "published", "published_from", "language",
                "duplicate_of", "off_topic", "warnings", "length", "text", "added_run")  # fmt: skip
        self._insert("story_articles", cols, (
            (a.id, a.source, a.url, a.outlet, a.title, _js(a.authors), a.published, a.published_from, a.language,
             a.duplicate_of if a.duplicate_of in self.articles else None, int(a.off_topic), _js(a.warnings),
             len(a.text), a.text, self.before[a.id] if a.id in self.before else self.run_id)
            for a in self.story.articles
        ))  # fmt: skip
        self._insert("excluded_spans", ("article_id", "start", "end", "reason"),
                     ((a.id, x.start, x.end, x.reason) for a in self.story.articles for x in a.excluded))
        added = [(self.run_id, aid, "added") for aid in sorted(self.articles - set(self.before))]
        removed = [(self.run_id, aid, "removed") for aid in sorted(set(self.before) - self.articles)]
        self._insert("article_changes", ("run_id", "article_id", "change"), added + removed)

    def _entities(self) -> None:
        in_events: dict[str, int] = {}
        for ev in self.story.events:
            for eid in {*ev.actors, *ev.recipients}:
                in_events[eid] = in_events.get(eid, 0) + 1
        self._insert("entities", ("id", "name", "type", "aliases", "n_mentions", "n_events"), (
            (e.id, e.name, e.type, _js(e.aliases), len(e.mentions), in_events.get(e.id, 0))
            for e in self.story.entities
        ))  # fmt: skip
        self._insert("mentions", ("entity_id", "article_id", "start", "end", "text", "key"), (
            (e.id, m.article, m.start, m.end, m.text, m.key)
            for e in self.story.entities for m in e.mentions if m.article in self.articles
        ))  # fmt: skip

    def _events(self) -> None:
        cols = ("id", "type", "mode", "location", "modality", "summary", "date_first", "date_last",
                "date_precision", "date_relation", "date_how", "date_text", "date_label", "date_start",
                "date_end", "date_sort", "timeml_class", "predicate", "tense", "aspect", "polarity", "salience",
                "independent_sources", "off_topic", "part_of", "objects", "sources", "outlets",
                "n_evidence")  # fmt: skip
        self._insert("events", cols, (self._event_row(e) for e in self.story.events))
        self.c.execute(_EVENT_DATES)
        self._insert("event_entities", ("event_id", "entity_id", "role"), self._event_entities())
        for e in self.story.events:
            self._evidence("event", e.evidence, event_id=e.id)
            self._evidence("trigger", e.triggers, event_id=e.id)
            for conflict in e.conflicts:
                self._conflict(conflict, event_id=e.id)

    def _event_row(self, e: Event) -> tuple[Any, ...]:
        d = e.date
        start, end = dates.interval(d) or (None, None)
        undated, first = dates.sort_key(d)[:2]
        return (
            e.id, e.type, e.mode, e.location, e.modality, e.summary,
            d.first_day if d else None, d.last_day if d else None, d.precision if d else None,
            d.relation if d else None, d.how if d else None, d.text if d else None, dates.format(d),
            start, end, first if not undated else "~", e.timeml_class, e.predicate, e.tense, e.aspect,
            e.polarity, e.salience, e.independent_sources, int(e.off_topic),
            e.part_of if e.part_of in self.events else None, _js(e.objects), _js(e.sources), _js(e.outlets),
            len(e.evidence),
        )  # fmt: skip

    def _event_entities(self) -> Iterator[tuple[str, str, str]]:
        seen: set[tuple[str, str, str]] = set()
        for e in self.story.events:
            for role, ids in (("actor", e.actors), ("recipient", e.recipients)):
                for eid in ids:
                    row = (e.id, eid, role)
                    if eid in self.entities and row not in seen:
                        seen.add(row)
                        yield row

    def _evidence(self, role: str, items: list[Evidence], event_id: str | None = None,
                  claim_id: str | None = None, conflict_id: int | None = None) -> None:
        cols = ("role", "event_id", "claim_id", "conflict_id", "article_id", "start", "end", "sentence",
                "source_span", "cue_span", "content_span")  # fmt: skip
        self._insert("evidence", cols, (
            (role, event_id, claim_id, conflict_id, v.article, v.start, v.end, v.sentence,
             _span(v.source_span), _span(v.cue_span), _span(v.content_span))
            for v in items if v.article in self.articles
        ))  # fmt: skip

    def _conflict(self, conflict: Conflict, event_id: str) -> None:
        cur = self.c.execute(
            'INSERT INTO conflicts (kind, event_id, field, "values") VALUES (?, ?, ?, ?)',
            ("event", event_id, conflict.field, _js(conflict.values)),
        )
        self.counts["conflicts"] = self.counts.get("conflicts", 0) + 1
        self._evidence("conflict", conflict.evidence, event_id=event_id, conflict_id=cur.lastrowid)

    def _claims(self) -> None:
        cols = ("id", "speaker_id", "speaker_text", "cue", "stance", "kind", "content", "said_first",
                "said_last", "said_precision", "said_relation", "said_label", "reported_by", "target",
                "target_claims", "related")  # fmt: skip
        self._insert("claims", cols, (self._claim_row(c) for c in self.story.claims))
        links = {(c.id, e) for c in self.story.claims for e in c.events if e in self.events}
        links |= {(c, e.id) for e in self.story.events for c in e.claims if c in self.claims}
        self._insert("claim_events", ("claim_id", "event_id"), sorted(links))
        pairs = {tuple(sorted((c.id, o))) for c in self.story.claims for o in c.conflicts_with
                 if o in self.claims and o != c.id}  # fmt: skip
        self._insert("conflicts", ("kind", "claim_id", "other_claim_id", "field", "values"),
                     (("claims", a, b, "stance", _js([a, b])) for a, b in sorted(pairs)))
        for c in self.story.claims:
            self._evidence("claim", c.evidence, claim_id=c.id)

    def _claim_row(self, c: Claim) -> tuple[Any, ...]:
        d = c.said_on
        return (
            c.id, c.speaker if c.speaker in self.entities else None, c.speaker_text, c.cue, c.stance, c.kind,
            c.content, d.first_day if d else None, d.last_day if d else None, d.precision if d else None,
            d.relation if d else None, dates.format(d), c.reported_by if c.reported_by in self.claims else None,
            c.target, _js(c.target_claims), _js(c.related),
        )  # fmt: skip

    def _key_events(self) -> None:
        keys = [k for k in self.story.key_events if k.event in self.events]
        self._insert("key_events", ("event_id", "rank", "score", "date_label", "sources", "outlets", "claims"),
                     (self._key_row(k) for k in keys))
        for k in keys:
            self._evidence("key_event", k.summary, event_id=k.event)

    def _key_row(self, k: KeyEvent) -> tuple[Any, ...]:
        return (k.event, k.rank, k.score, dates.format(k.date), _js(k.sources), _js(k.outlets), _js(k.claims))

    def _search(self) -> None:
        s = self.story
        rows: list[tuple[str, str, str, str]] = [("article", a.id, a.title or "", a.text) for a in s.articles]
        rows += [("event", e.id, e.predicate or e.type, e.summary) for e in s.events if e.summary]
        rows += [("claim", c.id, c.speaker_text, c.content) for c in s.claims if c.content]
        self._insert("search_index", ("kind", "ref", "title", "body"), rows)


def story_from_dict(d: dict[str, Any]) -> Story:
    """A Story from its story.json form (fixtures, tests, or an old build's output)."""
    from .records import Entity, Mention, Topic
    from .store import article_from_dict, claim_from_dict, event_from_dict

    entities = [Entity(**{**e, "mentions": [Mention(**m) for m in e.get("mentions", [])]})
                for e in d.get("entities", [])]  # fmt: skip
    keys = [KeyEvent(**{**k, "date": dates.from_dict(k.get("date")),
                        "summary": [Evidence(**v) for v in k.get("summary", [])]})
            for k in d.get("key_events", [])]  # fmt: skip
    return Story(
        articles=[article_from_dict(a) for a in d.get("articles", [])],
        entities=entities,
        claims=[claim_from_dict(c) for c in d.get("claims", [])],
        events=[event_from_dict(_event_fields(e)) for e in d.get("events", [])],
        key_events=keys,
        topic=Topic(**d["topic"]) if d.get("topic") else Topic(),
    )


def _event_fields(e: dict[str, Any]) -> dict[str, Any]:
    """Event fields of story.json, dates in the record's form (older files may lack `anchor`)."""
    out = dict(e)
    out["date"] = to_dict(dates.from_dict(e.get("date")))
    for c in out.get("conflicts", []):
        c.setdefault("evidence", [])
    return out
