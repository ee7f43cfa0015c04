"""The read-only JSON API over a build's store (`storyline serve OUT`).

Why FastAPI: the response models publish a real OpenAPI schema (`/openapi.json`), which the tests
check the answers against (schemathesis). Every request reads the normalised story tables through a
read-only SQLite connection, so serving never changes the store and a build can run beside it.
Bad parameters are 4xx with a `detail` message; nothing a client sends is a 500.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.responses import JSONResponse

from .. import __version__
from ..modality import MODALITIES
from ..time import calendar
from . import models as m
from . import queries

# The story tables and the indexes the API needs arrive with this store schema version (storyline.migrations.MIGRATIONS).
STORY_SCHEMA = 5
# Page sizes: default and most a client may ask for.
DEFAULT_LIMIT, MAX_LIMIT = 50, 500
# Offsets and run numbers beyond this are refused (SQLite integers are 64-bit).
MAX_INT = 2**31

Modality = StrEnum("Modality", {x: x for x in MODALITIES})  # type: ignore[misc]


class Stance(StrEnum):
    assert_ = "assert"
    deny = "deny"
    hedge = "hedge"


class Kind(StrEnum):
    article = "article"
    event = "event"
    claim = "claim"


class ConflictKind(StrEnum):
    event = "event"
    claims = "claims"


class StoreUnusable(Exception):
    """The store has no story tables (an older storyline built it, or no build ran yet)."""


def check_store(db: Path) -> None:
    """Refuse a store the API cannot read, with what to do about it."""
    if not db.is_file():
        raise StoreUnusable(f"{db}: no store here (run `storyline build` first)")
    try:
        conn = _connect(db)
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise StoreUnusable(f"{db}: not a usable storyline database ({exc})") from exc
    if version < STORY_SCHEMA:
        raise StoreUnusable(f"{db}: the store predates the story tables; run `storyline build` again to add them")


def _connect(db: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(db.resolve().as_uri() + "?mode=ro", uri=True, timeout=10, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA query_only = 1")
    return conn


Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="items per page")]
Offset = Annotated[int, Query(ge=0, le=MAX_INT, description="items to skip")]
Text = Annotated[str | None, Query(max_length=500)]
Day = Annotated[str | None, Query(max_length=32, description="a day, month or year: 2023-07-26, 2023-07, 2023")]
ERRORS: dict[int | str, dict[str, Any]] = {400: {"model": m.ErrorOut}, 404: {"model": m.ErrorOut}}


def _bound(value: str | None, name: str, end: bool) -> str | None:
    """The first (since) or last (until) day of a date given at any precision; 400 when not a date."""
    if value is None:
        return None
    span = calendar.interval(value.strip())
    if span is None:
        raise HTTPException(400, f"{name} must be a date such as 2023-07-26, 2023-07 or 2023, not {value!r}")
    return (span[1] if end else span[0]).isoformat()


class _Connections(threading.local):
    """One read-only connection per server thread (opening one per request would re-read the schema)."""

    def __init__(self, path: Path):
        self.path = path
        self.conn: sqlite3.Connection | None = None

    def get(self) -> sqlite3.Connection:
        if self.conn is None:
            self.conn = _connect(self.path)
        return self.conn


def _conn(request: Request) -> sqlite3.Connection:
    connections: _Connections = request.app.state.connections
    return connections.get()


Conn = Annotated[sqlite3.Connection, Depends(_conn)]


def create_app(db: str | Path) -> FastAPI:
    """The API over the store at `db` (OUT/storyline.db); connections are read-only, one per thread."""
    path = Path(db)
    check_store(path)
    # no /docs or /redoc: FastAPI's pages load their scripts from a CDN, and nothing served may use the network
    app = FastAPI(title="storyline", version=__version__, description="The story of a build, read-only.",
                  responses=ERRORS, docs_url=None, redoc_url=None)  # fmt: skip
    app.state.connections = _Connections(path)
    _errors(app)
    _story_routes(app)
    _entity_routes(app)
    from .pages import mount_pages

    mount_pages(app)  # the workbench at / (pages.py)
    return app


def _errors(app: FastAPI) -> None:
    """Query errors as 400/404 with a message; malformed parameters keep FastAPI's documented 422
    (a list of problems, each with its parameter and message)."""

    @app.exception_handler(queries.BadQuery)
    async def bad_query(_: Request, exc: queries.BadQuery) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=400)

    @app.exception_handler(queries.NotFound)
    async def not_found(_: Request, exc: queries.NotFound) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=404)


def _story_routes(app: FastAPI) -> None:
    get: Callable[..., Any] = app.get

    @get("/api/story", response_model=m.Overview, summary="the story at a glance")
    def story(c: Conn) -> dict[str, Any]:
        return queries.overview(c)

    @get("/api/key-events", response_model=list[m.KeyEventOut], summary="the key developments, by rank")
    def key_events(c: Conn) -> list[dict[str, Any]]:
        return queries.key_events(c)

    @get("/api/events", response_model=m.EventPage, summary="events, earliest first")
    def events(c: Conn, actor: Text = None, type: Text = None, modality: Modality | None = None,  # noqa: A002
               since: Day = None, until: Day = None, q: Text = None, key: bool = False,
               limit: Limit = DEFAULT_LIMIT, offset: Offset = 0) -> dict[str, Any]:  # fmt: skip
        total, items = queries.list_events(
            c, actor=actor, type_=type, modality=modality.value if modality else None,
            since=_bound(since, "since", False), until=_bound(until, "until", True), q=q, key_only=key,
            limit=limit, offset=offset,
        )  # fmt: skip
        return {"total": total, "limit": limit, "offset": offset, "items": items}

    @get("/api/events/{event_id}", response_model=m.EventDetail, summary="one event with its evidence")
    def event(c: Conn, event_id: str) -> dict[str, Any]:
        return queries.event_detail(c, event_id)

    @get("/api/claims", response_model=m.ClaimPage, summary="who says what")
    def claims(c: Conn, speaker: Text = None, stance: Stance | None = None, event: Text = None, q: Text = None,
               limit: Limit = DEFAULT_LIMIT, offset: Offset = 0) -> dict[str, Any]:  # fmt: skip
        total, items = queries.list_claims(c, speaker=speaker, stance=stance.value if stance else None,
                                           event=event, q=q, limit=limit, offset=offset)  # fmt: skip
        return {"total": total, "limit": limit, "offset": offset, "items": items}

    @get("/api/conflicts", response_model=list[m.ConflictOut], summary="reports that disagree")
    def conflicts(c: Conn, kind: ConflictKind | None = None, limit: Limit = MAX_LIMIT,
                  offset: Offset = 0) -> list[dict[str, Any]]:  # fmt: skip
        return queries.list_conflicts(c, kind.value if kind else None, limit, offset)

    @get("/api/search", response_model=m.SearchOut, summary="full-text search (articles, events, claims)")
    def search(c: Conn, q: Annotated[str, Query(min_length=1, max_length=500)], kind: Kind | None = None,
               limit: Limit = 20) -> dict[str, Any]:  # fmt: skip
        return {"q": q, "items": queries.search(c, q, kind.value if kind else None, limit)}

    @get("/api/changes", response_model=m.ChangesOut, summary="articles added and removed since run N")
    def changes(c: Conn, since_run: Annotated[int, Query(ge=0, le=MAX_INT)]) -> dict[str, Any]:
        return queries.changes(c, since_run)

    @get("/api/version", response_model=m.VersionOut, summary="the run that wrote the story (cheap to poll)")
    def version(c: Conn) -> JSONResponse:
        return JSONResponse(queries.version(c), headers={"Cache-Control": "no-store"})


def _entity_routes(app: FastAPI) -> None:
    get: Callable[..., Any] = app.get

    @get("/api/entities", response_model=m.EntityPage, summary="actors, most involved first")
    def entities(c: Conn, type: Text = None, name: Text = None, limit: Limit = DEFAULT_LIMIT,  # noqa: A002
                 offset: Offset = 0) -> dict[str, Any]:  # fmt: skip
        total, items = queries.list_entities(c, type, name, limit, offset)
        return {"total": total, "limit": limit, "offset": offset, "items": items}

    @get("/api/entities/{entity_id}", response_model=m.EntityDetail, summary="one actor: events, claims")
    def entity(c: Conn, entity_id: str) -> dict[str, Any]:
        return queries.entity_detail(c, entity_id)

    @get("/api/articles", response_model=m.ArticlePage, summary="articles, earliest first")
    def articles(c: Conn, outlet: Text = None, since: Day = None, until: Day = None,
                 limit: Limit = DEFAULT_LIMIT, offset: Offset = 0) -> dict[str, Any]:  # fmt: skip
        total, items = queries.list_articles(c, outlet=outlet, since=_bound(since, "since", False),
                                             until=_bound(until, "until", True), limit=limit, offset=offset)
        return {"total": total, "limit": limit, "offset": offset, "items": items}

    @get("/api/articles/{article_id}", response_model=m.ArticleDetail, summary="one article: text, excluded spans")
    def article(c: Conn, article_id: str) -> dict[str, Any]:
        return queries.article_detail(c, article_id)


def serve(db: str | Path, host: str = "127.0.0.1", port: int = 8700) -> None:
    """Run the API with uvicorn until interrupted."""
    import uvicorn

    uvicorn.run(create_app(db), host=host, port=port, log_level="warning")
