"""Assemble the story from per-article analyses: canonical entities, merged claims, consolidated events.

This is the global step of a build. It reads only stored records, so it can be re-run cheaply after any
incremental addition; per-article extraction never has to be repeated for it.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from .consolidate.claims import merge_claims
from .consolidate.events import consolidate_events
from .consolidate.salience import rank_story
from .records import Article, ArticleAnalysis, Story
from .resolve.actors import build_entities, canonicalize


def assemble(articles: list[Article], analyses: list[ArticleAnalysis], key_events: int | None = None) -> Story:
    key_to_id = canonicalize([an.entity_info for an in analyses])

    def ent(key: str | None) -> str | None:
        return None if key is None else key_to_id.get(key, key)

    entities = build_entities(analyses, key_to_id)
    by_id = {a.id: a for a in articles}
    timexes = [t for an in analyses for t in an.timexes]

    claims = []
    events = []
    for an in analyses:
        for c in an.claims:
            c.speaker = ent(c.speaker)
            claims.append(c)
        for e in an.events:
            e.actors = _uniq(ent(k) for k in e.actors)
            e.recipients = _uniq(ent(k) for k in e.recipients)
            e.location = ent(e.location)
            events.append(e)

    claims = merge_claims(claims, by_id)
    events = consolidate_events(events, claims, by_id, affiliation=affiliations(analyses, key_to_id))
    story = Story(articles=articles, entities=entities, timexes=timexes, claims=claims, events=events)
    rank_story(story, key_events=key_events)
    return story


def affiliations(analyses: list[ArticleAnalysis], key_to_id: dict[str, str]) -> dict[str, str]:
    """Person entity id -> country entity id, by majority over the articles that give one
    ("Russian Defense Minister Sergei Shoigu"); ties between countries give none."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for an in analyses:
        for key, inf in an.entity_info.items():
            country = inf.get("affiliation")
            if country:
                votes[key_to_id.get(key, key)][key_to_id.get(country, country)] += 1
    out: dict[str, str] = {}
    for pid, c in votes.items():
        top = c.most_common(2)
        if len(top) == 1 or top[0][1] > top[1][1]:
            out[pid] = top[0][0]
    return out


def _uniq(items: object) -> list[str]:
    out: list[str] = []
    for x in items:  # type: ignore[attr-defined]
        if x is not None and x not in out:
            out.append(x)
    return out
