"""Who takes part in an event report, as consolidation compares them across articles.

Entity ids arrive canonicalised (`resolve.entities`), but variants of one name can survive
("person-cheeks" / "person-maurice-cheeks", "person-de-generes" / "person-degeneres", an acronym and
its full name), so two ids also match when one name ends the other or one is the other's initials.
A place (a city, a region, a facility) is never an actor: it goes with the event's location, so a
report whose "actor" is where it happened is not merged by that place alone. Roles are compared
loosely (an agent read as a recipient in one report still names the same participant), since
passives and inverse verbs ("bought from") swap them.
"""

from __future__ import annotations

import re
from functools import cache

from storyline import lexicon
from storyline.records import Event

_ID = re.compile(r"([a-z]+)[-:](.+)", re.IGNORECASE)
_COUNTRY = re.compile(r"gpe[-:][a-z]{3}", re.IGNORECASE)  # countries are keyed by ISO alpha-3
_PLACE_KINDS = frozenset({"loc", "fac"})
MIN_SUFFIX = 4  # letters the shorter name must have to match as the end of a longer one


def is_place(eid: str) -> bool:
    """A place rather than an actor: a location or facility, or a GPE that is not a country."""
    m = _ID.fullmatch(eid)
    if not m:
        return False
    kind = m.group(1).lower()
    return kind in _PLACE_KINDS or (kind == "gpe" and not _COUNTRY.fullmatch(eid))


def _parts(eid: str) -> tuple[str, list[str]]:
    m = _ID.fullmatch(eid)
    if not m:
        return "", [eid.lower()]
    return m.group(1).lower(), [t for t in re.split(r"[^a-z0-9]+", m.group(2).lower()) if t]


@cache
def _skip() -> frozenset[str]:
    return lexicon.words("acronym_skip_words")


def _initials(tokens: list[str]) -> str:
    return "".join(t[0] for t in tokens if t not in _skip())


def same_participant(a: str, b: str) -> bool:
    """One entity under two ids: equal, one name ending the other, or an acronym of it."""
    if a == b:
        return True
    ka, ta = _parts(a)
    kb, tb = _parts(b)
    if ka != kb or ka in ("gpe", "norp"):  # countries and peoples are canonical already
        return False
    ja, jb = "".join(ta), "".join(tb)
    if ja == jb:
        return True  # a name written as one word or two
    if ka == "person":
        (short, _), (_, long_tokens) = sorted(((ja, ta), (jb, tb)), key=lambda p: len(p[0]))
        ends = {"".join(long_tokens[i:]) for i in range(len(long_tokens))}
        return len(short) >= MIN_SUFFIX and short in ends  # the surname alone, or a title before it
    return (len(ta) >= 2 and _initials(ta) == jb) or (len(tb) >= 2 and _initials(tb) == ja)


def keys(eid: str) -> set[str]:
    """Blocking keys under which every variant of the id meets (`same_participant`)."""
    kind, tokens = _parts(eid)
    out = {eid}
    if kind == "person" and tokens:
        out.add(f"person~{tokens[-1]}")
        out.update(f"person~{''.join(tokens[i:])}" for i in range(len(tokens) - 1))
    elif kind not in ("gpe", "norp", "") and tokens:
        out.add(f"{kind}~{''.join(tokens)}")
        if len(tokens) >= 2:
            out.add(f"{kind}~{_initials(tokens)}")
    return out


def actors(ev: Event) -> list[str]:
    return [a for a in ev.actors if not is_place(a)]


def people(ev: Event) -> list[str]:
    """Every participant that is not a place, whatever its role."""
    return [p for p in dict.fromkeys(ev.actors + ev.recipients) if not is_place(p)]


def places(ev: Event) -> set[str]:
    out = {p for p in ev.actors + ev.recipients if is_place(p)}
    if ev.location:
        out.add(ev.location)
    return out


def meet(xs: list[str], ys: list[str]) -> bool:
    """Some participant of one list is some participant of the other."""
    return any(same_participant(x, y) for x in xs for y in ys)


def object_heads(ev: Event) -> set[str]:
    """Head nouns of the objects ("23 heavily armed pirates" -> "pirate"), singular."""
    out = set()
    for o in ev.objects:
        words = re.findall(r"[a-z]+", o.lower())
        if words:
            w = words[-1]
            out.add(w[:-1] if w.endswith("s") and len(w) > 3 else w)
    return out


_WORDS = re.compile(r"[A-Za-z][A-Za-z-]*")
ACTOR_WORDS = 5  # summaries open with the actor phrase ("Russia's defense chief traveled to ...")


def single_official(ev: Event) -> bool:
    """The report's actor phrase is one unnamed official ("Russia's defense chief", "the Iranian
    foreign minister"): a singular role noun opens the summary. Groups ("Russian officials",
    "a delegation") do not qualify: they are other people than any one named official."""
    from storyline.resolve.actors import ROLE_NOUNS

    words = [w.lower() for w in _WORDS.findall(ev.summary)[:ACTOR_WORDS]]
    return any(w in ROLE_NOUNS for w in words) and not any(w.endswith("s") and w[:-1] in ROLE_NOUNS for w in words)


def stands_for(person_ev: Event, country_ev: Event, aff: dict[str, str]) -> bool:
    """`country_ev`'s actor is a country standing for one of its officials, and that official's
    country is the country of a person acting in `person_ev` (Shoigu <- "Russia's defense chief")."""
    if len(country_ev.actors) != 1 or not single_official(country_ev):
        return False
    return any(aff.get(a) == country_ev.actors[0] for a in person_ev.actors)


def official_keys(ev: Event, aff: dict[str, str]) -> set[str]:
    """Blocking keys joining a named official's act with one by "their country's official"."""
    out = {"official-of:" + aff[a] for a in ev.actors if a in aff}
    if len(ev.actors) == 1 and single_official(ev):
        out.add("official-of:" + ev.actors[0])
    return out
