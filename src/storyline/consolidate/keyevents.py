"""The key-events timeline: the story's most important dated happenings, one entry per date.

Dates are chosen first, as news timeline summarisation does (DATEWISE, Ghalandari and Ifrim 2020):
a day matters when many independent articles refer to it (date mentions), when coverage peaks on it
or the day after (publication counts), and when well-supported on-topic events are dated to it
(event salience). Each chosen date is represented by its best-supported event; the summary is one
to three readable sentences from that event's evidence, from the other on-topic events the text
dates to the same day, and from reports published on the day or just after it that tell a happening
with only a bound date ("has died") close to what the dated sentences say. They are ranked by how
central they are to the day's reports (lexical centroid), by whether they state the date, come from
the event itself, were written within days of it, and stand in an article's lede.

Only events with a date of their own count (`dates.is_own`); day dates come before coarser ones.
Happenings long before the coverage begins are background, ranked low.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from storyline import dates, modality
from storyline.consolidate.topic import bag, content_words, cosine
from storyline.records import Article, Event, Evidence, KeyEvent, Story, Timex

SUMMARY_SENTENCES = 3  # one to three sentences per key event
MIN_KEY_EVENTS, MAX_KEY_EVENTS = 5, 30
# weights of a date's score (log-scaled counts): articles referring to it, articles published on it or
# the day after, support of the events dated to it
MENTION_WEIGHT, PUBLICATION_WEIGHT, EVENT_WEIGHT = 1.0, 0.5, 1.0
COARSE_WEIGHT = 0.3  # a week or month date is a weaker timeline entry than a day
BACKGROUND_DAYS = 7  # happenings more than this before the first article are background
BACKGROUND_WEIGHT = 0.2
# a day enters the default-length timeline when this many independent articles support it
DEFAULT_MIN_SUPPORT = 3
# sentence ranking: centroid similarity plus these bonuses
DATE_BONUS, OWN_EVENT_BONUS = 0.15, 0.1
# a report written within these days after the date tells what happened; later mentions recall it as
# background ("who died in June 2009")
FRESH_DAYS, FRESH_BONUS = 2, 0.15
# the lede: news puts what happened in an article's first sentences (inverted pyramid)
LEAD_CHARS, LEAD_BONUS = 400, 0.1
# Reports published on a day or just after it whose happening has only a bound ("has died", on or
# before publication) may tell that day's happening without its date; one joins a day's summary pool
# when it is this close (cosine) to the centroid of the sentences that do date it.
UNDATED_REPORT_SIM = 0.25
REDUNDANT = 0.6  # a sentence this close (cosine) to one already chosen adds nothing
MIN_WORDS, MAX_WORDS = 6, 60
MAX_CAPITALISED = 0.6  # more capitalised words than this share: a headline or a list of names
MIN_ALPHA = 0.6  # share of word tokens with letters; below it a table, a score line or a date stamp

_TERMINAL = re.compile(r"[.!]['\"’”)]*$")
_FURNITURE = re.compile(r"\||https?://|www\.|@\w|\bwrote:|\(required|^\W")


def readable(sentence: str) -> bool:
    """A sentence a reader can take on its own: a full statement, not a question, headline or furniture."""
    text = " ".join(sentence.split())
    toks = text.split()
    if not MIN_WORDS <= len(toks) <= MAX_WORDS or not _TERMINAL.search(text) or _FURNITURE.search(text):
        return False
    if not (text[0].isupper() or text[0].isdigit()):
        return False
    words = [t for t in toks if any(c.isalpha() for c in t)]
    if len(words) < MIN_ALPHA * len(toks):
        return False
    caps = sum(1 for t in words[1:] if t[0].isupper())
    return caps <= MAX_CAPITALISED * max(1, len(words) - 1)


@dataclass
class _Slot:
    """One timeline date: its interval, candidate events and score."""

    key: tuple[str, str]
    events: list[Event] = field(default_factory=list)
    score: float = 0.0


def _day_counts(story: Story, on: set[str], canon: dict[str, str]) -> tuple[Counter[str], Counter[str]]:
    """(articles referring to each day, articles published on each day), duplicates once."""
    mentions: dict[str, set[str]] = defaultdict(set)
    for tx in story.timexes:
        if tx.precision == "day" and tx.first_day and tx.article in on:
            mentions[tx.first_day[:10]].add(canon.get(tx.article, tx.article))
    pubs: dict[str, set[str]] = defaultdict(set)
    for a in story.articles:
        if a.id in on and a.published and not a.duplicate_of:
            pubs[a.published[:10]].add(a.id)
    return Counter({d: len(s) for d, s in mentions.items()}), Counter({d: len(s) for d, s in pubs.items()})


def _next_day(day: str) -> str:
    try:
        return (dt.date.fromisoformat(day) + dt.timedelta(days=1)).isoformat()
    except ValueError:
        return day


def _slots(story: Story, on: set[str], canon: dict[str, str]) -> list[_Slot]:
    """Candidate dates with their events and scores, best first."""
    mentions, pubs = _day_counts(story, on, canon)
    first_pub = min((a.published[:10] for a in story.articles if a.published and a.id in on), default="")
    by_key: dict[tuple[str, str], _Slot] = {}
    for ev in story.events:
        iv = dates.interval(ev.date)
        if ev.off_topic or not ev.evidence or not dates.is_own(ev.date) or iv is None:
            continue
        if ev.date is not None and ev.date.precision == "unknown":
            continue  # "now", "currently": the publication day stands in, it is no date the text gives
        by_key.setdefault(iv, _Slot(iv)).events.append(ev)
    for slot in by_key.values():
        first, last = slot.key
        support = sum(ev.salience for ev in slot.events)
        score = EVENT_WEIGHT * math.log1p(support)
        if first == last:
            score += MENTION_WEIGHT * math.log1p(mentions[first])
            score += PUBLICATION_WEIGHT * math.log1p(pubs[first] + pubs[_next_day(first)])
        else:
            score *= COARSE_WEIGHT
        if first_pub and _days_between(last, first_pub) > BACKGROUND_DAYS:
            score *= BACKGROUND_WEIGHT
        slot.score = score
    return sorted(by_key.values(), key=lambda s: (-s.score, s.key))


def _days_between(a: str, b: str) -> int:
    """Days from `a` to `b` (positive when `a` is earlier)."""
    try:
        return (dt.date.fromisoformat(b[:10]) - dt.date.fromisoformat(a[:10])).days
    except ValueError:
        return 0


def _nested(a: tuple[str, str], b: tuple[str, str]) -> bool:
    return (a[0] <= b[0] and b[1] <= a[1]) or (b[0] <= a[0] and a[1] <= b[1])


def default_key_events(story: Story) -> int:
    """Days whose events at least `DEFAULT_MIN_SUPPORT` independent articles report, within bounds:
    a corpus that documents many separate days gets a longer timeline."""
    per_day: dict[str, set[str]] = defaultdict(set)
    canon = {a.id: a.duplicate_of or a.id for a in story.articles}
    for ev in story.events:
        iv = dates.interval(ev.date)
        if not ev.off_topic and dates.is_own(ev.date) and iv and iv[0] == iv[1]:
            per_day[iv[0]].update(canon.get(e.article, e.article) for e in ev.evidence)
    days = sum(1 for s in per_day.values() if len(s) >= DEFAULT_MIN_SUPPORT)
    return max(MIN_KEY_EVENTS, min(MAX_KEY_EVENTS, days))


def select_key_events(story: Story, n: int, on_topic: set[str]) -> list[KeyEvent]:
    """The `n` best dates, each with its best event and summary, in date order."""
    canon = {a.id: a.duplicate_of or a.id for a in story.articles}
    slots = _slots(story, on_topic, canon)
    chosen: list[_Slot] = []
    for slot in slots:
        if len(chosen) >= n:
            break
        if slot.key[0] != slot.key[1]:
            if any(_nested(slot.key, c.key) for c in chosen):
                continue  # a month that holds a chosen day says the same thing less precisely
        else:  # a day replaces a coarser date already chosen around it
            chosen = [c for c in chosen if c.key[0] == c.key[1] or not _nested(slot.key, c.key)]
        chosen.append(slot)
    tx_by_article = _timexes(story.timexes)
    published = {a.id: a.published for a in story.articles if a.published and a.id in on_topic}
    bounded = bounded_reports(story.events, published)
    out = []
    for rank, slot in enumerate(chosen, 1):
        main = max(slot.events, key=lambda ev: (ev.salience, ev.independent_sources, ev.id))
        fresh = fresh_reports(bounded, slot.key) if slot.key[0] == slot.key[1] else []
        summary = rank_evidence(main, slot.events, slot.key, tx_by_article, published, fresh)[:SUMMARY_SENTENCES]
        out.append(KeyEvent(
            event=main.id, rank=rank, date=main.date, summary=summary or main.evidence[:1],
            score=round(slot.score, 4), sources=sorted({canon.get(e.article, e.article) for e in main.evidence}),
            outlets=list(main.outlets), claims=list(main.claims),
        ))  # fmt: skip
    out.sort(key=lambda k: (dates.sort_key(k.date), k.rank))
    return out


def _timexes(timexes: list[Timex]) -> dict[str, list[Timex]]:
    out: dict[str, list[Timex]] = defaultdict(list)
    for tx in timexes:
        if tx.article:
            out[tx.article].append(tx)
    return out


def _states_date(e: Evidence, key: tuple[str, str], tx_by_article: dict[str, list[Timex]]) -> bool:
    """The sentence holds a time expression for the slot's date."""
    for tx in tx_by_article.get(e.article, ()):
        if e.start <= tx.start < e.end and tx.first_day and (tx.first_day[:10], (tx.last_day or tx.first_day)[:10]) == key:
            return True
    return False


