"""Attributed claims: who said (or denied, or believes) what, when, with the exact spans.

Two passes over the parsed article, both linear in its length:
1. cue verbs ("said", "told", "denied", "accused", "called for", "made the case that", "according
   to") with their syntactic source (subject, inherited through "..., saying"; the agent of a
   passive "reported by X") and content (clausal complement, object, prepositional object, or the
   rest of the clause); actors' wants, plans and beliefs ("Iran wants to ...") as `hedge`; cue
   nouns with an owner ("X's claim that ...", "Iran's denial of ..."); unattributed hearsay ("it
   was reported that", "X is said to", "X reportedly ...") as `hedge` without a speaker; quoted
   text inside the content makes the claim `mixed` or `direct`;
2. quotations not yet used: a cue in the same sentence after the quote ('"...," he said') or before
   it ('He said: "..."'); a second quote after the cue continues the same claim (split quotes);
   a paragraph that is only a quote continues the previous direct speaker (news convention).
Speakers are entity keys from the actor resolver; pronouns and definite role descriptions take the
last compatible speaker; anonymous sources stay `None` with their words in `speaker_text`.
This follows the rule families of quote extractors such as the SFU Gender Gap Tracker, written anew.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from storyline.records import Article, Claim, DateInfo, Evidence, Mention, Timex
from storyline.resolve.actors import ROLE_NOUNS

# Verbs that introduce reported speech or a stated position.
SPEECH = {
    "say",
    "tell",
    "add",
    "state",
    "note",
    "claim",
    "insist",
    "assert",
    "argue",
    "explain",
    "warn",
    "urge",
    "accuse",
    "announce",
    "report",
    "write",
    "tweet",
    "post",
    "declare",
    "acknowledge",
    "admit",
    "confirm",
    "suggest",
    "contend",
    "maintain",
    "allege",
    "predict",
    "promise",
    "vow",
    "pledge",
    "threaten",
    "conclude",
    "recall",
    "respond",
    "reply",
    "answer",
    "describe",
    "emphasize",
    "emphasise",
    "stress",
    "indicate",
    "reveal",
    "disclose",
    "complain",
    "concede",
    "observe",
    "remark",
    "comment",
    "testify",
    "inform",
    "charge",
    "demand",
    "propose",
    "caution",
    "reiterate",
    "repeat",
    "counter",
    "retort",
    "echo",
    "react",
    "disagree",
    "boast",
    "quip",
    "lament",
    "assure",
    "signal",
    "blame",
    "criticize",
    "criticise",
    "praise",
    "call",
    "ask",
    "continue",
    "agree",
    "joke",
    "brief",
    "advise",
    "recommend",
    "find",
    "show",
    "cite",
}
DENY = {
    "deny",
    "reject",
    "dismiss",
    "refute",
    "disavow",
    "dispute",
    "rebuff",
    "repudiate",
    "rebut",
    "disown",
    "contradict",
}
BELIEF = {
    "believe",
    "think",
    "suspect",
    "assess",
    "estimate",
    "expect",
    "speculate",
    "fear",
    "guess",
    "doubt",
    "hope",
    "worry",
}
HEDGE_WORDS = {
    "may",
    "might",
    "could",
    "possibly",
    "perhaps",
    "likely",
    "probably",
    "reportedly",
    "apparently",
    "allegedly",
}
# Wants, plans and knowledge of an actor ("Iran wants to ...", "he plans to ..."): kept as `hedge`
# claims, only with a clause and only when the source is an actor (a named entity or a personal
# pronoun), so that "voters want" or "the data show" do not become claims.
INTENT = {
    "want",
    "plan",
    "intend",
    "seek",
    "wish",
    "prefer",
    "aim",
    "know",
    "hope",
    "expect",
    "fear",
    "worry",
}
# Cues that make a claim a hedge: wants, plans and knowledge (INTENT) and belief or estimate verbs.
HEDGE_CUES = INTENT | {
    "assess",
    "believe",
    "doubt",
    "estimate",
    "feel",
    "guess",
    "predict",
    "speculate",
    "suggest",
    "suspect",
    "think",
}
# Speech verbs whose content is a prepositional object ("called for a ceasefire", "talked about X").
PREP_CUES: dict[str, set[str]] = {
    "call": {"for"},
    "push": {"for"},
    "press": {"for"},
    "argue": {"for", "against"},
    "advocate": {"for"},
    "lobby": {"for", "against"},
    "campaign": {"for", "against"},
    "rail": {"against"},
    "warn": {"of", "about", "against"},
    "complain": {"about", "of"},
    "comment": {"on"},
    "testify": {"about", "on"},
    "talk": {"about", "of"},
    "speak": {"about", "of", "against"},
    "write": {"about"},
    "tweet": {"about"},
    "post": {"about"},
    "ask": {"about"},
    "boast": {"about", "of"},
    "respond": {"to"},
    "reply": {"to"},
    "react": {"to"},
    "agree": {"with"},
    "disagree": {"with"},
}
# Verbal evaluations with an object ("denounced the decision", "endorsed Cruz"): stated positions,
# taken only from actors. Verbs that are also physical acts in war or crime news ("attack", "back",
# "support", "defend", "question") are left out.
EVALUATIVE = {
    "denounce",
    "condemn",
    "slam",
    "blast",
    "mock",
    "tout",
    "decry",
    "lambast",
    "lambaste",
    "hail",
    "applaud",
    "endorse",
    "ridicule",
    "deride",
    "castigate",
    "chastise",
    "rebuke",
    "berate",
    "mention",
    "express",
    "discuss",
}
# Light verbs whose object noun is the speech act ("made the case that", "offered his view of").
_STATEMENT_NOUNS = {
    "case",
    "point",
    "argument",
    "claim",
    "allegation",
    "accusation",
    "statement",
    "comment",
    "remark",
    "mention",
    "reference",
    "promise",
    "pledge",
    "threat",
    "prediction",
    "announcement",
    "assessment",
    "view",
    "opinion",
    "thought",
    "criticism",
    "praise",
    "apology",
    "explanation",
    "defense",
    "defence",
    "congratulation",
    "condolence",
}
LIGHT_VERBS = {"make": _STATEMENT_NOUNS, "offer": _STATEMENT_NOUNS}
# Hearsay in the passive: "X is said to", "it was reported that", "X is expected to win".
HEARSAY_PASSIVE = {"say", "report", "expect", "believe", "think", "rumor", "rumour", "allege", "understand"}
CUES_ACTIVE = SPEECH | DENY | BELIEF | INTENT | set(PREP_CUES) | EVALUATIVE | set(LIGHT_VERBS)
CUES = CUES_ACTIVE | HEARSAY_PASSIVE
# Nouns that report a statement or stance ("his claim that", "Iran's denial of", "a call by X for").
NOMINAL = {
    "claim": "assert",
    "statement": "assert",
    "remark": "assert",
    "comment": "assert",
    "assertion": "assert",
    "allegation": "assert",
    "accusation": "assert",
    "warning": "assert",
    "argument": "assert",
    "promise": "assert",
    "pledge": "assert",
    "vow": "assert",
    "suggestion": "hedge",
    "insistence": "assert",
    "announcement": "assert",
    "prediction": "hedge",
    "belief": "hedge",
    "view": "hedge",
    "criticism": "assert",
    "call": "assert",
    "demand": "assert",
    "proposal": "assert",
    "threat": "assert",
    "denial": "deny",
    "rejection": "deny",
}
# A prepositional object is content only where it states a position, not a topic ("his remarks
# on Tuesday", "comments about the judge" name when and whom, not what was claimed).
COMMITMENTS = {"promise", "pledge", "vow", "threat", "call", "demand", "proposal", "warning"}
NOMINAL_PREPS = {
    "call": {"for"},
    "demand": {"for"},
    "proposal": {"for"},
    "denial": {"of"},
    "rejection": {"of"},
}
# Cues whose object is what was said ("noted the attacks", "claimed victory", "repeated the charge").
OBJECT_CONTENT = {
    "call",
    "praise",
    "criticize",
    "criticise",
    "blame",
    "describe",
    "cite",
    "claim",
    "recall",
    "note",
    "repeat",
    "reiterate",
    "tweet",
    "post",
    "echo",
}
# Cues that only make a claim with a clause or quote (too common as plain verbs otherwise).
NEEDS_CLAUSE = INTENT | {
    "cite",
    "call",
    "ask",
    "continue",
    "agree",
    "find",
    "show",
    "understand",
    "learn",
    "consider",
    "feel",
    "describe",
    "add",
    "post",
    "write",
    "report",
    "answer",
    "note",
    "explain",
    "charge",
    "praise",
    "criticize",
    "criticise",
    "blame",
    "brief",
    "advise",
    "recommend",
    "comment",
}
# A speech verb under these is a refusal to speak, not a claim ("declined to say whether").
REFUSAL = {"decline", "refuse", "refrain", "fail", "avoid", "hesitate", "will"}
PRONOUNS_PERSON = {"he", "she", "him", "her", "i", "his", "my"}
PRONOUNS_GROUP = {"it", "they", "we", "them", "its", "their", "our"}
FIRST_SECOND = {"i", "we", "you"}
# "said it would not", "said they did not": a refusal or denial by the speaker itself.
REFUSAL_AUX = {"would", "will", "wo", "did", "does", "do"}
# Indefinite sources are anonymous even when they name an institution ("a White House official").
INDEFINITE = {"a", "an", "one", "another", "some", "several"}
OPEN_Q = '“"«„'
CLOSE_Q = '”"»'
_WORD = re.compile(r"\w+")


@dataclass
class _Draft:
    cue_tok: Token | None
    cue_span: tuple[int, int] | None
    source_span: tuple[int, int] | None
    content_spans: list[tuple[int, int]]
    kind: str
    sent: Span
    source_root: Token | None = None
    speaker: str | None = None
    speaker_text: str = ""
    stance: str = "assert"
    quotes: list[tuple[int, int]] = field(default_factory=list)
    # A quotation paragraph with no cue of its own continues the speech of this earlier claim.
    follows: _Draft | None = None
    resolved: str | None = None


# ---------------------------------------------------------------- quotations


_MARK = re.compile(r"''|``|[“”\"«»„]|\n")
_OPENERS = {"“", "«", "„", "``"}
_CLOSERS = {"”", "»"}
_TOGGLES = {'"', "''"}


def find_quotes(text: str) -> list[tuple[int, int]]:
    """Inner spans of quotations: curly, straight or typewriter ('' ``) marks, over paragraphs,
    tolerant of bad pairs.

    A quote still open at a paragraph break continues when the next paragraph opens with a quote
    mark (news convention); otherwise it ends with the paragraph. Stray closing marks are ignored.
    """
    out: list[tuple[int, int]] = []
    start: int | None = None
    skip_to = -1
    n = len(text)
    for m in _MARK.finditer(text):
        i, mark = m.start(), m.group()
        if i < skip_to:
            continue
        if mark == "\n":
            if start is None:
                continue
            j = i
            while j < n and text[j].isspace():
                j += 1
            nxt = _MARK.match(text, j)
            if nxt is not None and nxt.group() != "\n" and nxt.group() not in _CLOSERS:
                skip_to = nxt.end()  # continuation paragraph: its opening mark is not a close
                continue
            if i > start:
                out.append((start, i))
            start = None
        elif mark in _OPENERS or (mark in _TOGGLES and start is None):
            start = m.end()  # (re-)open; an unclosed earlier quote is dropped
        elif start is not None:
            if i > start:
                out.append((start, i))
            start = None
    if start is not None and n > start:
        out.append((start, n))
    return [(s, e) for s, e in out if text[s:e].strip()]


# ---------------------------------------------------------------- helpers

# The small English model's lemmatiser gets a few cue verbs wrong ("hopes" -> "hop").
_LEMMA_FIX = {"hopes": "hope", "hoped": "hope", "hoping": "hope"}


def _lemma(t: Token) -> str:
    """Lower-case lemma of a cue candidate, with the model's known slips corrected."""
    return _LEMMA_FIX.get(t.lower_) or t.lemma_.lower()


