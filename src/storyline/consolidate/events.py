"""Consolidation: reports of the same event from many articles become one event with all evidence.

Which reports are one event is decided in `consolidate.coref` (predicate concepts, participants,
time, modality, sub-events, sentence embeddings; candidates from `consolidate.blocking`). Here the
reports of each event are merged: participants ranked, sources and outlets (syndicated copies once),
the best date, every piece of evidence and every trigger.

Dates: when an explicit date and a date inferred another way (relative to another event, tense,
publication) disagree inside one merged event, both are kept in `conflicts` with their evidence. A
date given relative to another event ("following the visit") is resolved from that event's
consolidated date (how="cross-source" when it comes from another article). A report dated "during"
another event is a part of it: `part_of` names the larger event.

Claims: `consolidate_events` mutates the given claims in place (claim.events gets merged event ids,
claim.conflicts_with gets the ids of opposite-stance claims about the same event) and returns the
new event list.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from storyline import dates, modality
from storyline.consolidate.coref import cluster
from storyline.records import Article, Claim, Conflict, DateInfo, Event, Evidence


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
    typed = Counter(e.type for e in members if e.type != "OTHER")
    kind = typed.most_common(1)[0][0] if typed else "OTHER"  # a PLOVER type leads an OTHER report of it
    order = sorted(members, key=lambda e: (e.type != kind, modality.rank(e.modality),
                                           -len(e.actors) - len(e.recipients) - len(e.objects), e.id))
    rep = order[0]
    modes = [e.mode for e in members if e.mode and e.type == kind]
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


def _mark_parts(merged: list[Event], members: list[list[Event]], final_id: dict[str, str]) -> None:
    """A merged event one of whose reports is dated during another event is part of that event."""
    for ev, reps in zip(merged, members, strict=True):
        for r in reps:
            d = r.date
            if d is not None and d.relation == "during" and d.anchor in final_id and final_id[d.anchor] != ev.id:
                ev.part_of = final_id[d.anchor]
                break


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
    clusters = cluster(events, articles, affiliation or {})
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
    _mark_parts(merged, [[events[i] for i in members] for members in clusters], final_id)
    link_claims(merged, claims)
    return merged
