"""Latency of `storyline serve` for the event list and search, on a store built from Reuters-21578.

Builds the first N Reuters stories once into OUT (skipped when OUT/story.json exists; the store is
migrated and its story tables written from story.json when an older build made it), optionally
replicates the story K times into OUT-xK (article, event and claim ids suffixed; a 20,000-article
store from 2,000 analysed stories without the CPU of analysing 20,000), starts `storyline serve` on
localhost and times R requests of each kind from a local HTTP client (httpx, keep-alive).
Baseline, same run: the same queries answered by scanning story.json already loaded in memory (what
a server without the tables would do at best; no HTTP, no JSON parsing per request).

    .venv/bin/python benchmarks/api_latency.py --out /tmp/serve_bench/out [--n 2000] [--requests 200]
                                               [--replicate 10] [--from-analyses BUILD]
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import json
import random
import re
import socket
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from storyline.store import Store  # noqa: E402
from storyline.tables import story_from_dict, write_story  # noqa: E402

WARMUP = 10  # requests before timing (connection, page cache)


def ensure_build(out: Path, n: int) -> None:
    if (out / "story.json").is_file():
        return
    from throughput import reuters_jsonl

    out.mkdir(parents=True, exist_ok=True)
    jsonl = out.parent / f"reuters{n}.jsonl"
    reuters_jsonl(n, jsonl)
    cmd = [str(ROOT / ".venv/bin/storyline"), "build", str(jsonl), "--out", str(out), "--workers", "1", "--quiet"]
    subprocess.run(cmd, check=False)


def flat_story(src: Path, out: Path) -> None:
    """OUT from SRC's stored analyses without assembling (each article's events and claims as they are,
    the resolver's keys as entities): a store of the same size when assembling is not possible or too
    slow (the analyses stored under another analysis fingerprint are reused as they are)."""
    import shutil

    from storyline.pipeline import story_dict
    from storyline.records import Entity, Story

    out.mkdir(parents=True, exist_ok=True)
    shutil.copy(src / "storyline.db", out / "storyline.db")
    store = Store(out / "storyline.db")
    version = store.conn.execute("SELECT version FROM analyses GROUP BY version ORDER BY count(*) DESC").fetchone()[0]
    analyses = store.analyses(version)
    entities: dict[str, Entity] = {}
    for an in analyses:
        for mention in an.mentions:
            if mention.key:
                info = an.entity_info.get(mention.key, {})
                ent = entities.setdefault(mention.key, Entity(mention.key, info.get("name") or mention.text,
                                                              info.get("type") or "UNKNOWN"))  # fmt: skip
                ent.mentions.append(mention)
    events = [e for an in analyses for e in an.events]
    for e in events:
        e.sources = sorted({v.article for v in e.evidence})
    story = Story(articles=store.articles(), entities=list(entities.values()), events=events,
                  claims=[c for an in analyses for c in an.claims])  # fmt: skip
    write_story(store, story, store.start_run())
    store.close()
    (out / "story.json").write_text(json.dumps(story_dict(story), ensure_ascii=False), encoding="utf-8")


def ensure_tables(db: Path, story: dict[str, Any]) -> None:
    store = Store(db)  # migrates an older store
    try:
        if store.conn.execute("SELECT count(*) FROM story_info").fetchone()[0] == 0:
            write_story(store, story_from_dict(story), store.start_run())
    finally:
        store.close()


def _suffix(d: dict[str, Any], k: int) -> dict[str, Any]:
    """Copy k of the story: every article, event and claim id (and every reference to one) suffixed."""
    if k == 0:
        return d
    s = f"~{k}"
    d = copy.deepcopy(d)

    def evs(items: list[dict[str, Any]]) -> None:
        for v in items:
            v["article"] += s

    for a in d["articles"]:
        a["id"] += s
        a["duplicate_of"] = a["duplicate_of"] and a["duplicate_of"] + s
    for e in d["events"]:
        e["id"] += s
        e["part_of"] = e.get("part_of") and e["part_of"] + s
        e["claims"] = [c + s for c in e["claims"]]
        e["sources"] = [a + s for a in e["sources"]]
        evs(e["evidence"])
        evs(e.get("triggers", []))
        for c in e["conflicts"]:
            evs(c.get("evidence", []))
    for c in d["claims"]:
        c["id"] += s
        for key in ("events", "conflicts_with", "related", "target_claims"):
            c[key] = [x + s for x in c.get(key, [])]
        c["reported_by"] = c.get("reported_by") and c["reported_by"] + s
        evs(c["evidence"])
    for ent in d["entities"]:
        for m in ent["mentions"]:
            m["article"] += s
    d["key_events"] = []
    return d


def replicate(copies: list[dict[str, Any]], out: Path) -> tuple[Path, dict[str, Any]]:
    """One story of all the copies (entities shared, their mentions pooled), written once into out."""
    big = {key: [x for c in copies for x in c[key]] for key in ("articles", "events", "claims")}
    big["entities"] = copy.deepcopy(copies[0]["entities"])
    for i, ent in enumerate(big["entities"]):
        ent["mentions"] = [m for c in copies for m in c["entities"][i]["mentions"]]
    big["topic"] = copies[0].get("topic")
    db = out / "storyline.db"
    if not db.is_file():
        out.mkdir(parents=True, exist_ok=True)
        store = Store(db)
        t0 = time.perf_counter()
        write_story(store, story_from_dict(big), store.start_run())
        store.close()
        print(f"replicated x{len(copies)}: {len(big['articles'])} articles, {len(big['events'])} events, "
              f"{len(big['claims'])} claims written in {time.perf_counter() - t0:.1f}s")  # fmt: skip
    return db, big


def workload(story: dict[str, Any], n: int, seed: int = 0) -> tuple[list[dict[str, Any]], list[str]]:
    """n event-list parameter sets and n search queries, drawn from the story itself."""
    rng = random.Random(seed)
    actors = [a for a, _ in Counter(x for e in story["events"] for x in e["actors"]).most_common(20)]
    types = [t for t, _ in Counter(e["type"] for e in story["events"]).most_common(10)]
    months = sorted({((e["date"] or {}).get("first_day") or "")[:7] for e in story["events"]} - {""})
    words = [w.lower() for a in story["articles"] for w in re.findall(r"[A-Za-z]{5,}", a.get("title") or "")]
    common = [w for w, _ in Counter(words).most_common(300)]
    shapes: list[Callable[[], dict[str, Any]]] = [
        lambda: {"offset": rng.randrange(0, 2000)},
        lambda: {"actor": rng.choice(actors)},
        lambda: {"type": rng.choice(types)},
        lambda: {"modality": rng.choice(["asserted", "reported", "planned"])},
        lambda: {"since": (m := rng.choice(months)), "until": m},
        lambda: {"q": rng.choice(common)},
        lambda: {"actor": rng.choice(actors), "since": rng.choice(months)},
    ]
    events = [shapes[i % len(shapes)]() for i in range(n)]
    searches = [" ".join(rng.sample(common, rng.choice([1, 1, 2]))) for _ in range(n)]
    return events, searches


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def served(db: Path) -> Iterator[httpx.Client]:
    """`storyline serve` on the store in a subprocess on a free port, and a client once it answers."""
    port = _free_port()
    cmd = [str(ROOT / ".venv/bin/storyline"), "serve", str(db.parent), "--db", str(db), "--port", str(port)]
    proc = subprocess.Popen(cmd, stderr=subprocess.DEVNULL)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
            for _ in range(100):
                try:
                    if client.get("/api/version").status_code == 200:
                        break
                except httpx.TransportError:
                    time.sleep(0.1)
            yield client
    finally:
        proc.terminate()
        proc.wait()


def time_api(db: Path, events: list[dict[str, Any]], searches: list[str]) -> dict[str, list[float]]:
    with served(db) as client:
        out: dict[str, list[float]] = {"events": [], "search": []}
        for name, path, params in [("events", "/api/events", events),
                                   ("search", "/api/search", [{"q": q} for q in searches])]:  # fmt: skip
            for p in params[:WARMUP]:
                client.get(path, params=p)
            for p in params:
                t0 = time.perf_counter()
                r = client.get(path, params=p)
                out[name].append(time.perf_counter() - t0)
                if r.status_code != 200:
                    raise SystemExit(f"{path} {p}: {r.status_code} {r.text[:200]}")
        return out


def _scan_events(story: dict[str, Any], p: dict[str, Any]) -> list[dict[str, Any]]:
    """The naive event list: a linear pass over story.json, sorted, paged."""
    items = []
    for e in story["events"]:
        d = e["date"] or {}
        if "actor" in p and p["actor"] not in e["actors"] + e["recipients"]:
            continue
        if "type" in p and e["type"] != p["type"] or "modality" in p and e["modality"] != p["modality"]:
            continue
        if "since" in p and (d.get("last_day") or "9999") < p["since"]:
            continue
        if "until" in p and (d.get("first_day") or "0000") > p["until"] + "-31":
            continue
        if "q" in p and p["q"] not in e["summary"].lower():
            continue
        items.append(e)
    items.sort(key=lambda e: ((e["date"] or {}).get("first_day") or "~", e["id"]))
    off = p.get("offset", 0)
    return items[off:off + 50]


def _scan_search(story: dict[str, Any], q: str) -> list[str]:
    words = q.split()
    texts = [(a["id"], a["text"]) for a in story["articles"]] + [(e["id"], e["summary"]) for e in story["events"]]
    return [i for i, t in texts if all(w in t.lower() for w in words)][:20]


def time_baseline(story: dict[str, Any], events: list[dict[str, Any]], searches: list[str]) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {"events": [], "search": []}
    for p in events:
        t0 = time.perf_counter()
        _scan_events(story, p)
        out["events"].append(time.perf_counter() - t0)
    for q in searches:
        t0 = time.perf_counter()
        _scan_search(story, q)
        out["search"].append(time.perf_counter() - t0)
    return out


def _pct(xs: list[float], q: float) -> float:
    return statistics.quantiles(xs, n=100, method="inclusive")[int(q) - 1] * 1000 if len(xs) > 1 else xs[0] * 1000


def report(label: str, api: dict[str, list[float]], base: dict[str, list[float]]) -> None:
    for kind in ("events", "search"):
        a, b = api[kind], base[kind]
        print(f"{label:>28} {kind:>7}: API p50 {_pct(a, 50):7.1f} ms  p95 {_pct(a, 95):7.1f} ms  max "
              f"{max(a) * 1000:7.1f} ms  ({len(a)} requests) | baseline (scan of story.json in memory) p50 "
              f"{_pct(b, 50):7.1f} ms  p95 {_pct(b, 95):7.1f} ms")  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--replicate", type=int, default=0, help="also time a store of K copies of the story")
    ap.add_argument("--from-analyses", type=Path, metavar="BUILD",
                    help="make OUT from BUILD's stored analyses, unassembled (see flat_story)")
    args = ap.parse_args()
    t0 = time.perf_counter()
    if args.from_analyses and not (args.out / "story.json").is_file():
        flat_story(args.from_analyses, args.out)
    ensure_build(args.out, args.n)
    story = json.loads((args.out / "story.json").read_text(encoding="utf-8"))
    ensure_tables(args.out / "storyline.db", story)
    print(f"story: {len(story['articles'])} articles, {len(story['events'])} events, {len(story['claims'])} claims")
    events, searches = workload(story, args.requests)
    runs = [(f"{len(story['articles'])} articles", args.out / "storyline.db", story)]
    if args.replicate > 1:
        copies = [_suffix(story, i) for i in range(args.replicate)]
        db, big = replicate(copies, args.out.parent / f"{args.out.name}-x{args.replicate}")
        runs.append((f"x{args.replicate}: {len(big['articles'])} articles", db, big))
    for label, db, st in runs:
        report(label, time_api(db, events, searches), time_baseline(st, events, searches))
    print(f"wall {time.perf_counter() - t0:.0f}s")


if __name__ == "__main__":
    main()
