"""Parse helpers shared by every extractor: lemmas, conjuncts, the mention index, token spans.

One home for these so the claim, event and actor extractors read a parse the same way (one lemma
with the model's known slips corrected, one way to map a token to the entity mention covering it).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable

from networkx.utils import UnionFind
from spacy.tokens import Doc, Token

from . import lexicon
from .records import Mention

__all__ = ["lemma", "conjuncts", "children", "MentionIndex", "token_span", "UnionFind"]




def doc_text(doc: Doc) -> str:
    """`doc.text`, joined once per doc: spaCy joins every token again on each access, which made
    per-mention and per-line lookups quadratic in the article's length. A parsed doc never changes."""
    text = doc.user_data.get("storyline_text")
    if not isinstance(text, str):
        text = doc.text
        doc.user_data["storyline_text"] = text
    return text


def bio_runs(labels: list[str]) -> list[tuple[int, int, str]]:
    """BIO labels of a sequence tagger -> (first, last, label) token index runs; a stray I- opens a run."""
    out: list[tuple[int, int, str]] = []
    for i, lab in enumerate(labels):
        if lab == "O":
            continue
        tag, kind = lab.split("-", 1)
        if tag == "I" and out and out[-1][1] == i - 1 and out[-1][2] == kind:
            out[-1] = (out[-1][0], i, kind)
        else:
            out.append((i, i, kind))
    return out


def lemma(tok: Token) -> str:
    """Lower-case lemma, with the model's known slips corrected (lexicon ``lemma_fixes``)."""
    return lexicon.table("lemma_fixes").get(tok.lower_) or tok.lemma_.lower()


def conjuncts(tok: Token) -> list[Token]:
    """The token and every token conjoined to it ("Russia and Iran" -> [Russia, Iran])."""
    out = [tok]
    for c in tok.children:
        if c.dep_ == "conj":
            out.extend(conjuncts(c))
    return out


def children(tok: Token, *deps: str) -> list[Token]:
    """The token's children with one of the given dependency labels."""
    return [c for c in tok.children if c.dep_ in deps]


def token_span(tokens: Iterable[Token]) -> tuple[int, int] | None:
    """Character span covering the tokens (whitespace tokens ignored), or None when empty."""
    toks = [t for t in tokens if not t.is_space]
    if not toks:
        return None
    return min(t.idx for t in toks), max(t.idx + len(t) for t in toks)


class MentionIndex:
    """Entity mentions of one article indexed by character offset.

    `within` and `last_before` serve span queries (speaker lookup); `at` maps a parse token to the
    mention covering it, falling back to the unique multi-word name whose last word it is (a bare
    surname the resolver did not tag).
    """

    def __init__(self, mentions: list[Mention]) -> None:
        self.ms = sorted(mentions, key=lambda m: (m.start, m.end))
        self.starts = [m.start for m in self.ms]
        self.keyed = sorted((m for m in mentions if m.key), key=lambda m: (m.start, -m.end))
        self.by_last: dict[str, set[str]] = {}
        for m in self.keyed:
            words = m.text.split()
            if len(words) > 1:
                self.by_last.setdefault(words[-1].lower(), set()).add(m.key)

    def within(self, s: int, e: int) -> list[Mention]:
        """Mentions overlapping [s, e)."""
        i = bisect.bisect_left(self.starts, s)
        out = []
        for m in self.ms[max(0, i - 3) :]:  # a mention may start slightly before s and still overlap
            if m.start >= e:
                break
            if m.end > s:
                out.append(m)
        return out

    def last_before(self, pos: int, pred: Callable[[Mention], bool], limit: int = 10**6) -> Mention | None:
        """The last mention starting before pos that satisfies pred (looking back at most `limit`)."""
        i = bisect.bisect_left(self.starts, pos)
        for m in reversed(self.ms[max(0, i - limit) : i]):
            if pred(m):
                return m
        return None

    def at(self, tok: Token) -> Mention | None:
        """The smallest keyed mention covering this token, or the unique name it shortens."""
        s, e = tok.idx, tok.idx + len(tok.text)
        best = None
        for m in self.keyed:
            if m.start >= e:
                break
            if m.start <= s and m.end >= e and (best is None or m.end - m.start < best.end - best.start):
                best = m
        if best is None and tok.pos_ == "PROPN":
            keys = self.by_last.get(tok.text.lower(), set())
            if len(keys) == 1:
                best = Mention("", s, e, tok.text, next(iter(keys)))
        return best
