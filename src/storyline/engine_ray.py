"""The Ray engine (`storyline build --engine ray`): masking, parsing and per-article analysis as Ray Data.

Same contract as `storyline.analyse.run`: an outcome (`ArticleAnalysis` or `AnalysisFailure`) for every
task, in input order. The driver sends each article as a JSON row; a pool of actors (`map_batches`
with a callable class, so spaCy is loaded once per actor, not once per batch) masks its excluded
spans, parses and analyses it with `storyline.analyse.analyse_batch` and returns the analysis as JSON
(the store's own form), which the driver turns back into records and writes into the store by batch.

Failure policy, as with the local engine: an article whose analysis raises becomes an
`AnalysisFailure` inside the actor. An actor that dies (killed, out of memory, a crash in native code)
fails the window of articles it was in (actors are not restarted: Ray Data's default would retry the
article that killed it forever); the window's articles not yet returned are then analysed one per
Ray task, so only the one that kills its worker is named and the rest are analysed.

Articles go to Ray by windows of `WINDOW` so that the object store holds one window at a time.
"""

from __future__ import annotations

import json
import logging
import warnings
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from .records import AnalysisFailure, Article, to_dict

if TYPE_CHECKING:  # storyline.analyse loads spaCy: imported where it runs, so `build` stays light
    from .analyse import Analyser, BatchResult, Outcome

WINDOW = 4096  # articles per Ray dataset: bounds the driver's and the object store's memory


class RayEngineError(Exception):
    """Ray could not be started here or reached at the given address (a one-line message)."""


MISSING = "storyline build: --engine ray needs the ray extra: pip install 'storyline[ray]'"

# A task's text may be None: the actor masks the article's excluded spans itself.
RayTask = tuple[Article, str | None]


def available() -> bool:
    """Whether Ray Data can be imported (the `storyline[ray]` extra)."""
    import importlib.util

    return importlib.util.find_spec("ray") is not None and importlib.util.find_spec("ray.data") is not None


class _Analyse:
    """One Ray actor: spaCy is loaded on the first batch and kept for the actor's life."""

    def __init__(self, analyser: Analyser, batch_size: int) -> None:
        self.analyser, self.batch_size = analyser, batch_size

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[Any]]:
        from .analyse import analyse_batch

        tasks = [_task(a, t) for a, t in zip(batch["article"], batch["text"], strict=True)]
        res = analyse_batch(tasks, self.analyser, self.batch_size)
        share = 1.0 / max(1, len(tasks))  # per-row seconds, so the driver's sums are the batch's
        return {
            "i": [int(i) for i in batch["i"]],
            "failed": [isinstance(o, AnalysisFailure) for o in res.outcomes],
            "record": [json.dumps(to_dict(o), ensure_ascii=False) for o in res.outcomes],
            "nlp": [res.nlp_seconds * share] * len(tasks),
            "extract": [res.extract_seconds * share] * len(tasks),
        }


def _task(article_json: str, text: str | None) -> tuple[Article, str]:
    from .ingest.clean import masked_text
    from .store import article_from_dict

    article = article_from_dict(json.loads(article_json))
    return article, text if text else masked_text(article)


def _outcome(failed: bool, record: str) -> Outcome:
    from .store import analysis_from_dict

    d = json.loads(record)
    return AnalysisFailure(**d) if failed else analysis_from_dict(d)


def run(tasks: Iterable[RayTask], workers: int = 1, batch_size: int = 32, analyser: Analyser | None = None,
        timings: dict[str, float] | None = None, address: str | None = None) -> Iterator[Outcome]:
    """Outcomes for every task, in input order, computed by `workers` Ray actors.

    Connects to the cluster at `address` (``ray start --head`` prints it); without one, starts a local
    Ray instance with ``max(2, workers)`` CPUs and shuts it down at the end."""
    import os

    os.environ.setdefault("RAY_DATA_LOG_LEVEL", "ERROR")  # read when ray.data loads: no line per dataset
    import ray

    from .analyse import extract_all

    analyser = analyser or extract_all
    started = not ray.is_initialized()
    if started:
        kw: dict[str, Any] = {"address": address} if address else {"num_cpus": max(2, workers)}
        if address:
            check_address(address)
        try:
            ray.init(**kw, include_dashboard=False, log_to_driver=False, logging_level=logging.ERROR)
        except (ConnectionError, RuntimeError, ValueError) as exc:
            raise RayEngineError(f"cannot start or reach Ray{' at ' + address if address else ''}: "
                                 + " ".join(str(exc).split())[:300]) from exc
    try:
        window: list[RayTask] = []
        for t in tasks:
            window.append(t)
            if len(window) >= WINDOW:
                yield from _account(_window(window, workers, batch_size, analyser), timings)
                window = []
        if window:
            yield from _account(_window(window, workers, batch_size, analyser), timings)
    finally:
        if started:
            ray.shutdown()


