"""brief.md: the story as an analyst reads it.

It leads with the story in one paragraph and its key developments, then the full dated timeline, who
claims and denies what, the open conflicts (each once), and sources and coverage. Citations are numbered
once per distinct sentence and resolved in a reference list at the end, which quotes the sentence with
its outlet, date and title; prose names articles A1, A2... and never shows internal ids. What is not
known about the articles (outlet, title) is said once, not per line.

Article-derived text is untrusted, so it is Markdown-escaped (a literal "<script>" stays text in any
renderer) and flattened onto one line (a sentence cannot start a heading or a list).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from typing import Any

from storyline import dates
from storyline.modality import NOT_ASSERTED
from storyline.render.common import (
    Citations,
    article_labels,
    by_id,
    canonical_article,
    conflict_groups,
    entity_names,
    evidence_sentence,
    excluded_items,
    main_actors,
    modality_phrase,
    name_of,
    on_timeline,
    one_line,
    sorted_events,
    source_count,
    speaker_name,
)

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#!~])")
_STANCE = {"assert": "claims", "deny": "denies", "hedge": "suggests"}
# Citations after one line of prose: the first sentences of distinct articles; the rest stay in story.json.
MAX_CITES = 2
# Key developments when the story has no key_events section (older story.json): the best supported events.
FALLBACK_KEY_EVENTS = 5
# A quoted claim in the table or a conflict is cut at a word boundary after this many characters (the
# reference list quotes the whole sentence).
QUOTE_CHARS = 140
# Off-topic events named in their section; the rest are counted.
OFF_TOPIC_SHOWN = 5
# Actors named in the story paragraph.
PARAGRAPH_ACTORS = 4
# A brief stays readable on any corpus: at most this many timeline entries (the best supported, shown in
# date order) and claim rows (denials and disputed claims first, then the most widely reported); the
# rest are counted and left to story.json and the workbench.
TIMELINE_SHOWN = 80
CLAIMS_SHOWN = 50


def esc(text: Any) -> str:
    """Markdown-escape untrusted text and keep it on one line."""
    return _MD_SPECIAL.sub(r"\\\1", one_line(str(text or "")))


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def _label(event: dict[str, Any]) -> str:
    return str(event.get("type") or "") + (f"/{event['mode']}" if event.get("mode") else "")


def _cut(text: Any, limit: int = QUOTE_CHARS) -> str:
    t = one_line(str(text or ""))
    if len(t) <= limit:
        return t
    return t[:limit].rsplit(" ", 1)[0].rstrip(",;:") + " \u2026"


class _Ctx:
    """What every section needs: names, records by id, the citation numbering and article labels."""

    def __init__(self, story: dict[str, Any]):
        self.story = story
        self.names = entity_names(story)
        self.articles = by_id(story.get("articles"))
        self.claims = by_id(story.get("claims"))
        self.events = by_id(story.get("events"))
        self.cit = Citations(self.articles)
        self.labels = article_labels(self.articles)

    def cites(self, evs: list[dict[str, Any]], limit: int = MAX_CITES) -> str:
        """Citation marks for up to `limit` sentences, earliest article first, distinct articles first."""
        def key(ev: dict[str, Any]) -> tuple[str, int]:
            art = self.articles.get(canonical_article(str(ev.get("article")), self.articles), {})
            return (art.get("published") or "9999", int(ev.get("start") or 0))

        chosen: list[dict[str, Any]] = []
        seen: set[str] = set()
        ordered = sorted(evs, key=key)
        for ev in ordered:  # one per article first, then the rest
            aid = canonical_article(str(ev.get("article")), self.articles)
            if aid not in seen:
                seen.add(aid)
                chosen.append(ev)
        chosen += [ev for ev in ordered if ev not in chosen]
        nums = list(dict.fromkeys(self.cit.cite(ev) for ev in chosen[:limit]))
        return "".join(f"[{n}]" for n in sorted(nums))


# ---------------------------------------------------------------- the story in one paragraph


def overview_text(story: dict[str, Any]) -> str:
    """The story paragraph as plain text (for the HTML page, which sets it via textContent)."""
    return _story_paragraph(_Ctx(story), escape=lambda s: one_line(str(s)))


def _topic_actors(ctx: _Ctx, n: int) -> list[str]:
    topic = ctx.story.get("topic") or {}
    ids = [a for a in topic.get("actors") or [] if a in ctx.names] or main_actors(ctx.story, n)
    return ids[:n]


def _terms(ctx: _Ctx) -> list[str]:
    """The topic's characteristic words that are not already part of an actor's name, nor the
    attribution words ("said") that introduce its claims."""
    named = {w.casefold() for e in ctx.story.get("entities") or []
             for n in [e.get("name") or "", *(e.get("aliases") or [])] for w in re.findall(r"\w+", n)}
    named |= {w.casefold() for c in ctx.claims.values() for w in re.findall(r"\w+", str(c.get("cue") or ""))}
    return [t for t in (ctx.story.get("topic") or {}).get("terms") or [] if str(t).casefold() not in named]


def _coverage_clause(ctx: _Ctx) -> str:
    arts = list(ctx.articles.values())
    originals = [a for a in arts if not a.get("duplicate_of")]
    outlets = sorted({a["outlet"] for a in arts if a.get("outlet")})
    s = f"reported in {_plural(len(originals), 'article')}"
    if len(originals) != len(arts):
        dups = len(arts) - len(originals)
        s += f" (and {dups} near-duplicate {'copy' if dups == 1 else 'copies'}, counted once)"
    if outlets:
        s += f" from {_plural(len(outlets), 'outlet')}"
    days = sorted(a["published"] for a in arts if a.get("published"))
    if days:
        s += f" published {days[0]}" + (f" to {days[-1]}" if days[-1] != days[0] else "")
    return s


def _story_paragraph(ctx: _Ctx, escape: Callable[[Any], str] = esc) -> str:
    """What, who and when from the topic, the key developments and the dates; nothing canned."""
    topic = ctx.story.get("topic") or {}
    actors = [escape(name_of(ctx.names, a)) for a in _topic_actors(ctx, PARAGRAPH_ACTORS)]
    key = _key_entries(ctx)
    events = ctx.story.get("events") or []
    if not ctx.articles:
        return "No articles have been read yet."
    parts = []
    about = topic.get("about")
    terms = [escape(t) for t in _terms(ctx)[:3]]
    what = "This story" + (f" (asked about: \u201c{escape(about)}\u201d)" if about else "")
    if actors:
        what += f" involves {_join(actors)}"
        what += f", about {_join(terms)}" if terms else ""
        what += ";"
    parts.append(f"{what} it is {_coverage_clause(ctx)}.")
    if key:
        first, last = key[0], key[-1]
        parts.append(f"Its {_plural(len(key), 'key development')} run from "
                     f"{escape(dates.format(first['date']))} to {escape(dates.format(last['date']))}: "
                     f"it begins with {_event_words(ctx, first, escape)}")
        if last is not first:
            parts[-1] += f", and the latest is {_event_words(ctx, last, escape)}"
        parts[-1] += "."
    elif not events and not ctx.claims:
        parts.append("No events or claims have been extracted yet.")
    groups = conflict_groups(ctx.claims)
    if groups:
        deniers = list(dict.fromkeys(speaker_name(g[0][0], ctx.names) for g in groups))
        accusers = list(dict.fromkeys(speaker_name(c, ctx.names) for g in groups for c in g[1]))
        parts.append(f"{_join([escape(d) for d in deniers])} {'denies' if len(deniers) == 1 else 'deny'} "
                     f"what {_join([escape(a) for a in accusers[:3]])} "
                     f"{'say' if len(accusers) > 1 else 'says'} "
                     f"({_plural(len(groups), 'open conflict')}).")
    not_asserted = sum(1 for e in events if e.get("modality") in NOT_ASSERTED and on_timeline(e))
    off = sum(1 for e in events if e.get("off_topic") and on_timeline(e))
    extra = []
    if not_asserted:
        extra.append(f"{_plural(not_asserted, 'event')} reported as hypothetical or not having happened")
    if off:
        extra.append(f"{_plural(off, 'event')} off the story's topic")
    if extra:
        parts.append("Set apart below: " + _join(extra) + ".")
    return " ".join(parts)


def _event_words(ctx: _Ctx, entry: dict[str, Any], escape: Callable[[Any], str]) -> str:
    e = ctx.events.get(entry["event"], {})
    phrase = modality_phrase(e, ctx.claims, ctx.names) if e else ""
    what = escape(_cut(e.get("summary") or _label(e), 100)) if e else ""
    if not what and entry.get("summary"):
        what = escape(_cut(evidence_sentence(entry["summary"][0], ctx.articles), 100))
    return f"\u201c{what}\u201d" + (f" ({escape(phrase)})" if phrase else "")


# ---------------------------------------------------------------- key developments and timeline


def _key_entries(ctx: _Ctx) -> list[dict[str, Any]]:
    """The key-events timeline in date order; from the best supported events when story.json has none."""
    entries = [k for k in ctx.story.get("key_events") or [] if k.get("event") in ctx.events]
    if not entries:
        cands = [e for e in ctx.events.values() if on_timeline(e) and not e.get("off_topic")
                 and e.get("modality") not in NOT_ASSERTED]
        cands.sort(key=lambda e: (-float(e.get("salience") or 0), -source_count(e, ctx.articles), e["id"]))
        entries = [{"event": e["id"], "date": e.get("date"), "summary": (e.get("evidence") or [])[:1],
                    "sources": e.get("sources") or []} for e in cands[:FALLBACK_KEY_EVENTS]]
    return sorted(entries, key=lambda k: (dates.sort_key(k.get("date")), k.get("rank") or 0, k["event"]))


def _key_developments(ctx: _Ctx) -> list[str]:
    out = ["## Key developments", ""]
    entries = _key_entries(ctx)
    if not entries:
        return out + ["No key developments: no events extracted.", ""]
    for i, k in enumerate(entries, 1):
        e = ctx.events[k["event"]]
        phrase = modality_phrase(e, ctx.claims, ctx.names)
        said = " ".join(f"{esc(evidence_sentence(ev, ctx.articles))} {ctx.cites([ev], 1)}".strip()
                        for ev in k.get("summary") or [])
        if not said:
            said = f"{esc(e.get('summary') or _label(e))} {ctx.cites(e.get('evidence') or [])}".strip()
        n = len({canonical_article(a, ctx.articles) for a in k.get("sources") or []}) or source_count(e, ctx.articles)
        note = "; ".join(x for x in (esc(phrase), _plural(n, "source")) if x)
        out.append(f"{i}. **{esc(dates.format(k.get('date')))}**: {said} *({note})*")
    return out + [""]


def _line(ctx: _Ctx, e: dict[str, Any], dated: bool = True) -> str:
    phrase = modality_phrase(e, ctx.claims, ctx.names)
    what = esc(e.get("summary") or _label(e))
    body = f"{esc(phrase)}: {what}" if phrase else what
    n = source_count(e, ctx.articles)
    body += f" *({_label(e)}; {_plural(n, 'source')})*"
    if e.get("conflicts"):
        body += " (sources disagree on " + ", ".join(sorted({c["field"] for c in e["conflicts"]})) + ")"
    body += " " + ctx.cites(e.get("evidence") or [])
    return f"- **{esc(dates.format(e.get('date')))}**: {body}" if dated else f"  - {body}"


def _own_day(e: dict[str, Any]) -> bool:
    """Whether the event has a date of its own to sit at (not only a bound from its reports)."""
    return dates.span(e.get("date"))[0] is not None


def _timeline(ctx: _Ctx) -> list[str]:
    every = sorted_events(ctx.story)
    shown = [e for e in every if on_timeline(e) and not e.get("off_topic")]
    left = max(0, len(shown) - TIMELINE_SHOWN)
    if left:
        best = sorted(shown, key=lambda e: (-(e.get("salience") or 0.0), -source_count(e, ctx.articles)))
        keep = {e["id"] for e in best[:TIMELINE_SHOWN]}
        shown = [e for e in shown if e["id"] in keep]
    main = [e for e in shown if e.get("modality") not in NOT_ASSERTED]
    other = [e for e in shown if e.get("modality") in NOT_ASSERTED]
    out = ["## Timeline", ""]
    if not shown:
        out.append("No events extracted.")
    out += [_line(ctx, e) for e in main if _own_day(e)]
    out += _grouped(ctx, [e for e in main if not _own_day(e)])
    if other:
        out += ["", "### Not asserted (hypothetical or negated; not part of the timeline)", ""]
        out += [_line(ctx, e) for e in other if _own_day(e)]
        out += _grouped(ctx, [e for e in other if not _own_day(e)])
    if left:
        out += ["", f"{_plural(left, 'less supported event')} on the timeline are left out here: see story.json "
                "or the workbench (`storyline serve`)."]
    hidden = sum(1 for e in every if not on_timeline(e))
    if hidden:
        out += ["", f"{_plural(hidden, 'further event mention')} outside the PLOVER types, without a day, week or "
                "month of their own, are in story.json (type OTHER), not in this timeline."]
    return out + [""]


def _grouped(ctx: _Ctx, events: list[dict[str, Any]]) -> list[str]:
    """Events without a date of their own, one group per bound (the day of the reports carrying them)."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for e in events:
        groups.setdefault(dates.format(e.get("date")), []).append(e)
    out: list[str] = []
    for when, members in groups.items():
        head = "Undated" if when.startswith("undated") else f"Reported {when}, no date of their own"
        out.append(f"- **{esc(head)}** ({_plural(len(members), 'event')}):")
        out += [_line(ctx, e, dated=False) for e in members]
    return out


