"""Attributed claims: who said (or denied, or believes) what, when, with the exact spans.

Two passes over the parsed article, both linear in its length:
1. cue verbs ("said", "told", "denied", "accused", "according to") with their syntactic source
   (subject, inherited through "..., saying") and content (clausal complement, object, or the
   rest of the clause); quoted text inside the content makes the claim `mixed` or `direct`;
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
HEDGE_CUES = {
    "believe",
    "think",
    "suspect",
    "assess",
    "estimate",
    "expect",
    "suggest",
    "speculate",
    "fear",
    "guess",
    "doubt",
    "feel",
    "predict",
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
CUES = SPEECH | DENY | BELIEF
# Cues that only make a claim with a clause or quote (too common as plain verbs otherwise).
NEEDS_CLAUSE = {
    "call",
    "ask",
    "continue",
    "agree",
    "find",
    "show",
    "know",
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
    "hope",
    "worry",
    "expect",
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
PRONOUNS_PERSON = {"he", "she", "him", "her", "i"}
PRONOUNS_GROUP = {"it", "they", "we", "them"}
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


def _cue_span(v: Token) -> tuple[int, int]:
    parts = [v] + [c for c in v.children if c.dep_ in ("aux", "neg", "auxpass", "prt") and c.i < v.i + 2]
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


def _content_from_cue(v: Token) -> tuple[list[tuple[int, int]], Token | None]:
    """Content spans of a cue verb from the parse, and the content's root token."""
    lemma = v.lemma_.lower()
    kids = list(v.children)
    for c in kids:
        if c.dep_ == "ccomp":
            sp = _subtree_span(c)
            return ([sp] if sp else []), c
    if v.dep_ == "parataxis" and v.head.pos_ in ("VERB", "AUX"):
        excl = {t.i for t in v.subtree}
        sp = _subtree_span(v.head, excl)
        return ([sp] if sp else []), v.head
    if lemma in (
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
            root = next((c for c in parts if c.dep_ in ("xcomp", "dobj")), parts[0])
            return ([sp] if sp else []), root
    return [], None


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
    lemma = v.lemma_.lower()
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


def _is_refusal(v: Token) -> bool:
    if v.dep_ == "xcomp" and v.head.lemma_.lower() in REFUSAL:
        return True
    if v.dep_ in ("pcomp", "pobj") and v.head.head.lemma_.lower() in REFUSAL:
        return True
    if any(c.dep_ == "neg" for c in v.children) and v.lemma_.lower() in SPEECH:
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


PRONOUN_GENDER = {"he": "m", "him": "m", "she": "f", "her": "f"}
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
        if v.pos_ not in ("VERB", "AUX") or v.lemma_.lower() not in CUES:
            continue
        if _is_refusal(v):
            continue
        spans_c, croot = _content_from_cue(v)
        subj = _subject(v)
        if spans_c and (
            _crosses_paragraph(text, spans_c[0], v) or "\n" in text[spans_c[0][0] : spans_c[0][1]]
        ):
            # Parsed content stays in the cue's paragraph; quotations re-extend it below.
            spans_c = [sp for sp in [_clip_to_paragraph(text, spans_c[0], v.idx)] if sp]
        if not spans_c:
            continue
        lemma = v.lemma_.lower()
        if (
            lemma in NEEDS_CLAUSE
            and (croot is None or croot.dep_ not in ("ccomp", "xcomp", "ROOT"))
            and v.dep_ != "parataxis"
        ):
            if not (
                croot is not None
                and croot.dep_ in ("dobj", "prep")
                and lemma in ("call", "praise", "criticize", "criticise", "blame", "describe")
            ):
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
        d = _Draft(v, _cue_span(v), ssp, spans_c, "indirect", v.sent, source_root=subj)
        d.stance = _stance(v, croot, subj)
        drafts.append(d)
        used_cues[v.i] = d
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
        if v.pos_ in ("VERB", "AUX") and v.lemma_.lower() in (SPEECH | DENY) and not _is_refusal(v):
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
    for d in drafts:
        if not d.content_spans:
            continue
        if d.cue_tok is None and d.speaker is not None:
            speaker: str | None = d.speaker or None
            stext = d.speaker_text
        else:
            speaker, stext = _resolve_speaker(d, idx, history, doc, text, quotes, genders)
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
            lemma = t.lemma_.lower()
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
