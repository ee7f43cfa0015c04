"""PLOVER event-type triggers: which words in a parsed sentence report an event, and of what type.

A general news lexicon (``data/plover_lexicon.json``) maps verb and noun lemmas to PLOVER types and
modes; a few rules refine it with the parse: light verbs defer to their event noun ("made a trip"),
particles change meaning ("blow up"), the transferred object decides the AID mode (weapons and
ammunition -> AID/military), and launches or tests of weapons are MOBILIZE/weapons unless they hit a
target (then ASSAULT). Nothing here names a particular story's actors or phrases.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from spacy.tokens import Span, Token

# Types the issue lists, plus PLOVER's FIGHT and INVESTIGATE, which the lexicon also knows.
TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
    "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "FIGHT", "INVESTIGATE",
)  # fmt: skip
COOPERATIVE = {"AID", "CONCEDE", "CONSULT", "COOPERATE", "RETREAT", "SUPPORT", "AGREE"}
HOSTILE = {"SANCTION", "COERCE", "ASSAULT", "FIGHT", "REJECT", "PROTEST", "MOBILIZE", "THREATEN"}
TRANSFER_TYPES = {"AID"}
OBJECT_DEPS = {"dobj", "obj", "attr", "oprd", "nsubjpass"}


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    """The trigger lexicon, loaded once from the package data."""
    text = resources.files("storyline").joinpath("data/plover_lexicon.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    for key, value in list(data.items()):
        if isinstance(value, list):
            data[key] = frozenset(value)
    return data


def split_code(code: str | None) -> tuple[str, str | None] | None:
    """"AID/military" -> ("AID", "military")."""
    if not code:
        return None
    t, _, m = code.partition("/")
    return t, (m or None)


@dataclass
class Trigger:
    """A word that reports an event: `token` is the trigger, `head` the verb that carries its arguments."""

    token: Token
    type: str
    mode: str | None
    head: Token
    noun: bool = False
    inverse: bool = False  # buy/acquire: subject receives, "from" gives


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def word_key(tok: Token) -> str:
    """Lemma, except plural forms whose lemma changes the meaning ("arms" is not "arm")."""
    low = tok.text.lower()
    return low if low in ("arms", "talks", "hostilities", "games") and tok.pos_ == "NOUN" else _lemma(tok)


def cue_words(tok: Token, depth: int = 2) -> set[str]:
    """Lemmas in a noun phrase's core (head, compounds, modifiers, "of" objects) used as object cues."""
    out = {word_key(tok), _lemma(tok)}
    if depth <= 0:
        return out
    for child in tok.children:
        if child.dep_ in ("compound", "amod", "nmod", "conj", "appos"):
            out |= cue_words(child, depth - 1)
        elif child.dep_ == "prep" and _lemma(child) == "of":
            for p in child.children:
                if p.dep_ == "pobj":
                    out |= cue_words(p, depth - 1)
    return out


def object_tokens(head: Token) -> list[Token]:
    """Direct objects, datives and "with"/"of" objects of a verb or event noun."""
    out: list[Token] = []
    for child in head.children:
        if child.dep_ in ("dobj", "obj", "dative", "iobj", "attr", "oprd") or (
            child.dep_ == "nsubjpass" and head.pos_ == "VERB"
        ):
            out.append(child)
        elif child.dep_ == "prep" and _lemma(child) in ("with", "of"):
            out.extend(p for p in child.children if p.dep_ == "pobj")
    return out


def object_mode(objs: list[Token]) -> str | None:
    """The AID/COOPERATE mode implied by what is transferred (military, humanitarian, economic)."""
    cues = lexicon()["cues"]
    words: set[str] = set()
    for o in objs:
        words |= cue_words(o)
    for mode in ("military", "humanitarian", "economic"):
        if words & set(cues[mode]):
            return mode
    return None


def _has_target(head: Token) -> bool:
    for child in head.children:
        if child.dep_ == "prep" and _lemma(child) in ("at", "against", "into", "on", "toward", "towards"):
            if any(p.dep_ == "pobj" and p.ent_type_ in ("GPE", "LOC", "FAC", "NORP", "ORG", "PERSON") or
                   p.dep_ == "pobj" and _lemma(p) in ("target", "position", "city", "town", "village", "base")
                   for p in child.children):
                return True
    return False


