"""Candidate temporal expressions found by regular expressions (own rules, in the spirit of HeidelTime).

spaCy's small model misses many news time expressions ("the 17-month-long war" is found, "a year
earlier" or "third-quarter" often not) and gives no normalisation, so extents come from these patterns;
spaCy is used to veto bare numbers that it reads as quantities and for tense (see tense.py).
Each rule yields a `Cand` with a `kind` and the parts the resolver needs; extents follow TimeML
(leading prepositions excluded; determiners, modifiers such as "early", "nearly", and "ago" included).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from . import date_rules, span_rules  # noqa: F401  (importing them registers their rules, in this order)
from .patterns import RULES, Cand, parse_number, unit_code

__all__ = ["Cand", "RULES", "find_candidates", "select", "parse_number", "unit_code"]


def find_candidates(text: str) -> Iterator[Cand]:
    """Every rule match (overlapping); the caller keeps the longest non-overlapping ones."""
    for r in RULES:
        for m in r.pattern.finditer(text):
            data = r.handler(m)
            if data is None:
                continue
            start, end = data.pop("_start", m.start()), data.pop("_end", m.end())
            # Trailing possessive or punctuation is never part of the extent ("1970's" is a decade, and
            # "a.m." or "Sept." keep their period).
            span = text[start:end].rstrip()
            keep = span.endswith(("a.m.", "p.m.")) or re.search(r"\b[A-Z][a-z]{1,3}\.$", span)
            pattern = r"[,.]$" if r.kind == "decade" else r"(?:['’]s|[,.])$"
            stripped = span if keep else re.sub(pattern, "", span)
            end = start + len(stripped)
            yield Cand(start, end, r.kind, data, r.name)


def select(cands: list[Cand]) -> list[Cand]:
    """Longest-first, non-overlapping choice; ties go to the earlier rule."""
    order = {r.name: i for i, r in enumerate(RULES)}
    chosen: list[Cand] = []
    taken: list[tuple[int, int]] = []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), order.get(c.rule, 99), c.start)):
        if any(c.start < e and s < c.end for s, e in taken):
            continue
        chosen.append(c)
        taken.append((c.start, c.end))
    return sorted(chosen, key=lambda c: c.start)
