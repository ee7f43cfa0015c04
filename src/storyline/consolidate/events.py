"""Consolidation: reports of the same event from many articles become one event with all evidence.

Two reports merge when they have the same PLOVER type (and mode, where both have one), share an
actor (or, when neither names one, a recipient), have compatible modality (factual reports,
denials and attributions of the same act merge; plans, hypotheticals and negations stay apart),
compatible dates, and similar content by sentence embeddings (`storyline.embed`). Candidate pairs
come only from blocks keyed by (type, participant) and, inside a large block, from a sliding window
over time, so the work grows with the block sizes, not with the square of the corpus.

Dates: two explicit dates that do not overlap mean two occurrences (a launch on Monday and one on
Friday), so such reports never merge. When an explicit date and a date inferred another way
(relative to another event, tense, publication) disagree inside one merged event, both are kept in
`conflicts` with their evidence. A date given relative to another event ("following the visit") is
resolved from that event's consolidated date (how="cross-source" when it comes from another article).

Claims: `consolidate_events` mutates the given claims in place (claim.events gets merged event ids,
claim.conflicts_with gets the ids of opposite-stance claims about the same event) and returns the
new event list.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Iterable

import numpy as np

from storyline import dates, modality
from storyline.records import Article, Claim, Conflict, DateInfo, Event, Evidence
from storyline.resolve.actors import ROLE_NOUNS
from storyline.syntax import UnionFind

SIM_SHARED = 0.55  # cosine needed when actors overlap
SIM_DISJOINT_RECIPIENTS = 0.75  # ... and when both name recipients but none in common
WINDOW = 200  # candidate window inside a large block


BOUND_GAP_DAYS = 60  # reports dated only by their publication merge within this window


def _hard_date_clash(a: Event, b: Event) -> bool:
    """Both dates read from time expressions and disjoint: different occurrences (two launches)."""
    return dates.clash(a.date, b.date)


def _bound_gap(a: Event, b: Event, published: dict[str, str]) -> bool:
    """Neither report has its own date and their articles are far apart in time: keep apart."""
    if dates.is_own(a.date) or dates.is_own(b.date):
        return False
    pa = published.get(a.evidence[0].article) if a.evidence else None
    pb = published.get(b.evidence[0].article) if b.evidence else None
    if not pa or not pb:
        return False
    gap = abs((dt.date.fromisoformat(pa) - dt.date.fromisoformat(pb)).days)
    return gap > BOUND_GAP_DAYS


def _content(ev: Event) -> str:
    sentence = ev.evidence[0].sentence if ev.evidence else ""
    return f"{ev.summary}. {sentence[:300]}"


def _kind(ev: Event) -> str:
    """What must match for two reports to be candidates: the PLOVER type, or outside PLOVER the
    predicate (which `_compatible` requires anyway), so blocks stay small when most events are OTHER."""
    return f"OTHER:{ev.predicate}" if ev.type == "OTHER" else ev.type


def _blocks(events: list[Event], aff: dict[str, str]) -> dict[tuple[str, str], list[int]]:
    out: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, ev in enumerate(events):
        kind = _kind(ev)
        for k in dict.fromkeys(ev.actors or ev.recipients):
            out[(kind, k)].append(i)
        # persons with a known country, and reports whose actor is one unnamed official of a country
        for k in dict.fromkeys(aff[a] for a in ev.actors if a in aff):
            out[(kind, "official-of:" + k)].append(i)
        if len(ev.actors) == 1 and _single_official(ev):
            out[(kind, "official-of:" + ev.actors[0])].append(i)
    return out


_WORDS = re.compile(r"[A-Za-z][A-Za-z-]*")
ACTOR_WORDS = 5  # summaries open with the actor phrase ("Russia's defense chief traveled to ...")


def _single_official(ev: Event) -> bool:
    """The report's actor phrase is one unnamed official ("Russia's defense chief", "the Iranian
    foreign minister"): a singular role noun opens the summary. Groups ("Russian officials",
    "a delegation") do not qualify: they are other people than any one named official."""
    words = [w.lower() for w in _WORDS.findall(ev.summary)[:ACTOR_WORDS]]
    return any(w in ROLE_NOUNS for w in words) and not any(w.endswith("s") and w[:-1] in ROLE_NOUNS for w in words)


def _stands_for(person_ev: Event, country_ev: Event, aff: dict[str, str]) -> bool:
    """`country_ev`'s actor is a country standing for one of its officials, and that official's
    country is the country of a person acting in `person_ev` (Shoigu <- "Russia's defense chief")."""
    if len(country_ev.actors) != 1 or not _single_official(country_ev):
        return False
    return any(aff.get(a) == country_ev.actors[0] for a in person_ev.actors)


def _same_sentence(a: Event, b: Event) -> bool:
    """Two reports from one sentence of one article are two events, never one."""
    for x in a.evidence:
        for y in b.evidence:
            if x.article == y.article and x.start < y.end and y.start < x.end:
                return True
    return False


def _date_key(ev: Event) -> str:
    iv = dates.interval(ev.date)
    return iv[0] if iv else "0000"


def _candidate_pairs(events: list[Event], aff: dict[str, str]) -> set[tuple[int, int]]:
    pairs: set[tuple[int, int]] = set()
    for members in _blocks(events, aff).values():
        members = sorted(set(members), key=lambda i: _date_key(events[i]))
        for x, i in enumerate(members):
            for j in members[x + 1 : x + 1 + WINDOW]:
                pairs.add((min(i, j), max(i, j)))
    return pairs


def _compatible(a: Event, b: Event, published: dict[str, str]) -> bool:
    if a.type != b.type or modality.group(a.modality) != modality.group(b.modality):
        return False
    if a.mode and b.mode and a.mode != b.mode:
        return False
    if a.type == "OTHER" and a.predicate != b.predicate:
        return False  # outside PLOVER the predicate is the type: "cut jobs" never merges with "close plants"
    return not _hard_date_clash(a, b) and not _bound_gap(a, b, published)


def _threshold(a: Event, b: Event, aff: dict[str, str]) -> float | None:
    """Similarity needed to merge, or None when participants rule it out."""
    if a.actors and b.actors:
        if not set(a.actors) & set(b.actors) and not (_stands_for(a, b, aff) or _stands_for(b, a, aff)):
            return None
    elif a.actors or b.actors:
        if not (set(a.actors) | set(a.recipients)) & (set(b.actors) | set(b.recipients)):
            return None
    if a.recipients and b.recipients and not set(a.recipients) & set(b.recipients):
        return SIM_DISJOINT_RECIPIENTS
    return SIM_SHARED


def _cluster(events: list[Event], published: dict[str, str], aff: dict[str, str]) -> list[list[int]]:
    from storyline.embed import embed

    pairs = sorted(_candidate_pairs(events, aff))
    uf = UnionFind(range(len(events)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(events))}  # root -> its events
    if not pairs:
        return list(members.values())
    needed = sorted({i for p in pairs for i in p})
    vecs = embed([_content(events[i]) for i in needed])
    row = {i: r for r, i in enumerate(needed)}
    scored = []
    for i, j in pairs:
        a, b = events[i], events[j]
        if not _compatible(a, b, published):
            continue
        need = _threshold(a, b, aff)
        if need is None:
            continue
        sim = float(np.dot(vecs[row[i]], vecs[row[j]]))
        if sim >= need:
            scored.append((sim, i, j))
    for _sim, i, j in sorted(scored, reverse=True):
        ri, rj = uf[i], uf[j]
        if ri == rj:
            continue
        # every cross pair must stay compatible (no two explicit, disjoint dates in one event)
        if all(
            _compatible(events[x], events[y], published) and not _same_sentence(events[x], events[y])
            for x in members[ri]
            for y in members[rj]
        ):
            uf.union(ri, rj)
            root = uf[ri]
            members[root].extend(members.pop(rj if root == ri else ri))
    return sorted(members.values(), key=min)


def _ranked(values: Iterable[str]) -> list[str]:
    counts = Counter(values)
    first: dict[str, int] = {}
    for n, v in enumerate(values if isinstance(values, list) else list(counts)):
        first.setdefault(v, n)
    return sorted(counts, key=lambda v: (-counts[v], first.get(v, 0)))


def _canonical_article(aid: str, articles: dict[str, Article]) -> str:
    seen = set()
    while aid in articles and articles[aid].duplicate_of and aid not in seen:
        seen.add(aid)
        aid = articles[aid].duplicate_of or aid
    return aid


def _best_member(members: list[Event]) -> Event | None:
    """The report whose date leads: own dates before bounds, then the narrowest."""
    best = _best_date(members)
    if best is None:
        return None
    return next((e for e in members if e.date is not None and (e.date.first_day, e.date.last_day, e.date.how)
                 == (best.first_day, best.last_day, best.how)), None)  # fmt: skip


def _best_date(members: list[Event]) -> DateInfo | None:
    return dates.best(e.date for e in members)


def _date_conflict(members: list[Event]) -> Conflict | None:
    """Disagreeing dates among reports with their own (not publication-bound) date."""
    own = [e for e in members if e.date is not None and e.date.how in ("explicit", "relative", "cross-source")]
    own = [e for e in own if dates.interval(e.date) is not None]
    clash = any(not dates.overlap(dates.interval(a.date), dates.interval(b.date)) for a in own for b in own if a is not b)
    if not clash:
        return None
    values = []
    evidence: list[Evidence] = []
    seen = set()
    for e in own:
        d = e.date
        assert d is not None
        key = (d.first_day, d.last_day, d.text)
        if key in seen:
            continue
        seen.add(key)
        values.append(
            {"first_day": d.first_day, "last_day": d.last_day, "precision": d.precision, "text": d.text,
             "how": d.how, "article": e.evidence[0].article if e.evidence else None}
        )  # fmt: skip
        evidence.extend(e.evidence[:1])
    return Conflict("date", values, evidence)


def _resolve_anchors(events: list[Event], cluster_of: dict[str, int], leaders: dict[int, Event | None],
                     articles: dict[str, Article]) -> bool:
    """Fill "after/before <event>" dates from the anchor's consolidated date. True if any changed."""
    changed = False
    for ev in events:
        d = ev.date
        if d is None or d.anchor is None or d.anchor not in cluster_of:
            continue
        leader = leaders.get(cluster_of[d.anchor])
        anchor_date = leader.date if leader is not None else None
        if anchor_date is None or anchor_date.how not in ("explicit", "relative", "cross-source"):
            continue
        art = articles.get(ev.evidence[0].article) if ev.evidence else None
        published = art.published if art else None
        assert leader is not None
        same = bool(leader.evidence and ev.evidence and leader.evidence[0].article == ev.evidence[0].article)
        how = "relative" if same and anchor_date.how in dates.OWN_HOWS else "cross-source"
        resolved = dates.resolve_relative(d, anchor_date, published, how)
        if resolved is not None:
            ev.date = resolved
            changed = True
    return changed


