"""PLOVER event-type triggers: which words in a parsed sentence report an event, and of what type.

A general news lexicon (``lexicon/plover_triggers.json``) maps verb and noun lemmas to PLOVER types and
modes; a few rules refine it with the parse: light verbs defer to their event noun ("made a trip"),
particles change meaning ("blow up"), the transferred object decides the AID mode (weapons and
ammunition -> AID/military, ``lexicon/plover_object_cues.json``), and launches or tests of weapons are
MOBILIZE/weapons unless they hit a target (then ASSAULT). Nothing here names a particular story's
actors or phrases.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Span, Token

from storyline import lexicon
from storyline.syntax import lemma as _lemma

COOPERATIVE = {"AID", "CONCEDE", "CONSULT", "COOPERATE", "RETREAT", "SUPPORT", "AGREE"}
HOSTILE = {"SANCTION", "COERCE", "ASSAULT", "FIGHT", "REJECT", "PROTEST", "MOBILIZE", "THREATEN"}
OBJECT_DEPS = {"dobj", "obj", "attr", "oprd", "nsubjpass"}
# plural forms whose lemma changes the meaning ("arms" is not "arm")
_PLURAL_SENSES = frozenset({"arms", "talks", "hostilities", "games"})


def _table(pos: str) -> dict[str, str | None]:
    table: dict[str, str | None] = lexicon.table("plover_triggers")[pos]
    return table


def verb_code(lemma: str) -> str | None:
    """The PLOVER code ("AID/military") of a verb lemma, or None."""
    return _table("verbs").get(lemma)


def particle_code(phrase: str) -> tuple[bool, str | None]:
    """(listed, code) for a verb + particle ("blow up"); a listed phrase may be no event (code None)."""
    table = _table("particles")
    return phrase in table, table.get(phrase)


def noun_code(word: str) -> str | None:
    """The PLOVER code of an event noun, or None."""
    return _table("nouns").get(word)


def is_event_noun(word: str) -> bool:
    """Whether the trigger table lists this noun (even as no event)."""
    return word in _table("nouns")


@cache
def cues(kind: str) -> frozenset[str]:
    """Object cue words of one kind: military, humanitarian, economic, correspondence, fire, weapons, territory."""
    return frozenset(lexicon.table("plover_object_cues")[kind])


def light_verbs() -> frozenset[str]:
    """Verbs that defer to their event-noun object ("made a trip")."""
    return lexicon.words("event_light_verbs")


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


def word_key(tok: Token) -> str:
    """Lemma, except plural forms whose lemma changes the meaning ("arms" is not "arm")."""
    low = tok.text.lower()
    return low if low in _PLURAL_SENSES and tok.pos_ == "NOUN" else _lemma(tok)


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
    words = _words(objs)
    return next((mode for mode in ("military", "humanitarian", "economic") if words & cues(mode)), None)


def _words(objs: list[Token]) -> set[str]:
    """The cue words of several noun phrases."""
    out: set[str] = set()
    for o in objs:
        out |= cue_words(o)
    return out


def _pobjs(prep: Token) -> list[Token]:
    return [p for p in prep.children if p.dep_ == "pobj"]


def _has_target(head: Token) -> bool:
    """A launch or shot aimed at a place, group or person ("fired at the base", "into Israel")."""
    targets = lexicon.words("target_nouns")
    for child in head.children:
        if child.dep_ == "prep" and _lemma(child) in ("at", "against", "into", "on", "toward", "towards"):
            if any(p.ent_type_ in ("GPE", "LOC", "FAC", "NORP", "ORG", "PERSON") or _lemma(p) in targets
                   for p in _pobjs(child)):  # fmt: skip
                return True
    return False


def _armed_subject(tok: Token) -> bool:
    """The subject is an armed force or its weapons ("tanks fired", "the army shelled")."""
    armed = lexicon.words("armed_forces")
    for child in tok.children:
        if child.dep_ in ("nsubj", "agent"):
            subj = child if child.dep_ == "nsubj" else next(iter(_pobjs(child)), None)
            if subj is not None and (_lemma(subj) in armed or any(
                _lemma(c) in armed for c in subj.children if c.dep_ == "compound"
            )):
                return True
    return False


def _verbal(tok: Token) -> bool:
    """An attack made with words: a speech noun is its means ("in tweets", "in a speech"), its subject
    ("the ad attacked"), or the noun it describes ("a tweet attacking X")."""
    speech = lexicon.words("speech_nouns")
    if tok.dep_ in ("acl", "relcl") and _lemma(tok.head) in speech:
        return True
    for child in tok.children:
        if child.dep_ in ("nsubj",) and _lemma(child) in speech:
            return True
        if child.dep_ == "prep" and _lemma(child) in ("in", "on", "with", "during", "via", "through"):
            if any(cue_words(p) & speech for p in _pobjs(child)):  # "in a series of tweets"
                return True
    return False


# ---------------------------------------------------------------- nouns


def _noun_dropped(tok: Token, word: str, compounds: set[str]) -> bool:
    """Senses of event nouns that report no event ("a big deal", "games", a civilian "test")."""
    if word == "deal" and compounds & lexicon.words("idiom_deal_modifiers"):
        return True  # "made a big deal of it": an idiom, not an agreement
    if word == "game" and "war" not in compounds:
        return True
    if word in ("exercise", "drill") and not compounds & lexicon.words("military_exercise_modifiers"):
        return True
    if word in ("test", "launch") and not (cue_words(tok) & cues("military") or compounds & {"nuclear", "missile"}):
        return True
    return word == "delivery" and not object_mode(object_tokens(tok))


def _noun_type(tok: Token, word: str, code: str, compounds: set[str]) -> tuple[str, str | None]:
    """The noun's type and mode, refined by its modifiers, objects and governing verb."""
    parsed = split_code(code)
    assert parsed is not None
    typ, mode = parsed
    if word == "strike" and not compounds & lexicon.words("labour_strike_modifiers"):
        typ, mode = "ASSAULT", None
    if typ in ("AGREE", "AID", "SUPPORT") and (cue_words(tok) - {word}) & cues("military"):
        typ, mode = "AID", "military"
    elif typ == "AID" and mode is None:
        mode = object_mode([tok, *object_tokens(tok)])
    if word == "protest" and tok.dep_ in OBJECT_DEPS and _lemma(tok.head) in lexicon.words("formal_protest_verbs"):
        typ, mode = "ACCUSE", "complain"  # a diplomatic protest lodged with a government
    if typ == "ASSAULT" and any(
        c.dep_ == "prep" and _lemma(c) in ("on", "against") and any(
            _lemma(p) in lexicon.words("policy_objects") for p in _pobjs(c))
        for c in tok.children
    ):
        typ, mode = "ACCUSE", "criticize"  # "an attack on the plan": criticism, not force
    return typ, mode


