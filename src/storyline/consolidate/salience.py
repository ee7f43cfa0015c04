"""Salience: how much the story rests on each event, what the story is about, and its key events.

An event's support grows with the independent sources that report it (syndicated copies and exact
duplicates count once: `Article.duplicate_of`) and with the times it is mentioned; it is scaled by
its centrality to the story: how many of its participants are the story's main actors and how many
of its sentences use the story's characteristic terms (`topic.py`). Articles far from what most of
the corpus is about are marked off-topic, and so are the events only they report; both are ranked
low, never dropped. The key-events timeline (`keyevents.py`) is built from these scores.
"""

from __future__ import annotations

import math

from storyline import modality
from storyline.consolidate.keyevents import default_key_events, independent, select_key_events
from storyline.consolidate.topic import TopicModel, actor_mentions, build_topic, event_term_share
from storyline.records import Event, Story

MENTION_WEIGHT = 0.25  # repeated mentions add to support, less than independent sources do
NOT_FACTUAL_WEIGHT = 0.5  # planned, hypothetical, negated happenings support a timeline less
OFF_TOPIC_WEIGHT = 0.1
CENTRALITY_FLOOR = 0.5  # an event with no main actor and no topic term keeps a third of the score

__all__ = ["rank_story", "default_key_events", "select_key_events"]


def rank_story(story: Story, key_events: int | None = None) -> None:
    """Set salience, independent sources and off-topic marks on `story`, its topic and key events."""
    articles = {a.id: a for a in story.articles}
    model = TopicModel(story.articles)
    story.topic = build_topic(story, model)
    main, terms = set(story.topic.actors), set(story.topic.terms)
    off = _mark_articles(story, model.off_topic_articles(actor_mentions(story, main)))
    for ev in story.events:
        canon = independent(ev, articles)
        ev.independent_sources = len(canon)
        ev.off_topic = bool(canon) and canon <= off
        ev.salience = round(_score(ev, main, terms), 4)
    on = {a.id for a in story.articles if not a.off_topic}
    n = key_events if key_events is not None else default_key_events(story)
    story.key_events = select_key_events(story, n, on)


def _mark_articles(story: Story, off: set[str]) -> set[str]:
    """Mark off-topic articles (a duplicate follows the article it copies); return their ids."""
    for a in story.articles:
        a.off_topic = (a.duplicate_of or a.id) in off
    return {a.id for a in story.articles if a.off_topic}


def centrality(ev: Event, main: set[str], terms: set[str]) -> float:
    """Share of participants that are main actors and of sentences that use topic terms, averaged."""
    participants = set(ev.actors) | set(ev.recipients)
    actor_share = len(participants & main) / len(participants) if participants else 0.0
    return (actor_share + event_term_share(ev, terms)) / 2


def _score(ev: Event, main: set[str], terms: set[str]) -> float:
    mentions = len({(e.article, e.start) for e in ev.evidence})
    weight = 1.0 if modality.group(ev.modality) == modality.group("asserted") else NOT_FACTUAL_WEIGHT
    if ev.off_topic:
        weight *= OFF_TOPIC_WEIGHT
    support = math.log1p(ev.independent_sources) + MENTION_WEIGHT * math.log1p(mentions)
    return weight * support * (CENTRALITY_FLOOR + centrality(ev, main, terms))

