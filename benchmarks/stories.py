"""Picking the story out of a mixed store: `storyline stories` clusters and `--about` retrieval.

Mixes the three Timeline17 dev topics (../shared/data/t17-dev: mj, haiti, finan) and the eight ECB+ dev
topics (../shared/data/ecbplus: 2 5 12 18 21 23 34 35) into one store, read and stored without analysis
(neither step needs spaCy), then:
- clusters it as `storyline stories` does and prints B-cubed precision/recall/F1 of the article
  clusters against the gold topics, next to two baselines computed in the same run: one cluster per
  publication month (ECB+ articles are undated: one cluster) and TF-IDF k-means with k = the true
  number of topics;
- for each topic, retrieves `--about "<topic name>"` (names below, written by hand from the topics'
  subjects) and prints precision/recall of the kept articles against the topic, next to a keyword
  baseline (every article FTS5 matches on any query word).

    .venv/bin/python benchmarks/stories.py [--store /tmp/stories/bench] [--json]

The store is built once and reused (delete the folder to rebuild it). The clustering's constants were
chosen on this mix; `--ecb train` checks them on a mix the choice never saw: the three T17 topics with
the 25 ECB+ train topics instead (clustering only: those topics have no names written here).

    .venv/bin/python benchmarks/stories.py --ecb train --store /tmp/stories/bench-train
    .venv/bin/python benchmarks/stories.py --chunk 300     # clustered 300 articles at a time, then merged
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
T17 = {"mj": "Michael Jackson", "haiti": "Haiti earthquake", "finan": "financial crisis"}
ECB_TRAIN = ("1", "3", "4", "6", "7", "8", "9", "10", "11", "13", "14", "16", "19", "20", "22", "24", "25", "26",
             "27", "28", "29", "30", "31", "32", "33")
ECB = {"2": "Oscars host", "5": "76ers coach fired", "12": "Indian Navy pirates", "18": "office shooting",
       "21": "hit and run", "23": "climber dies on Mount Cook", "34": "surgeon general nominee",
       "35": "NFL player arrested for DUI"}


def stage_inputs(folder: Path, ecb: Sequence[str]) -> Path:
    """Copy the topics under one folder, t17/<topic>/articles.jsonl and ecb/<topic>/*.txt, so every
    article's source names its topic (sources are shown relative to the input given: three
    `articles.jsonl` inputs would share their sources)."""
    import shutil

    for t in T17:
        (folder / "t17" / t).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(DATA / "t17-dev" / t / "articles.jsonl", folder / "t17" / t / "articles.jsonl")
    for t in ecb:
        shutil.copytree(DATA / "ecbplus" / t / "docs", folder / "ecb" / t, dirs_exist_ok=True)
    return folder


def gold_topic(source: str) -> str:
    """The topic of an article from where it was read (t17/mj/articles.jsonl#3, ecb/2/2_1ecb.txt)."""
    kind, topic = source.split("/")[:2]
    if (kind == "t17" and topic in T17) or (kind == "ecb" and (topic in ECB or topic in ECB_TRAIN)):
        return f"{kind}/{topic}"
    raise ValueError(f"{source}: not from a benchmark topic")


def bcubed(pred: dict[str, int], gold: dict[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a clustering against gold classes (Bagga and Baldwin 1998)."""
    by_pred: dict[int, list[str]] = {}
    by_gold: dict[str, list[str]] = {}
    for i, c in pred.items():
        by_pred.setdefault(c, []).append(i)
        by_gold.setdefault(gold[i], []).append(i)
    p = r = 0.0
    for i in pred:
        same = sum(1 for j in by_pred[pred[i]] if gold[j] == gold[i])
        p += same / len(by_pred[pred[i]])
        r += same / len(by_gold[gold[i]])
    p, r = p / len(pred), r / len(pred)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def month_baseline(articles: Sequence[object]) -> dict[str, int]:
    months: dict[str, int] = {}
    return {a.id: months.setdefault((a.published or "undated")[:7], len(months))  # type: ignore[attr-defined]
            for a in articles}


def kmeans_baseline(articles: Sequence[object], k: int) -> dict[str, int]:
    from sklearn.cluster import KMeans
    from sklearn.feature_extraction.text import TfidfVectorizer

    from storyline.ingest.clean import masked_text

    docs = [masked_text(a) for a in articles]  # type: ignore[arg-type]
    x = TfidfVectorizer(sublinear_tf=True, stop_words="english", min_df=2, max_df=0.5).fit_transform(docs)
    labels = KMeans(n_clusters=k, n_init=10, random_state=0).fit_predict(x)
    return {a.id: int(lab) for a, lab in zip(articles, labels, strict=True)}  # type: ignore[attr-defined]


def _pr(kept: set[str], relevant: set[str]) -> tuple[float, float]:
    hit = len(kept & relevant)
    return (hit / len(kept) if kept else 0.0), (hit / len(relevant) if relevant else 0.0)


def retrieval(store: object, articles: Sequence[object], gold: dict[str, str]) -> list[dict[str, object]]:
    from storyline.stories.retrieval import KEEP_THRESHOLD, about_scores, query_terms

    rows = []
    names = {f"t17/{t}": n for t, n in T17.items()} | {f"ecb/{t}": n for t, n in ECB.items()}
    for topic, name in names.items():
        relevant = {i for i, g in gold.items() if g == topic}
        scores = about_scores(store, articles, name)  # type: ignore[arg-type]
        kept = {i for i, s in scores.items() if s >= KEEP_THRESHOLD}
        match = " OR ".join(f'"{t}"' for t in query_terms(name))
        keyword = set(store.search_articles(match))  # type: ignore[attr-defined]
        p, r = _pr(kept, relevant)
        kp, kr = _pr(keyword, relevant)
        rows.append({"topic": topic, "about": name, "articles": len(relevant), "kept": len(kept),
                     "precision": round(p, 3), "recall": round(r, 3),
                     "keyword_kept": len(keyword), "keyword_precision": round(kp, 3), "keyword_recall": round(kr, 3)})
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--store", default="/tmp/stories/bench", help="output folder of the benchmark store")
    ap.add_argument("--ecb", choices=("dev", "train"), default="dev", help="which ECB+ topics to mix in")
    ap.add_argument("--chunk", type=int, help="cluster this many articles at a time (clustering.CHUNK), to "
                    "measure what chunking costs a store larger than one chunk")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    from storyline.pipeline import store_inputs
    from storyline.store import Store
    from storyline.stories import clustering
    from storyline.stories.clustering import cluster

    if args.chunk:
        clustering.CHUNK = args.chunk
    out = Path(args.store)
    t0 = time.perf_counter()
    if not (out / "storyline.db").is_file():
        ecb = list(ECB) if args.ecb == "dev" else list(ECB_TRAIN)
        report = store_inputs([stage_inputs(out.parent / f"input-{args.ecb}", ecb)], out)
        print(f"stored {report.new} articles in {report.seconds:.1f}s (read, clean, dedup; no analysis)",
              file=sys.stderr)
    store = Store(out / "storyline.db")
    articles = store.articles()
    gold = {a.id: gold_topic(a.source) for a in articles}
    t1 = time.perf_counter()
    stories = cluster(store, articles)
    t_cluster = time.perf_counter() - t1
    pred = {aid: s.id for s in stories for aid in s.articles}
    k = len(set(gold.values()))
    result: dict[str, object] = {
        "articles": len(articles), "topics": dict(Counter(gold.values())),
        "clusters": len(stories), "clusters_of_2_or_more": sum(s.size >= 2 for s in stories),
        "cluster_seconds": round(t_cluster, 1),
        "bcubed": dict(zip(("precision", "recall", "f1"), map(lambda x: round(x, 3), bcubed(pred, gold)), strict=True)),
        "baseline_month": dict(zip(("precision", "recall", "f1"),
                                   map(lambda x: round(x, 3), bcubed(month_baseline(articles), gold)), strict=True)),
        "baseline_kmeans_true_k": dict(zip(("precision", "recall", "f1"),
                                           map(lambda x: round(x, 3), bcubed(kmeans_baseline(articles, k), gold)),
                                           strict=True)),
        "largest": [{"id": s.id, "size": s.size, "label": s.label, "gold": dict(Counter(gold[i] for i in s.articles))}
                    for s in stories[:14]],
    }
    result["retrieval"] = retrieval(store, articles, gold) if args.ecb == "dev" else []
    result["seconds"] = round(time.perf_counter() - t0, 1)
    store.close()
    if args.json:
        print(json.dumps(result, indent=1))
        return 0
    _print(result)
    return 0


def _print(r: dict[str, object]) -> None:
    print(f"{r['articles']} articles, {len(r['topics'])} topics; {r['clusters']} clusters "  # type: ignore[arg-type]
          f"({r['clusters_of_2_or_more']} of 2 or more) in {r['cluster_seconds']}s")
    for name in ("bcubed", "baseline_month", "baseline_kmeans_true_k"):
        b = r[name]
        print(f"{name:<24} P {b['precision']:.3f}  R {b['recall']:.3f}  F1 {b['f1']:.3f}")  # type: ignore[index]
    for s in r["largest"]:  # type: ignore[attr-defined]
        print(f"  story {s['id']:>3} ({s['size']:>3}): {s['gold']}  {s['label'][:60]}")
    print(f"{'topic':<10} {'about':<28} {'n':>4} {'kept':>5} {'P':>6} {'R':>6} | keyword {'kept':>5} {'P':>6} {'R':>6}")
    for x in r["retrieval"]:  # type: ignore[attr-defined]
        print(f"{x['topic']:<10} {x['about']:<28} {x['articles']:>4} {x['kept']:>5} {x['precision']:>6.3f} "
              f"{x['recall']:>6.3f} | keyword {x['keyword_kept']:>5} {x['keyword_precision']:>6.3f} "
              f"{x['keyword_recall']:>6.3f}")
    rows: list[dict[str, float]] = r["retrieval"]  # type: ignore[assignment]
    if rows:
        def mean(k: str) -> float:
            return sum(float(x[k]) for x in rows) / len(rows)

        print(f"{'mean':<10} {'':<28} {'':>4} {'':>5} {mean('precision'):>6.3f} {mean('recall'):>6.3f} | keyword "
              f"{'':>5} {mean('keyword_precision'):>6.3f} {mean('keyword_recall'):>6.3f}")
    print(f"{r['seconds']}s in all")


if __name__ == "__main__":
    sys.exit(main())
