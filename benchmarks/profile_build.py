"""Where the time of a whole `storyline build` goes: cProfile over `pipeline.build` on N Reuters stories.

Prints the build's stage timings, the top functions by cumulative and by own time, and the growth of
event coreference's candidate pairs (`consolidate.blocking.candidate_pairs`, counted by wrapping it):
the pairs at N, then the assembly of the first N/3, 2N/3 and N stored articles again (embeddings
cached by then, so those timings are assembly without the embedding model).

    .venv/bin/python benchmarks/profile_build.py [--n 300] [--work /tmp/storyline-profile]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import reuters_jsonl  # noqa: E402

PAIRS: list[tuple[int, int]] = []  # (reports, candidate pairs) per call


def _count_pairs() -> None:
    import storyline.consolidate.coref as coref
    from storyline.consolidate import blocking

    original = blocking.candidate_pairs

    def counted(events: Any, concepts: Any, aff: Any) -> set[tuple[int, int]]:
        pairs = original(events, concepts, aff)
        PAIRS.append((len(events), len(pairs)))
        return pairs

    coref.candidate_pairs = counted  # type: ignore[assignment]


def _growth(out: Path, n: int) -> None:
    from storyline.embed import persistent
    from storyline.pipeline import PIPELINE_VERSION, assemble
    from storyline.store import Store

    store = Store(out / "storyline.db")
    try:
        arts = store.articles()
        analyses = {a.article: a for a in store.analyses(PIPELINE_VERSION)}
        with persistent(store.get_embeddings, store.put_embeddings):
            for k in (n // 3, 2 * n // 3, n):
                PAIRS.clear()
                t0 = time.perf_counter()
                story = assemble(arts[:k], [analyses[a.id] for a in arts[:k] if a.id in analyses])
                print(f"assemble {k} articles (embeddings cached): {time.perf_counter() - t0:.1f}s, "
                      f"{len(story.events)} events, (reports, candidate pairs) {PAIRS}")
    finally:
        store.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--work", default="/tmp/storyline-profile", help="folder for the corpus, store and profile")
    args = ap.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    src, out = work / "reuters.jsonl", work / "out"
    n, words = reuters_jsonl(args.n, src)
    _count_pairs()
    from storyline.pipeline import build

    prof = cProfile.Profile()
    t0 = time.perf_counter()
    prof.enable()
    report = build([src], out)
    prof.disable()
    print(f"N={n} words={words} wall={time.perf_counter() - t0:.1f}s under cProfile")
    print(f"stage seconds: {report.timings}; story: {report.counts}")
    print(f"(reports, candidate pairs) at N: {PAIRS}")
    prof.dump_stats(str(work / "build.prof"))
    stats = pstats.Stats(str(work / "build.prof"))
    stats.sort_stats("cumulative").print_stats(45)
    stats.sort_stats("tottime").print_stats(30)
    stats.print_callers("doc.pyx:724")  # Doc.sents: who rebuilds the sentence list
    _growth(out, n)


if __name__ == "__main__":
    main()
