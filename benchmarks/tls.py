"""Score storyline's key-events timeline on Timeline17 topics by the news-tls protocol.

    .venv/bin/python benchmarks/tls.py [--data ../shared/data/t17-dev] [--work /tmp/t17] [--json]

Protocol (news-tls, Ghalandari and Ifrim 2020, `experiments/evaluate.py`): per gold timeline, the input
is the topic's articles published within the gold's first..last date; the system timeline has as many
dates as the gold (L) and per date k = round(average gold sentences per date) sentences. Scores with
`tilse`: Date-F1 over the dates, alignment ROUGE-1/-2 F1 ("align+ m:1",
`align_date_content_costs_many_to_one`, ROUGE re-implementation, stemmed, stop words ignored) against
the gold's tokenised sentences. The mean is taken as news-tls does: precision and recall averaged over
timelines, F1 from the means.

Systems:
- storyline: `pipeline.build` with `key_events=L`; each key event's day (its date's first day when
  the date is a day) with its summary sentences, then further sentences of the same event's evidence
  ranked as the summary is (`consolidate.keyevents.rank_sentences`) up to k; key events sharing a
  day pool their sentences.
- busiest: the L days with most articles published, the first sentence of each of that day's
  articles (then the second ...) up to k.

Each topic is built once into WORK/<topic> (incremental: a later run re-assembles only).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import pickle
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from nltk.tokenize import TreebankWordTokenizer  # noqa: E402
from tilse.data.timelines import GroundTruth, Timeline  # noqa: E402
from tilse.evaluation import dates as tilse_dates  # noqa: E402
from tilse.evaluation import rouge  # noqa: E402

from storyline import dates, pipeline  # noqa: E402
from storyline.records import Event, Evidence, Timex  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "t17-dev"
DEFAULT_WORK = Path("/tmp/t17")
METRIC = "align_date_content_costs_many_to_one"
DATEWISE = {"date_f1": 0.544, "ar1_f1": 0.120, "ar2_f1": 0.035}  # published, all 19 T17 timelines
_TOK = TreebankWordTokenizer()


def tokenize(sentence: str) -> str:
    """Whitespace-joined tokens, as the gold's `sentences_tok`."""
    return " ".join(_TOK.tokenize(" ".join(sentence.split())))


def read_gold(path: Path) -> dict[dt.date, list[str]]:
    rows = json.loads(path.read_text(encoding="utf-8"))
    return {dt.date.fromisoformat(r["date"][:10]): list(r["sentences_tok"]) for r in rows}