def _merge(members: list[Event], articles: dict[str, Article]) -> Event:
    order = sorted(members, key=lambda e: (modality.rank(e.modality),
                                           -len(e.actors) - len(e.recipients) - len(e.objects), e.id))
    rep = order[0]
    modes = [e.mode for e in members if e.mode]
    actors = _ranked([k for e in members for k in e.actors])
    recipients = [k for k in _ranked([k for e in members for k in e.recipients]) if k not in actors]
    objects = list(dict.fromkeys(o for e in members for o in e.objects))
    locations = [e.location for e in members if e.location]
    sources = list(dict.fromkeys(
        _canonical_article(s, articles) for e in sorted(members, key=lambda e: e.id) for s in (e.sources or [])
    ))  # fmt: skip
    outlets = list(dict.fromkeys(
        o for s in sources for o in ([articles[s].outlet or ""] if s in articles else []) if o
    ))  # fmt: skip
    if not outlets:
        outlets = list(dict.fromkeys(o for e in members for o in e.outlets))
    factuality = modality.nearest(e.modality for e in members)
    evidence = [ev for e in sorted(members, key=lambda e: e.id) for ev in e.evidence]
    conflicts = [c for e in members for c in e.conflicts]
    date_conflict = _date_conflict(members)
    if date_conflict is not None:
        conflicts.append(date_conflict)
    return Event(
        id=rep.id if len(members) == 1 else min(members, key=lambda e: e.id).id,
        type=rep.type,
        mode=Counter(modes).most_common(1)[0][0] if modes else None,
        actors=actors,
        recipients=recipients,
        objects=objects,
        location=Counter(locations).most_common(1)[0][0] if locations else None,
        date=_best_date(members),
        modality=factuality,
        summary=rep.summary,
        evidence=evidence,
        claims=list(dict.fromkeys(c for e in members for c in e.claims)),
        sources=sources,
        outlets=outlets,
        conflicts=conflicts,
        timeml_class=rep.timeml_class,
        predicate=rep.predicate,
        tense=rep.tense,
        aspect=rep.aspect,
        polarity=rep.polarity,
        triggers=list({(t.article, t.start, t.end): t for e in sorted(members, key=lambda e: e.id)
                       for t in e.triggers}.values()),
    )


