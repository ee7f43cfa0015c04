"""Modality: whether the article asserts an event, reports it from a source, or says it is denied,
planned, hypothetical or did not happen.

An event inside a claim's content is *reported* (the claim id is linked) or *denied* (deny claim, or
under "deny"). Otherwise only markers on the trigger itself, or on the words it is the complement of
(`_governor`: control and complement verbs, bare purpose/participle clauses, "attempt to", "aimed
at", "talks on X", a verb's object noun), count: a preceding negation or "refuse/fail to" make it
*negated*; "if/unless", a modal, "any" make it *hypothetical*; "will", intent words ("plans/seeks/
agreed to", "is set to", "potential") make it *planned*. A negation elsewhere in the sentence, a
purpose clause or a time clause ("after being held") change nothing. Headlines compress: a nominal
event there is planned (prospect words) or dropped.
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Span, Token

from storyline import lexicon
from storyline.extract.events.participants import ancestors
from storyline.extract.plover import Trigger
from storyline.modality import RANK
from storyline.records import Article, Claim, Event
from storyline.syntax import lemma

# How far from a bare assertion (the one ordering, `storyline.modality`): the farther marker wins.
MODALITY_RANK = RANK
_PRIORITY = ("denied", "negated", "hypothetical", "planned", "reported")
ClaimSpans = list[tuple[int, int, Claim]]


@cache
def report_verbs() -> frozenset[str]:
    """Verbs whose complement is a source's statement or belief ("said", "warned", "believes")."""
    return lexicon.words("speech_verbs") | lexicon.words("belief_verbs")


def _aux_modality(node: Token) -> str | None:
    """Future ("will") is planned; a modal ("would", "may") is hypothetical, or planned when it is the
    future of a past report ("said it would send")."""
    aux = {c.lower_ for c in node.children if c.dep_ in ("aux", "auxpass")}
    if aux & lexicon.words("future_auxiliaries") or ("going" in aux and node.tag_ == "VB"):
        return "planned"
    if aux & lexicon.words("conditional_auxiliaries"):
        reported_past = any(  # "said it would send", "pledged that it would lift": future in the past
            (lemma(a) in report_verbs() or lemma(a) in lexicon.words("plan_verbs")) and a.tag_ == "VBD"
            for a in ancestors(node)
        )
        # "said any deal would violate ...": a condition, not the future of the report
        indefinite = any(c.dep_ in ("nsubj", "nsubjpass") and any(g.dep_ == "det" and g.lower_ == "any" for g in c.children)
                         for c in node.children)  # fmt: skip
        return "planned" if reported_past and aux & {"would", "'d"} and not indefinite else "hypothetical"
    return None


def _own_marks(node: Token, found: set[str]) -> None:
    """Markers on the trigger itself (or its light verb): negation, condition, modal, determiner."""
    kids = list(node.children)
    if any(c.dep_ == "neg" and c.i < node.i for c in kids):  # "did not send"; a trailing "not" is elliptical
        found.add("negated")
    if any(c.dep_ == "mark" and c.lower_ in lexicon.words("hypothetical_marks") for c in kids):
        found.add("hypothetical")
    dets = {c.lower_ for c in kids if c.dep_ in ("det", "preconj")}
    if node.pos_ in ("VERB", "AUX") and any(  # "neither X nor Y has been charged"
        c.dep_ in ("nsubj", "nsubjpass") and any(g.dep_ in ("det", "preconj") and g.lower_ == "neither" for g in c.children)
        for c in kids
    ):
        found.add("negated")
    if dets & {"no", "neither"}:
        found.add("negated")
    if "any" in dets:
        found.add("hypothetical")
    if any(c.dep_ in ("amod", "compound") and lemma(c) in lexicon.words("plan_modifiers") for c in kids):
        found.add("planned")
    mod = _aux_modality(node)
    if mod:
        found.add(mod)


def _governor(cur: Token) -> Token | None:
    """The word whose complement `cur` is, when that word can change its modality: control and
    complement verbs ("plans to", "failed to", "has not observed X supplying"), bare purpose and
    participle clauses, "attempt/move to", "aimed at V-ing", "talks on X", a verb's object noun.
    None at a clause boundary (relative clauses, subjects, clauses with their own "because"...)."""
    dep, parent = cur.dep_, cur.head
    if parent.i == cur.i:
        return None
    if dep in ("xcomp", "ccomp", "oprd", "acomp", "conj"):
        return parent
    if dep == "advcl":
        if any(c.dep_ == "mark" for c in cur.children):
            return None
        small_clause = cur.tag_ == "VBG" and lemma(parent) in lexicon.words("perception_verbs")  # "saw X firing"
        own = any(c.dep_ in ("nsubj", "nsubjpass") for c in cur.children)
        return None if own and not small_clause else parent
    if dep == "acl" and cur.tag_ == "VB":
        return parent  # "a move to back X", "an attempt to seize X"
    if dep == "pcomp" and parent.dep_ == "prep" and parent.head.i != parent.i:
        return parent.head  # "aimed at providing", "accused X of shipping"
    if dep in ("dobj", "obj") and (cur.pos_ in ("NOUN", "PROPN") or cur.tag_ == "VBG"):
        return parent
    if dep == "pobj" and parent.dep_ == "prep" and lemma(parent) in ("about", "on", "over", "for", "at", "toward"):
        gov = parent.head
        if lemma(gov) in lexicon.words("plan_nouns") or lemma(gov) in lexicon.words("plan_verbs"):
            return gov  # "talks on a ceasefire", "plans for a visit"
    return None


