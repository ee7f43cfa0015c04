"""Across articles: per-article entity keys joined into the story's entities.

Surname-only keys join the one compatible full name of the story; two first names never merge.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Any

from storyline.records import ArticleAnalysis, Entity, Mention

__all__ = ["canonicalize", "entity_id", "build_entities"]


def canonicalize(infos: list[dict[str, dict[str, Any]]]) -> dict[str, str]:
    """Map every key of every article to a final entity id (a slug of the canonical key).

    Surname-only (or first-name-only) person keys join the unique full-name key of the story that
    ends (or starts) with that name; ambiguous ones stay apart. Linear in the number of keys.
    """
    keys: set[str] = set()
    for info in infos:
        keys.update(info)
    full_by_last: dict[str, set[str]] = defaultdict(set)
    full_by_first: dict[str, set[str]] = defaultdict(set)
    for k in keys:
        if k.startswith("person:"):
            parts = k[7:].split()
            if len(parts) > 1:
                full_by_last[parts[-1]].add(k)
                full_by_first[parts[0]].add(k)
    out: dict[str, str] = {}
    for k in sorted(keys):
        target = k
        if k.startswith("person:") and len(k[7:].split()) == 1:
            name = k[7:]
            cands = full_by_last.get(name) or full_by_first.get(name) or set()
            if len(cands) == 1:
                target = next(iter(cands))
        out[k] = entity_id(target)
    return out


def entity_id(key: str) -> str:
    """Deterministic, readable id of an entity key ("person:john kirby" -> "person-john-kirby")."""
    return re.sub(r"[^a-z0-9]+", "-", key.lower()).strip("-")


def build_entities(analyses: list[ArticleAnalysis], key_to_id: dict[str, str]) -> list[Entity]:
    """One Entity per final id, with a display name, majority type, aliases and all mentions."""
    names: dict[str, Counter[str]] = defaultdict(Counter)
    types: dict[str, Counter[str]] = defaultdict(Counter)
    aliases: dict[str, set[str]] = defaultdict(set)
    mentions: dict[str, list[Mention]] = defaultdict(list)
    for an in analyses:
        for key, inf in an.entity_info.items():
            eid = key_to_id.get(key, entity_id(key))
            names[eid][inf.get("name", key)] += 1
            types[eid][inf.get("type", "")] += 1
            aliases[eid].update(inf.get("aliases", []))
        for m in an.mentions:
            eid = key_to_id.get(m.key, entity_id(m.key))
            mentions[eid].append(Mention(m.article, m.start, m.end, m.text, eid))
    out = []
    for eid in sorted(set(names) | set(mentions)):
        # Longest of the most frequent names: "John Kirby" beats "Kirby".
        cands = names.get(eid) or Counter({eid: 1})
        name = max(cands, key=lambda n: (len(n.split()) > 1, cands[n], len(n)))
        type_ = types[eid].most_common(1)[0][0] if types.get(eid) else ""
        al = sorted(a for a in aliases[eid] | set(cands) if a != name)
        out.append(
            Entity(eid, name, type_, al, sorted(mentions.get(eid, []), key=lambda m: (m.article, m.start)))
        )
    return out
