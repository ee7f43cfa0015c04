"""Event extraction: PLOVER-typed events from every sentence, with actors, modality and their own date.

For each trigger found by `storyline.extract.plover`, the parse gives the actor (subject, or the
possessor / "by" / "between" phrase of an event noun), the recipient (indirect object, "to"/"with"/
"against" phrase, or an entity direct object), the objects (non-entity noun phrases such as
"artillery shells") and the location. Entity references come only from the resolver's mentions.

Precision (`_junk`): a trigger becomes an event only when someone acts. Verbs need an agent (an
actor mention, or a named or person/group noun phrase: "gunmen", "intelligence officials"), or are
agentless passives that name what was acted on; event nouns need an attached agent (possessor,
"by"/"from"/"between" phrase, entity compound or demonym, the subject of their light verb, or the
parties of the talks that plan them), and a noun whose only agent is a modifier is background when it
is an object ("violated U.N. sanctions"). Participles and nouns used as modifiers, speech and
rejection verbs without a target ("declined to comment", "warned that ..."), giving information
("provide an estimate"), figurative fighting, visits without a destination, talks with nobody and
transfers of nothing to nobody are dropped; coordinated or repeated triggers of one act merge.

Modality keeps what a source says apart from what the article asserts: an event inside a claim's
content is *reported* (the claim id is linked) or *denied* (deny claim, or under "deny"). Otherwise
only markers on the trigger itself, or on the words it is the complement of (`_governor`: control
and complement verbs, bare purpose/participle clauses, "attempt to", "aimed at", "talks on X", a
verb's object noun), count: a preceding negation or "refuse/fail to" make it *negated*; "if/unless",
a modal, "any" make it *hypothetical*; "will", intent words ("plans/seeks/agreed to", "is set to",
"potential") make it *planned*. A negation elsewhere in the sentence, a purpose clause or a time
clause ("after being held") change nothing. The date comes from a time expression attached to the
trigger in the parse, from an anchor event ("following the visit"), else from tense bounded by
publication; `how` always says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from storyline.extract.plover import (
    OBJECT_DEPS,
    Trigger,
    cue_words,
    find_triggers,
    lexicon,
    object_tokens,
    word_key,
)
from storyline.records import Article, Claim, DateInfo, Event, Evidence, Mention, Timex

MODALITY_RANK = {"asserted": 0, "reported": 1, "planned": 2, "hypothetical": 3, "negated": 4, "denied": 5}
MONTHS = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
).split()
_ABSOLUTE = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b|\b(" + "|".join(MONTHS) + r")\b", re.IGNORECASE)
RECIPIENT_PREPS = {"to", "with", "against", "on", "at", "into", "toward", "towards", "for"}
ACTOR_NOUN_PREPS = {"by", "from"}
LOCATION_PREPS = {"in", "at", "near", "inside", "outside"}
LOCATION_TYPES = {"GPE", "LOC", "FAC"}
PREP_PLAN_VERBS = {"call", "push", "work", "look", "ask", "commit"}  # plan words only with a preposition ("call for talks")
INSTRUMENT_VERBS = {"use", "employ", "utilize", "utilise", "exploit", "spend", "pay"}
# pronoun -> refers to a person (True), to a non-person (False), to either (None)
PRONOUN_PERSON: dict[str, bool | None] = {"he": True, "she": True, "it": False, "they": None, "we": None}


@dataclass
class _Parts:
    agent: Token | None = None  # the parse node that names who acts (entity or not)
    actors: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    actor_text: str = ""
    recipient_text: str = ""
    objects: list[str] = field(default_factory=list)
    location: str | None = None
    nodes: list[Token] = field(default_factory=list)  # recipient/object/source phrases, for the summary span


class _MentionIndex:
    """Mentions by character offset, for mapping parse nodes to entity keys."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.mentions = sorted((m for m in mentions if m.key), key=lambda m: (m.start, -m.end))

        # last word of a multi-word name -> keys, for a later bare surname the resolver did not tag
        self.by_last: dict[str, set[str]] = {}
        for m in self.mentions:
            words = m.text.split()
            if len(words) > 1:
                self.by_last.setdefault(words[-1].lower(), set()).add(m.key)

    def at(self, tok: Token) -> Mention | None:
        """The mention covering this token, if any (or the unique name it shortens)."""
        s, e = tok.idx, tok.idx + len(tok.text)
        best = None
        for m in self.mentions:
            if m.start >= e:
                break
            if m.start <= s and m.end >= e and (best is None or m.end - m.start < best.end - best.start):
                best = m
        if best is None and tok.pos_ == "PROPN":
            keys = self.by_last.get(tok.text.lower(), set())
            if len(keys) == 1:
                best = Mention("", s, e, tok.text, next(iter(keys)))
        return best


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def _conjuncts(tok: Token) -> list[Token]:
    out = [tok]
    for c in tok.children:
        if c.dep_ == "conj":
            out.extend(_conjuncts(c))
    return out


def _entity_keys(tok: Token, idx: _MentionIndex) -> tuple[list[str], str]:
    """Entity keys of a noun phrase: the mention on its head, else one in its core (possessor,
    compound, "of" phrase), for each conjunct; plus display text."""
    keys: list[str] = []
    texts: list[str] = []
    for conj in _conjuncts(tok):
        m = idx.at(conj)
        if m is None:
            for child in conj.children:
                if child.dep_ in ("poss", "compound", "nmod", "amod"):
                    m = idx.at(child)
                elif child.dep_ == "prep" and _lemma(child) == "of":
                    pobj = next((p for p in child.children if p.dep_ == "pobj"), None)
                    m = idx.at(pobj) if pobj is not None and _lemma(conj) in _GROUP_HEADS else None
                if m is not None:
                    break
        if m is not None and m.key not in keys:
            keys.append(m.key)
            texts.append(m.text or conj.doc.text[m.start : m.end])
    return keys, " and ".join(texts)


_GROUP_HEADS = {
    "government", "ministry", "army", "military", "force", "leader", "president", "people", "official",
    "delegation", "navy", "parliament", "embassy", "regime", "administration", "state", "country", "member",
}  # fmt: skip


def _np_text(tok: Token) -> str:
    """Compact noun-phrase text: modifiers and compounds with the head, quantity heads unwrapped."""
    lex = lexicon()
    if _lemma(tok) in lex["quantity_nouns"]:
        for child in tok.children:
            if child.dep_ == "prep" and _lemma(child) == "of":
                pobj = next((p for p in child.children if p.dep_ == "pobj"), None)
                if pobj is not None:
                    return _np_text(pobj)
    keep = [c for c in tok.children if c.dep_ in ("compound", "amod", "nummod", "nmod") and c.i < tok.i]
    words = sorted([*keep, tok], key=lambda t: t.i)
    return " ".join(t.text for t in words)


