"""Cues that introduce a claim, each giving a draft with its source and content spans: speech, deny,
belief and intent verbs ("said", "denied", "wants to"), passive hearsay ("it was reported that"),
cue nouns with an owner ("X's claim that"), hearsay adverbs ("reportedly") and "according to X"."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from storyline.records import Mention
from storyline.syntax import lemma

from .content import accusation, content_from_cue, extend_right, keep_in_paragraph
from .draft import WORD, Draft, Spans, crosses_paragraph, in_quote, layout_text, span_of, subtree_span
from .speakers import is_actor, source_span, subject
from .stance import is_question, is_refusal, stance, unrealised
from .vocab import (
    ACT_DENY,
    CHANNELS,
    COMMITMENTS,
    CUES,
    CUES_ACTIVE,
    DENIABLE,
    DENY,
    DISCLOSURE,
    EVALUATIVE,
    FINDING_SOURCES,
    FINDING_VERBS,
    HEARSAY_ADVERBS,
    HEARSAY_PASSIVE,
    INFO_NOUNS,
    INTENT,
    NEEDS_CLAUSE,
    NOMINAL,
    NOMINAL_PREPS,
    OBJECT_CONTENT,
    PREDICATE_OBJECT,
    PREP_CUES,
    PURSUIT,
    SPEECH,
    VIEW_PREDS,
    VIEW_STANCE,
)


def cue_span(v: Token) -> tuple[int, int]:
    """The cue's words: the verb with its auxiliaries, negation and particle, its cue preposition
    ("called for"), and a channel right after it ("said in a statement")."""
    parts = [v] + [c for c in v.children if c.dep_ in ("aux", "neg", "auxpass", "prt") and c.i < v.i + 2]
    parts += [
        c
        for c in v.children
        if c.dep_ == "prep" and c.lower_ in PREP_CUES.get(lemma(v), ()) and v.i < c.i <= v.i + 3
    ]
    for c in v.children:
        if c.dep_ == "prep" and c.lower_ in ("in", "during", "on") and c.i == v.i + 1:
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if pobj is not None and lemma(pobj) in CHANNELS:
                parts += [t for t in c.subtree if t.i <= pobj.i]
    s = min(t.idx for t in parts)
    e = max(t.idx + len(t) for t in parts)
    return s, e


# ---------------------------------------------------------------- cue verbs


def verb_drafts(doc: Doc, mentions: list[Mention], quotes: Spans) -> tuple[list[Draft], dict[int, Draft]]:
    """Drafts of every cue verb that makes a claim, and the same drafts by the cue's token index."""
    drafts: list[Draft] = []
    for v in doc:
        if v.pos_ in ("VERB", "AUX") and lemma(v) in CUES and not (is_refusal(v) or unrealised(v) or is_question(v)):
            d = _verb_draft(v, layout_text(doc), mentions, quotes)
            if d is not None:
                drafts.append(d)
    return drafts, {d.cue_tok.i: d for d in drafts if d.cue_tok is not None}


def _verb_draft(v: Token, text: str, mentions: list[Mention], quotes: Spans) -> Draft | None:
    """The claim a cue verb makes, if any: content from the parse (or passive hearsay), a source
    that is an actor where the cue class needs one, both in the cue's paragraph."""
    quoted = in_quote(v.idx, quotes) is not None
    accused = accusation(v)
    spans, croot = ([accused[0]], accused[1]) if accused else content_from_cue(v, quoted)
    subj = subject(v)
    hearsay = hearsay_passive(v) if subj is None else None
    if hearsay is not None:
        agent, spans_h = hearsay
        spans_h = [sp for sp in spans_h if "\n" not in text[sp[0] : sp[1]]]
        if spans_h and agent is None:
            return Draft(v, cue_span(v), None, spans_h, "indirect", v.sent, stance="hedge")  # no named source
        if spans_h and agent is not None:
            subj, spans, croot = agent, spans_h, None
    spans = keep_in_paragraph(text, spans, v)
    if not spans or not (
        _accusation_ok(v, subj, mentions) if accused else makes_claim(v, croot, subj, mentions)
    ):
        return None
    if subj is None and v.dep_ != "parataxis":
        return None
    if subj is not None and subj.pos_ == "PRON" and any(qs <= v.idx < qe for qs, qe in quotes):
        return None  # "we believe", "he told me" inside a quotation belong to the quoted speech
    ssp = source_span(subj, text) if subj is not None else None
    if subj is not None and (ssp is None or crosses_paragraph(text, ssp, v)):
        return None  # an over-long subject, or one the parser took from another paragraph
    if croot is not None and croot.head == v and croot.i > v.i and not accused:
        spans = spans[:-1] + [extend_right(v, croot, spans[-1], text, quoted)]
    d = Draft(v, cue_span(v), ssp, spans, "indirect", v.sent, source_root=subj)
    d.stance = stance(v, croot, subj)
    d.target_tok = accused[2] if accused else None
    if lemma(v) in VIEW_STANCE and view_predicate(v):
        d.stance = VIEW_STANCE[lemma(v)]
    return d