def link_claims(events: list[Event], claims: list[Claim]) -> None:
    """claim.events <-> event.claims both ways, and deny vs assert claims about one event conflict."""
    by_id = {c.id: c for c in claims}
    for ev in events:
        for cid in ev.claims:
            claim = by_id.get(cid)
            if claim is not None and ev.id not in claim.events:
                claim.events.append(ev.id)
        linked = [by_id[c] for c in ev.claims if c in by_id]
        denies = [c for c in linked if c.stance == "deny"]
        asserts = [c for c in linked if c.stance in ("assert", "hedge")]
        for d in denies:
            for a in asserts:
                if d.speaker is not None and d.speaker == a.speaker:
                    continue
                if a.id not in d.conflicts_with:
                    d.conflicts_with.append(a.id)
                if d.id not in a.conflicts_with:
                    a.conflicts_with.append(d.id)


def consolidate_events(
    events: list[Event],
    claims: list[Claim],
    articles: dict[str, Article],
    affiliation: dict[str, str] | None = None,
) -> list[Event]:
    """Merged events (new list; input events may get their relative dates filled). Mutates `claims`.

    `affiliation` maps person entity ids to their country's id ("Russian Defense Minister Sergei
    Shoigu"); with it, a report whose actor is a country standing for one unnamed official ("Russia's
    defense chief traveled") can join the same act by that country's named person.
    """
    if not events:
        return []
    published = {aid: a.published for aid, a in articles.items() if a.published}
    clusters = _cluster(events, published, affiliation or {})
    cluster_of = {events[i].id: n for n, members in enumerate(clusters) for i in members}
    for _ in range(3):  # anchors can chain: resolve until stable
        leaders = {n: _best_member([events[i] for i in members]) for n, members in enumerate(clusters)}
        if not _resolve_anchors(events, cluster_of, leaders, articles):
            break
    merged = [_merge([events[i] for i in members], articles) for members in clusters]
    # anchors in the output point at merged ids
    final_id = {events[i].id: merged[n].id for n, members in enumerate(clusters) for i in members}
    for ev in merged:
        if ev.date is not None and ev.date.anchor:
            ev.date.anchor = final_id.get(ev.date.anchor, ev.date.anchor)
    link_claims(merged, claims)
    return merged
