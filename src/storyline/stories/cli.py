"""`storyline stories OUT` and the story-picking options of `storyline build` (--about, --since,
--until, --story). Imports stay inside the functions so `storyline --help` stays fast."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

EXIT_OK, EXIT_INPUT_FAILED, EXIT_USAGE, EXIT_FATAL = 0, 1, 2, 3  # as in storyline.cli
MIN_LISTED = 2  # stories smaller than this are counted in the text listing, not listed one by one


def add_build_options(b: argparse.ArgumentParser) -> None:
    """The options of `storyline build` that pick the story out of every stored article."""
    g = b.add_argument_group("pick the story (retrieval over the whole store; the rest stays stored)")
    g.add_argument("--about", metavar="TEXT",
                   help='keep the articles on this story: free text, actor names ("north korea russia arms")')
    g.add_argument("--since", metavar="DATE", help="keep articles published on or after DATE (YYYY[-MM[-DD]])")
    g.add_argument("--until", metavar="DATE", help="keep articles published on or before DATE (YYYY[-MM[-DD]])")
    g.add_argument("--story", metavar="ID", help="keep the articles of story ID (as `storyline stories OUT` lists)")


def build_selection(args: argparse.Namespace) -> dict[str, Any]:
    """`pipeline.build` keyword arguments from the options; SelectionError on a bad value."""
    from .retrieval import SelectionError, parse_day

    story = None
    if args.story is not None:
        if not str(args.story).isdigit() or int(args.story) < 1:
            raise SelectionError(f"--story {args.story!r}: not a story id (a whole number from 1)")
        story = int(args.story)
    since = parse_day(args.since) if args.since else None
    until = parse_day(args.until, end=True) if args.until else None
    if since and until and since > until:
        raise SelectionError(f"--since {args.since} is after --until {args.until}")
    about = args.about.strip() if args.about is not None else None
    if about == "":
        raise SelectionError("--about is empty")
    return {"about": about, "since": since, "until": until, "story": story}


def selection_line(report: Any, out: str) -> str:
    """The run summary's line about the selection."""
    from .retrieval import Selection

    what = Selection(**report.selection).describe()
    return (f"selected {report.selected} of {report.selected + report.left_out} stored articles ({what}); "
            f"{report.left_out} left out, still stored (storyline list {out} --left-out)")


def add_parsers(sub: Any) -> None:
    p = sub.add_parser(
        "stories", help="cluster a store's articles into stories and list them (id, size, dates, actors, label)",
        description="Cluster every article in OUT/storyline.db into stories (shared words and names, "
        "embedding similarity, closeness in time), store the clustering and list it; "
        "`storyline build INPUT --out OUT --story ID` then builds one story. With --add, read and store "
        "inputs first without analysing them.")
    p.add_argument("out", help="build output folder (holds storyline.db)")
    p.add_argument("--add", nargs="+", metavar="INPUT", help="read and store these inputs first (not analysed)")
    p.add_argument("--since", metavar="DATE", help="cluster only articles published on or after DATE (YYYY[-MM[-DD]])")
    p.add_argument("--until", metavar="DATE", help="cluster only articles published on or before DATE")
    p.add_argument("--db", help="SQLite store (default OUT/storyline.db)")
    p.add_argument("--json", action="store_true", help="print one JSON array of the stories, nothing else")
    p.set_defaults(run=run)


def _store_inputs(args: argparse.Namespace) -> int | None:
    from ..outputs import OutputError
    from ..pipeline import store_inputs
    from ..store import StoreError

    try:
        report = store_inputs(args.add, args.out, db=args.db)
    except (StoreError, OutputError) as exc:
        print(f"storyline stories: {exc}", file=sys.stderr)
        return EXIT_FATAL
    for f in report.failures:
        print(f"error: {f}", file=sys.stderr)
    if not args.json:
        print(f"read {report.read} articles ({report.new} new, {report.already_stored} already stored), "
              f"{report.duplicates} duplicates; {report.seconds:.1f}s")
    return None if report.ok else EXIT_INPUT_FAILED


def _window(args: argparse.Namespace) -> Any:
    """The --since/--until window as a Selection; SelectionError on a bad date."""
    from .retrieval import Selection, SelectionError, parse_day

    since = parse_day(args.since) if args.since else None
    until = parse_day(args.until, end=True) if args.until else None
    if since and until and since > until:
        raise SelectionError(f"--since {args.since} is after --until {args.until}")
    return Selection(since=since, until=until)


def run(args: argparse.Namespace) -> int:
    from ..inventory import open_store
    from ..store import StoreError
    from .clustering import cluster, save
    from .retrieval import SelectionError, in_window

    try:
        window = _window(args)
    except SelectionError as exc:
        print(f"storyline stories: {exc}", file=sys.stderr)
        return EXIT_USAGE
    status = _store_inputs(args) if args.add else None
    if status == EXIT_FATAL:
        return status
    store = open_store(args, "stories", hint=" (build or --add inputs first)")
    if store is None:
        return EXIT_FATAL
    try:
        articles = [a for a in store.articles() if in_window(a, window)]
        stories = cluster(store, articles)
        save(store, stories, len(articles))
    except StoreError as exc:
        print(f"storyline stories: {exc}", file=sys.stderr)
        return EXIT_FATAL
    finally:
        store.close()
    if args.json:
        print(json.dumps([s.to_json() for s in stories], ensure_ascii=False, indent=1))
    else:
        _print(stories, len(articles), args.out)
    if not stories:
        print("storyline stories: the store holds no article", file=sys.stderr)
        return EXIT_FATAL
    return status or EXIT_OK


def _print(stories: list[Any], n: int, out: str) -> None:
    listed = [s for s in stories if s.size >= MIN_LISTED]
    print(f"{len(stories)} stories in {n} articles ({len(stories) - len(listed)} single articles not listed)")
    for s in listed:
        span = f"{s.first_day or '?'} to {s.last_day or '?'}" if s.first_day or s.last_day else "undated"
        print(f"{s.id:>4}  {s.size:>5} articles  {span:<24}  {s.label}")
        print(f"      actors: {', '.join(s.actors) or '-'}; terms: {', '.join(s.terms)}")
    if listed:
        print(f"build one: storyline build INPUT --out {out} --story {listed[0].id}")
