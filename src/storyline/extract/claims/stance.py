"""Stance of a claim (assert, deny, hedge), and the speech acts that are no claim at all: refusals to
speak ("declined to comment") and acts not (yet) made ("plans to announce")."""

from __future__ import annotations

from spacy.tokens import Token

from storyline.syntax import lemma

from .vocab import (
    BELIEF,
    DENY,
    FIRST_PERSON,
    HEDGE_CUES,
    HEDGE_WORDS,
    INTENT,
    OBLIGATION_AUX,
    REALISING_HEADS,
    REFUSAL,
    REFUSAL_AUX,
    SELF_PRONOUNS,
    SPEECH,
    UNREALISED_HEADS,
)


def stance(v: Token | None, content_root: Token | None, source_root: Token | None) -> str:
    """`deny` for deny cues and a speaker's own negated act ("said it would not"); `hedge` for views,
    estimates, wants and tentative content ("may reach"); else `assert`."""
    if v is None:
        return "assert"
    cue = lemma(v)
    if cue in DENY:
        return "deny"
    if content_root is not None and _open_question(content_root):
        return "hedge"  # "wondered whether X", "asked if X": X is put in doubt, not stated
    if content_root is not None and cue in SPEECH:
        said = _said_stance(content_root, source_root)
        if said is not None:
            return said
    if cue in HEDGE_CUES:
        return "hedge"
    if content_root is not None and _tentative(content_root):
        return "hedge"
    return "assert"


def _said_stance(root: Token, source_root: Token | None) -> str | None:
    """Stance a speech verb takes from its content: the speaker's own negated act is a denial ("said
    they did not send troops"); a stated belief is a hedge ("said we don't believe ...")."""
    neg = any(c.dep_ == "neg" for c in root.children)
    auxes = {c.lower_ for c in root.children if c.dep_ == "aux"}
    subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    self_subj = subj is not None and (
        subj.lower_ in SELF_PRONOUNS or (source_root is not None and subj.lower_ == source_root.lower_)
    )
    cognition = root.lemma_.lower() in BELIEF | {"know", "see"}
    if cognition:
        return "hedge"
    if neg and self_subj and auxes & REFUSAL_AUX:
        return "deny"
    return None


def _open_question(root: Token) -> bool:
    """Content that is a yes/no question ("whether we are at the end", "if it was safe")."""
    return any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in root.children)


def _tentative(root: Token) -> bool:
    """Content with a hedging modal or adverb, not negated ("may reach", "will probably")."""
    mods = {c.lower_ for c in root.children if c.dep_ in ("aux", "advmod")}
    negated = any(c.dep_ == "neg" for c in root.children)
    return bool(mods & HEDGE_WORDS) and not negated


def unrealised(v: Token) -> bool:
    """A cue in the infinitive or negated want/plan: a speech act planned, asked for, recommended or
    avoided, not made ("plans to announce", "was asked to describe", "met to discuss", "should
    announce", "did not want to ...")."""
    if v.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children):
        if v.dep_ in ("advcl", "acl", "relcl"):  # a purpose or a plan: "joined by guests to discuss"
            return lemma(v.head) not in REALISING_HEADS  # "went on to explain" did explain
        return v.dep_ == "xcomp" and lemma(v.head) in UNREALISED_HEADS
    if any(c.dep_ == "aux" and c.lower_ in OBLIGATION_AUX for c in v.children):
        return not any(c.dep_ == "nsubj" and c.lower_ in FIRST_PERSON for c in v.children)  # "I must say"
    return lemma(v) in INTENT and any(c.dep_ == "neg" for c in v.children)


def is_question(v: Token) -> bool:
    """A cue in a direct question ("Can you explain why ...?", "Did he say that?"): an auxiliary
    before the subject, and a question mark ending the sentence; it asks, it states nothing."""
    subj = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < v.i), None)
    if subj is None or not any(c.dep_ in ("aux", "auxpass") and c.i < subj.i for c in v.children):
        return False
    last = next((t for t in reversed(v.sent) if not t.is_space and t.text not in ('"', "”", "’", "'")), None)
    return last is not None and last.text == "?"


def is_refusal(v: Token) -> bool:
    """A speech verb that is no claim: under a refusal ("declined to say"), negated ("did not say"),
    or used as a modifier ("the said report", "a widely reported case")."""
    if v.dep_ == "xcomp" and lemma(v.head) in REFUSAL:
        return True
    if v.dep_ in ("pcomp", "pobj") and lemma(v.head.head) in REFUSAL:
        return True
    if any(c.dep_ == "neg" for c in v.children) and lemma(v) in SPEECH:
        return True
    return v.dep_ == "amod" or v.tag_ == "VBN" and v.dep_ == "acl"
