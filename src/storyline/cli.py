"""The `storyline` command line.

Exit codes (every command):
  0  success
  1  built, but some inputs or analyses failed (each named on stderr)
  2  bad usage
  3  nothing could be built: no readable article, an unusable store, or an unusable output location
  4  internal error (a bug): one line on stderr; the traceback goes to OUT/storyline-error.log (or the
     system's temporary folder), and to the screen only with --debug
No input, store state or environment gives a traceback on stderr without --debug.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__

EXIT_OK, EXIT_INPUT_FAILED, EXIT_USAGE, EXIT_FATAL, EXIT_INTERNAL = 0, 1, 2, 3, 4
ERROR_LOG = "storyline-error.log"


def _build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="storyline",
        description="Turn news articles about an evolving story into a sourced, dated account.",
    )
    p.add_argument("--version", action="version", version=f"storyline {__version__}")
    p.add_argument("--debug", action="store_true", help="show the traceback of an internal error")
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
    b.add_argument("--engine", choices=("local", "ray"), default="local",
                   help="where parsing and analysis run: local processes (default) or Ray Data actors "
                   "(needs the storyline[ray] extra; see docs/scaling.md)")
    b.add_argument("--ray-address", metavar="ADDR",
                   help="with --engine ray: the Ray cluster to connect to (default: start Ray on this machine)")
    b.add_argument("--language", default="en",
                   help="comma-separated languages to analyse (default en: the model is English; articles "
                   "identified as another language are stored and listed, not analysed)")
    b.add_argument("--key-events", type=int, default=None, metavar="N",
                   help="entries in the key-events timeline (default: chosen from the corpus size and span)")
    b.add_argument("--json", action="store_true", help="print the run summary as JSON, nothing else")
    b.add_argument("--quiet", action="store_true", help="no progress bar")
    from .stories import cli as stories_cli

    stories_cli.add_build_options(b)  # --about, --since, --until, --story: which stored articles to keep

    r = sub.add_parser(
        "rm",
        help="remove articles (by id or input path) from a build's store; the next build leaves them out",
        description="Remove stored articles, with their analyses, by article id or by the source path they "
        "were read from (as listed in story.json). Use it for inputs that were deleted; re-run "
        "`storyline build` to write the story without them.",
    )
    r.add_argument("out", help="build output folder (holds storyline.db)")
    r.add_argument("articles", nargs="+", help="article ids or source paths")
    r.add_argument("--db", help="SQLite store (default OUT/storyline.db)")

    v = sub.add_parser(
        "serve",
        help="serve a build's story as a read-only JSON API (OpenAPI at /openapi.json)",
        description="Serve the story tables of OUT/storyline.db as a read-only JSON API on localhost "
        "(endpoints in docs/api.md; the OpenAPI schema at /openapi.json).",
    )
    v.add_argument("out", help="build output folder (holds storyline.db)")
    v.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)")
    v.add_argument("--port", type=int, default=8700, help="port (default 8700)")
    v.add_argument("--db", help="SQLite store (default OUT/storyline.db)")

    from . import inventory

    inventory.add_parsers(sub)
    from .time import cli as time_cli

    time_cli.add_parser(sub)
    from .extract import events_cli

    events_cli.add_parser(sub)
    from .render import cli as render_cli

    render_cli.add_parsers(sub)
    import importlib

    for name in COMMAND_MODULES:  # each adds its parsers and sets `run` on them (set_defaults)
        importlib.import_module(name).add_parsers(sub)
    return p


# Modules that own a command: each has `add_parsers(subparsers)`, which sets `run=<function(args) -> int>`
# with `set_defaults`; keep their imports light, since `--help` imports them all.
COMMAND_MODULES: tuple[str, ...] = ("storyline.watch", "storyline.stories.cli")


def _run_build(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

    from .engine_ray import RayEngineError
    from .outputs import OutputError
    from .pipeline import build
    from .store import StoreError

    err = Console(stderr=True)
    show = not (args.json or args.quiet) and sys.stderr.isatty()
    if args.workers < 1 or args.batch_size < 1:
        print("storyline build: --workers and --batch-size must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    if args.key_events is not None and args.key_events < 1:
        print("storyline build: --key-events must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    if args.engine == "ray":
        from .engine_ray import MISSING, available, check_address

        if not available():
            print(MISSING, file=sys.stderr)
            return EXIT_USAGE
        try:  # a wrong address fails here, before anything is read
            if args.ray_address:
                check_address(args.ray_address)
        except RayEngineError as exc:
            print(f"storyline build: {exc}", file=sys.stderr)
            return EXIT_FATAL
    elif args.ray_address:
        print("storyline build: --ray-address needs --engine ray", file=sys.stderr)
        return EXIT_USAGE
    from .stories.cli import build_selection, selection_line
    from .stories.retrieval import SelectionError

    try:
        selection = build_selection(args)
    except SelectionError as exc:
        print(f"storyline build: {exc}", file=sys.stderr)
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

    _log_libraries_to(Path(args.out))
    try:
        with prog:
            report = build(
                args.inputs, args.out, db=args.db, workers=args.workers, batch_size=args.batch_size,
                progress=on_progress, languages=[x.strip() for x in args.language.split(",") if x.strip()],
                key_events=args.key_events, engine=args.engine, ray_address=args.ray_address, **selection,
            )
    except (StoreError, OutputError, RayEngineError) as exc:
        print(f"storyline build: {exc}", file=sys.stderr)
        return EXIT_FATAL
    except SelectionError as exc:
        print(f"storyline build: {exc}", file=sys.stderr)
        return EXIT_USAGE
    for _key, line in report.failure_lines():
        print(line, file=sys.stderr)
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False))
    else:
        c = report.counts
        print(
            f"read {report.read} articles ({report.new} new, {report.already_stored} already stored"
            + (f", {report.superseded} earlier versions replaced" if report.superseded else "") + "), "
            f"analysed {report.analysed}; {report.excluded_spans} excluded spans, {report.duplicates} duplicates, "
            f"{len(report.failures)} failed inputs, {len(report.analysis_failures)} failed analyses; "
            f"{report.seconds:.1f}s"
        )
        if report.selection:
            print(selection_line(report, args.out))
        print(
            f"story: {c.get('articles', 0)} articles, {c.get('entities', 0)} entities, {c.get('timexes', 0)} "
            f"time expressions, {c.get('claims', 0)} claims, {c.get('events', 0)} events"
        )
        for src in report.dated_from_text:
            print(f"warning: {src}: publication date inferred from the text")
        for w in report.warnings:
            print(f"warning: {w}")
        for src in report.other_language:
            print(f"warning: {src}: not in an analysed language, stored but not analysed (see --language)")
        for src in report.undated:
            print(f"warning: {src}: no publication date found; its relative dates stay unresolved")
        for path in report.outputs.values():
            print(f"{'kept (nothing changed)' if report.unchanged else 'wrote'} {path}")
    if report.selection and report.selected == 0:
        print(f"storyline build: no stored article is on the story asked for ({selection_line(report, args.out)})",
              file=sys.stderr)
    if report.counts.get("articles", 0) == 0:
        return EXIT_FATAL
    return EXIT_OK if report.ok else EXIT_INPUT_FAILED


LIBRARY_LOG = "storyline.log"


def _log_libraries_to(out: Path) -> None:
    """Warnings of the libraries we read with (trafilatura, htmldate, pypdf, ...) go to OUT/storyline.log,
    not the user's screen: what matters of them reaches the user as the article's own warnings."""
    import logging

    try:
        out.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.FileHandler(out / LIBRARY_LOG, encoding="utf-8", delay=True)
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
    logging.basicConfig(level=logging.WARNING, handlers=[handler], force=True)
    logging.captureWarnings(True)


def _run_rm(args: argparse.Namespace) -> int:
    from .inventory import open_store
    from .store import StoreError

    store = open_store(args, "rm")
    if store is None:
        return EXIT_FATAL
    try:
        removed = store.remove_articles(args.articles)
    except StoreError as exc:
        print(f"storyline rm: {exc}", file=sys.stderr)
        return EXIT_FATAL
    finally:
        store.close()
    print(f"removed {len(removed)} articles" + (f": {', '.join(removed)}" if removed else ""))
    if not removed:
        print("storyline rm: no stored article has these ids or sources", file=sys.stderr)
        return EXIT_INPUT_FAILED
    return EXIT_OK


def _run_serve(args: argparse.Namespace) -> int:
    from .serve.app import StoreUnusable, check_store, serve

    db = Path(args.db or Path(args.out) / "storyline.db")
    if not 0 < args.port < 65536:
        print("storyline serve: --port must be between 1 and 65535", file=sys.stderr)
        return EXIT_USAGE
    try:
        check_store(db)
        print(f"storyline serve: the workbench at http://{args.host}:{args.port}/ , the API under /api/ "
              "(Ctrl-C stops)", file=sys.stderr)
        serve(db, host=args.host, port=args.port)
    except StoreUnusable as exc:
        print(f"storyline serve: {exc}", file=sys.stderr)
        return EXIT_FATAL
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    parser = _build_parser()
    args = parser.parse_args(argv)
    try:
        return _dispatch(parser, args)
    except KeyboardInterrupt:
        print("storyline: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: one line for the user, the traceback in a log
        return _internal_error(exc, args)


def _internal_error(exc: BaseException, args: argparse.Namespace) -> int:
    import tempfile
    import traceback
    text = "".join(traceback.format_exception(exc))
    if getattr(args, "debug", False):
        sys.stderr.write(text)
    out = getattr(args, "out", None)
    log = None
    for folder in ([Path(out)] if out and Path(out).is_dir() else []) + [Path(tempfile.gettempdir())]:
        try:
            with open(folder / ERROR_LOG, "a", encoding="utf-8") as fh:
                fh.write(f"storyline {__version__}: {' '.join(sys.argv)}\n{text}\n")
            log = folder / ERROR_LOG
            break
        except OSError:
            continue
    where = f"; the traceback is in {log}" if log else ""
    print(f"storyline: internal error ({type(exc).__name__}: {exc}){where}. This is a bug in storyline: "
          "please report it with that file.", file=sys.stderr)
    return EXIT_INTERNAL


def _dispatch(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    if getattr(args, "run", None) is not None:
        return int(args.run(args))
    if args.command == "build":
        return _run_build(args)
    if args.command == "rm":
        return _run_rm(args)
    if args.command == "serve":
        return _run_serve(args)
    if args.command in ("list", "stats"):
        from . import inventory

        return inventory.run_list(args) if args.command == "list" else inventory.run_stats(args)
    if args.command == "timex":
        from .time import cli as time_cli

        return int(time_cli.run(args))
    if args.command == "events":
        from .extract import events_cli

        return int(events_cli.run(args))
    from .render import cli as render_cli

    if args.command == "show":
        return int(render_cli.run_show(args))
    return int(render_cli.run_export(args))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