# ---------------------------------------------------------------- claims and conflicts


def _claims_table(ctx: _Ctx) -> list[str]:
    if not ctx.claims:
        return []
    groups: dict[str, list[dict[str, Any]]] = {}
    chosen = _claims_shown(ctx)
    for c in ctx.claims.values():
        if c["id"] in chosen:
            groups.setdefault(speaker_name(c, ctx.names), []).append(c)
    out = ["## Who claims what", "", "| Speaker | Stance | Claim | Said | Sources |", "|---|---|---|---|---|"]
    for sp in sorted(groups, key=lambda s: (-len(groups[s]), s.casefold())):
        for c in sorted(groups[sp], key=lambda c: (dates.sort_key(c.get("said_on")), c["id"])):
            who = esc(sp)
            rep = ctx.claims.get(c.get("reported_by") or "")
            if rep is not None and c.get("stance") != "deny" and _inside(c, rep):
                continue  # its words are in the row of the claim that reports it
            if rep is not None:
                who += f" (as told by {esc(speaker_name(rep, ctx.names))})"
            stance = c.get("stance") or "assert"
            said = esc(dates.format(c["said_on"])) if c.get("said_on") else ""
            evs = c.get("evidence") or []
            n = len({canonical_article(e["article"], ctx.articles) for e in evs})
            srcs = ctx.cites(evs) + (f" ({n} articles)" if n > 1 else "")
            out.append(f"| {who} | {_STANCE.get(stance, stance)} | \u201c{esc(_cut(c.get('content')))}\u201d "
                       f"| {said} | {srcs} |")
    left = len(ctx.claims) - len(chosen)
    if left:
        out += ["", f"{_plural(left, 'further claim')} (reported by fewer articles) are in story.json and the workbench."]
    return out + [""]


