"""Cross-document event coreference: which event reports are one real event.

Two reports are one event when everything a careful reader checks agrees:
- the predicate: their concepts meet (`consolidate.predicates`: "acquisition" = "agreed to buy" =
  "acquires"), or both have one PLOVER type (and mode) and then a higher similarity is needed;
- modality: factual reports, denials and attributions of the same act merge; plans, hypotheticals
  and negations stay apart;
- time: two dates of their own that do not overlap are two occurrences (the same actor years apart);
  reports dated only by their publication far apart stay apart; an unknown date neither merges nor
  separates;
- participants (`consolidate.participants`, name variants matched, any role, places apart): when both
  name actors, one of them must take part in the other; a shared participant lowers the similarity
  needed, a shared recipient with other actors is not enough, and agentless reports ("have been
  arrested") join by object, place or day, or by a high similarity alone;
- sub-events: a report dated "during" another event is part of it, never merged with it;
- the sentence embeddings (`storyline.embed.embed_reports`) of the two reports; less similarity is needed when
  the two articles name mostly the same participants and places (they tell of the same happening).
Clusters grow best pair first; two clusters join only when every cross pair stays compatible, and two
reports from one sentence of one article stay two.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from storyline import dates, modality
from storyline.consolidate import participants as parts
from storyline.consolidate.blocking import candidate_pairs
from storyline.consolidate.predicates import concepts
from storyline.records import Article, Event
from storyline.syntax import UnionFind

SIM_SHARED = 0.55  # cosine needed when the reports share a participant
SIM_DISJOINT_RECIPIENTS = 0.75  # ... and when both name recipients but none in common
SIM_WEAK = 0.55  # no participant in common, but an object head, a place or their own day
SIM_AGENTLESS = 0.6  # nothing in common and at least one side names no participant
SIM_OTHER_CONCEPT = 0.8  # one PLOVER type, but predicates of different concepts ("buy" / "ship")
SIM_CONTEXT = 0.4  # ... when their articles share much of their participants (CONTEXT_SHARE of them)
CONTEXT_SHARE = 0.2  # Jaccard of the two articles' participants and places: they tell of one story
DISJOINT_OBJECTS = 0.05  # added when both name objects and no head is shared ("cut jobs" / "cut prices")
BOUND_GAP_DAYS = 60  # reports dated only by their publication merge within this window


@dataclass(frozen=True)
class Report:
    """One event report with what coreference compares, computed once."""

    ev: Event
    concepts: frozenset[str]
    actors: tuple[str, ...]
    people: tuple[str, ...]
    places: frozenset[str]
    objects: frozenset[str]
    article: str | None
    published: str | None


def reports(events: list[Event], articles: dict[str, Article]) -> list[Report]:
    out = []
    for ev in events:
        art = ev.evidence[0].article if ev.evidence else None
        pub = articles[art].published if art in articles else None
        out.append(Report(ev, concepts(ev, articles), tuple(parts.actors(ev)), tuple(parts.people(ev)),
                          frozenset(parts.places(ev)), frozenset(parts.object_heads(ev)), art, pub))  # fmt: skip
    return out


def _bound_gap(a: Report, b: Report) -> bool:
    """Neither report has its own date and their articles are far apart in time: keep apart."""
    if dates.is_own(a.ev.date) or dates.is_own(b.ev.date) or not a.published or not b.published:
        return False
    gap = abs((dt.date.fromisoformat(a.published) - dt.date.fromisoformat(b.published)).days)
    return gap > BOUND_GAP_DAYS


def _same_sentence(a: Event, b: Event) -> bool:
    """Two reports from one sentence of one article are two events, never one."""
    for x in a.evidence:
        for y in b.evidence:
            if x.article == y.article and x.start < y.end and y.start < x.end:
                return True
    return False


def part_of(a: Event, b: Event) -> bool:
    """`a` is dated during `b`: it happened within it, as a part of it ("a strike during the offensive")."""
    return a.date is not None and a.date.relation == "during" and a.date.anchor == b.id


def _actors_clash(a: Report, b: Report, aff: dict[str, str]) -> bool:
    """Both name actors and neither's actor takes part in the other (two bidders for one player)."""
    if not a.actors or not b.actors:
        return False
    if parts.meet(list(a.actors), list(b.people)) or parts.meet(list(b.actors), list(a.people)):
        return False
    return not (parts.stands_for(a.ev, b.ev, aff) or parts.stands_for(b.ev, a.ev, aff))


def compatible(a: Report, b: Report, aff: dict[str, str]) -> bool:
    """Nothing rules the pair out: modality, dates, sentence, sub-event, actors."""
    ea, eb = a.ev, b.ev
    if modality.group(ea.modality) != modality.group(eb.modality):
        return False
    if dates.clash(ea.date, eb.date) or _bound_gap(a, b) or _same_sentence(ea, eb):
        return False
    if part_of(ea, eb) or part_of(eb, ea):
        return False
    return not _actors_clash(a, b, aff)


