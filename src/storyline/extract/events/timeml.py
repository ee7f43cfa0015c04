"""The TimeML layer under PLOVER: every event mention the trained model finds becomes an event.

`storyline.extract.mentions` (a CRF trained on TBAQ) tags each sentence's TimeML EVENTs. A mention on a
PLOVER trigger only adds its class, tense, aspect, polarity, predicate and trigger span to that event;
every other mention becomes an event of type "OTHER" with the same participants, modality and dating
code as the PLOVER events. Noise is kept down where the text already says it another way: a mention
that is the cue of a claim ("said", "believes") is the claim, not a second event; states count only
when the model is sure; mentions on a PLOVER trigger or its light verb are that event; an event noun
with neither participants nor a date ("the sanctions", "its war") mentions an event told elsewhere.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from storyline.extract.mentions import EventMention, detect_sentence
from storyline.extract.plover import Trigger
from storyline.records import Article, Claim, Event, Evidence
from storyline.syntax import lemma

__all__ = ["STATE_MIN_CONFIDENCE", "MIN_CONFIDENCE", "mentions_in", "annotate", "other_triggers", "predicate",
           "cue_spans", "bare_nominal"]  # fmt: skip

# A STATE mention becomes an event only at this CRF marginal or above ("was invincible" yes, "is
# likely" no); any other class at MIN_CONFIDENCE. Chosen on the seeds' look, not on TBAQ dev.
STATE_MIN_CONFIDENCE = 0.8
MIN_CONFIDENCE = 0.5
_PREDICATE_PREPS = frozenset({"for", "into", "out", "off", "down", "up", "over", "on", "against", "to"})
_HOLDER_DEPS = ("acomp", "attr")


def mentions_in(sent: Span, article: Article) -> list[EventMention]:
    """The sentence's TimeML mentions outside the article's excluded spans."""
    return [m for m in detect_sentence(sent) if not any(s.start <= m.start < s.end for s in article.excluded)]


def cue_spans(claims: list[Claim], article_id: str) -> list[tuple[int, int]]:
    """Character spans of the cues of this article's claims ("said", "denied", "told reporters")."""
    out = []
    for c in claims:
        for ev in c.evidence:
            if ev.article == article_id and ev.cue_span:
                out.append((ev.cue_span[0], ev.cue_span[1]))
    return out


def _readable_object(tok: Token) -> str | None:
    """A common-noun object worth naming in the predicate ("cut jobs"), not a name or pronoun."""
    if tok.pos_ != "NOUN" or tok.ent_type_:
        return None
    mods = [c for c in tok.children if c.dep_ == "compound" and c.pos_ == "NOUN" and not c.ent_type_]
    return " ".join([*(m.lower_ for m in mods), tok.lower_])


def predicate(tok: Token) -> str:
    """A readable predicate: the lemma with its particle, and a common-noun object or "for"/"into"...
    phrase ("file for bankruptcy", "cut jobs", "close plant"); a noun keeps its noun compounds ("job cut")."""
    if tok.pos_ in ("NOUN", "PROPN"):
        mods = [c.lower_ for c in tok.children if c.dep_ == "compound" and c.pos_ == "NOUN" and c.i < tok.i]
        return " ".join([*mods, lemma(tok)])
    words = [lemma(tok)]
    words += [c.lower_ for c in tok.children if c.dep_ == "prt"]
    obj = next((c for c in tok.children if c.dep_ in ("dobj", "obj", "nsubjpass")), None)
    text = _readable_object(obj) if obj is not None else None
    if text:
        return " ".join([*words, text])
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in _PREDICATE_PREPS and c.i > tok.i:
            pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
            text = _readable_object(pobj) if pobj is not None else None
            if text:
                return " ".join([*words, c.lower_, text])
    return " ".join(words)


def _token(sent: Span, m: EventMention) -> Token:
    return sent.doc[m.head]


def annotate(ev: Event, article: Article, m: EventMention, tok: Token) -> None:
    """Copy the mention's TimeML attributes onto the event, with its trigger span."""
    ev.timeml_class = m.cls
    ev.tense, ev.aspect, ev.polarity = m.tense, m.aspect, m.polarity
    ev.predicate = ev.predicate or predicate(tok)
    span = Evidence(article.id, m.start, m.end)
    if all((t.start, t.end) != (span.start, span.end) for t in ev.triggers):
        ev.triggers.append(span)


def match(trig: Trigger, found: list[EventMention]) -> EventMention | None:
    """The mention on a PLOVER trigger: its extent covers the trigger word, else it sits on the trigger's head."""
    tok = trig.token
    hit = next((m for m in found if m.start <= tok.idx < m.end), None)
    return hit or next((m for m in found if m.head == trig.head.i), None)


def _head(tok: Token) -> Token:
    """The verb that carries a predicative state's or noun's arguments: "was invincible" -> "was"."""
    if tok.dep_ in _HOLDER_DEPS and tok.head.pos_ in ("AUX", "VERB") and lemma(tok.head) == "be":
        return tok.head
    return tok


def _keep(m: EventMention, tok: Token, cues: list[tuple[int, int]]) -> bool:
    if m.confidence < (STATE_MIN_CONFIDENCE if m.cls == "STATE" else MIN_CONFIDENCE):
        return False
    if any(s < m.end and m.start < e for s, e in cues):
        return False  # a claim's cue ("said", "believes", "accused"): the claim already says it
    return any(ch.isalpha() for ch in m.text)


def bare_nominal(ev: Event, trig: Trigger, dated: bool) -> bool:
    """An event noun with no participant and no date of its own ("the sanctions", "its war", "the
    fighting"): mostly a mention of an event told elsewhere, so it is no event of its own."""
    return trig.noun and not dated and not (ev.actors or ev.recipients or ev.objects or ev.location)


def other_triggers(sent: Span, found: list[EventMention], typed: set[int],
                   cues: list[tuple[int, int]]) -> list[tuple[Trigger, EventMention]]:  # fmt: skip
    """Triggers of type OTHER for the mentions no PLOVER event holds (``typed``: token indices of
    PLOVER triggers and their heads) and that pass the noise checks (`_keep`)."""
    out = []
    for m in found:
        tok = _token(sent, m)
        if tok.i in typed or not _keep(m, tok, cues):
            continue
        noun = tok.pos_ in ("NOUN", "PROPN")
        out.append((Trigger(tok, "OTHER", None, _head(tok), noun=noun), m))
    return out