def _noun_trigger(tok: Token) -> Trigger | None:
    word = word_key(tok)
    code = noun_code(word) if is_event_noun(word) else noun_code(_lemma(tok))
    if not code:
        return None
    compounds = {_lemma(c) for c in tok.children if c.dep_ in ("compound", "amod")}
    if _noun_dropped(tok, word, compounds):
        return None
    if word == "exchange":
        objs = {w for o in object_tokens(tok) for w in cue_words(o)}
        return Trigger(tok, "CONSULT", "correspond", tok, noun=True) if objs & cues("correspondence") else None
    typ, mode = _noun_type(tok, word, code, compounds)
    head = tok
    if tok.dep_ in OBJECT_DEPS and tok.head.pos_ in ("VERB", "AUX") and _lemma(tok.head) in light_verbs():
        head = tok.head
    return Trigger(tok, typ, mode, head, noun=True)


# ---------------------------------------------------------------- verbs

# A sense decided by a verb's objects: a PLOVER code, "" for "no event", None for "not decided here".
_Sense = str | None


def _relations_sense(tok: Token, lemma: str, objs: list[Token]) -> _Sense:
    """Opening or cutting ties, stopping work, suspending cooperation, calling on or for someone."""
    dobj_words = {_lemma(o) for o in objs if o.dep_ in ("dobj", "obj")}
    if dobj_words & lexicon.words("diplomatic_relation_nouns"):
        if lemma in lexicon.words("open_verbs"):
            return "SUPPORT/relations"
        if lemma in lexicon.words("cut_verbs"):
            return "SANCTION/relations"
    if lemma in ("stop", "halt", "down") and "work" in dobj_words | {_lemma(c) for c in tok.children if c.dep_ == "prt"}:
        return "PROTEST/strike"
    if lemma in lexicon.words("cut_verbs"):
        for o in objs:
            inner = _noun_trigger(o) if o.dep_ in OBJECT_DEPS else None
            if inner is not None and inner.type in ("CONSULT", "COOPERATE", "AID", "AGREE"):
                return "SANCTION/suspend"
    if lemma == "call" and any(
        c.dep_ == "prep" and _lemma(c) in ("on", "for")
        # not "called X on Friday", not "called a charlatan for promoting ..."
        and any(p.ent_type_ not in ("DATE", "TIME") for p in _pobjs(c))
        for c in tok.children
    ):
        return "REQUEST"
    if lemma in light_verbs() and any(_noun_trigger(o) for o in objs if o.dep_ in OBJECT_DEPS):
        return ""  # light verb + event noun: the noun is the trigger ("made a trip", "imposed sanctions")
    return None