def _span_of(tokens: list[Token]) -> tuple[int, int] | None:
    toks = [t for t in tokens if not t.is_space]
    while toks and (toks[0].is_punct and toks[0].text not in OPEN_Q):
        toks = toks[1:]
    while toks and toks[-1].is_punct and toks[-1].text not in CLOSE_Q and toks[-1].text not in ".?!":
        toks = toks[:-1]
    if not toks:
        return None
    s = min(t.idx for t in toks)
    e = max(t.idx + len(t) for t in toks)
    return s, e


def _subtree_span(tok: Token, exclude: set[int] | None = None) -> tuple[int, int] | None:
    toks = [t for t in tok.subtree if not exclude or t.i not in exclude]
    return _span_of(toks)


def _subject(v: Token) -> Token | None:
    """Subject of a verb, inherited from the governing verb ("..., saying", "by saying", "was
    forced to ... and said") or noun ("a report saying"); a bare noun phrase left of the cue
    stands in when the parser gave it another label ("Jo Doe, a farmer, said")."""
    cur: Token = v
    for depth in range(3):
        for c in cur.children:
            if c.dep_ == "nsubj" or (c.dep_ == "nsubjpass" and depth > 0):
                return c
            if c.dep_ == "nsubjpass":
                return None  # "X was told that ...": X is the addressee
        if cur.dep_ == "acl" and cur.head.pos_ in ("NOUN", "PROPN"):
            return cur.head
        if cur.dep_ in ("conj", "advcl", "xcomp", "acl") and cur.head is not cur:
            cur = cur.head
        elif cur.dep_ == "pcomp" and cur.head.dep_ == "prep":
            cur = cur.head.head
        else:
            break
    left = [
        c
        for c in v.children
        if c.i < v.i and c.dep_ in ("npadvmod", "dep", "nmod", "appos") and c.pos_ in ("PROPN", "NOUN", "NUM")
    ]
    return left[-1] if left else None


MAX_SOURCE_WORDS = 14


def _source_span(subj: Token, text: str) -> tuple[int, int] | None:
    """Source span of a subject, kept within its paragraph and trimmed of relative clauses and,
    if still long, of appositions ("Jo Doe, a farmer from X, who voted early" -> "Jo Doe")."""
    drop: set[int] = set()
    run = _core_run(subj, drop)
    for level in (("relcl", "acl"), ("appos", "prep", "punct")):
        if len(run) <= MAX_SOURCE_WORDS:
            break
        for c in subj.children:
            if c.dep_ in level and c.i > subj.i:
                drop.update(t.i for t in c.subtree)
        run = _core_run(subj, drop)
    if len(run) > MAX_SOURCE_WORDS:
        return None
    sp = _span_of(run)
    if sp is None:
        return None
    s, e = sp
    nl = text.rfind("\n", s, subj.idx)
    if nl >= 0:
        s = nl + 1
        while s < e and text[s].isspace():
            s += 1
    if text.find("\n", subj.idx, e) >= 0:
        e = text.find("\n", subj.idx, e)
    return (s, e) if e > s else None


