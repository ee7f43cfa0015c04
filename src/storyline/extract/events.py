"""Event extraction: PLOVER-typed events from every sentence, with actors, modality and their own date.

For each trigger found by `storyline.extract.plover`, the parse gives the actor (subject, or the
possessor / "by" / "between" phrase of an event noun), the recipient (indirect object, "to"/"with"/
"against" phrase, or an entity direct object), the objects (non-entity noun phrases such as
"artillery shells") and the location. Entity references come only from the resolver's mentions.

Modality keeps what a source says apart from what the article asserts: an event inside a claim's
content is *reported* (the claim id is linked) or *denied* (deny claim, or under "deny"); an event
under a negation is *negated*; under "if"/"unless", a modal "would", or "any deal" it is
*hypothetical*; in the future, in an infinitive, or under "plan/seek/negotiate/potential" it is
*planned*. The date comes from a time expression attached to the trigger in the parse, from an
anchor event ("following the visit"), else from tense bounded by publication; `how` always says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from storyline.extract.plover import OBJECT_DEPS, Trigger, find_triggers, lexicon
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


@dataclass
class _Parts:
    actors: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    actor_text: str = ""
    recipient_text: str = ""
    objects: list[str] = field(default_factory=list)
    location: str | None = None


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
        if tok.dep_ == "relcl" and tok.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return tok.head
        if tok.dep_ in ("xcomp", "ccomp", "advcl", "conj", "pcomp", "acl") and tok.head.i != tok.i:
            parent = tok.head
            if tok.dep_ == "pcomp" and parent.dep_ == "prep":
                if _lemma(parent) != "of":  # "by providing": the subject of the governing verb
                    tok = parent.head
                    continue
                parent = parent.head
                obj = next((c for c in parent.children if c.dep_ in ("dobj", "obj")), None)
                if obj is not None:
                    return obj
            if tok.dep_ in ("xcomp", "acl"):
                obj = next((c for c in parent.children if c.dep_ in ("dobj", "obj")), None)
                if obj is not None and tok.dep_ == "xcomp":
                    return obj
            if tok.dep_ == "ccomp" and tok.pos_ != "VERB":
                return None
            if tok.dep_ == "acl" and parent.pos_ in ("NOUN", "PROPN"):
                return parent
            tok = parent
            continue
        return None
    return None


def _parts(trig: Trigger, idx: _MentionIndex) -> _Parts:
    head, tok = trig.head, trig.token
    out = _Parts()
    subj: Token | None = None
    if trig.noun:
        for child in tok.children:
            if child.dep_ == "poss" or (child.dep_ in ("compound", "amod") and idx.at(child) is not None):
                subj = child
                break
            if child.dep_ == "prep" and _lemma(child) in ACTOR_NOUN_PREPS | {"between", "among"}:
                pobj = next((p for p in child.children if p.dep_ == "pobj"), None)
                if pobj is not None and idx.at(pobj) is not None:
                    subj = pobj
                    break
        if subj is None:
            # "an exchange of letters between A and B": the participants hang on the object
            for obj in (p for c in tok.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"):
                for child in obj.children:
                    if child.dep_ == "prep" and _lemma(child) in ("between", "among"):
                        pobj = next((p for p in child.children if p.dep_ == "pobj"), None)
                        if pobj is not None and idx.at(pobj) is not None:
                            subj = pobj
        if subj is None and head.i != tok.i:
            subj = _subject(head)
    else:
        subj = _subject(head)
    if subj is not None:
        out.actors, out.actor_text = _entity_keys(subj, idx)
        if not out.actors and subj.pos_ == "PRON" and subj.lower_ in ("it", "they", "he", "she", "we"):
            # "X denied that it intended to ...": the pronoun is the governing clause's subject
            for anc in _ancestors(subj.head):
                outer = next((c for c in anc.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if outer is not None and outer.i != subj.i:
                    out.actors, out.actor_text = _entity_keys(outer, idx)
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
            if text and text not in out.objects and conj.pos_ in ("NOUN", "PROPN"):
                out.objects.append(text)
    if trig.type == "CONSULT" and trig.mode == "visit" and out.location is None and out.recipients:
        out.location = out.recipients[0]
    return out


def _ancestors(tok: Token) -> list[Token]:
    out = []
    while tok.head.i != tok.i:
        tok = tok.head
        out.append(tok)
    return out


def _modality(trig: Trigger) -> str:
    """Modality from the parse alone (claims are applied afterwards)."""
    lex = lexicon()
    tok, head = trig.token, trig.head
    chain = [tok] if head.i == tok.i else [tok, head]
    chain += [a for a in _ancestors(head)]
    found: set[str] = set()
    prev = None
    for depth, node in enumerate(chain):
        lemma = _lemma(node)
        kids = list(node.children)
        if prev is not None and node.i != head.i and prev.dep_ in ("nsubj", "nsubjpass", "relcl"):
            break  # subjects and relative clauses are presupposed: "the visit helped ..." stays a visit
        if any(c.dep_ in ("nsubj", "nsubjpass") and any(
            g.dep_ in ("amod", "compound") and _lemma(g) in lex["plan_modifiers"] | {"envision", "envisage", "plan", "propose"}
            for g in c.children) for c in kids) and depth > 0:
            found.add("planned")  # "the envisioned agreements involve X sending ..."
        if depth > 0 and node.i != head.i:
            if lemma in lex["deny_verbs"] or lemma in lex["deny_nouns"]:
                found.add("denied")
            elif lemma in lex["negating_verbs"] and prev is not None and prev.dep_ in ("xcomp", "dobj", "pcomp"):
                found.add("negated")
            elif lemma in lex["plan_verbs"] or lemma in lex["plan_nouns"]:
                found.add("planned")
            elif lemma in lex["report_verbs"] or lemma in lex["report_nouns"]:
                found.add("reported")
        if any(c.dep_ == "neg" for c in kids) and (depth == 0 or node.i == head.i or node.pos_ == "VERB"):
            found.add("negated")
        if any(c.dep_ == "mark" and c.lower_ in lex["hypothetical_marks"] for c in kids):
            found.add("hypothetical")
        if node.i in (tok.i, head.i):
            if any(c.dep_ == "det" and c.lower_ in ("any", "no") for c in kids):
                found.add("hypothetical")
            if any(c.dep_ in ("amod", "compound") and _lemma(c) in lex["plan_modifiers"] for c in kids):
                found.add("planned")
            aux = {c.lower_ for c in kids if c.dep_ in ("aux", "auxpass")}
            if aux & lex["future_aux"] or ("going" in aux and node.tag_ == "VB"):
                found.add("planned")
            if aux & lex["conditional_aux"]:
                reported_past = any(_lemma(a) in lex["report_verbs"] and a.tag_ == "VBD" for a in _ancestors(node))
                found.add("planned" if reported_past else "hypothetical")
            if node.tag_ == "VB" and "to" in aux and node.dep_ in ("xcomp", "advcl", "acl", "ccomp"):
                found.add("planned")
        elif prev is not None and prev.dep_ in ("xcomp", "ccomp", "oprd") and node.pos_ in ("VERB", "AUX"):
            # "a deal that would have seen X sending ...": a modal on the verb whose complement we are in
            aux = {c.lower_ for c in kids if c.dep_ in ("aux", "auxpass")}
            if aux & lex["conditional_aux"] and not any(
                _lemma(a) in lex["report_verbs"] and a.tag_ == "VBD" for a in _ancestors(node)
            ):
                found.add("hypothetical")
            elif aux & (lex["future_aux"] | lex["conditional_aux"]):
                found.add("planned")
        if node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in lex["hypothetical_marks"] for c in kids):
            found.add("hypothetical")
        prev = node
        if node.dep_ in ("ROOT",):
            break
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


def _summary(trig: Trigger, parts: _Parts) -> str:
    verb = trig.token.text if not trig.noun or trig.head.i == trig.token.i else f"{trig.head.text} {trig.token.text}"
    objects = ", ".join(parts.objects[:2])
    if trig.inverse and parts.recipient_text:  # "Russia bought shells (from North Korea)"
        bits = [parts.recipient_text, verb, objects, f"(from {parts.actor_text})" if parts.actor_text else ""]
    else:
        bits = [parts.actor_text, verb, objects, f"(to {parts.recipient_text})" if parts.recipient_text else ""]
    return " ".join(b for b in bits if b).strip()


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
        for trig in triggers:
            tok = trig.token
            parts = _parts(trig, idx)
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
                id=f"{article.id}:e{len(events)}",
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
            events.append(ev)
            by_token[tok.i] = ev
            if date is None:
                rel = _relative_anchor(trig)
                if rel is not None:
                    relative.append((ev, *rel))
                else:
                    ev.date = _publication_date(article, trig, modality)
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
