"""Shared helpers for the renderers: dates at their precision, names, modality words, citations.

Every renderer reads the story in its story.json form (a plain dict), so these helpers work on dicts.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

from storyline import dates

STANCE_WORDS = {"assert": "says", "deny": "denies", "hedge": "suggests"}
STANCE_WORDS_PLURAL = {"assert": "say", "deny": "deny", "hedge": "suggest"}


def load_story(path: Path) -> dict[str, Any]:
    """Read story.json from a build output folder (or the file itself)."""
    p = Path(path)
    if p.is_dir():
        p = p / "story.json"
    with p.open(encoding="utf-8") as f:
        story: dict[str, Any] = json.load(f)
    return story


def entity_names(story: dict[str, Any]) -> dict[str, str]:
    """Entity id -> display name (ids without an entity record show as themselves)."""
    return {e["id"]: e.get("name") or e["id"] for e in story.get("entities") or []}


def name_of(names: dict[str, str], eid: str | None) -> str:
    return names.get(eid, eid) if eid else ""


def by_id(items: list[dict[str, Any]] | None) -> dict[str, dict[str, Any]]:
    return {i["id"]: i for i in items or []}


def speaker_name(claim: dict[str, Any], names: dict[str, str]) -> str:
    """The speaker's entity name, else the text that named the speaker, else 'unnamed source'."""
    if claim.get("speaker"):
        return name_of(names, claim["speaker"])
    return claim.get("speaker_text") or "unnamed source"