def bounded_reports(events: list[Event], published: dict[str, str]) -> dict[str, list[Evidence]]:
    """Publication day -> evidence of on-topic, factual events dated only by a bound, in articles of that day."""
    out: dict[str, list[Evidence]] = defaultdict(list)
    for ev in events:
        if ev.off_topic or dates.is_own(ev.date) or modality.group(ev.modality) != "factual":
            continue
        if ev.date is not None and ev.date.relation != "before":
            continue
        for e in ev.evidence:
            pub = published.get(e.article)
            if pub and dates.overlap(dates.interval(ev.date), (pub[:10], pub[:10])):
                out[pub[:10]].append(e)
    return out


def fresh_reports(bounded: dict[str, list[Evidence]], key: tuple[str, str]) -> list[Evidence]:
    """Bound-dated reports published on the day `key` or within `FRESH_DAYS` after it."""
    day = key[0]
    out = list(bounded.get(day, ()))
    for _ in range(FRESH_DAYS):
        day = _next_day(day)
        out += bounded.get(day, ())
    return out


def _fresh(e: Evidence, key: tuple[str, str], published: dict[str, str]) -> bool:
    """The sentence's article was published on the date or within `FRESH_DAYS` after it."""
    pub = published.get(e.article)
    return pub is not None and 0 <= _days_between(key[0], pub) and _days_between(key[1], pub) <= FRESH_DAYS