def read_articles(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def write_input(articles: list[dict[str, Any]], path: Path) -> None:
    """The articles as JSON lines the reader accepts (`text`, `published`); rewritten only on change."""
    body = "".join(json.dumps({"id": a["id"], "text": a["text"], "published": a["published"]}) + "\n"
                   for a in articles)  # fmt: skip
    if not path.exists() or path.read_text(encoding="utf-8") != body:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8")


# ---------------------------------------------------------------- systems


def _events(story: dict[str, Any]) -> dict[str, Event]:
    """story.json events as records (what `rank_evidence` reads: evidence, date, salience, marks)."""
    out = {}
    for e in story.get("events", []):
        ev = Event(id=e["id"], type=e["type"], mode=e.get("mode"), date=dates.from_dict(e.get("date")),
                   evidence=[Evidence(**x) for x in e.get("evidence", [])], salience=e.get("salience", 0.0),
                   off_topic=e.get("off_topic", False), modality=e.get("modality", "asserted"))  # fmt: skip
        out[ev.id] = ev
    return out


def storyline_timeline(story: dict[str, Any], k: int, top_up: bool = True) -> dict[dt.date, list[str]]:
    """Key events' days with their summary, topped up (`top_up`) with the further sentences
    `rank_evidence` ranks for that date from the event and the other on-topic events dated to it."""
    from storyline.consolidate.keyevents import bounded_reports, fresh_reports, rank_evidence

    events = _events(story)
    same: dict[tuple[str, str], list[Event]] = defaultdict(list)
    for ev in events.values():
        iv = dates.interval(ev.date)
        if iv and dates.is_own(ev.date) and not ev.off_topic:
            same[iv].append(ev)
    txs: dict[str, list[Timex]] = defaultdict(list)
    for t in story.get("timexes", []):
        txs[t.get("article") or ""].append(Timex(**t))
    published = {a["id"]: a["published"] for a in story.get("articles", [])
                 if a.get("published") and not a.get("off_topic")}  # fmt: skip
    bounded = bounded_reports(list(events.values()), published)
    by_day: dict[dt.date, list[str]] = defaultdict(list)
    for ke in story.get("key_events", []):
        d = ke.get("date") or {}
        if d.get("precision") != "day" or not d.get("first_day"):
            continue
        day = dt.date.fromisoformat(d["first_day"][:10])
        sents = [e["sentence"] for e in ke.get("summary", [])]
        main, key = events.get(ke["event"]), dates.interval(dates.from_dict(d))
        if top_up and main is not None and key is not None:
            fresh = fresh_reports(bounded, key) if key[0] == key[1] else []
            sents += [e.sentence for e in rank_evidence(main, same.get(key, []), key, txs, published, fresh)]
        for s in sents:
            s = " ".join(s.split())
            if s and s not in by_day[day]:
                by_day[day].append(s)
    return {day: [tokenize(s) for s in sents[:k]] for day, sents in by_day.items()}


def busiest_timeline(articles: list[dict[str, Any]], n: int, k: int) -> dict[dt.date, list[str]]:
    """The `n` days with most articles; their articles' first sentences, then second ones, up to k."""
    per_day: dict[dt.date, list[list[str]]] = defaultdict(list)
    for a in articles:
        lines = [ln.strip() for ln in a["text"].split("\n") if ln.strip()]
        per_day[dt.date.fromisoformat(a["published"][:10])].append(lines)
    counts = Counter({d: len(v) for d, v in per_day.items()})
    days = sorted(counts, key=lambda d: (-counts[d], d))[:n]
    out: dict[dt.date, list[str]] = {}
    for day in days:
        sents: list[str] = []
        depth = 0
        while len(sents) < k and any(len(ls) > depth for ls in per_day[day]):
            sents += [ls[depth] for ls in per_day[day] if len(ls) > depth][: k - len(sents)]
            depth += 1
        out[day] = [tokenize(s) for s in sents]
    return out


# ---------------------------------------------------------------- scoring


def score(pred: dict[dt.date, list[str]], gold: dict[dt.date, list[str]]) -> dict[str, dict[str, float]]:
    evaluator = rouge.TimelineRougeEvaluator(measures=["rouge_1", "rouge_2"], rouge_computation="reimpl")
    pred = {d: s for d, s in pred.items() if s}
    if not pred:
        zero = {"precision": 0.0, "recall": 0.0, "f_score": 0.0}
        return {"date": dict(zero), "rouge_1": dict(zero), "rouge_2": dict(zero)}
    ptl, gt = Timeline(pred), GroundTruth([Timeline(gold)])
    scores = evaluator.evaluate_align_date_content_costs_many_to_one(ptl, gt)
    return {"date": tilse_dates.evaluate_dates(ptl, gt), "rouge_1": scores["rouge_1"], "rouge_2": scores["rouge_2"]}


def _f(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def mean(results: list[dict[str, dict[str, float]]]) -> dict[str, float]:
    """news-tls `get_average_results`: mean precision and recall, F1 of the means."""
    out = {}
    for key, name in (("date", "date_f1"), ("rouge_1", "ar1_f1"), ("rouge_2", "ar2_f1")):
        p = sum(r[key]["precision"] for r in results) / len(results)
        rc = sum(r[key]["recall"] for r in results) / len(results)
        out[name] = round(_f(p, rc), 4)
    return out


def flat(r: dict[str, dict[str, float]]) -> dict[str, float]:
    return {"date_f1": round(r["date"]["f_score"], 4), "ar1_f1": round(r["rouge_1"]["f_score"], 4),
            "ar2_f1": round(r["rouge_2"]["f_score"], 4)}  # fmt: skip


# ---------------------------------------------------------------- run


# what shapes the story before salience: a change here invalidates the `stored` mode's cache
_PRE_SALIENCE = ("assemble.py", "consolidate/events.py", "consolidate/claims.py", "resolve", "records.py")


def _pre_salience_key(version: str) -> str:
    h = hashlib.sha256(version.encode())
    for part in _PRE_SALIENCE:
        p = ROOT / "src" / "storyline" / part
        for f in sorted(p.rglob("*.py")) if p.is_dir() else [p]:
            h.update(f.read_bytes())
    return h.hexdigest()[:16]


def assemble_stored(out: Path, n: int) -> dict[str, Any]:
    """The story re-assembled from the store's articles and its most complete stored analyses,
    whatever analysis version made them, with the current salience code (a development shortcut
    while other stages change under it: no re-analysis, no rendering; the consolidated story before
    salience is cached in OUT/pre_salience.pkl)."""
    from storyline import assemble as assemble_mod
    from storyline.consolidate.salience import rank_story
    from storyline.pipeline import story_dict
    from storyline.store import Store

    store = Store(out / "storyline.db")
    row = store.conn.execute("SELECT version FROM analyses GROUP BY version ORDER BY COUNT(*) DESC").fetchone()
    version = row[0] if row else ""
    cache, key = out / "pre_salience.pkl", _pre_salience_key(version)
    story = None
    if cache.exists():
        saved_key, saved = pickle.loads(cache.read_bytes())
        story = saved if saved_key == key else None
    if story is None:
        real, assemble_mod.rank_story = assemble_mod.rank_story, lambda story, key_events=None: None
        try:
            story = assemble_mod.assemble(store.articles(), store.analyses(version))
        finally:
            assemble_mod.rank_story = real
        cache.write_bytes(pickle.dumps((key, story)))
    rank_story(story, key_events=n)
    return dict(json.loads(json.dumps(story_dict(story))))


def run_timeline(topic: Path, gold_path: Path, work: Path, mode: str = "build", top_up: bool = True) -> dict[str, Any]:
    gold = read_gold(gold_path)
    n, k = len(gold), round(sum(len(s) for s in gold.values()) / len(gold))
    first, last = min(gold).isoformat(), max(gold).isoformat()
    articles = [a for a in read_articles(topic / "articles.jsonl") if first <= a["published"][:10] <= last]
    name = topic.name if len(list((topic / "timelines").glob("*.json"))) == 1 else f"{topic.name}__{gold_path.stem}"
    inp, out = work / "input" / f"{name}.jsonl", work / name
    write_input(articles, inp)
    t0 = time.perf_counter()
    if mode == "stored":
        story = assemble_stored(out, n)
    else:
        if mode == "build":
            pipeline.build([inp], out, workers=1, key_events=n)
        story = json.loads((out / "story.json").read_text(encoding="utf-8"))
    seconds = time.perf_counter() - t0
    sys_tl = storyline_timeline(story, k, top_up)
    base_tl = busiest_timeline(articles, n, k)
    return {
        "timeline": name, "articles": len(articles), "dates": n, "k": k, "seconds": round(seconds, 1),
        "system_dates": len([d for d, s in sys_tl.items() if s]),
        "storyline": score(sys_tl, gold), "busiest": score(base_tl, gold),
    }  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--work", type=Path, default=DEFAULT_WORK)
    ap.add_argument("--topics", default="", help="comma-separated topic folders (default: all)")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--mode", choices=("build", "scored", "stored"), default="build",
                    help="build: pipeline.build each topic (incremental); scored: score the story.json already "
                    "in WORK; stored: re-assemble from WORK's stored analyses with the current code")
    ap.add_argument("--summary-only", action="store_true", help="key events' summaries only, no top-up")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    wanted = [t for t in args.topics.split(",") if t]
    topics = sorted(p for p in args.data.iterdir() if (p / "timelines").is_dir() and (not wanted or p.name in wanted))
    rows = [run_timeline(t, g, args.work, args.mode, not args.summary_only) for t in topics for g in sorted((t / "timelines").glob("*.json"))]
    summary = {
        "timelines": [{**{k: v for k, v in r.items() if k not in ("storyline", "busiest")},
                       "storyline": flat(r["storyline"]), "busiest": flat(r["busiest"])} for r in rows],
        "mean": {"storyline": mean([r["storyline"] for r in rows]), "busiest": mean([r["busiest"] for r in rows])},
        "datewise_published": DATEWISE, "seconds": round(time.perf_counter() - t0, 1),
    }  # fmt: skip
    if args.json:
        print(json.dumps(summary, indent=1))
        return 0
    print(f"{'timeline':<10} {'arts':>4} {'L':>3} {'k':>2} {'got':>3} | {'system':<9} {'Date-F1':>7} {'AR-1':>6} {'AR-2':>6}")
    for r in summary["timelines"]:
        for system in ("storyline", "busiest"):
            f = r[system]
            print(f"{r['timeline']:<10} {r['articles']:>4} {r['dates']:>3} {r['k']:>2} "
                  f"{r['system_dates'] if system == 'storyline' else '':>3} | {system:<9} "
                  f"{f['date_f1']:>7.3f} {f['ar1_f1']:>6.3f} {f['ar2_f1']:>6.3f}")  # fmt: skip
    for system in ("storyline", "busiest"):
        f = summary["mean"][system]
        print(f"{'mean':<24} | {system:<9} {f['date_f1']:>7.3f} {f['ar1_f1']:>6.3f} {f['ar2_f1']:>6.3f}")
    f = DATEWISE
    print(f"{'DATEWISE (published, 19)':<24} | {'datewise':<9} {f['date_f1']:>7.3f} {f['ar1_f1']:>6.3f} {f['ar2_f1']:>6.3f}")
    print(f"wall time {summary['seconds']} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