def _core_run(subj: Token, drop: set[int]) -> list[Token]:
    """The contiguous tokens of the subject's subtree around its head, minus `drop`."""
    kept = {t.i: t for t in subj.subtree if t.i not in drop}
    lo = hi = subj.i
    while lo - 1 in kept:
        lo -= 1
    while hi + 1 in kept:
        hi += 1
    return [kept[i] for i in range(lo, hi + 1)]


# "said in a statement", "told reporters in an interview": the channel belongs to the cue.
CHANNELS = {
    "statement",
    "interview",
    "briefing",
    "speech",
    "post",
    "tweet",
    "email",
    "letter",
    "release",
    "conference",
    "call",
    "op-ed",
    "video",
    "message",
    "broadcast",
    "remarks",
}


# Documents that speak for their author ("a report from the UN", "a letter by the ministers").
DOCUMENTS = {
    "report",
    "letter",
    "document",
    "memo",
    "study",
    "assessment",
    "filing",
    "declaration",
    "communique",
}


def _cue_span(v: Token) -> tuple[int, int]:
    parts = [v] + [c for c in v.children if c.dep_ in ("aux", "neg", "auxpass", "prt") and c.i < v.i + 2]
    parts += [
        c
        for c in v.children
        if c.dep_ == "prep" and c.lower_ in PREP_CUES.get(_lemma(v), ()) and v.i < c.i <= v.i + 3
    ]
    for c in v.children:
        if c.dep_ == "prep" and c.lower_ in ("in", "during", "on") and c.i == v.i + 1:
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if pobj is not None and pobj.lemma_.lower() in CHANNELS:
                parts += [t for t in c.subtree if t.i <= pobj.i]
    s = min(t.idx for t in parts)
    e = max(t.idx + len(t) for t in parts)
    return s, e


def _covered(span: tuple[int, int], quotes: list[tuple[int, int]]) -> int:
    s, e = span
    return sum(max(0, min(e, qe) - max(s, qs)) for qs, qe in quotes)


# ---------------------------------------------------------------- extraction


def _light_verb_content(v: Token) -> tuple[list[tuple[int, int]], Token | None]:
    """Content of a light-verb cue: "made it clear that X", "made the case for X", "made no mention
    of X", "offered his assessment of X"; nothing when the object is not a statement noun."""
    kids = list(v.children)
    lemma = _lemma(v)
    for c in kids:
        if c.lower_ == "clear" and c.dep_ in ("oprd", "ccomp", "acomp", "xcomp", "dobj", "advmod"):
            comp = next(
                (g for g in kids + list(c.children) if g.dep_ in ("ccomp", "advcl") and g.i > c.i),
                None,
            )
            if comp is not None:
                sp = _subtree_span(comp)
                return ([sp] if sp else []), comp
    obj = next((c for c in kids if c.dep_ == "dobj" and c.lemma_.lower() in LIGHT_VERBS[lemma]), None)
    if obj is None:
        return [], None
    for c in list(obj.children) + [k for k in kids if k.dep_ == "ccomp"]:
        if c.i <= obj.i:
            continue
        if c.dep_ in ("acl", "ccomp") and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children):
            sp = _subtree_span(c)
            return ([sp] if sp else []), c
        if c.dep_ == "prep" and c.lower_ in ("for", "against", "about", "of"):
            pobj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
            if pobj is not None:
                sp = _subtree_span(pobj)
                return ([sp] if sp else []), c
    return [], None


def _content_from_cue(v: Token) -> tuple[list[tuple[int, int]], Token | None]:
    """Content spans of a cue verb from the parse, and the content's root token."""
    lemma = _lemma(v)
    if lemma in LIGHT_VERBS:
        return _light_verb_content(v)
    kids = list(v.children)
    for c in kids:
        if c.dep_ == "ccomp":
            sp = _subtree_span(c)
            return ([sp] if sp else []), c
    for c in kids:
        if c.dep_ == "prep" and c.lower_ in PREP_CUES.get(lemma, ()) and v.i < c.i <= v.i + 3:
            pobj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
            if pobj is not None:
                sp = _subtree_span(pobj)
                return ([sp] if sp else []), c
    if lemma in INTENT:
        for c in kids:
            if c.dep_ == "xcomp" and c.i > v.i:
                sp = _subtree_span(c)
                return ([sp] if sp else []), c
    if v.dep_ == "parataxis" and v.head.pos_ in ("VERB", "AUX"):
        excl = {t.i for t in v.subtree}
        sp = _subtree_span(v.head, excl)
        return ([sp] if sp else []), v.head
    if (
        lemma
        in (
            "accuse",
            "warn",
            "urge",
            "call",
            "ask",
            "tell",
            "blame",
            "charge",
            "criticize",
            "criticise",
            "praise",
            "advise",
            "inform",
            "deny",
            "reject",
            "dismiss",
            "dispute",
            "refute",
            "threaten",
            "promise",
            "vow",
            "pledge",
            "demand",
            "propose",
            "admit",
            "acknowledge",
            "confirm",
            "announce",
            "predict",
            "describe",
            "recommend",
            "suggest",
            "disavow",
            "rebuff",
            "repudiate",
            "rebut",
            "expect",
            "hope",
            "reveal",
            "disclose",
        )
        or lemma in EVALUATIVE
        or lemma in OBJECT_CONTENT
    ):
        parts = [
            c
            for c in kids
            if c.i > v.i and c.dep_ in ("dobj", "xcomp", "prep", "oprd", "dative", "attr", "acomp")
        ]
        # "told reporters" / "in a statement" / "on Thursday": addressee and setting, not content.
        parts = [
            c
            for c in parts
            if not (c.dep_ == "prep" and c.lower_ in ("in", "on", "at", "during", "after", "before", "with"))
        ]
        if lemma in ("tell", "inform", "ask", "brief") and all(c.dep_ in ("dobj", "dative") for c in parts):
            return [], None
        if parts:
            toks = [t for c in parts for t in c.subtree]
            sp = _span_of(toks)
            # "asked the campaign to stop": the clause, not the addressee, is what makes it a claim.
            root = next((c for c in parts if c.dep_ == "xcomp"), None) or next(
                (c for c in parts if c.dep_ == "dobj"), parts[0]
            )
            return ([sp] if sp else []), root
    return [], None


def _hearsay_passive(v: Token) -> tuple[Token | None, list[tuple[int, int]]] | None:
    """A passive hearsay cue: (agent or None, content spans), or None when `v` is not one.

    "It was reported that X" gives the that-clause; "X is expected to win" gives the whole clause,
    subject included (the cue sits inside what is claimed); "was first reported by CNN" gives CNN as
    the source.
    """
    if _lemma(v) not in HEARSAY_PASSIVE or v.tag_ != "VBN":
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
        sp = _subtree_span(comp)
    else:
        excl = {t.i for t in agent.subtree} if agent is not None else set()
        toks = [t for t in v.subtree if t.i not in excl and (t.i >= subj.left_edge.i)]
        toks = [t for t in toks if t.i <= comp.right_edge.i]
        sp = _span_of(toks)
    return src, ([sp] if sp else [])


