"""What was claimed: a cue's content spans from the parse, extended where the parser split them,
kept in the cue's paragraph, and classed by how much of it is quoted."""

from __future__ import annotations

import re

from spacy.tokens import Token

from storyline.syntax import lemma

from .draft import WORD, Draft, Spans, covered, crosses_paragraph, paragraph_of, span_of, subtree_span
from .vocab import (
    ACCUSE_CONTENT,
    ACCUSE_TARGET,
    ADDRESSEE_CUES,
    CUES,
    EXTENSION_STOPS,
    FINDING_VERBS,
    FIRST_PERSON,
    INTENT,
    LIGHT_VERBS,
    OBJECT_CUES,
    PREP_CUES,
    SETTING_PREPS,
    STATEMENT_NOUNS,
    VIEW_PREDS,
)

Content = tuple[Spans, Token | None]
# Dependency labels of a cue's children that may continue its content, and that may hold it.
EXTEND_DEPS = {"prep", "oprd", "conj", "advcl", "npadvmod", "dobj", "xcomp", "ccomp"}
OBJECT_DEPS = ("dobj", "xcomp", "prep", "oprd", "dative", "attr", "acomp")
# "told reporters in a statement" / "with": addressee and setting, not content.
OBJECT_SETTING = SETTING_PREPS | {"with"}
NOTHING: Content = ([], None)


def _one(sp: tuple[int, int] | None, root: Token | None) -> Content:
    return ([sp] if sp else []), root


def content_from_cue(v: Token, quoted: bool = False) -> Content:
    """Content spans of a cue verb from the parse, and the content's root token: its clause, its
    prepositional object ("called for X"), its infinitive (wants), the clause it interrupts
    ("X, he said, Y"), or its object and complements. A quoted cue's content leaves out what the
    quoting speaker adds in the first person ('"Y has said it will not, but we remain concerned"')."""
    cue = lemma(v)
    if cue in LIGHT_VERBS:
        return _light_verb_content(v)
    kids = list(v.children)
    comp = next((c for c in kids if c.dep_ == "ccomp"), None)
    if comp is not None:
        if comp.left_edge.i < v.i and v.dep_ == "relcl":
            return _relative_content(v, comp), comp
        return _one(subtree_span(comp, _first_person_clauses(v, comp) if quoted else None), comp)
    for c in kids:
        if c.dep_ == "prep" and c.lower_ in PREP_CUES.get(cue, ()) and v.i < c.i <= v.i + 3:
            pobj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
            if pobj is not None:
                return _one(subtree_span(pobj), c)
    if cue in INTENT:
        xcomp = next((c for c in kids if c.dep_ == "xcomp" and c.i > v.i), None)
        if xcomp is not None:
            return _one(subtree_span(xcomp), xcomp)
    if v.dep_ == "parataxis" and v.head.pos_ in ("VERB", "AUX"):
        return _one(subtree_span(v.head, {t.i for t in v.subtree}), v.head)
    if cue in OBJECT_CUES or cue in FINDING_VERBS or cue in VIEW_PREDS:
        return _object_content(v, cue)
    return NOTHING


def accusation(v: Token) -> tuple[tuple[int, int], Token, Token] | None:
    """An accusation cue's deed and accused: "accused X of Y" / "blamed X for Y" give (Y's span, Y's
    root, X); "blamed Y on X" gives the same with the object as the deed; None otherwise."""
    cue = lemma(v)
    if cue not in ACCUSE_CONTENT:
        return None
    obj = next((c for c in v.children if c.dep_ == "dobj" and c.i > v.i), None)
    if obj is None:
        return None
    for c in list(v.children) + list(obj.children):  # "blamed the bombing on X": on X may hang on the object
        if c.dep_ != "prep" or c.i < obj.i:
            continue
        pobj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
        if pobj is None:
            continue
        if c.lower_ in ACCUSE_CONTENT[cue]:
            sp = subtree_span(pobj)
            return (sp, pobj, obj) if sp else None
        if c.lower_ in ACCUSE_TARGET[cue]:
            sp = subtree_span(obj, {t.i for t in c.subtree})
            return (sp, obj, pobj) if sp else None
    return None


def _object_content(v: Token, cue: str) -> Content:
    """Objects and complements after the cue ("accused X of Y", "urged X to"), less its setting; the
    root is the clause if any ("asked the campaign to stop"), else the object."""
    parts = [c for c in v.children if c.i > v.i and c.dep_ in OBJECT_DEPS]
    parts = [c for c in parts if not (c.dep_ == "prep" and c.lower_ in OBJECT_SETTING)]
    if cue in ADDRESSEE_CUES and all(c.dep_ in ("dobj", "dative") for c in parts):
        return NOTHING
    if not parts:
        return NOTHING
    sp = span_of([t for c in parts for t in c.subtree])
    root = next((c for c in parts if c.dep_ == "xcomp"), None) or next(
        (c for c in parts if c.dep_ == "dobj"), parts[0]
    )
    return _one(sp, root)


def _light_verb_content(v: Token) -> Content:
    """Content of a light-verb cue: "made it clear that X", "made the case for X", "made no mention
    of X", "offered his assessment of X"; nothing when the object is not a statement noun."""
    kids = list(v.children)
    for c in kids:
        if c.lower_ == "clear" and c.dep_ in ("oprd", "ccomp", "acomp", "xcomp", "dobj", "advmod"):
            comp = next(
                (g for g in kids + list(c.children) if g.dep_ in ("ccomp", "advcl") and g.i > c.i),
                None,
            )
            if comp is not None:
                return _one(subtree_span(comp), comp)
    obj = next((c for c in kids if c.dep_ == "dobj" and lemma(c) in STATEMENT_NOUNS), None)
    if obj is None:
        return NOTHING
    for c in list(obj.children) + [k for k in kids if k.dep_ == "ccomp"]:
        if c.i <= obj.i:
            continue
        if c.dep_ in ("acl", "ccomp") and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children):
            return _one(subtree_span(c), c)
        if c.dep_ == "prep" and c.lower_ in ("for", "against", "about", "of"):
            pobj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
            if pobj is not None:
                return _one(subtree_span(pobj), c)
    return NOTHING


