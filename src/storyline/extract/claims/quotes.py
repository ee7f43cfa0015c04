"""Quotations: where they are, which claim each belongs to, and the claims they make on their own.

A quotation inside a cue's parsed content belongs to that claim. Any other one is attributed, in
order, to a cue in its dialogue tag ('"...," she said') or earlier in its sentence ('He said: "..."');
else it continues the quoted speech just before it (split quotes, a quotation paragraph after a
quoting one) or the claim of the previous paragraph; else 'Name: "..."' makes the colon the cue.
Paragraphs opening with "Name: ..." are claims too (interview transcripts, live blogs).
"""

from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc, Token

from storyline.records import Mention
from storyline.syntax import lemma

from .cues import cue_span
from .draft import OPEN_Q, WORD, Draft, Spans, is_outer, layout_text, token_at
from .speakers import source_span, subject
from .stance import is_refusal, stance
from .vocab import DENY, SPEECH

_MARK = re.compile(r"''|``|[“”\"«»„]|\n")
_OPENERS = {"“", "«", "„", "``"}
_CLOSERS = {"”", "»"}
_TOGGLES = {'"', "''"}
_QUOTE_EDGE = ' \t"“”'
# '" ― Ana Ruiz' / '"—Jo Doe, 34, teacher.': a dash, then a capitalised name (and a short description)
# to the end of the line.
_SIGNATURE = re.compile(
    r"[ \t]*(?P<dash>[―—–]|--?)[ \t]*(?P<name>[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,3})(?:,[^\n]{0,60})?[ \t]*$",
    re.M,
)


def find_quotes(text: str) -> Spans:
    """Inner spans of quotations: curly, straight or typewriter ('' ``) marks, over paragraphs,
    tolerant of bad pairs.

    A quote still open at a paragraph break continues when the next paragraph opens with a quote
    mark (news convention); otherwise it ends with the paragraph. Stray closing marks are ignored.
    """
    out: Spans = []
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


def with_marks(text: str, qs: int, qe: int) -> tuple[int, int]:
    """A quotation's span including its marks (one or two characters each side)."""
    s = qs - 2 if text[max(0, qs - 2) : qs] in ("''", "``") else max(0, qs - 1)
    e = qe + 2 if text[qe : qe + 2] == "''" else min(len(text), qe + 1)
    return s, e


def absorb_quotes(text: str, drafts: list[Draft], quotes: Spans) -> set[int]:
    """Quotations inside parsed content join their claim, whose content grows to the whole quotation
    (unless that would swallow its source or cue); returns the indices of the quotations used."""
    used: set[int] = set()
    for d in drafts:
        for qi, (qs, qe) in enumerate(quotes):
            for k, (cs, ce) in enumerate(d.content_spans):
                if qs < ce and cs < qe:
                    used.add(qi)
                    d.quotes.append((qs, qe))
                    ws, we = with_marks(text, qs, qe)
                    if not _overlaps(d.source_span, ws, we) and not _overlaps(d.cue_span, ws, we):
                        d.content_spans[k] = (min(cs, ws), max(ce, we))
    return used


def _overlaps(span: tuple[int, int] | None, s: int, e: int) -> bool:
    return span is not None and span[0] < e and s < span[1]


# ---------------------------------------------------------------- quotations with a cue beside them


