"""Actor mentions and stable entity keys: who is acting, however the article names them.

Per article (`resolve_article`): gazetteer matches (countries, capitals and seats of power used as
actors, demonyms, international organisations), spaCy PERSON/ORG/GPE/NORP entities, person-name
variants ("John F. Kirby" = "John Kirby" = "Kirby"), role descriptions bound to a named person
(roles.py) and leaders' governments ("the Biden administration"). Across articles (entities.py):
surname-only keys join the one compatible full name of the story; two first names never merge.

This module is the package's front door: the names other stages import live here or are re-exported.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span

from storyline import lexicon
from storyline.ingest.clean import byline_authors
from storyline.records import Article, Mention
from storyline.resolve.entities import build_entities, canonicalize, entity_id
from storyline.resolve.gazetteer import (
    CAPITAL,
    COUNTRY,
    DEMONYM,
    GazEntry,
    load_gazetteer,
    norm_surface,
    scan,
)
from storyline.resolve.names import TITLES, clean_alias, clean_person, display_person, person_key, slug
from storyline.resolve.places import is_location_use, place_key
from storyline.resolve.roles import ROLE_NOUNS, affiliations, role_mentions
from storyline.syntax import lemma

__all__ = [
    "resolve_article",
    "ROLE_NOUNS",
    "TITLES",
    "GOVERNMENT_NOUNS",
    "person_key",
    "canonicalize",
    "build_entities",
    "entity_id",
]

# "the Biden administration", "Netanyahu's government": a leader's name before one of these nouns
# names the government the person leads, an organisation, not the person.
GOVERNMENT_NOUNS = lexicon.words("government_nouns")
_GOV_AFTER = re.compile(r"(?:['’]s)?\s+(" + "|".join(sorted(GOVERNMENT_NOUNS)) + r")\b")

# Entity labels kept as actors when no gazetteer entry covers them, with their key prefix.
_NAMED_PREFIX = {"ORG": "org", "GPE": "gpe", "NORP": "norp", "LOC": "loc", "FAC": "loc"}
# Multi-word names a gazetteer organisation or seat inside them belongs to ("Kremlin Palace Museum").
_STATE_BODIES = lexicon.words("state_body_nouns")
_ORG_TYPES = lexicon.words("organisation_type_nouns")
_LONG_NAMES = {"ORG", "FAC", "EVENT", "LAW", "WORK_OF_ART", "PRODUCT"}


class _Builder:
    """Accumulates mentions and entity info for one article."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.mentions: list[Mention] = []
        self.info: dict[str, dict[str, Any]] = {}
        self.taken = bytearray(len(article.text) + 1)

    def free(self, start: int, end: int) -> bool:
        return not any(self.taken[start:end])

    def block(self, start: int, end: int) -> None:
        """Take a span without a mention: nothing else may claim it."""
        for i in range(start, end):
            self.taken[i] = 1

    def add(self, start: int, end: int, key: str, name: str, type_: str, alias: str | None = None) -> None:
        text = self.article.text[start:end]
        self.mentions.append(Mention(self.article.id, start, end, text, key))
        for i in range(start, end):
            self.taken[i] = 1
        inf = self.info.setdefault(key, {"name": name, "type": type_, "aliases": []})
        if len(name) > len(inf["name"]) and type_ == "PERSON":
            inf["name"] = name
        a = clean_alias(alias if alias is not None else text)
        if a and a != inf["name"] and a not in inf["aliases"] and len(a) <= 80:
            inf["aliases"].append(a)


@dataclass
class _People:
    """Person names of one article: full names (key -> display name) and the spans bound to keys."""

    full: dict[str, str] = field(default_factory=dict)
    by_last: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    persons: list[tuple[Span, str]] = field(default_factory=list)


def resolve_article(article: Article, doc: Doc) -> tuple[list[Mention], dict[str, dict[str, Any]]]:
    """Actor mentions of one article and entity info {key: {name, type, aliases}}."""
    b = _Builder(article)
    _block_authors(b, doc)
    person_ents: list[Span] = [e for e in doc.ents if e.label_ == "PERSON"]
    person_ents = _organisations_named_as_persons(b, person_ents)
    gaz_hits = scan(doc)
    _add_gazetteer(b, doc, gaz_hits, person_ents)
    people = _add_persons(b, person_ents)
    orgs = _add_named(b, doc, people)
    _join_acronyms(b, orgs)
    # Definite role descriptions bound to a named person in this article ("the spokesperson").
    for start, end, key in role_mentions(doc, people.persons, b.free):
        b.add(start, end, key, b.info[key]["name"], "PERSON")
    _leader_governments(b)
    countries = [
        (sp.start_char, sp.end_char, hit.key) for sp, hit in gaz_hits if hit.kind in (COUNTRY, DEMONYM)
    ]
    for key, country in affiliations(doc, people.persons, countries).items():
        if key in b.info:
            b.info[key]["affiliation"] = country
    b.mentions.sort(key=lambda m: (m.start, m.end))
    return b.mentions, b.info


