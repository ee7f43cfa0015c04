"""Person and entity names as keys: variants of one name ("John F. Kirby", "Mr. Kirby's") meet.

Titles (lexicon ``titles``) are dropped from the front of person names because they describe, they do
not name; middle initials and possessives go too. Used by the per-article resolver and its role binding.
"""

from __future__ import annotations

import re

from storyline import lexicon
from storyline.resolve.gazetteer import norm_surface

__all__ = ["TITLES", "is_title", "clean_person", "display_person", "person_key", "slug", "clean_alias"]

TITLES = lexicon.words("titles")

_INITIAL = re.compile(r"^[A-Za-z]\.?$")
_SPLIT = re.compile(r"[\s\-‐–]+")


def is_title(word: str) -> bool:
    """True for a title word, with or without its abbreviation dot ("Dr.", "president")."""
    return word.lower().rstrip(".") in TITLES


def clean_person(text: str) -> list[str]:
    """Name tokens, lowercased, without titles, possessive or middle initials."""
    t = norm_surface(text)
    t = re.sub(r"'s?$", "", t)
    toks = [x.strip(".,") for x in _SPLIT.split(t) if x.strip(".,")]
    while len(toks) > 1 and is_title(toks[0]):
        toks = toks[1:]
    if len(toks) > 2:
        toks = [toks[0]] + [x for x in toks[1:-1] if not _INITIAL.match(x)] + [toks[-1]]
    return [x.lower() for x in toks]


def display_person(text: str) -> str:
    """The name as written, without leading titles or a possessive ("Mr. Putin's" -> "Putin")."""
    t = re.sub(r"['’]s?$", "", norm_surface(text))
    toks = t.split()
    while len(toks) > 1 and is_title(toks[0]):
        toks = toks[1:]
    return " ".join(toks)


def person_key(text: str) -> str:
    """Stable key of a person name: "John F. Kirby" and "john kirby" give "person:john kirby"."""
    return "person:" + " ".join(clean_person(text))


def slug(text: str) -> str:
    """Key part of a non-person name: lower case, no leading "the", no possessive or odd characters."""
    t = norm_surface(text).lower()
    t = re.sub(r"^the\s+", "", t)
    t = re.sub(r"'s$", "", t)
    return re.sub(r"[^\w\s&.-]", "", t).strip()


def clean_alias(text: str) -> str:
    """An alias as a name: one apostrophe style, no leading article, no possessive."""
    t = norm_surface(text)
    t = re.sub(r"^(?:the|The)\s+", "", t)
    return re.sub(r"'s?$", "", t).strip()
