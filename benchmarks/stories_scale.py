"""Peak memory and time of `storyline stories`' chunked clustering (`clustering.CHUNK`) on 20,000 synthetic
articles: TF-IDF-like sparse rows and embedding-like vectors around 400 latent topics over two years. Only
the clustering step (no model, no store): what its memory is bounded by at that n.

    .venv/bin/python benchmarks/stories_scale.py                 # topics that merge (400 clusters)
    .venv/bin/python benchmarks/stories_scale.py --noise 8 --topic-words 25   # hardly anything merges
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.preprocessing import normalize

from storyline.stories.clustering import chunked_labels

sys.path.insert(0, str(Path(__file__).resolve().parent))
from stories import bcubed  # noqa: E402


def corpus(n: int, topics: int, words: int, noise: float) -> tuple[object, np.ndarray, list[float], np.ndarray]:
    rng = np.random.default_rng(0)
    vocab = 30_000
    topic = rng.integers(0, topics, n)
    topic_words = [rng.choice(vocab, 40, replace=False) for _ in range(topics)]
    rows: list[int] = []
    cols: list[int] = []
    for i in range(n):
        ws = np.concatenate([rng.choice(topic_words[topic[i]], words), rng.integers(0, vocab, 70 - words)])
        rows += [i] * len(ws)
        cols += [int(w) for w in ws]
    tfidf = normalize(sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, vocab)))
    centres = normalize(rng.normal(size=(topics, 384)))
    vecs = normalize(centres[topic] + rng.normal(size=(n, 384)) / np.sqrt(384) * noise).astype(np.float32)
    days = list(rng.uniform(0, 700, topics)[topic] + rng.uniform(0, 30, n))
    return tfidf, vecs, days, topic


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--n", type=int, default=20_000)
    ap.add_argument("--noise", type=float, default=1.5, help="embedding noise around each topic's centre")
    ap.add_argument("--topic-words", type=int, default=40, help="words of its topic in each article (of 70)")
    args = ap.parse_args()
    tfidf, vecs, days, topic = corpus(args.n, 400, args.topic_words, args.noise)
    t = time.perf_counter()
    labels = chunked_labels(tfidf, vecs, days)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"n={args.n}: {len(set(labels))} clusters in {time.perf_counter() - t:.1f}s; peak RSS {rss:.0f} MB")
    p, r, f = bcubed({str(i): int(x) for i, x in enumerate(labels)}, {str(i): str(x) for i, x in enumerate(topic)})
    print(f"B-cubed against the 400 synthetic topics: P {p:.3f} R {r:.3f} F1 {f:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
