"""Page furniture out of analysis: what the cleaning rules exclude, before and after the furniture rules.

"Before" is `find_exclusions(..., comments=False)` (the line rules alone), "after" the full rules, in
the same run. Corpora: the T17 dev topics (raw crawls with reader comments, post footers and teasers),
and as controls the seeds and a Reuters-21578 sample (clean wire copy: almost nothing should move).
Prints excluded characters and spans by reason, then a hand-check sample (fixed seed) of newly
excluded spans with the kept text next to them, to be read by a person.

    .venv/bin/python benchmarks/furniture.py [--sample 40] [--kept 20] [--reuters 2000] [--seed 11]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from storyline.ingest.clean import find_exclusions  # noqa: E402
from storyline.records import ExcludedSpan  # noqa: E402
from throughput import reuters_jsonl  # noqa: E402

T17 = ROOT.parent / "shared" / "data" / "t17-dev"
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
_SHOW = 160  # characters shown from each end of a long span


def t17_texts() -> dict[str, list[tuple[str, str]]]:
    out = {}
    for topic in sorted(p.name for p in T17.iterdir() if p.is_dir()):
        with open(T17 / topic / "articles.jsonl", encoding="utf-8") as f:
            out[f"t17/{topic}"] = [(r["id"], r["text"]) for r in map(json.loads, f)]
    return out


def seed_texts() -> list[tuple[str, str]]:
    return [(p.name, p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))]


def reuters_texts(n: int, tmp: Path) -> list[tuple[str, str]]:
    path = tmp / "reuters.jsonl"
    reuters_jsonl(n, path)
    with open(path, encoding="utf-8") as f:
        return [(f"reuters/{i}", r["text"]) for i, r in enumerate(map(json.loads, f))]


def tally(spans: list[ExcludedSpan]) -> tuple[Counter[str], Counter[str]]:
    chars: Counter[str] = Counter()
    count: Counter[str] = Counter()
    for e in spans:
        chars[e.reason] += e.end - e.start
        count[e.reason] += 1
    return chars, count


def new_spans(before: list[ExcludedSpan], after: list[ExcludedSpan]) -> list[ExcludedSpan]:
    """Spans of `after` that exclude characters `before` kept."""
    covered = set()
    for e in before:
        covered.update(range(e.start, e.end))
    return [e for e in after if any(k not in covered for k in range(e.start, e.end))]


def report(name: str, docs: list[tuple[str, str]], newly: list[tuple[str, str, ExcludedSpan, list[ExcludedSpan]]]) -> None:
    tot = {"before": (Counter[str](), Counter[str]()), "after": (Counter[str](), Counter[str]())}
    size = sum(len(t) for _, t in docs)
    t0 = time.perf_counter()
    touched = 0
    for doc_id, text in docs:
        before = find_exclusions(text, comments=False)
        after = find_exclusions(text)
        for key, spans in (("before", before), ("after", after)):
            c, n = tally(spans)
            tot[key][0].update(c)
            tot[key][1].update(n)
        fresh = new_spans(before, after)
        touched += bool(fresh)
        newly.extend((doc_id, text, e, after) for e in fresh)
    secs = time.perf_counter() - t0
    print(f"\n## {name}: {len(docs)} texts, {size:,} characters, {touched} texts with new exclusions ({secs:.1f}s)")
    reasons = sorted(set(tot["before"][0]) | set(tot["after"][0]))
    print(f"{'reason':<16}{'chars before':>14}{'chars after':>14}{'spans before':>14}{'spans after':>13}")
    for r in reasons:
        print(
            f"{r:<16}{tot['before'][0][r]:>14,}{tot['after'][0][r]:>14,}{tot['before'][1][r]:>14,}{tot['after'][1][r]:>13,}"
        )
    b, a = sum(tot["before"][0].values()), sum(tot["after"][0].values())
    print(f"{'all':<16}{b:>14,}{a:>14,}   excluded share {b / max(size, 1):.1%} -> {a / max(size, 1):.1%}")


def shown(s: str) -> str:
    s = s.replace("\n", " ⏎ ")
    return s if len(s) <= 2 * _SHOW + 20 else f"{s[:_SHOW]} [... {len(s) - 2 * _SHOW:,} chars ...] {s[-_SHOW:]}"


def kept_next_to(text: str, e: ExcludedSpan, spans: list[ExcludedSpan]) -> list[str]:
    """The kept sentence (line piece) just before and just after an excluded span."""
    out = []
    prev_end = max([s.end for s in spans if s.end <= e.start], default=0)
    head = text[max(prev_end, text.rfind("\n", 0, max(e.start - 1, 0)) + 1) : e.start].strip()
    if head:
        out.append(head)
    nxt = min([s.start for s in spans if s.start >= e.end], default=len(text))
    line_end = text.find("\n", e.end + 1)
    tail = text[e.end : min(nxt, line_end if line_end >= 0 else len(text))].strip()
    if tail:
        out.append(tail)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sample", type=int, default=40)
    ap.add_argument("--kept", type=int, default=20)
    ap.add_argument("--reuters", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=11)
    args = ap.parse_args()
    import tempfile

    newly: list[tuple[str, str, ExcludedSpan, list[ExcludedSpan]]] = []
    for name, docs in t17_texts().items():
        report(name, docs, newly)
    controls: list[tuple[str, str, ExcludedSpan, list[ExcludedSpan]]] = []
    report("seeds", seed_texts(), controls)
    with tempfile.TemporaryDirectory() as tmp:
        report(f"reuters21578 (first {args.reuters})", reuters_texts(args.reuters, Path(tmp)), controls)
    print(f"\nnew spans on the controls: {len(controls)}")
    for doc_id, text, e, _ in controls:
        print(f"  [{e.reason}] {doc_id}: {shown(text[e.start:e.end])}")

    rng = random.Random(args.seed)
    sample = rng.sample(newly, min(args.sample, len(newly)))
    print(f"\n## hand check: {len(sample)} of {len(newly)} newly excluded T17 spans (seed {args.seed})")
    kept: list[tuple[str, str]] = []
    for k, (doc_id, text, e, spans) in enumerate(sample, 1):
        print(f"{k:>3}. [{e.reason}] {doc_id} @{e.start} ({e.end - e.start:,} chars): {shown(text[e.start:e.end])}")
        kept.extend((doc_id, s) for s in kept_next_to(text, e, spans))
    print(f"\n## kept sentences next to them: {min(args.kept, len(kept))} of {len(kept)}")
    for k, (doc_id, s) in enumerate(rng.sample(kept, min(args.kept, len(kept))), 1):
        print(f"{k:>3}. {doc_id}: {shown(s)}")


if __name__ == "__main__":
    main()
