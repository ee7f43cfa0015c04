"""The same statement reported by several outlets becomes one claim with several evidence entries.

Quotes are compared after normalising quotation marks, case, punctuation, whitespace and elisions
("...", "[...]"). Two claims of the same speaker merge when their normalised contents are equal,
one contains the other (an outlet quoting part of the statement), or their word 4-gram sets are
near-identical. Paraphrases by the same speaker on the same day are linked through `related`.
Candidate pairs come from an index of word 4-grams per speaker, so the work grows with the number
of claims sharing wording, not with the square of the corpus. A speaker without an entity key ("the
company", "a top White House official") is a speaker of its own article only: its description
(compared without case) never joins claims across articles.

A denial and what it denies are linked both ways through `conflicts_with`: the claims its "the
accusation" / "such reports" refers back to (`target_claims`) are the set of statements it answers.
A concessive tail after a comma ("..., even though rockets were found") is the reporter's own
statement, so it is cut from a denial's content.
"""

from __future__ import annotations

import copy
import re
from collections import defaultdict

from storyline import dates, lexicon
from storyline.records import Article, Claim

_ELISION = re.compile(r"\[\s*(?:\.\s*){2,}\]|\[\s*…\s*\]|(?:\.\s*){3,}|…")
_NONWORD = re.compile(r"[^\w\s]")
_STOP = lexicon.words("claim_match_stop_words")
_WORDS = re.compile(r"[\w'-]+")
_DEFINITE = lexicon.words("anaphoric_determiners")
_ANAPHORIC: dict[str, str] = lexicon.table("anaphoric_claim_nouns")
_CONCESSIVE = re.compile(
    r",\s+(?:" + "|".join(re.escape(w) for w in sorted(lexicon.words("concessive_connectives"), key=len,
                                                          reverse=True)) + r")\b",
    re.I,
)
MERGE_JACCARD = 0.85
RELATED_JACCARD = 0.35


def normalize(text: str) -> str:
    """Comparable form of a statement: no quote marks, elisions, punctuation or case."""
    t = _ELISION.sub(" ", text)
    t = t.replace("’", "'").replace("‘", "'")
    t = _NONWORD.sub(" ", t.lower())
    return " ".join(t.split())


def _grams(words: list[str], n: int = 4) -> set[tuple[str, ...]]:
    if len(words) < n:
        return {tuple(words)} if words else set()
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def _day(c: Claim, articles: dict[str, Article]) -> str | None:
    if c.said_on and c.said_on.first_day and c.said_on.first_day == c.said_on.last_day:
        return c.said_on.first_day
    art = articles.get(c.evidence[0].article) if c.evidence else None
    return art.published if art else None


def speaker_identity(c: Claim) -> str:
    """Who a claim is by, for merging: the entity key, else the source's description within its
    article ("A top White House official" = "a top White House official"), else no one."""
    if c.speaker:
        return c.speaker
    art = c.evidence[0].article if c.evidence else ""
    return f"anon:{art}:{' '.join(c.speaker_text.lower().split())}"


def _rank(c: Claim, articles: dict[str, Article]) -> tuple[str, str]:
    art = articles.get(c.evidence[0].article) if c.evidence else None
    return ((art.published if art and art.published else "9999"), c.id)


def merge_claims(claims: list[Claim], articles: dict[str, Article]) -> list[Claim]:
    """Merge repeated statements (same speaker, near-identical content); link same-day paraphrases."""
    # Work on copies: callers keep their per-article claims unchanged.
    order = sorted((copy.deepcopy(c) for c in claims), key=lambda c: _rank(c, articles))
    norm = {c.id: normalize(c.content) for c in order}
    grams = {c.id: _grams(norm[c.id].split()) for c in order}
    parent: dict[str, str] = {c.id: c.id for c in order}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    # Index by (speaker, 4-gram): only claims sharing wording are compared.
    index: dict[tuple[str, tuple[str, ...]], list[str]] = defaultdict(list)
    by_id = {c.id: c for c in order}
    for c in order:
        seen: set[str] = set()
        who = speaker_identity(c)
        for g in grams[c.id]:
            for other in index[(who, g)]:
                if other in seen:
                    continue
                seen.add(other)
                if _same_statement(
                    norm[c.id], norm[other], grams[c.id], grams[other], c.content, by_id[other].content
                ):
                    ra, rb = find(other), find(c.id)
                    if ra != rb:
                        parent[rb] = ra
            bucket = index[(who, g)]
            if len(bucket) < 200:
                bucket.append(c.id)

    groups: dict[str, list[Claim]] = defaultdict(list)
    for c in order:
        groups[find(c.id)].append(c)
    merged: list[Claim] = []
    alias: dict[str, str] = {}
    for root, members in groups.items():
        head = by_id[root]
        for m in members:
            alias[m.id] = head.id
            if m is head:
                continue
            head.evidence.extend(e for e in m.evidence if e not in head.evidence)
            head.events.extend(e for e in m.events if e not in head.events)
            head.conflicts_with.extend(e for e in m.conflicts_with if e not in head.conflicts_with)
            head.related.extend(e for e in m.related if e not in head.related)
            if len(m.content) > len(head.content):
                head.content = m.content  # the fullest wording of the statement
            if m.said_on and (head.said_on is None or dates.rank(m.said_on) < dates.rank(head.said_on)):
                head.said_on = m.said_on
            if head.stance == "assert" and m.stance != "assert":
                head.stance = m.stance
            head.target_claims.extend(e for e in m.target_claims if e not in head.target_claims)
        merged.append(head)

    # Paraphrases: same speaker, same day, overlapping content words.
    buckets: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for c in merged:
        day = _day(c, articles)
        if c.speaker and day:
            buckets[(c.speaker, day)].append(c)
    words = {c.id: set(norm[c.id].split()) - _STOP for c in merged}
    for group in buckets.values():
        if len(group) > 300:
            continue  # a speaker with hundreds of statements a day: skip rather than go quadratic
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                wa, wb = words[a.id], words[b.id]
                if wa and wb and len(wa & wb) / len(wa | wb) >= RELATED_JACCARD:
                    if b.id not in a.related:
                        a.related.append(b.id)
                    if a.id not in b.related:
                        b.related.append(a.id)
    for c in merged:
        c.related = sorted({alias.get(r, r) for r in c.related} - {c.id})
        c.conflicts_with = sorted({alias.get(r, r) for r in c.conflicts_with} - {c.id})
        c.target_claims = sorted({alias.get(r, r) for r in c.target_claims} - {c.id})
        if c.reported_by is not None:
            c.reported_by = alias.get(c.reported_by, c.reported_by)
    link_denials(merged, articles)
    for c in merged:
        if c.stance == "deny":
            _trim_concession(c)
    link_answered(merged)
    return merged