def _block_authors(b: _Builder, doc: Doc) -> None:
    """The article's own authors are metadata, never actors: their names are blocked wherever the
    tagger finds them outside the (already masked) byline ("Jane Doe" alone under the headline)."""
    names = [*b.article.authors, *byline_authors(b.article.text, b.article.excluded)]
    keys = {person_key(n) for n in names if len(clean_person(n)) >= 2}
    if not keys:
        return
    for ent in doc.ents:
        if ent.label_ in ("PERSON", "ORG", "NORP", "GPE") and person_key(ent.text) in keys:
            b.block(ent.start_char, ent.end_char)


def _inside(span: Span, ents: list[Span]) -> bool:
    """True when a longer entity span contains this one."""
    return any(e.start <= span.start and span.end <= e.end and len(e) > len(span) for e in ents)


def _add_gazetteer(b: _Builder, doc: Doc, hits: list[tuple[Span, GazEntry]], person_ents: list[Span]) -> None:
    """Gazetteer matches as mentions; a capital used as a place gets a location key instead."""
    long_ents = [e for e in doc.ents if e.label_ in _LONG_NAMES]
    for span, hit in hits:
        # A gazetteer word inside a longer person name ("George Washington") is part of the name.
        if _inside(span, person_ents) or (hit.kind in ("org", "seat") and _inside(span, long_ents)):
            continue
        if hit.kind in (COUNTRY, DEMONYM) and _own_name(span, doc.ents):
            continue  # "U.S. Lines", "British Airways": the name is the company's, not the country's
        if hit.kind == CAPITAL and any(e.start == span.start and e.end == span.end for e in person_ents):
            continue  # "Douglas told analysts": the tagger reads a person, not the capital
        if hit.kind == CAPITAL and is_location_use(span):
            key, city = place_key(span)
            b.add(span.start_char, span.end_char, key, city, "GPE")
            continue
        b.add(span.start_char, span.end_char, hit.key, hit.name, hit.type)


def _own_name(span: Span, ents: Sequence[Span]) -> bool:
    """A country word modifying the capitalised head of a longer organisation name that is no body of
    that state ("U.S. Lines", not "U.S. Army" or "the Chinese Foreign Ministry")."""
    for e in ents:
        if e.label_ == "ORG" and e.start <= span.start and span.end <= e.end and len(e) > len(span):
            head = e.root
            return head.i >= span.end and head.is_title and head.lower_ not in _STATE_BODIES
    return False


def _organisations_named_as_persons(b: _Builder, person_ents: list[Span]) -> list[Span]:
    """Names the tagger took for persons that follow a noun of organisation type ("magazine
    Billboard", "insurer Aviva") become organisation mentions, with their other occurrences in the
    article; the remaining person entities are returned."""
    orgs = {
        e.text
        for e in person_ents
        if e.start > 0 and e.doc[e.start - 1].is_lower and lemma(e.doc[e.start - 1]) in _ORG_TYPES
    }
    for e in person_ents:
        if e.text in orgs and b.free(e.start_char, e.end_char):
            name = norm_surface(e.text)
            b.add(e.start_char, e.end_char, f"org:{slug(name)}", name, "ORG")
    return [e for e in person_ents if e.text not in orgs]


def _add_persons(b: _Builder, person_ents: list[Span]) -> _People:
    """Person mentions: full names first, then single names joining the one full name they shorten."""
    people = _People()
    singles: list[Span] = []
    for ent in person_ents:
        toks = clean_person(ent.text)
        if not toks or not b.free(ent.start_char, ent.end_char):
            continue
        if len(toks) == 1:
            singles.append(ent)
            continue
        key = "person:" + " ".join(toks)
        people.full[key] = display_person(ent.text)
        b.add(ent.start_char, ent.end_char, key, display_person(ent.text), "PERSON")
        people.persons.append((ent, key))
    by_first: dict[str, set[str]] = defaultdict(set)
    for key in people.full:
        parts = key[len("person:") :].split()
        people.by_last[parts[-1]].add(key)
        by_first[parts[0]].add(key)
    for ent in singles:
        tok = clean_person(ent.text)[0]
        cands = people.by_last.get(tok) or by_first.get(tok) or set()
        if len(cands) == 1:
            key = next(iter(cands))
            b.add(ent.start_char, ent.end_char, key, people.full[key], "PERSON")
        else:
            key = "person:" + tok
            b.add(ent.start_char, ent.end_char, key, display_person(ent.text), "PERSON")
        people.persons.append((ent, key))
    return people


