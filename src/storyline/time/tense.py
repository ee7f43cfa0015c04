"""Tense of the clause governing a temporal expression, read from spaCy's dependency parse.

Used only to choose the direction of underspecified dates: "on Friday" in "will meet on Friday"
looks forward from the publication date, in "met on Friday" backward.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..lexicon import words
from ..syntax import lemma
from .lexicon import FUTURE_CUE_LEMMAS

# "planned a rally on Saturday", "postponed the vote on Friday": the event the verb governs lies ahead.
# Of the intent verbs only these two take an event as object; "sought talks on Tuesday" is dated by its
# own (past) clause.
PLAN_LEMMAS = words("schedule_verbs") | {"plan", "expect"}
FUTURE_AUX = words("future_auxiliaries") | words("future_in_past_auxiliaries")
FORWARD = words("forward_time_prepositions")


def _governing_verb(tok: Token) -> tuple[Token | None, bool]:
    """The nearest verb above tok, and whether the path passed through a noun ("a rally on Friday")."""
    cur = tok
    via_noun = False
    for _ in range(6):
        if cur.pos_ in ("VERB", "AUX") and cur.dep_ not in ("aux", "auxpass"):
            return cur, via_noun
        if cur is not tok and cur.pos_ in ("NOUN", "PROPN"):
            via_noun = True
        if cur.head is cur:
            return (cur if cur.pos_ in ("VERB", "AUX") else None), via_noun
        cur = cur.head
    return None, via_noun


def _verb_tense(verb: Token, via_noun: bool = False) -> str:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if via_noun and lemma(verb) in PLAN_LEMMAS:
        return "future"  # "planned a rally on Saturday": the planned thing lies ahead
    lowers = {a.lower_ for a in auxes}
    if lowers & FUTURE_AUX:
        return "future"
    if any(a.lower_ == "to" for a in auxes) and verb.dep_ in ("xcomp", "ccomp", "advcl", "relcl", "acl"):
        head = verb.head
        if lemma(head) in FUTURE_CUE_LEMMAS or head.lower_ in ("going", "due", "set", "slated"):
            return "future"
        if head.lemma_ == "be" and head.tag_ in ("VBZ", "VBP"):  # "is to resume"
            return "future"
        if head is not verb and head.pos_ in ("VERB", "AUX", "ADJ"):
            return _verb_tense(head)
    if verb.lower_ in ("going",) and any(c.lower_ == "to" for c in verb.subtree):
        return "future"
    if verb.tag_ == "VBD" or any("Past" in a.morph.get("Tense", []) for a in auxes):
        return "past"
    if verb.tag_ == "VBN" and lowers & {"have", "has", "had", "'ve", "was", "were"}:
        return "past"
    if verb.tag_ == "VBN" and not auxes:
        return "past"
    if verb.tag_ in ("VBZ", "VBP", "VB", "VBG", "VBN"):
        return "present"
    return "unknown"


def _points_ahead(tok: Token, verb: Token) -> bool:
    """A word between the expression and its verb that looks ahead of the statement ("said ahead of
    Thursday's meeting", "on the eve of Monday's vote")."""
    cur = tok
    for _ in range(6):
        if cur.i == verb.i or cur.head.i == cur.i:
            return False
        cur = cur.head
        if cur.lower_ in FORWARD:
            return True
    return False


# where a plan verb holds the planned thing: "planned a rally", "invited them to a ceremony"
_ARGUMENT_DEPS = ("nsubj", "nsubjpass", "dobj", "obj", "attr", "prep:to", "prep:for")


def _on_path_dep(tok: Token, verb: Token) -> str | None:
    """The dependency of the verb's child that holds `tok` (None when the verb is not above it)."""
    cur = tok
    for _ in range(6):
        if cur.head.i == verb.i and cur.i != verb.i:
            return f"prep:{cur.lower_}" if cur.dep_ == "prep" else str(cur.dep_)
        if cur.head.i == cur.i:
            return None
        cur = cur.head
    return None


def _in_subject(tok: Token, verb: Token) -> bool:
    """`tok` lies in the verb's subject ("Thursday's meeting is expected to ..."), not in another of its
    phrases ("with the Senate's approval Wednesday night, the House is expected to vote")."""
    return _on_path_dep(tok, verb) in ("nsubj", "nsubjpass")


def _present_prospect(verb: Token) -> bool:
    """A present-tense prospect of the clause's subject: "Thursday's meeting is expected to decide",
    "Friday's vote is due to take place": the subject's time lies ahead."""
    if any(a.tag_ == "VBD" or a.lower_ in ("was", "were") for a in verb.children if a.dep_ in ("aux", "auxpass")):
        return False
    if verb.tag_ == "VBD":
        return False
    heads = [verb, *(c for c in verb.children if c.dep_ in ("acomp", "attr"))]
    return any(lemma(h) in FUTURE_CUE_LEMMAS or h.lower_ in ("due", "set", "slated")
               for h in heads if any(x.dep_ == "xcomp" for x in h.children))  # fmt: skip


def tense_at(doc: Doc, start: int, end: int) -> str:
    """'past', 'present', 'future' or 'unknown' for the clause governing text[start:end]."""
    span: Span | None = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return "unknown"
    verb, via_noun = _governing_verb(span.root)
    if verb is None:
        # Headline-style fragments: fall back to the sentence root.
        verb, via_noun = _governing_verb(span.sent.root)
        if verb is None:
            return "unknown"
    if _points_ahead(span.root, verb) or (via_noun and _in_subject(span.root, verb) and _present_prospect(verb)):
        return "future"
    # the planned thing is the verb's subject or object ("planned a rally on Saturday"), not an
    # adjunct ("with the approval on Monday, the mayor is expected to sign")
    return _verb_tense(verb, via_noun and _on_path_dep(span.root, verb) in _ARGUMENT_DEPS)