class _QuotePass:
    """Attributes the quotations not used by a parsed cue, in text order (pass 2 of the extractor)."""

    def __init__(
        self, doc: Doc, mentions: list[Mention], drafts: list[Draft], used_cues: dict[int, Draft]
    ) -> None:
        self.doc, self.text, self.mentions = doc, layout_text(doc), mentions
        self.drafts, self.used_cues = drafts, used_cues
        self.tok_starts = [t.idx for t in doc]
        self.cue_by_sent: dict[int, list[Token]] = {}
        for v in doc:
            if v.pos_ in ("VERB", "AUX") and lemma(v) in (SPEECH | DENY) and not is_refusal(v):
                self.cue_by_sent.setdefault(v.sent.start, []).append(v)

    def quote(self, qs: int, qe: int) -> None:
        """Attribute one quotation: a cue beside it, else continued speech, else a 'Name:' colon."""
        text = self.text
        n_words = len(WORD.findall(text[qs:qe]))
        # A quote ending in ',' '!' '?' or a dash expects a dialogue tag: '"...," she said'.
        tagged = text[qs:qe].rstrip()[-1:] in (",", "!", "?", "—", "-")
        if n_words < 3 and not tagged:
            return
        qspan = with_marks(text, qs, qe)
        start_tok = token_at(self.doc, qs)
        tv = tag_verb(self.doc, self.tok_starts, qe, tagged)
        if tv is not None and (n_words >= 3 or len(text[qe : tv.idx]) < 30):
            self.attach(tv, qspan, (qs, qe))
            return
        if n_words < 3:
            return
        if self._signed(qs, qe, qspan, start_tok):
            return
        v = self._cue_before(start_tok, qs)
        if v is not None:
            self.attach(v, qspan, (qs, qe))
        elif not self._continue_speech(qs, qe, qspan) and start_tok is not None:
            self._new_speaker(qs, qe, qspan, start_tok)

    def _signed(self, qs: int, qe: int, qspan: tuple[int, int], start_tok: Token | None) -> bool:
        """A quotation signed with a dash and a name at the end of its paragraph ('"..." ― Ana
        Ruiz', vox pops and epigraphs): the name is the source, the dash the cue."""
        text = self.text
        line_end = text.find("\n", qe)
        line_end = len(text) if line_end < 0 else line_end
        m = _SIGNATURE.match(text, qspan[1], line_end)
        if m is None or start_tok is None:
            return False
        ns, ne = m.span("name")
        while ne > ns and text[ne - 1] == ".":
            ne -= 1
        d = Draft(None, m.span("dash"), (ns, ne), [qspan], "direct", start_tok.sent, quotes=[(qs, qe)])
        named = [x for x in self.mentions if ns <= x.start < ne and not x.key.startswith("loc:")]
        d.speaker, d.speaker_text = (named[0].key if named else ""), text[ns:ne]
        self.drafts.append(d)
        return True

    def _cue_before(self, start_tok: Token | None, qs: int) -> Token | None:
        """The last speech cue of the quotation's sentence right before it ('He said: "..."')."""
        if start_tok is None:
            return None
        cands = [v for v in self.cue_by_sent.get(start_tok.sent.start, []) if v.idx + len(v) <= qs]
        if not cands:
            return None
        v = max(cands, key=lambda t: t.idx)
        gap = self.text[v.idx + len(v) : qs]
        return v if len(gap) < 40 and "\n" not in gap else None

    def _continue_speech(self, qs: int, qe: int, qspan: tuple[int, int]) -> bool:
        """A later quotation in the same paragraph ('"A," he said. "B."') or a paragraph that is only
        a quotation right after a quoting paragraph continues the same speech."""
        text = self.text
        prev = _previous_quoting(self.drafts, qs)
        if prev is None:
            return False
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
        return same_para or next_para

    def _new_speaker(self, qs: int, qe: int, qspan: tuple[int, int], start_tok: Token) -> None:
        """A quotation paragraph after a paragraph attributed to a speaker (indirect speech,
        "according to") continues that speaker's statement; else 'Name: "..."' with no verb makes
        the colon the cue and the last actor before it the source."""
        outer = _previous_para_claim(self.text, self.drafts, qs, qe)
        if outer is not None:
            # The source span points where the speaker is named (the previous paragraph).
            self.drafts.append(
                Draft(
                    None,
                    None,
                    outer.source_span,
                    [qspan],
                    "direct",
                    start_tok.sent,
                    quotes=[(qs, qe)],
                    follows=outer,
                )
            )
            return
        m, colon = _colon_speaker(self.text, self.mentions, qs, start_tok)
        if m is not None:
            d = Draft(
                None,
                (colon, colon + 1),
                (m.start, m.end),
                [qspan],
                "direct",
                start_tok.sent,
                quotes=[(qs, qe)],
            )
            d.speaker, d.speaker_text = m.key, m.text
            self.drafts.append(d)

    def attach(self, v: Token, qspan: tuple[int, int], inner: tuple[int, int]) -> None:
        """Attach a quotation to cue `v`: extend its claim (split quote) or start a direct claim."""
        d = self.used_cues.get(v.i)
        if d is not None:
            d.content_spans.append(qspan)
            d.quotes.append(inner)
            return
        subj = subject(v)
        ssp = source_span(subj, self.text) if subj is not None else None
        if ssp is not None and ssp[0] < qspan[1] and qspan[0] < ssp[1]:
            ssp, subj = None, None
        d = Draft(v, cue_span(v), ssp, [qspan], "direct", v.sent, source_root=subj, quotes=[inner])
        d.stance = stance(v, None, subj)
        self.drafts.append(d)
        self.used_cues[v.i] = d


