"""Who takes part in an event: the agent, the recipients, the objects and the place.

For each trigger the parse gives the agent (the subject, inherited through control and coordination;
or the possessor / "by" / "between" phrase of an event noun), the recipients (indirect object, "to"/
"with"/"against" phrase, or an entity direct object), the objects (non-entity noun phrases such as
"artillery shells") and the location. Entity keys come only from the resolver's mentions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Token

from storyline import lexicon
from storyline.extract.plover import OBJECT_DEPS, Trigger, is_event_noun, light_verbs, word_key
from storyline.records import Mention
from storyline.syntax import MentionIndex, conjuncts, lemma

ACTOR_NOUN_PREPS = {"by", "from"}
LOCATION_TYPES = {"GPE", "LOC", "FAC"}


@dataclass
class Participants:
    """The parties of one trigger, as entity keys and as the words that name them."""

    agent: Token | None = None  # the parse node that names who acts (entity or not)
    actors: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    actor_text: str = ""
    recipient_text: str = ""
    objects: list[str] = field(default_factory=list)
    location: str | None = None
    nodes: list[Token] = field(default_factory=list)  # recipient/object/source phrases, for the summary span


@cache
def pronoun_person() -> dict[str, bool | None]:
    """Subject pronoun -> refers to a person (True), to a non-person (False), to either (None),
    from ``lexicon/pronouns.json`` ("it" is no person; "they"/"we" may be people or a group). "I" is
    left out: it is the speaker of a quotation, which the claim extractor attributes, not the
    subject of the clause around it ("I suspended my campaign, Obama wanted to press on")."""
    out: dict[str, bool | None] = {}
    for word, p in lexicon.table("pronouns").items():
        if "subject" in p["cases"] and (not p["first_person"] or p["refers"] == "group"):
            out[word] = True if p["refers"] == "person" else (None if p["personal"] else False)
    return out


@cache
def possessive_pronouns() -> frozenset[str]:
    """Third-person possessives ("its talks", "their visit"), which refer to a clause's subject."""
    return frozenset(
        w for w, p in lexicon.table("pronouns").items() if "possessive" in p["cases"] and not p["first_person"]
    )


def pobj(prep: Token) -> Token | None:
    """The object of a preposition (or of an agent/dative phrase)."""
    return next((p for p in prep.children if p.dep_ == "pobj"), None)


def ancestors(tok: Token) -> list[Token]:
    """The token's heads up to the root, nearest first."""
    out = []
    while tok.head.i != tok.i:
        tok = tok.head
        out.append(tok)
    return out


# ---------------------------------------------------------------- noun phrases


def entity_keys(tok: Token, idx: MentionIndex) -> tuple[list[str], str]:
    """Entity keys of a noun phrase: the mention on its head, else one in its core (possessor,
    compound, "of" phrase), for each conjunct; plus display text."""
    keys: list[str] = []
    texts: list[str] = []
    for conj in conjuncts(tok):
        m = idx.at(conj) or _core_mention(conj, idx)
        if m is not None and m.key not in keys:
            keys.append(m.key)
            texts.append(m.text or conj.doc.text[m.start : m.end])
    return keys, " and ".join(texts)


def _core_mention(conj: Token, idx: MentionIndex) -> Mention | None:
    """A mention on the head's possessor or modifier, or on the "of" object of a group head."""
    for child in conj.children:
        m = None
        if child.dep_ in ("poss", "compound", "nmod", "amod"):
            m = idx.at(child)
        elif child.dep_ == "prep" and lemma(child) == "of":
            obj = pobj(child)
            m = idx.at(obj) if obj is not None and lemma(conj) in lexicon.words("group_head_nouns") else None
        if m is not None:
            return m
    return None


def np_text(tok: Token) -> str:
    """Compact noun-phrase text: modifiers and compounds with the head, quantity heads unwrapped."""
    if lemma(tok) in lexicon.words("quantity_nouns"):
        for child in tok.children:
            if child.dep_ == "prep" and lemma(child) == "of":
                obj = pobj(child)
                if obj is not None:
                    return np_text(obj)
    keep = [c for c in tok.children if c.dep_ in ("compound", "amod", "nummod", "nmod") and c.i < tok.i]
    words = sorted([*keep, tok], key=lambda t: t.i)
    return " ".join(t.text for t in words)