def _armed_subject(tok: Token) -> bool:
    """The subject is an armed force or its weapons ("tanks fired", "the army shelled")."""
    armed = lexicon()["armed_forces"]
    for child in tok.children:
        if child.dep_ in ("nsubj", "agent"):
            subj = child if child.dep_ == "nsubj" else next((p for p in child.children if p.dep_ == "pobj"), None)
            if subj is not None and (_lemma(subj) in armed or any(
                _lemma(c) in armed for c in subj.children if c.dep_ == "compound"
            )):
                return True
    return False


def _verbal(tok: Token) -> bool:
    """An attack made with words: a speech noun is its means ("in tweets", "in a speech"), its subject
    ("the ad attacked"), or the noun it describes ("a tweet attacking X")."""
    speech = lexicon()["speech_nouns"]
    if tok.dep_ in ("acl", "relcl") and _lemma(tok.head) in speech:
        return True
    for child in tok.children:
        if child.dep_ in ("nsubj",) and _lemma(child) in speech:
            return True
        if child.dep_ == "prep" and _lemma(child) in ("in", "on", "with", "during", "via", "through"):
            if any(p.dep_ == "pobj" and cue_words(p) & speech for p in child.children):  # "in a series of tweets"
                return True
    return False


def _noun_trigger(tok: Token) -> Trigger | None:
    lex = lexicon()
    word = word_key(tok)
    code = lex["nouns"].get(word, lex["nouns"].get(_lemma(tok)))
    parsed = split_code(code)
    if parsed is None:
        return None
    typ, mode = parsed
    words = cue_words(tok)
    compounds = {_lemma(c) for c in tok.children if c.dep_ in ("compound", "amod")}
    if word == "strike" and not compounds & {"hunger", "general", "labor", "labour", "worker", "nationwide"}:
        typ, mode = "ASSAULT", None
    if word == "deal" and compounds & {"big", "huge", "great", "bigger", "real"}:
        return None  # "made a big deal of it": an idiom, not an agreement
    if word in ("game",) and "war" not in compounds:
        return None
    if word in ("exercise", "drill") and not compounds & {"military", "joint", "naval", "air", "war", "live", "fire"}:
        return None
    if word in ("test", "launch") and not (words & set(lex["cues"]["military"]) or compounds & {"nuclear", "missile"}):
        return None
    if word == "delivery" and not object_mode(object_tokens(tok)):
        return None
    if word == "exchange":
        objs = [w for o in object_tokens(tok) for w in cue_words(o)]
        if set(objs) & set(lex["cues"]["correspondence"]):
            return Trigger(tok, "CONSULT", "correspond", tok, noun=True)
        return None
    if typ in ("AGREE", "AID", "SUPPORT") and (words - {word}) & set(lex["cues"]["military"]):
        typ, mode = "AID", "military"
    elif typ == "AID" and mode is None:
        mode = object_mode([tok, *object_tokens(tok)])
    if word == "protest" and tok.dep_ in OBJECT_DEPS and _lemma(tok.head) in lex["formal_protest_verbs"]:
        typ, mode = "ACCUSE", "complain"  # a diplomatic protest lodged with a government
    head = tok
    if tok.dep_ in OBJECT_DEPS and tok.head.pos_ in ("VERB", "AUX") and _lemma(tok.head) in lex["light_verbs"]:
        head = tok.head
    return Trigger(tok, typ, mode, head, noun=True)