# Prepositions after the content that usually set the scene of the speech act, not its content.
SETTING_PREPS = {"in", "on", "at", "during", "after", "before", "to", "from", "via", "through", "while"}
EXTEND_DEPS = {"prep", "oprd", "conj", "advcl", "npadvmod", "dobj", "xcomp", "ccomp"}


def _extend_right(v: Token, croot: Token, span: tuple[int, int], text: str) -> tuple[int, int]:
    """Content that the parser split off the cue's complement: right siblings of the complement
    attached to the cue verb ("described X as Y with Z", "said X, but Y") join the content, up to
    the first one that sets the scene ("on Tuesday", "in a statement")."""
    end = span[1]
    for c in sorted((c for c in v.children if c.i > croot.right_edge.i), key=lambda c: c.i):
        if c.dep_ == "punct" or c.dep_ == "cc":
            continue
        if c.dep_ not in EXTEND_DEPS or (c.dep_ == "prep" and c.lower_ in SETTING_PREPS):
            break
        if c.ent_type_ in ("DATE", "TIME") or any(t.ent_type_ in ("DATE", "TIME") for t in c.children):
            break
        if c.pos_ in ("VERB", "AUX") and _lemma(c) in CUES:
            break  # ", adding that ...": its own claim
        if c.dep_ == "conj" and not any(t.dep_ in ("nsubj", "nsubjpass", "expl") for t in c.children):
            break  # "said X and left": a second act of the speaker, not more content
        gap = text[end : c.left_edge.idx]
        if "\n" in gap or len(gap.strip(" ,;—-")) > 4:
            break
        sp = _subtree_span(c)
        if sp is None:
            break
        end = max(end, sp[1])
    return span[0], end


def _nominal_claims(doc: Doc, quotes: list[tuple[int, int]]) -> list[_Draft]:
    """Claims carried by a noun: "X's claim that ...", "his remarks about ...", "a call by X for ...".

    The noun needs an owner (possessive, or "by"/"from" X) and a content (a that-clause, or the
    object of "of/about/on/for/against"), both in its paragraph; a noun inside a quotation belongs
    to the quoted speech and is skipped.
    """
    text = doc.text
    out: list[_Draft] = []
    for t in doc:
        stance = NOMINAL.get(t.lemma_.lower())
        if stance is None or t.pos_ != "NOUN" or any(qs <= t.idx < qe for qs, qe in quotes):
            continue
        src: Token | None = next((c for c in t.children if c.dep_ == "poss"), None)
        if src is None:
            by = next((c for c in t.children if c.dep_ == "prep" and c.lower_ in ("by", "from")), None)
            src = next((g for g in by.children if g.dep_ == "pobj"), None) if by is not None else None
        if src is None:
            continue
        content: tuple[int, int] | None = None
        for c in t.children:
            if c.i < t.i:
                continue
            if c.dep_ in ("acl", "ccomp") and any(
                g.dep_ == "mark" and g.lower_ == "that" for g in c.children
            ):
                content = _subtree_span(c)
            elif (
                c.dep_ == "acl"
                and t.lemma_.lower() in COMMITMENTS
                and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
            ):
                content = _subtree_span(c)  # "its promise to cut prices"
            elif c.dep_ == "prep" and c.lower_ in NOMINAL_PREPS.get(t.lemma_.lower(), ()):
                pobj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
                content = _subtree_span(pobj) if pobj is not None else None
            if content is not None:
                break
        if content is None:
            continue
        if t.head.i > t.i and t.head.pos_ in ("VERB", "AUX") and content[1] > t.head.idx:
            # "His remarks about X angered voters": the noun phrase ends before its verb.
            content = _span_of([x for x in doc[t.i + 1 : t.head.i] if content[0] <= x.idx < content[1]])
            if content is None:
                continue
        ssp = _span_of([x for x in src.subtree if x.dep_ != "case"])
        if ssp is None or _crosses_paragraph(text, content, t) or "\n" in text[content[0] : content[1]]:
            continue
        if "\n" in text[min(ssp[0], t.idx) : max(ssp[1], t.idx)]:
            continue
        d = _Draft(None, (t.idx, t.idx + len(t)), ssp, [content], "indirect", t.sent, source_root=src)
        d.stance = stance
        out.append(d)
    return out


HEARSAY_ADVERBS = {"reportedly", "allegedly", "purportedly", "supposedly"}


def _hearsay_adverbs(doc: Doc, quotes: list[tuple[int, int]]) -> list[_Draft]:
    """Hearsay adverbs ("X reportedly did Y"): an unnamed source's claim; the content is the clause the adverb
    modifies, subject included, and the stance `hedge`."""
    text = doc.text
    out: list[_Draft] = []
    for t in doc:
        if t.lower_ not in HEARSAY_ADVERBS or t.dep_ != "advmod" or t.head.pos_ not in ("VERB", "AUX"):
            continue
        if _lemma(t.head) in CUES:
            continue  # "the report reportedly found ...": the cue verb makes the claim
        if any(qs <= t.idx < qe for qs, qe in quotes):
            continue
        sp = _subtree_span(t.head)
        if sp is None or "\n" in text[sp[0] : sp[1]] or len(_WORD.findall(text[sp[0] : sp[1]])) < 3:
            continue
        d = _Draft(None, (t.idx, t.idx + len(t)), None, [sp], "indirect", t.sent)
        d.stance = "hedge"
        out.append(d)
    return out


# Common nouns that denote an acting person or institution in any kind of news.
INSTITUTIONS = {
    "government",
    "administration",
    "ministry",
    "military",
    "army",
    "police",
    "party",
    "campaign",
    "company",
    "committee",
    "council",
    "court",
    "agency",
    "department",
    "commission",
    "parliament",
    "congress",
    "senate",
    "cabinet",
    "regime",
    "union",
    "authority",
    "board",
    "coalition",
    "opposition",
    "embassy",
    "office",
    "prosecution",
    "defense",
    "defence",
}
ACTOR_NOUNS = ROLE_NOUNS | INSTITUTIONS


def _is_actor(tok: Token, mentions: list[Mention]) -> bool:
    """True when a subject names an actor: a personal pronoun, a named entity (not a place), or a
    role or institution noun ("the minister", "the government", "officials")."""
    if tok.lower_ in ("he", "she", "they", "we", "i"):
        return True
    if tok.pos_ == "NOUN" and tok.lemma_.lower() in ACTOR_NOUNS:
        return True
    return any(m.start <= tok.idx < m.end and not m.key.startswith("loc:") for m in mentions)


def _according_to(doc: Doc) -> list[tuple[Token, Token, Token]]:
    """(according, to, source head) triples."""
    out = []
    for t in doc:
        if t.lower_ == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to":
            pobj = next((c for c in doc[t.i + 1].children if c.dep_ == "pobj"), None)
            if pobj is not None:
                out.append((t, doc[t.i + 1], pobj))
    return out