def event_claims(event: dict[str, Any], claims: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    return [claims[c] for c in event.get("claims") or [] if c in claims]


def _join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def modality_phrase(event: dict[str, Any], claims: dict[str, dict[str, Any]], names: dict[str, str]) -> str:
    """The modality in words: "Osterlich says; Freedonia denies", "planned", "hypothetical"...

    Reported and denied events name who says so, from the claims linked to the event, so that a claim
    never reads as a bare fact.
    """
    modality = event.get("modality") or "asserted"
    linked = event_claims(event, claims)
    by_stance: dict[str, list[str]] = {}
    for c in linked:
        sp = speaker_name(c, names)
        lst = by_stance.setdefault(c.get("stance") or "assert", [])
        if sp not in lst:
            lst.append(sp)
    parts = []
    for stance in ("assert", "hedge", "deny"):
        sps = by_stance.get(stance)
        if sps:
            verb = (STANCE_WORDS if len(sps) == 1 else STANCE_WORDS_PLURAL).get(stance, "says")
            parts.append(f"{_join(sps)} {verb}")
    said = "; ".join(parts)
    if modality == "asserted":
        return said
    if modality == "reported":
        return said or "reported"
    if modality == "denied":
        return said if "deny" in by_stance else ("denied" + (f" ({said})" if said else ""))
    if modality == "negated":
        return "reported as not having happened" + (f" ({said})" if said else "")
    return modality + (f" ({said})" if said else "")


def involved(event: dict[str, Any], claims: dict[str, dict[str, Any]]) -> list[str]:
    """Entity ids an event involves: actors, recipients, location and speakers of its claims."""
    ids = list(event.get("actors") or []) + list(event.get("recipients") or [])
    if event.get("location"):
        ids.append(event["location"])
    for c in event_claims(event, claims):
        if c.get("speaker"):
            ids.append(c["speaker"])
    return list(dict.fromkeys(ids))


def canonical_article(aid: str, articles: dict[str, dict[str, Any]]) -> str:
    """Follow duplicate_of so syndicated copies count once."""
    seen = set()
    while aid in articles and articles[aid].get("duplicate_of") and aid not in seen:
        seen.add(aid)
        aid = articles[aid]["duplicate_of"]
    return aid


def source_count(event: dict[str, Any], articles: dict[str, dict[str, Any]]) -> int:
    """Distinct non-duplicate articles behind an event (event.sources, else its evidence)."""
    srcs = event.get("sources") or [e["article"] for e in event.get("evidence") or []]
    return len({canonical_article(a, articles) for a in srcs})


def evidence_sentence(ev: dict[str, Any], articles: dict[str, dict[str, Any]]) -> str:
    """The evidence sentence: as stored, else cut from the article text by its offsets."""
    if ev.get("sentence"):
        return str(ev["sentence"])
    art = articles.get(ev.get("article") or "")
    if art and isinstance(ev.get("start"), int) and isinstance(ev.get("end"), int):
        return str(art.get("text") or "")[ev["start"]:ev["end"]]
    return ""


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Bidirectional embedding, override and isolate controls (and the invisible direction marks): in
# untrusted text they can make a line display in an order other than the one it is stored in.
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def one_line(s: str) -> str:
    """Untrusted text on one line, without control or bidirectional formatting characters (no terminal
    escape sequences, no right-to-left override reordering what a reader sees)."""
    return " ".join(_CONTROL.sub(" ", _BIDI.sub("", s)).split())


TIMELINE_PRECISIONS = ("day", "week", "month")
MIN_SUMMARY_WORDS = 4


def on_timeline(event: dict[str, Any]) -> bool:
    """Whether a reader's timeline shows the event. PLOVER-typed events always; the many mentions outside
    PLOVER (type OTHER) only when the text dates them itself to a day, week or month and their summary
    reads as a statement. The rest stay in story.json, counted in the brief."""
    if event.get("type") != "OTHER":
        return True
    date = dates.from_dict(event.get("date"))
    words = len(str(event.get("summary") or "").split())
    return dates.is_own(date) and date is not None and date.precision in TIMELINE_PRECISIONS \
        and words >= MIN_SUMMARY_WORDS


# Exclusion reasons listed as one count per article, not span by span (one per SGML/HTML tag).
COUNTED_REASONS = ("markup",)


def excluded_items(article: dict[str, Any], width: int = 80) -> list[tuple[str, str, dict[str, Any] | None]]:
    """What an article had excluded, for listing: (reason, one-line snippet, span) in text order, with
    the spans of a counted reason summed up in one item ("37 spans", span None)."""
    text = article.get("text") or ""
    items: list[tuple[str, str, dict[str, Any] | None]] = []
    counted: Counter[str] = Counter()
    for x in sorted(article.get("excluded") or [], key=lambda x: x.get("start", 0)):
        reason = str(x.get("reason") or "")
        if reason in COUNTED_REASONS:
            counted[reason] += 1
            continue
        snippet = one_line(text[x["start"]:x["end"]])
        if len(snippet) > width:
            snippet = snippet[: width - 3] + "..."
        items.append((reason, snippet, x))
    items.extend((r, f"{n} span{'s' if n != 1 else ''}", None) for r, n in counted.items())
    return items


class Citations:
    """Numbers evidence sentences [1], [2]... in order of first use. One number per distinct sentence of
    an article (syndicated copies count as their original), however many spans point into it."""

    def __init__(self, articles: dict[str, dict[str, Any]]):
        self.articles = articles
        self._index: dict[tuple[str, str], int] = {}
        self.entries: list[dict[str, Any]] = []

    def cite(self, ev: dict[str, Any]) -> int:
        start, end = int(ev.get("start") or 0), int(ev.get("end") or 0)
        sentence = one_line(evidence_sentence(ev, self.articles))
        aid = canonical_article(str(ev.get("article")), self.articles)
        key = (aid, sentence.casefold() if sentence else f"{start}-{end}")
        if key not in self._index:
            art = self.articles.get(aid, {})
            self._index[key] = len(self.entries) + 1
            self.entries.append({
                "n": len(self.entries) + 1,
                "article": aid,
                "start": start,
                "end": end,
                "title": art.get("title"),
                "outlet": art.get("outlet"),
                "published": art.get("published"),
                "url": art.get("url"),
                "sentence": sentence,
            })
        return self._index[key]


def article_labels(articles: dict[str, dict[str, Any]]) -> dict[str, str]:
    """Reader-facing article labels A1, A2... in publication order (undated last), for prose that must
    not show internal ids."""
    order = sorted(articles.values(), key=lambda a: (a.get("published") or "9999", a.get("source") or "", a["id"]))
    return {a["id"]: f"A{i}" for i, a in enumerate(order, 1)}


def _who(c: dict[str, Any]) -> str:
    return str(c.get("speaker") or "anon:" + (c.get("speaker_text") or "").casefold())


def answered(denial: dict[str, Any], claims: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """The statements a denial answers: its conflicting claims that are not denials, not its own
    speaker's, and neither the claim that reports the denial nor one it reports."""
    out = []
    for o in denial.get("conflicts_with") or []:
        c = claims.get(o)
        if c is None or c.get("stance") == "deny" or _who(c) == _who(denial):
            continue
        if denial.get("reported_by") == c["id"] or c.get("reported_by") == denial["id"]:
            continue
        out.append(c)
    return out


def conflict_groups(claims: dict[str, dict[str, Any]]) -> list[tuple[list[dict[str, Any]], list[dict[str, Any]]]]:
    """Open claim conflicts, each once: (denials, the statements they answer). Denials by one speaker
    that answer overlapping statements are one group (one denial reported in several wordings), so a
    denial never repeats once per statement."""
    denials = [c for c in claims.values() if c.get("stance") == "deny" and answered(c, claims)]
    groups: list[tuple[list[dict[str, Any]], list[dict[str, Any]]]] = []
    for d in sorted(denials, key=lambda c: (dates.sort_key(c.get("said_on")), c["id"])):
        ans = answered(d, claims)
        ids = {c["id"] for c in ans}
        for dens, stmts in groups:
            if _who(dens[0]) == _who(d) and ids & {c["id"] for c in stmts}:
                dens.append(d)
                stmts.extend(c for c in ans if c not in stmts)
                break
        else:
            groups.append(([d], list(ans)))
    for _, stmts in groups:
        stmts.sort(key=lambda c: (dates.sort_key(c.get("said_on")), c["id"]))
    return groups


def main_actors(story: dict[str, Any], n: int = 5) -> list[str]:
    """Entity ids ranked by events they take part in, then by mentions."""
    claims = by_id(story.get("claims"))
    in_events: Counter[str] = Counter()
    for e in story.get("events") or []:
        for eid in involved(e, claims):
            in_events[eid] += 1
    ents = story.get("entities") or []
    ranked = sorted(ents, key=lambda e: (-in_events.get(e["id"], 0), -len(e.get("mentions") or []),
                                         e.get("name") or ""))
    return [e["id"] for e in ranked[:n] if in_events.get(e["id"], 0) or e.get("mentions")]


def sorted_events(story: dict[str, Any]) -> list[dict[str, Any]]:
    return sorted(story.get("events") or [], key=lambda e: (dates.sort_key(e.get("date")), e.get("id", "")))