def _verb_trigger(tok: Token) -> Trigger | None:
    lex = lexicon()
    lemma = _lemma(tok)
    prts = [c for c in tok.children if c.dep_ == "prt"]
    code: str | None = None
    found = False
    for prt in prts:
        phrase = f"{lemma} {_lemma(prt)}"
        if phrase in lex["particles"]:
            code, found = lex["particles"][phrase], True
    if not found:
        objs = object_tokens(tok)
        obj_words: set[str] = set()
        for o in objs:
            obj_words |= cue_words(o)
        dobj_words = {_lemma(o) for o in objs if o.dep_ in ("dobj", "obj")}
        if dobj_words & set(lex["relations_nouns"]):
            if lemma in lex["open_verbs"]:
                return Trigger(tok, "SUPPORT", "relations", tok)
            if lemma in lex["cut_verbs"]:
                return Trigger(tok, "SANCTION", "relations", tok)
        if lemma in ("stop", "halt", "down") and "work" in dobj_words | {_lemma(c) for c in prts}:
            return Trigger(tok, "PROTEST", "strike", tok)
        if lemma in lex["cut_verbs"]:
            for o in objs:
                inner = _noun_trigger(o) if o.dep_ in OBJECT_DEPS else None
                if inner is not None and inner.type in ("CONSULT", "COOPERATE", "AID", "AGREE"):
                    return Trigger(tok, "SANCTION", "suspend", tok)
        if lemma == "call" and any(
            c.dep_ == "prep" and _lemma(c) in ("on", "for")
            # not "called X on Friday", not "called a charlatan for promoting ..."
            and any(p.dep_ == "pobj" and p.ent_type_ not in ("DATE", "TIME") for p in c.children)
            for c in tok.children
        ):
            return Trigger(tok, "REQUEST", None, tok)
        # light verb + event noun: the noun is the trigger ("made a trip", "imposed sanctions")
        if lemma in lex["light_verbs"] and any(_noun_trigger(o) for o in objs if o.dep_ in OBJECT_DEPS):
            return None
        if lemma in ("launch", "fire", "test") and obj_words & set(lex["cues"]["military"]):
            if _has_target(tok):
                return Trigger(tok, "ASSAULT", "weapons", tok)
            return Trigger(tok, "MOBILIZE", "weapons", tok)
        if lemma == "open" and obj_words & set(lex["cues"]["fire"]):
            return Trigger(tok, "FIGHT", "firearms", tok)
        if lemma == "fire" and _has_target(tok):
            return Trigger(tok, "ASSAULT", "firearms", tok)
        if lemma == "exchange":
            if obj_words & set(lex["cues"]["correspondence"]):
                return Trigger(tok, "CONSULT", "correspond", tok)
            if obj_words & set(lex["cues"]["fire"]):
                return Trigger(tok, "FIGHT", "firearms", tok)
            return None
        if lemma == "seize" and any(c.dep_ == "prep" and _lemma(c) in ("on", "upon") for c in tok.children):
            return None  # "seized on the remarks": made use of, not confiscated
        if lemma in ("lift", "ease") and not obj_words & lex["restriction_nouns"]:
            return None  # "lifted a line from a speech": only lifting restrictions is a concession
        if lemma == "impose" and obj_words & {"curfew", "martial", "ban", "restriction"}:
            return Trigger(tok, "COERCE", "restrict", tok)
        code = lex["verbs"].get(lemma)
        if code is None:
            return None
        parsed = split_code(code)
        assert parsed is not None
        typ, mode = parsed
        if typ == "AID" and {_lemma(o) for o in objs if o.dep_ in ("dobj", "obj")} & {
            "letter", "message", "telegram", "greeting", "correspondence"
        }:
            return Trigger(tok, "CONSULT", "correspond", tok)  # "sent a letter" is correspondence, not aid
        if typ in ("AID", "SUPPORT", "COOPERATE") and mode is None:
            omode = object_mode(objs)
            if typ == "SUPPORT" and omode == "military" and obj_words & set(lex["cues"]["weapons"]):
                typ = "AID"
            if typ in ("AID", "COOPERATE"):
                mode = omode
        if lemma == "deploy" and obj_words & set(lex["cues"]["military"]) - {"troop", "soldier"}:
            mode = "weapons"
        if lemma == "talk" and any(c.dep_ in ("dobj", "obj") for c in tok.children):
            return None  # "we're not talking dozens": a figure of speech, not talks
        if lemma in ("seek", "ask") and not (
            object_mode(objs) or any(c.dep_ in ("dobj", "dative") and c.ent_type_ for c in tok.children)
            or any(c.dep_ == "prep" and _lemma(c) in ("from", "for") for c in tok.children)
        ):
            return None  # "seeking advantages" is no request; "seeking munitions", "asked X for Y" are
        if lemma == "strike" and not _has_target(tok) and not any(o.dep_ in ("dobj", "obj") for o in objs):
            return Trigger(tok, "PROTEST", "strike", tok)
        if lemma == "grant" and obj_words & lex["concession_nouns"]:
            return Trigger(tok, "CONCEDE", None, tok)  # granting immunity or a pardon yields, it gives no aid
        if typ == "ASSAULT" and _verbal(tok):
            typ, mode = "ACCUSE", "criticize"  # "attacked X in tweets", "an ad attacking X": words, not force
        if typ == "ASSAULT" and mode in (None, "firearms") and _armed_subject(tok):
            typ, mode = "FIGHT", "heavy-weapons"  # armed forces firing or killing: conventional fighting
        return Trigger(tok, typ, mode, tok, inverse=lemma in lex["inverse_transfer"])
    parsed = split_code(code)
    if parsed is None:
        return None
    if parsed[0] == "FIGHT" and _lemma(tok) == "take" and not any(
        o.ent_type_ in ("GPE", "LOC", "FAC") or _lemma(o) in lex["cues"]["territory"] for o in object_tokens(tok)
    ):
        return None  # "took over the company / the job" is no seizure of territory
    return Trigger(tok, parsed[0], parsed[1], tok)


