"""A claim under construction, and the span arithmetic every step of the claim extractor shares."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from storyline.nlp import line_breaks
from storyline.syntax import doc_text, token_span

Spans = list[tuple[int, int]]
OPEN_Q = '“"«„'
CLOSE_Q = '”"»'
WORD = re.compile(r"\w+")


@dataclass
class Draft:
    """One claim before its speaker is resolved: its cue, source and content spans in the text."""

    cue_tok: Token | None
    cue_span: tuple[int, int] | None
    source_span: tuple[int, int] | None
    content_spans: Spans
    kind: str
    sent: Span
    source_root: Token | None = None
    speaker: str | None = None
    speaker_text: str = ""
    stance: str = "assert"
    quotes: Spans = field(default_factory=list)
    # A quotation paragraph with no cue of its own continues the speech of this earlier claim.
    follows: Draft | None = None
    resolved: str | None = None
    # The accused of an accusation cue ("accused X of Y", "blamed X for Y"): X's head token.
    target_tok: Token | None = None


def layout_text(doc: Doc) -> str:
    """The text as the claim rules read it: a line break inside a hard-wrapped sentence (wire copy
    with a newline every 70 characters; `nlp.line_breaks`) is a space, so only real paragraph breaks
    stop a content, a source or a quotation. Same length as `doc.text`; cached on the doc."""
    text = doc_text(doc)
    cached = doc.user_data.get("claims_layout_text")
    if isinstance(cached, str) and len(cached) == len(text):
        return cached
    chars = list(text)
    for start in line_breaks(text)[1]:
        k = text.rfind("\n", 0, start)
        if k >= 0:
            chars[k] = " "
    out = "".join(chars)
    doc.user_data["claims_layout_text"] = out
    return out


def span_of(tokens: list[Token]) -> tuple[int, int] | None:
    """Character span of the tokens, trimmed of edge punctuation but keeping quote marks and a final
    sentence stop (a claim's content reads as written)."""
    toks = [t for t in tokens if not t.is_space]
    while toks and (toks[0].is_punct and toks[0].text not in OPEN_Q):
        toks = toks[1:]
    while toks and toks[-1].is_punct and toks[-1].text not in CLOSE_Q and toks[-1].text not in ".?!":
        toks = toks[:-1]
    return token_span(toks)


def subtree_span(tok: Token, exclude: set[int] | None = None) -> tuple[int, int] | None:
    """`span_of` the token's subtree, minus the token indices in `exclude`."""
    return span_of([t for t in tok.subtree if not exclude or t.i not in exclude])


def token_at(doc: Doc, char: int) -> Token | None:
    """The token holding character `char`, if any."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span[0]


def in_quote(pos: int, quotes: Spans) -> tuple[int, int] | None:
    """The quotation holding position `pos`, if any."""
    return next(((qs, qe) for qs, qe in quotes if qs <= pos < qe), None)


def covered(span: tuple[int, int], quotes: Spans) -> int:
    """How many characters of `span` lie inside the quotations."""
    s, e = span
    return sum(max(0, min(e, qe) - max(s, qs)) for qs, qe in quotes)


def paragraph_of(text: str, pos: int) -> tuple[int, int]:
    """Start and end of the paragraph (line) holding `pos`."""
    pe = text.find("\n", pos)
    return text.rfind("\n", 0, pos) + 1, len(text) if pe < 0 else pe


def crosses_paragraph(text: str, span: tuple[int, int], v: Token) -> bool:
    """True when a parse links a cue to content in another paragraph (headlines without a full stop)."""
    s, e = span
    gap = text[e : v.idx] if e <= v.idx else text[v.idx + len(v) : s] if s >= v.idx else ""
    return "\n" in gap


def is_outer(d: Draft) -> bool:
    """A claim introduced from outside its quotations (its cue is not part of what is quoted)."""
    if d.cue_span is None:
        return d.follows is not None or d.speaker is not None
    return not any(qs <= d.cue_span[0] < qe for qs, qe in d.quotes)
