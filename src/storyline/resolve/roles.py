"""Role descriptions and titles around a named person: who "the spokesperson" is, whose country a
title names.

A role phrase bound to a person ("Agency spokesman Jo Doe", "Jo Doe, agency spokesman") lets a later
definite description ("the spokesperson") refer to that person when the article makes it unambiguous.
A country inside a person's title ("Russian Defense Minister Sergei Shoigu") is the person's affiliation.
Role heads come from the lexicon (``role_nouns``, ``spokesperson_words``, ``role_skip_words``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator

from spacy.tokens import Doc, Span, Token

from storyline import lexicon
from storyline.resolve.names import is_title
from storyline.syntax import children

__all__ = ["ROLE_NOUNS", "SPOKES", "role_tokens", "bind_roles", "pick_role", "role_mentions", "affiliations"]

# Generic heads of role descriptions ("spokesperson", "foreign minister", "campaign manager").
ROLE_NOUNS = lexicon.words("role_nouns")
SPOKES = lexicon.words("spokesperson_words")
_SKIP = lexicon.words("role_skip_words")
# Parts of speech that end a title or role phrase read leftwards from a name.
_PHRASE_BREAK = frozenset({"DET", "ADP", "VERB", "AUX", "PRON", "CCONJ", "SCONJ", "NUM"})

Role = tuple[str, frozenset[str]]  # (head noun, modifier words)
Persons = list[tuple[Span, str]]  # person entity spans with their keys


def role_tokens(tokens: list[Token]) -> Role | None:
    """(head noun, modifier words) of a role phrase, or None when it has no role-like head."""
    words = [t for t in tokens if t.is_alpha or "-" in t.text]
    words = [t for t in words if t.lower_ not in _SKIP]
    if not words:
        return None
    head = words[-1]
    h = head.lower_
    if h in SPOKES:
        h = "spokesperson"
    if h not in ROLE_NOUNS and not (head.pos_ == "NOUN" and head.is_lower):
        return None
    return h, frozenset(t.lower_ for t in words[:-1])


def _pre_modifier(doc: Doc, ent: Span) -> list[Token]:
    """Tokens left of the name inside its noun phrase, plus titles swallowed into the name span."""
    j = ent.start
    while j > ent.sent.start:
        t = doc[j - 1]
        if t.is_punct or t.pos_ in _PHRASE_BREAK:
            break
        if not (ent.start <= t.head.i < ent.end or j <= t.head.i < ent.end):
            break
        j -= 1
    pre = list(doc[j : ent.start])
    # Titles swallowed into the PERSON span ("Spokesperson John Kirby").
    inner = [t for t in ent if is_title(t.lower_) and t.i < ent.end - 1]
    if inner and inner[-1].i == ent.start + len(inner) - 1:
        pre = pre + inner
    return pre


def bind_roles(doc: Doc, persons: Persons) -> list[tuple[str, frozenset[str], str]]:
    """Role descriptions bound to a named person: "Agency spokesman Jo Doe", "Jo Doe, agency spokesman"."""
    binds: list[tuple[str, frozenset[str], str]] = []
    for ent, key in persons:
        pre = _pre_modifier(doc, ent)
        role = role_tokens(pre) if pre else None
        if role:
            binds.append((role[0], role[1], key))
        # Appositive: "Jo Doe, agency spokesman, said".
        for child in children(ent.root, "appos"):
            if child.i >= ent.end:
                toks = [t for t in child.subtree if ent.end <= t.i <= child.i and not t.is_punct]
                r = role_tokens(toks)
                if r:
                    binds.append((r[0], r[1], key))
    return binds


def pick_role(mods: frozenset[str], binds: list[tuple[frozenset[str], str]]) -> str | None:
    """The person a definite role description refers to, when the article makes it unambiguous.

    "the spokesperson" needs a single bound spokesperson; with modifiers, the binding sharing most
    of them wins, if it shares at least half and no other person ties.
    """
    keys = {k for _, k in binds}
    if not mods:
        return next(iter(keys)) if len(keys) == 1 else None
    score: dict[str, float] = {}
    for m, k in binds:
        score[k] = max(score.get(k, 0.0), len(mods & m) / len(mods))
    best = max(score.values())
    winners = [k for k, v in score.items() if v == best]
    return winners[0] if best >= 0.5 and len(winners) == 1 else None


def role_mentions(
    doc: Doc, persons: Persons, free: Callable[[int, int], bool]
) -> Iterator[tuple[int, int, str]]:
    """(start, end, person key) of each definite role description ("the spokesperson") that refers to
    a person bound to that role in this article. Lazy, so `free` sees the mentions added so far."""
    by_head: dict[str, list[tuple[frozenset[str], str]]] = defaultdict(list)
    for head, mods, key in bind_roles(doc, persons):
        by_head[head].append((mods, key))
    if not by_head:
        return
    for chunk in doc.noun_chunks:
        if chunk[0].lower_ != "the" or any(t.ent_type_ == "PERSON" for t in chunk):
            continue
        r = role_tokens(list(chunk))
        if r is None or r[0] not in by_head:
            continue
        head_tok = chunk.root
        if not free(head_tok.idx, head_tok.idx + len(head_tok)):
            continue
        picked = pick_role(r[1], by_head[r[0]])
        if picked is not None:
            yield chunk.start_char, chunk.end_char, picked


def _title_phrase(doc: Doc, ent: Span) -> list[Token]:
    """Tokens of the title in front of a name, in the same phrase ("Russia's defense minister",
    "US Secretary of State"): left until a verb, punctuation other than a possessive, or a determiner."""
    j = ent.start
    while j > ent.sent.start:
        t = doc[j - 1]
        if t.tag_ == "POS" or t.lower_ in ("'s", "’s"):
            j -= 1
            continue
        if t.lower_ == "of" and j < ent.start and doc[j].is_title:
            j -= 1  # "Secretary of State"
            continue
        if t.is_punct or t.pos_ in _PHRASE_BREAK:
            break
        j -= 1
    return list(doc[j : ent.end])


def affiliations(doc: Doc, persons: Persons, countries: list[tuple[int, int, str]]) -> dict[str, str]:
    """Person key -> country key, when a country name or demonym is part of the person's title
    ("Russian Defense Minister Sergei Shoigu", "North Korea's leader Kim Jong Un") or of an
    appositive role ("Sergei Shoigu, Russia's defense minister"). A title word is required, so a
    country merely standing next to a name ("in Russia Putin ...") does not count. A person given
    two different countries in one article gets none."""
    found: dict[str, set[str]] = defaultdict(set)
    for ent, key in persons:
        if not key.startswith("person:"):
            continue
        phrases = [_title_phrase(doc, ent)]
        for child in children(ent.root, "appos"):
            if child.i >= ent.end:
                phrases.append([t for t in child.subtree if t.i >= ent.end])
        for toks in phrases:
            if not toks or not any(t.lower_ in ROLE_NOUNS or is_title(t.lower_) for t in toks):
                continue
            s, e = toks[0].idx, toks[-1].idx + len(toks[-1])
            for cs, ce, ckey in countries:
                if s <= cs and ce <= e and not (ent.start_char <= cs < ent.end_char):
                    found[key].add(ckey)
    return {k: next(iter(v)) for k, v in found.items() if len(v) == 1}
