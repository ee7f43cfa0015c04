"""`storyline list OUT` and `storyline stats OUT`: what a build's store holds, without rebuilding.

Reads the store only (never the inputs). `list` prints the stored articles (or the runs, or the
failures) one per line, or as JSON; `stats` prints counts: articles, analysed, duplicates, other
languages, off-topic, failures, runs, the last story's counts, the articles its selection left out and the store's size.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

EXIT_OK, EXIT_FATAL = 0, 3  # as in storyline.cli


def add_parsers(sub: Any) -> None:
    """Register `list` and `stats` on the main CLI's subparsers."""
    ls = sub.add_parser("list", help="list a build's stored articles, runs or failures",
                        description="List what OUT/storyline.db holds: articles (default), runs, or failures.")
    ls.add_argument("out", help="build output folder (holds storyline.db)")
    what = ls.add_mutually_exclusive_group()
    what.add_argument("--runs", action="store_true", help="list the builds run into this store")
    what.add_argument("--failures", action="store_true", help="list inputs and analyses that failed")
    what.add_argument("--left-out", action="store_true",
                      help="list the stored articles the last build left out of its story (--about, --story, "
                      "--since/--until), best retrieval score first")
    ls.add_argument("--db", help="SQLite store (default OUT/storyline.db)")
    ls.add_argument("--json", action="store_true", help="print JSON (one array)")
    st = sub.add_parser("stats", help="counts of a build's store: articles, analyses, failures, runs, story")
    st.add_argument("out", help="build output folder (holds storyline.db)")
    st.add_argument("--db", help="SQLite store (default OUT/storyline.db)")
    st.add_argument("--json", action="store_true", help="print one JSON object")


def open_store(args: argparse.Namespace, command: str, hint: str = "") -> Any:
    """The store of `args.out` (or `--db`), or None after one line on stderr naming the file and the
    problem; every command that reads a build's store opens it here."""
    from .store import Store, StoreError

    db = Path(args.db or Path(args.out) / "storyline.db")
    if not db.is_file():
        print(f"storyline {command}: {db}: no store here{hint}", file=sys.stderr)
        return None
    try:
        return Store(db)
    except StoreError as exc:
        print(f"storyline {command}: {exc}", file=sys.stderr)
        return None


def _when(ts: float | None) -> str | None:
    return dt.datetime.fromtimestamp(ts, dt.UTC).replace(microsecond=0).isoformat() if ts else None


def articles(store: Any) -> list[dict[str, Any]]:
    from .pipeline import PIPELINE_VERSION

    analysed = store.analysed_ids(PIPELINE_VERSION)
    failed = {r[1] for r in store.analysis_failures()}
    out = []
    for a in store.articles():
        out.append({
            "id": a.id, "source": a.source, "published": a.published, "outlet": a.outlet, "title": a.title,
            "language": a.language, "duplicate_of": a.duplicate_of,
            "state": "analysed" if a.id in analysed else "failed" if a.id in failed else "not analysed",
        })
    return out


def left_out(store: Any) -> list[dict[str, Any]]:
    from .stories.retrieval import left_out as stored_left_out

    return stored_left_out(store)


def runs(store: Any) -> list[dict[str, Any]]:
    rows = store.conn.execute("SELECT id, started, finished, status, stats FROM runs ORDER BY id").fetchall()
    out = []
    for rid, started, finished, status, stats in rows:
        s = json.loads(stats) if stats else {}
        out.append({"id": rid, "started": _when(started), "finished": _when(finished), "status": status,
                    "read": s.get("read"), "new": s.get("new"), "analysed": s.get("analysed"),
                    "seconds": s.get("seconds")})
    return out


def failures(store: Any) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for rid, path, line, problem in store.conn.execute(
            "SELECT run_id, path, line, problem FROM failures ORDER BY run_id, path").fetchall():
        out.append({"run": rid, "kind": "input", "where": path if line is None else f"{path}:{line}",
                    "problem": problem})
    sources = {a.id: a.source for a in store.articles()}
    for rid, aid, stage, error, message in store.analysis_failures():
        out.append({"run": rid, "kind": "analysis", "where": sources.get(aid, aid),
                    "problem": f"{stage} ({error}: {message})"})
    return out


def stats(store: Any, db: Path) -> dict[str, Any]:
    arts = articles(store)
    story = json.loads(store.get_meta("story") or "{}").get("counts", {})
    run_list = runs(store)
    return {
        "articles": len(arts),
        "analysed": sum(a["state"] == "analysed" for a in arts),
        "failed": sum(a["state"] == "failed" for a in arts),
        "duplicates": sum(bool(a["duplicate_of"]) for a in arts),
        "undated": sum(not a["published"] for a in arts),
        "languages": _counts(a["language"] or "unknown" for a in arts),
        "outlets": len({a["outlet"] for a in arts if a["outlet"]}),
        "published": [min((a["published"] for a in arts if a["published"]), default=None),
                      max((a["published"] for a in arts if a["published"]), default=None)],
        "runs": len(run_list),
        "last_run": run_list[-1] if run_list else None,
        "story": story,
        "left_out": int(store.conn.execute("SELECT count(*) FROM selection WHERE kept = 0").fetchone()[0]),
        "store_bytes": db.stat().st_size,
        "schema_version": store.schema_version,
    }


def _counts(items: Any) -> dict[str, int]:
    out: dict[str, int] = {}
    for x in items:
        out[x] = out.get(x, 0) + 1
    return dict(sorted(out.items(), key=lambda kv: -kv[1]))


def run_list(args: argparse.Namespace) -> int:
    store = open_store(args, "list")
    if store is None:
        return EXIT_FATAL
    try:
        rows = (runs(store) if args.runs else failures(store) if args.failures
                else left_out(store) if args.left_out else articles(store))
    finally:
        store.close()
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return EXIT_OK
    for r in rows:
        print("\t".join("" if v is None else str(v) for v in r.values()))
    if not rows:
        print("(none)", file=sys.stderr)
    return EXIT_OK


def run_stats(args: argparse.Namespace) -> int:
    store = open_store(args, "stats")
    if store is None:
        return EXIT_FATAL
    db = Path(args.db or Path(args.out) / "storyline.db")
    try:
        s = stats(store, db)
    finally:
        store.close()
    if args.json:
        print(json.dumps(s, ensure_ascii=False, indent=1))
        return EXIT_OK
    first, last = s["published"]
    print(f"{s['articles']} articles ({s['analysed']} analysed, {s['failed']} failed, {s['duplicates']} duplicates, "
          f"{s['undated']} undated) from {s['outlets']} outlets, published {first or '?'} to {last or '?'}")
    print("languages: " + ", ".join(f"{k} {v}" for k, v in s["languages"].items()))
    if s["story"]:
        print("story: " + ", ".join(f"{v} {k}" for k, v in s["story"].items()))
    if s["left_out"]:
        print(f"left out of the story by the last build's selection: {s['left_out']} articles (list --left-out)")
    lr = s["last_run"]
    print(f"{s['runs']} runs" + (f"; last #{lr['id']} {lr['status']} at {lr['finished'] or lr['started']}" if lr else ""))
    print(f"store: {s['store_bytes'] / 1e6:.1f} MB, schema version {s['schema_version']}")
    return EXIT_OK
