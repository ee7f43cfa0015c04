"""What the story is about: its main actors, its characteristic terms, and which articles belong to it.

The story is what most of the corpus is about. Each canonical article (syndicated copies count once)
becomes a bag of content words with log-scaled counts; the corpus centroid of those bags is the
topic. The terms are the content words in most articles, weighted by their centroid weight; an
article is off the topic when its cosine to the centroid of the *other* articles is far below the
corpus's typical value and it names none of the main actors, or somewhat below it while it names
them far more rarely, for its length, than the typical article (a schedule page, a round-up). Lexical, so it needs no model and is
the same on every machine.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable

from spacy.lang.en.stop_words import STOP_WORDS

from storyline import lexicon
from storyline.records import Article, Event, Story, Topic

TOPIC_ACTORS = 8  # the story's main actors: entities in the events of the most articles
MIN_ACTOR_ARTICLES = 2  # an entity of one article's events is not a main actor of the story
TOPIC_TERMS = 20  # characteristic content words kept in Topic.terms
MIN_TERM_SHARE = 0.1  # a term is in at least this share of the canonical articles
# An article is off-topic when its cosine to the rest of the corpus is below this share of the median
# article's cosine (topical articles sit near the median; a party or a blizzard far below it).
OFF_TOPIC_RELATIVE = 0.35
# A looser distance still marks an article off the topic when the main actors are rare in it: a
# schedule page or a round-up that names the story's actors once among thousands of words. Density is
# main-actor mentions per content word, relative to the median article's density.
LOOSE_OFF_TOPIC_RELATIVE = 0.65
SPARSE_ACTORS_RELATIVE = 0.25
MIN_ARTICLES_FOR_OFF_TOPIC = 4  # with fewer articles "what most of the corpus is about" is not defined
MIN_WORD = 3

_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*[A-Za-z]")


def _not_terms() -> frozenset[str]:
    """Function words and words about reporting or the calendar, which say nothing of the topic."""
    months = {str(k) for k in lexicon.table("months")}
    weekdays = {str(k) for k in lexicon.table("weekdays")}
    numbers = {str(k) for k in lexicon.table("number_words")}
    speech = lexicon.words("speech_verbs")
    return frozenset(STOP_WORDS) | speech | _irregular_forms(speech) | months | weekdays | numbers


def _irregular_forms(lemmas: frozenset[str]) -> set[str]:
    """Irregular inflections ("said", "told", "spoke") of `lemmas`, from the parse model's own lemma
    exceptions, so the English morphology is not copied into a word list of ours."""
    from spacy.lookups import Lookups

    from storyline.nlp import model_dir

    folder = model_dir() / "lemmatizer" / "lookups"
    if not folder.is_dir():
        return set()
    verbs = Lookups().from_disk(folder).get_table("lemma_exc").get("verb", {})
    return {form for form, lem in verbs.items() if set(lem) & lemmas and form.isalpha()}


def content_words(text: str) -> list[str]:
    """Lower-cased content words of `text` (possessive 's dropped), function words left out."""
    stop = _stop()
    out = []
    for m in _WORD.finditer(text):
        w = m.group(0).lower()
        if w.endswith("'s"):
            w = w[:-2]
        if len(w) >= MIN_WORD and w not in stop and not _inflected_of(w, stop):
            out.append(w)
    return out


_STOP: list[frozenset[str]] = []
_SUFFIXES = ("s", "es", "d", "ed", "ing")  # regular inflections of a listed verb ("says", "warned")


def _inflected_of(w: str, stop: frozenset[str]) -> bool:
    return any(w.endswith(suf) and w[: -len(suf)] in stop for suf in _SUFFIXES)


def _stop() -> frozenset[str]:
    if not _STOP:
        _STOP.append(_not_terms())
    return _STOP[0]


def analysed_text(a: Article) -> str:
    """The article's text without its excluded spans (captions, furniture, bylines)."""
    if not a.excluded:
        return a.text
    parts, pos = [], 0
    for sp in sorted(a.excluded, key=lambda s: s.start):
        if sp.start > pos:
            parts.append(a.text[pos : sp.start])
        pos = max(pos, sp.end)
    parts.append(a.text[pos:])
    return " ".join(parts)


def bag(words: Iterable[str]) -> dict[str, float]:
    """Log-scaled counts, L2-normalised: one long article does not outweigh the others."""
    c = Counter(words)
    vec = {w: 1.0 + math.log(n) for w, n in c.items()}
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {w: v / norm for w, v in vec.items()}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())