def _subject(head: Token) -> Token | None:
    """The subject of a verb, inherited through control, coordination and "accuse X of V-ing"."""
    seen = 0
    tok = head
    while seen < 6:
        seen += 1
        for child in tok.children:
            if child.dep_ in ("nsubj", "csubj", "expl"):
                return child if child.dep_ != "expl" else None
            if child.dep_ == "agent":
                pobj = next((p for p in child.children if p.dep_ == "pobj"), None)
                if pobj is not None:
                    return pobj
        passive = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
        if seen == 1 and (passive is not None or (tok.dep_ == "acl" and tok.tag_ == "VBN")):
            return None  # a passive without "by": its subject (or the noun it modifies) is acted on
        if passive is not None:
            return passive  # "X is set to visit", "X was attacked and retaliated": X acts
        if tok.dep_ == "relcl" and tok.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return tok.head
        if tok.dep_ in ("xcomp", "ccomp", "advcl", "conj", "pcomp", "acl") and tok.head.i != tok.i:
            parent = tok.head
            if tok.dep_ in ("advcl", "ccomp") and tok.tag_ == "VBG" and _lemma(parent) in lexicon()["perception_verbs"]:
                obj = next((c for c in parent.children if c.dep_ in ("dobj", "obj") and c.i < tok.i), None)
                if obj is not None:  # "observed X supplying": X does the supplying
                    return obj
            if tok.dep_ == "pcomp" and parent.dep_ == "prep":
                obj = next((c for c in parent.head.children if c.dep_ in ("dobj", "obj")), None)
                if _lemma(parent) == "for" and obj is not None:
                    return obj  # "mocked X for not releasing": X did (not) release
                if _lemma(parent) != "of":  # "by providing": the subject of the governing verb
                    tok = parent.head
                    continue
                parent = parent.head
                obj = next((c for c in parent.children if c.dep_ in ("dobj", "obj")), None)
                if obj is not None:
                    return obj
            if tok.dep_ == "xcomp" and _lemma(parent) in ("call", "appeal", "rely", "count", "prevail", "press"):
                on = next((c for c in parent.children if c.dep_ == "prep" and _lemma(c) in ("on", "upon", "to")), None)
                pobj = next((p for p in on.children if p.dep_ == "pobj"), None) if on is not None else None
                if pobj is not None:
                    return pobj  # "called on X to apologize": X is to apologize
            if tok.dep_ in ("xcomp", "acl"):
                obj = next((c for c in parent.children if c.dep_ in ("dobj", "obj")), None)
                if obj is not None and tok.dep_ == "xcomp" and _lemma(parent) not in INSTRUMENT_VERBS:
                    return obj  # "urged X to leave": X leaves; but "used drones to attack": the user attacks
            if tok.dep_ == "ccomp":
                return None  # a complement clause has its own subject; a missing one is a gap, not the speaker
            if tok.dep_ == "acl" and parent.pos_ in ("NOUN", "PROPN"):
                return parent
            tok = parent
            continue
        return None
    return None


