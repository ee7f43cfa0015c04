"""The `storyline` command line.

Exit codes: 0 success; 1 the build finished but some inputs failed (an input could not be read, or an
article's analysis raised; each is named on stderr); 2 bad usage; 3 nothing could be built (no readable
article, or the store is unusable).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from . import __version__

EXIT_OK, EXIT_INPUT_FAILED, EXIT_USAGE, EXIT_FATAL = 0, 1, 2, 3


def _build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="storyline",
        description="Turn news articles about an evolving story into a sourced, dated account.",
    )
    p.add_argument("--version", action="version", version=f"storyline {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    b = sub.add_parser(
        "build",
        help="read articles, extract time expressions, actors, claims and events, write the story",
        description="Read articles (txt, html, jsonl, warc[.gz], rss/atom; folders and globs), store them "
        "in SQLite and write OUT/story.json, OUT/brief.md and OUT/timeline.html. Re-running is "
        "incremental: only new articles are processed.",
    )
    b.add_argument("inputs", nargs="+", help="files, folders (recursive) or globs")
    b.add_argument("--out", required=True, help="output folder")
    b.add_argument("--db", help="SQLite store (default OUT/storyline.db)")
    b.add_argument("--workers", type=int, default=1, help="processes for parsing and extraction (default 1)")
    b.add_argument("--batch-size", type=int, default=32, help="documents per spaCy batch (default 32)")
    b.add_argument("--json", action="store_true", help="print the run summary as JSON, nothing else")
    b.add_argument("--quiet", action="store_true", help="no progress bar")

    from .time import cli as time_cli

    time_cli.add_parser(sub)
    from .render import cli as render_cli

    render_cli.add_parsers(sub)
    return p


def _run_build(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

    from .pipeline import build
    from .store import StoreError

    err = Console(stderr=True)
    show = not (args.json or args.quiet) and sys.stderr.isatty()
    if args.workers < 1:
        err.print("storyline build: --workers must be at least 1")
        return EXIT_USAGE
    prog = Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err, disable=not show, transient=True,
    )
    tasks: dict[str, TaskID] = {}

    def on_progress(stage: str, done: int, total: int) -> None:
        if stage not in tasks:
            tasks[stage] = prog.add_task(stage, total=total or None)
        prog.update(tasks[stage], completed=done, total=total or None)

    try:
        with prog:
            report = build(
                args.inputs, args.out, db=args.db, workers=args.workers, batch_size=args.batch_size,
                progress=on_progress,
            )
    except StoreError as exc:
        err.print(f"storyline build: {exc}", markup=False, highlight=False)
        return EXIT_FATAL
    for f in report.failures:
        print(f"error: {f}", file=sys.stderr)
    for af in report.analysis_failures:
        print(f"error: {af} (left out of the story; retried by the next build)", file=sys.stderr)
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False))
    else:
        c = report.counts
        print(
            f"read {report.read} articles ({report.new} new, {report.already_stored} already stored), "
            f"analysed {report.analysed}; {report.excluded_spans} excluded spans, {report.duplicates} duplicates, "
            f"{len(report.failures)} failed inputs, {len(report.analysis_failures)} failed analyses; "
            f"{report.seconds:.1f}s"
        )
        print(
            f"story: {c.get('articles', 0)} articles, {c.get('entities', 0)} entities, {c.get('timexes', 0)} "
            f"time expressions, {c.get('claims', 0)} claims, {c.get('events', 0)} events"
        )
        for src in report.dated_from_text:
            print(f"warning: {src}: publication date inferred from the text")
        for src in report.undated:
            print(f"warning: {src}: no publication date found; its relative dates stay unresolved")
        for path in report.outputs.values():
            print(f"wrote {path}")
    if report.counts.get("articles", 0) == 0:
        return EXIT_FATAL
    return EXIT_OK if report.ok else EXIT_INPUT_FAILED


def main(argv: Sequence[str] | None = None) -> int:
    parser = _build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    if args.command == "build":
        return _run_build(args)
    if args.command == "timex":
        from .time import cli as time_cli

        return int(time_cli.run(args))
    from .render import cli as render_cli

    if args.command == "show":
        return int(render_cli.run_show(args))
    return int(render_cli.run_export(args))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
