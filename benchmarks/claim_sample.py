"""Draw a seeded random sample of claims from built stories for a hand check (issue 12).

    .venv/bin/python benchmarks/claim_sample.py --seed 1 --n 30 OUT/story.json [--seed 2 --n 10 OUT2/story.json ...]

Pairs of --seed/--n apply to the story files in order. Each claim is printed with its id, its
speaker (canonical name and the words of the text), cue, stance, kind, content and evidence sentence,
so that a reader can judge speaker, stance and content against the sentence (and the article).
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path


def sample(story_path: Path, seed: int, n: int) -> list[dict]:
    """`n` claims of the story drawn with `seed` (claims sorted by id first, so a draw is repeatable)."""
    st = json.loads(story_path.read_text(encoding="utf-8"))
    names = {e["id"]: e["name"] for e in st["entities"]}
    claims = sorted(st["claims"], key=lambda c: c["id"])
    out = []
    for c in random.Random(seed).sample(claims, min(n, len(claims))):
        ev = c["evidence"][0] if c["evidence"] else {}
        out.append({"story": story_path.parent.name, "id": c["id"], "speaker": names.get(c["speaker"], c["speaker"]),
                    "speaker_text": c["speaker_text"], "cue": c["cue"], "stance": c["stance"], "kind": c["kind"],
                    "content": c["content"], "sentence": ev.get("sentence", "")})  # fmt: skip
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("stories", nargs="+", type=Path)
    ap.add_argument("--seed", type=int, action="append", required=True)
    ap.add_argument("--n", type=int, action="append", required=True)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_intermixed_args()
    if not len(args.stories) == len(args.seed) == len(args.n):
        ap.error("give one --seed and one --n per story file")
    rows = [r for p, s, n in zip(args.stories, args.seed, args.n, strict=True) for r in sample(p, s, n)]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return 0
    for i, r in enumerate(rows, 1):
        print(f"#{i} {r['story']} {r['id']}")
        print(f"   speaker: {r['speaker']!r} (text {r['speaker_text']!r}) cue {r['cue']!r} stance {r['stance']} "
              f"kind {r['kind']}")
        print(f"   content: {r['content'][:300]!r}")
        print(f"   sentence: {r['sentence'][:500]!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