def _weapons_sense(tok: Token, lemma: str, objs: list[Token]) -> _Sense:
    """Launching, firing and exchanging: weapons tests, attacks, fighting, or correspondence."""
    obj_words = _words(objs)
    if lemma in ("launch", "fire", "test") and obj_words & cues("military"):
        return "ASSAULT/weapons" if _has_target(tok) else "MOBILIZE/weapons"
    if lemma == "open" and obj_words & cues("fire"):
        return "FIGHT/firearms"
    if lemma == "fire" and _has_target(tok):
        return "ASSAULT/firearms"
    if lemma == "exchange":
        if obj_words & cues("correspondence"):
            return "CONSULT/correspond"
        return "FIGHT/firearms" if obj_words & cues("fire") else ""
    return None


def _other_sense(tok: Token, lemma: str, objs: list[Token]) -> _Sense:
    """Seizing on, lifting what is no restriction, imposing a curfew."""
    obj_words = _words(objs)
    if lemma == "seize" and any(c.dep_ == "prep" and _lemma(c) in ("on", "upon") for c in tok.children):
        return ""  # "seized on the remarks": made use of, not confiscated
    if lemma in ("lift", "ease") and not obj_words & lexicon.words("restriction_nouns"):
        return ""  # "lifted a line from a speech": only lifting restrictions is a concession
    if lemma == "impose" and obj_words & {"curfew", "martial", "ban", "restriction"}:
        return "COERCE/restrict"
    return None


def _verb_mode(tok: Token, lemma: str, typ: str, mode: str | None, objs: list[Token]) -> tuple[str, str | None]:
    """Type and mode of a listed verb, refined by what it transfers and who does it."""
    obj_words = _words(objs)
    if typ in ("AID", "SUPPORT", "COOPERATE") and mode is None:
        omode = object_mode(objs)
        if typ == "SUPPORT" and omode == "military" and obj_words & cues("weapons"):
            typ = "AID"
        if typ in ("AID", "COOPERATE"):
            mode = omode
    if lemma == "deploy" and obj_words & cues("military") - {"troop", "soldier"}:
        mode = "weapons"
    if typ == "ASSAULT" and _verbal(tok):
        typ, mode = "ACCUSE", "criticize"  # "attacked X in tweets", "an ad attacking X": words, not force
    if typ == "ASSAULT" and mode in (None, "firearms") and _armed_subject(tok):
        typ, mode = "FIGHT", "heavy-weapons"  # armed forces firing or killing: conventional fighting
    return typ, mode


