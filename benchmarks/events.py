"""Event-type accuracy and macro-F1 of the PLOVER trigger classifier on PLOVER_GSR_CAMEO.

Each gold sentence is parsed with the build's spaCy pipeline (`storyline.nlp.load`) and coded by
`classify_sentence` (its main event). The gold file is split deterministically: even positions
develop the lexicon, odd positions are held out. Gold types use current PLOVER names; ours map REQUEST->DEMAND and ACCUSE->DISAPPROVE.

Run: .venv/bin/python benchmarks/events.py [--gold PATH] [--show-errors] [--seeds ../shared/corpus/seeds]
     .venv/bin/python benchmarks/events.py --sample OUT/story.json [--n 30] [--all]
(--sample prints events of a built story with the trigger marked in its sentence, for hand-checking
precision: a fixed random sample of N, or --all of them; it skips the gold set.)
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from storyline import nlp as storyline_nlp
from storyline.extract.plover import classify_sentence

DEFAULT_GOLD = Path(__file__).resolve().parents[2] / "shared/data/plover/PLOVER_GSR_CAMEO.txt"
TO_GOLD = {"REQUEST": "DEMAND", "ACCUSE": "DISAPPROVE"}


def load(path: Path) -> list[dict]:
    return [r for r in json.loads(path.read_text(encoding="utf-8")) if r.get("text") and r["event"] != "DOCUMENT"]


def scores(pairs: list[tuple[str, str]]) -> tuple[float, float, dict[str, tuple[float, float, float, int]]]:
    """Accuracy, macro-F1 over gold types, and per-type (precision, recall, F1, support)."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for gold, pred in pairs:
        if gold == pred:
            tp[gold] += 1
        else:
            fn[gold] += 1
            fp[pred] += 1
    table = {}
    for t in sorted({g for g, _ in pairs}):
        p = tp[t] / (tp[t] + fp[t]) if tp[t] + fp[t] else 0.0
        r = tp[t] / (tp[t] + fn[t]) if tp[t] + fn[t] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        table[t] = (p, r, f, tp[t] + fn[t])
    acc = sum(tp.values()) / len(pairs) if pairs else 0.0
    macro = sum(v[2] for v in table.values()) / len(table) if table else 0.0
    return acc, macro, table


def seed_report(seeds: Path) -> None:
    """Per-article extraction then consolidation on a corpus folder (manifest.jsonl + texts), printing
    the counts and every multi-source event so consolidation can be checked by hand."""
    import datetime as dt
    import time

    from storyline.consolidate.events import consolidate_events
    from storyline.extract.claims import extract_claims
    from storyline.extract.events import extract_events
    from storyline.ingest.clean import find_exclusions, masked_text
    from storyline.records import Article
    from storyline.resolve.actors import resolve_article
    from storyline.time import tag

    nlp = storyline_nlp.load()
    rows = [json.loads(x) for x in (seeds / "manifest.jsonl").read_text().splitlines() if x.strip()]
    events, claims, articles = [], [], {}
    t0 = time.perf_counter()
    for row in rows:
        text = (seeds / row["file"]).read_text(encoding="utf-8")
        art = Article(id=row["file"][:3], source=row["file"], text=text, published=row["published"])
        art.excluded = find_exclusions(text)
        doc = nlp(masked_text(art))
        mentions, _ = resolve_article(art, doc)
        timexes = tag(doc.text, dt.date.fromisoformat(row["published"]), doc)
        art_claims = extract_claims(art, doc, mentions, timexes)
        events += extract_events(art, doc, mentions, timexes, art_claims)
        claims += art_claims
        articles[art.id] = art
    t1 = time.perf_counter()
    merged = consolidate_events(events, claims, articles)
    t2 = time.perf_counter()
    print(f"seeds: {len(rows)} articles, {len(events)} event reports -> {len(merged)} events "
          f"(extraction incl. parsing {t1 - t0:.1f}s, consolidation incl. model load {t2 - t1:.1f}s)")
    print("modality:", dict(Counter(e.modality for e in merged)))
    for e in merged:
        if len(e.sources) > 1:
            d = e.date
            when = f"{d.first_day}..{d.last_day} ({d.how})" if d else "undated"
            print(f"  {e.type}/{e.mode} [{e.modality}] {e.actors}->{e.recipients} sources={e.sources} {when}"
                  f" conflicts={[c.field for c in e.conflicts]} | {e.summary}")


def sample_report(story_path: Path, n: int, everything: bool) -> None:
    """Events of a story.json with the trigger marked [[like this]] in the evidence sentence; a
    fixed-seed random sample so that a hand check can be repeated."""
    import random

    story = json.loads(story_path.read_text(encoding="utf-8"))
    texts = {a["id"]: a["text"] for a in story["articles"]}
    names = {e["id"]: e["name"] for e in story["entities"]}
    events = story["events"] if everything else random.Random(0).sample(story["events"], min(n, len(story["events"])))
    for i, e in enumerate(events):
        ev = e["evidence"][0]
        text = texts[ev["article"]]
        cs, ce = ev.get("cue_span") or [ev["start"], ev["start"]]
        sent = " ".join(f"{text[ev['start']:cs]}[[{text[cs:ce]}]]{text[ce:ev['end']]}".split())
        actors = [names.get(x, x) for x in e["actors"]]
        recipients = [names.get(x, x) for x in e["recipients"]]
        print(f"#{i} {e['type']}/{e['mode']} [{e['modality']}] {actors}->{recipients} | {e['summary']}\n   > {sent[:400]}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    ap.add_argument("--show-errors", action="store_true")
    ap.add_argument("--seeds", type=Path, help="also run extraction + consolidation on this corpus folder")
    ap.add_argument("--sample", type=Path, help="print events of this story.json for a hand check, then stop")
    ap.add_argument("--n", type=int, default=30)
    ap.add_argument("--all", action="store_true", help="with --sample: every event, not a sample")
    args = ap.parse_args()
    if args.sample:
        sample_report(args.sample, args.n, args.all)
        return
    if args.seeds:
        seed_report(args.seeds)
    rows = load(args.gold)
    nlp = storyline_nlp.load()
    splits: dict[str, list[tuple[str, str]]] = {"dev": [], "held-out": []}
    for i, (row, doc) in enumerate(zip(rows, nlp.pipe(r["text"] for r in rows), strict=True)):
        sents = list(doc.sents)
        found = None
        for s in sents:
            found = classify_sentence(s)
            if found:
                break
        pred = TO_GOLD.get(found[0], found[0]) if found else "NONE"
        splits["dev" if i % 2 == 0 else "held-out"].append((row["event"], pred))
        if args.show_errors and pred != row["event"]:
            print(f"  [{'dev' if i % 2 == 0 else 'held'}] gold={row['event']} pred={pred} | {row['text'][:140]}")
    splits["all"] = splits["dev"] + splits["held-out"]
    for name, pairs in splits.items():
        acc, macro, table = scores(pairs)
        print(f"\n{name}: n={len(pairs)} accuracy={acc:.3f} macro-F1={macro:.3f}")
        if name == "all" or name == "held-out":
            print(f"  {'type':<12} {'P':>5} {'R':>5} {'F1':>5} {'n':>4}")
            for t, (p, r, f, n) in table.items():
                print(f"  {t:<12} {p:5.2f} {r:5.2f} {f:5.2f} {n:4d}")


if __name__ == "__main__":
    main()