def _predicate_need(a: Report, b: Report) -> float | None:
    """Similarity the predicates ask for, or None when they name different kinds of happening."""
    if a.concepts & b.concepts:
        return SIM_SHARED
    ea, eb = a.ev, b.ev
    if ea.type == "OTHER" or ea.type != eb.type or (ea.mode and eb.mode and ea.mode != eb.mode):
        return None
    return SIM_OTHER_CONCEPT if a.concepts and b.concepts else SIM_SHARED


def article_context(rs: list[Report]) -> dict[str | None, frozenset[str]]:
    """Each article's participants and places over all its reports: what the article is about."""
    out: dict[str | None, set[str]] = {}
    for r in rs:
        out.setdefault(r.article, set()).update(r.people, r.places)
    return {a: frozenset(v) for a, v in out.items()}


def _context_share(a: Report, b: Report, context: dict[str | None, frozenset[str]]) -> float:
    if a.article is None or b.article is None or a.article == b.article:
        return 0.0
    ca, cb = context.get(a.article, frozenset()), context.get(b.article, frozenset())
    return len(ca & cb) / len(ca | cb) if ca | cb else 0.0


def _says_who_or_what(r: Report) -> bool:
    """The report names a participant, an object or a place: a bare "being sent" says too little to
    lean on its article's context."""
    return bool(r.people or r.objects or r.places)


def need(a: Report, b: Report, aff: dict[str, str],
         context: dict[str | None, frozenset[str]] | None = None) -> float | None:  # fmt: skip
    """Similarity needed to merge a compatible pair, or None when predicate or participants rule it out."""
    base = _predicate_need(a, b)
    if base is None:
        return None
    in_context = (base < SIM_OTHER_CONCEPT and _says_who_or_what(a) and _says_who_or_what(b)
                  and _context_share(a, b, context or {}) >= CONTEXT_SHARE)  # fmt: skip
    if in_context:
        base = SIM_CONTEXT
    shared = parts.meet(list(a.people), list(b.people)) or parts.stands_for(a.ev, b.ev, aff) \
        or parts.stands_for(b.ev, a.ev, aff)  # fmt: skip
    if shared:
        ra, rb = a.ev.recipients, b.ev.recipients
        if ra and rb and not parts.meet(ra, rb):
            base = max(base, SIM_DISJOINT_RECIPIENTS)
    elif a.people and b.people:
        return None  # both name participants and none is the other's
    elif in_context:
        pass  # the articles' shared participants stand in for the ones the reports leave out
    elif a.places & b.places or a.objects & b.objects or _same_day(a.ev, b.ev):
        base = max(base, SIM_WEAK)
    else:
        base = max(base, SIM_AGENTLESS)
    if a.objects and b.objects and not a.objects & b.objects:
        base += DISJOINT_OBJECTS
    return base


def _same_day(a: Event, b: Event) -> bool:
    if not (dates.is_own(a.date) and dates.is_own(b.date)) or a.date is None or b.date is None:
        return False
    return a.date.first_day == a.date.last_day == b.date.first_day == b.date.last_day


def _content(ev: Event) -> str:
    sentence = ev.evidence[0].sentence if ev.evidence else ""
    return f"{ev.summary}. {sentence[:300]}"


def scored_pairs(rs: list[Report], aff: dict[str, str]) -> list[tuple[float, int, int]]:
    """Candidate pairs that pass every check, with their similarity, best first (only the reports
    of such pairs are embedded)."""
    from storyline.embed import embed_reports

    context = article_context(rs)
    wanted = []
    for i, j in sorted(candidate_pairs([r.ev for r in rs], [r.concepts for r in rs], aff)):
        a, b = rs[i], rs[j]
        want = need(a, b, aff, context) if compatible(a, b, aff) else None
        if want is not None:
            wanted.append((want, i, j))
    if not wanted:
        return []
    needed = sorted({i for _w, i, j in wanted} | {j for _w, i, j in wanted})
    vecs = embed_reports([_content(rs[i].ev) for i in needed])
    row = {i: n for n, i in enumerate(needed)}
    out = []
    for want, i, j in wanted:
        sim = float(np.dot(vecs[row[i]], vecs[row[j]]))
        if sim >= want:
            out.append((sim, i, j))
    return sorted(out, reverse=True)


def cluster(events: list[Event], articles: dict[str, Article], aff: dict[str, str]) -> list[list[int]]:
    """Indices of the reports of each event, clusters in order of their first report."""
    rs = reports(events, articles)
    uf = UnionFind(range(len(events)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(events))}  # root -> its reports
    for _sim, i, j in scored_pairs(rs, aff):
        ri, rj = uf[i], uf[j]
        if ri == rj:
            continue
        if all(compatible(rs[x], rs[y], aff) for x in members[ri] for y in members[rj]):
            uf.union(ri, rj)
            root = uf[ri]
            members[root].extend(members.pop(rj if root == ri else ri))
    return sorted(members.values(), key=min)
