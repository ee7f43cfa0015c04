"""brief.md: the story as a readable, sourced account.

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
    by_id,
    canonical_article,
    entity_names,
    excluded_items,
    involved,
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
_STANCE = {"assert": "asserts", "deny": "denies", "hedge": "hedges"}


def esc(text: Any) -> str:
    """Markdown-escape untrusted text and keep it on one line."""
    return _MD_SPECIAL.sub(r"\\\1", one_line(str(text or "")))


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _label(event: dict[str, Any]) -> str:
    return event["type"] + (f"/{event['mode']}" if event.get("mode") else "")


def _cites(evs: list[dict[str, Any]], cit: Citations) -> str:
    nums = sorted({cit.cite(e) for e in evs})
    return "".join(f"[{n}]" for n in nums)


def overview_text(story: dict[str, Any]) -> str:
    """The overview paragraph as plain text (for the HTML page, which sets it via textContent)."""
    return _overview(story, entity_names(story), escape=lambda s: one_line(str(s)))


def _overview(story: dict[str, Any], names: dict[str, str], escape: Callable[[Any], str] = esc) -> str:
    """Counts, date span and main actors in one paragraph."""
    arts = story.get("articles") or []
    originals = [a for a in arts if not a.get("duplicate_of")]
    outlets = sorted({a["outlet"] for a in arts if a.get("outlet")})
    pub_days = sorted(a["published"] for a in arts if a.get("published"))
    undated = sum(1 for a in arts if not a.get("published"))
    s = f"This brief covers {_plural(len(arts), 'article')}"
    if len(originals) != len(arts):
        dups = len(arts) - len(originals)
        s += f" ({dups} near-duplicate {'copy' if dups == 1 else 'copies'} counted once)"
    unnamed = sum(1 for a in arts if not a.get("outlet"))
    if outlets:
        s += f" from {_plural(len(outlets), 'outlet')}"
        if unnamed:
            s += f" (and {unnamed} with no outlet named)"
    else:
        s += " (no outlet named)"
    if pub_days:
        s += f", published {pub_days[0]}" + (f" to {pub_days[-1]}" if pub_days[-1] != pub_days[0] else "")
    if undated:
        s += f" ({undated} with no known publication date)"
    s += "."
    events = story.get("events") or []
    claims = story.get("claims") or []
    if events or claims:
        s += f" It records {_plural(len(events), 'event')} and {_plural(len(claims), 'claim')}"
        keys = [dates.sort_key(e.get("date")) for e in events if e.get("date")]
        days = sorted(d for k in keys if k[0] == 0 for d in (k[1], k[2]) if d)
        if days:
            s += f", dated from {days[0]} to {days[-1]}"
        s += "."
        asserted = sum(1 for e in events if e.get("modality") not in NOT_ASSERTED)
        if asserted != len(events):
            s += f" {len(events) - asserted} of the events are hypothetical or negated, not facts."
    else:
        s += " No events or claims have been extracted yet."
    actors = main_actors(story)
    if actors:
        s += " Main actors: " + ", ".join(escape(name_of(names, a)) for a in actors) + "."
    return s


def _timeline_line(e: dict[str, Any], claims: dict[str, Any], names: dict[str, str],
                   articles: dict[str, Any], cit: Citations) -> str:
    phrase = modality_phrase(e, claims, names)
    what = esc(e.get("summary") or _label(e))
    n = source_count(e, articles)
    line = f"- **{esc(dates.format(e.get('date')))}**: "
    line += f"{esc(phrase)}: {what}" if phrase else what
    line += f" *({_label(e)}; {_plural(n, 'source')})*"
    if e.get("conflicts"):
        line += " (sources disagree on " + ", ".join(sorted({c['field'] for c in e['conflicts']})) + ")"
    return line + " " + _cites(e.get("evidence") or [], cit)


def render_brief(story: dict[str, Any]) -> str:
    """brief.md text for a story dict; works with empty events/claims (foundation-only builds)."""
    names = entity_names(story)
    articles = by_id(story.get("articles"))
    claims = by_id(story.get("claims"))
    cit = Citations(articles)
    out: list[str] = []
    title = [name_of(names, a) for a in main_actors(story, 3)]
    out.append("# Story brief" + (": " + esc(", ".join(title)) if title else ""))
    out += ["", _overview(story, names), ""]

    every = sorted_events(story)
    events = [e for e in every if on_timeline(e)]
    main = [e for e in events if e.get("modality") not in NOT_ASSERTED]
    other = [e for e in events if e.get("modality") in NOT_ASSERTED]
    out += ["## Timeline", ""]
    if not events:
        out.append("No events extracted.")
    for e in main:
        out.append(_timeline_line(e, claims, names, articles, cit))
    if other:
        out += ["", "### Not asserted (hypothetical or negated; not part of the timeline)", ""]
        for e in other:
            out.append(_timeline_line(e, claims, names, articles, cit))
    if len(every) > len(events):
        n = len(every) - len(events)
        out += ["", f"{_plural(n, 'further event mention')} outside the PLOVER types, without a day, week or "
                "month of their own, are in story.json (type OTHER), not in this timeline."]
    out.append("")

    ents = story.get("entities") or []
    if ents:
        out += ["## Actors", ""]
        in_events: Counter[str] = Counter()
        for e in events:
            for eid in involved(e, claims):
                in_events[eid] += 1
        spoke = Counter(c.get("speaker") for c in claims.values() if c.get("speaker"))
        order = {eid: i for i, eid in enumerate(main_actors(story, len(ents)))}
        for ent in sorted(ents, key=lambda x: (order.get(x["id"], len(order)), x.get("name") or "")):
            mentions = ent.get("mentions") or []
            line = f"- **{esc(ent.get('name') or ent['id'])}** ({esc(ent.get('type'))}"
            if ent.get("aliases"):
                line += "; also " + ", ".join(esc(a) for a in ent["aliases"])
            line += f"): {_plural(len(mentions), 'mention')} in "
            line += _plural(len({m['article'] for m in mentions}), "article")
            line += f", {_plural(in_events[ent['id']], 'event')}, {_plural(spoke[ent['id']], 'claim')}"
            out.append(line)
        out.append("")

    if claims:
        out += ["## Claims by speaker", ""]
        groups: dict[str, list[dict[str, Any]]] = {}
        for c in claims.values():
            groups.setdefault(speaker_name(c, names), []).append(c)
        for sp in sorted(groups, key=lambda s: (-len(groups[s]), s)):
            out += [f"### {esc(sp)}", ""]
            for c in sorted(groups[sp], key=lambda c: (dates.sort_key(c.get("said_on")), c["id"])):
                stance = c.get("stance") or "assert"
                line = f"- {c['id']} {_STANCE.get(stance, stance)}: \u201c{esc(c.get('content'))}\u201d"
                if c.get("said_on"):
                    line += f", said {esc(dates.format(c['said_on']))}"
                others = [claims[o] for o in c.get("conflicts_with") or [] if o in claims]
                if others:
                    line += "; contradicted by " + ", ".join(
                        f"{esc(speaker_name(o, names))} ({o['id']})" for o in others)
                out.append(f"{line} {_cites(c.get('evidence') or [], cit)}")
            out.append("")

    conflict_lines = []
    for e in events:
        for conf in e.get("conflicts") or []:
            evs = conf.get("evidence") or []
            vals = conf.get("values") or []
            shown = []
            for i, v in enumerate(vals):
                txt = _value(v)
                if len(evs) == len(vals):
                    txt += " " + _cites([evs[i]], cit)
                shown.append(txt)
            line = f"- {esc(e.get('summary') or e['id'])} ({e['id']}): sources disagree on {esc(conf.get('field'))}: "
            line += " vs ".join(shown)
            if len(evs) != len(vals):
                line += " " + _cites(evs, cit)
            conflict_lines.append(line)
    done: set[frozenset[str]] = set()
    for c in claims.values():
        for o in c.get("conflicts_with") or []:
            pair = frozenset((c["id"], o))
            if o not in claims or pair in done:
                continue
            done.add(pair)
            a, b = sorted((c, claims[o]), key=lambda x: dates.sort_key(x.get("said_on")))
            conflict_lines.append(
                f"- {esc(speaker_name(a, names))} {_STANCE.get(a.get('stance', ''), 'says')} "
                f"\u201c{esc(a.get('content'))}\u201d {_cites(a.get('evidence') or [], cit)} but "
                f"{esc(speaker_name(b, names))} {_STANCE.get(b.get('stance', ''), 'says')} "
                f"\u201c{esc(b.get('content'))}\u201d {_cites(b.get('evidence') or [], cit)}")
    if conflict_lines:
        out += ["## Open conflicts", "", *conflict_lines, ""]

    if cit.entries:
        out += ["## Sources", ""]
        for s in cit.entries:
            out.append(
                f"[{s['n']}] {esc(s['title'] or '(untitled)')}, {esc(s['outlet'] or 'unknown outlet')}, "
                f"{s['published'] or 'date unknown'} (article {esc(s['article'])}, chars {s['start']}-{s['end']}): "
                f"\u201c{esc(s['sentence'])}\u201d")
        out.append("")

    out += ["## Articles", ""]
    arts = sorted(articles.values(), key=lambda a: (a.get("published") or "9999", a["id"]))
    if not arts:
        out.append("No articles.")
    for a in arts:
        line = f"- **{esc(a['id'])}** \u201c{esc(a.get('title') or '(untitled)')}\u201d, "
        line += f"{esc(a.get('outlet') or 'unknown outlet')}, "
        if a.get("published"):
            line += f"published {a['published']} (date from {a.get('published_from') or 'unknown'})"
        else:
            line += "publication date unknown"
        if a.get("url"):
            line += ", " + link(a["url"])
        if a.get("duplicate_of"):
            line += f"; near-duplicate of {esc(canonical_article(a['id'], articles))}, counted once"
        out.append(line)
        for reason, snippet, x in excluded_items(a):
            if x is None:
                out.append(f"  - excluded {esc(reason)}: {esc(snippet)}")
            else:
                out.append(f"  - excluded {esc(reason)} (chars {x['start']}-{x['end']}): \u201c{esc(snippet)}\u201d")
    out.append("")
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