def _word_marks(cur: Token, gov: Token, found: set[str]) -> bool:
    """What the governing word itself says about its complement; True when it is a report (beyond
    it is the speaker's clause, handled by claims)."""
    word = lemma(gov)
    # a participle or purpose clause shares its main verb's negation and mood, not its meaning:
    # "explored buying X, using drones to attack" does not make the attack a plan
    adjunct = cur.dep_ == "advcl" or (  # "after being held": time, not aim ("aimed at", "committed to")
        cur.dep_ == "pcomp" and lemma(cur.head) not in ("to", "toward", "towards", "for", "at", "on", "about")
    )
    # "called the hearing" is no plan and no statement: "call" plans only "for"/"on"
    acts_on = cur.dep_ in ("dobj", "obj") and word in lexicon.words("prep_plan_verbs")
    if word in lexicon.words("deny_verbs") or word in lexicon.words("deny_nouns"):
        found.add("denied")
    elif word in lexicon.words("negating_verbs") and not adjunct:
        found.add("negated")
    elif (word in lexicon.words("plan_verbs") or word in lexicon.words("plan_nouns")) and not adjunct and not acts_on:
        found.add("planned")
    elif (word in report_verbs() or word in lexicon.words("report_nouns")) and not (
        adjunct or acts_on or _not_a_report(cur, gov)
    ):
        found.add("reported")
        return True
    return False


def _not_a_report(cur: Token, gov: Token) -> bool:
    """Speech verbs in another sense: perceiving ("has not observed X supplying": a small clause is
    what was seen) and going on ("continued to supply": the event itself, not what was said)."""
    word = lemma(gov)
    if word in lexicon.words("perception_verbs") and cur.dep_ in ("advcl", "ccomp") and cur.tag_ == "VBG":
        return True
    return word in lexicon.words("aspectual_verbs") and cur.dep_ == "xcomp"


def _governor_marks(gov: Token, found: set[str]) -> None:
    """Markers on the governing word: its negation, condition, modal, or a planned subject."""
    kids = list(gov.children)
    if any(c.dep_ == "neg" and c.i < gov.i for c in kids) or any(c.dep_ == "det" and c.lower_ == "no" for c in kids):
        found.add("negated")
    if any(c.dep_ == "mark" and c.lower_ in lexicon.words("hypothetical_marks") for c in kids):
        found.add("hypothetical")
    mod = _aux_modality(gov) if gov.pos_ in ("VERB", "AUX") else None
    if mod:
        found.add(mod)
    planned = lexicon.words("plan_modifiers") | {"envision", "envisage", "plan", "propose"}
    if any(c.dep_ in ("nsubj", "nsubjpass") and any(g.dep_ in ("amod", "compound") and lemma(g) in planned
                                                    for g in c.children) for c in kids):  # fmt: skip
        found.add("planned")  # "the envisioned agreements involve X sending ..."


def _governed_marks(head: Token, found: set[str]) -> None:
    """Walk up the words the trigger is the complement of, collecting their markers."""
    cur = head
    for _ in range(8):
        gov = _governor(cur)
        if gov is None:
            return
        if cur.dep_ == "conj":
            _own_marks(gov, found)  # "did not provide or sell": conjuncts share the negation
            cur = gov
            continue
        if _word_marks(cur, gov, found):
            return
        _governor_marks(gov, found)
        if any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in gov.children):
            return  # a finite clause of its own: what governs it is not about this event
        if cur.dep_ in ("dobj", "obj", "pobj") and cur.pos_ in ("NOUN", "PROPN"):
            return  # "subvert the sanctions" in "an effort to subvert ...": the sanctions exist
        cur = gov


