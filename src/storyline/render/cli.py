"""CLI hooks for `storyline show` and `storyline export`; the main CLI calls add_parsers()."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from storyline.render.common import load_story
from storyline.render.export import FORMATS, export
from storyline.render.query import select_events, show


def add_parsers(subparsers: Any) -> None:
    """Register `show` and `export` on an argparse subparsers object."""
    p = subparsers.add_parser("show", help="print the timeline of a build, filtered by actor, period, type")
    p.add_argument("out", type=Path, help="build output folder (contains story.json)")
    p.add_argument("--actor", help="entity name or alias (case-insensitive)")
    p.add_argument("--since", help="YYYY, YYYY-MM or YYYY-MM-DD (events overlapping from then on)")
    p.add_argument("--until", help="YYYY, YYYY-MM or YYYY-MM-DD (events overlapping up to then)")
    p.add_argument("--type", help="event type, e.g. CONSULT or CONSULT/visit")
    p.add_argument("--json", action="store_true", help="print the matching events as JSON")
    p.set_defaults(func=run_show)

    e = subparsers.add_parser("export", help="export events, claims and the actor network")
    e.add_argument("out", type=Path, help="build output folder (contains story.json)")
    e.add_argument("--format", required=True, choices=FORMATS)
    e.add_argument("--dest", type=Path, help="folder to write to (default OUT/export)")
    e.set_defaults(func=run_export)


def _load(out: Path) -> dict[str, Any] | None:
    try:
        return load_story(out)
    except (OSError, json.JSONDecodeError) as exc:
        print(f"storyline: cannot read story.json in {out}: {exc}", file=sys.stderr)
        return None


def run_show(args: argparse.Namespace) -> int:
    story = _load(args.out)
    if story is None:
        return 2
    try:
        if args.json:
            events = select_events(story, args.actor, args.since, args.until, args.type)
            sys.stdout.write(json.dumps(events, indent=2, ensure_ascii=False) + "\n")
        else:
            sys.stdout.write(show(story, args.actor, args.since, args.until, args.type))
    except ValueError as exc:
        print(f"storyline show: {exc}", file=sys.stderr)
        return 2
    return 0


def run_export(args: argparse.Namespace) -> int:
    story = _load(args.out)
    if story is None:
        return 2
    dest = args.dest if args.dest is not None else Path(args.out) / "export"
    try:
        paths = export(story, args.format, dest)
    except (OSError, ValueError) as exc:
        print(f"storyline export: {exc}", file=sys.stderr)
        return 2
    for path in paths:
        print(path)
    return 0