def extend_right(
    v: Token, croot: Token, span: tuple[int, int], text: str, quoted: bool = False
) -> tuple[int, int]:
    """Content that the parser split off the cue's complement: right siblings of the complement
    attached to the cue verb ("described X as Y with Z", "said X, but Y") join the content, up to
    the first one that sets the scene ("on Tuesday", "in a statement"). A clause with its own
    subject is the quoting speaker's, not the content, when the cue is quoted ('"Y has said it will
    not, but we remain concerned," X said')."""
    end = span[1]
    for c in sorted((c for c in v.children if c.i > croot.right_edge.i), key=lambda c: c.i):
        if c.dep_ == "punct" or c.dep_ == "cc":
            continue
        if _ends_content(c) or _speaker_clause(c, quoted):
            break
        gap = text[end : c.left_edge.idx]
        if "\n" in gap or len(gap.strip(" ,;—-")) > 4:
            break
        sp = subtree_span(c)
        if sp is None:
            break
        end = max(end, sp[1])
    return span[0], end


def _ends_content(c: Token) -> bool:
    """A right sibling of the content that is not more of it: the scene, a date, its own cue
    (", adding that ..."), or a second act of the speaker ("said X and left")."""
    if c.dep_ not in EXTEND_DEPS or (c.dep_ == "prep" and c.lower_ in EXTENSION_STOPS):
        return True
    if c.ent_type_ in ("DATE", "TIME") or any(t.ent_type_ in ("DATE", "TIME") for t in c.children):
        return True
    if c.pos_ in ("VERB", "AUX") and lemma(c) in CUES:
        return True
    return c.dep_ == "conj" and not any(t.dep_ in ("nsubj", "nsubjpass", "expl") for t in c.children)


def _relative_content(v: Token, comp: Token) -> Spans:
    """The content of a cue inside a relative clause whose subject is the relative pronoun ("Shultz,
    who the report suggests were more interested in ..."): the antecedent, then the clause after the
    cue, so the content names who is said to be what and never holds its own cue."""
    k = v.left_edge.i - 1
    while k > v.sent.start and v.doc[k].is_punct:
        k -= 1
    ante = v.doc[k] if k >= v.sent.start else v.head  # the noun before "who" (the parser may hang the clause higher)
    while ante.dep_ == "conj" and ante.head is not ante and ante.head.pos_ == ante.pos_:
        ante = ante.head  # "Weinberger and Shultz, who ...": the whole coordination of names
    rel = {t.i for t in v.subtree}
    head_sp = span_of([t for t in ante.subtree if t.i not in rel and t.i < v.left_edge.i])
    rest = span_of([t for t in comp.subtree if t.i > v.i])
    return [sp for sp in (head_sp, rest) if sp]


def _first_person_clauses(v: Token, comp: Token) -> set[int]:
    """Tokens of clauses coordinated with a quoted cue's content whose subject is first person
    while the source is not ("has said they will not sell, but we remain concerned"): the quoter's."""
    own = next((c for c in v.children if c.dep_ == "nsubj"), None)
    if own is not None and own.lower_ in FIRST_PERSON:
        return set()
    out: set[int] = set()
    for c in comp.children:
        subj = _clause_subject(c)
        if subj is not None and subj.lower_ in FIRST_PERSON:
            out.update(t.i for t in c.subtree)
            out.update(t.i for t in comp.children if t.dep_ == "cc" and t.i < c.i)
    return out


def _speaker_clause(c: Token, quoted: bool) -> bool:
    """A coordinated clause with its own subject after a quoted cue: the quoting speaker's words."""
    return quoted and _clause_subject(c) is not None


def _clause_subject(c: Token) -> Token | None:
    """The subject of a coordinated clause, if `c` is one."""
    if c.dep_ != "conj":
        return None
    return next((t for t in c.children if t.dep_ in ("nsubj", "nsubjpass", "expl")), None)


def keep_in_paragraph(text: str, spans: Spans, v: Token) -> Spans:
    """Parsed content stays in the cue's paragraph (quotations re-extend it later)."""
    if spans and (crosses_paragraph(text, spans[0], v) or "\n" in text[spans[0][0] : spans[0][1]]):
        return [sp for sp in [_clip_to_paragraph(text, spans[0], v.idx)] if sp]
    return spans


def _clip_to_paragraph(text: str, span: tuple[int, int], pos: int) -> tuple[int, int] | None:
    """The part of `span` inside the paragraph holding `pos`, if it still has a few words."""
    ps, pe = paragraph_of(text, pos)
    s, e = max(span[0], ps), min(span[1], pe)
    return (s, e) if e > s and len(WORD.findall(text[s:e])) >= 2 else None


def content_kind(d: Draft) -> str:
    """`direct` when the content is (nearly) all quoted, `mixed` with a real quoted part, else
    `indirect`; "according to" claims keep their kind."""
    if d.kind == "according_to":
        return d.kind
    qcov = sum(covered(sp, d.quotes) for sp in d.content_spans)
    total = sum(e - s for s, e in d.content_spans)
    if d.quotes and qcov >= 0.85 * total:
        return "direct"
    if d.quotes and qcov >= 12:
        return "mixed"
    return "indirect"


def clean_content(s: str) -> str:
    """Content text on one line, without its outer quote marks."""
    return re.sub(r"\s+", " ", s).strip().strip('“”"').strip()
