"""Factuality of an event: the one ordering of modalities, and which of them are presented as fact.

Order: how far a report stands from an asserted fact. ``asserted`` (the text states it), ``reported``
(a source says it), ``planned``, ``hypothetical``, ``negated`` (the text says it did not happen) and
``denied`` (a source denies it). Extraction keeps the farther of two modalities when one governs the
other ("said it would attack": planned wins over reported); consolidation keeps the nearest one among
the reports of one event (one outlet asserting it beats another only reporting it).
"""

from __future__ import annotations

from collections.abc import Iterable

MODALITIES = ("asserted", "reported", "planned", "hypothetical", "negated", "denied")
RANK = {m: i for i, m in enumerate(MODALITIES)}
# Presented as having happened: a denial answers a report of a happening and belongs with it.
FACTUAL = frozenset({"asserted", "reported", "denied"})
# Kept off the timeline: what the text says did not or might not happen.
NOT_ASSERTED = ("hypothetical", "negated")


def rank(modality: str) -> int:
    """Distance from an asserted fact (unknown values last)."""
    return RANK.get(modality, len(MODALITIES))


def group(modality: str) -> str:
    """Reports merge only within a group: all factual ones together, others only with their own kind."""
    return "factual" if modality in FACTUAL else modality


def nearest(modalities: Iterable[str]) -> str:
    """The modality nearest to fact among several reports of one event."""
    return min(modalities, key=rank)


def farther(a: str, b: str) -> str:
    """The modality farther from fact of two (a governing context over its complement)."""
    return a if rank(a) >= rank(b) else b
