"""Who made a claim: the source's span from the parse, and its entity key from the actor mentions.

Named sources take the mention they hold; pronouns take the nearer of the previous speaker (named or
not: "said a manager ... he added" is the manager) and the previous actor in subject position (same
person/group kind and gender); a document or channel "by X"
speaks for X; indefinite sources ("a senior official") stay anonymous; a first-person source inside
a quotation is the quoted speaker.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from storyline.records import Mention
from storyline.syntax import MentionIndex, lemma

from .draft import CLOSE_Q, OPEN_Q, Draft, Spans, in_quote, is_outer, layout_text, span_of
from .vocab import (
    ACTOR_NOUNS,
    ACTOR_PRONOUNS,
    CHANNELS,
    DOCUMENTS,
    FIRST_PERSON,
    FIRST_POSS,
    GENDER_WORDS,
    INDEFINITE,
    INSTITUTION_NOUNS,
    NOMINAL,
    PRONOUN_GENDER,
    PRONOUNS_PERSON,
    SOURCE_PRONOUNS,
    SPEAKER_NOUNS,
)

MAX_SOURCE_WORDS = 14
Resolved = tuple[str | None, str]


# ---------------------------------------------------------------- the source in the parse


def subject(v: Token) -> Token | None:
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


def source_span(subj: Token, text: str) -> tuple[int, int] | None:
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
    sp = span_of(run)
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


def is_actor(tok: Token, mentions: list[Mention]) -> bool:
    """True when a subject names an actor: a personal pronoun, a named entity (not a place), or a
    role or institution noun ("the minister", "the government", "officials")."""
    if tok.lower_ in ACTOR_PRONOUNS:
        return True
    if tok.pos_ == "NOUN" and lemma(tok) in ACTOR_NOUNS:
        return True
    return any(m.start <= tok.idx < m.end and not m.key.startswith("loc:") for m in mentions)


# ---------------------------------------------------------------- entity keys


@dataclass(frozen=True)
class Spoken:
    """A speaker met so far, for later pronouns: an entity key, or an unnamed source ("a manager")
    with its words, kind (person or group) and gender (None: unknown)."""

    pos: int
    key: str | None
    text: str = ""
    person: bool = False
    gender: str | None = None


class SpeakerContext:
    """What speaker resolution reads across one article: mentions, genders, quotations and the
    speakers found so far (for pronouns)."""

    def __init__(self, doc: Doc, mentions: list[Mention], quotes: Spans) -> None:
        self.doc, self.text, self.quotes = doc, layout_text(doc), quotes
        self.idx = MentionIndex(mentions)
        self.genders = person_genders(doc.text, mentions)
        self.history: list[Spoken] = []

    def outside_quotes(self, m: Mention) -> bool:
        return not any(qs <= m.start < qe for qs, qe in self.quotes)

    def spoke(self, pos: int, key: str | None, text: str, root: Token | None) -> None:
        """Record a speaker at `pos`: named, or unnamed with a noun head ("the regional manager")."""
        if key:
            self.history.append(Spoken(pos, key))
        elif root is not None and root.pos_ in ("NOUN", "PROPN") and text:
            kind = _unnamed_kind(root, text)
            if kind is not None:
                self.history.append(Spoken(pos, None, text, *kind))


def _unnamed_kind(root: Token, text: str) -> tuple[bool, str | None] | None:
    """Whether a source without an entity key is one person ("a manager", "Mr Howells") or a group
    ("officials", "the ministry"), and its gender from its words ("a spokeswoman", "Mr"); None when
    it names no actor ("a similar crisis")."""
    words = {w.strip(",.").lower() for w in text.split()}
    genders = [g for g, vocab in GENDER_WORDS.items() if words & vocab]
    gender = genders[0] if len(genders) == 1 else None
    if root.pos_ == "PROPN":  # a name the resolver left out: a person only when a title says so
        return (True, gender) if gender is not None else None
    one = root.tag_ == "NN" and not any(c.dep_ == "conj" for c in root.children)
    if lemma(root) in INSTITUTION_NOUNS:
        return False, None
    return (one, gender) if lemma(root) in SPEAKER_NOUNS else None

    def outside_quotes(self, m: Mention) -> bool:
        return not any(qs <= m.start < qe for qs, qe in self.quotes)


def person_genders(text: str, mentions: list[Mention]) -> dict[str, str]:
    """Grammatical gender of persons from titles and gendered role words right before a mention
    ("Mr. Kim", "spokeswoman Ana Silva"); persons with conflicting cues stay unknown."""
    seen: dict[str, set[str]] = {}
    for m in mentions:
        if not m.key.startswith("person:"):
            continue
        words = text[max(0, m.start - 40) : m.start].lower().split()[-3:] + m.text.lower().split()[:1]
        for g, vocab in GENDER_WORDS.items():
            if any(w.strip(",") in vocab for w in words):
                seen.setdefault(m.key, set()).add(g)
    return {k: next(iter(v)) for k, v in seen.items() if len(v) == 1}


def resolve_speaker(d: Draft, ctx: SpeakerContext) -> Resolved:
    """Entity key of a claim's source and the source's words."""
    if d.source_span is None:
        return None, ""
    s, e = d.source_span
    stext = ctx.text[s:e]
    root = d.source_root
    if root is not None and root.lower_ in SOURCE_PRONOUNS and len(stext.split()) == 1:
        key, antecedent = _pronoun_antecedent(root, s, ctx)
        return key, antecedent or stext
    if root is not None and root.pos_ == "NOUN" and lemma(root) in CHANNELS | set(NOMINAL) | DOCUMENTS:
        # "a statement by the White House", "a report from the UN": the author is the source.
        author = _author(root)
        if author is not None:
            root = author
            key = _author_key(author, ctx.idx)
            if key is not None:
                return key, stext
    if root is not None and _indefinite(root):
        return None, stext
    return _named_speaker(root, s, e, ctx.idx), stext


def entity_key(tok: Token, ctx: SpeakerContext) -> str | None:
    """Entity key of a noun phrase that is no source (the accused of "accused X of Y"): a pronoun
    as a source pronoun would resolve, else the actor it names; None when indefinite or unnamed."""
    if tok.lower_ in SOURCE_PRONOUNS:
        return _pronoun_antecedent(tok, tok.idx, ctx)[0]
    if _indefinite(tok):
        return None
    end = tok.right_edge.idx + len(tok.right_edge)
    return _named_speaker(tok, tok.left_edge.idx, end, ctx.idx)


def _pronoun_antecedent(root: Token, s: int, ctx: SpeakerContext) -> tuple[str | None, str]:
    """What a pronoun source refers to, as (entity key, words of an unnamed antecedent or ""): the
    nearer of the previous speaker and the previous actor in subject position that fits the pronoun,
    else the last fitting actor before it. The previous speaker may be unnamed ("said the regional
    manager ... he added": the manager, no key). Actors inside quotations are what the quoted speaker
    talks about, not antecedents."""
    fits = _fits(root.lower_, ctx.genders)
    hist = next((h for h in reversed(ctx.history) if h.pos < s and _spoken_fits(h, root.lower_, fits)), None)
    subj = ctx.idx.last_before(
        s, lambda m: fits(m.key) and ctx.outside_quotes(m) and _is_subject(ctx.doc, m), limit=40
    )
    if subj is not None and (hist is None or subj.start > hist.pos):
        return subj.key, ""
    if hist is not None:
        return hist.key, hist.text
    m = ctx.idx.last_before(
        s, lambda m: fits(m.key) and not m.key.startswith("loc:") and ctx.outside_quotes(m)
    )
    return (m.key if m else None), ""


def _spoken_fits(h: Spoken, pronoun: str, fits: Callable[[str], bool]) -> bool:
    """Whether a speaker met so far can be what the pronoun refers to."""
    if h.key is not None:
        return fits(h.key)
    gender = PRONOUN_GENDER.get(pronoun)
    return h.person == (pronoun in PRONOUNS_PERSON) and (h.gender is None or h.gender == gender)


def _fits(pronoun: str, genders: dict[str, str]) -> Callable[[str], bool]:
    """Whether an entity key can be what the pronoun refers to (person or group, and gender)."""
    want_person = pronoun in PRONOUNS_PERSON
    want_gender = PRONOUN_GENDER.get(pronoun)

    def fits(key: str) -> bool:
        return key.startswith("person:") == want_person and genders.get(key, want_gender) == want_gender

    return fits


def _is_subject(doc: Doc, m: Mention) -> bool:
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    return span is not None and len(span) > 0 and span.root.dep_ in ("nsubj", "nsubjpass")


def _author(root: Token) -> Token | None:
    """X in "a statement by X" / "a report from X"."""
    by = next((c for c in root.children if c.dep_ == "prep" and c.lower_ in ("by", "from")), None)
    return next((g for g in by.children if g.dep_ == "pobj"), None) if by is not None else None


def _author_key(author: Token, idx: MentionIndex) -> str | None:
    """The actor the author phrase names, unless it is indefinite ("a report by an agency")."""
    end = author.right_edge.idx + len(author.right_edge)
    ms = [m for m in idx.within(author.left_edge.idx, end) if not m.key.startswith("loc:")]
    if not ms or _indefinite(author):
        return None
    return next((m for m in ms if m.start <= author.idx < m.end), ms[0]).key


def _indefinite(tok: Token) -> bool:
    """ "a senior official", "one trader", "some analysts": a source no entity stands for."""
    return any(c.dep_ in ("det", "nummod") and c.lower_ in INDEFINITE for c in tok.children)


def _named_speaker(root: Token | None, s: int, e: int, idx: MentionIndex) -> str | None:
    """The actor mentioned in the source span: the one holding its head, else the first person,
    else the first actor; actors inside a clause that describes the source ("economists contacted
    by Reuters", "those rescued in Haiti") are not the source."""
    clauses = _describing_clauses(root) if root is not None else []
    ms = [
        m
        for m in idx.within(s, e)
        if not m.key.startswith("loc:") and not any(a <= m.start < b for a, b in clauses)
    ]
    if not ms:
        return None
    if root is not None:
        for m in ms:
            if m.start <= root.idx < m.end:
                return m.key
    persons = [m for m in ms if m.key.startswith("person:")]
    return (persons[0] if persons else ms[0]).key


def _describing_clauses(root: Token) -> list[tuple[int, int]]:
    """Character ranges of the participle and relative clauses inside a source phrase."""
    out = []
    for t in root.subtree:
        if t.dep_ in ("acl", "relcl") and t is not root:
            sub = list(t.subtree)
            out.append((sub[0].idx, sub[-1].idx + len(sub[-1])))
    return out


# ---------------------------------------------------------------- first person inside quotations


def first_person_in_quote(d: Draft, quotes: Spans) -> bool:
    """A cue inside a quotation whose source is the quoted speaker's own voice ("our information")."""
    root = d.source_root
    if root is None or d.cue_span is None or in_quote(d.cue_span[0], quotes) is None:
        return False
    if root.lower_ in FIRST_PERSON:
        return True
    return any(c.dep_ == "poss" and c.lower_ in FIRST_POSS for c in root.children)


def quote_speaker(d: Draft, drafts: list[Draft], text: str, quotes: Spans) -> str | None:
    """Speaker of the quotation that holds `d`'s cue: the claim quoting it, else the quoted speech
    it continues (same paragraph, or a quotation paragraph at most one paragraph after it)."""
    assert d.cue_span is not None
    q = in_quote(d.cue_span[0], quotes)
    if q is None:
        return None
    for e in drafts:
        if e is not d and q in e.quotes and is_outer(e) and e.resolved:
            return e.resolved
    best = _last_quoting_before(d, drafts, q[0])
    if best is None:
        return None
    return best.resolved if _continues(text, best.content_spans[-1][1], q[0]) else None


def _last_quoting_before(d: Draft, drafts: list[Draft], qs: int) -> Draft | None:
    """The resolved outer claim with quotations whose content ends last before `qs`."""
    best: Draft | None = None
    for e in drafts:
        if e is d or not e.quotes or not e.resolved or not is_outer(e) or not e.content_spans:
            continue
        end = e.content_spans[-1][1]
        if end <= qs and (best is None or end > best.content_spans[-1][1]):
            best = e
    return best


def _continues(text: str, end: int, qs: int) -> bool:
    """Whether a quotation at `qs` continues speech quoted up to `end`: in the same paragraph, or
    opening its paragraph with at most one unquoted paragraph between."""
    gap = text[end:qs]
    if "\n" not in gap and len(gap) < 120:
        return True
    para_start = text.rfind("\n", 0, qs) + 1
    if text[para_start:qs].strip(' \t"“”'):
        return False  # the quotation does not open its paragraph
    between = [p for p in gap.split("\n")[1:] if p.strip(' \t"“”')]
    return len(between) <= 1 and not any(ch in OPEN_Q + CLOSE_Q for p in between for ch in p)
