"""What kind of happening an event report names, for matching reports across articles.

The extractor's predicate is a readable lemma phrase ("capture pirates", "file for bankruptcy", "job
cut"); its head is the word the trigger stands on. Heads are mapped to concepts through the
`predicate_variants` lexicon: nominal forms to their verb ("acquisition" -> "acquire"), multi-word
predicates to one word ("take over"), and verbs for one act to a shared group ("buy" = "acquire").
Two reports can be one event only when their concepts meet.
"""

from __future__ import annotations

from functools import cache

from storyline import lexicon
from storyline.records import Article, Event

_SUFFIXES = (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"))
MIN_PREFIX = 3  # letters a trigger shares with a predicate word for that word to be its head


@cache
def _tables() -> tuple[dict[str, str], dict[str, str | None], dict[str, frozenset[str]]]:
    t = lexicon.table("predicate_variants")
    groups: dict[str, set[str]] = {}
    for group in t["synonyms"]:
        for w in group:
            groups.setdefault(w, set()).add(group[0])
    return dict(t["derivations"]), dict(t["phrases"]), {w: frozenset(g) for w, g in groups.items()}


def _base(word: str) -> str:
    """A known word for a form the parser left inflected ("transfers" -> "transfer")."""
    derivations, _, groups = _tables()
    if word in derivations or word in groups:
        return word
    for suffix, repl in _SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            cand = word[: -len(suffix)] + repl
            if cand in derivations or cand in groups:
                return cand
    return word


def concepts_of(word: str) -> frozenset[str]:
    """The concepts one head word names: its synonym groups, else the word (or its verb) itself."""
    derivations, _, groups = _tables()
    w = _base(word.lower().strip())
    w = derivations.get(w, w)
    return groups.get(w, frozenset({w}))


def head_word(ev: Event, articles: dict[str, Article]) -> str:
    """The predicate word the trigger stands on (verbs lead their phrase, nouns end it)."""
    words = ev.predicate.lower().split()
    trig = _trigger_text(ev, articles)
    if not words:
        return trig
    if not trig:
        return words[0]

    def shared(w: str) -> int:
        n = 0
        while n < min(len(w), len(trig)) and w[n] == trig[n]:
            n += 1
        return n

    best = max(words, key=shared)
    return best if shared(best) >= MIN_PREFIX else words[0]


def _trigger_text(ev: Event, articles: dict[str, Article]) -> str:
    for t in ev.triggers:
        art = articles.get(t.article)
        if art is not None and 0 <= t.start < t.end <= len(art.text):
            return art.text[t.start : t.end].lower().split()[0] if art.text[t.start : t.end].split() else ""
    return ""


def concepts(ev: Event, articles: dict[str, Article]) -> frozenset[str]:
    """The concepts of a report: its whole predicate phrase where the lexicon names it ("take into
    custody" -> arrest), else its head word's. Empty when the phrase names no happening of its own."""
    _, phrases, _ = _tables()
    words = ev.predicate.lower().split()
    for n in (len(words), 3, 2):
        phrase = " ".join(words[:n])
        if n >= 2 and phrase in phrases:
            target = phrases[phrase]
            return frozenset() if target is None else concepts_of(target)
    head = head_word(ev, articles)
    return concepts_of(head) if head else frozenset()