def attribute_quotes(
    doc: Doc,
    mentions: list[Mention],
    quotes: Spans,
    used: set[int],
    drafts: list[Draft],
    used_cues: dict[int, Draft],
) -> None:
    """Attribute every quotation not in `used`, adding to `drafts` and `used_cues` in place."""
    qpass = _QuotePass(doc, mentions, drafts, used_cues)
    for qi, (qs, qe) in enumerate(quotes):
        if qi not in used:
            qpass.quote(qs, qe)


def tag_verb(doc: Doc, tok_starts: list[int], qe: int, tagged: bool) -> Token | None:
    """The verb of a dialogue tag after a quotation ('", Kirby said', '" said Kirby', '" she added').

    Looks at most 80 characters ahead, within the paragraph and before the next sentence end or
    quotation. A speech verb wins; after a tag-expecting quote any verb is accepted ("she laughed").
    """
    layout = layout_text(doc)
    i = bisect.bisect_left(tok_starts, qe)
    first_verb: Token | None = None
    while i < len(tok_starts) and tok_starts[i] < qe + 80:
        t = doc[i]
        if (
            t.text in ".?!;"
            or "\n" in layout[t.idx : t.idx + len(t)]
            or (t.text in OPEN_Q and t.idx > qe + 1)
        ):
            break
        if t.pos_ in ("VERB", "AUX") and not is_refusal(t):
            if lemma(t) in SPEECH or lemma(t) in DENY:
                return t
            if first_verb is None and t.pos_ == "VERB" and t.dep_ in ("ROOT", "parataxis", "conj"):
                first_verb = t
        i += 1
    if tagged and first_verb is not None and "\n" not in layout[qe : first_verb.idx]:
        return first_verb
    return None


def _colon_speaker(
    text: str, mentions: list[Mention], qs: int, start_tok: Token
) -> tuple[Mention | None, int]:
    """For 'Name: "..."': the last actor before the colon on its line, and the colon's position."""
    j = qs - 2
    while j >= 0 and text[j] in " \t":
        j -= 1
    if j < 0 or text[j] != ":":
        return None, j
    line_start = max(
        text.rfind("\n", 0, j) + 1, start_tok.sent.start_char if start_tok.sent.start_char < j else 0
    )
    cands = [m for m in mentions if line_start <= m.start and m.end <= j and not m.key.startswith("loc:")]
    return (cands[-1] if cands else None), j


def _previous_para_claim(text: str, drafts: list[Draft], qs: int, qe: int) -> Draft | None:
    """The last claim of the previous paragraph when the quotation is a paragraph of its own."""
    para_start = text.rfind("\n", 0, qs) + 1
    para_end = text.find("\n", qe)
    para_end = len(text) if para_end < 0 else para_end
    if text[para_start:qs].strip(_QUOTE_EDGE) or text[qe:para_end].strip(_QUOTE_EDGE + "."):
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
        and is_outer(e)
        and e.content_spans
        and e.follows is None
    ]
    return max(cands, key=lambda e: e.cue_span[0] if e.cue_span else 0) if cands else None


def _previous_quoting(drafts: list[Draft], pos: int) -> Draft | None:
    """The claim with quoted content ending closest before `pos`."""
    best: Draft | None = None
    for d in drafts:
        if not d.quotes or not d.content_spans:
            continue
        end = d.content_spans[-1][1]
        if end <= pos and (best is None or end > best.content_spans[-1][1]):
            best = d
    return best


# ---------------------------------------------------------------- "Name: statement" paragraphs


def colon_paragraphs(doc: Doc, mentions: list[Mention], drafts: list[Draft], quotes: Spans) -> list[Draft]:
    """Claims of the form 'Name: statement' at the start of a paragraph, not already covered."""
    text = layout_text(doc)
    covered = [sp for d in drafts for sp in d.content_spans]
    out: list[Draft] = []
    for m in mentions:
        if m.key.startswith("loc:"):
            continue
        line_start = text.rfind("\n", 0, m.start) + 1
        if text[line_start : m.start].strip().lower() not in ("", "the"):
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
        if len(WORD.findall(text[cs:line_end])) < 3 or any(a < line_end and cs < b for a, b in covered):
            continue
        tok = token_at(doc, cs)
        if tok is None:
            continue
        inner = [(a, b) for a, b in quotes if cs <= a and b <= line_end]
        d = Draft(None, (j, j + 1), (m.start, m.end), [(cs, line_end)], "indirect", tok.sent, quotes=inner)
        d.speaker, d.speaker_text = m.key, m.text
        out.append(d)
    return out
