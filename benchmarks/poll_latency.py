"""What open workbench pages poll (/api/version) and ask on news (/api/changes?since_run=0): p50 and
p95 over 200 requests after 10 warm-up, `storyline serve` in a subprocess, httpx on the same machine.

    python benchmarks/poll_latency.py OUT/storyline.db
"""

from __future__ import annotations

import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
REQUESTS, WARMUP = 200, 10


def main(db: str) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cmd = [str(ROOT / ".venv/bin/storyline"), "serve", str(Path(db).parent), "--db", db, "--port", str(port)]
    proc = subprocess.Popen(cmd, stderr=subprocess.DEVNULL)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as c:
            for _ in range(100):
                try:
                    if c.get("/api/version").status_code == 200:
                        break
                except httpx.TransportError:
                    time.sleep(0.1)
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
    finally:
        proc.terminate()
        proc.wait()


if __name__ == "__main__":
    main(sys.argv[1])