def _noun_agent(tok: Token, idx: _MentionIndex) -> Token | None:
    """Who acts in an event noun: possessor ("X's visit"), entity compound or demonym ("Russian
    delegation"), "by"/"from"/"between" phrase, or participants hanging on its "of" object."""
    lex = lexicon()
    for child in tok.children:
        if child.dep_ == "poss" and child.pos_ != "PRON":
            return child
        if child.dep_ in ("compound", "amod", "nmod") and idx.at(child) is not None:
            return child
        if child.dep_ == "prep" and _lemma(child) in ACTOR_NOUN_PREPS | {"between", "among"}:
            pobj = next((p for p in child.children if p.dep_ == "pobj"), None)
            if pobj is not None and (idx.at(pobj) is not None or _nominal_agent(pobj, idx)):
                return pobj
    # "an exchange of letters between A and B": the participants hang on the object
    for obj in (p for c in tok.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"):
        for child in obj.children:
            if child.dep_ == "prep" and _lemma(child) in ("between", "among"):
                pobj = next((p for p in child.children if p.dep_ == "pobj"), None)
                if pobj is not None and idx.at(pobj) is not None:
                    return pobj
    poss = next((c for c in tok.children if c.dep_ == "poss"), None)
    if poss is not None and poss.lower_ in lex["possessive_pronouns"] and tok.dep_ in ("dobj", "obj"):
        # "urged X to cease its talks": a possessive pronoun on an object refers to the clause's subject
        return _subject(tok.head)
    return None


def _governing_agent(tok: Token, idx: _MentionIndex) -> Token | None:
    """For an event noun that is what others plan or negotiate ("discussed an arms deal", "talks
    on a ceasefire between X and Y"), the parties to the planning are the parties to the event."""
    lex = lexicon()
    head = tok.head
    if tok.dep_ in ("dobj", "obj") and head.pos_ == "VERB" and _lemma(head) in lex["plan_verbs"]:
        return _subject(head)
    if tok.dep_ == "pobj" and head.dep_ == "prep" and _lemma(head.head) in lex["plan_nouns"]:
        return _noun_agent(head.head, idx)
    return None


def _nominal_agent(tok: Token, idx: _MentionIndex) -> bool:
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
    lemma = _lemma(tok)
    lex = lexicon()
    if lemma in lex["agent_nouns"] or lemma in lex["armed_forces"] or lemma in _GROUP_HEADS:
        return True
    if lemma in lex["quantity_nouns"] or lemma in ("one", "some", "many"):  # "dozens of protesters"
        of = next((c for c in tok.children if c.dep_ == "prep" and _lemma(c) == "of"), None)
        pobj = next((p for p in of.children if p.dep_ == "pobj"), None) if of is not None else None
        return pobj is not None and _nominal_agent(pobj, idx)
    return False


def _parts(trig: Trigger, idx: _MentionIndex) -> _Parts:
    head, tok = trig.head, trig.token
    out = _Parts()
    subj: Token | None = None
    if trig.noun:
        subj = _noun_agent(tok, idx)
        if subj is None and head.i != tok.i:
            subj = _subject(head)  # light verb: "X made a trip"
        if subj is None:
            subj = _governing_agent(tok, idx)
    else:
        subj = _subject(head)
        if subj is not None and subj.pos_ == "NOUN" and word_key(subj) in lexicon()["nouns"]:
            # "discussions aimed at providing X": who provides is who holds the discussions
            subj = _noun_agent(subj, idx) or (
                _subject(subj.head) if subj.dep_ in ("dobj", "obj") and _lemma(subj.head) in lexicon()["light_verbs"] else None
            )
    out.agent = subj
    if subj is not None:
        out.actors, out.actor_text = _entity_keys(subj, idx)
        if not out.actors and _nominal_agent(subj, idx):
            out.actor_text = _np_text(subj)  # "intelligence personnel", "gunmen": no entity, still an agent
        if not out.actors and subj.pos_ == "PRON" and subj.lower_ in PRONOUN_PERSON:
            # "X denied that it intended to ...": the pronoun is the governing clause's subject,
            # when they agree ("it" is no person, "he"/"she" is one)
            for anc in _ancestors(subj.head):
                outer = next((c for c in anc.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if outer is not None and outer.i != subj.i:
                    keys, text = _entity_keys(outer, idx)
                    person = bool(keys) and all(k.startswith("person") for k in keys)
                    if keys and PRONOUN_PERSON[subj.lower_] in (None, person):
                        out.actors, out.actor_text = keys, text
                    break
    rec_nodes: list[Token] = []
    obj_nodes: list[Token] = []
    frm_nodes: list[Token] = []
    holders = [tok] if head.i == tok.i else [tok, head]
    for holder in holders:
        for child in holder.children:
            dep = child.dep_
            if dep in ("dative", "iobj"):
                rec_nodes.append(child)
            elif dep in OBJECT_DEPS and child.i != tok.i and dep != "nsubjpass":
                (rec_nodes if _entity_keys(child, idx)[0] else obj_nodes).append(child)
            elif dep == "prep":
                prep = _lemma(child)
                pobj = next((p for p in child.children if p.dep_ == "pobj"), None)
                if pobj is None:
                    continue
                if prep == "for" and trig.type not in ("AID", "SUPPORT"):
                    continue  # "fighting for X" is on X's behalf, not against or to X
                if prep in RECIPIENT_PREPS and _entity_keys(pobj, idx)[0]:
                    rec_nodes.append(pobj)
                elif prep == "from":
                    frm_nodes.append(pobj)
                elif prep in ("with", "of") and not _entity_keys(pobj, idx)[0]:
                    obj_nodes.append(pobj)
                elif prep in LOCATION_PREPS and pobj.ent_type_ in LOCATION_TYPES:
                    keys, _ = _entity_keys(pobj, idx)
                    if keys and out.location is None:
                        out.location = keys[0]
    if subj is None and not trig.noun:
        # an agentless passive names what was acted on: "two missiles were launched", "Kyiv was shelled"
        patient = next((c for c in head.children if c.dep_ == "nsubjpass" and c.pos_ in ("NOUN", "PROPN")), None)
        if patient is not None:
            (rec_nodes if _entity_keys(patient, idx)[0] else obj_nodes).append(patient)
    if trig.inverse and frm_nodes:
        # "Russia bought shells from X": the seller acts, the buyer receives.
        buyer_keys, buyer_text = out.actors, out.actor_text
        out.actors, out.actor_text = _entity_keys(frm_nodes[0], idx)
        rec_nodes = []
        out.recipients, out.recipient_text = buyer_keys, buyer_text
        if not out.actors:  # seller not a known entity: keep the buyer as the one acting
            out.actors, out.actor_text, out.recipients, out.recipient_text = buyer_keys, buyer_text, [], ""
            trig.inverse = False
    if not rec_nodes and trig.type in ("AID", "SANCTION", "ASSAULT", "THREATEN"):
        # "shipping shells to Russia" where the parser hangs "to Russia" on the object
        for node in obj_nodes:
            for child in node.children:
                if child.dep_ == "prep" and _lemma(child) in ("to", "against", "for"):
                    pobj = next((p for p in child.children if p.dep_ == "pobj"), None)
                    if pobj is not None and _entity_keys(pobj, idx)[0]:
                        rec_nodes.append(pobj)
    out.nodes = [*rec_nodes, *obj_nodes, *frm_nodes]
    texts = []
    for node in rec_nodes:
        keys, text = _entity_keys(node, idx)
        for k in keys:
            if k not in out.recipients and k not in out.actors:
                out.recipients.append(k)
        if keys:
            texts.append(text)
    if texts:
        out.recipient_text = " and ".join(texts)
    for node in obj_nodes:
        for conj in _conjuncts(node):
            text = _np_text(conj)
            if text and text not in out.objects and conj.pos_ in ("NOUN", "PROPN") and any(ch.isalnum() for ch in text):
                out.objects.append(text)
    if trig.type == "CONSULT" and trig.mode == "visit" and out.location is None and out.recipients:
        out.location = out.recipients[0]
    return out


def _is_passive(head: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in head.children)


def _only_information(verb: Token) -> bool:
    """The verb's direct objects are all pieces of information ("an estimate", "the number of ...",
    "details"), so giving them is a statement, not a transfer."""
    lex = lexicon()
    objs = [o for o in object_tokens(verb) if o.dep_ in ("dobj", "obj", "nsubjpass")]
    if verb.dep_ == "relcl" and all(o.tag_ in ("WDT", "WP") for o in objs):
        objs = [verb.head]  # "the records that X released"
    return bool(objs) and all(
        _lemma(o) in lex["information_nouns"]
        and not (_lemma(o) in lex["quantity_nouns"] and any(c.dep_ == "prep" and _lemma(c) == "of" for c in o.children))
        for o in objs
    )


def _junk(trig: Trigger, parts: _Parts, idx: _MentionIndex) -> str | None:
    """Why a trigger is not an event an analyst should see (None when it is one).

    - participles and nouns used as modifiers describe, they do not report ("alleged talks",
      "a state-funded group", "a sanctions loophole");
    - an event needs an agent: an actor mention, or a named or person/group noun phrase, as the
      subject, possessor, "by"/"from"/"between" phrase, or demonym; an agentless passive counts when
      it names what was acted on ("two missiles were launched"); event nouns without an agent
      ("in support of", "for its war", "the fighting") are background, not events;
    - speech and rejection verbs are claims unless they have a target: "accused X of", "rejected
      the plan" are events, "declined to comment", "declined to provide an estimate", "warned
      that ..." are not; nor is "providing" information.
    """
    lex = lexicon()
    tok, head = trig.token, trig.head
    lemma = _lemma(tok)
    if tok.dep_ in ("amod", "compound", "nmod", "npadvmod") and (not trig.noun or tok.head.pos_ in ("NOUN", "PROPN")):
        return "modifier"
    agent = parts.agent
    has_agent = bool(parts.actors) or (agent is not None and _nominal_agent(agent, idx))
    if not has_agent:
        if trig.noun or not _is_passive(head) or not (parts.recipients or parts.objects):
            return "no agent"
    if (
        trig.noun
        and head.i == tok.i
        and agent is not None
        and agent.head.i == tok.i
        and agent.dep_ in ("compound", "amod", "nmod")
        and tok.dep_ in ("dobj", "obj", "pobj")
    ):
        # "violated U.N. sanctions", "efforts to enact a U.N. treaty": a modifier names whose sanctions
        # or treaty is meant, the phrase refers to it as background; "X's visit", "a visit by X" report one
        return "background reference"
    giving = trig.type in ("AID", "COOPERATE") or _lemma(head) in ("offer", "release", "give", "share", "provide", "send")
    if giving and _only_information(head):
        return "information"  # "provide an estimate", "offered advice", "released a video": statements
    if not trig.noun and (trig.type in ("ACCUSE", "REJECT", "REQUEST") or lemma in lex["report_verbs"]):
        comp = next((c for c in tok.children if c.dep_ == "xcomp"), None)
        if comp is not None and (_lemma(comp) in lex["communication_verbs"] or _only_information(comp)):
            return "no comment"  # "declined to comment", "refused to give details"
        direct = any(c.dep_ in ("dobj", "obj", "dative", "iobj", "nsubjpass") for c in tok.children)
        has_target = bool(parts.recipients) or direct or (
            comp is not None and trig.type in ("REJECT", "REQUEST", "THREATEN")
        )  # "warned of X" names a topic, not whom the warning is for
        if not has_target:
            return "speech without target"
    if lemma == "agree" and any(c.dep_ == "ccomp" for c in tok.children) and not any(
        c.dep_ == "xcomp" or (c.dep_ == "prep" and _lemma(c) in ("on", "to", "upon")) for c in tok.children
    ):
        return "opinion"  # "agreed (with X) that the rules are outdated" shares a view, it settles nothing
    if trig.type == "FIGHT" and not trig.noun and not _combat(trig, parts, idx):
        return "figurative fight"  # "fighting climate change", "battled pneumonia", "companies fighting to ..."
    if trig.type in ("AID", "COOPERATE") and trig.mode is None and not _parties(trig, parts, idx):
        return "no goods and no partner"  # "sent him to rallies", "gave airtime", "share concerns"
    if trig.type == "CONSULT" and trig.mode == "visit" and not trig.noun and not _destination(trig, parts):
        return "no destination"  # "flew over the storms" is no visit
    if trig.type == "CONSULT" and trig.mode in ("meet", "negotiate") and not trig.noun:
        if not _parties(trig, parts, idx) and not (agent is not None and agent.tag_ in ("NNS", "NNPS")):
            return "talking alone"  # "X discussed his plan": talk about, not talks with
    return None


def _combat(trig: Trigger, parts: _Parts, idx: _MentionIndex) -> bool:
    """Fighting needs fighters: an opponent that can fight (entity, person or group noun), a place or
    weapon fought over, or, with no object, an armed or state agent or a "with"/"against" opponent."""
    lex = lexicon()
    armed = lex["armed_forces"] | lex["armed_groups"]
    objs = [o for o in object_tokens(trig.head) if o.dep_ in ("dobj", "obj", "dative")]
    targets = set(lex["cues"]["territory"]) | set(lex["cues"]["weapons"])
    if objs:
        return any(_nominal_agent(o, idx) or o.ent_type_ in LOCATION_TYPES or cue_words(o) & targets for o in objs)
    for child in trig.head.children:
        if child.dep_ == "prep" and _lemma(child) in ("with", "against", "in", "for", "near", "around"):
            pobj = next((p for p in child.children if p.dep_ == "pobj"), None)
            if pobj is not None and (_nominal_agent(pobj, idx) or pobj.ent_type_ in LOCATION_TYPES):
                return True
    agent = parts.agent
    if agent is None:
        return bool(parts.recipients)
    keys = parts.actors
    return (bool(keys) and not all(k.startswith("person") for k in keys)) or bool(cue_words(agent) & armed)


def _destination(trig: Trigger, parts: _Parts) -> bool:
    """A visit goes somewhere: a recipient or location, a place object, or a "to"/"in" place."""
    if parts.recipients or parts.location:
        return True
    for child in trig.token.children:
        node = child
        if child.dep_ in ("prep", "dative") and _lemma(child) in ("to", "in", "into", "through"):
            node = next((p for p in child.children if p.dep_ == "pobj"), child)
        elif child.dep_ not in ("dobj", "obj"):
            continue
        if node.pos_ == "PROPN" or node.ent_type_ in LOCATION_TYPES or _lemma(node) in _PLACE_NOUNS:
            return True
    return False


_PLACE_NOUNS = {
    "country", "city", "capital", "town", "village", "region", "province", "state", "border", "base", "camp",
    "embassy", "site", "area", "island", "front", "headquarters", "office", "home", "plant", "port", "summit",
}  # fmt: skip


def _parties(trig: Trigger, parts: _Parts, idx: _MentionIndex) -> bool:
    """A second party: a recipient, several actors, or a "with"/"to" person or group."""
    if parts.recipients or len(parts.actors) > 1 or (parts.agent is not None and _conjuncts(parts.agent)[1:]):
        return True
    for holder in {trig.token, trig.head}:
        for child in holder.children:
            if child.dep_ in ("dative", "iobj") or (child.dep_ == "prep" and _lemma(child) in ("with", "to")):
                pobj = next((p for p in child.children if p.dep_ == "pobj"), None)  # "to X" (prep or dative)
                if pobj is None and child.dep_ != "prep":
                    pobj = child  # "gave X the keys"
                if pobj is not None and _nominal_agent(pobj, idx):
                    return True
    return False


def _merge_duplicates(events: list[tuple[Event, Trigger]]) -> list[tuple[Event, Trigger]]:
    """One event per act: triggers of one sentence with the same type and mode that are the same
    word or coordinated ("provide or sell arms") and name compatible actors become one event."""
    out: list[tuple[Event, Trigger]] = []
    for ev, trig in events:
        twin = None
        for prev, ptrig in out:
            same_word = _lemma(ptrig.token) == _lemma(trig.token)
            coordinated = trig.token in _conjuncts(ptrig.token) or ptrig.token in _conjuncts(trig.token)
            compatible = not ev.actors or not prev.actors or bool(set(ev.actors) & set(prev.actors))
            if (prev.type, prev.mode, prev.modality) == (ev.type, ev.mode, ev.modality) and (
                same_word or coordinated) and compatible:  # fmt: skip
                twin = prev
                break
        if twin is None:
            out.append((ev, trig))
            continue
        for attr in ("actors", "recipients", "objects"):
            merged = getattr(twin, attr)
            merged.extend(x for x in getattr(ev, attr) if x not in merged)
    return out


_CONTENT_DEPS = {"dobj", "obj", "pobj", "attr", "oprd", "prep", "xcomp", "pcomp", "acl", "conj", "appos", "compound"}


def _content_governor(trig: Trigger, others: dict[int, tuple[Event, Trigger]]) -> Event | None:
    """The event whose content this event noun is: "committed to enhancing cooperation", "agreed on
    a ceasefire", "threatened sanctions" state one act (the pledge, the threat), and the noun is what
    was pledged or threatened, not a second event. Talks and transfers are exempt: "discussed an arms
    deal" is a meeting and a planned transfer, each with its own parties. Only complement paths count (objects, prepositions,
    infinitive/gerund complements, through non-trigger verbs such as "deepen"); coordination of
    clauses ("attacked X and sanctioned Y") and subjects never fold. Only governors whose complement
    is prospective (agree, request, threaten, reject) take the noun: "condemned the attack"
    keeps the attack as its own event."""
    if not trig.noun or trig.head.i != trig.token.i:
        return None  # a light-verb noun ("made a trip") is itself the clause's act
    if trig.type == "AID" and trig.mode:
        return None  # a transfer ("agreed on an arms deal") is an act of its own, kept as planned
    lex = lexicon()
    types = lex["content_governor_types"]
    cur = trig.token
    for _ in range(6):
        if cur.dep_ not in _CONTENT_DEPS or cur.head.i == cur.i:
            return None
        if cur.dep_ == "conj" and cur.pos_ in ("VERB", "AUX"):
            return None  # a coordinated clause is a separate act
        cur = cur.head
        if cur.dep_ == "prep" and _lemma(cur) not in lex["content_preps"]:
            return None  # "following the visit", "after the talks": time or circumstance, not content
        if cur.pos_ in ("VERB", "AUX") and _lemma(cur) in lex["presupposing_verbs"]:
            return None  # "urged X to cease its negotiations": the negotiations exist already
        hit = others.get(cur.i)
        if hit is not None:
            gov_ev, gov_trig = hit
            if gov_trig.token.i == trig.token.i:
                return None
            if gov_ev.type in types and gov_ev.mode != "violate":
                return gov_ev
            return None  # the nearest trigger governs; an unsuited one keeps the noun separate
        if cur.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass") for c in cur.children):
            return None  # a finite clause of its own
    return None


def _fold_content(found: list[tuple[Event, Trigger]]) -> list[tuple[Event, Trigger]]:
    """Drop event nouns that are the content of another trigger of the sentence; their words join
    the governing event's objects (see _content_governor)."""
    at: dict[int, tuple[Event, Trigger]] = {}
    for ev, trig in found:
        at.setdefault(trig.token.i, (ev, trig))
        at.setdefault(trig.head.i, (ev, trig))
    out = []
    for ev, trig in found:
        gov = _content_governor(trig, at)
        if gov is None:
            out.append((ev, trig))
            continue
        text = _np_text(trig.token)
        if text and text not in gov.objects:
            gov.objects.append(text)
    return out


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
    lex = lexicon()
    prospect = lex["prospect_words"]
    if any(_lemma(t) in prospect or t.lower_ in prospect for t in line if t.i != trig.token.i):
        return "planned"
    head = trig.token.head
    if head.i != trig.token.i and head.pos_ in ("VERB", "AUX") and (
        _lemma(head) in lex["occurrence_verbs"] or head.tag_ in ("VBD", "VBN")
    ):
        return "asserted"
    return None


def _ancestors(tok: Token) -> list[Token]:
    out = []
    while tok.head.i != tok.i:
        tok = tok.head
        out.append(tok)
    return out


def _aux_modality(node: Token, lex: dict) -> str | None:
    """Future ("will") is planned; a modal ("would", "may") is hypothetical, or planned when it is the
    future of a past report ("said it would send")."""
    aux = {c.lower_ for c in node.children if c.dep_ in ("aux", "auxpass")}
    if aux & lex["future_aux"] or ("going" in aux and node.tag_ == "VB"):
        return "planned"
    if aux & lex["conditional_aux"]:
        reported_past = any(  # "said it would send", "pledged that it would lift": future in the past
            (_lemma(a) in lex["report_verbs"] or _lemma(a) in lex["plan_verbs"]) and a.tag_ == "VBD"
            for a in _ancestors(node)
        )
        return "planned" if reported_past and aux & {"would", "'d"} else "hypothetical"
    return None


def _own_marks(node: Token, lex: dict, found: set[str]) -> None:
    """Markers on the trigger itself (or its light verb): negation, condition, modal, determiner."""
    kids = list(node.children)
    if any(c.dep_ == "neg" and c.i < node.i for c in kids):  # "did not send"; a trailing "not" is elliptical
        found.add("negated")
    if any(c.dep_ == "mark" and c.lower_ in lex["hypothetical_marks"] for c in kids):
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
    if any(c.dep_ in ("amod", "compound") and _lemma(c) in lex["plan_modifiers"] for c in kids):
        found.add("planned")
    mod = _aux_modality(node, lex)
    if mod:
        found.add(mod)


def _governor(cur: Token, lex: dict) -> Token | None:
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
        small_clause = cur.tag_ == "VBG" and _lemma(parent) in lex["perception_verbs"]  # "saw X firing"
        own = any(c.dep_ in ("nsubj", "nsubjpass") for c in cur.children)
        return None if own and not small_clause else parent
    if dep == "acl" and cur.tag_ == "VB":
        return parent  # "a move to back X", "an attempt to seize X"
    if dep == "pcomp" and parent.dep_ == "prep" and parent.head.i != parent.i:
        return parent.head  # "aimed at providing", "accused X of shipping"
    if dep in ("dobj", "obj") and (cur.pos_ in ("NOUN", "PROPN") or cur.tag_ == "VBG"):
        return parent
    if dep == "pobj" and parent.dep_ == "prep" and _lemma(parent) in ("about", "on", "over", "for", "at", "toward"):
        gov = parent.head
        if _lemma(gov) in lex["plan_nouns"] or _lemma(gov) in lex["plan_verbs"]:
            return gov  # "talks on a ceasefire", "plans for a visit"
    return None


def _modality(trig: Trigger) -> str:
    """Modality from the parse alone (claims are applied afterwards).

    Only markers on the trigger itself or on the words it is the complement of count: a negation
    elsewhere in the sentence ("would not say whether ... the shipments") leaves the event alone,
    and an infinitive or purpose clause is not a plan unless an intent word governs it.
    """
    lex = lexicon()
    tok, head = trig.token, trig.head
    found: set[str] = set()
    for node in dict.fromkeys([tok, head]):
        _own_marks(node, lex, found)
    cur = head
    for _ in range(8):
        gov = _governor(cur, lex)
        if gov is None:
            break
        lemma = _lemma(gov)
        if cur.dep_ == "conj":
            _own_marks(gov, lex, found)  # "did not provide or sell": conjuncts share the negation
            cur = gov
            continue
        # a participle or purpose clause shares its main verb's negation and mood, not its meaning:
        # "explored buying X, using drones to attack" does not make the attack a plan
        adjunct = cur.dep_ == "advcl" or (  # "after being held": time, not aim ("aimed at", "committed to")
            cur.dep_ == "pcomp" and _lemma(cur.head) not in ("to", "toward", "towards", "for", "at", "on", "about")
        )
        if lemma in lex["deny_verbs"] or lemma in lex["deny_nouns"]:
            found.add("denied")
        elif lemma in lex["negating_verbs"] and not adjunct:
            found.add("negated")
        elif (lemma in lex["plan_verbs"] or lemma in lex["plan_nouns"]) and not adjunct and not (
            cur.dep_ in ("dobj", "obj") and lemma in PREP_PLAN_VERBS
        ):
            found.add("planned")  # but "called the hearing" is no plan: "call" plans only "for"/"on"
        elif lemma in lex["report_verbs"] or lemma in lex["report_nouns"]:
            found.add("reported")
            break  # beyond the report is the speaker's clause, handled by claims
        kids = list(gov.children)
        if any(c.dep_ == "neg" and c.i < gov.i for c in kids) or any(c.dep_ == "det" and c.lower_ == "no" for c in kids):
            found.add("negated")
        if any(c.dep_ == "mark" and c.lower_ in lex["hypothetical_marks"] for c in kids):
            found.add("hypothetical")
        mod = _aux_modality(gov, lex) if gov.pos_ in ("VERB", "AUX") else None
        if mod:
            found.add(mod)
        if any(c.dep_ in ("nsubj", "nsubjpass") and any(
            g.dep_ in ("amod", "compound") and _lemma(g) in lex["plan_modifiers"] | {"envision", "envisage", "plan", "propose"}
            for g in c.children) for c in kids):
            found.add("planned")  # "the envisioned agreements involve X sending ..."
        if any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in kids):
            break  # a finite clause of its own: what governs it is not about this event
        if cur.dep_ in ("dobj", "obj", "pobj") and cur.pos_ in ("NOUN", "PROPN"):
            break  # "subvert the sanctions" in "an effort to subvert ...": the sanctions exist
        cur = gov
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("nsubj", "nsubjpass"):
        verb = tok.head
        if any(c.dep_ == "aux" and c.lower_ in lex["conditional_aux"] for c in verb.children) and any(
            c.dep_ == "det" and c.lower_ in ("any", "a", "an") for c in tok.children
        ):
            found.add("hypothetical")
    for mod in ("denied", "negated", "hypothetical", "planned", "reported"):
        if mod in found:
            return mod
    return "asserted"


def _claim_spans(claims: list[Claim], article_id: str) -> list[tuple[int, int, Claim]]:
    spans = []
    for c in claims:
        for ev in c.evidence:
            if ev.article != article_id:
                continue
            span = ev.content_span or [ev.start, ev.end]
            spans.append((span[0], span[1], c))
    return spans


def _claim_for(tok: Token, spans: list[tuple[int, int, Claim]]) -> Claim | None:
    """The innermost claim whose content contains the trigger."""
    inside = [(e - s, c) for s, e, c in spans if s <= tok.idx < e]
    return min(inside, key=lambda x: x[0])[1] if inside else None


def _backgrounded(tok: Token, claim: Claim, spans: list[tuple[int, int, Claim]]) -> bool:
    """A trigger in a relative clause inside a denial ("..., where the fighting is heaviest") is
    background the speaker takes for granted, not what the speaker denies."""
    start = min((s for s, _e, c in spans if c is claim), default=0)
    node = tok
    while node.head.i != node.i and node.idx >= start:
        if node.dep_ == "relcl" and node.head.idx >= start:
            return True
        node = node.head
    return False


def _timex_head(doc: Doc, tx: Timex) -> Token | None:
    span = doc.char_span(tx.start, tx.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _date_from_timex(tx: Timex) -> DateInfo | None:
    if tx.type not in ("DATE", "TIME") or not (tx.first_day or tx.last_day):
        return None
    how = "explicit" if _ABSOLUTE.search(tx.text) else "relative"
    return DateInfo(tx.first_day, tx.last_day, tx.precision, text=tx.text, how=how)


def _is_past(trig: Trigger) -> bool | None:
    """True for past tense, False for present/future, None when the parse shows no tense."""
    node = trig.head
    if trig.noun and node.i == trig.token.i:
        node = trig.token.head if trig.token.head.pos_ in ("VERB", "AUX") else node
        if node.pos_ not in ("VERB", "AUX"):
            return None
    aux = {c.lower_ for c in node.children if c.dep_ in ("aux", "auxpass")}
    if node.tag_ == "VBD" or aux & {"had", "did", "was", "were"}:
        return True
    if node.tag_ == "VBN" and aux & {"has", "have"}:
        return True
    if node.tag_ in ("VBZ", "VBP") or aux & {"is", "are", "am", "will", "shall"}:
        return False
    return None


def _publication_date(article: Article, trig: Trigger, modality: str) -> DateInfo | None:
    """On or before publication, for events presented as having happened; None otherwise."""
    if not article.published or modality in ("planned", "hypothetical", "negated"):
        return None
    past = _is_past(trig)
    if past is False and not trig.noun and trig.head.tag_ != "VBG":
        return None
    how = "tense" if past else "publication"
    return DateInfo(None, article.published, "before", text=None, how=how)


SUMMARY_WORDS = 20
# dependents that hang a clause or an aside off a phrase: left out of the summary span
_ASIDE_DEPS = {"relcl", "acl", "appos", "advcl", "parataxis", "ccomp", "punct", "cc", "conj", "mark", "meta"}
_VERB_DEPS = {"aux", "auxpass", "neg", "prt"}
_EXAMPLE_PREPS = {"include", "including", "like", "such", "especially", "notably"}  # lists of examples
_LEAD_TAGS = {"WDT", "WP", "WRB", "TO"}  # "who was shot", "that X hacked", "to ban": the clause's own words follow
_QUOTE_REACH = 6  # how far to reach for the closing quote of a quotation the summary opens
_EDGE_POS = {"CCONJ", "SCONJ", "ADP", "DET", "PUNCT", "PART", "AUX"}


def _phrase(tok: Token, keep_conj: bool = True) -> list[Token]:
    """A noun phrase's tokens: the head with its modifiers, coordinated heads and their
    prepositional phrases, without relative clauses, appositions and other asides."""
    out = [tok]
    for child in tok.children:
        if child.dep_ in _ASIDE_DEPS and not (keep_conj and child.dep_ in ("conj", "cc") and tok.pos_ in ("NOUN", "PROPN")):
            continue
        if child.dep_ == "punct" or (child.dep_ == "prep" and (child.i < tok.i or _lemma(child) in _EXAMPLE_PREPS)):
            continue
        out.extend(_phrase(child, keep_conj))
    return out


def _with_prep(node: Token) -> list[Token]:
    """A participant phrase with the preposition that introduces it ("to the Russian military")."""
    toks = _phrase(node)
    if node.dep_ == "pobj" and node.head.dep_ in ("prep", "agent", "dative"):
        toks.append(node.head)
    return toks


def _verb_group(tok: Token) -> list[Token]:
    """A verb with its auxiliaries, negation and particles ("has not yet sent", "took over")."""
    out = [tok]
    for child in tok.children:
        if child.dep_ in _VERB_DEPS or (child.dep_ == "advmod" and child.i < tok.i and child.i > tok.i - 3):
            out.append(child)
    return out


def _runs(indices: list[int]) -> list[list[int]]:
    runs: list[list[int]] = []
    for i in indices:
        if runs and i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def _trim(toks: list[Token], first: bool = True) -> list[Token]:
    """Drop conjunctions and punctuation hanging at either edge, a preposition left at the start
    ("by X", "of X") and determiners or prepositions left at the end."""
    lead = ("CCONJ", "SCONJ", "PUNCT", "ADP") if first else ("CCONJ", "SCONJ", "PUNCT")
    while toks and (
        toks[0].pos_ in lead or toks[0].dep_ in ("cc", "mark") or (first and toks[0].tag_ in _LEAD_TAGS)
        or (first and toks[0].pos_ == "ADV" and toks[0].dep_ != "neg")  # "again, ...", "also ..."
    ):
        toks = toks[1:]
    while toks and (toks[-1].pos_ in _EDGE_POS or toks[-1].dep_ in ("cc", "mark", "poss", "case") or toks[-1].is_left_punct):
        toks = toks[:-1]
    return toks


def _balance(toks: list[Token], reach: int = _QUOTE_REACH) -> list[Token]:
    """Close a quotation the piece opens but does not close: reach on to the closing quote when it is
    near, else end before the opening one."""
    opened = None
    for t in toks:
        if not t.is_quote:
            continue
        straight = t.is_left_punct and t.is_right_punct  # '"' opens or closes by position
        if opened is None and (t.is_left_punct or straight) and not (t.is_right_punct and not straight):
            opened = t
        elif opened is not None:
            opened = None
    if opened is None:
        return toks
    doc, end = opened.doc, toks[-1].i
    close = next((t for t in doc[end + 1 : min(end + 1 + reach, opened.sent.end)] if t.is_quote), None)
    if close is not None:
        return toks + list(doc[end + 1 : close.i + 1])
    return _trim(toks[: toks.index(opened)], False)


def _cap(toks: list[Token], limit: int) -> tuple[list[Token], bool]:
    """At most `limit` words, cut where a phrase ends (a token that closes its own subtree)."""
    if len(toks) <= limit:
        return toks, False
    # else before a preposition, conjunction or punctuation mark
    cut = next((n for n in range(limit, 3, -1) if toks[n].pos_ in ("ADP", "CCONJ", "PUNCT")), limit)
    for n in range(limit, max(limit // 2, 3), -1):
        last = toks[n - 1]
        closes = last.right_edge.i == last.i and (last.head.i == last.i or last.head.right_edge.i == last.i)
        if closes and last.pos_ not in _EDGE_POS:
            cut = n
            break
    return _balance(_trim(toks[:cut]), 0), True


def _summary(trig: Trigger, parts: _Parts) -> str:
    """A short clause quoted from the evidence sentence: who, the verb group, and the participants,
    as one span (or two joined by an ellipsis), so the summary never says what the text does not."""
    sent = trig.token.sent
    tok, head = trig.token, trig.head
    core = set(_verb_group(head)) | {tok}
    if trig.noun or tok.i != head.i:
        core |= {c for c in tok.children if c.dep_ in ("det", "amod", "compound", "poss", "nummod", "neg") and c.i < tok.i}
        core |= set(_verb_group(tok)) if tok.pos_ in ("VERB", "AUX") else set()
        for c in tok.children:
            if c.dep_ == "poss":
                core |= set(_phrase(c))
    wanted = set(core)
    agent = parts.agent
    if agent is not None and agent.sent == sent:
        wanted |= set(_phrase(agent, keep_conj=True))
        if agent.dep_ == "pobj":  # "a visit by X", "talks between X and Y"
            wanted.add(agent.head)
            noun = agent.head.head
            if noun.pos_ == "NOUN" and noun.i < tok.i:  # "visits by X to discuss": the noun X's phrase belongs to
                wanted |= {noun, *(c for c in noun.children if c.dep_ in ("det", "amod", "compound") and c.i < noun.i)}
    if not trig.noun:
        subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and (subj.pos_ != "PRON" or subj is not agent):  # "any deal between X and Y would violate ..."
            wanted |= set(_phrase(subj))
        if subj is not None and subj.tag_ in ("WP", "WDT") and head.dep_ == "relcl":  # "the envoy who was attacked"
            noun = head.head
            wanted |= {noun, *(c for c in noun.children if c.dep_ in ("det", "amod", "compound", "poss") and c.i < noun.i)}
    nodes = [n for n in parts.nodes if n.sent == sent]
    if not nodes and not trig.noun:  # "committing to expand ...": the verb's complement says what
        nodes = [c for c in tok.children if c.dep_ in ("dobj", "xcomp", "attr") and c.i > tok.i][:1]
        if not nodes:
            nodes = [c for c in tok.children if c.dep_ == "prep" and c.i > tok.i and any(g.dep_ in ("pcomp", "pobj") for g in c.children)][:1]
    if not trig.noun:  # "accused X of supplying shells": what the act is about
        nodes += [c for c in tok.children if c.dep_ == "prep" and c.i > tok.i and any(g.dep_ == "pcomp" for g in c.children)][:1]
    for node in dict.fromkeys(nodes):
        wanted |= set(_with_prep(node)) if node.dep_ != "prep" else set(_phrase(node))
    words = sorted(i.i for i in wanted)
    runs = _runs(words)
    # fill the gaps between the pieces while that keeps the text short; then keep at most two pieces
    while len(runs) > 1:
        gaps = [(runs[k + 1][0] - runs[k][-1] - 1, k) for k in range(len(runs) - 1)]
        size, k = min(gaps)
        gap = sent.doc[runs[k][-1] + 1 : runs[k + 1][0]]
        if len(runs) <= 2 and (size > 6 or (size > 3 and len(words) + size > SUMMARY_WORDS) or all(t.pos_ == "ADP" for t in gap)):
            break  # a long aside, or "accused X of V-ing": an ellipsis reads better
        runs[k : k + 2] = [runs[k] + list(range(runs[k][-1] + 1, runs[k + 1][0])) + runs[k + 1]]
        words = [i for run in runs for i in run]
    doc = sent.doc
    pieces = [_balance(_trim([doc[i] for i in run], n == 0)) for n, run in enumerate(runs)]
    pieces = [p for p in pieces if p]
    total = sum(len(p) for p in pieces)
    out: list[str] = []
    budget = SUMMARY_WORDS
    for n, piece in enumerate(pieces):
        piece, cut = _cap(piece, budget if n == len(pieces) - 1 else max(budget - 4, 4)) if total > SUMMARY_WORDS else (piece, False)
        budget -= len(piece)
        text = " ".join("".join(t.text_with_ws for t in piece).split())  # no-break spaces and line breaks read as spaces
        if agent is not None and agent.pos_ == "PRON" and parts.actor_text and piece and piece[0].i == agent.i:
            text = f"[{parts.actor_text}]" + text[len(agent.text) :]
        out.append(text + (" …" if cut else ""))
        if cut:
            break
    return " … ".join(out).replace("… …", "…")


def _excluded(article: Article, pos: int) -> bool:
    return any(s.start <= pos < s.end for s in article.excluded)


def extract_events(
    article: Article, doc: Doc, mentions: list[Mention], timexes: list[Timex], claims: list[Claim]
) -> list[Event]:
    """Events from every sentence of one article (several per sentence allowed)."""
    idx = _MentionIndex([m for m in mentions if m.article in (article.id, "")])
    spans = _claim_spans(claims, article.id)
    lex = lexicon()
    events: list[Event] = []
    by_token: dict[int, Event] = {}
    relative: list[tuple[Event, Token, str, str]] = []  # event, anchor noun, relation, text
    for sent in doc.sents:
        if not sent.text.strip():
            continue
        triggers = [t for t in find_triggers(sent) if not _excluded(article, t.token.idx)]
        if not triggers:
            continue
        trig_at = {t.token.i: t for t in triggers} | {t.head.i: t for t in triggers}
        attached: dict[int, Timex] = {}
        for tx in timexes:
            if not (sent.start_char <= tx.start < sent.end_char):
                continue
            node = _timex_head(doc, tx)
            while node is not None:
                if node.i in trig_at:
                    attached.setdefault(trig_at[node.i].token.i, tx)
                    break
                if _lemma(node) in lex["report_verbs"] or node.head.i == node.i:
                    break  # the time of a statement, not of the event it reports
                node = node.head
        found: list[tuple[Event, Trigger]] = []
        for trig in triggers:
            tok = trig.token
            parts = _parts(trig, idx)
            if _junk(trig, parts, idx) is not None:
                continue
            modality = _modality(trig)
            claim = _claim_for(tok, spans)
            claim_ids: list[str] = []
            if claim is not None:
                claim_ids.append(claim.id)
                if claim.stance == "deny" and not _backgrounded(tok, claim, spans):
                    modality = "denied"
                elif MODALITY_RANK[modality] < MODALITY_RANK["reported"]:
                    modality = "reported"
            own_tx = attached.get(tok.i)
            date = _date_from_timex(own_tx) if own_tx is not None else None
            ev = Event(
                id="",
                type=trig.type,
                mode=trig.mode,
                actors=parts.actors,
                recipients=parts.recipients,
                objects=parts.objects,
                location=parts.location,
                date=date,
                modality=modality,
                summary=_summary(trig, parts),
                evidence=[
                    Evidence(
                        article.id,
                        sent.start_char,
                        sent.end_char,
                        sentence=sent.text.strip(),
                        cue_span=[tok.idx, tok.idx + len(tok.text)],
                    )
                ],
                claims=claim_ids,
                sources=[article.id],
                outlets=[article.outlet] if article.outlet else [],
            )
            found.append((ev, trig))
        if found:
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
            found = kept
        for ev, trig in _merge_duplicates(_fold_content(found)):
            ev.id = f"{article.id}:e{len(events)}"
            events.append(ev)
            by_token[trig.token.i] = ev
            if ev.date is None:
                rel = _relative_anchor(trig)
                if rel is not None:
                    relative.append((ev, *rel))
                else:
                    ev.date = _publication_date(article, trig, ev.modality)
    for ev, anchor_tok, relation, text in relative:
        anchor = by_token.get(anchor_tok.i)
        ev.date = _relative_date(anchor, relation, text, article)
    return events


def _relative_anchor(trig: Trigger) -> tuple[Token, str, str] | None:
    """("following the visit", ...): the event noun a temporal preposition relates this event to."""
    lex = lexicon()
    rels = lex["time_prepositions"]
    for holder in {trig.token, trig.head}:
        for child in holder.children:
            word = _lemma(child)
            if child.dep_ not in ("prep", "advcl", "npadvmod") and not (child.dep_ == "acl" and word in rels):
                continue
            if word not in rels:
                continue
            obj = next((p for p in child.subtree if p.dep_ == "pobj"), None)
            if obj is None:
                continue
            target = obj
            if _lemma(obj) in rels:  # "in the aftermath of X", "in the wake of X"
                inner = next((p for p in obj.subtree if p.dep_ == "pobj" and p.i != obj.i), None)
                if inner is not None:
                    target = inner
            span = holder.doc[child.left_edge.i : child.right_edge.i + 1]
            return target, rels[word], span.text
    return None


def _relative_date(anchor: Event | None, relation: str, text: str, article: Article) -> DateInfo:
    """A date relative to another event, resolved now where that event has an interval; otherwise
    kept open with the anchor id so consolidation can resolve it from other sources."""
    info = DateInfo(None, None, relation, text=text, how="relative", anchor=anchor.id if anchor else None)
    if anchor is None or anchor.date is None:
        return info
    a = anchor.date
    if relation == "after" and a.first_day:
        info.first_day, info.last_day = a.first_day, article.published
    elif relation == "before" and a.last_day:
        info.first_day, info.last_day = None, a.last_day
    elif relation == "during":
        info.first_day, info.last_day, info.precision = a.first_day, a.last_day, a.precision
    return info


def sentence_of(doc: Doc, start: int) -> Span | None:
    """The sentence containing a character offset (helper for callers and tests)."""
    for s in doc.sents:
        if s.start_char <= start < s.end_char:
            return s
    return None
