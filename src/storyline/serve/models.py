"""Response models of the API: they make the published OpenAPI schema describe what is really sent."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class ErrorOut(BaseModel):
    detail: str = Field(description="what was wrong with the request")


class EntityRef(BaseModel):
    id: str
    name: str
    type: str


class DateOut(BaseModel):
    """A date at its own precision; `label` is how every output writes it ("on or before 2022-11-02")."""

    first_day: str | None
    last_day: str | None
    precision: str | None
    relation: str | None
    how: str | None = None
    text: str | None = None
    label: str


class EvidenceOut(BaseModel):
    """One sentence backing a statement: where it is in its article, and which article that is."""

    article_id: str
    start: int
    end: int
    sentence: str
    outlet: str | None
    published: str | None
    title: str | None
    url: str | None
    source_span: list[int] | None = None
    cue_span: list[int] | None = None
    content_span: list[int] | None = None


class EventOut(BaseModel):
    id: str
    type: str
    mode: str | None
    modality: str
    summary: str
    date: DateOut
    actors: list[EntityRef]
    recipients: list[EntityRef]
    objects: list[str]
    sources: list[str]
    outlets: list[str]
    salience: float
    independent_sources: int
    off_topic: bool
    n_evidence: int
    key_rank: int | None = Field(description="rank among the key events, null when not one")


class ConflictOut(BaseModel):
    """Reports that disagree: an event's field (kind `event`) or two claims (kind `claims`)."""

    id: int
    kind: str
    field: str
    event_id: str | None
    claim_ids: list[str]
    values: list[Any]
    evidence: list[EvidenceOut]


class ClaimOut(BaseModel):
    id: str
    speaker: EntityRef | None
    speaker_text: str
    cue: str
    stance: str
    kind: str
    content: str
    said_on: DateOut
    reported_by: str | None
    target: str | None
    events: list[str]
    conflicts_with: list[str]
    evidence: list[EvidenceOut]


class EventDetail(EventOut):
    location: str | None
    timeml_class: str | None
    predicate: str
    tense: str | None
    aspect: str | None
    polarity: str
    part_of: str | None
    sub_events: list[str]
    evidence: list[EvidenceOut]
    triggers: list[EvidenceOut]
    claims: list[ClaimOut]
    conflicts: list[ConflictOut]


class EventPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[EventOut]


class ClaimPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[ClaimOut]


class KeyEventOut(BaseModel):
    rank: int
    score: float
    date_label: str
    event: EventOut
    summary: list[EvidenceOut]
    sources: list[str]
    outlets: list[str]
    claims: list[str]


class EntityOut(EntityRef):
    aliases: list[str]
    n_mentions: int
    n_events: int


class EntityPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[EntityOut]


class ArticleMentions(BaseModel):
    article_id: str
    title: str | None
    mentions: int


class EntityDetail(EntityOut):
    events: list[EventOut] = Field(description="events it takes part in, earliest first (at most 200)")
    claims: list[ClaimOut] = Field(description="claims it makes (at most 200)")
    articles: list[ArticleMentions]


class ArticleOut(BaseModel):
    id: str
    source: str
    url: str | None
    outlet: str | None
    title: str | None
    published: str | None
    language: str | None
    duplicate_of: str | None
    off_topic: bool
    length: int


class ArticlePage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[ArticleOut]


class ExcludedOut(BaseModel):
    start: int
    end: int
    reason: str


class ArticleDetail(ArticleOut):
    published_from: str | None
    authors: list[str]
    warnings: list[str]
    text: str = Field(description="the text exactly as read; every offset indexes into it (untrusted)")
    excluded: list[ExcludedOut]


class SearchHit(BaseModel):
    kind: str = Field(description="article, event or claim")
    id: str
    title: str
    snippet: str = Field(description="the matching passage, plain text (untrusted: show it as text)")
    marks: list[list[int]] = Field(description="[start, end) offsets in snippet of each matched word")
    rank: float


class SearchOut(BaseModel):
    q: str
    items: list[SearchHit]


class RunOut(BaseModel):
    id: int
    started: float
    finished: float | None
    status: str


class ChangesOut(BaseModel):
    since_run: int
    latest_run: int | None
    runs: list[RunOut] = Field(description="runs after since_run, oldest first")
    added: list[ArticleOut]
    removed: list[str]
    new_events: list[str] = Field(description="events reported only by the added articles, in date order")
    updated_events: list[str] = Field(description="events the added articles report again (older reports too)")


class VersionOut(BaseModel):
    """What the pages poll: a new story_run means the story changed since they last asked."""

    story_run: int | None = Field(description="the run that wrote the story now stored")
    written_at: float | None = Field(description="when it was written (seconds since 1970)")
    latest_run: int | None = Field(description="the latest build run, finished or not")
    story_key: str | None = Field(description="what the story is made of (changes with it)")


class Counts(BaseModel):
    articles: int
    events: int
    claims: int
    entities: int
    conflicts: int
    key_events: int
    outlets: int


class Overview(BaseModel):
    counts: Counts
    topic_actors: list[EntityRef]
    topic_terms: list[str]
    about: str | None
    first_day: str | None
    last_day: str | None
    main_actors: list[EntityOut]
    run_id: int | None
    written_at: float | None