def check_address(address: str, timeout: float = 10.0) -> None:
    """Fail in seconds on a wrong HOST:PORT: `ray.init` itself retries an unreachable one for minutes."""
    import socket

    host, _, port = address.removeprefix("ray://").rpartition(":")
    if not host or not port.isdigit():
        return  # "auto", a bare host: left to Ray
    try:
        socket.create_connection((host, int(port)), timeout=timeout).close()
    except OSError as exc:
        raise RayEngineError(f"cannot reach Ray at {address} ({exc.strerror or exc})") from exc


def _account(results: Iterator[BatchResult], timings: dict[str, float] | None) -> Iterator[Outcome]:
    for res in results:
        if timings is not None:
            timings["nlp"] = round(timings.get("nlp", 0.0) + res.nlp_seconds, 3)
            timings["extract"] = round(timings.get("extract", 0.0) + res.extract_seconds, 3)
        yield from res.outcomes


def _window(window: list[RayTask], workers: int, batch_size: int, analyser: Analyser) -> Iterator[BatchResult]:
    """One window through the actor pool; if an actor dies, the rest of the window one by one."""
    import ray.data

    from .analyse import BatchResult

    ctx = ray.data.DataContext.get_current()
    ctx.execution_options.preserve_order = True  # outcomes in input order, as with the local engine
    ctx.enable_progress_bars = False
    rows = [{"i": i, "article": json.dumps(to_dict(a), ensure_ascii=False), "text": text or ""}
            for i, (a, text) in enumerate(window)]
    with warnings.catch_warnings():  # max_restarts as a remote arg: deprecated after 2.60 (pinned)
        warnings.simplefilter("ignore")
        ds = ray.data.from_items(rows, override_num_blocks=max(1, -(-len(rows) // batch_size))).map_batches(
            _Analyse, fn_constructor_args=(analyser, batch_size), batch_size=batch_size,
            compute=ray.data.ActorPoolStrategy(size=workers), num_cpus=1, max_restarts=0,
        )
    done: set[int] = set()
    try:
        for batch in ds.iter_batches(batch_size=None, batch_format="default"):
            outs = [_outcome(bool(f), r) for f, r in zip(batch["failed"], batch["record"], strict=True)]
            done.update(int(i) for i in batch["i"])
            yield BatchResult(outs, float(sum(batch["nlp"])), float(sum(batch["extract"])))
    except Exception:  # an actor died: Ray Data gives up on the dataset
        logging.getLogger(__name__).warning("a Ray actor died; analysing the rest of its window one by one")
        yield from _one_by_one([t for i, t in enumerate(window) if i not in done], analyser)


def _one_by_one(tasks: list[RayTask], analyser: Analyser) -> Iterator[BatchResult]:
    """Each article in its own Ray task, never retried: one that kills its worker fails alone."""
    import ray

    from .analyse import BatchResult, _failure

    remote = ray.remote(max_retries=0, num_cpus=1)(_analyse_rows)
    refs = [(t, remote.remote([json.dumps(to_dict(t[0]), ensure_ascii=False)], [t[1] or ""], analyser))
            for t in tasks]
    for (article, _), ref in refs:
        try:
            yield ray.get(ref)
        except Exception:  # the worker process died (ray.exceptions.WorkerCrashedError and kin)
            yield BatchResult([_failure(article, "worker", "the Ray worker died while analysing this article")])


def _analyse_rows(articles: list[str], texts: list[str], analyser: Analyser) -> BatchResult:
    from .analyse import analyse_batch

    return analyse_batch([_task(a, t) for a, t in zip(articles, texts, strict=True)], analyser, 1)
