"""How many events of a real news story carry a day-precision date of their own, and how it was obtained.

    .venv/bin/python benchmarks/event_dates.py [--data ../shared/data/t17-dev] [--work /tmp/ev10]
        [--topics mj,haiti,finan] [--story OUT/story.json] [--sample 50 --seed 1] [--json]

Per topic (Timeline17 dev: every article of `<topic>/articles.jsonl`, built once into WORK/<topic>
with `pipeline.build`, or read from an existing WORK/<topic>/story.json), over the story's asserted
and reported events:
- the share with a day-precision date of their own: relation "on", precision "day";
- the shares by how the date was obtained (explicit, relative, sentence, cross-source, tense,
  publication, none), and of those day-precision ones by `how`;
- baseline in the same run: every event dated to its (first) article's publication day. That makes
  every event of a dated article "day-precision"; the figure that matters is how often that day
  disagrees with the event's own day where the event has one;
- a fixed random sample (`--sample N --seed S`) of day-dated events with their evidence sentence, the
  article's publication day and the date, for a hand check.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from tls import read_articles, write_input  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "t17-dev"
DEFAULT_WORK = Path("/tmp/ev10")
FACTUAL = ("asserted", "reported")
HOWS = ("explicit", "relative", "sentence", "cross-source", "tense", "publication", "none")


def build_story(topic: Path, work: Path) -> dict[str, Any]:
    """WORK/<topic>/story.json, built from every article of the topic when it is not there yet."""
    out = work / topic.name
    story = out / "story.json"
    if not story.exists():
        from storyline import pipeline

        inp = work / "input" / f"{topic.name}.jsonl"
        write_input(read_articles(topic / "articles.jsonl"), inp)
        pipeline.build([inp], out, workers=1)
    return dict(json.loads(story.read_text(encoding="utf-8")))


def is_day(date: dict[str, Any] | None) -> bool:
    return bool(date) and date.get("relation") == "on" and date.get("precision") == "day" and bool(date.get("first_day"))


def how_of(date: dict[str, Any] | None) -> str:
    if not date or not (date.get("first_day") or date.get("last_day")):
        return "none"
    return str(date.get("how") or "none")


def _published(story: dict[str, Any]) -> dict[str, str | None]:
    return {a["id"]: (a.get("published") or None) for a in story.get("articles", [])}


def measure(story: dict[str, Any]) -> dict[str, Any]:
    """The figures of one story (see the module docstring)."""
    pub = _published(story)
    events = [e for e in story.get("events", []) if e.get("modality") in FACTUAL]
    n = len(events)
    hows = Counter(how_of(e.get("date")) for e in events)
    day = [e for e in events if is_day(e.get("date"))]
    day_hows = Counter(how_of(e.get("date")) for e in day)
    with_pub = [e for e in events if e.get("evidence") and pub.get(e["evidence"][0]["article"])]
    differ = sum(1 for e in day if e.get("evidence") and pub.get(e["evidence"][0]["article"])
                 and e["date"]["first_day"][:10] != str(pub[e["evidence"][0]["article"]])[:10])  # fmt: skip
    pct = (lambda k, d: round(100 * k / d, 1) if d else 0.0)  # noqa: E731
    return {
        "events": n,
        "all_events": len(story.get("events", [])),
        "day": len(day), "day_pct": pct(len(day), n),
        "own_day": sum(day_hows[h] for h in ("explicit", "relative")),
        "own_day_pct": pct(sum(day_hows[h] for h in ("explicit", "relative")), n),
        "how_pct": {h: pct(hows[h], n) for h in HOWS if hows[h]},
        "day_how": {h: day_hows[h] for h in HOWS if day_hows[h]},
        "baseline_publication_day_pct": pct(len(with_pub), n),
        "baseline_disagrees": differ, "baseline_disagrees_pct": pct(differ, len(day)),
    }  # fmt: skip


def sample(story: dict[str, Any], k: int, seed: int) -> list[dict[str, Any]]:
    """A seeded random sample of `k` day-dated asserted/reported events, as rows for a hand check."""
    pub = _published(story)
    day = [e for e in story.get("events", []) if e.get("modality") in FACTUAL and is_day(e.get("date"))]
    day.sort(key=lambda e: e["id"])
    picked = random.Random(seed).sample(day, min(k, len(day)))
    rows = []
    for e in picked:
        ev = e["evidence"][0] if e.get("evidence") else {}
        rows.append({"id": e["id"], "published": pub.get(ev.get("article", "")), "date": e["date"]["first_day"],
                     "how": e["date"].get("how"), "words": e["date"].get("text"), "modality": e["modality"],
                     "summary": e.get("summary"), "sentence": " ".join(str(ev.get("sentence", "")).split())})  # fmt: skip
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--work", type=Path, default=DEFAULT_WORK, help="WORK/<topic>/story.json, built if missing")
    ap.add_argument("--topics", default="mj,haiti,finan")
    ap.add_argument("--story", type=Path, action="append", default=[], help="score this story.json (repeatable)")
    ap.add_argument("--sample", type=int, default=0, help="print N sampled day-dated events (all topics pooled)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    stories: dict[str, dict[str, Any]] = {}
    for path in args.story:
        if not path.is_file():
            print(f"event_dates: {path}: no such story.json", file=sys.stderr)
            return 2
        stories[str(path)] = json.loads(path.read_text(encoding="utf-8"))
    if not args.story:
        for name in [t for t in args.topics.split(",") if t]:
            topic = args.data / name
            if not (topic / "articles.jsonl").is_file():
                print(f"event_dates: {topic}: no articles.jsonl", file=sys.stderr)
                return 2
            stories[name] = build_story(topic, args.work)
    figures = {name: measure(s) for name, s in stories.items()}
    rows: list[dict[str, Any]] = []
    if args.sample:
        pooled = {"events": [{**e, "id": f"{n}/{e['id']}"} for n, s in stories.items() for e in s.get("events", [])],
                  "articles": [a for s in stories.values() for a in s.get("articles", [])]}  # fmt: skip
        rows = sample(pooled, args.sample, args.seed)
    if args.json:
        print(json.dumps({"topics": figures, "sample": rows}, indent=1))
        return 0
    for name, f in figures.items():
        print(f"{name}: {f['events']} asserted/reported events (of {f['all_events']}); day-precision "
              f"{f['day']} ({f['day_pct']}%), of them explicit/relative {f['own_day']} ({f['own_day_pct']}%)")  # fmt: skip
        print("  how (all):", ", ".join(f"{h} {p}%" for h, p in f["how_pct"].items()))
        print("  how (day-precision):", ", ".join(f"{h} {c}" for h, c in f["day_how"].items()))
        print(f"  baseline publication day: {f['baseline_publication_day_pct']}% day-precision; differs from the "
              f"event's own day in {f['baseline_disagrees']} of {f['day']} ({f['baseline_disagrees_pct']}%)")  # fmt: skip
    for i, r in enumerate(rows, 1):
        print(f"\n[{i}] {r['id']} published {r['published']} -> {r['date']} ({r['how']}: {r['words']!r}, "
              f"{r['modality']})\n    {r['summary']}\n    {r['sentence']}")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
