"""`storyline timex --anchor YYYY-MM-DD FILE|-`: print the temporal expressions of a text as JSON."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from typing import Any

from ..records import to_dict


def anchor_date(s: str) -> dt.date:
    """argparse type of `--anchor`: a YYYY-MM-DD date (shared by `timex` and `events`)."""
    try:
        return dt.date.fromisoformat(s)
    except ValueError as e:
        raise argparse.ArgumentTypeError(f"not a YYYY-MM-DD date: {s!r}") from e


def configure(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
    p.add_argument("file", help="text file to read, or - for standard input")
    p.add_argument(
        "--anchor",
        type=anchor_date,
        default=None,
        help="publication date YYYY-MM-DD; without it relative expressions keep X's (XXXX-07)",
    )
    p.add_argument("--json", action="store_true", help="print one JSON array instead of one object per line")
    p.set_defaults(func=run)
    return p


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register the `timex` subcommand on the main CLI's subparsers."""
    p = subparsers.add_parser("timex", help="tag and resolve temporal expressions in a text")
    return configure(p)


def read_text_arg(path: str) -> str:
    """The text of a FILE argument, or standard input for "-" (shared by `timex` and `events`)."""
    if path == "-":
        return sys.stdin.read()
    with open(path, encoding="utf-8") as fh:
        return fh.read()


def run(args: argparse.Namespace) -> int:
    from . import tag

    try:
        text = read_text_arg(args.file)
    except OSError as e:
        print(f"storyline timex: {e}", file=sys.stderr)
        return 2
    timexes = to_dict(tag(text, args.anchor))
    if args.json:
        print(json.dumps(timexes, ensure_ascii=False, indent=2))
    else:
        for t in timexes:
            print(json.dumps(t, ensure_ascii=False))
    return 0


def main(argv: list[str] | None = None) -> int:
    p = configure(argparse.ArgumentParser(prog="storyline timex", description=__doc__))
    return run(p.parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