def _accusation_ok(v: Token, subj: Token | None, mentions: list[Mention]) -> bool:
    """An accusation is a claim of its subject; an evaluative one ("condemned X for Y") of an actor."""
    return subj is None or lemma(v) not in EVALUATIVE or is_actor(subj, mentions)


def makes_claim(v: Token, croot: Token | None, subj: Token | None, mentions: list[Mention]) -> bool:
    """Whether the cue's class accepts this content and source: some cues need a clause, evaluations
    and wants need an actor, prepositional cues their preposition."""
    cue = lemma(v)
    if cue in VIEW_PREDS:  # a view only with its predicate: "saw the results" is no claim
        return view_predicate(v) and subj is not None and is_actor(subj, mentions)
    by_prep = croot is not None and croot.dep_ == "prep" and croot.lower_ in PREP_CUES.get(cue, ())
    if (
        cue in NEEDS_CLAUSE
        and not by_prep
        and not _has_clause(v, croot)
        and not _object_said(v, cue, croot)
        and not _document_finding(cue, croot, subj)
    ):
        return False
    if cue in EVALUATIVE and (croot is None or croot.dep_ not in ("dobj", "ccomp")):
        return False
    if cue in PREP_CUES and cue not in SPEECH and not by_prep and croot is not None and croot.dep_ != "ccomp":
        return False  # "talk", "point", "push" are speech only with their preposition or a clause
    if cue in HEARSAY_PASSIVE - CUES_ACTIVE:
        return False  # "rumored", "understood": claims only in the passive
    if cue in PURSUIT and _object_first(v):
        return False  # "seeking strategic advantages to secure ...": an action, not a want
    if (
        cue in PREDICATE_OBJECT
        and _adjunct_participle(v)
        and not _has_clause(v, croot)
        and not _has_predicate(v)
    ):
        return False  # "..., citing Western efforts to ...": the reason for another act, no statement
    if cue in ACT_DENY and not _has_clause(v, croot) and not _statement_object(croot):
        return False  # "voters rejected his appeals": an act on a thing, no denial of a statement
    if cue in DISCLOSURE and cue not in DENY and _bare_info_object(croot):
        return False  # "revealed the new intelligence": what was revealed is not stated
    if cue in EVALUATIVE or cue in INTENT:
        return subj is not None and is_actor(subj, mentions)
    return True


def _has_clause(v: Token, croot: Token | None) -> bool:
    return (croot is not None and croot.dep_ in ("ccomp", "xcomp", "ROOT")) or v.dep_ == "parataxis"


def _object_first(v: Token) -> bool:
    """An object before any infinitive: "seeking strategic advantages to secure ..." (an action)."""
    obj = next((c for c in v.children if c.dep_ == "dobj"), None)
    inf = next((c for c in v.children if c.dep_ == "xcomp"), None)
    return obj is not None and (inf is None or obj.i < inf.i)


def view_predicate(v: Token) -> bool:
    """A view cue with its object and predicate ("saw the comment as a dig")."""
    preds = VIEW_PREDS.get(lemma(v), frozenset())
    obj = next((c for c in v.children if c.dep_ == "dobj"), None)
    kids = list(v.children) + (list(obj.children) if obj is not None else [])
    return obj is not None and any(c.dep_ == "prep" and c.lower_ in preds for c in kids)


