"""TimeML event mentions: a CRF trained on TBAQ finds every eventive expression and its class.

The PLOVER layer only sees what its political lexicon names; this layer sees every EVENT in TimeML's
sense (verbs, event nominals, predicative states) with its class (OCCURRENCE, REPORTING, STATE,
I_ACTION, I_STATE, ASPECTUAL, PERCEPTION). The tagger is a linear-chain CRF (python-crfsuite) over
features of the shared spaCy parse, trained by ``benchmarks/train_events.py`` on the TBAQ train split
and shipped in ``storyline/models/`` with a JSON sidecar that pins its sha256. Tense, aspect, polarity
and the modal word come from the parse (auxiliary chain, negation child), not from the model.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Span, Token

from storyline import lexicon
from storyline.extract import plover
from storyline.syntax import bio_runs, doc_text, lemma

__all__ = [
    "CLASSES",
    "FEATURE_VERSION",
    "MODEL_PATH",
    "EventMention",
    "detect",
    "detect_sentence",
    "sentence_features",
    "tense_aspect",
    "polarity",
    "modal_word",
    "model_sha256",
    "sidecar",
]

CLASSES = ("OCCURRENCE", "REPORTING", "STATE", "I_ACTION", "I_STATE", "ASPECTUAL", "PERCEPTION")
# Bump when `token_features` changes: a model trained on other features must be retrained.
FEATURE_VERSION = 2
MODEL_DIR = Path(__file__).resolve().parents[1] / "models"
MODEL_PATH = MODEL_DIR / "timeml_events.crfsuite"
SIDECAR_PATH = MODEL_DIR / "timeml_events.json"

# Suffixes that often make an event nominal ("invasion", "agreement", "closure", "refusal").
_NOMINAL_SUFFIXES = ("tion", "sion", "ment", "ance", "ence", "ure", "al", "ing", "age", "sis", "ery", "ship")
_MODALS = lexicon.words("modal_auxiliaries")
_MODAL_NAMES = {"'d": "would", "'ll": "will", "ca": "can", "wo": "will"}
_FUTURE = lexicon.words("future_auxiliaries")
_NEG_DETS = frozenset({"no", "never"})


@dataclass
class EventMention:
    """One TimeML EVENT: character span, class, the parse's tense/aspect/polarity/modal, the CRF's confidence."""

    start: int
    end: int
    text: str
    cls: str
    head: int  # doc index of the head token (the last token of the extent)
    confidence: float
    tense: str  # PAST, PRESENT, FUTURE, INFINITIVE, PRESPART, PASTPART, NONE
    aspect: str  # PROGRESSIVE, PERFECTIVE, PERFECTIVE_PROGRESSIVE, NONE
    polarity: str  # POS, NEG
    modality: str | None  # the modal word ("would", "may") or None


# --- features ---------------------------------------------------------------------------------------
def _shape(tok: Token) -> str:
    return tok.shape_[:4]


def _has_child(tok: Token, deps: tuple[str, ...]) -> bool:
    return any(c.dep_ in deps for c in tok.children)


def _own(tok: Token) -> dict[str, Any]:
    """Features of the token itself and its place in the parse."""
    low = tok.lower_
    lem = lemma(tok)
    head = tok.head
    f: dict[str, Any] = {
        "bias": 1.0,
        "low": low,
        "lem": lem,
        "pos": tok.pos_,
        "tag": tok.tag_,
        "dep": tok.dep_,
        "shape": _shape(tok),
        "suf2": low[-2:],
        "suf3": low[-3:],
        "suf4": low[-4:],
        "pre3": low[:3],
        "title": tok.is_title,
        "ent": tok.ent_type_ or "-",
        "hlem": lemma(head) if head.i != tok.i else "ROOT",
        "hpos": head.pos_ if head.i != tok.i else "ROOT",
        "hdep": head.dep_,
        "dep_hpos": f"{tok.dep_}|{head.pos_}",
        "lem_pos": f"{lem}|{tok.pos_}",
        "lem_dep": f"{lem}|{tok.dep_}",
        "aux": _has_child(tok, ("aux", "auxpass")),
        "neg": _has_child(tok, ("neg",)),
        "det": _has_child(tok, ("det",)),
        "poss": _has_child(tok, ("poss",)),
        "of": any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children),
        "subj": _has_child(tok, ("nsubj", "nsubjpass", "csubj")),
        "obj": _has_child(tok, ("dobj", "ccomp", "xcomp")),
        "nom": next((s for s in _NOMINAL_SUFFIXES if low.endswith(s) and len(low) > len(s) + 2), "-"),
        "nkids": min(len(list(tok.children)), 4),
    }
    if tok.dep_ in ("acomp", "attr") and lemma(head) == "be":
        f["copula"] = True
    if tok.pos_ in ("NOUN", "PROPN") and plover.is_event_noun(low if low in ("talks", "arms") else lem):
        f["plover_noun"] = True  # the PLOVER lexicon's event nouns: a prior for event nominals
    if tok.pos_ == "VERB" and plover.verb_code(lem) is not None:
        f["plover_verb"] = True
    return f


def sentence_features(sent: Span) -> list[dict[str, Any]]:
    """One feature dict per token of the sentence, with its neighbours' words and tags."""
    toks = list(sent)
    own = [_own(t) for t in toks]
    out = []
    for i, base in enumerate(own):
        f = dict(base)
        for d in (-2, -1, 1, 2):
            j = i + d
            if 0 <= j < len(toks):
                n = own[j]
                f[f"{d}:low"] = n["low"]
                f[f"{d}:pos"] = n["pos"]
                if abs(d) == 1:
                    f[f"{d}:tag"] = n["tag"]
                    f[f"{d}:lem"] = n["lem"]
                    f[f"{d}:dep"] = n["dep"]
            else:
                f[f"{d}:low"] = "<S>" if d < 0 else "</S>"
        out.append(f)
    return out


