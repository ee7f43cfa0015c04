"""The readable summary of an event: a short clause quoted from its evidence sentence.

Who, the verb group and the participants, as one span of the sentence (or two joined by an
ellipsis), so the summary never says what the text does not; a pronoun agent is shown as the
actor's name in brackets, and the whole stays within `SUMMARY_WORDS` words.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from storyline import lexicon
from storyline.extract.events.participants import Participants
from storyline.extract.plover import Trigger
from storyline.syntax import lemma

SUMMARY_WORDS = 20
# dependents that hang a clause or an aside off a phrase: left out of the summary span
_ASIDE_DEPS = {"relcl", "acl", "appos", "advcl", "parataxis", "ccomp", "punct", "cc", "conj", "mark", "meta"}
_VERB_DEPS = {"aux", "auxpass", "neg", "prt"}
_LEAD_TAGS = {"WDT", "WP", "WRB", "TO"}  # "who was shot", "that X hacked", "to ban": the clause's own words follow
_QUOTE_REACH = 6  # how far to reach for the closing quote of a quotation the summary opens
_EDGE_POS = {"CCONJ", "SCONJ", "ADP", "DET", "PUNCT", "PART", "AUX"}
_PREMODIFIERS = ("det", "amod", "compound")


def _phrase(tok: Token, keep_conj: bool = True) -> list[Token]:
    """A noun phrase's tokens: the head with its modifiers, coordinated heads and their
    prepositional phrases, without relative clauses, appositions and other asides."""
    out = [tok]
    examples = lexicon.words("example_prepositions")
    for child in tok.children:
        if child.dep_ in _ASIDE_DEPS and not (keep_conj and child.dep_ in ("conj", "cc") and tok.pos_ in ("NOUN", "PROPN")):
            continue
        if child.dep_ == "punct" or (child.dep_ == "prep" and (child.i < tok.i or lemma(child) in examples)):
            continue
        out.extend(_phrase(child, keep_conj))
    return out


def _with_prep(node: Token) -> list[Token]:
    """A participant phrase with the preposition that introduces it ("to the Russian military")."""
    toks = _phrase(node)
    if node.dep_ == "pobj" and node.head.dep_ in ("prep", "agent", "dative"):
        toks.append(node.head)
    return toks


def _verb_group(tok: Token) -> list[Token]:
    """A verb with its auxiliaries, negation and particles ("has not yet sent", "took over")."""
    out = [tok]
    for child in tok.children:
        if child.dep_ in _VERB_DEPS or (child.dep_ == "advmod" and child.i < tok.i and child.i > tok.i - 3):
            out.append(child)
    return out


def _premodified(noun: Token, deps: tuple[str, ...] = _PREMODIFIERS) -> set[Token]:
    return {noun, *(c for c in noun.children if c.dep_ in deps and c.i < noun.i)}


def _runs(indices: list[int]) -> list[list[int]]:
    runs: list[list[int]] = []
    for i in indices:
        if runs and i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def _trim(toks: list[Token], first: bool = True) -> list[Token]:
    """Drop conjunctions and punctuation hanging at either edge, a preposition left at the start
    ("by X", "of X") and determiners or prepositions left at the end."""
    lead = ("CCONJ", "SCONJ", "PUNCT", "ADP") if first else ("CCONJ", "SCONJ", "PUNCT")
    while toks and (
        toks[0].pos_ in lead or toks[0].dep_ in ("cc", "mark") or (first and toks[0].tag_ in _LEAD_TAGS)
        or (first and toks[0].pos_ == "ADV" and toks[0].dep_ != "neg")  # "again, ...", "also ..."
    ):  # fmt: skip
        toks = toks[1:]
    while toks and (toks[-1].pos_ in _EDGE_POS or toks[-1].dep_ in ("cc", "mark", "poss", "case") or toks[-1].is_left_punct):
        toks = toks[:-1]
    return toks


def _open_quote(toks: list[Token]) -> Token | None:
    """The quotation mark the piece opens and does not close, if any."""
    opened = None
    for t in toks:
        if not t.is_quote:
            continue
        straight = t.is_left_punct and t.is_right_punct  # '"' opens or closes by position
        if opened is None and (t.is_left_punct or straight) and not (t.is_right_punct and not straight):
            opened = t
        elif opened is not None:
            opened = None
    return opened


def _balance(toks: list[Token], reach: int = _QUOTE_REACH) -> list[Token]:
    """Close a quotation the piece opens but does not close: reach on to the closing quote when it is
    near, else end before the opening one."""
    opened = _open_quote(toks)
    if opened is None:
        return toks
    doc, end = opened.doc, toks[-1].i
    close = next((t for t in doc[end + 1 : min(end + 1 + reach, opened.sent.end)] if t.is_quote), None)
    if close is not None:
        return toks + list(doc[end + 1 : close.i + 1])
    return _trim(toks[: toks.index(opened)], False)


def _cap(toks: list[Token], limit: int) -> tuple[list[Token], bool]:
    """At most `limit` words, cut where a phrase ends (a token that closes its own subtree)."""
    if len(toks) <= limit:
        return toks, False
    # else before a preposition, conjunction or punctuation mark
    cut = next((n for n in range(limit, 3, -1) if toks[n].pos_ in ("ADP", "CCONJ", "PUNCT")), limit)
    for n in range(limit, max(limit // 2, 3), -1):
        last = toks[n - 1]
        closes = last.right_edge.i == last.i and (last.head.i == last.i or last.head.right_edge.i == last.i)
        if closes and last.pos_ not in _EDGE_POS:
            cut = n
            break
    return _balance(_trim(toks[:cut]), 0), True


# ---------------------------------------------------------------- which words


def _core(trig: Trigger) -> set[Token]:
    """The trigger with its verb group; an event noun with its determiners, modifiers and possessor."""
    tok, head = trig.token, trig.head
    core = set(_verb_group(head)) | {tok}
    if trig.noun or tok.i != head.i:
        core |= _premodified(tok, ("det", "amod", "compound", "poss", "nummod", "neg"))
        core |= set(_verb_group(tok)) if tok.pos_ in ("VERB", "AUX") else set()
        for c in tok.children:
            if c.dep_ == "poss":
                core |= set(_phrase(c))
    return core


def _who(trig: Trigger, parts: Participants, sent: Span) -> set[Token]:
    """The agent's phrase ("a visit by X", "talks between X and Y") and the verb's subject."""
    wanted: set[Token] = set()
    agent = parts.agent
    if agent is not None and agent.sent == sent:
        wanted |= set(_phrase(agent, keep_conj=True))
        if agent.dep_ == "pobj":  # "a visit by X", "talks between X and Y"
            wanted.add(agent.head)
            noun = agent.head.head
            if noun.pos_ == "NOUN" and noun.i < trig.token.i:  # "visits by X to discuss": the noun X's phrase belongs to
                wanted |= _premodified(noun)
    if trig.noun:
        return wanted
    head = trig.head
    subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        return wanted
    if subj.pos_ != "PRON" or agent is None or subj.i != agent.i:  # "any deal between X and Y would violate ..."
        wanted |= set(_phrase(subj))
    if subj.tag_ in ("WP", "WDT") and head.dep_ == "relcl":  # "the envoy who was attacked"
        wanted |= _premodified(head.head, ("det", "amod", "compound", "poss"))
    return wanted


def _what(trig: Trigger, parts: Participants, sent: Span) -> set[Token]:
    """The participant phrases; for a verb without any, its complement says what."""
    tok = trig.token
    nodes = [n for n in parts.nodes if n.sent == sent]
    after = [c for c in tok.children if c.i > tok.i]
    if not nodes and not trig.noun:  # "committing to expand ...": the verb's complement says what
        nodes = [c for c in after if c.dep_ in ("dobj", "xcomp", "attr")][:1]
        if not nodes:
            nodes = [c for c in after if c.dep_ == "prep" and any(g.dep_ in ("pcomp", "pobj") for g in c.children)][:1]
    if not trig.noun:  # "accused X of supplying shells": what the act is about
        nodes += [c for c in after if c.dep_ == "prep" and any(g.dep_ == "pcomp" for g in c.children)][:1]
    wanted: set[Token] = set()
    for node in dict.fromkeys(nodes):
        wanted |= set(_with_prep(node)) if node.dep_ != "prep" else set(_phrase(node))
    return wanted


def _join(runs: list[list[int]], sent: Span) -> list[list[int]]:
    """Fill the gaps between the pieces while that keeps the text short; keep at most two pieces."""
    words = [i for run in runs for i in run]
    while len(runs) > 1:
        size, k = min((runs[k + 1][0] - runs[k][-1] - 1, k) for k in range(len(runs) - 1))
        gap = sent.doc[runs[k][-1] + 1 : runs[k + 1][0]]
        long_gap = size > 6 or (size > 3 and len(words) + size > SUMMARY_WORDS)
        if len(runs) <= 2 and (long_gap or all(t.pos_ == "ADP" for t in gap)):
            break  # a long aside, or "accused X of V-ing": an ellipsis reads better
        runs[k : k + 2] = [runs[k] + list(range(runs[k][-1] + 1, runs[k + 1][0])) + runs[k + 1]]
        words = [i for run in runs for i in run]
    return runs


def _render(pieces: list[list[Token]], parts: Participants) -> str:
    """The pieces as text within the word budget, a pronoun agent shown as the actor's name."""
    total = sum(len(p) for p in pieces)
    agent = parts.agent
    out: list[str] = []
    budget = SUMMARY_WORDS
    for n, piece in enumerate(pieces):
        cut = False
        if total > SUMMARY_WORDS:
            piece, cut = _cap(piece, budget if n == len(pieces) - 1 else max(budget - 4, 4))
        budget -= len(piece)
        text = " ".join("".join(t.text_with_ws for t in piece).split())  # no-break spaces and line breaks read as spaces
        if agent is not None and agent.pos_ == "PRON" and parts.actor_text and piece and piece[0].i == agent.i:
            text = f"[{parts.actor_text}]" + text[len(agent.text) :]
        out.append(text + (" …" if cut else ""))
        if cut:
            break
    return " … ".join(out).replace("… …", "…")


def summary(trig: Trigger, parts: Participants) -> str:
    """A short clause quoted from the evidence sentence: who, the verb group, and the participants,
    as one span (or two joined by an ellipsis), so the summary never says what the text does not."""
    sent = trig.token.sent
    wanted = _core(trig) | _who(trig, parts, sent) | _what(trig, parts, sent)
    runs = _join(_runs(sorted(t.i for t in wanted)), sent)
    doc = sent.doc
    pieces = [_balance(_trim([doc[i] for i in run], n == 0)) for n, run in enumerate(runs)]
    return _render([p for p in pieces if p], parts)