def _listed_sense(tok: Token, lemma: str, typ: str, objs: list[Token]) -> _Sense:
    """Senses of listed verbs that their objects change: a letter sent, "talking dozens", an empty
    request, a labour strike, a pardon granted."""
    obj_words = _words(objs)
    if typ == "AID" and {_lemma(o) for o in objs if o.dep_ in ("dobj", "obj")} & cues("correspondence"):
        return "CONSULT/correspond"  # "sent a letter" is correspondence, not aid
    if lemma == "talk" and any(c.dep_ in ("dobj", "obj") for c in tok.children):
        return ""  # "we're not talking dozens": a figure of speech, not talks
    if lemma in ("seek", "ask") and not (
        object_mode(objs) or any(c.dep_ in ("dobj", "dative") and c.ent_type_ for c in tok.children)
        or any(c.dep_ == "prep" and _lemma(c) in ("from", "for") for c in tok.children)
    ):
        return ""  # "seeking advantages" is no request; "seeking munitions", "asked X for Y" are
    if lemma == "strike" and not _has_target(tok) and not any(o.dep_ in ("dobj", "obj") for o in objs):
        return "PROTEST/strike"
    if lemma == "grant" and obj_words & lexicon.words("concession_nouns"):
        return "CONCEDE"  # granting immunity or a pardon yields, it gives no aid
    return _figurative_sense(tok, typ, objs)


def _abstract_object(o: Token) -> bool:
    """A real object, not a place the parser took for one ("demonstrated outside parliament")."""
    if o.ent_type_ in ("GPE", "LOC", "FAC", "ORG") or any(c.pos_ == "ADP" and c.i < o.i for c in o.children):
        return False
    return _lemma(o) not in lexicon.words("place_nouns") | lexicon.words("institution_nouns")


def _figurative_sense(tok: Token, typ: str, objs: list[Token]) -> _Sense:
    """Force and protest verbs used figuratively: "beat expectations", "attacked the plan" (words,
    not force), "demonstrated that ..." / "rallied support" (showed, gathered: no demonstration)."""
    dobjs = {_lemma(o) for o in objs if o.dep_ in ("dobj", "obj")}
    subjects = {_lemma(c) for c in tok.children if c.dep_ == "nsubj"}
    if typ in ("ASSAULT", "FIGHT", "PROTEST") and subjects & lexicon.words("inanimate_agents"):
        return ""  # "the storm struck", "stocks rallied": no attacker, no crowd
    if typ in ("ASSAULT", "FIGHT"):
        if dobjs & lexicon.words("figurative_force_objects"):
            return ""
        if dobjs & lexicon.words("policy_objects"):
            return "ACCUSE/criticize" if typ == "ASSAULT" and _lemma(tok) in ("attack", "target") else ""
    if typ == "PROTEST" and any(c.dep_ in ("ccomp", "xcomp") for c in tok.children):
        return ""  # "demonstrated that it works", "protested that he was innocent": a claim, no protest
    if typ == "PROTEST" and split_code(verb_code(_lemma(tok))) == ("PROTEST", "demo") and any(
        _abstract_object(o) for o in objs if o.dep_ in ("dobj", "obj")
    ):
        return ""  # "rallied support", "demonstrated its strength": demonstrating takes no object
    return None


def _particle_trigger(tok: Token, code: str | None) -> Trigger | None:
    parsed = split_code(code)
    if parsed is None:
        return None
    if parsed[0] == "FIGHT" and _lemma(tok) == "take" and not any(
        o.ent_type_ in ("GPE", "LOC", "FAC") or _lemma(o) in cues("territory") for o in object_tokens(tok)
    ):
        return None  # "took over the company / the job" is no seizure of territory
    return Trigger(tok, parsed[0], parsed[1], tok)