def nominal_agent(tok: Token, idx: MentionIndex) -> bool:
    """A noun phrase that can act: a resolved entity, a named entity, or a person/group noun
    ("officials", "gunmen", "intelligence personnel", "Russian troops")."""
    if idx.at(tok) is not None or tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return True
    if any(c.dep_ == "det" and c.lower_ in ("any", "no", "every", "whichever") for c in tok.children):
        return False  # "any other state that might ...": nobody in particular
    if tok.pos_ == "PROPN":
        return True
    if tok.pos_ != "NOUN":
        return False
    word = lemma(tok)
    if any(word in lexicon.words(name) for name in ("agent_nouns", "armed_forces", "group_head_nouns")):
        return True
    if word in lexicon.words("quantity_nouns") or word in ("one", "some", "many"):  # "dozens of protesters"
        of = next((c for c in tok.children if c.dep_ == "prep" and lemma(c) == "of"), None)
        obj = pobj(of) if of is not None else None
        return obj is not None and nominal_agent(obj, idx)
    return False


# ---------------------------------------------------------------- the subject of a verb


def _direct_object(tok: Token, before: int | None = None) -> Token | None:
    return next((c for c in tok.children if c.dep_ in ("dobj", "obj") and (before is None or c.i < before)), None)


def _own_subject(tok: Token) -> tuple[bool, Token | None]:
    """(found, subject) from the verb's own dependents: its subject or "by" agent."""
    for child in tok.children:
        if child.dep_ in ("nsubj", "csubj", "expl"):
            return True, (child if child.dep_ != "expl" else None)
        if child.dep_ == "agent":
            obj = pobj(child)
            if obj is not None:
                return True, obj
    return False, None


def _controller(tok: Token, parent: Token) -> tuple[bool, Token | None]:
    """(found, subject) for a complement whose subject is an argument of the governing word:
    "observed X supplying", "mocked X for not releasing", "called on X to", "urged X to leave"."""
    if tok.dep_ in ("advcl", "ccomp") and tok.tag_ == "VBG" and lemma(parent) in lexicon.words("perception_verbs"):
        obj = _direct_object(parent, before=tok.i)
        if obj is not None:  # "observed X supplying": X does the supplying
            return True, obj
    if tok.dep_ == "xcomp" and lemma(parent) in lexicon.words("appeal_verbs"):
        on = next((c for c in parent.children if c.dep_ == "prep" and lemma(c) in ("on", "upon", "to")), None)
        obj = pobj(on) if on is not None else None
        if obj is not None:
            return True, obj  # "called on X to apologize": X is to apologize
    if tok.dep_ in ("xcomp", "acl"):
        obj = _direct_object(parent)
        if obj is not None and tok.dep_ == "xcomp" and lemma(parent) not in lexicon.words("instrument_verbs"):
            return True, obj  # "urged X to leave": X leaves; but "used drones to attack": the user attacks
    if tok.dep_ == "ccomp":
        return True, None  # a complement clause has its own subject; a missing one is a gap, not the speaker
    if tok.dep_ == "acl" and parent.pos_ in ("NOUN", "PROPN"):
        return True, parent
    return False, None


def _through_preposition(tok: Token, parent: Token) -> tuple[bool, Token | None, Token]:
    """A gerund after a preposition: "mocked X for not releasing" (X), "accused X of V-ing" (X),
    "by providing" (the governing verb's subject). Returns (found, subject, where to go on)."""
    obj = _direct_object(parent.head)
    if lemma(parent) == "for" and obj is not None:
        return True, obj, parent  # "mocked X for not releasing": X did (not) release
    if lemma(parent) != "of":  # "by providing": the subject of the governing verb
        return False, None, parent.head
    return (True, obj, parent) if obj is not None else (False, None, parent.head)


def subject(head: Token) -> Token | None:
    """The subject of a verb, inherited through control, coordination and "accuse X of V-ing"."""
    tok = head
    for step in range(6):
        found, subj = _own_subject(tok)
        if found:
            return subj
        passive = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
        if step == 0 and (passive is not None or (tok.dep_ == "acl" and tok.tag_ == "VBN")):
            return None  # a passive without "by": its subject (or the noun it modifies) is acted on
        if passive is not None:
            return passive  # "X is set to visit", "X was attacked and retaliated": X acts
        if tok.dep_ == "relcl" and tok.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return tok.head
        if tok.dep_ not in ("xcomp", "ccomp", "advcl", "conj", "pcomp", "acl") or tok.head.i == tok.i:
            return None
        parent = tok.head
        if tok.dep_ == "pcomp" and parent.dep_ == "prep":
            found, subj, parent = _through_preposition(tok, parent)
            if found:
                return subj
            if lemma(tok.head) != "of":
                tok = parent
                continue
        found, subj = _controller(tok, parent)
        if found:
            return subj
        tok = parent
    return None


