"""Candidate pairs for event coreference, without comparing every report with every other one.

A report is filed under keys made of what two reports of one event must share: its kind (each
predicate concept, and its PLOVER type) together with one participant (any role, every name variant's
key), one object head, one place, or its own day. Agentless reports with none of these ("have been
arrested") are candidates too: every report is also filed under its kind alone. Inside a block the
reports are ordered by date and each is paired only with the next ones in a window, so the work grows
with the corpus, not with its square.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from storyline import dates
from storyline.consolidate import participants as parts
from storyline.records import Event

WINDOW = 200  # reports paired inside a block keyed by a participant, object, place or day
WINDOW_KIND = 50  # ... inside a block keyed by the kind alone (the agentless reports' only block)


def kinds(ev: Event, concepts: frozenset[str]) -> list[str]:
    """What must match for two reports to be candidates: a predicate concept or the PLOVER type."""
    out = [f"c:{c}" for c in sorted(concepts)]
    if ev.type != "OTHER":
        out.append(f"t:{ev.type}")
    return out


def _date_key(ev: Event) -> str:
    iv = dates.interval(ev.date)
    return iv[0] if iv else "0000"


def _features(ev: Event, aff: dict[str, str]) -> set[str]:
    out = {k for p in parts.people(ev) for k in parts.keys(p)} | parts.official_keys(ev, aff)
    out.update("at:" + p for p in parts.places(ev))
    out.update("obj:" + o for o in parts.object_heads(ev))
    if dates.is_own(ev.date) and ev.date is not None and ev.date.first_day == ev.date.last_day:
        out.add(f"day:{ev.date.first_day}")
    return out


def _blocks(events: list[Event], concepts: list[frozenset[str]],
            aff: dict[str, str]) -> Iterator[tuple[list[int], int]]:
    keyed: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, ev in enumerate(events):
        for kind in kinds(ev, concepts[i]):
            keyed[(kind, "*")].append(i)
            for f in _features(ev, aff):
                keyed[(kind, f)].append(i)
    for (_kind, feature), members in keyed.items():
        if len(members) > 1:
            yield members, WINDOW_KIND if feature == "*" else WINDOW


def candidate_pairs(events: list[Event], concepts: list[frozenset[str]],
                    aff: dict[str, str]) -> set[tuple[int, int]]:
    """Index pairs (i < j) worth comparing (`aff`: person id -> country id)."""
    pairs: set[tuple[int, int]] = set()
    for members, window in _blocks(events, concepts, aff):
        ordered = sorted(set(members), key=lambda i: (_date_key(events[i]), i))
        for x, i in enumerate(ordered):
            for j in ordered[x + 1 : x + 1 + window]:
                pairs.add((min(i, j), max(i, j)))
    return pairs
