"""Country, capital, demonym, seat-of-power and organisation names mapped to stable entity keys.

Built once per process from pycountry (official and common names) plus two shipped data files:
`gazetteer_countries.tsv` (capitals, demonyms, alternative names; generated from the countryinfo
package data) and `gazetteer_curated.json` (acronyms, metonyms such as "the Kremlin", organisations).
Lookups are case-sensitive on a normalised surface form so that common words ("Male") do not match.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

import pycountry

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

# Kinds of gazetteer entries; capitals can also be plain locations (see places.py).
COUNTRY, CAPITAL, SEAT, DEMONYM, ORG = "country", "capital", "seat", "demonym", "org"


@dataclass(frozen=True)
class GazEntry:
    key: str
    name: str  # canonical display name
    type: str  # GPE, ORG
    kind: str  # country, capital, seat, demonym, org


_WS = re.compile(r"\s+")


def norm_surface(text: str) -> str:
    """Normalise apostrophes, dashes and whitespace; keep case (case carries meaning for names)."""
    text = text.replace("’", "'").replace("‘", "'").replace("‐", "-").replace("–", "-")
    return _WS.sub(" ", text).strip()


class Gazetteer:
    """Surface form -> GazEntry, with a cheap 3-character prefix filter for scanning documents."""

    def __init__(self) -> None:
        self.entries: dict[str, GazEntry] = {}
        self.country_names: dict[str, str] = {}
        # First three characters of entries -> most tokens an entry with that start can span.
        self.prefixes: dict[str, int] = {}

    def add(self, surface: str, entry: GazEntry, override: bool = False) -> None:
        s = norm_surface(surface)
        if not s or (s in self.entries and not override):
            return
        self.entries[s] = entry
        words = len(re.findall(r"\w+|[^\w\s]", s))
        self.prefixes[s[:3]] = max(self.prefixes.get(s[:3], 0), words)

    def get(self, surface: str) -> GazEntry | None:
        s = norm_surface(surface)
        hit = self.entries.get(s)
        if hit is None and s[:4].lower() == "the ":
            hit = self.entries.get(s[4:])
        return hit


def _data_text(name: str) -> str:
    return resources.files("storyline.data").joinpath(name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """Build the gazetteer once; curated entries win over generated ones."""
    gaz = Gazetteer()
    curated = json.loads(_data_text("gazetteer_curated.json"))
    names: dict[str, str] = {}
    # Display names: curated first alias, else countryinfo short name, else pycountry common name.
    for iso, aliases in curated.get("country_aliases", {}).items():
        for a in aliases:
            if len(a) > 2 and not a.isupper() and "." not in a and a not in ("America", "Washington"):
                names.setdefault(iso, a)
                break
    rows = list(
        csv.reader(
            (ln for ln in _data_text("gazetteer_countries.tsv").splitlines() if not ln.startswith("#")),
            delimiter="\t",
        )
    )
    table = {r[0]: r for r in rows[1:] if len(r) >= 5}
    for iso, r in table.items():
        names.setdefault(iso, r[1])
    for c in pycountry.countries:
        names.setdefault(c.alpha_3, getattr(c, "common_name", None) or c.name)
    gaz.country_names = names

    def country(iso: str, kind: str) -> GazEntry:
        return GazEntry(f"gpe:{iso}", names.get(iso, iso), "GPE", kind)

    for org in curated.get("organizations", []):
        e = GazEntry(org["key"], org["name"], "ORG", ORG)
        for a in [org["name"], *org.get("aliases", [])]:
            gaz.add(a, e, override=True)
    for iso, aliases in curated.get("country_aliases", {}).items():
        for a in aliases:
            kind = CAPITAL if a == "Washington" else COUNTRY
            gaz.add(a, country(iso, kind), override=True)
    for surface, iso in curated.get("seats_of_power", {}).items():
        gaz.add(surface, country(iso, SEAT), override=True)
    for iso, dems in curated.get("demonyms", {}).items():
        for d in dems:
            gaz.add(d, country(iso, DEMONYM))
    for iso, caps in curated.get("capitals", {}).items():
        for cap in caps:
            gaz.add(cap, country(iso, CAPITAL))
    ambiguous = set(curated.get("ambiguous_capitals", []))
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            v = getattr(c, attr, None)
            if v and "," not in v:
                gaz.add(v, country(c.alpha_3, COUNTRY))
    for iso, r in table.items():
        _, short, capital, demonym, aliases = r[:5]
        gaz.add(short, country(iso, COUNTRY))
        for a in aliases.split("|"):
            if a and a.isascii():
                gaz.add(a, country(iso, COUNTRY))
        for cap in capital.split(","):
            cap = cap.strip()
            if cap and cap not in ambiguous and " / " not in cap:
                gaz.add(cap, country(iso, CAPITAL))
        if demonym:
            gaz.add(demonym, country(iso, DEMONYM))
            if not demonym.endswith(("ese", "ish", "ch", "s", "i")):
                gaz.add(demonym + "s", country(iso, DEMONYM))
    return gaz


def scan(doc: Doc) -> list[tuple[Span, GazEntry]]:
    """Longest token-aligned gazetteer matches, left to right, without overlaps.

    Works on plain offsets (spaCy Token objects are costly to create) and tries only tokens whose
    first three characters begin some gazetteer entry.
    """
    gaz = load_gazetteer()
    text = doc.text
    starts = [t.idx for t in doc]
    ends = [t.idx + len(t) for t in doc]
    out: list[tuple[Span, GazEntry]] = []
    i, n = 0, len(starts)
    while i < n:
        maxw = gaz.prefixes.get(text[starts[i] : starts[i] + 3], 0)
        if not maxw:
            i += 1
            continue
        found = 0
        for k in range(min(maxw, n - i), 0, -1):
            surface = text[starts[i] : ends[i + k - 1]]
            if "\n" in surface:
                continue
            hit = gaz.entries.get(norm_surface(surface))
            if hit is not None:
                out.append((doc[i : i + k], hit))
                found = k
                break
        i += found or 1
    return out
