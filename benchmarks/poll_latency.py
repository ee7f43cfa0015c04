"""What open workbench pages poll (/api/version) and ask on news (/api/changes?since_run=0): p50 and
p95 over 200 requests after 10 warm-up, `storyline serve` in a subprocess, httpx on the same machine.

    python benchmarks/poll_latency.py OUT/storyline.db
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from api_latency import served  # the same server harness as the event list and search figures

REQUESTS, WARMUP = 200, 10


def main(db: str) -> None:
    with served(Path(db)) as c:
        for path, params in (("/api/version", {}), ("/api/changes", {"since_run": 0})):
            for _ in range(WARMUP):
                c.get(path, params=params)
            times = []
            for _ in range(REQUESTS):
                t0 = time.perf_counter()
                r = c.get(path, params=params)
                times.append(time.perf_counter() - t0)
                r.raise_for_status()
            times.sort()
            p50, p95 = 1000 * statistics.median(times), 1000 * times[int(0.95 * len(times)) - 1]
            print(f"{db} {path} {params}: p50 {p50:.1f} ms, p95 {p95:.1f} ms")


if __name__ == "__main__":
    main(sys.argv[1])