def _document_finding(cue: str, croot: Token | None, subj: Token | None) -> bool:
    """A study, poll or report stating its finding as an object ("a study found 31 incidents")."""
    if cue not in FINDING_VERBS or croot is None or croot.dep_ != "dobj" or subj is None:
        return False
    return lemma(subj) in FINDING_SOURCES


def _adjunct_participle(v: Token) -> bool:
    """A participle that qualifies another verb ("asserted that ..., citing X")."""
    return v.tag_ == "VBG" and v.dep_ in ("advcl", "xcomp", "conj") and v.head.pos_ in ("VERB", "AUX")


def _has_predicate(v: Token) -> bool:
    """An object with a predicate ("cited rising costs as the reason", "called him a liar")."""
    kids = list(v.children) + [g for c in v.children if c.dep_ == "dobj" for g in c.children]
    return any(c.dep_ in ("oprd", "xcomp") or (c.dep_ == "prep" and c.lower_ == "as") for c in kids)


def _statement_object(croot: Token | None) -> bool:
    """An object that is a statement ("the accusation", "reports that ...", "claims of fraud")."""
    if croot is None:
        return False
    if croot.dep_ == "prep":  # "dismissed as rumours": the object sits under the preposition
        croot = next((g for g in croot.children if g.dep_ == "pobj"), croot)
    if lemma(croot) in DENIABLE:
        return True
    return any(c.dep_ in ("acl", "ccomp") and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
               for c in croot.children)


def _bare_info_object(croot: Token | None) -> bool:
    """An object that is an information noun with no clause of its own ("the new intelligence",
    not "intelligence that Iran ...")."""
    if croot is None or croot.dep_ != "dobj" or lemma(croot) not in INFO_NOUNS:
        return False
    return not any(c.dep_ in ("acl", "ccomp", "relcl") and c.pos_ in ("VERB", "AUX") for c in croot.children)


def _object_said(v: Token, cue: str, croot: Token | None) -> bool:
    """An object that is what was said ("noted the attacks"); "call" only with a predicate ("called
    him a liar", not "called the hotline")."""
    if croot is None or croot.dep_ not in ("dobj", "prep") or cue not in OBJECT_CONTENT:
        return False
    return not (
        cue == "call" and croot.dep_ == "dobj" and not any(c.dep_ in ("oprd", "xcomp") for c in v.children)
    )


def hearsay_passive(v: Token) -> tuple[Token | None, Spans] | None:
    """A passive hearsay cue: (agent or None, content spans), or None when `v` is not one.

    "It was reported that X" gives the that-clause; "X is expected to win" gives the whole clause,
    subject included (the cue sits inside what is claimed); "was first reported by CNN" gives CNN as
    the source.
    """
    if lemma(v) not in HEARSAY_PASSIVE or v.tag_ != "VBN":
        return None
    if not any(c.dep_ == "auxpass" for c in v.children):
        return None
    subj = next((c for c in v.children if c.dep_ in ("nsubjpass", "expl")), None)
    if subj is None:
        return None
    agent = next((c for c in v.children if c.dep_ == "agent"), None)
    src = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None
    comp = next((c for c in v.children if c.dep_ in ("ccomp", "xcomp") and c.i > v.i), None)
    if comp is None:
        return None
    if subj.lower_ == "it":
        sp = subtree_span(comp)
    else:
        excl = {t.i for t in agent.subtree} if agent is not None else set()
        toks = [t for t in v.subtree if t.i not in excl and (t.i >= subj.left_edge.i)]
        toks = [t for t in toks if t.i <= comp.right_edge.i]
        sp = span_of(toks)
    return src, ([sp] if sp else [])


# ---------------------------------------------------------------- cue nouns, adverbs, "according to"


def nominal_drafts(doc: Doc, quotes: Spans) -> list[Draft]:
    """Claims carried by a noun: "X's claim that ...", "his remarks about ...", "a call by X for ...".

    The noun needs an owner (possessive, or "by"/"from" X) and a content (a that-clause, or the
    object of "of/about/on/for/against"), both in its paragraph; a noun inside a quotation belongs
    to the quoted speech and is skipped.
    """
    text = layout_text(doc)
    out: list[Draft] = []
    for t in doc:
        noun_stance = NOMINAL.get(lemma(t))
        if noun_stance is None or t.pos_ != "NOUN" or any(qs <= t.idx < qe for qs, qe in quotes):
            continue
        src = _owner(t)
        content = _noun_content(t, doc) if src is not None else None
        if src is None or content is None:
            continue
        ssp = span_of([x for x in src.subtree if x.dep_ != "case"])
        if ssp is None or crosses_paragraph(text, content, t) or "\n" in text[content[0] : content[1]]:
            continue
        if "\n" in text[min(ssp[0], t.idx) : max(ssp[1], t.idx)]:
            continue
        d = Draft(None, (t.idx, t.idx + len(t)), ssp, [content], "indirect", t.sent, source_root=src)
        d.stance = noun_stance
        out.append(d)
    return out


