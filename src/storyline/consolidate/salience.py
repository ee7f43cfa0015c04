"""Salience: how much the story rests on each event, what the story is about, and its key events.

An event's support grows with the independent sources that report it (syndicated copies and exact
duplicates count once: `Article.duplicate_of`), with the articles that mention it, and with how central
its participants are to the story's main actors. Events none of whose participants or articles belong
to the story's main actors are marked off-topic and ranked low; they are never dropped.

The key-events timeline is the N best-supported factual events that have a date of their own, in date
order, each with one to three sentences chosen from its evidence.
"""

from __future__ import annotations

import math
from collections import Counter

from storyline import dates, modality
from storyline.records import Article, Event, Evidence, KeyEvent, Story, Topic

TOPIC_ACTORS = 8  # the story's main actors: entities in the most articles
MIN_KEY_EVENTS, MAX_KEY_EVENTS = 5, 30
SUMMARY_SENTENCES = 3
NOT_FACTUAL_WEIGHT = 0.5  # planned, hypothetical, negated happenings support a timeline less


def rank_story(story: Story, key_events: int | None = None) -> None:
    """Set salience, independent sources and off-topic marks on `story`, its topic and key events."""
    articles = {a.id: a for a in story.articles}
    story.topic = _topic(story)
    main = set(story.topic.actors)
    for ev in story.events:
        ev.independent_sources = len(_independent(ev, articles))
        ev.off_topic = bool(main) and not (set(ev.actors) | set(ev.recipients)) & main
        ev.salience = round(_score(ev, main), 4)
    _mark_articles(story, main)
    n = key_events if key_events is not None else default_key_events(story)
    story.key_events = select_key_events(story.events, n, articles)


def _independent(ev: Event, articles: dict[str, Article]) -> set[str]:
    out = set()
    for e in ev.evidence:
        a = articles.get(e.article)
        out.add(a.duplicate_of or a.id if a else e.article)
    return out


def _topic(story: Story) -> Topic:
    """Main actors: entities named as participants in the most distinct articles' events."""
    seen: Counter[str] = Counter()
    for ev in story.events:
        arts = {e.article for e in ev.evidence}
        for eid in dict.fromkeys(ev.actors + ev.recipients):
            seen[eid] += len(arts)
    return Topic(actors=[eid for eid, _ in seen.most_common(TOPIC_ACTORS)])


def _score(ev: Event, main: set[str]) -> float:
    participants = set(ev.actors) | set(ev.recipients)
    centrality = len(participants & main) / len(participants) if participants else 0.0
    mentions = len({(e.article, e.start) for e in ev.evidence})
    weight = 1.0 if modality.group(ev.modality) == modality.group("asserted") else NOT_FACTUAL_WEIGHT
    if ev.off_topic:
        weight *= 0.1
    return weight * (math.log1p(ev.independent_sources) + 0.25 * math.log1p(mentions)) * (0.5 + centrality)


def _mark_articles(story: Story, main: set[str]) -> None:
    """An article none of whose events involve a main actor is off the story's topic."""
    on: set[str] = set()
    has_events: set[str] = set()
    for ev in story.events:
        for e in ev.evidence:
            has_events.add(e.article)
            if not ev.off_topic:
                on.add(e.article)
    for a in story.articles:
        a.off_topic = a.id in has_events and a.id not in on


def default_key_events(story: Story) -> int:
    """About one entry per distinct day the events are dated to, within bounds."""
    days = {iv[0] for ev in story.events if dates.is_own(ev.date) and (iv := dates.interval(ev.date))}
    return max(MIN_KEY_EVENTS, min(MAX_KEY_EVENTS, len(days)))


def select_key_events(events: list[Event], n: int, articles: dict[str, Article]) -> list[KeyEvent]:
    """The `n` best-supported on-topic events with a date of their own, at most one per day and
    predicate, ranked by salience and listed in date order."""
    pool = [ev for ev in events if dates.is_own(ev.date) and not ev.off_topic and ev.evidence]
    pool.sort(key=lambda ev: -ev.salience)
    chosen: list[Event] = []
    taken: set[tuple[str, str]] = set()
    for ev in pool:
        key = (dates.interval(ev.date) or ("", ""))[0], ev.type + ev.predicate
        if key in taken:
            continue
        taken.add(key)
        chosen.append(ev)
        if len(chosen) >= n:
            break
    ranks = {ev.id: i + 1 for i, ev in enumerate(chosen)}
    chosen.sort(key=lambda ev: dates.sort_key(ev.date))
    return [
        KeyEvent(
            event=ev.id, rank=ranks[ev.id], date=ev.date, summary=_summary(ev), score=ev.salience,
            sources=sorted(_independent(ev, articles)), outlets=list(ev.outlets), claims=list(ev.claims),
        )
        for ev in chosen
    ]


def _summary(ev: Event) -> list[Evidence]:
    """Distinct evidence sentences, earliest source first, up to `SUMMARY_SENTENCES`."""
    out: list[Evidence] = []
    seen: set[str] = set()
    for e in ev.evidence:
        text = " ".join(e.sentence.split())
        if text and text not in seen:
            seen.add(text)
            out.append(e)
        if len(out) >= SUMMARY_SENTENCES:
            break
    return out or ev.evidence[:1]