def _coded(tok: Token, code: str) -> Trigger | None:
    parsed = split_code(code)
    return Trigger(tok, parsed[0], parsed[1], tok) if parsed else None


def _verb_trigger(tok: Token) -> Trigger | None:
    lemma = _lemma(tok)
    listed, code = False, None
    for prt in (c for c in tok.children if c.dep_ == "prt"):
        found, found_code = particle_code(f"{lemma} {_lemma(prt)}")
        if found:
            listed, code = True, found_code
    if listed:
        return _particle_trigger(tok, code)
    objs = object_tokens(tok)
    for sense in (_relations_sense, _weapons_sense, _other_sense):
        decided = sense(tok, lemma, objs)
        if decided is not None:
            return _coded(tok, decided)
    parsed = split_code(verb_code(lemma))
    if parsed is None:
        return None
    decided = _listed_sense(tok, lemma, parsed[0], objs)
    if decided is not None:
        return _coded(tok, decided)
    typ, mode = _verb_mode(tok, lemma, parsed[0], parsed[1], objs)
    return Trigger(tok, typ, mode, tok, inverse=lemma in lexicon.words("inverse_transfer_verbs"))


def trigger_at(tok: Token) -> Trigger | None:
    """The trigger this token is, if any."""
    if tok.pos_ == "VERB" or (tok.pos_ == "AUX" and tok.dep_ == "ROOT" and _lemma(tok) not in ("be", "do")):
        return _verb_trigger(tok)
    if tok.pos_ in ("NOUN", "PROPN") and tok.tag_ in ("NN", "NNS"):
        return _noun_trigger(tok)
    return None


def find_triggers(sent: Span) -> list[Trigger]:
    """All event triggers in a sentence, in text order."""
    return [trig for trig in map(trigger_at, sent) if trig is not None]


# ---------------------------------------------------------------- the main event of a sentence


@cache
def _modal_auxiliaries() -> frozenset[str]:
    return lexicon.words("future_auxiliaries") | lexicon.words("conditional_auxiliaries")


def _future(tok: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in _modal_auxiliaries() for c in tok.children)


def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


def _obliged(tok: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in ("must", "should") for c in tok.children)


def _willing(tok: Token) -> bool:
    """ "is willing/prepared/ready to X": a stated readiness, coded by PLOVER as a promise."""
    head = tok.head
    return tok.dep_ == "xcomp" and _lemma(head) in ("willing", "prepared", "ready", "prepare") and head.i != tok.i


def _as_coded(trig: Trigger, triggers: dict[int, Trigger]) -> tuple[str, str | None]:
    """How PLOVER codes the main trigger: a stated future act is a promise (AGREE) or a threat, a
    refused one a rejection, an obligation a demand."""
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
    if _obliged(head):
        return "REQUEST", None
    if _willing(head) and trig.type in COOPERATIVE:
        return "AGREE", None
    if trig.type in ("AGREE", "THREATEN", "REJECT", "REQUEST") or not _future(head):
        return trig.type, trig.mode
    return ("AGREE", None) if trig.type in COOPERATIVE else ("THREATEN", None)


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
        if tok.pos_ in ("VERB", "AUX") and _obliged(tok) and tok.dep_ in ("ccomp", "ROOT"):
            return "REQUEST", None  # "X said Y must do Z" is a demand on Y
        trig = triggers.get(tok.i)
        if trig is not None:
            return _as_coded(trig, triggers)
        queue.extend(sorted(tok.children, key=lambda c: (c.dep_ in ("advcl", "npadvmod", "prep"), c.i)))
    if not triggers:
        return None
    first = min(triggers.values(), key=lambda t: t.token.i)
    return first.type, first.mode
