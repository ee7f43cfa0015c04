"""What is an event: PLOVER triggers (`storyline.extract.plover`) kept only when someone acts.

Precision (`junk`): verbs need an agent (an actor mention, or a named or person/group noun phrase:
"gunmen", "intelligence officials"), or are agentless passives that name what was acted on; event
nouns need an attached agent (possessor, "by"/"from"/"between" phrase, entity compound or demonym, the
subject of their light verb, or the parties of the talks that plan them), and a noun whose only agent
is a modifier is background when it is an object ("violated U.N. sanctions"). Participles and nouns
used as modifiers, speech and rejection verbs without a target ("declined to comment", "warned that
..."), giving information ("provide an estimate"), figurative fighting, visits without a destination,
talks with nobody and transfers of nothing to nobody are dropped. Folding: coordinated or repeated
triggers of one act merge, and an event noun that is the content of another trigger ("agreed on a
ceasefire") joins that trigger's event.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from storyline import lexicon
from storyline.extract.events.modality import report_verbs
from storyline.extract.events.participants import LOCATION_TYPES, Participants, nominal_agent, np_text, pobj
from storyline.extract.plover import Trigger, cue_words, cues, find_triggers, object_tokens
from storyline.records import Article, Event
from storyline.syntax import MentionIndex, conjuncts, lemma

# PLOVER types whose complement is prospective, so an event noun in it is what they are about
# (the pledge, the demand, the threat, the refusal), not a second event. Grammar of the types, not words.
CONTENT_GOVERNOR_TYPES = frozenset({"AGREE", "REQUEST", "THREATEN", "REJECT"})
# Speech verbs of these types are acts even without a target: commitments name the act they commit
# to ("agreed to supply", "pledged not to sell"), and conceding is yielding ("should just concede").
_ACT_TYPES = frozenset({"AGREE", "CONCEDE"})
_CONTENT_DEPS = {"dobj", "obj", "pobj", "attr", "oprd", "prep", "xcomp", "pcomp", "acl", "conj", "appos", "compound"}


def triggers_in(sent: Span, article: Article) -> list[Trigger]:
    """The sentence's triggers outside the article's excluded spans (captions, boilerplate)."""
    return [t for t in find_triggers(sent) if not any(s.start <= t.token.idx < s.end for s in article.excluded)]


# ---------------------------------------------------------------- the junk filter


def _is_passive(head: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in head.children)


def _only_information(verb: Token) -> bool:
    """The verb's direct objects are all pieces of information ("an estimate", "the number of ...",
    "details"), so giving them is a statement, not a transfer."""
    info, quantities = lexicon.words("information_nouns"), lexicon.words("quantity_nouns")
    objs = [o for o in object_tokens(verb) if o.dep_ in ("dobj", "obj", "nsubjpass")]
    if verb.dep_ == "relcl" and all(o.tag_ in ("WDT", "WP") for o in objs):
        objs = [verb.head]  # "the records that X released"
    return bool(objs) and all(
        lemma(o) in info and not (lemma(o) in quantities and any(c.dep_ == "prep" and lemma(c) == "of" for c in o.children))
        for o in objs
    )


def _no_agent(trig: Trigger, parts: Participants, idx: MentionIndex) -> str | None:
    """An event needs someone who acts; an agentless passive counts when it names what was acted on."""
    agent = parts.agent
    if parts.actors or (agent is not None and nominal_agent(agent, idx)):
        return None
    if trig.noun or not _is_passive(trig.head) or not (parts.recipients or parts.objects):
        return "no agent"
    return None


def _background(trig: Trigger, parts: Participants) -> bool:
    """"violated U.N. sanctions", "efforts to enact a U.N. treaty": a modifier names whose sanctions
    or treaty is meant, the phrase refers to it as background; "X's visit", "a visit by X" report one."""
    tok, agent = trig.token, parts.agent
    return (
        trig.noun and trig.head.i == tok.i and agent is not None and agent.head.i == tok.i
        and agent.dep_ in ("compound", "amod", "nmod") and tok.dep_ in ("dobj", "obj", "pobj")
    )  # fmt: skip


def _statement(trig: Trigger, parts: Participants) -> str | None:
    """Speech, accusation and rejection verbs are claims unless they have a target: "accused X of",
    "rejected the plan" are events; "declined to comment", "warned that ..." are not."""
    tok = trig.token
    speech = lemma(tok) in report_verbs() and trig.type not in _ACT_TYPES
    if trig.noun or not (trig.type in ("ACCUSE", "REJECT", "REQUEST") or speech):
        return None
    comp = next((c for c in tok.children if c.dep_ == "xcomp"), None)
    if comp is not None and (lemma(comp) in lexicon.words("communication_verbs") or _only_information(comp)):
        return "no comment"  # "declined to comment", "refused to give details"
    direct = any(c.dep_ in ("dobj", "obj", "dative", "iobj", "nsubjpass") for c in tok.children)
    # "warned of X" names a topic, not whom the warning is for
    has_target = bool(parts.recipients) or direct or (comp is not None and trig.type in ("REJECT", "REQUEST", "THREATEN"))
    return None if has_target else "speech without target"


def _opinion(trig: Trigger) -> bool:
    """"agreed (with X) that the rules are outdated" shares a view, it settles nothing."""
    kids = list(trig.token.children)
    return (
        lemma(trig.token) == "agree" and any(c.dep_ == "ccomp" for c in kids)
        and not any(c.dep_ == "xcomp" or (c.dep_ == "prep" and lemma(c) in ("on", "to", "upon")) for c in kids)
    )  # fmt: skip


def _sense(trig: Trigger, parts: Participants, idx: MentionIndex) -> str | None:
    """Word senses that are no event: figurative fights, empty transfers, visits nowhere, talking alone."""
    if trig.type == "FIGHT" and not trig.noun and not _combat(trig, parts, idx):
        return "figurative fight"  # "fighting climate change", "battled pneumonia", "companies fighting to ..."
    if trig.type in ("AID", "COOPERATE") and trig.mode is None and not _parties(trig, parts, idx):
        return "no goods and no partner"  # "sent him to rallies", "gave airtime", "share concerns"
    if trig.type == "CONSULT" and trig.mode == "visit" and not trig.noun and not _destination(trig, parts):
        return "no destination"  # "flew over the storms" is no visit
    if trig.type == "CONSULT" and trig.mode in ("meet", "negotiate") and not trig.noun:
        agent = parts.agent
        if not _parties(trig, parts, idx) and not (agent is not None and agent.tag_ in ("NNS", "NNPS")):
            return "talking alone"  # "X discussed his plan": talk about, not talks with
    return None


def junk(trig: Trigger, parts: Participants, idx: MentionIndex) -> str | None:
    """Why a trigger is not an event an analyst should see (None when it is one).

    Participles and nouns used as modifiers describe, they do not report ("alleged talks", "a
    state-funded group", "a sanctions loophole"); an event needs an agent; speech and rejection verbs
    need a target; giving information is no transfer; and some word senses are no event.
    """
    tok = trig.token
    if tok.dep_ in ("amod", "compound", "nmod", "npadvmod") and (not trig.noun or tok.head.pos_ in ("NOUN", "PROPN")):
        return "modifier"
    why = _no_agent(trig, parts, idx)
    if why is not None:
        return why
    if _background(trig, parts):
        return "background reference"
    giving = trig.type in ("AID", "COOPERATE") or lemma(trig.head) in lexicon.words("giving_verbs")
    if giving and _only_information(trig.head):
        return "information"  # "provide an estimate", "offered advice", "released a video": statements
    why = _statement(trig, parts)
    if why is not None:
        return why
    if _opinion(trig):
        return "opinion"
    return _sense(trig, parts, idx)


def _combat(trig: Trigger, parts: Participants, idx: MentionIndex) -> bool:
    """Fighting needs fighters: an opponent that can fight (entity, person or group noun), a place or
    weapon fought over, or, with no object, an armed or state agent or a "with"/"against" opponent."""
    armed = lexicon.words("armed_forces") | lexicon.words("armed_groups")
    objs = [o for o in object_tokens(trig.head) if o.dep_ in ("dobj", "obj", "dative")]
    targets = cues("territory") | cues("weapons")
    if objs:
        return any(nominal_agent(o, idx) or o.ent_type_ in LOCATION_TYPES or cue_words(o) & targets for o in objs)
    for child in trig.head.children:
        if child.dep_ == "prep" and lemma(child) in ("with", "against", "in", "for", "near", "around"):
            obj = pobj(child)
            if obj is not None and (nominal_agent(obj, idx) or obj.ent_type_ in LOCATION_TYPES):
                return True
    agent = parts.agent
    if agent is None:
        return bool(parts.recipients)
    keys = parts.actors
    return (bool(keys) and not all(k.startswith("person") for k in keys)) or bool(cue_words(agent) & armed)


def _destination(trig: Trigger, parts: Participants) -> bool:
    """A visit goes somewhere: a recipient or location, a place object, or a "to"/"in" place."""
    if parts.recipients or parts.location:
        return True
    for child in trig.token.children:
        node = child
        if child.dep_ in ("prep", "dative") and lemma(child) in ("to", "in", "into", "through"):
            obj = pobj(child)
            node = obj if obj is not None else child
        elif child.dep_ not in ("dobj", "obj"):
            continue
        if node.pos_ == "PROPN" or node.ent_type_ in LOCATION_TYPES or lemma(node) in lexicon.words("place_nouns"):
            return True
    return False


def _parties(trig: Trigger, parts: Participants, idx: MentionIndex) -> bool:
    """A second party: a recipient, several actors, or a "with"/"to" person or group."""
    if parts.recipients or len(parts.actors) > 1 or (parts.agent is not None and conjuncts(parts.agent)[1:]):
        return True
    for holder in {trig.token, trig.head}:
        for child in holder.children:
            if child.dep_ in ("dative", "iobj") or (child.dep_ == "prep" and lemma(child) in ("with", "to")):
                party = pobj(child)  # "to X" (prep or dative)
                if party is None and child.dep_ != "prep":
                    party = child  # "gave X the keys"
                if party is not None and nominal_agent(party, idx):
                    return True
    return False


# ---------------------------------------------------------------- one event per act


def merge_duplicates(events: list[tuple[Event, Trigger]]) -> list[tuple[Event, Trigger]]:
    """One event per act: triggers of one sentence with the same type and mode that are the same
    word or coordinated ("provide or sell arms") and name compatible actors become one event."""
    out: list[tuple[Event, Trigger]] = []
    for ev, trig in events:
        twin = next((prev for prev, ptrig in out if _same_act(prev, ptrig, ev, trig)), None)
        if twin is None:
            out.append((ev, trig))
            continue
        for attr in ("actors", "recipients", "objects"):
            merged = getattr(twin, attr)
            merged.extend(x for x in getattr(ev, attr) if x not in merged)
    return out


def _same_act(prev: Event, ptrig: Trigger, ev: Event, trig: Trigger) -> bool:
    same_word = lemma(ptrig.token) == lemma(trig.token)
    coordinated = trig.token in conjuncts(ptrig.token) or ptrig.token in conjuncts(trig.token)
    compatible = not ev.actors or not prev.actors or bool(set(ev.actors) & set(prev.actors))
    same_kind = (prev.type, prev.mode, prev.modality) == (ev.type, ev.mode, ev.modality)
    return same_kind and (same_word or coordinated) and compatible


def _content_step(cur: Token) -> Token | None:
    """One step up a complement path from a content noun, or None where the path ends (a clause
    of its own, a time or circumstance phrase, a verb that presupposes its object)."""
    if cur.dep_ not in _CONTENT_DEPS or cur.head.i == cur.i:
        return None
    if cur.dep_ == "conj" and cur.pos_ in ("VERB", "AUX"):
        return None  # a coordinated clause is a separate act
    cur = cur.head
    if cur.dep_ == "prep" and lemma(cur) not in lexicon.words("content_prepositions"):
        return None  # "following the visit", "after the talks": time or circumstance, not content
    if cur.pos_ in ("VERB", "AUX") and lemma(cur) in lexicon.words("presupposing_verbs"):
        return None  # "urged X to cease its negotiations": the negotiations exist already
    return cur


def _content_governor(trig: Trigger, others: dict[int, tuple[Event, Trigger]]) -> Event | None:
    """The event whose content this event noun is: "committed to enhancing cooperation", "agreed on
    a ceasefire", "threatened sanctions" state one act (the pledge, the threat), and the noun is what
    was pledged or threatened, not a second event. Talks and transfers are exempt: "discussed an arms
    deal" is a meeting and a planned transfer, each with its own parties. Only complement paths count
    (objects, prepositions, infinitive/gerund complements, through non-trigger verbs such as
    "deepen"); coordination of clauses and subjects never fold. Only governors whose complement is
    prospective (agree, request, threaten, reject) take the noun: "condemned the attack" keeps the
    attack as its own event."""
    if not trig.noun or trig.head.i != trig.token.i:
        return None  # a light-verb noun ("made a trip") is itself the clause's act
    if trig.type == "AID" and trig.mode:
        return None  # a transfer ("agreed on an arms deal") is an act of its own, kept as planned
    cur: Token | None = trig.token
    for _ in range(6):
        cur = _content_step(cur) if cur is not None else None
        if cur is None:
            return None
        hit = others.get(cur.i)
        if hit is not None:
            gov_ev, gov_trig = hit
            if gov_trig.token.i == trig.token.i:
                return None
            # the nearest trigger governs; an unsuited one keeps the noun separate
            return gov_ev if gov_ev.type in CONTENT_GOVERNOR_TYPES and gov_ev.mode != "violate" else None
        if cur.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass") for c in cur.children):
            return None  # a finite clause of its own
    return None


def fold_content(found: list[tuple[Event, Trigger]]) -> list[tuple[Event, Trigger]]:
    """Drop event nouns that are the content of another trigger of the sentence; their words join
    the governing event's objects (see `_content_governor`)."""
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
        text = np_text(trig.token)
        if text and text not in gov.objects:
            gov.objects.append(text)
    return out