def _claims_shown(ctx: _Ctx) -> set[str]:
    """The claims the table lists: all when few; else denials and disputed claims first, then those
    reported by the most articles."""
    claims = list(ctx.claims.values())
    if len(claims) <= CLAIMS_SHOWN:
        return {c["id"] for c in claims}

    def weight(c: dict[str, Any]) -> tuple[int, int, str]:
        n = len({canonical_article(e["article"], ctx.articles) for e in c.get("evidence") or []})
        disputed = c.get("stance") == "deny" or bool(c.get("conflicts_with"))
        return (0 if disputed else 1, -n, c["id"])

    return {c["id"] for c in sorted(claims, key=weight)[:CLAIMS_SHOWN]}


def _inside(inner: dict[str, Any], outer: dict[str, Any]) -> bool:
    def norm(c: dict[str, Any]) -> str:
        return " ".join(re.findall(r"\w+", str(c.get("content") or "").casefold()))

    return bool(norm(inner)) and norm(inner) in norm(outer)


def _quote(ctx: _Ctx, c: dict[str, Any]) -> str:
    return f"\u201c{esc(_cut(c.get('content')))}\u201d {ctx.cites(c.get('evidence') or [], 1)}"


def _conflicts(ctx: _Ctx) -> list[str]:
    lines = []
    for denials, stmts in conflict_groups(ctx.claims):
        who = esc(speaker_name(denials[0], ctx.names))
        said = [d for d in denials if d.get("said_on")]
        when = f" ({esc(dates.format(said[0]['said_on']))})" if said else ""
        line = f"- **{who}** denies{when} " + " and ".join(_quote(ctx, d) for d in denials)
        by_speaker: dict[str, list[dict[str, Any]]] = {}
        for c in stmts:
            by_speaker.setdefault(speaker_name(c, ctx.names), []).append(c)
        line += f", answering {_plural(len(stmts), 'statement')}: " + "; ".join(
            f"{esc(sp)}: " + ", ".join(_quote(ctx, c) for c in cs) for sp, cs in by_speaker.items())
        lines.append(line)
    for e in sorted_events(ctx.story):
        if not on_timeline(e):
            continue
        for conf in e.get("conflicts") or []:
            evs, vals = conf.get("evidence") or [], conf.get("values") or []
            shown = [_value(v) + (" " + ctx.cites([evs[i]], 1) if len(evs) == len(vals) else "")
                     for i, v in enumerate(vals)]
            line = f"- {esc(_cut(e.get('summary') or _label(e), 100))}: sources disagree on " \
                   f"{esc(conf.get('field'))}: " + " vs ".join(shown)
            if len(evs) != len(vals):
                line += " " + ctx.cites(evs)
            lines.append(line)
    return ["## Open conflicts", "", *lines, ""] if lines else []