def modality_of(trig: Trigger) -> str:
    """Modality from the parse alone (claims are applied afterwards).

    Only markers on the trigger itself or on the words it is the complement of count: a negation
    elsewhere in the sentence ("would not say whether ... the shipments") leaves the event alone,
    and an infinitive or purpose clause is not a plan unless an intent word governs it.
    """
    tok, head = trig.token, trig.head
    found: set[str] = set()
    for node in dict.fromkeys([tok, head]):
        _own_marks(node, found)
    _governed_marks(head, found)
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("nsubj", "nsubjpass"):
        verb = tok.head  # "any deal would violate ...": the deal is hypothetical
        if any(c.dep_ == "aux" and c.lower_ in lexicon.words("conditional_auxiliaries") for c in verb.children) and any(
            c.dep_ == "det" and c.lower_ in ("any", "a", "an") for c in tok.children
        ):
            found.add("hypothetical")
    return next((m for m in _PRIORITY if m in found), "asserted")


# ---------------------------------------------------------------- claims


def claim_spans(claims: list[Claim], article_id: str) -> ClaimSpans:
    """The content span of every claim of this article, with the claim."""
    spans = []
    for c in claims:
        for ev in c.evidence:
            if ev.article != article_id:
                continue
            span = ev.content_span or [ev.start, ev.end]
            spans.append((span[0], span[1], c))
    return spans


def _claim_for(tok: Token, spans: ClaimSpans) -> Claim | None:
    """The innermost claim whose content contains the trigger."""
    inside = [(e - s, c) for s, e, c in spans if s <= tok.idx < e]
    return min(inside, key=lambda x: x[0])[1] if inside else None


def _backgrounded(tok: Token, claim: Claim, spans: ClaimSpans) -> bool:
    """A trigger in a relative clause inside a denial ("..., where the fighting is heaviest") is
    background the speaker takes for granted, not what the speaker denies."""
    start = min((s for s, _e, c in spans if c is claim), default=0)
    node = tok
    while node.head.i != node.i and node.idx >= start:
        if node.dep_ == "relcl" and node.head.idx >= start:
            return True
        node = node.head
    return False


def with_claim(mod: str, tok: Token, spans: ClaimSpans) -> tuple[str, list[str]]:
    """The modality once claims count, and the claim ids: an event inside a claim's content is
    reported, or denied inside a denial."""
    claim = _claim_for(tok, spans)
    if claim is None:
        return mod, []
    if claim.stance == "deny" and not _backgrounded(tok, claim, spans):
        return "denied", [claim.id]
    if MODALITY_RANK[mod] < MODALITY_RANK["reported"]:
        return "reported", [claim.id]
    return mod, [claim.id]


# ---------------------------------------------------------------- headlines


def _headline(tok: Token, article: Article) -> Span | None:
    """The title or title-like line holding this token, if it is one: the article's title, or a short
    line of its own with no final stop. Headlines compress ("arms deal inches closer") and are not
    sentences of record. Works by line, since the parser often runs a title into the next paragraph."""
    text = article.text
    start = text.rfind("\n", 0, tok.idx) + 1
    end = text.find("\n", tok.idx)
    end = len(text) if end < 0 else end
    line = text[start:end].strip()
    if not line:
        return None
    title = bool(article.title) and line == (article.title or "").strip()
    if not title and (line.endswith((".", "!", "?", ":", ";", ",", "\u201d", '"')) or len(line.split()) > 14):
        return None
    return tok.doc.char_span(start, end, alignment_mode="contract")


def _headline_modality(trig: Trigger, line: Span) -> str | None:
    """Modality of a nominal event in a headline, or None to drop it. A prospect predicate
    ("deal nears", "talks on a deal", "deal in the works") makes it planned; a verb of occurrence
    ("deal signed", "made a trip") keeps it asserted; a bare noun phrase or any other predicate states
    nothing about whether it happened, and the body (which has provenance) will say it if so."""
    if trig.head.i != trig.token.i:
        return "asserted"  # a light verb states the act ("makes trip")
    prospect = lexicon.words("prospect_words")
    if any(lemma(t) in prospect or t.lower_ in prospect for t in line if t.i != trig.token.i):
        return "planned"
    head = trig.token.head
    if head.i != trig.token.i and head.pos_ in ("VERB", "AUX") and (
        lemma(head) in lexicon.words("occurrence_verbs") or head.tag_ in ("VBD", "VBN")
    ):
        return "asserted"
    return None


def in_headlines(found: list[tuple[Event, Trigger]], article: Article) -> list[tuple[Event, Trigger]]:
    """Nominal events in headlines become planned, or are dropped when the headline states nothing."""
    kept = []
    for ev, trig in found:
        line = _headline(trig.token, article) if trig.noun else None
        if line is None:
            kept.append((ev, trig))
            continue
        head_mod = _headline_modality(trig, line)
        if head_mod is None:
            continue
        if MODALITY_RANK[head_mod] > MODALITY_RANK[ev.modality]:
            ev.modality = head_mod
        kept.append((ev, trig))
    return kept