def _stance(v: Token | None, content_root: Token | None, source_root: Token | None) -> str:
    if v is None:
        return "assert"
    lemma = _lemma(v)
    if lemma in DENY:
        return "deny"
    if content_root is not None:
        neg = any(c.dep_ == "neg" for c in content_root.children)
        auxes = {c.lower_ for c in content_root.children if c.dep_ == "aux"}
        subj = next((c for c in content_root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        self_subj = subj is not None and (
            subj.lower_ in PRONOUNS_GROUP | {"he", "she", "i"}
            or (source_root is not None and subj.lower_ == source_root.lower_)
        )
        cognition = content_root.lemma_.lower() in BELIEF | {"know", "see", "expect"}
        if lemma in SPEECH and neg and self_subj and auxes & REFUSAL_AUX and not cognition:
            return "deny"
        if lemma in SPEECH and cognition:
            return "hedge"  # "said we don't believe ...": a stated assessment, not a denial
    if lemma in HEDGE_CUES:
        return "hedge"
    if content_root is not None:
        mods = {c.lower_ for c in content_root.children if c.dep_ in ("aux", "advmod")}
        negated = any(c.dep_ == "neg" for c in content_root.children)
        if mods & HEDGE_WORDS and not negated:
            return "hedge"
    return "assert"


# Heads under which an infinitive speech act has not taken place ("plans to announce").
UNREALISED_HEADS = INTENT | {
    "ask",
    "urge",
    "need",
    "try",
    "attempt",
    "prepare",
    "schedule",
    "set",
    "wait",
    "like",
    "love",
    "hesitate",
    "allow",
    "invite",
    "encourage",
    "pressure",
    "force",
    "expect",
    "tell",
    "call",
}


def _unrealised(v: Token) -> bool:
    """A cue in the infinitive or negated want/plan: a speech act planned, asked for or avoided,
    not made ("plans to announce", "was asked to describe", "did not want to ...")."""
    if v.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children):
        return v.dep_ == "xcomp" and _lemma(v.head) in UNREALISED_HEADS
    return _lemma(v) in INTENT and any(c.dep_ == "neg" for c in v.children)


def _is_refusal(v: Token) -> bool:
    if v.dep_ == "xcomp" and v.head.lemma_.lower() in REFUSAL:
        return True
    if v.dep_ in ("pcomp", "pobj") and v.head.head.lemma_.lower() in REFUSAL:
        return True
    if any(c.dep_ == "neg" for c in v.children) and _lemma(v) in SPEECH:
        return True
    return v.dep_ == "amod" or v.tag_ == "VBN" and v.dep_ == "acl"


class _MentionIndex:
    """Mentions sorted by start for span queries."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.ms = sorted(mentions, key=lambda m: (m.start, m.end))
        self.starts = [m.start for m in self.ms]

    def within(self, s: int, e: int) -> list[Mention]:
        i = bisect.bisect_left(self.starts, s)
        # A mention may start slightly before s and still overlap: look back a few.
        j = max(0, i - 3)
        out = []
        for m in self.ms[j:]:
            if m.start >= e:
                break
            if m.end > s:
                out.append(m)
        return out

    def last_before(self, pos: int, pred: Callable[[Mention], bool], limit: int = 10**6) -> Mention | None:
        i = bisect.bisect_left(self.starts, pos)
        for m in reversed(self.ms[max(0, i - limit) : i]):
            if pred(m):
                return m
        return None


PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
_GENDER_WORDS = {
    "m": {
        "mr",
        "mr.",
        "spokesman",
        "chairman",
        "congressman",
        "king",
        "prince",
        "father",
        "brother",
        "husband",
        "son",
        "sir",
        "lord",
        "businessman",
    },
    "f": {
        "mrs",
        "mrs.",
        "ms",
        "ms.",
        "miss",
        "spokeswoman",
        "chairwoman",
        "congresswoman",
        "queen",
        "princess",
        "mother",
        "sister",
        "wife",
        "daughter",
        "dame",
        "lady",
        "businesswoman",
    },
}


def _person_genders(text: str, mentions: list[Mention]) -> dict[str, str]:
    """Grammatical gender of persons from titles and gendered role words right before a mention
    ("Mr. Kim", "spokeswoman Ana Silva"); persons with conflicting cues stay unknown."""
    seen: dict[str, set[str]] = {}
    for m in mentions:
        if not m.key.startswith("person:"):
            continue
        words = text[max(0, m.start - 40) : m.start].lower().split()[-3:] + m.text.lower().split()[:1]
        for g, vocab in _GENDER_WORDS.items():
            if any(w.strip(",") in vocab for w in words):
                seen.setdefault(m.key, set()).add(g)
    return {k: next(iter(v)) for k, v in seen.items() if len(v) == 1}


def _is_subject(doc: Doc, m: Mention) -> bool:
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    return span is not None and len(span) > 0 and span.root.dep_ in ("nsubj", "nsubjpass")


def _resolve_speaker(
    d: _Draft,
    idx: _MentionIndex,
    history: list[tuple[int, str]],
    doc: Doc,
    text: str,
    quotes: list[tuple[int, int]],
    genders: dict[str, str],
) -> tuple[str | None, str]:
    """Entity key of a claim's source: the actor named in it, or for a pronoun the nearer of the
    previous speaker and the previous actor in subject position (same person/group kind)."""
    if d.source_span is None:
        return None, ""
    s, e = d.source_span
    stext = text[s:e]
    root = d.source_root
    if root is not None and root.lower_ in PRONOUNS_PERSON | PRONOUNS_GROUP and len(stext.split()) == 1:
        want_person = root.lower_ in PRONOUNS_PERSON
        want_gender = PRONOUN_GENDER.get(root.lower_)

        def fits(key: str) -> bool:
            return key.startswith("person:") == want_person and genders.get(key, want_gender) == want_gender

        hist = next(((pos, key) for pos, key in reversed(history) if pos < s and fits(key)), None)
        # Actors inside quotations are what the quoted speaker talks about, not antecedents.
        subj = idx.last_before(
            s,
            lambda m: (
                fits(m.key) and not any(qs <= m.start < qe for qs, qe in quotes) and _is_subject(doc, m)
            ),
            limit=40,
        )
        if subj is not None and (hist is None or subj.start > hist[0]):
            return subj.key, stext
        if hist is not None:
            return hist[1], stext
        m = idx.last_before(
            s,
            lambda m: (
                fits(m.key)
                and not m.key.startswith("loc:")
                and not any(qs <= m.start < qe for qs, qe in quotes)
            ),
        )
        return (m.key if m else None), stext
    if (
        root is not None
        and root.pos_ == "NOUN"
        and (
            root.lemma_.lower() in CHANNELS
            or root.lemma_.lower() in NOMINAL
            or root.lemma_.lower() in DOCUMENTS
        )
    ):
        # "a statement by the White House", "a report from the UN": the author is the source.
        by = next((c for c in root.children if c.dep_ == "prep" and c.lower_ in ("by", "from")), None)
        author = next((g for g in by.children if g.dep_ == "pobj"), None) if by is not None else None
        if author is not None:
            root = author
            ms = [
                m
                for m in idx.within(author.left_edge.idx, author.right_edge.idx + len(author.right_edge))
                if not m.key.startswith("loc:")
            ]
            if ms and not any(c.dep_ == "det" and c.lower_ in INDEFINITE for c in author.children):
                hit = next((m for m in ms if m.start <= author.idx < m.end), ms[0])
                return hit.key, stext
    if root is not None and any(c.dep_ == "det" and c.lower_ in INDEFINITE for c in root.children):
        return None, stext
    ms = idx.within(s, e)
    ms = [m for m in ms if not m.key.startswith("loc:")]
    if not ms:
        return None, stext
    if root is not None:
        for m in ms:
            if m.start <= root.idx < m.end:
                return m.key, stext
    persons = [m for m in ms if m.key.startswith("person:")]
    return (persons[0] if persons else ms[0]).key, stext


def _said_on(draft: _Draft, timexes: list[Timex], published: str | None) -> DateInfo | None:
    v = draft.cue_tok
    if v is not None:
        content = draft.content_spans
        ranges = []
        for c in v.children:
            if c.dep_ in ("npadvmod", "tmod", "prep", "advmod") and c.i != v.i:
                sp = _subtree_span(c)
                if sp and not any(cs <= sp[0] < ce for cs, ce in content):
                    ranges.append(sp)
        for t in timexes:
            if t.type not in ("DATE", "TIME") or not (t.first_day or t.last_day):
                continue
            if any(t.start < re_ and rs < t.end for rs, re_ in ranges):
                how = (
                    "explicit"
                    if re.search(r"\d{4}", t.text)
                    or re.search(r"\d", t.text)
                    and re.search(r"[A-Za-z]{3}", t.text)
                    else "relative"
                )
                return DateInfo(t.first_day, t.last_day, t.precision, t.text, how)
    if published:
        return DateInfo(None, published, "on_or_before", None, "publication")
    return None


def extract_claims(article: Article, doc: Doc, mentions: list[Mention], timexes: list[Timex]) -> list[Claim]:
    """All attributed claims of one article, in text order, with speaker keys and spans."""
    text = doc.text
    quotes = find_quotes(text)
    drafts: list[_Draft] = []
    used_cues: dict[int, _Draft] = {}

    # Pass 1: cue verbs and "according to".
    for v in doc:
        if v.pos_ not in ("VERB", "AUX") or _lemma(v) not in CUES:
            continue
        if _is_refusal(v) or _unrealised(v):
            continue
        spans_c, croot = _content_from_cue(v)
        subj = _subject(v)
        hearsay = _hearsay_passive(v) if subj is None else None
        if hearsay is not None:
            agent, spans_h = hearsay
            spans_h = [sp for sp in spans_h if "\n" not in text[sp[0] : sp[1]]]
            if spans_h and agent is None:
                d = _Draft(v, _cue_span(v), None, spans_h, "indirect", v.sent)
                d.stance = "hedge"  # hearsay without a named source
                drafts.append(d)
                used_cues[v.i] = d
                continue
            if spans_h and agent is not None:
                subj, spans_c, croot = agent, spans_h, None
        if spans_c and (
            _crosses_paragraph(text, spans_c[0], v) or "\n" in text[spans_c[0][0] : spans_c[0][1]]
        ):
            # Parsed content stays in the cue's paragraph; quotations re-extend it below.
            spans_c = [sp for sp in [_clip_to_paragraph(text, spans_c[0], v.idx)] if sp]
        if not spans_c:
            continue
        lemma = _lemma(v)
        by_prep = croot is not None and croot.dep_ == "prep" and croot.lower_ in PREP_CUES.get(lemma, ())
        if (
            lemma in NEEDS_CLAUSE
            and (croot is None or croot.dep_ not in ("ccomp", "xcomp", "ROOT"))
            and v.dep_ != "parataxis"
            and not by_prep
        ):
            if not (croot is not None and croot.dep_ in ("dobj", "prep") and lemma in OBJECT_CONTENT):
                continue
            if (
                lemma == "call"
                and croot.dep_ == "dobj"
                and not any(c.dep_ in ("oprd", "xcomp") for c in v.children)
            ):
                continue  # "called the hotline" is not speech; "called him a liar" is
        if lemma in EVALUATIVE:
            if (
                croot is None
                or croot.dep_ not in ("dobj", "ccomp")
                or subj is None
                or not _is_actor(subj, mentions)
            ):
                continue
        if lemma in PREP_CUES and lemma not in SPEECH and not by_prep and croot is not None:
            if croot.dep_ != "ccomp":
                continue  # "talk", "point", "push" are speech only with their preposition or a clause
        if lemma in HEARSAY_PASSIVE - CUES_ACTIVE:
            continue  # "rumored", "understood": claims only in the passive
        if lemma in INTENT - SPEECH - BELIEF or lemma in ("hope", "expect", "worry", "fear"):
            if subj is None or not _is_actor(subj, mentions):
                continue
        if subj is None and v.dep_ != "parataxis":
            continue
        if subj is not None and subj.pos_ == "PRON" and any(qs <= v.idx < qe for qs, qe in quotes):
            continue  # "we believe", "he told me" inside a quotation belong to the quoted speech
        if subj is None:
            subj = _subject(v)
        ssp = _source_span(subj, text) if subj is not None else None
        if subj is not None and (ssp is None or _crosses_paragraph(text, ssp, v)):
            continue  # an over-long subject, or one the parser took from another paragraph
        if croot is not None and spans_c and croot.head == v and croot.i > v.i:
            spans_c = [_extend_right(v, croot, spans_c[0], text)]
        d = _Draft(v, _cue_span(v), ssp, spans_c, "indirect", v.sent, source_root=subj)
        d.stance = _stance(v, croot, subj)
        drafts.append(d)
        used_cues[v.i] = d
    drafts.extend(_nominal_claims(doc, quotes))
    drafts.extend(_hearsay_adverbs(doc, quotes))
    for acc, to, pobj in _according_to(doc):
        sent = acc.sent
        excl = {t.i for t in acc.subtree}
        head = acc.head
        while (
            head.dep_ not in ("ROOT",)
            and head.head is not head
            and head.i not in excl
            and head.sent == sent
            and head.dep_ in ("prep", "advcl")
        ):
            head = head.head
        sub = sorted(excl)
        before = [t for t in sent if t.i < sub[0]]
        after = [t for t in sent if t.i > sub[-1]]
        # Content is the clause on the other side of "according to X" (or both sides when inside).
        if len(_WORD.findall(" ".join(t.text for t in before))) < 3:
            toks = after
        elif len(_WORD.findall(" ".join(t.text for t in after))) < 3:
            toks = before
        else:
            toks = before + after
        sp = _span_of(toks)
        if sp is None:
            continue
        d = _Draft(
            None,
            (acc.idx, to.idx + len(to)),
            _subtree_span(pobj),
            [sp],
            "according_to",
            sent,
            source_root=pobj,
        )
        drafts.append(d)

    # Quotes inside parsed content: mark used, and extend content to cover the whole quotation.
    used_q: set[int] = set()
    for d in drafts:
        for qi, (qs, qe) in enumerate(quotes):
            for k, (cs, ce) in enumerate(d.content_spans):
                if qs < ce and cs < qe:
                    used_q.add(qi)
                    d.quotes.append((qs, qe))
                    ws, we = _with_marks(text, qs, qe)
                    clear_src = d.source_span is None or not (d.source_span[0] < we and ws < d.source_span[1])
                    clear_cue = d.cue_span is None or not (d.cue_span[0] < we and ws < d.cue_span[1])
                    if clear_src and clear_cue:
                        d.content_spans[k] = (min(cs, ws), max(ce, we))

    # Pass 2: quotations with a cue beside them.
    cue_by_sent: dict[int, list[Token]] = {}
    for v in doc:
        if v.pos_ in ("VERB", "AUX") and _lemma(v) in (SPEECH | DENY) and not _is_refusal(v):
            cue_by_sent.setdefault(v.sent.start, []).append(v)
    tok_starts = [t.idx for t in doc]
    for qi, (qs, qe) in enumerate(quotes):
        if qi in used_q:
            continue
        n_words = len(_WORD.findall(text[qs:qe]))
        # A quote ending in ',' '!' '?' or a dash expects a dialogue tag: '"...," she said'.
        tagged = text[qs:qe].rstrip()[-1:] in (",", "!", "?", "—", "-")
        if n_words < 3 and not tagged:
            continue
        qspan = _with_marks(text, qs, qe)
        attached = False
        start_tok = _token_at(doc, qs)
        # (a) a cue in the dialogue tag right after the quote.
        tv = _tag_verb(doc, text, tok_starts, qe, tagged)
        if tv is not None and (n_words >= 3 or len(text[qe : tv.idx]) < 30):
            _attach(text, tv, qspan, (qs, qe), drafts, used_cues)
            attached = True
        if n_words < 3:
            continue
        if not attached and start_tok is not None:
            cands = [v for v in cue_by_sent.get(start_tok.sent.start, []) if v.idx + len(v) <= qs]
            if cands:
                v = max(cands, key=lambda t: t.idx)
                gap = text[v.idx + len(v) : qs]
                if len(gap) < 40 and "\n" not in gap:
                    _attach(text, v, qspan, (qs, qe), drafts, used_cues)
                    attached = True
        if attached:
            continue
        # (b) a later quotation in the same paragraph ('"A," he said. "B."') or a paragraph that is
        # only a quotation right after a quoting paragraph continues the same speech.
        prev = _previous_quoting(drafts, qs)
        if prev is not None:
            gap = text[prev.content_spans[-1][1] : qs]
            para_start = text.rfind("\n", 0, qs) + 1
            same_para = "\n" not in gap and len(gap) < 120
            next_para = (
                gap.count("\n") <= 2
                and not gap.strip(' \n\t"”“')
                and not text[para_start : max(para_start, qs - 1)].strip()
            )
            if same_para or next_para:
                prev.content_spans.append(qspan)
                prev.quotes.append((qs, qe))
                continue
        # (b') a paragraph that is only a quotation right after a paragraph attributed to a speaker
        # (indirect speech, "according to") continues that speaker's statement.
        outer = _previous_para_claim(text, drafts, qs, qe)
        if outer is not None and start_tok is not None:
            # The source span points where the speaker is named (the previous paragraph).
            nd = _Draft(
                None, None, outer.source_span, [qspan], "direct", start_tok.sent, quotes=[(qs, qe)], follows=outer
            )
            drafts.append(nd)
            continue
        # (c) 'Name: "..."' with no verb: the colon is the cue, the last actor before it the source.
        j = qs - 2
        while j >= 0 and text[j] in " \t":
            j -= 1
        if j >= 0 and text[j] == ":" and start_tok is not None:
            line_start = max(
                text.rfind("\n", 0, j) + 1, start_tok.sent.start_char if start_tok.sent.start_char < j else 0
            )
            cands_m = [
                m for m in mentions if line_start <= m.start and m.end <= j and not m.key.startswith("loc:")
            ]
            if cands_m:
                m = cands_m[-1]
                nd = _Draft(
                    None, (j, j + 1), (m.start, m.end), [qspan], "direct", start_tok.sent, quotes=[(qs, qe)]
                )
                nd.speaker = m.key
                nd.speaker_text = m.text
                drafts.append(nd)

    # Pass 3: a paragraph opening with an actor's name and a colon ("Kasich: We will go all the way").
    drafts.extend(_colon_paragraphs(doc, mentions, drafts, quotes))

    # Speakers, kinds, stances in text order.
    idx = _MentionIndex(mentions)
    genders = _person_genders(text, mentions)
    history: list[tuple[int, str]] = []
    drafts.sort(key=lambda d: min([s for s, _ in d.content_spans] + [d.cue_span[0] if d.cue_span else 10**9]))
    claims: list[Claim] = []
    speaker: str | None
    for d in drafts:
        if not d.content_spans:
            continue
        if d.follows is not None:
            speaker, stext = d.follows.resolved, d.follows.speaker_text
        elif d.cue_tok is None and d.speaker is not None:
            speaker = d.speaker or None
            stext = d.speaker_text
        else:
            speaker, stext = _resolve_speaker(d, idx, history, doc, text, quotes, genders)
        if speaker is None and _first_person_in_quote(d, quotes):
            speaker = _quote_speaker(d, drafts, text, quotes)
        d.resolved, d.speaker_text = speaker, stext
        if speaker:
            history.append((d.cue_span[0] if d.cue_span else d.content_spans[0][0], speaker))
        cs = min(s for s, _ in d.content_spans)
        ce = max(e for _, e in d.content_spans)
        if d.kind != "according_to":
            qcov = sum(_covered(sp, d.quotes) for sp in d.content_spans)
            total = sum(e - s for s, e in d.content_spans)
            if d.quotes and qcov >= 0.85 * total:
                d.kind = "direct"
            elif d.quotes and qcov >= 12:
                d.kind = "mixed"
            else:
                d.kind = "indirect"
        content_text = " ".join(_clean_content(text[s:e]) for s, e in d.content_spans)
        spans = [x for x in (d.source_span, d.cue_span, (cs, ce)) if x]
        ev_s = min(s for s, _ in spans)
        ev_e = max(e for _, e in spans)
        sent_s = min(d.sent.start_char, ev_s)
        sent_e = max(d.sent.end_char, ev_e)
        ev = Evidence(
            article.id,
            ev_s,
            ev_e,
            sentence=text[sent_s:sent_e].strip(),
            source_span=list(d.source_span) if d.source_span else None,
            cue_span=list(d.cue_span) if d.cue_span else None,
            content_span=[cs, ce],
        )
        cue = text[d.cue_span[0] : d.cue_span[1]] if d.cue_span else ""
        claims.append(
            Claim(
                id=f"{article.id}:c{len(claims) + 1}",
                speaker=speaker,
                speaker_text=stext,
                cue=cue,
                stance=d.stance,
                kind=d.kind,
                content=content_text,
                said_on=_said_on(d, timexes, article.published),
                evidence=[ev],
            )
        )
    return claims


def _with_marks(text: str, qs: int, qe: int) -> tuple[int, int]:
    """A quotation's span including its marks (one or two characters each side)."""
    s = qs - 2 if text[max(0, qs - 2) : qs] in ("''", "``") else max(0, qs - 1)
    e = qe + 2 if text[qe : qe + 2] == "''" else min(len(text), qe + 1)
    return s, e


def _clip_to_paragraph(text: str, span: tuple[int, int], pos: int) -> tuple[int, int] | None:
    """The part of `span` inside the paragraph holding `pos`, if it still has a few words."""
    ps = text.rfind("\n", 0, pos) + 1
    pe = text.find("\n", pos)
    pe = len(text) if pe < 0 else pe
    s, e = max(span[0], ps), min(span[1], pe)
    return (s, e) if e > s and len(_WORD.findall(text[s:e])) >= 2 else None


def _crosses_paragraph(text: str, span: tuple[int, int], v: Token) -> bool:
    """True when a parse links a cue to content in another paragraph (headlines without a full stop)."""
    s, e = span
    gap = text[e : v.idx] if e <= v.idx else text[v.idx + len(v) : s] if s >= v.idx else ""
    return "\n" in gap


def _tag_verb(doc: Doc, text: str, tok_starts: list[int], qe: int, tagged: bool) -> Token | None:
    """The verb of a dialogue tag after a quotation ('", Kirby said', '" said Kirby', '" she added').

    Looks at most 80 characters ahead, within the paragraph and before the next sentence end or
    quotation. A speech verb wins; after a tag-expecting quote any verb is accepted ("she laughed").
    """
    i = bisect.bisect_left(tok_starts, qe)
    first_verb: Token | None = None
    while i < len(tok_starts) and tok_starts[i] < qe + 80:
        t = doc[i]
        if t.text in ".?!;" or "\n" in t.text or (t.text in OPEN_Q and t.idx > qe + 1):
            break
        if t.pos_ in ("VERB", "AUX") and not _is_refusal(t):
            lemma = _lemma(t)
            if lemma in SPEECH or lemma in DENY:
                return t
            if first_verb is None and t.pos_ == "VERB" and t.dep_ in ("ROOT", "parataxis", "conj"):
                first_verb = t
        i += 1
    if tagged and first_verb is not None and "\n" not in text[qe : first_verb.idx]:
        return first_verb
    return None


def _colon_paragraphs(
    doc: Doc, mentions: list[Mention], drafts: list[_Draft], quotes: list[tuple[int, int]]
) -> list[_Draft]:
    """Claims of the form 'Name: statement' at the start of a paragraph, not already covered."""
    text = doc.text
    covered = [sp for d in drafts for sp in d.content_spans]
    out: list[_Draft] = []
    for m in mentions:
        if m.key.startswith("loc:"):
            continue
        line_start = text.rfind("\n", 0, m.start) + 1
        head = text[line_start : m.start].strip().lower()
        if head not in ("", "the"):
            continue
        j = m.end
        while j < len(text) and text[j] in " \t":
            j += 1
        if j >= len(text) or text[j] != ":":
            continue
        line_end = text.find("\n", j)
        line_end = len(text) if line_end < 0 else line_end
        cs = j + 1
        while cs < line_end and text[cs].isspace():
            cs += 1
        if len(_WORD.findall(text[cs:line_end])) < 3 or any(a < line_end and cs < b for a, b in covered):
            continue
        tok = _token_at(doc, cs)
        if tok is None:
            continue
        inner = [(a, b) for a, b in quotes if cs <= a and b <= line_end]
        d = _Draft(None, (j, j + 1), (m.start, m.end), [(cs, line_end)], "indirect", tok.sent, quotes=inner)
        d.speaker, d.speaker_text = m.key, m.text
        out.append(d)
    return out


FIRST_PERSON = {"i", "we", "me", "us"}
FIRST_POSS = {"our", "my"}


def _in_quote(pos: int, quotes: list[tuple[int, int]]) -> tuple[int, int] | None:
    return next(((qs, qe) for qs, qe in quotes if qs <= pos < qe), None)


def _first_person_in_quote(d: _Draft, quotes: list[tuple[int, int]]) -> bool:
    """A cue inside a quotation whose source is the quoted speaker's own voice ("our information")."""
    root = d.source_root
    if root is None or d.cue_span is None or _in_quote(d.cue_span[0], quotes) is None:
        return False
    if root.lower_ in FIRST_PERSON:
        return True
    return any(c.dep_ == "poss" and c.lower_ in FIRST_POSS for c in root.children)


def _outer(d: _Draft) -> bool:
    """A claim introduced from outside its quotations (its cue is not part of what is quoted)."""
    if d.cue_span is None:
        return d.follows is not None or d.speaker is not None
    return not any(qs <= d.cue_span[0] < qe for qs, qe in d.quotes)


def _quote_speaker(d: _Draft, drafts: list[_Draft], text: str, quotes: list[tuple[int, int]]) -> str | None:
    """Speaker of the quotation that holds `d`'s cue: the claim quoting it, else the quoted speech
    it continues (same paragraph, or a quotation paragraph at most one paragraph after it)."""
    assert d.cue_span is not None
    q = _in_quote(d.cue_span[0], quotes)
    if q is None:
        return None
    for e in drafts:
        if e is not d and q in e.quotes and _outer(e) and e.resolved:
            return e.resolved
    qs = q[0]
    best: _Draft | None = None
    for e in drafts:
        if e is d or not e.quotes or not e.resolved or not _outer(e) or not e.content_spans:
            continue
        end = e.content_spans[-1][1]
        if end <= qs and (best is None or end > best.content_spans[-1][1]):
            best = e
    if best is None:
        return None
    gap = text[best.content_spans[-1][1] : qs]
    if "\n" not in gap and len(gap) < 120:
        return best.resolved
    para_start = text.rfind("\n", 0, qs) + 1
    if text[para_start:qs].strip(' \t"“”'):
        return None  # the quotation does not open its paragraph
    # paragraphs strictly between the quoting paragraph and this one
    between = [p for p in gap.split("\n")[1:] if p.strip(' \t"“”')]
    if len(between) <= 1 and not any(ch in OPEN_Q + CLOSE_Q for p in between for ch in p):
        return best.resolved
    return None


def _previous_para_claim(text: str, drafts: list[_Draft], qs: int, qe: int) -> _Draft | None:
    """The last claim of the previous paragraph when the quotation is a paragraph of its own."""
    para_start = text.rfind("\n", 0, qs) + 1
    para_end = text.find("\n", qe)
    para_end = len(text) if para_end < 0 else para_end
    if text[para_start:qs].strip(' \t"“”') or text[qe:para_end].strip(' \t"“”.'):
        return None
    prev_end = para_start - 1
    while prev_end > 0 and text[prev_end - 1] in " \t\n":
        prev_end -= 1
    prev_start = text.rfind("\n", 0, max(0, prev_end)) + 1
    if prev_end <= prev_start:
        return None
    cands = [
        e
        for e in drafts
        if e.cue_span is not None
        and prev_start <= e.cue_span[0] < prev_end
        and _outer(e)
        and e.content_spans
        and e.follows is None
    ]
    return max(cands, key=lambda e: e.cue_span[0] if e.cue_span else 0) if cands else None


def _previous_quoting(drafts: list[_Draft], pos: int) -> _Draft | None:
    """The claim with quoted content ending closest before `pos`."""
    best: _Draft | None = None
    for d in drafts:
        if not d.quotes or not d.content_spans:
            continue
        end = d.content_spans[-1][1]
        if end <= pos and (best is None or end > best.content_spans[-1][1]):
            best = d
    return best


def _clean_content(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip().strip('“”"').strip()


def _token_at(doc: Doc, char: int) -> Token | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span[0]


def _attach(
    text: str,
    v: Token,
    qspan: tuple[int, int],
    inner: tuple[int, int],
    drafts: list[_Draft],
    used: dict[int, _Draft],
) -> None:
    """Attach a quotation to cue `v`: extend its claim (split quote) or start a direct claim."""
    d = used.get(v.i)
    if d is not None:
        d.content_spans.append(qspan)
        d.quotes.append(inner)
        return
    subj = _subject(v)
    ssp = _source_span(subj, text) if subj is not None else None
    if ssp is not None and ssp[0] < qspan[1] and qspan[0] < ssp[1]:
        ssp, subj = None, None
    d = _Draft(v, _cue_span(v), ssp, [qspan], "direct", v.sent, source_root=subj, quotes=[inner])
    d.stance = _stance(v, None, subj)
    drafts.append(d)
    used[v.i] = d
