"""Per-article analysis (annotate -> resolve -> extract) with its failure policy and worker pool.

Failure policy: an exception in any stage of one article is caught and becomes an `AnalysisFailure`
(article, stage, exception type and message); the article stays stored without an analysis, so the
story is built from the others and the next build retries it. With ``workers > 1`` articles are parsed
and analysed in worker processes (`concurrent.futures.ProcessPoolExecutor`): a worker that raises
reports per article like the serial path, and a worker that dies (killed, out of memory, a crash in
native code) breaks only the batches in flight, which are retried one article per task so the article
that kills its worker is named and the rest are analysed. The parent never waits on a dead worker.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any

from . import nlp
from .records import AnalysisFailure, Article, ArticleAnalysis

Outcome = ArticleAnalysis | AnalysisFailure
# One article's analysis: (article, parsed doc, stage recorder) -> analysis. Injectable for tests.
Analyser = Callable[[Article, Any, Callable[[str], None]], ArticleAnalysis]
Task = tuple[Article, str]  # the article and the masked text to parse


def extract_all(article: Article, doc: Any, stage: Callable[[str], None]) -> ArticleAnalysis:
    """Run every per-article extractor on one parsed article, announcing each stage first."""
    from .extract.claims import extract_claims
    from .extract.events import extract_events
    from .resolve.actors import resolve_article
    from .time import tag

    stage("time")
    anchor = dt.date.fromisoformat(article.published) if article.published else None
    timexes = tag(doc.text, anchor, doc)
    for t in timexes:
        t.article = article.id
    stage("resolve")
    mentions, info = resolve_article(article, doc)
    stage("claims")
    claims = extract_claims(article, doc, mentions, timexes)
    stage("events")
    events = extract_events(article, doc, mentions, timexes, claims)
    return ArticleAnalysis(
        article=article.id, timexes=timexes, mentions=mentions, entity_info=info, claims=claims, events=events
    )


def analyse_one(article: Article, doc: Any, analyser: Analyser = extract_all) -> Outcome:
    """One article's analysis, or the failure that stopped it (never raises an Exception)."""
    current = ["extract"]

    def stage(name: str) -> None:
        current[0] = name

    try:
        return analyser(article, doc, stage)
    except Exception as exc:  # the failure policy: record, never stop the build
        return _failure(article, current[0], exc)


def _failure(article: Article, stage: str, exc: BaseException | str) -> AnalysisFailure:
    if isinstance(exc, str):
        return AnalysisFailure(article.id, article.source, stage, "WorkerDied", exc)
    message = " ".join(str(exc).split())[:500]
    return AnalysisFailure(article.id, article.source, stage, type(exc).__name__, message)


@dataclass
class BatchResult:
    outcomes: list[Outcome]
    nlp_seconds: float = 0.0  # spaCy parsing
    extract_seconds: float = 0.0  # time tagging, actors, claims, events


def analyse_batch(tasks: list[Task], analyser: Analyser = extract_all, batch_size: int = 32) -> BatchResult:
    """Parse and analyse a batch in this process; a text spaCy cannot parse fails alone."""
    t0 = time.perf_counter()
    try:
        docs = list(nlp.pipe([text for _, text in tasks], batch_size=batch_size))
    except Exception:
        outcomes = [_parse_and_analyse(a, text, analyser) for a, text in tasks]
        return BatchResult(outcomes, 0.0, time.perf_counter() - t0)
    t1 = time.perf_counter()
    outcomes = [analyse_one(a, doc, analyser) for (a, _), doc in zip(tasks, docs, strict=True)]
    return BatchResult(outcomes, t1 - t0, time.perf_counter() - t1)


def _parse_and_analyse(article: Article, text: str, analyser: Analyser) -> Outcome:
    try:
        doc = nlp.load()(text)
    except Exception as exc:
        return _failure(article, "nlp", exc)
    return analyse_one(article, doc, analyser)


def run(tasks: Iterable[Task], workers: int = 1, batch_size: int = 32, analyser: Analyser = extract_all,
        timings: dict[str, float] | None = None) -> Iterator[Outcome]:
    """Outcomes for every task, in input order. `timings` accumulates the seconds spent parsing
    (``nlp``) and extracting (``extract``), summed over workers."""
    batches = _batches(tasks, batch_size)
    results = (
        (analyse_batch(b, analyser, batch_size) for b in batches)
        if workers <= 1
        else _run_pool(batches, workers, batch_size, analyser)
    )
    for res in results:
        if timings is not None:
            timings["nlp"] = round(timings.get("nlp", 0.0) + res.nlp_seconds, 3)
            timings["extract"] = round(timings.get("extract", 0.0) + res.extract_seconds, 3)
        yield from res.outcomes


def _batches(tasks: Iterable[Task], size: int) -> Iterator[list[Task]]:
    batch: list[Task] = []
    for t in tasks:
        batch.append(t)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _executor(workers: int) -> ProcessPoolExecutor:
    import multiprocessing

    # spawn, not fork: the parent may hold threads (tokenizers, torch) that fork would copy mid-lock.
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))


def _run_pool(batches: Iterator[list[Task]], workers: int, batch_size: int,
              analyser: Analyser) -> Iterator[BatchResult]:
    pool = _Pool(workers, batch_size, analyser)
    try:
        for batch in batches:
            pool.submit(batch)
            if len(pool.in_flight) >= 2 * workers:  # bounded look-ahead keeps memory flat
                yield pool.collect_one()
        while pool.in_flight:
            yield pool.collect_one()
        yield from pool.retry_suspects()
    finally:
        pool.close()


class _Pool:
    """A process pool that survives the death of its workers."""

    def __init__(self, workers: int, batch_size: int, analyser: Analyser) -> None:
        self.workers, self.batch_size, self.analyser = workers, batch_size, analyser
        self.executor = _executor(workers)
        self.in_flight: list[tuple[list[Task], Future[BatchResult]]] = []
        self.suspects: list[Task] = []

    def submit(self, batch: list[Task]) -> None:
        try:
            fut = self.executor.submit(analyse_batch, batch, self.analyser, self.batch_size)
        except BrokenProcessPool:  # a worker died while the parent was busy (storing, embedding)
            self._suspect_all(batch)
            return
        self.in_flight.append((batch, fut))

    def collect_one(self) -> BatchResult:
        """The oldest batch's outcomes; if its worker died, every batch in flight becomes suspect."""
        batch, fut = self.in_flight.pop(0)
        done = _result(fut)
        if done is not None:
            return done
        self._suspect_all(batch)
        return BatchResult([])

    def _suspect_all(self, batch: list[Task]) -> None:
        """The pool broke: `batch` and every batch in flight are re-run one article per task later."""
        self.suspects.extend(batch)
        for b, _ in self.in_flight:
            self.suspects.extend(b)
        self.in_flight.clear()
        self._restart()

    def retry_suspects(self) -> Iterator[BatchResult]:
        """Re-run suspect articles one per task: only the one that kills its worker fails."""
        for task in self.suspects:
            done = _result(self.executor.submit(analyse_batch, [task], self.analyser, 1))
            if done is None:
                yield BatchResult([_failure(task[0], "worker", "the worker process died while analysing this article")])
                self._restart()
            else:
                yield done
        self.suspects = []

    def _restart(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.executor = _executor(self.workers)

    def close(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)


def _result(fut: Future[BatchResult]) -> BatchResult | None:
    """The batch's outcomes, or None when its worker died."""
    try:
        return fut.result()
    except BrokenProcessPool:
        return None