def _trim_concession(c: Claim) -> None:
    """Cut a concessive tail (the reporter's words) from a denial's content and target."""
    m = _CONCESSIVE.search(c.content)
    if m is None or m.start() == 0:
        return
    if c.target == c.content:
        c.target = c.content[: m.start()]
    c.content = c.content[: m.start()]


def link_answered(claims: list[Claim]) -> None:
    """A denial conflicts with the statements it refers back to (`target_claims`), both ways; never
    with its own speaker's statements or with the claim that reports it."""
    by_id = {c.id: c for c in claims}
    for d in claims:
        if d.stance != "deny":
            continue
        for tid in d.target_claims:
            t = by_id.get(tid)
            if t is None or t.stance == "deny" or (d.speaker and t.speaker == d.speaker):
                continue
            if d.reported_by == t.id or t.reported_by == d.id:
                continue
            if t.id not in d.conflicts_with:
                d.conflicts_with.append(t.id)
            if d.id not in t.conflicts_with:
                t.conflicts_with.append(d.id)
    for c in claims:
        c.conflicts_with.sort()


def refers_back(content: str) -> tuple[str, bool] | None:
    """(class, plural) when a claim's content is a definite noun that refers back to claims ("the
    accusation", "these reports"); None for anything with more to it ("reports that ..."). Kept free of
    spaCy so that merging can use it; the extractor links within an article with it too."""
    words = [w.lower() for w in _WORDS.findall(content)]
    if not 2 <= len(words) <= 4 or words[0] not in _DEFINITE:
        return None
    head = words[-1]
    plural = head.endswith("s") and head[:-1] in _ANAPHORIC
    noun = head[:-1] if plural else head
    return (_ANAPHORIC[noun], plural) if noun in _ANAPHORIC else None


def link_denials(claims: list[Claim], articles: dict[str, Article]) -> None:
    """A denial of "the accusation" / "the reports" / "such claims" that its own article does not
    explain refers to the statements aimed at the denier in articles published no later than its own
    (the latest one, or all for a plural noun). Across articles every class of noun needs a statement
    aimed at the denier: that is what makes the reference unambiguous."""
    accusations: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        if c.target and c.stance != "deny":
            accusations[c.target].append(c)
    for c in claims:
        ref = refers_back(c.content) if c.stance == "deny" and c.speaker and not c.target_claims else None
        if ref is None:
            continue
        day = _rank(c, articles)[0]
        prior = [
            a for a in accusations.get(c.speaker or "", []) if a.id != c.id and _rank(a, articles)[0] <= day
        ]
        prior.sort(key=lambda a: _rank(a, articles))
        if prior:
            c.target_claims = [a.id for a in prior] if ref[1] else [prior[-1].id]


def _fragments_in_order(frags: list[str], other: str) -> bool:
    pos = 0
    for f in frags:
        i = other.find(f, pos)
        if i < 0:
            return False
        pos = i + len(f)
    return True


def _same_statement(
    a: str, b: str, ga: set[tuple[str, ...]], gb: set[tuple[str, ...]], ra: str = "", rb: str = ""
) -> bool:
    if a == b:
        return True
    # Elided quotation: every fragment between elisions occurs, in order, in the other wording.
    for raw, other in ((ra, b), (rb, a)):
        frags = [normalize(f) for f in _ELISION.split(raw)]
        frags = [f for f in frags if f]
        if len(frags) > 1 and sum(len(f.split()) for f in frags) >= 5 and _fragments_in_order(frags, other):
            return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short.split()) >= 6 and short in long_:
        return True
    if not ga or not gb:
        return False
    inter = len(ga & gb)
    return inter / len(ga | gb) >= MERGE_JACCARD or (
        inter / min(len(ga), len(gb)) >= 0.9 and min(len(ga), len(gb)) >= 5
    )
