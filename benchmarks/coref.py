"""Score cross-document event coreference on ECB+ (train and dev topics; the test topics stay aside).

    .venv/bin/python benchmarks/coref.py                 # dev topics
    .venv/bin/python benchmarks/coref.py --split train   # the topics rules are fitted on
    .venv/bin/python benchmarks/coref.py --json

Each topic's documents are built once with storyline into `--cache/<topic>` (the store is kept, so a
later run only re-assembles the story from the stored analyses with the current consolidation code;
`--rebuild` runs `storyline build` again, which re-analyses when the extraction rules changed).
A gold mention (validated sentences only, as in Cybulska and Vossen 2015) is detected when a system
event's trigger span overlaps its head, or else its whole extent; the mention then belongs to that
event's cluster. Scores (`scorch`, singletons kept): MUC, B-cubed, CEAF-e and their mean, CoNLL F1,
  - end to end: all gold mentions; a missed mention is a singleton of the system's;
  - detected: only the detected mentions, with the gold chains cut to them;
next to baselines on the same mentions: all singletons, and the same head lemma within a sub-topic
and within a topic (gold mentions given, the usual ECB+ baselines); the ceiling row scores the gold
chains on the detected mentions end to end (what perfect clustering would reach with this detection).
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from scorch import scores  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "ecbplus"
DEFAULT_CACHE = Path("/tmp/ecb")
METRICS = ("muc", "b_cubed", "ceaf_e")


@dataclass(frozen=True)
class Gold:
    key: tuple[str, int, int]  # (doc, start, end)
    cluster: str
    topic: str
    subtopic: str
    head: tuple[int, int]
    lemma: str


def read_gold(topic_dir: Path) -> list[Gold]:
    """Validated mentions; within-document and singleton chains made unique per document."""
    out = []
    for line in (topic_dir / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        m = json.loads(line)
        if not m.get("validated"):
            continue
        cluster = m["cluster"]
        if cluster.startswith(("INTRA", "SINGLETON")) or m.get("kind") in ("intra", "singleton"):
            cluster = f"{m['doc']}|{cluster}"
        out.append(Gold((m["doc"], m["start"], m["end"]), f"{m['topic']}|{cluster}", m["topic"],
                        m["subtopic"], (m["head_start"], m["head_end"]), m["head_lemma"].lower()))
    return out


def _stored_version(db: Path) -> str | None:
    """The analysis version with the most stored articles (the build's)."""
    con = sqlite3.connect(db)
    try:
        row = con.execute("SELECT version, COUNT(*) n FROM analyses GROUP BY version ORDER BY n DESC").fetchone()
    finally:
        con.close()
    return row[0] if row else None


def system_story(topic_dir: Path, out: Path, rebuild: bool):  # noqa: ANN201 (storyline.records.Story)
    """The topic's story assembled now from the stored analyses (built once, or again on --rebuild)."""
    from storyline import pipeline
    from storyline.assemble import assemble
    from storyline.store import Store

    db = out / "storyline.db"
    if rebuild or not db.exists() or _stored_version(db) is None:
        pipeline.build([topic_dir / "docs"], out, workers=1)
    version = _stored_version(db)
    if version != pipeline.PIPELINE_VERSION:
        print(f"note: {out} holds analyses of another extraction version (--rebuild refreshes them)",
              file=sys.stderr)
    store = Store(db)
    try:
        return assemble(store.articles(), store.analyses(version or ""))
    finally:
        store.conn.close()


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def map_mentions(gold: list[Gold], story) -> dict[tuple[str, int, int], str]:  # noqa: ANN001
    """Gold mention key -> id of the system event whose trigger overlaps its head (else its extent)."""
    doc_of = {a.id: Path(a.source).stem for a in story.articles}
    spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for ev in story.events:
        for t in ev.triggers:
            spans[doc_of.get(t.article, t.article)].append((t.start, t.end, ev.id))
    out = {}
    for g in gold:
        doc, start, end = g.key
        cands = spans.get(doc, [])
        hit = [c for c in cands if _overlaps((c[0], c[1]), g.head)] or [
            c for c in cands if _overlaps((c[0], c[1]), (start, end))
        ]
        if hit:
            out[g.key] = min(hit, key=lambda c: (c[1] - c[0], c[0]))[2]
    return out


def _clusters(labels: dict[tuple[str, int, int], str]) -> list[set]:
    groups: dict[str, set] = defaultdict(set)
    for key, label in labels.items():
        groups[label].add(key)
    return list(groups.values())


def score(key: dict, response: dict) -> dict[str, float]:
    """MUC, B-cubed, CEAF-e F1 and CoNLL F1 (percent) of `response` labels against `key` labels."""
    k, r = _clusters(key), _clusters(response)
    out = {}
    for name in METRICS:
        rec, prec, f1 = getattr(scores, name)(k, r)
        out[name] = round(100 * f1, 1)
        out[name + "_r"], out[name + "_p"] = round(100 * rec, 1), round(100 * prec, 1)
    out["conll"] = round(sum(out[m] for m in METRICS) / len(METRICS), 1)
    return out


def evaluate(gold: list[Gold], detected: dict[tuple[str, int, int], str]) -> dict[str, dict]:
    """Every figure of the table: the system (end to end, detected) and the baselines."""
    key = {g.key: g.cluster for g in gold}
    system = {g.key: detected.get(g.key, f"missed|{g.key}") for g in gold}
    singletons = {g.key: str(g.key) for g in gold}
    sub_lemma = {g.key: f"{g.subtopic}|{g.lemma}" for g in gold}
    topic_lemma = {g.key: f"{g.topic}|{g.lemma}" for g in gold}
    found = [g for g in gold if g.key in detected]
    ceiling = {g.key: g.cluster if g.key in detected else f"missed|{g.key}" for g in gold}

    def cut(labels: dict) -> dict:
        return {g.key: labels[g.key] for g in found}

    rows = {
        "system, end to end": score(key, system),
        "system, detected only": score(cut(key), cut(system)),
        "same lemma in sub-topic, detected only": score(cut(key), cut(sub_lemma)),
        "same lemma in topic, detected only": score(cut(key), cut(topic_lemma)),
        "ceiling: gold chains on detected, end to end": score(key, ceiling),
        "all singletons (gold mentions)": score(key, singletons),
        "same lemma in sub-topic (gold mentions)": score(key, sub_lemma),
        "same lemma in topic (gold mentions)": score(key, topic_lemma),
    }
    return {"rows": rows, "mentions": len(gold), "detected": len(found),
            "recall": round(100 * len(found) / max(1, len(gold)), 1)}  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--split", choices=("dev", "train"), default="dev")
    ap.add_argument("--topics", help="comma-separated topic numbers instead of a split")
    ap.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="build folders, one per topic")
    ap.add_argument("--rebuild", action="store_true", help="run storyline build again on every topic")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    splits = json.loads((args.data / "splits.json").read_text(encoding="utf-8"))
    topics = args.topics.split(",") if args.topics else [str(t) for t in splits[args.split]]
    gold: list[Gold] = []
    detected: dict[tuple[str, int, int], str] = {}
    for t in topics:
        tg = read_gold(args.data / t)
        story = system_story(args.data / t, args.cache / t, args.rebuild)
        detected.update({k: f"{t}|{v}" for k, v in map_mentions(tg, story).items()})
        gold.extend(tg)
    result = evaluate(gold, detected)
    result.update(split=args.split if not args.topics else None, topics=topics,
                  seconds=round(time.perf_counter() - t0, 1))  # fmt: skip
    if args.json:
        print(json.dumps(result, indent=1))
        return 0
    print(f"ECB+ topics {','.join(topics)}: {result['mentions']} gold mentions, "
          f"{result['detected']} detected (mention recall {result['recall']}%)")  # fmt: skip
    print(f"{'':42} {'MUC R/P/F1':>17} {'B3 R/P/F1':>17} {'CEAF-e R/P/F1':>17} {'CoNLL':>6}")
    for name, s in result["rows"].items():
        cells = [f"{s[m + '_r']:5.1f}/{s[m + '_p']:5.1f}/{s[m]:5.1f}" for m in METRICS]
        print(f"{name:42} {cells[0]:>17} {cells[1]:>17} {cells[2]:>17} {s['conll']:6.1f}")
    print(f"({result['seconds']} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
