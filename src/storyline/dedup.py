"""Near-duplicate and syndicated copies: MinHash LSH over word shingles (datasketch).

Wire stories republished by several outlets, with light edits, share most of their word 3-grams;
different articles on the same story share few (quotes aside). Candidates from LSH are confirmed by
the estimated Jaccard similarity, then grouped transitively; every copy points to the group's earliest
article (by publication date, then by the order it was added).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 128
SHINGLE = 3
SCHEME = "affine32"  # stored signatures are uint32 arrays of this scheme
THRESHOLD = 0.5
_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, k: int = SHINGLE) -> set[str]:
    words = _WORD.findall(text.lower())
    if len(words) < k:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + k]) for i in range(len(words) - k + 1)}


def signature(text: str) -> MinHash:
    m = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME)
    m.update_batch([s.encode("utf-8") for s in shingles(text)])
    return m


def to_bytes(m: MinHash) -> bytes:
    return np.asarray(m.hashvalues, dtype=np.uint32).tobytes()


def from_bytes(b: bytes) -> MinHash:
    return MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME, hashvalues=np.frombuffer(b, dtype=np.uint32))


def group(
    items: Iterable[tuple[str, MinHash]], order: dict[str, tuple[str, int]], threshold: float = THRESHOLD
) -> dict[str, str | None]:
    """Map each article id to the id of the earliest copy it duplicates (None when it is original).

    `order` gives each id a sort key (publication date or "9999", insertion index): earliest first.
    """
    items = list(items)
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    sigs = dict(items)
    parent = {i: i for i, _ in items}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for aid, sig in items:
        if sig.is_empty():
            continue
        for other in lsh.query(sig):
            if sig.jaccard(sigs[other]) >= threshold:
                ra, rb = find(aid), find(other)
                if ra != rb:
                    parent[ra] = rb
        lsh.insert(aid, sig)

    groups: dict[str, list[str]] = {}
    for aid in parent:
        groups.setdefault(find(aid), []).append(aid)
    result: dict[str, str | None] = {}
    for members in groups.values():
        members.sort(key=lambda x: order[x])
        first = members[0]
        for m in members:
            result[m] = None if m == first else first
    return result
