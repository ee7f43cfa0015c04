"""Throughput of `storyline build` next to spaCy alone, on Reuters-21578.

Converts the first N Reuters stories (SGML) to JSONL, then, each in its own fresh process:
  1. spaCy alone: `nlp.pipe` over the same texts, same model, same process count;
  2. `storyline build` on the JSONL (ingest, clean, dedup, NLP, time, actors, claims, events, store,
     assemble, render) into a fresh store.
Reports articles/s, words/s, the ratio, and each process's peak RSS (from wait4).

    .venv/bin/python benchmarks/throughput.py [--n 2000] [--workers 1] [--engine local|ray]

With `--engine ray` the build runs its analysis on a local Ray instance (`storyline[ray]`); the peak RSS
is then the driver's alone (the Ray actors are not its children).
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REUTERS = ROOT.parent / "shared" / "data" / "reuters21578"
_DOC = re.compile(r"<REUTERS.*?</REUTERS>", re.S)
_FIELD = {k: re.compile(rf"<{k}>(.*?)</{k}>", re.S) for k in ("DATE", "TITLE", "BODY")}
_MONTHS = {m: i + 1 for i, m in enumerate("JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split())}


def reuters_jsonl(n: int, path: Path) -> tuple[int, int]:
    """Write the first n stories with a body; return (articles, words)."""
    count = words = 0
    with open(path, "w", encoding="utf-8") as out:
        for sgm in sorted(REUTERS.glob("reut2-*.sgm")):
            raw = sgm.read_bytes().decode("latin-1")
            for m in _DOC.finditer(raw):
                doc = m.group(0)
                body = _FIELD["BODY"].search(doc)
                if not body:
                    continue
                text = html.unescape(body.group(1)).replace("\x03", "").strip()
                title = _FIELD["TITLE"].search(doc)
                date = _FIELD["DATE"].search(doc)
                published = None
                if date:
                    d, mon, y = date.group(1).strip().split()[0].split("-")
                    published = f"{int(y):04d}-{_MONTHS[mon.upper()]:02d}-{int(d):02d}"
                rec = {
                    "text": text,
                    "title": html.unescape(title.group(1)) if title else None,
                    "published": published,
                    "outlet": "Reuters",
                }
                out.write(json.dumps(rec) + "\n")
                count += 1
                words += len(text.split())
                if count >= n:
                    return count, words
    return count, words


SPACY_ALONE = """
import json, sys, time
from storyline import nlp
texts = [json.loads(l)["text"] for l in open(sys.argv[1], encoding="utf-8")]
t0 = time.perf_counter()
n = 0
for doc in nlp.pipe(texts, workers=int(sys.argv[2]), batch_size=32):
    n += len(doc)
print(time.perf_counter() - t0)
"""


def timed(cmd: list[str]) -> tuple[float, int, str]:
    """Run cmd; return (seconds, peak RSS in MB of that process, stdout)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert proc.stdout is not None
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    secs = time.perf_counter() - t0
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{cmd[:3]} failed with exit code {proc.returncode}")
    return secs, usage.ru_maxrss // 1024, out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--engine", choices=("local", "ray"), default="local")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "reuters.jsonl"
        n, words = reuters_jsonl(args.n, src)
        py = sys.executable
        s_secs, s_rss, s_out = timed([py, "-c", SPACY_ALONE, str(src), str(args.workers)])
        s_pipe = float(s_out.strip())
        b_secs, b_rss, out = timed(
            [py, "-m", "storyline.cli", "build", str(src), "--out", str(Path(tmp) / "out"),
             "--workers", str(args.workers), "--engine", args.engine, "--json"]
        )
        report = json.loads(out.strip().splitlines()[-1])
        db_bytes = sum(f.stat().st_size for f in (Path(tmp) / "out").glob("storyline.db*"))
    rows = [
        ("spaCy alone", s_secs, s_rss),
        (f"storyline build ({args.engine})", b_secs, b_rss),
    ]
    print(f"Reuters-21578, first {n} stories with a body, {words} words, workers={args.workers}, "
          f"engine={args.engine}")
    print(f"{'run':<24}{'seconds':>9}{'articles/s':>12}{'words/s':>10}{'peak RSS MB':>13}")
    for name, secs, rss in rows:
        print(f"{name:<24}{secs:>9.1f}{n / secs:>12.1f}{words / secs:>10.0f}{rss:>13}")
    print(f"storyline / spaCy throughput: {s_secs / b_secs:.2f}x (whole build)")
    tm = report["timings"]
    print("stage seconds: " + ", ".join(f"{k} {v:.1f}" for k, v in tm.items()))
    base = sum(tm.get(k, 0.0) for k in ("ingest", "dedup", "nlp", "store"))
    print(
        f"ingest + clean + dedup + NLP + store: {base:.1f}s, {n / base:.1f} articles/s, "
        f"{s_pipe / base:.2f}x spaCy alone (model load + nlp.pipe, {s_pipe:.1f}s)"
    )
    print(f"store: {db_bytes / 1e6:.1f} MB, {db_bytes / n / 1e3:.1f} kB per article")
    print(f"story: {report['counts']}; duplicates {report['duplicates']}; failures {len(report['failures'])}")


if __name__ == "__main__":
    main()