def _off_topic(ctx: _Ctx) -> list[str]:
    events = [e for e in sorted_events(ctx.story) if e.get("off_topic") and on_timeline(e)]
    arts = [ctx.labels[a["id"]] for a in ctx.articles.values() if a.get("off_topic")]
    if not events and not arts:
        return []
    out = ["## Off the story's topic", ""]
    if arts:
        out.append(f"Articles off the topic: {', '.join(sorted(arts, key=lambda s: int(s[1:])))}.")
    shown = [f"{esc(_cut(e.get('summary') or _label(e), 80))} ({esc(dates.format(e.get('date')))}) "
             f"{ctx.cites(e.get('evidence') or [], 1)}" for e in events[:OFF_TOPIC_SHOWN]]
    if shown:
        more = len(events) - len(shown)
        out.append(f"{_plural(len(events), 'event')} set apart from the timeline: " + "; ".join(shown)
                   + (f"; and {more} more in story.json." if more > 0 else "."))
    return out + [""]


# ---------------------------------------------------------------- sources, coverage and references


def _art_name(ctx: _Ctx, a: dict[str, Any]) -> str:
    bits = [ctx.labels[a["id"]]]
    if a.get("outlet"):
        bits.append(esc(a["outlet"]))
    return " ".join(bits[:1]) + (f" ({bits[1]})" if len(bits) > 1 else "")