def rank_evidence(main: Event, same_date: list[Event], key: tuple[str, str],
                  tx_by_article: dict[str, list[Timex]], published: dict[str, str] | None = None,
                  undated: list[Evidence] | None = None) -> list[Evidence]:
    """Readable, distinct evidence sentences for a date, best first (see the module docstring);
    `undated` reports join when they are close to what the dated sentences say."""
    pool: dict[str, tuple[Evidence, bool]] = {}
    for ev in [main, *[e for e in same_date if e is not main]]:
        for e in ev.evidence:
            text = " ".join(e.sentence.split())
            if text and text not in pool and readable(text):
                pool[text] = (e, ev is main)
    if not pool:
        return []
    bags = {t: bag(content_words(t)) for t in pool}
    centroid, norm = _centroid(bags.values())
    for e in undated or ():
        text = " ".join(e.sentence.split())
        if text and text not in pool and readable(text):
            b = bag(content_words(text))
            if cosine(b, centroid) / norm >= UNDATED_REPORT_SIM:
                pool[text], bags[text] = (e, False), b
    centroid, norm = _centroid(bags.values())
    scores = {
        t: cosine(bags[t], centroid) / norm + (DATE_BONUS if _states_date(e, key, tx_by_article) else 0.0)
        + (OWN_EVENT_BONUS if own else 0.0) + (FRESH_BONUS if _fresh(e, key, published or {}) else 0.0)
        + (LEAD_BONUS if e.start < LEAD_CHARS else 0.0)
        for t, (e, own) in pool.items()
    }  # fmt: skip
    out: list[Evidence] = []
    picked: list[dict[str, float]] = []
    for t in sorted(pool, key=lambda t: (-scores[t], t)):
        if any(cosine(bags[t], p) >= REDUNDANT for p in picked):
            continue
        picked.append(bags[t])
        out.append(pool[t][0])
    return out


def _centroid(bags: Iterable[dict[str, float]]) -> tuple[dict[str, float], float]:
    """Sum of the bags and its norm."""
    centroid: dict[str, float] = defaultdict(float)
    for b in bags:
        for w, v in b.items():
            centroid[w] += v
    return centroid, math.sqrt(sum(v * v for v in centroid.values())) or 1.0


def independent(ev: Event, articles: dict[str, Article]) -> set[str]:
    """The event's articles with syndicated copies and duplicates counted once."""
    out = set()
    for e in ev.evidence:
        a = articles.get(e.article)
        out.add(a.duplicate_of or a.id if a else e.article)
    return out