def _add_named(b: _Builder, doc: Doc, people: _People) -> dict[str, str]:
    """Other named entities not covered by the gazetteer; returns the organisations {key: name}."""
    gaz = load_gazetteer()
    orgs: dict[str, str] = {}
    own_s = _names_with_s(doc)
    for ent in doc.ents:
        if ent.label_ not in _NAMED_PREFIX or not b.free(ent.start_char, ent.end_char):
            continue
        ghit = gaz.get(ent.text)
        if ghit is not None:
            b.add(ent.start_char, ent.end_char, ghit.key, ghit.name, ghit.type)
            continue
        # A lone surname the tagger took for an organisation ("Kirby said") after the full name.
        if len(ent) == 1 and ent.label_ in {"ORG", "NORP"} and ent[0].is_title:
            cands = people.by_last.get(ent[0].lower_, set())
            if len(cands) == 1:
                key = next(iter(cands))
                b.add(ent.start_char, ent.end_char, key, people.full[key], "PERSON")
                people.persons.append((ent, key))
                continue
        name = re.sub(r"^[Tt]he\s+", "", norm_surface(ent.text))
        if name not in own_s:
            name = re.sub(r"'s$", "", name)
        if not name:
            continue
        part = slug(name[:-2] + "s") if name in own_s else slug(name)
        key = f"{_NAMED_PREFIX[ent.label_]}:{part}"
        if ent.label_ == "ORG":
            orgs[key] = name
        b.add(ent.start_char, ent.end_char, key, name, ent.label_)
    return orgs


def _names_with_s(doc: Doc) -> set[str]:
    """Organisation names that end in "'s" as a name, not a possessive: the article uses them with
    nothing possessed ("Lloyd's said", "insured by Lloyd's"), so "Lloyd's chairman" keeps it too."""
    out = set()
    for ent in doc.ents:
        name = re.sub(r"^[Tt]he\s+", "", norm_surface(ent.text))
        if ent.label_ == "ORG" and name.endswith("'s") and ent.root.dep_ != "poss":
            out.add(name)
    return out


def _join_acronyms(b: _Builder, orgs: dict[str, str]) -> None:
    """Acronyms of organisations named in full in the same article ("National Security Council (NSC)")."""
    initials = {
        "".join(w[0] for w in name.split() if w[0].isupper()): key
        for key, name in orgs.items()
        if len(name.split()) > 1
    }
    for m in b.mentions:
        if m.key.startswith("org:") and m.text.isupper() and m.text in initials and initials[m.text] != m.key:
            old = m.key
            m.key = initials[m.text]
            b.info[m.key]["aliases"].append(m.text)
            if not any(x.key == old for x in b.mentions):
                b.info.pop(old, None)


def _leader_governments(b: _Builder) -> None:
    """Turn "<Person> administration/government/regime/cabinet" into an organisation mention.

    The key is built from the name as written ("org:biden administration"), not from the person's
    country: administrations change while the country stays, and a leader's country is often not
    stated. A capitalised single-word ORG right before the noun is taken as a name too ("Trump" tagged
    ORG). The person keeps the mentions of the name outside this construction.
    """
    text = b.article.text
    for m in b.mentions:
        if not (m.key.startswith("person:") or (m.key.startswith("org:") and " " not in m.text.strip())):
            continue
        g = _GOV_AFTER.match(text, m.end - (2 if text[m.end - 2 : m.end] in ("'s", "’s") else 0))
        if g is None or not m.text[:1].isupper():
            continue
        name = " ".join(display_person(m.text).split())
        noun = g.group(1)
        key = f"org:{name.lower()} {noun}"
        m.end = g.end()
        m.text = text[m.start : m.end]
        m.key = key
        inf = b.info.setdefault(key, {"name": f"{name} {noun}", "type": "ORG", "aliases": []})
        alias = clean_alias(m.text)
        if alias != inf["name"] and alias not in inf["aliases"]:
            inf["aliases"].append(alias)
    used = {m.key for m in b.mentions}
    for k in [k for k in b.info if k not in used]:
        del b.info[k]