def _coverage(ctx: _Ctx) -> list[str]:
    out = ["## Sources and coverage", ""]
    arts = sorted(ctx.articles.values(), key=lambda a: ctx.labels[a["id"]][1:].zfill(6))
    if not arts:
        return out + ["No articles.", ""]
    per_outlet = Counter(a.get("outlet") for a in arts if a.get("outlet"))
    if per_outlet:
        out.append("Articles per outlet: " + ", ".join(f"{esc(o)} ({n})" for o, n in per_outlet.most_common()) + ".")
    per_day = Counter(a.get("published") or "date unknown" for a in arts)
    out.append("Articles per day: " + ", ".join(f"{d} ({n})" for d, n in sorted(per_day.items())) + ".")
    firsts = []
    for k in _key_entries(ctx):
        srcs = [ctx.articles[s] for s in k.get("sources") or ctx.events[k["event"]].get("sources") or []
                if s in ctx.articles]
        srcs.sort(key=lambda a: (a.get("published") or "9999", ctx.labels[a["id"]]))
        if srcs:
            e = ctx.events[k["event"]]
            firsts.append(f"\u201c{esc(_cut(e.get('summary') or _label(e), 70))}\u201d: {_art_name(ctx, srcs[0])}"
                          + (f" on {srcs[0]['published']}" if srcs[0].get("published") else "")
                          + (f" (then {_plural(len(srcs) - 1, 'more article')})" if len(srcs) > 1 else ""))
    if firsts:
        out += ["", "First reported (key developments):", "", *[f"- {f}" for f in firsts]]
    out += ["", "Articles:", ""]
    out += [_article_line(ctx, a) for a in arts]
    return out + [""]