class TopicModel:
    """The corpus centroid and each canonical article's bag, computed once per story."""

    def __init__(self, articles: list[Article]) -> None:
        canon = [a for a in articles if not a.duplicate_of]
        words = {a.id: content_words(analysed_text(a)) for a in canon}
        self.words = {aid: len(w) for aid, w in words.items()}
        self.bags = {aid: bag(w) for aid, w in words.items()}
        self.df: Counter[str] = Counter(w for b in self.bags.values() for w in b)
        total: Counter[str] = Counter()
        for b in self.bags.values():
            total.update(b)
        self.total = total
        self.n = len(self.bags)
        self._total_sq = sum(v * v for v in total.values())

    def terms(self, k: int = TOPIC_TERMS) -> list[str]:
        """Content words in at least `MIN_TERM_SHARE` of the articles, by centroid weight."""
        floor = max(2, math.ceil(MIN_TERM_SHARE * self.n))
        ranked = sorted((w for w, d in self.df.items() if d >= floor), key=lambda w: (-self.total[w], w))
        return ranked[:k]

    def article_fit(self, aid: str) -> float:
        """Cosine of the article to the centroid of the other articles (leave-one-out)."""
        b = self.bags.get(aid)
        if not b or self.n < 2:
            return 1.0
        dot = sum(v * self.total[w] for w, v in b.items())  # b is a unit vector
        rest_sq = self._total_sq - 2 * dot + 1.0
        return (dot - 1.0) / math.sqrt(rest_sq) if rest_sq > 1e-9 else 0.0

    def off_topic_articles(self, actor_mentions: Counter[str]) -> set[str]:
        """Articles far from the corpus centroid that name none of the main actors, or somewhat far
        from it that name them rarely for their length."""
        if self.n < MIN_ARTICLES_FOR_OFF_TOPIC:
            return set()
        fits = {aid: self.article_fit(aid) for aid in self.bags}
        density = {aid: actor_mentions[aid] / max(1, self.words[aid]) for aid in self.bags}
        median, median_density = _median(fits.values()), _median(density.values())
        off = set()
        for aid, f in fits.items():
            if f < OFF_TOPIC_RELATIVE * median and not actor_mentions[aid]:
                off.add(aid)
            elif f < LOOSE_OFF_TOPIC_RELATIVE * median and density[aid] < SPARSE_ACTORS_RELATIVE * median_density:
                off.add(aid)
        return off


def _median(values: Iterable[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2] if ordered else 0.0


def main_actors(story: Story) -> list[str]:
    """Entities named as participants in the events of the most distinct articles."""
    seen: dict[str, set[str]] = {}
    for ev in story.events:
        arts = {e.article for e in ev.evidence}
        for eid in dict.fromkeys(ev.actors + ev.recipients):
            seen.setdefault(eid, set()).update(arts)
    ranked = sorted(seen, key=lambda eid: (-len(seen[eid]), eid))
    return [eid for eid in ranked[:TOPIC_ACTORS] if len(seen[eid]) >= MIN_ACTOR_ARTICLES]


def actor_mentions(story: Story, actors: set[str]) -> Counter[str]:
    """Article id -> how many times it names one of `actors` (entity mentions; an article whose
    events have one of them as participant counts at least once)."""
    out: Counter[str] = Counter()
    for ent in story.entities:
        if ent.id in actors:
            out.update(m.article for m in ent.mentions)
    for ev in story.events:
        if (set(ev.actors) | set(ev.recipients)) & actors:
            for e in ev.evidence:
                out[e.article] = max(out[e.article], 1)
    return out


def build_topic(story: Story, model: TopicModel) -> Topic:
    return Topic(actors=main_actors(story), terms=model.terms(), about=story.topic.about)


def event_term_share(ev: Event, terms: set[str]) -> float:
    """Share of the event's evidence sentences that contain a topic term."""
    sents = {e.sentence for e in ev.evidence if e.sentence}
    if not sents or not terms:
        return 0.0
    return sum(1 for s in sents if terms & set(content_words(s))) / len(sents)
