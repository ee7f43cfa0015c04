"""`storyline show`: the part of the timeline that matches an actor, a period and an event type."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Any

from storyline import dates
from storyline.render.common import (
    by_id,
    entity_names,
    evidence_sentence,
    involved,
    modality_phrase,
    one_line,
    sorted_events,
    source_count,
)

_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def parse_bound(text: str) -> tuple[str, str]:
    """YYYY, YYYY-MM or YYYY-MM-DD -> (first_day, last_day) of that period; ValueError otherwise."""
    problem = f"not a date (use YYYY, YYYY-MM or YYYY-MM-DD): {text!r}"
    m = _PARTIAL_DATE.match(text.strip())
    if not m:
        raise ValueError(problem)
    y, mo, d = int(m.group(1)), m.group(2), m.group(3)
    if mo is None:
        return (f"{y:04d}-01-01", f"{y:04d}-12-31")
    month = int(mo)
    if not 1 <= month <= 12:
        raise ValueError(problem)
    if d is None:
        last = calendar.monthrange(y, month)[1]
        return (f"{y:04d}-{month:02d}-01", f"{y:04d}-{month:02d}-{last:02d}")
    try:
        day = dt.date(y, month, int(d)).isoformat()
    except ValueError:
        raise ValueError(problem) from None
    return (day, day)


def actor_ids(story: dict[str, Any], actor: str) -> set[str]:
    """Entity ids whose id, name or any alias equals `actor`, case-insensitively."""
    want = actor.strip().casefold()
    ids = set()
    for e in story.get("entities") or []:
        forms = [e.get("id") or "", e.get("name") or "", *(e.get("aliases") or [])]
        if any(f.strip().casefold() == want for f in forms):
            ids.add(e["id"])
    return ids


def select_events(story: dict[str, Any], actor: str | None = None, since: str | None = None,
                  until: str | None = None, type: str | None = None) -> list[dict[str, Any]]:
    """Events matching all given filters, in timeline order.

    An actor matches an event it acts in, receives, is the location of, or speaks about (claims).
    since/until compare by interval overlap, so "2023" keeps an event dated "2023-07"; an event's
    open end ("before 2022-11-02") overlaps any earlier period. Undated events never match a period.
    """
    claims = by_id(story.get("claims"))
    ids = actor_ids(story, actor) if actor else set()
    lo = parse_bound(since)[0] if since else None
    hi = parse_bound(until)[1] if until else None
    out = []
    for e in sorted_events(story):
        if actor and not ids.intersection(involved(e, claims)):
            continue
        if type and type.casefold() not in {
                (e.get("type") or "").casefold(),
                f"{e.get('type')}/{e.get('mode')}".casefold()}:
            continue
        if lo or hi:
            first, last = dates.span(e.get("date"))
            if first is None and last is None:
                continue
            if lo and last is not None and last < lo:
                continue
            if hi and first is not None and first > hi:
                continue
        out.append(e)
    return out


def show(story: dict[str, Any], actor: str | None = None, since: str | None = None,
         until: str | None = None, type: str | None = None) -> str:
    """The matching timeline as text: date, modality, what happened, sources and evidence."""
    events = select_events(story, actor, since, until, type)
    names = entity_names(story)
    claims = by_id(story.get("claims"))
    articles = by_id(story.get("articles"))
    if not events:
        return "No matching events.\n"
    lines = []
    for e in events:
        phrase = modality_phrase(e, claims, names)
        label = e.get("type", "") + (f"/{e['mode']}" if e.get("mode") else "")
        n = source_count(e, articles)
        head = f"{dates.format(e.get('date')):<18} {label:<18} "
        head += f"{phrase}: " if phrase else ""
        head += one_line(e.get("summary") or "") + f"  ({n} source{'s' if n != 1 else ''})"
        lines.append(head)
        for ev in e.get("evidence") or []:
            art = articles.get(ev.get("article"), {})
            where = ", ".join(x for x in (art.get("outlet"), art.get("published")) if x)
            lines.append(f"    [{ev.get('article')}{': ' + where if where else ''}] "
                         f"{one_line(evidence_sentence(ev, articles))}")
    return "\n".join(lines) + "\n"