def _article_line(ctx: _Ctx, a: dict[str, Any]) -> str:
    line = f"- {ctx.labels[a['id']]}: "
    line += ", ".join(x for x in (f"\u201c{esc(a['title'])}\u201d" if a.get("title") else "",
                                  esc(a.get("outlet") or "")) if x)
    line += (", " if a.get("title") or a.get("outlet") else "")
    if a.get("published"):
        line += f"published {a['published']} (date from {a.get('published_from') or 'unknown'})"
    else:
        line += "publication date unknown"
    if a.get("url"):
        line += ", " + link(a["url"])
    if a.get("source"):
        line += f", file {esc(a['source'])}"
    if a.get("duplicate_of"):
        line += f"; near-duplicate of {ctx.labels.get(canonical_article(a['id'], ctx.articles), '?')}, counted once"
    reasons = Counter(reason for reason, _, _ in excluded_items(a))
    if reasons:
        line += "; excluded: " + ", ".join(esc(r) + (f" \u00d7{n}" if n > 1 else "") for r, n in reasons.items())
    return line


def _unknowns(ctx: _Ctx) -> str:
    """What the articles do not say about themselves, said once."""
    def missing(field: str) -> list[str]:
        return sorted((ctx.labels[a["id"]] for a in ctx.articles.values() if not a.get(field)),
                      key=lambda s: int(s[1:]))

    notes = []
    for field, what in (("outlet", "Outlet"), ("title", "Title"), ("published", "Publication date")):
        m = missing(field)
        if m:
            notes.append(f"{what} not given for " + ("any article" if len(m) == len(ctx.articles) else ", ".join(m)))
    return ". ".join(notes) + "." if notes else ""


def _references(ctx: _Ctx) -> list[str]:
    if not ctx.cit.entries:
        return []
    out = ["## References", ""]
    note = _unknowns(ctx)
    if note:
        out += [note, ""]
    for s in ctx.cit.entries:
        a = ctx.articles.get(s["article"], {})
        where = ", ".join(x for x in (ctx.labels.get(s["article"], ""), esc(a.get("outlet") or ""),
                                      a.get("published") or "",
                                      f"\u201c{esc(a['title'])}\u201d" if a.get("title") else "") if x)
        out.append(f"[{s['n']}] \u201c{esc(s['sentence'])}\u201d ({where})")
    return out + [""]


def render_brief(story: dict[str, Any]) -> str:
    """brief.md text for a story dict; works with empty events/claims (foundation-only builds)."""
    ctx = _Ctx(story)
    title = [name_of(ctx.names, a) for a in _topic_actors(ctx, 3)]
    out = ["# Story brief" + (": " + esc(", ".join(title)) if title else ""), "", _story_paragraph(ctx), ""]
    out += _key_developments(ctx)
    out += _timeline(ctx)
    out += _claims_table(ctx)
    out += _conflicts(ctx)
    out += _off_topic(ctx)
    out += _coverage(ctx)
    out += _references(ctx)
    return "\n".join(out)


def link(url: str) -> str:
    """An http(s) URL as an autolink; anything else (javascript:, data:...) as inert text."""
    clean = re.sub(r"[<>\s]", "", url)
    if re.match(r"https?://", clean, re.I):
        return f"<{clean}>"
    return esc(url)


def _value(v: Any) -> str:
    if isinstance(v, dict) and ("first_day" in v or "last_day" in v):
        s = esc(dates.format(v))
        if v.get("text") and (v.get("first_day") or v.get("last_day")):
            s += f" (\u201c{esc(v['text'])}\u201d)"
        return s
    return f"\u201c{esc(v)}\u201d"