def trigger_at(tok: Token) -> Trigger | None:
    """The trigger this token is, if any."""
    if tok.pos_ == "VERB" or (tok.pos_ == "AUX" and tok.dep_ == "ROOT" and _lemma(tok) not in ("be", "do")):
        return _verb_trigger(tok)
    if tok.pos_ in ("NOUN", "PROPN") and tok.tag_ in ("NN", "NNS"):
        return _noun_trigger(tok)
    return None


def find_triggers(sent: Span) -> list[Trigger]:
    """All event triggers in a sentence, in text order."""
    out = []
    for tok in sent:
        trig = trigger_at(tok)
        if trig is not None:
            out.append(trig)
    return out


def _future(tok: Token) -> bool:
    lex = lexicon()
    return any(c.dep_ == "aux" and c.lower_ in lex["future_aux"] | lex["conditional_aux"] for c in tok.children)


def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


def _willing(tok: Token) -> bool:
    """ "is willing/prepared/ready to X": a stated readiness, coded by PLOVER as a promise."""
    head = tok.head
    return tok.dep_ == "xcomp" and _lemma(head) in ("willing", "prepared", "ready", "prepare") and head.i != tok.i


def classify_sentence(sent: Span) -> tuple[str, str | None] | None:
    """The sentence's main event type, for coding one sentence as PLOVER's gold standard does.

    The main event is the trigger closest to the root (breadth-first), so frames such as
    "agreed to", "threatened to", "refused to" win over their complements, and reporting verbs
    ("officials said") are skipped. PLOVER codes a stated future action as a promise or a threat:
    future cooperative acts are AGREE, future hostile acts THREATEN.
    """
    triggers = {t.token.i: t for t in find_triggers(sent)}
    queue = [sent.root]
    seen = set()
    while queue:
        tok = queue.pop(0)
        if tok.i in seen:
            continue
        seen.add(tok.i)
        if tok.pos_ in ("VERB", "AUX") and any(c.dep_ == "aux" and c.lower_ in ("must", "should") for c in tok.children):
            if tok.dep_ in ("ccomp", "ROOT"):
                return "REQUEST", None  # "X said Y must do Z" is a demand on Y
        trig = triggers.get(tok.i)
        if trig is not None:
            head = trig.head
            conditional = any(
                c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("unless", "if") for m in c.children)
                for c in head.children
            )
            if _future(head) and conditional and trig.type not in ("REQUEST", "REJECT"):
                return "THREATEN", None  # a future act made conditional on the other side
            if trig.type == "AGREE" and any(
                x.dep_ == "xcomp" and x.i in triggers and triggers[x.i].type in HOSTILE for x in head.children
            ):
                return "THREATEN", None  # vowing to fight is a threat, vowing to help a promise
            if _negated(head) and trig.type not in ("REJECT", "THREATEN") and (_future(head) or trig.type == "AGREE"):
                return "REJECT", None
            if any(c.dep_ == "aux" and c.lower_ in ("must", "should") for c in head.children):
                return "REQUEST", None
            if _willing(head) and trig.type in COOPERATIVE:
                return "AGREE", None
            if trig.type in ("AGREE", "THREATEN", "REJECT", "REQUEST") or not _future(head):
                return trig.type, trig.mode
            if trig.type in COOPERATIVE:
                return "AGREE", None
            return "THREATEN", None
        queue.extend(sorted(tok.children, key=lambda c: (c.dep_ in ("advcl", "npadvmod", "prep"), c.i)))
    if not triggers:
        return None
    first = min(triggers.values(), key=lambda t: t.token.i)
    return first.type, first.mode
