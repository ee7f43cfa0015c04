"""The records that flow between stages, defined in one place.

Every stage takes and returns these plain dataclasses; `to_dict` gives the story.json form.
All character offsets index into `Article.text`, the article text exactly as read.

Entity references inside per-article records (`Mention.key`, `Claim.speaker`, `Event.actors`, ...)
are *entity keys* produced by the actor resolver (stable strings such as ``"gpe:PRK"`` or
``"person:john kirby"``); consolidation maps them to the final entity ids of the story.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

SCHEMA_ID = "storyline.story/2"

# Reasons a span of an article is excluded from analysis.
EXCLUSION_REASONS = (
    "caption",
    "credit",
    "teaser",
    "boilerplate",
    "dateline",
    "byline",
    "standalone_date",
    "headline",
    "markup",
    "comment",
)


@dataclass
class ExcludedSpan:
    """A span of `Article.text` kept verbatim but left out of analysis, with why."""

    start: int
    end: int
    reason: str


@dataclass
class Article:
    id: str
    source: str
    text: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    authors: list[str] = field(default_factory=list)  # bylines, HTML/feed metadata: metadata, never actors
    published: str | None = None  # YYYY-MM-DD
    published_from: str | None = None
    language: str | None = None
    excluded: list[ExcludedSpan] = field(default_factory=list)
    duplicate_of: str | None = None
    content_hash: str = ""
    warnings: list[str] = field(default_factory=list)
    off_topic: bool = False  # set by the story's salience step: kept, ranked low, never dropped


@dataclass
class Timex:
    """A temporal expression (TIMEX3 type and value) with its resolved interval."""

    start: int
    end: int
    text: str
    type: str  # DATE, TIME, DURATION, SET
    value: str  # TIMEX3 value: 2023-07, 2023-W30, P17M, PRESENT_REF, XXXX-07 ...
    first_day: str | None = None
    last_day: str | None = None
    precision: str = "unknown"  # day, week, month, season, quarter, year, decade, unknown
    article: str | None = None


@dataclass
class DateInfo:
    """When something happened: an interval, how it stands to it and how it was obtained.

    Built, compared, merged and formatted only by `storyline.dates`, which documents the values.
    """

    first_day: str | None
    last_day: str | None
    precision: str  # day, week, month, season, quarter, year, decade, unknown
    text: str | None = None
    how: str | None = None  # explicit, relative, cross-source, tense, publication
    anchor: str | None = None  # for dates relative to another event ("after the visit"): that event's id
    relation: str = "on"  # on, before, after, during, unknown


@dataclass
class Mention:
    article: str
    start: int
    end: int
    text: str = ""
    key: str = ""  # entity key from the actor resolver


@dataclass
class Entity:
    id: str
    name: str
    type: str  # PERSON, GPE, ORG, NORP, ...
    aliases: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class Evidence:
    article: str
    start: int
    end: int
    sentence: str = ""
    source_span: list[int] | None = None
    cue_span: list[int] | None = None
    content_span: list[int] | None = None


@dataclass
class Claim:
    id: str
    speaker: str | None
    speaker_text: str
    cue: str
    stance: str  # assert, deny, hedge
    kind: str  # direct, indirect, mixed, according_to
    content: str
    said_on: DateInfo | None = None
    evidence: list[Evidence] = field(default_factory=list)
    events: list[str] = field(default_factory=list)
    conflicts_with: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    # nested attribution: the id of the claim that reports this one ("X said that Y denied ...")
    reported_by: str | None = None
    # what the stance is aimed at: the accused (an entity key) or the denied statement's words
    target: str | None = None
    target_claims: list[str] = field(default_factory=list)  # claims the target refers to ("the accusation")


@dataclass
class Conflict:
    field: str
    values: list[Any]
    evidence: list[Evidence] = dataclasses.field(default_factory=list)


@dataclass
class Event:
    id: str
    type: str
    mode: str | None
    actors: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    objects: list[str] = field(default_factory=list)
    location: str | None = None
    date: DateInfo | None = None
    modality: str = "asserted"  # asserted, reported, denied, planned, hypothetical, negated
    summary: str = ""
    evidence: list[Evidence] = field(default_factory=list)
    claims: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    # the event layer under PLOVER (TimeML EVENT): every event, PLOVER-typed or `type` "OTHER"
    timeml_class: str | None = None  # OCCURRENCE, REPORTING, STATE, I_ACTION, I_STATE, ASPECTUAL, PERCEPTION
    predicate: str = ""  # readable predicate lemma ("file for bankruptcy")
    tense: str | None = None  # PAST, PRESENT, FUTURE, NONE
    aspect: str | None = None  # PROGRESSIVE, PERFECTIVE, PERFECTIVE_PROGRESSIVE, NONE
    polarity: str = "POS"  # POS, NEG
    triggers: list[Evidence] = field(default_factory=list)  # the trigger span of every mention it holds
    # the story layer (consolidate.salience): support across independent sources, topic, sub-events
    salience: float = 0.0
    independent_sources: int = 0  # distinct articles after syndicated copies count once
    off_topic: bool = False
    part_of: str | None = None  # the id of the larger event this one is a sub-event of ("a strike in the offensive")


@dataclass
class KeyEvent:
    """One entry of the key-events timeline, what the brief and the pages lead with."""

    event: str  # Event.id
    rank: int  # 1 = most important
    date: DateInfo | None
    summary: list[Evidence] = field(default_factory=list)  # one to three readable sentences from its evidence
    sources: list[str] = field(default_factory=list)  # article ids, syndicated copies once
    outlets: list[str] = field(default_factory=list)
    claims: list[str] = field(default_factory=list)
    score: float = 0.0


@dataclass
class Topic:
    """What the story is about: what most of the corpus is about, or what `--about` names."""

    actors: list[str] = field(default_factory=list)  # entity ids, most central first
    terms: list[str] = field(default_factory=list)  # content words, most characteristic first
    about: str | None = None  # the user's `--about` query, if any


@dataclass
class ArticleAnalysis:
    """Everything extracted from one article; stored per article so rebuilds are incremental."""

    article: str
    timexes: list[Timex] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    entity_info: dict[str, dict[str, Any]] = field(default_factory=dict)  # key -> {name,type,aliases}
    claims: list[Claim] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)


@dataclass
class Story:
    articles: list[Article] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    key_events: list[KeyEvent] = field(default_factory=list)
    topic: Topic = field(default_factory=Topic)


def to_dict(obj: Any) -> Any:
    """Plain JSON-ready form of a record (or list of records)."""
    if isinstance(obj, list):
        return [to_dict(o) for o in obj]
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return dataclasses.asdict(obj)
    return obj


@dataclass
class IngestError:
    """One input that could not be read: reported, skipped, and counted in the exit code."""

    path: str
    problem: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.problem}"


@dataclass
class AnalysisFailure:
    """One stored article whose analysis raised: kept without an analysis, retried by the next build."""

    article: str
    source: str
    stage: str  # nlp, time, resolve, claims, events, worker
    error: str  # exception type name ("WorkerDied" when the worker process died)
    message: str

    def __str__(self) -> str:
        return f"{self.source}: analysis failed in {self.stage} ({self.error}: {self.message})"
