"""`storyline build`: ingest -> dedup -> annotate -> resolve -> extract -> store -> assemble -> render.

Durability: articles are stored as soon as they are read, and each batch of analyses is committed
as it is produced. A killed run leaves every committed batch in place; the next run skips articles
already analysed under the current `PIPELINE_VERSION` and finishes the rest.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .ingest import OUTPUT_NAMES, output_exclusions, read_inputs
from .ingest.clean import RULE_FILES, find_exclusions, masked_text
from .outputs import OutputError, write_set
from .records import SCHEMA_ID, AnalysisFailure, Article, ArticleAnalysis, IngestError, Story, to_dict
from .store import Store

if TYPE_CHECKING:
    from .analyse import Analyser

PACKAGE_ROOT = Path(__file__).resolve().parent
# What an analysis depends on: the cleaning and extraction rules, the parse (loader and model version),
# the record shapes, the language knowledge (lexicon/) and the gazetteer data (data/).
ANALYSIS_PARTS = (*RULE_FILES, "nlp.py", "analyse.py", "records.py", "syntax.py", "dates.py",
                  "time", "resolve", "extract", "lexicon", "data", "models")  # fmt: skip
_KNOWLEDGE_SUFFIXES = (".py", ".txt", ".json", ".tsv", ".crfsuite", ".js", ".css", ".html")


def fingerprint(parts: Sequence[str], root: Path = PACKAGE_ROOT, extra: str = "") -> str:
    """sha256 over the named modules and folders of the package (paths and bytes), shortened.

    Inside folders only rules and data count; command-line modules (``cli.py``) are skipped: their
    help texts do not change what an analysis contains, so editing them re-analyses nothing.
    """
    h = hashlib.sha256(extra.encode())
    for part in parts:
        p = root / part
        if p.is_dir():
            files = sorted(f for f in p.rglob("*") if f.suffix in _KNOWLEDGE_SUFFIXES and f.name != "cli.py")
        else:
            files = [p]
        for f in files:
            h.update(f.relative_to(root).as_posix().encode())
            h.update(f.read_bytes())
    return h.hexdigest()[:16]


# Stored results are reused only while what made them is unchanged: upgrading storyline or editing a
# rule or a word list recomputes them on the next build instead of silently serving stale extractions;
# CLI, rendering and orchestration code does not.
CLEAN_VERSION = fingerprint((*RULE_FILES, "lexicon"))
# (nlp.py, part of it, names the model package, its version and the hash of its weights)
PIPELINE_VERSION = fingerprint(ANALYSIS_PARTS)
DEDUP_VERSION = fingerprint(("dedup.py",))
# What turns stored analyses into the story and its outputs: a change here rebuilds the outputs.
STORY_VERSION = fingerprint(("assemble.py", "consolidate", "render", "embed.py", "dates.py", "modality.py",
                             "records.py", "schema", "outputs.py", "pipeline.py", "tables.py",
                             "serve"))  # timeline.html is built from the workbench's page code


@dataclass
class BuildReport:
    read: int = 0
    new: int = 0
    already_stored: int = 0
    superseded: int = 0  # stored articles replaced by a new version of their input (an edited file)
    updated: int = 0  # stored articles whose metadata (manifest date, outlet, ...) the inputs changed
    analysed: int = 0
    excluded_spans: int = 0
    duplicates: int = 0
    undated: list[str] = field(default_factory=list)
    dated_from_text: list[str] = field(default_factory=list)
    other_language: list[str] = field(default_factory=list)  # stored, not analysed: "source (fr)"
    # what reading noticed in articles read this run (replaced characters, encoding guesses, cut fields)
    warnings: list[str] = field(default_factory=list)
    failures: list[IngestError] = field(default_factory=list)
    # stored articles whose analysis raised: left out of this story, retried by the next build
    analysis_failures: list[AnalysisFailure] = field(default_factory=list)
    seconds: float = 0.0
    outputs: dict[str, str] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    unchanged: bool = False  # nothing that shapes the story changed: the outputs were kept as they were
    # wall seconds per stage: ingest (read + store), dedup, analyse (parse + extract, wall), store,
    # assemble, render; plus nlp and extract: the seconds spent parsing and extracting, summed over workers
    timings: dict[str, float] = field(default_factory=dict)
    # --about/--since/--until/--story: what was asked, how many stored articles were kept for the story
    # and how many left out (stored, never deleted: `storyline list OUT --left-out`)
    selection: dict[str, Any] = field(default_factory=dict)
    selected: int = 0
    left_out: int = 0

    def to_json(self) -> dict[str, Any]:
        d = to_dict(self)
        d["failures"] = [str(f) for f in self.failures]
        d["analysis_failures"] = [to_dict(f) for f in self.analysis_failures]
        return d

    def failure_lines(self) -> list[tuple[tuple[str, str], str]]:
        """(key, line) for each failed input and failed analysis: the one wording `build` and `watch`
        print (the key tells a failure that stays from one that comes back)."""
        lines = [((str(f.path), f.problem), f"error: {f}") for f in self.failures]
        lines += [((af.article, af.stage), f"error: {af} (left out of the story; retried by the next build)")
                  for af in self.analysis_failures]  # fmt: skip
        return lines

    @property
    def ok(self) -> bool:
        """Nothing failed: every input was read and every article analysed."""
        return not (self.failures or self.analysis_failures)


Progress = Callable[[str, int, int], None]


def assemble(articles: list[Article], analyses: list[ArticleAnalysis], key_events: int | None = None) -> Story:
    """`storyline.assemble.assemble`, imported only when a story is to be assembled (it loads spaCy
    types and the embedding model), so a rebuild with nothing new stays fast."""
    from .assemble import assemble as assemble_story

    return assemble_story(articles, analyses, key_events=key_events)


def _infer_dates(article: Article) -> None:
    if article.published:
        return
    from .time import infer_published

    day, why = infer_published(article.text, article.excluded)
    if day:
        article.published = day
        article.published_from = "text"
        article.warnings.append(f"publication date {day} inferred from the text ({why})")


@dataclass
class _Run:
    """What the steps of one build share: the store, the report, and the stage clock."""

    store: Store
    report: BuildReport
    run_id: int
    progress: Progress | None
    clock: float = field(default_factory=time.perf_counter)
    selection_key: str = ""  # see `_select`

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        tm = self.report.timings
        tm[stage] = round(tm.get(stage, 0.0) + now - self.clock, 3)
        self.clock = now


def build(
    inputs: Sequence[str | Path],
    out_dir: str | Path,
    db: str | Path | None = None,
    workers: int = 1,
    batch_size: int = 32,
    progress: Progress | None = None,
    analyser: Analyser | None = None,
    languages: Sequence[str] = ("en",),
    key_events: int | None = None,
    engine: str = "local",
    ray_address: str | None = None,
    about: str | None = None,
    since: str | None = None,
    until: str | None = None,
    story: int | None = None,
) -> BuildReport:
    """Build the story of `inputs` into `out_dir`; see the module docstring for durability.

    `analyser` replaces the per-article analysis (default: the real extractors); tests inject faults
    through it. With workers it must be importable by the worker processes (a module-level function).
    Articles identified as another language than `languages` are stored and listed but not analysed
    (the model is English); an article whose language could not be told is analysed.
    `key_events` is the length of the key-events timeline (None: chosen from the corpus).
    `engine` runs parsing and per-article analysis in this machine's process pool (``local``) or as Ray
    Data (``ray``: `storyline.engine_ray`, on the cluster at `ray_address` or a local Ray instance).
    `about` (free text), `since`/`until` (YYYY-MM-DD) and `story` (an id of `storyline stories`) keep
    only the stored articles on that story (`storyline.stories.retrieval`); only those are analysed.
    Raises `StoreError` (unusable store), `OutputError` (unusable output folder) and
    `SelectionError` (unknown story, since after until), the last before anything is read.
    """
    if workers < 1 or batch_size < 1:
        raise ValueError("workers and batch_size must be at least 1")
    if engine not in ("local", "ray"):
        raise ValueError(f"unknown engine {engine!r} (local or ray)")
    t0 = time.perf_counter()
    out = Path(out_dir)
    from .stories.retrieval import Selection, check

    selection = Selection(about, since, until, story)
    with _recorded_run(out, db, progress, before=lambda store: check(store, selection)) as run:
        _ingest(run, inputs, out, db)
        articles = _select(run, _dedup(run), selection)
        _analyse(run, articles, workers, batch_size, analyser, tuple(languages), engine, ray_address)
        _assemble_and_render(run, articles, out, key_events)
        run.report.seconds = round(time.perf_counter() - t0, 3)
        run.store.finish_run(run.run_id, "ok" if run.report.ok else "failed-inputs", run.report.to_json())
    return run.report


def store_inputs(inputs: Sequence[str | Path], out_dir: str | Path, db: str | Path | None = None) -> BuildReport:
    """Read and store the inputs (and group copies) without analysing or building anything: what
    `storyline stories --add` does before clustering a large mixed corpus."""
    out = Path(out_dir)
    t0 = time.perf_counter()
    with _recorded_run(out, db, None) as run:
        _ingest(run, inputs, out, db)
        run.report.duplicates = sum(1 for a in _dedup(run) if a.duplicate_of)
        run.report.seconds = round(time.perf_counter() - t0, 3)
        run.store.finish_run(run.run_id, "stored" if run.report.ok else "failed-inputs", run.report.to_json())
    return run.report


@contextlib.contextmanager
def _recorded_run(out: Path, db: str | Path | None, progress: Progress | None,
                  before: Callable[[Store], None] | None = None) -> Iterator[_Run]:
    """The output folder, its store and a new run record; the run is marked "error" if the body raises
    (the body records its own outcome), and the store is closed either way. `before` checks the store
    before any run is recorded (a bad --story records nothing)."""
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{out}: cannot create the output folder ({exc.strerror})") from exc
    store = Store(db or out / "storyline.db")
    try:
        if before is not None:
            before(store)
        run = _Run(store, BuildReport(), store.start_run(), progress)
        try:
            yield run
        except BaseException:
            with contextlib.suppress(Exception):  # the original error matters more than the run record
                store.finish_run(run.run_id, "error", {})
            raise
    finally:
        store.close()


def _ingest(run: _Run, inputs: Sequence[str | Path], out: Path, db: str | Path | None) -> None:
    """Read the inputs and store new articles as they come, in batches; re-clean on new cleaning rules."""
    report, store = run.report, run.store
    pending: list[Article] = []
    # the build's own files (outputs, store, error log) are never read as articles
    own = [Path(db)] if db else []
    names = (*OUTPUT_NAMES, "storyline.log", "storyline-error.log")
    for item in read_inputs(list(inputs), exclude=[*output_exclusions(out, list(inputs), names), *own]):
        if isinstance(item, IngestError):
            report.failures.append(item)
            continue
        report.read += 1
        _infer_dates(item)
        report.warnings.extend(f"{item.source}: {w}" for w in item.warnings)
        pending.append(item)
        if len(pending) >= 256:
            report.new += len(store.add_articles(pending))
            pending = []
        if run.progress:
            run.progress("read", report.read, 0)
    report.new += len(store.add_articles(pending))
    report.already_stored = report.read - report.new
    report.superseded, report.updated = len(store.superseded), len(store.updated)
    store.add_failures(run.run_id, [(f.path, f.line, f.problem) for f in report.failures])
    if store.get_meta("clean_version") != CLEAN_VERSION:
        recleaned = {}
        for a in store.articles():
            spans = find_exclusions(a.text, a.authors)
            if spans != a.excluded:
                recleaned[a.id] = spans
        store.update_exclusions(recleaned)
        store.set_meta("clean_version", CLEAN_VERSION)
        if recleaned:
            store.set_meta("dedup_key", "")  # their signatures were dropped: group again
    run.lap("ingest")


def _dedup(run: _Run) -> list[Article]:
    """Every stored article with its `duplicate_of`. Signatures are stored, so only new articles are
    hashed; when the set of articles is the one last grouped, the stored grouping stands (and the
    MinHash library is not even imported: a rebuild with nothing new stays fast)."""
    store = run.store
    articles = store.articles()
    key = hashlib.sha256("\n".join([DEDUP_VERSION, *sorted(a.id for a in articles)]).encode()).hexdigest()[:16]
    if store.get_meta("dedup_key") == key:
        run.lap("dedup")
        return articles
    from . import dedup

    sigs_b = store.signatures()
    fresh = {a.id: dedup.to_bytes(dedup.signature(masked_text(a))) for a in articles if a.id not in sigs_b}
    if fresh:
        store.put_signatures(fresh)
        sigs_b.update(fresh)
    order = {a.id: (a.published or "9999-99-99", i) for i, a in enumerate(articles)}
    dup = dedup.group(((a.id, dedup.from_bytes(sigs_b[a.id])) for a in articles), order)
    changed = {a.id: dup.get(a.id) for a in articles if dup.get(a.id) != a.duplicate_of}
    if changed:
        store.set_duplicates(changed)
    for a in articles:
        a.duplicate_of = dup.get(a.id)
    store.set_meta("dedup_key", key)
    run.lap("dedup")
    return articles


def _select(run: _Run, articles: list[Article], selection: Any) -> list[Article]:
    """The stored articles on the asked story (all without --about/--since/--until/--story), chosen
    before analysis so that only they are parsed; the others stay stored and are counted."""
    from .stories.retrieval import select, selection_key, unplaced

    kept, _ = select(run.store, articles, selection)
    if selection.story is not None and (late := unplaced(run.store)):
        run.report.warnings.append(f"{late} articles stored since `storyline stories` last ran are in no story "
                                   "yet (run it again to place them; story ids may change)")
    run.report.selection = {k: v for k, v in vars(selection).items() if v is not None}
    run.report.selected, run.report.left_out = len(kept), len(articles) - len(kept)
    run.selection_key = selection_key(selection, kept) if selection.active else ""
    run.lap("select")
    return kept


def _analyse(run: _Run, articles: list[Article], workers: int, batch_size: int, analyser: Analyser | None,
             languages: tuple[str, ...], engine: str = "local", ray_address: str | None = None) -> None:
    """Annotate and extract what is not yet analysed (failed articles are retried), storing by batch."""
    report, store = run.report, run.store
    report.other_language = [f"{a.source} ({a.language})" for a in articles
                             if a.language and a.language not in languages]
    done = store.analysed_ids(PIPELINE_VERSION)
    todo = [a for a in articles if a.id not in done and (not a.language or a.language in languages)]
    if not todo:
        return  # nothing to parse: spaCy is not even imported
    from . import analyse as analysis

    analyser = analyser or analysis.extract_all
    batch: list[ArticleAnalysis] = []
    work: dict[str, float] = {}
    if engine == "ray":  # the actors mask the text themselves (None), so masking is distributed too
        from . import engine_ray

        outcomes = engine_ray.run(((a, None) for a in todo), workers, batch_size, analyser, work, ray_address)
    else:
        outcomes = analysis.run(((a, masked_text(a)) for a in todo), workers, batch_size, analyser, timings=work)
    for i, outcome in enumerate(outcomes):
        run.lap("analyse")
        if isinstance(outcome, AnalysisFailure):
            report.analysis_failures.append(outcome)
        else:
            batch.append(outcome)
        if len(batch) >= batch_size:
            _store_batch(run, batch)
            batch = []
        if run.progress:
            run.progress("analyse", i + 1, len(todo))
    _store_batch(run, batch)
    store.add_analysis_failures(run.run_id, report.analysis_failures)
    run.lap("store")
    report.analysed = len(todo) - len(report.analysis_failures)
    report.timings.update(work)  # parse and extraction seconds, summed over workers


def _store_batch(run: _Run, batch: list[ArticleAnalysis]) -> None:
    """Store a batch of analyses."""
    run.store.put_analyses(batch, PIPELINE_VERSION)
    run.lap("store")


def _assemble_and_render(run: _Run, articles: list[Article], out: Path, key_events: int | None = None) -> None:
    """The story and its outputs; skipped when nothing that shapes them changed since the last build."""
    report, store = run.report, run.store
    report.excluded_spans = sum(len(a.excluded) for a in articles)
    report.duplicates = sum(1 for a in articles if a.duplicate_of)
    report.undated = [a.source for a in articles if not a.published]
    report.dated_from_text = [a.source for a in articles if a.published_from == "text"]
    key = _story_key(articles, store.analysed_ids(PIPELINE_VERSION), key_events, run.selection_key)
    names = ("story.json", "brief.md", "timeline.html")
    last = store.get_meta("story")
    if last and json.loads(last).get("key") == key and all((out / n).is_file() for n in names):
        report.counts = json.loads(last)["counts"]
        report.outputs = {n: str(out / n) for n in names}
        report.unchanged = True
        run.lap("render")
        return
    from .embed import persistent

    with persistent(store.get_embeddings, store.put_embeddings):
        kept = {a.id for a in articles}  # the selection's articles only (all of them without one)
        story = assemble(articles, [x for x in store.analyses(PIPELINE_VERSION) if x.article in kept], key_events)
    run.lap("assemble")
    from .tables import write_story  # the story's normalised tables (storyline serve, datasette)

    write_story(store, story, run.run_id)
    report.counts = {
        "articles": len(story.articles),
        "entities": len(story.entities),
        "timexes": len(story.timexes),
        "claims": len(story.claims),
        "events": len(story.events),
        "key_events": len(story.key_events),
    }
    report.outputs = write_outputs(story, out)
    store.set_meta("story", json.dumps({"key": key, "counts": report.counts}))
    run.lap("render")


def _story_key(articles: list[Article], analysed: set[str], key_events: int | None = None,
               selection: str = "") -> str:
    """What the story is made of: every article's identity, metadata and duplicate state, which of
    them are analysed, under which analysis and assembly/rendering code and story options, and the
    selection (--about/--since/--until/--story and the articles it kept)."""
    h = hashlib.sha256(f"{PIPELINE_VERSION}|{STORY_VERSION}|{key_events}|{selection}".encode())
    for a in sorted(articles, key=lambda a: a.id):
        meta = (a.id, a.duplicate_of, a.published, a.outlet, a.title, a.url, a.id in analysed, len(a.excluded))
        h.update(json.dumps(meta).encode())
    return h.hexdigest()[:16]


def story_dict(story: Story) -> dict[str, Any]:
    return {
        "schema": SCHEMA_ID,
        "generated": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        "articles": to_dict(story.articles),
        "entities": to_dict(story.entities),
        "timexes": to_dict(story.timexes),
        "claims": to_dict(story.claims),
        "events": to_dict(story.events),
        "key_events": to_dict(story.key_events),
        "topic": to_dict(story.topic),
    }


def write_outputs(story: Story, out: Path) -> dict[str, str]:
    """story.json, brief.md and timeline.html, written as one set (see `storyline.outputs`)."""
    from .render.html import render_timeline
    from .render.markdown import render_brief

    d = story_dict(story)
    files = {
        "story.json": json.dumps(d, ensure_ascii=False, indent=1),
        "brief.md": render_brief(d),
        "timeline.html": render_timeline(d),
    }
    return write_set(out, files)