def _crf_items(feats: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """crfsuite wants str or float values: booleans become 0/1 weights, strings stay categorical."""
    items = []
    for f in feats:
        item: dict[str, Any] = {}
        for k, v in f.items():
            if isinstance(v, bool):
                if v:
                    item[k] = 1.0
            else:
                item[k] = v
        items.append(item)
    return items


# --- tense, aspect, polarity, modality from the parse ----------------------------------------------
def _verbal(tok: Token) -> Token:
    """The token that carries the auxiliaries: the copula for a predicative adjective or noun."""
    if tok.pos_ in ("ADJ", "NOUN", "PROPN") and tok.dep_ in ("acomp", "attr") and lemma(tok.head) == "be":
        return tok.head
    return tok


def _auxes(tok: Token) -> list[Token]:
    return sorted((c for c in tok.children if c.dep_ in ("aux", "auxpass")), key=lambda t: t.i)


def modal_word(tok: Token) -> str | None:
    """The modal auxiliary of the mention ("would", "may"), or None."""
    for a in _auxes(_verbal(tok)):
        if a.lower_ in _MODALS and a.tag_ == "MD":
            return _MODAL_NAMES.get(a.lower_, a.lower_)
    return None


def _aspect(verb: Token, auxes: list[Token]) -> str:
    perfect = any(lemma(a) == "have" for a in auxes)
    progressive = verb.tag_ == "VBG" and any(lemma(a) == "be" and a.dep_ == "aux" for a in auxes)
    if perfect and progressive:
        return "PERFECTIVE_PROGRESSIVE"
    return "PERFECTIVE" if perfect else "PROGRESSIVE" if progressive else "NONE"


def _finite_tense(tag: str) -> str | None:
    if tag == "VBD":
        return "PAST"
    if tag in ("VBZ", "VBP"):
        return "PRESENT"
    return None


def tense_aspect(tok: Token) -> tuple[str, str]:
    """TimeML tense and aspect read from the auxiliary chain ("has been selling" -> PRESENT, PERFECTIVE_PROGRESSIVE)."""
    verb = _verbal(tok)
    if verb.pos_ not in ("VERB", "AUX"):
        return "NONE", "NONE"
    auxes = _auxes(verb)
    aspect = _aspect(verb, auxes)
    for a in auxes:
        if a.tag_ == "MD":
            return ("FUTURE" if a.lower_ in _FUTURE else "NONE"), aspect
        if a.tag_ == "TO":
            return "INFINITIVE", aspect
        finite = _finite_tense(a.tag_)
        if finite:
            return finite, aspect
    finite = _finite_tense(verb.tag_)
    if finite:
        return finite, aspect
    if verb.tag_ == "VBG":
        return "PRESPART", aspect
    if verb.tag_ == "VBN":
        return "PASTPART", aspect
    if verb.tag_ == "VB" and verb.dep_ in ("xcomp", "advcl"):
        return "INFINITIVE", aspect
    return "NONE", aspect


def polarity(tok: Token) -> str:
    """NEG when the mention (or its copula) has a negation child, or a noun is determined by "no"."""
    verb = _verbal(tok)
    if _has_child(verb, ("neg",)) or _has_child(tok, ("neg",)):
        return "NEG"
    if tok.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in _NEG_DETS for c in tok.children):
        return "NEG"
    return "POS"


# --- the model ---------------------------------------------------------------------------------------
def model_sha256(path: Path = MODEL_PATH) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def sidecar() -> dict[str, Any]:
    """The model's sidecar: feature version, training files hash, date, sha256, dev figures."""
    data: dict[str, Any] = json.loads(SIDECAR_PATH.read_text(encoding="utf-8"))
    return data


@lru_cache(maxsize=1)
def _tagger() -> Any:
    import pycrfsuite

    meta = sidecar()
    if meta.get("feature_version") != FEATURE_VERSION:
        raise RuntimeError(f"event model was trained on features v{meta.get('feature_version')}, "
                           f"code has v{FEATURE_VERSION}: run benchmarks/train_events.py")
    tagger = pycrfsuite.Tagger()
    tagger.open(str(MODEL_PATH))
    return tagger


def tag_sentence(sent: Span) -> list[tuple[int, int, str, float]]:
    """(first, last, class, confidence) token runs of one sentence, indices relative to the sentence."""
    toks = list(sent)
    if not any(not t.is_space for t in toks):
        return []
    tagger = _tagger()
    labels = tagger.tag(_crf_items(sentence_features(sent)))
    out = []
    for first, last, cls in bio_runs(labels):
        conf = min(tagger.marginal(labels[i], i) for i in range(first, last + 1))
        out.append((first, last, cls, conf))
    return out


def detect_sentence(sent: Span) -> list[EventMention]:
    """Every TimeML event mention of one sentence, in text order."""
    found: list[EventMention] = []
    for first, last, cls, conf in tag_sentence(sent):
        toks = [t for t in sent[first : last + 1] if not t.is_space]
        if not toks:
            continue
        head = toks[-1]
        tense, aspect = tense_aspect(head)
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1])
        found.append(EventMention(start, end, doc_text(head.doc)[start:end], cls, head.i, conf, tense, aspect,
                                  polarity(head), modal_word(head)))
    return found


def detect(doc: Doc) -> list[EventMention]:
    """Every TimeML event mention of the doc, in text order."""
    return [m for sent in doc.sents for m in detect_sentence(sent)]