# ---------------------------------------------------------------- the agent of an event noun


def _between_parties(tok: Token, idx: MentionIndex) -> Token | None:
    """"an exchange of letters between A and B": the participants hang on the object."""
    for obj in (p for c in tok.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"):
        for child in obj.children:
            if child.dep_ == "prep" and lemma(child) in ("between", "among"):
                party = pobj(child)
                if party is not None and idx.at(party) is not None:
                    return party
    return None


def noun_agent(tok: Token, idx: MentionIndex) -> Token | None:
    """Who acts in an event noun: possessor ("X's visit"), entity compound or demonym ("Russian
    delegation"), "by"/"from"/"between" phrase, or participants hanging on its "of" object."""
    for child in tok.children:
        if child.dep_ == "poss" and child.pos_ != "PRON":
            return child
        if child.dep_ in ("compound", "amod", "nmod") and idx.at(child) is not None:
            return child
        if child.dep_ == "prep" and lemma(child) in ACTOR_NOUN_PREPS | {"between", "among"}:
            obj = pobj(child)
            if obj is not None and (idx.at(obj) is not None or nominal_agent(obj, idx)):
                return obj
    party = _between_parties(tok, idx)
    if party is not None:
        return party
    poss = next((c for c in tok.children if c.dep_ == "poss"), None)
    if poss is not None and poss.lower_ in possessive_pronouns() and tok.dep_ in ("dobj", "obj"):
        # "urged X to cease its talks": a possessive pronoun on an object refers to the clause's subject
        return subject(tok.head)
    return None


def _governing_agent(tok: Token, idx: MentionIndex) -> Token | None:
    """For an event noun that is what others plan or negotiate ("discussed an arms deal", "talks
    on a ceasefire between X and Y"), the parties to the planning are the parties to the event."""
    head = tok.head
    if tok.dep_ in ("dobj", "obj") and head.pos_ == "VERB" and lemma(head) in lexicon.words("plan_verbs"):
        return subject(head)
    if tok.dep_ == "pobj" and head.dep_ == "prep" and lemma(head.head) in lexicon.words("plan_nouns"):
        return noun_agent(head.head, idx)
    return None


def _agent(trig: Trigger, idx: MentionIndex) -> Token | None:
    head, tok = trig.head, trig.token
    if trig.noun:
        subj = noun_agent(tok, idx)
        if subj is None and head.i != tok.i:
            subj = subject(head)  # light verb: "X made a trip"
        return subj if subj is not None else _governing_agent(tok, idx)
    subj = subject(head)
    if subj is not None and subj.pos_ == "NOUN" and is_event_noun(word_key(subj)):
        # "discussions aimed at providing X": who provides is who holds the discussions
        light = subj.dep_ in ("dobj", "obj") and lemma(subj.head) in light_verbs()
        subj = noun_agent(subj, idx) or (subject(subj.head) if light else None)
    return subj


def _name_agent(out: Participants, subj: Token, idx: MentionIndex) -> None:
    out.actors, out.actor_text = entity_keys(subj, idx)
    if not out.actors and nominal_agent(subj, idx):
        out.actor_text = np_text(subj)  # "intelligence personnel", "gunmen": no entity, still an agent
    persons = pronoun_person()
    if out.actors or subj.pos_ != "PRON" or subj.lower_ not in persons:
        return
    # "X denied that it intended to ...": the pronoun is the governing clause's subject, when they
    # agree ("it" is no person, "he"/"she" is one)
    for anc in ancestors(subj.head):
        outer = next((c for c in anc.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if outer is not None and outer.i != subj.i:
            keys, text = entity_keys(outer, idx)
            person = bool(keys) and all(k.startswith("person") for k in keys)
            if keys and persons[subj.lower_] in (None, person):
                out.actors, out.actor_text = keys, text
            return


# ---------------------------------------------------------------- recipients, objects, place


@dataclass
class _Nodes:
    recipients: list[Token] = field(default_factory=list)
    objects: list[Token] = field(default_factory=list)
    sources: list[Token] = field(default_factory=list)  # "from" phrases


def _sort_prep(child: Token, trig: Trigger, idx: MentionIndex, nodes: _Nodes, out: Participants) -> None:
    """File a prepositional phrase of the trigger as recipient, source, object or location."""
    prep, obj = lemma(child), pobj(child)
    if obj is None or (prep == "for" and trig.type not in ("AID", "SUPPORT")):
        return  # "fighting for X" is on X's behalf, not against or to X
    if prep in lexicon.words("recipient_prepositions") and entity_keys(obj, idx)[0]:
        nodes.recipients.append(obj)
    elif prep == "from":
        nodes.sources.append(obj)
    elif prep in ("with", "of") and not entity_keys(obj, idx)[0]:
        nodes.objects.append(obj)
    elif prep in lexicon.words("location_prepositions") and obj.ent_type_ in LOCATION_TYPES:
        keys, _ = entity_keys(obj, idx)
        if keys and out.location is None:
            out.location = keys[0]


def _collect(trig: Trigger, idx: MentionIndex, out: Participants) -> _Nodes:
    """The trigger's (and its light verb's) dependents that name recipients, objects and sources."""
    tok, head = trig.token, trig.head
    nodes = _Nodes()
    for holder in [tok] if head.i == tok.i else [tok, head]:
        for child in holder.children:
            dep = child.dep_
            if dep in ("dative", "iobj"):
                nodes.recipients.append(child)
            elif dep in OBJECT_DEPS and child.i != tok.i and dep != "nsubjpass":
                (nodes.recipients if entity_keys(child, idx)[0] else nodes.objects).append(child)
            elif dep == "prep":
                _sort_prep(child, trig, idx, nodes, out)
    if out.agent is None and not trig.noun:
        # an agentless passive names what was acted on: "two missiles were launched", "Kyiv was shelled"
        patient = next((c for c in head.children if c.dep_ == "nsubjpass" and c.pos_ in ("NOUN", "PROPN")), None)
        if patient is not None:
            (nodes.recipients if entity_keys(patient, idx)[0] else nodes.objects).append(patient)
    return nodes


def _invert(trig: Trigger, nodes: _Nodes, idx: MentionIndex, out: Participants) -> None:
    """"Russia bought shells from X": the seller acts, the buyer receives."""
    if not (trig.inverse and nodes.sources):
        return
    buyer_keys, buyer_text = out.actors, out.actor_text
    out.actors, out.actor_text = entity_keys(nodes.sources[0], idx)
    nodes.recipients = []
    out.recipients, out.recipient_text = buyer_keys, buyer_text
    if not out.actors:  # seller not a known entity: keep the buyer as the one acting
        out.actors, out.actor_text, out.recipients, out.recipient_text = buyer_keys, buyer_text, [], ""
        trig.inverse = False


def _recipients_on_objects(trig: Trigger, nodes: _Nodes, idx: MentionIndex) -> None:
    """"shipping shells to Russia" where the parser hangs "to Russia" on the object."""
    if nodes.recipients or trig.type not in ("AID", "SANCTION", "ASSAULT", "THREATEN"):
        return
    for node in nodes.objects:
        for child in node.children:
            if child.dep_ == "prep" and lemma(child) in ("to", "against", "for"):
                obj = pobj(child)
                if obj is not None and entity_keys(obj, idx)[0]:
                    nodes.recipients.append(obj)


def _fill(trig: Trigger, nodes: _Nodes, idx: MentionIndex, out: Participants) -> None:
    out.nodes = [*nodes.recipients, *nodes.objects, *nodes.sources]
    texts = []
    for node in nodes.recipients:
        keys, text = entity_keys(node, idx)
        for k in keys:
            if k not in out.recipients and k not in out.actors:
                out.recipients.append(k)
        if keys:
            texts.append(text)
    if texts:
        out.recipient_text = " and ".join(texts)
    for node in nodes.objects:
        for conj in conjuncts(node):
            text = np_text(conj)
            if text and text not in out.objects and conj.pos_ in ("NOUN", "PROPN") and any(ch.isalnum() for ch in text):
                out.objects.append(text)
    if trig.type == "CONSULT" and trig.mode == "visit" and out.location is None and out.recipients:
        out.location = out.recipients[0]


def find_participants(trig: Trigger, idx: MentionIndex) -> Participants:
    """Agent, recipients, objects and location of one trigger."""
    out = Participants(agent=_agent(trig, idx))
    if out.agent is not None:
        _name_agent(out, out.agent, idx)
    nodes = _collect(trig, idx, out)
    _invert(trig, nodes, idx, out)
    _recipients_on_objects(trig, nodes, idx)
    _fill(trig, nodes, idx, out)
    return out
