"""`storyline export`: events, claims, actors and the actor network as CSV, Parquet or GraphML.

Tables are flat (one row per event / claim / actor / edge) so they load straight into spreadsheets,
pandas or R; list fields are lists in Parquet and "; "-joined strings in CSV. Evidence is kept as
"article:start-end" so every row still points into Article.text.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path
from typing import Any

from storyline import dates
from storyline.modality import NOT_ASSERTED
from storyline.render.common import (
    by_id,
    entity_names,
    involved,
    modality_phrase,
    name_of,
    source_count,
    speaker_name,
)

FORMATS = ("csv", "parquet", "graphml")


def _ev_refs(evs: list[dict[str, Any]] | None) -> list[str]:
    return [f"{e.get('article')}:{e.get('start')}-{e.get('end')}" for e in evs or []]


def _date_cols(prefix: str, d: dict[str, Any] | None) -> dict[str, Any]:
    d = d or {}
    return {
        f"{prefix}": dates.format(d) if d else "",
        f"{prefix}_first_day": d.get("first_day"),
        f"{prefix}_last_day": d.get("last_day"),
        f"{prefix}_precision": d.get("precision"),
        f"{prefix}_relation": d.get("relation"),
        f"{prefix}_text": d.get("text"),
        f"{prefix}_how": d.get("how"),
    }


def event_rows(story: dict[str, Any]) -> list[dict[str, Any]]:
    names = entity_names(story)
    claims = by_id(story.get("claims"))
    articles = by_id(story.get("articles"))
    rows = []
    for e in story.get("events") or []:
        rows.append({
            "id": e["id"], "type": e.get("type"), "mode": e.get("mode"),
            **_date_cols("date", e.get("date")),
            "modality": e.get("modality"),
            "modality_words": modality_phrase(e, claims, names),
            "summary": e.get("summary"),
            "actor_ids": list(e.get("actors") or []),
            "actors": [name_of(names, a) for a in e.get("actors") or []],
            "recipient_ids": list(e.get("recipients") or []),
            "recipients": [name_of(names, a) for a in e.get("recipients") or []],
            "objects": list(e.get("objects") or []),
            "location": name_of(names, e.get("location")),
            "n_sources": source_count(e, articles),
            "sources": list(e.get("sources") or []),
            "outlets": list(e.get("outlets") or []),
            "claims": list(e.get("claims") or []),
            "conflict_fields": sorted({c.get("field", "") for c in e.get("conflicts") or []}),
            "evidence": _ev_refs(e.get("evidence")),
        })
    return rows


def claim_rows(story: dict[str, Any]) -> list[dict[str, Any]]:
    names = entity_names(story)
    rows = []
    for c in story.get("claims") or []:
        rows.append({
            "id": c["id"], "speaker_id": c.get("speaker"), "speaker": speaker_name(c, names),
            "speaker_text": c.get("speaker_text"), "cue": c.get("cue"), "stance": c.get("stance"),
            "kind": c.get("kind"), "content": c.get("content"),
            **_date_cols("said_on", c.get("said_on")),
            "events": list(c.get("events") or []),
            "conflicts_with": list(c.get("conflicts_with") or []),
            "evidence": _ev_refs(c.get("evidence")),
        })
    return rows


def actor_rows(story: dict[str, Any]) -> list[dict[str, Any]]:
    claims = by_id(story.get("claims"))
    as_actor: Counter[str] = Counter()
    as_recipient: Counter[str] = Counter()
    involved_in: Counter[str] = Counter()
    for e in story.get("events") or []:
        as_actor.update(set(e.get("actors") or []))
        as_recipient.update(set(e.get("recipients") or []))
        involved_in.update(involved(e, claims))
    spoke = Counter(c.get("speaker") for c in claims.values() if c.get("speaker"))
    rows = []
    for ent in story.get("entities") or []:
        mentions = ent.get("mentions") or []
        eid = ent["id"]
        rows.append({
            "id": eid, "name": ent.get("name"), "type": ent.get("type"),
            "aliases": list(ent.get("aliases") or []),
            "n_mentions": len(mentions), "n_articles": len({m.get("article") for m in mentions}),
            "n_events": involved_in[eid], "n_events_as_actor": as_actor[eid],
            "n_events_as_recipient": as_recipient[eid], "n_claims": spoke[eid],
        })
    return rows


def edge_rows(story: dict[str, Any]) -> list[dict[str, Any]]:
    """Directed edges: actor -> recipient per event type, and claim speaker -> each event actor.

    Edges with the same ends, relation and type are merged with a count; self-loops and hypothetical
    or negated events (not facts) are left out.
    """
    names = entity_names(story)
    claims = by_id(story.get("claims"))
    events = by_id(story.get("events"))
    agg: dict[tuple[str, str, str, str], list[str]] = {}
    modalities: dict[tuple[str, str, str, str], set[str]] = {}
    for e in events.values():
        if e.get("modality") in NOT_ASSERTED:
            continue
        for a in e.get("actors") or []:
            for r in e.get("recipients") or []:
                if a != r:
                    key = (a, r, "event", e.get("type") or "")
                    agg.setdefault(key, []).append(e["id"])
                    modalities.setdefault(key, set()).add(e.get("modality") or "asserted")
    for c in claims.values():
        sp = c.get("speaker")
        if not sp:
            continue
        for eid in c.get("events") or []:
            for a in (events.get(eid) or {}).get("actors") or []:
                if a != sp:
                    key = (sp, a, "claim", c.get("stance") or "")
                    agg.setdefault(key, []).append(c["id"])
    rows = []
    for key, ids in sorted(agg.items()):
        src, dst, rel, typ = key
        rows.append({"source": src, "target": dst, "source_name": name_of(names, src),
                     "target_name": name_of(names, dst), "relation": rel, "type": typ,
                     "count": len(set(ids)), "ids": sorted(set(ids)),
                     "modalities": sorted(modalities.get(key, set()))})
    return rows


def tables(story: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    return {"events": event_rows(story), "claims": claim_rows(story), "actors": actor_rows(story),
            "network_edges": edge_rows(story)}


_COLUMNS = {
    "events": list(event_rows({"events": [{"id": ""}]})[0]),
    "claims": list(claim_rows({"claims": [{"id": ""}]})[0]),
    "actors": list(actor_rows({"entities": [{"id": ""}]})[0]),
    "network_edges": ["source", "target", "source_name", "target_name", "relation", "type", "count", "ids",
                      "modalities"],
}


def _csv_cell(v: Any) -> Any:
    """Lists joined; text that a spreadsheet would run as a formula gets a leading quote (untrusted)."""
    if isinstance(v, list):
        v = "; ".join(str(x) for x in v)
    if v is None:
        return ""
    if isinstance(v, str) and v[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + v
    return v


def _write_csv(path: Path, name: str, rows: list[dict[str, Any]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=_COLUMNS[name])
        w.writeheader()
        for r in rows:
            w.writerow({k: _csv_cell(v) for k, v in r.items()})


_LIST_COLS = {"actor_ids", "actors", "recipient_ids", "recipients", "objects", "sources", "outlets",
              "claims", "conflict_fields", "evidence", "events", "conflicts_with", "aliases", "ids",
              "modalities"}


def _write_parquet(path: Path, name: str, rows: list[dict[str, Any]]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    fields = []
    for col in _COLUMNS[name]:
        if col in _LIST_COLS:
            fields.append(pa.field(col, pa.list_(pa.string())))
        elif col.startswith("n_") or col == "count":
            fields.append(pa.field(col, pa.int64()))
        else:
            fields.append(pa.field(col, pa.string()))
    schema = pa.schema(fields)
    cols = {f.name: [r.get(f.name) for r in rows] for f in schema}
    pq.write_table(pa.table(cols, schema=schema), path)


def _write_graphml(path: Path, story: dict[str, Any]) -> None:
    import networkx as nx

    g = nx.MultiDiGraph()
    for r in actor_rows(story):
        g.add_node(r["id"], name=r["name"] or r["id"], type=r["type"] or "",
                   aliases="; ".join(r["aliases"]), mentions=r["n_mentions"], events=r["n_events"])
    for e in edge_rows(story):
        for end in (e["source"], e["target"]):
            if end not in g:
                g.add_node(end, name=end, type="", aliases="", mentions=0, events=0)
        g.add_edge(e["source"], e["target"], key=f"{e['relation']}:{e['type']}", relation=e["relation"],
                   type=e["type"], count=e["count"], ids="; ".join(e["ids"]),
                   modalities="; ".join(e["modalities"]))
    nx.write_graphml(g, path)


def export(story: dict[str, Any], fmt: str, out_dir: Path) -> list[Path]:
    """Write the story's tables in `fmt` under out_dir; returns the files written.

    csv/parquet: events, claims, actors and network_edges tables; graphml: actor_network.graphml
    (nodes = entities, edges = event actor -> recipient by type, claim speaker -> event actor by stance).
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    if fmt == "graphml":
        path = out_dir / "actor_network.graphml"
        _write_graphml(path, story)
        return [path]
    written = []
    for name, rows in tables(story).items():
        path = out_dir / f"{name}.{fmt}"
        (_write_csv if fmt == "csv" else _write_parquet)(path, name, rows)
        written.append(path)
    return written
