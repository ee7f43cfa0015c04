"""Capitals as places or as actors: "flew to Moscow" is a location, "Moscow said" is the government.

The governing words come from the lexicon (``place_prepositions``, ``place_verbs``).
"""

from __future__ import annotations

import re

from spacy.tokens import Span

from storyline import lexicon
from storyline.resolve.gazetteer import norm_surface
from storyline.syntax import lemma

__all__ = ["LOC_PREPS", "LOC_VERBS", "is_location_use", "place_key"]

# Prepositions and verbs after which a capital is a place, not an actor ("flew to Moscow").
LOC_PREPS = lexicon.words("place_prepositions")
LOC_VERBS = lexicon.words("place_verbs")


def is_location_use(span: Span) -> bool:
    """True when a capital is used as a place ("in Moscow", "visited Pyongyang"), not an actor."""
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ in LOC_PREPS:
        return True
    return root.dep_ == "dobj" and lemma(root.head) in LOC_VERBS


def place_key(span: Span) -> tuple[str, str]:
    """(key, display name) of a capital used as a place: "loc:moscow", "Moscow"."""
    city = re.sub(r"^[Tt]he ", "", norm_surface(span.text))
    return "loc:" + city.lower(), city