def _owner(t: Token) -> Token | None:
    """The owner of a cue noun: its possessive ("Iran's denial"), or X in "by/from X"."""
    src: Token | None = next((c for c in t.children if c.dep_ == "poss"), None)
    if src is None:
        by = next((c for c in t.children if c.dep_ == "prep" and c.lower_ in ("by", "from")), None)
        src = next((g for g in by.children if g.dep_ == "pobj"), None) if by is not None else None
    return src


def _noun_content(t: Token, doc: Doc) -> tuple[int, int] | None:
    """A cue noun's content: its that-clause, its to-infinitive (commitments), or the object of its
    content preposition; cut before the verb the noun phrase is subject of."""
    noun = lemma(t)
    content: tuple[int, int] | None = None
    for c in t.children:
        if c.i < t.i:
            continue
        if c.dep_ in ("acl", "ccomp") and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children):
            content = subtree_span(c)
        elif (
            c.dep_ == "acl"
            and noun in COMMITMENTS
            and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
        ):
            content = subtree_span(c)  # "its promise to cut prices"
        elif c.dep_ == "prep" and c.lower_ in NOMINAL_PREPS.get(noun, ()):
            pobj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
            content = subtree_span(pobj) if pobj is not None else None
        if content is not None:
            break
    if content is not None and t.head.i > t.i and t.head.pos_ in ("VERB", "AUX") and content[1] > t.head.idx:
        # "His remarks about X angered voters": the noun phrase ends before its verb.
        content = span_of([x for x in doc[t.i + 1 : t.head.i] if content[0] <= x.idx < content[1]])
    return content


def hearsay_adverb_drafts(doc: Doc, quotes: Spans) -> list[Draft]:
    """Hearsay adverbs ("X reportedly did Y"): an unnamed source's claim; the content is the clause the
    adverb modifies, subject included, and the stance `hedge`."""
    text = layout_text(doc)
    out: list[Draft] = []
    for t in doc:
        if t.lower_ not in HEARSAY_ADVERBS or t.dep_ != "advmod" or t.head.pos_ not in ("VERB", "AUX"):
            continue
        if lemma(t.head) in CUES:
            continue  # "the report reportedly found ...": the cue verb makes the claim
        if any(qs <= t.idx < qe for qs, qe in quotes):
            continue
        sp = subtree_span(t.head)
        if sp is None or "\n" in text[sp[0] : sp[1]] or len(WORD.findall(text[sp[0] : sp[1]])) < 3:
            continue
        out.append(Draft(None, (t.idx, t.idx + len(t)), None, [sp], "indirect", t.sent, stance="hedge"))
    return out


def according_to_drafts(doc: Doc) -> list[Draft]:
    """ "According to X, ...": X is the source; the content is the clause on the other side of the
    phrase (or both sides when it sits inside)."""
    out: list[Draft] = []
    for t in doc:
        if t.lower_ != "according" or t.i + 1 >= len(doc) or doc[t.i + 1].lower_ != "to":
            continue
        to = doc[t.i + 1]
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if pobj is None:
            continue
        sub = sorted(x.i for x in t.subtree)
        before = [x for x in t.sent if x.i < sub[0]]
        after = [x for x in t.sent if x.i > sub[-1]]
        if len(WORD.findall(" ".join(x.text for x in before))) < 3:
            toks = after
        elif len(WORD.findall(" ".join(x.text for x in after))) < 3:
            toks = before
        else:
            toks = before + after
        sp = span_of(toks)
        if sp is not None:
            cue = (t.idx, to.idx + len(to))
            out.append(Draft(None, cue, subtree_span(pobj), [sp], "according_to", t.sent, source_root=pobj))
    return out
