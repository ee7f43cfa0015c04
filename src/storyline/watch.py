"""`storyline watch DIR|FEEDFILE --out OUT`: keep a build up to date as articles arrive.

Why a poller and `pipeline.build`: the build is already incremental and crash-safe (articles stored
as read, analyses committed by batch, the story rewritten in one transaction), so the watcher only
has to notice that something changed and run the same build into the same store. It polls file
sizes and modification times (no platform file-event API, works on network folders) and builds the
whole folder or feed again when anything changed, so sources, manifests and edited inputs behave
exactly as in `storyline build`; stored articles are skipped by the build itself. A file that cannot
be read is reported once (one line) and never stops the watcher; `storyline serve` on the same OUT
sees each new run as it is committed.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# Seconds between polls (default) and the shortest allowed.
DEFAULT_INTERVAL_S, MIN_INTERVAL_S = 5.0, 0.1
# A file modified this recently may still be being written: it waits for the next poll (not with --once),
# for at most this many polls.
SETTLE_S = 1.0
MAX_SETTLE_POLLS = 3

Signature = dict[str, tuple[int, int]]


def _print(text: str, err: bool) -> None:
    print(text, file=sys.stderr if err else sys.stdout, flush=True)


def add_parsers(sub: Any) -> None:
    p = sub.add_parser(
        "watch",
        help="build a folder or feed file again whenever articles are added or changed",
        description="Poll DIR (recursively) or FEEDFILE and run the incremental build into OUT whenever a "
        "file appears or changes. A file that cannot be read is reported once and skipped; Ctrl-C stops "
        "(exit 130). `storyline serve OUT` beside it shows each new run to the open pages.",
    )
    p.add_argument("input", help="folder to watch (recursive) or one feed/archive file to re-read")
    p.add_argument("--out", required=True, help="output folder (as for build)")
    p.add_argument("--db", help="SQLite store (default OUT/storyline.db)")
    p.add_argument("--interval", type=float, default=DEFAULT_INTERVAL_S, metavar="S",
                   help=f"seconds between polls (default {DEFAULT_INTERVAL_S:g})")
    p.add_argument("--once", action="store_true", help="build what is there now, then exit")
    p.add_argument("--workers", type=int, default=1, help="processes for parsing and extraction (default 1)")
    p.add_argument("--language", default="en", help="comma-separated languages to analyse (default en)")
    p.add_argument("--key-events", type=int, default=None, metavar="N", help="entries in the key-events timeline")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """The command: 0 when stopped by --once with everything read, 1 when some input failed, 3 when
    the store or output folder is unusable, 130 on Ctrl-C, 143 on SIGTERM."""
    from .cli import EXIT_FATAL, EXIT_USAGE, _log_libraries_to

    if args.interval < MIN_INTERVAL_S or args.workers < 1 or (args.key_events is not None and args.key_events < 1):
        print(f"storyline watch: --interval must be at least {MIN_INTERVAL_S:g}, --workers and --key-events "
              "at least 1", file=sys.stderr)  # fmt: skip
        return EXIT_USAGE
    target = Path(args.input)
    if not target.exists():
        print(f"storyline watch: {args.input}: no such file or folder", file=sys.stderr)
        return EXIT_FATAL
    _log_libraries_to(Path(args.out))
    w = Watcher(target, Path(args.out), db=args.db, workers=args.workers, key_events=args.key_events,
                languages=tuple(x.strip() for x in args.language.split(",") if x.strip()))  # fmt: skip
    previous = signal.signal(signal.SIGTERM, _stop)  # a service manager's stop: as clean as Ctrl-C
    try:
        return w.loop(args.interval, once=args.once)
    except KeyboardInterrupt:
        print("storyline watch: stopped", file=sys.stderr)
        return 130
    except _Stopped:
        print("storyline watch: stopped", file=sys.stderr)
        return 143
    finally:
        signal.signal(signal.SIGTERM, previous)


class _Stopped(BaseException):  # not an Exception: nothing that handles errors may swallow it
    """SIGTERM arrived: unwind like Ctrl-C (a build in progress closes its store; its committed work stays)."""


def _stop(signum: int, frame: Any) -> None:
    raise _Stopped()


@dataclass
class Watcher:
    """One watched input and the build it keeps current; `say` prints a line (stdout or stderr)."""

    target: Path
    out: Path
    db: str | None = None
    workers: int = 1
    languages: tuple[str, ...] = ("en",)
    key_events: int | None = None
    analyser: Any = None  # the per-article analysis (None: the real extractors), as for `build`
    say: Callable[[str, bool], None] = field(default=lambda text, err: _print(text, err))
    built: Signature | None = None  # the files as the last build saw them
    reported: set[tuple[str, str]] = field(default_factory=set)  # failures already said
    fatal: bool = False
    waiting: int = 0  # polls waited for files to settle

    def scan(self) -> Signature:
        """(size, mtime) of every file the build would read (and the manifests that shape them)."""
        from .ingest import OUTPUT_NAMES, is_manifest, is_supported, output_exclusions
        from .ingest.files import real, under

        if self.target.is_file():
            st = self.target.stat()
            return {str(self.target): (st.st_size, st.st_mtime_ns)}
        names = (*OUTPUT_NAMES, "storyline.log", "storyline-error.log")
        skip = [real(p) for p in output_exclusions(self.out, [self.target], names)] + ([real(self.db)] if self.db else [])
        found: Signature = {}
        for root, dirs, files in os.walk(self.target):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for name in files:
                path = Path(root) / name
                if name.startswith(".") or not (is_supported(path) or is_manifest(path)) or under(real(path), skip):
                    continue
                try:
                    st = path.stat()
                except OSError:
                    continue  # gone between listing and looking: the next poll sees it or not
                found[str(path)] = (st.st_size, st.st_mtime_ns)
        return found

    def due(self, now: Signature, settle: bool) -> bool:
        """Something to build: a file added, changed or removed since the last build, and (unless
        `settle` is off) none of the changed files modified in the last SETTLE_S seconds."""
        if not now or now == self.built:
            return False
        if not settle:
            return True
        fresh = time.time_ns() - int(SETTLE_S * 1e9)
        changed = [k for k, v in now.items() if (self.built or {}).get(k) != v]
        return all(now[k][1] <= fresh for k in changed)

    def step(self, settle: bool = True) -> int | None:
        """One poll; the build's exit status when it built, None when there was nothing to do. Files
        still being written wait, but at most MAX_SETTLE_POLLS polls (a folder that never rests is
        still built)."""
        now = self.scan()
        if not self.due(now, settle=False):
            self.waiting = 0
            return None
        if settle and not self.due(now, settle=True) and self.waiting < MAX_SETTLE_POLLS:
            self.waiting += 1
            return None
        self.waiting = 0
        code = self.build()
        self.built = now
        return code

    def build(self) -> int:
        from .cli import EXIT_FATAL, EXIT_INPUT_FAILED, EXIT_INTERNAL, EXIT_OK
        from .outputs import OutputError
        from .pipeline import build
        from .store import StoreError

        try:
            report = build([self.target], self.out, db=self.db, workers=self.workers, languages=self.languages,
                           key_events=self.key_events, analyser=self.analyser)  # fmt: skip
        except (StoreError, OutputError) as exc:
            self.say(f"storyline watch: {exc}", True)
            self.fatal = True
            return EXIT_FATAL
        except Exception as exc:  # a bug in one build must not stop the watcher: said once, logged, retried
            self.say(f"storyline watch: the build failed ({type(exc).__name__}: {exc}){self._log(exc)}; "
                     "retried when the inputs change", True)  # fmt: skip
            return EXIT_INTERNAL
        failed = dict(report.failure_lines())
        for key, line in failed.items():
            if key not in self.reported:  # each failure once, until it goes away and comes back
                self.say(line, True)
        self.reported = set(failed)
        c = report.counts
        stamp = time.strftime("%H:%M:%S")
        if report.unchanged:
            self.say(f"{stamp} read {report.read} articles, nothing new for the story", False)
        else:
            self.say(f"{stamp} read {report.read} articles ({report.new} new), analysed {report.analysed}; story: "
                     f"{c.get('articles', 0)} articles, {c.get('events', 0)} events, {c.get('claims', 0)} claims",
                     False)  # fmt: skip
        return EXIT_OK if report.ok else EXIT_INPUT_FAILED

    def _log(self, exc: BaseException) -> str:
        """The traceback into OUT/storyline-error.log; where it went, as a clause."""
        import traceback

        from .cli import ERROR_LOG

        try:
            with open(self.out / ERROR_LOG, "a", encoding="utf-8") as fh:
                fh.write("storyline watch: " + "".join(traceback.format_exception(exc)) + "\n")
        except OSError:
            return ""
        return f"; the traceback is in {self.out / ERROR_LOG}"

    def loop(self, interval: float, once: bool = False, stop: threading.Event | None = None) -> int:
        """Poll every `interval` seconds until `stop` is set (or after one build with `once`)."""
        from .cli import EXIT_FATAL

        if once:
            code = self.step(settle=False)
            if code is None:
                self.say(f"storyline watch: {self.target}: no articles to read", True)
                return EXIT_FATAL
            return code
        self.say(f"watching {self.target} every {interval:g}s into {self.out} (Ctrl-C stops)", True)
        stop = stop or threading.Event()
        while not stop.is_set():
            self.step()
            if self.fatal:
                return EXIT_FATAL
            stop.wait(interval)
        return 0
