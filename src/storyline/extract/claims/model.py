"""Attributions the rules miss, from a CRF trained on PolNeAR: cue, source and content per token.

The rules are precise but know only their cue classes; PolNeAR annotates a long tail of cues (nouns,
adjectives, rarer verbs). A linear-chain CRF (python-crfsuite) over features of the shared spaCy
parse labels each token of a sentence BIO for CUE, SRC and CON; it is trained by
``benchmarks/train_attribution.py`` on PolNeAR train and shipped in ``storyline/models/`` with a JSON
sidecar that pins its sha256. A predicted cue whose content overlaps no rule claim becomes a draft
that goes through the same speaker, stance and kind steps as the rules' drafts.
"""

from __future__ import annotations

import bisect
import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Span, Token

from storyline import lexicon
from storyline.records import Mention
from storyline.syntax import bio_runs, lemma

from .content import content_from_cue
from .cues import makes_claim
from .draft import Draft, Spans, layout_text, span_of
from .speakers import source_span, subject
from .stance import is_question, is_refusal, stance, unrealised
from .vocab import CUES, DENY, NOMINAL, PREP_CUES, REFUSAL, SPEECH, STATEMENT_NOUNS

__all__ = ["FEATURE_VERSION", "MODEL_PATH", "SETTINGS", "doc_features", "model_drafts", "tag_sentence"]

# Bump when `doc_features` changes: a model trained on other features must be retrained.
FEATURE_VERSION = 1
MODEL_DIR = Path(__file__).resolve().parents[2] / "models"
MODEL_PATH = MODEL_DIR / "attribution.crfsuite"
SIDECAR_PATH = MODEL_DIR / "attribution.json"
ROLES = ("CUE", "SRC", "CON")
_ANCESTOR_DEPTH = 6
_NOUN_CUES = frozenset(NOMINAL) | STATEMENT_NOUNS
_SOURCE_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM"})


@dataclass
class ModelSettings:
    """Thresholds of the model's drafts (chosen on a held-out part of PolNeAR train)."""

    path: Path | None = MODEL_PATH  # None: rules only
    min_cue_confidence: float = 0.3  # lowest marginal of the cue's tokens
    min_content_words: int = 2
    max_cue_distance: int = 40  # tokens between a content run and the cue it is given to
    veto_sourceless_nouns: bool = True
    clause_for_new_verbs: bool = True  # a verb the lexicon does not know needs a clause as content
    clause_waived_at: float = 0.9  # ... unless the model is at least this sure of the cue


SETTINGS = ModelSettings()


# --- features ---------------------------------------------------------------------------------------
def _cue_ancestor(i: int, heads: list[int], lems: list[str], deps: list[str]) -> tuple[str, str]:
    """The nearest ancestor that is a lexicon cue, as (its lemma, the dependency under it)."""
    child, cur = i, heads[i]
    for _ in range(_ANCESTOR_DEPTH):
        if cur == child:
            break
        if lems[cur] in CUES or lems[cur] in _NOUN_CUES:
            return lems[cur], deps[child]
        child, cur = cur, heads[cur]
    return "-", "-"


def _quoted(idx: list[int], quotes: Spans) -> list[bool]:
    qs = sorted(quotes)
    starts = [a for a, _ in qs]
    out = []
    for x in idx:
        k = bisect.bisect_right(starts, x) - 1
        out.append(k >= 0 and x < qs[k][1])
    return out


def doc_features(doc: Doc, quotes: Spans) -> list[dict[str, Any]]:
    """One crfsuite item per token of the doc (strings categorical, flags as 1.0), with its
    neighbours' words and tags inside its sentence. Read from flat lists, not token objects: this
    runs on every sentence of every article."""
    n = len(doc)
    fixes = lexicon.table("lemma_fixes")
    rel = doc.to_array("HEAD").astype("int64")
    heads = [i + int(r) for i, r in enumerate(rel)]
    low, lem, pos, tag, dep, shape, ent, idx = [], [], [], [], [], [], [], []
    for t in doc:
        w = t.lower_
        low.append(w)
        lem.append(fixes.get(w) or t.lemma_.lower())
        pos.append(t.pos_)
        tag.append(t.tag_)
        dep.append(t.dep_)
        shape.append(t.shape_[:4])
        ent.append(t.ent_type_ or "-")
        idx.append(t.idx)
    kids: list[set[str]] = [set() for _ in range(n)]
    for i, h in enumerate(heads):
        if h != i:
            kids[h].add(dep[i])
    bounds: list[tuple[int, int, int]] = [(0, 0, 0)] * n
    for sent in doc.sents:
        b = (sent.start, sent.end, sent.root.i)
        for i in range(sent.start, sent.end):
            bounds[i] = b
    quoted = _quoted(idx, quotes)
    own = []
    for i in range(n):
        h, k = heads[i], kids[i]
        anc_lem, anc_dep = _cue_ancestor(i, heads, lem, dep)
        root = bounds[i][2]
        f: dict[str, Any] = {
            "bias": 1.0, "low": low[i], "lem": lem[i], "pos": pos[i], "tag": tag[i], "dep": dep[i],
            "shape": shape[i], "suf3": low[i][-3:], "ent": ent[i],
            "hlem": lem[h] if h != i else "ROOT", "hdep": dep[h], "dep_hpos": f"{dep[i]}|{pos[h]}",
            "lem_dep": f"{lem[i]}|{dep[i]}", "h2lem": lem[heads[h]], "anc": anc_dep, "anc_lem": anc_lem,
            "anc_dep_pos": f"{anc_dep}|{pos[i]}", "side": "L" if i < root else "R" if i > root else "0",
        }  # fmt: skip
        flags = (
            ("quoted", quoted[i]), ("cue_lex", lem[i] in CUES), ("noun_cue", lem[i] in _NOUN_CUES),
            ("ccomp", "ccomp" in k), ("subj", "nsubj" in k or "nsubjpass" in k), ("poss", "poss" in k),
            ("xcomp", "xcomp" in k),
        )  # fmt: skip
        for name, on in flags:
            if on:
                f[name] = 1.0
        own.append(f)
    for i, f in enumerate(own):
        s, e, _ = bounds[i]
        for d in (-2, -1, 1, 2):
            j = i + d
            if s <= j < e:
                f[f"{d}:low"] = low[j]
                if abs(d) == 1:
                    f[f"{d}:pos"] = pos[j]
                    f[f"{d}:dep"] = dep[j]
                    f[f"{d}:lem"] = lem[j]
            else:
                f[f"{d}:low"] = "<S>" if d < 0 else "</S>"
    return own


# --- the model ---------------------------------------------------------------------------------------
def model_sha256(path: Path = MODEL_PATH) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def sidecar() -> dict[str, Any]:
    """The model's sidecar: feature version, training files hash, date, sha256, settings."""
    data: dict[str, Any] = json.loads(SIDECAR_PATH.read_text(encoding="utf-8"))
    return data


@lru_cache(maxsize=4)
def tagger(path: Path = MODEL_PATH) -> Any:
    """The CRF tagger, loaded once per process (the shipped one unless a path is given)."""
    import pycrfsuite

    if path == MODEL_PATH and sidecar().get("feature_version") != FEATURE_VERSION:
        raise RuntimeError("attribution model was trained on other features: run benchmarks/train_attribution.py")
    t = pycrfsuite.Tagger()
    t.open(str(path))
    return t


def tag_sentence(sent: Span, items: list[dict[str, Any]], path: Path) -> tuple[list[str], list[float]]:
    """The BIO label of each token of the sentence (its items from `doc_features`) and the marginal
    of that label for cue tokens (1.0 for the others: only a cue's confidence is used)."""
    t = tagger(path)
    labels: list[str] = t.tag(items[sent.start : sent.end])
    return labels, [t.marginal(lab, i) if lab.endswith("CUE") else 1.0 for i, lab in enumerate(labels)]


# --- from labels to drafts -------------------------------------------------------------------------
@dataclass
class Predicted:
    """One predicted attribution of a sentence: its cue run, content runs and source run."""

    cue: tuple[int, int]
    confidence: float
    content: list[tuple[int, int]]
    source: tuple[int, int] | None = None


def attributions(labels: list[str], marginals: list[float]) -> list[Predicted]:
    """Group a sentence's runs: each content and source run goes to the nearest cue run."""
    rs = bio_runs(labels)
    cues = [Predicted((a, b), min(marginals[a : b + 1]), []) for a, b, r in rs if r == "CUE"]
    if not cues:
        return []
    for a, b, role in rs:
        if role == "CUE":
            continue
        near = min(cues, key=lambda p: min(abs(a - p.cue[1]), abs(p.cue[0] - b)))
        if min(abs(a - near.cue[1]), abs(near.cue[0] - b)) > SETTINGS.max_cue_distance:
            continue
        if role == "CON":
            near.content.append((a, b))
        elif near.source is None:
            near.source = (a, b)
    return [p for p in cues if p.content]


def _root(toks: list[Token]) -> Token:
    """The token of a run whose head lies outside it (the first such one)."""
    ids = {t.i for t in toks}
    return next((t for t in toks if t.head.i not in ids or t.head.i == t.i), toks[0])


def _overlaps(span: tuple[int, int], spans: Spans) -> bool:
    s, e = span
    return any(min(e, b) - max(s, a) > 0.3 * min(e - s, b - a) for a, b in spans)


def model_drafts(doc: Doc, mentions: list[Mention], existing: list[Draft], quotes: Spans) -> list[Draft]:
    """Drafts for the attributions the model finds and no existing draft covers (content or cue)."""
    path = SETTINGS.path
    if path is None:
        return []
    text = layout_text(doc)
    taken = [sp for d in existing for sp in d.content_spans]
    cues_taken = [d.cue_span for d in existing if d.cue_span]
    out: list[Draft] = []
    items = doc_features(doc, quotes)
    for sent in doc.sents:
        if not any(t.is_alpha for t in sent):
            continue
        labels, marg = tag_sentence(sent, items, path)
        for p in attributions(labels, marg):
            d = _draft(sent, p, text, quotes, mentions)
            if d is None or _overlaps(d.content_spans[0], taken) or (d.cue_span and _overlaps(d.cue_span, cues_taken)):
                continue
            taken.append(d.content_spans[0])
            out.append(d)
    return out


def _vetoed(cue_toks: list[Token], mentions: list[Mention]) -> bool:
    """Cue verbs the rules turn down on purpose stay turned down: refusals and acts not made
    ("declined to say", "plans to announce") and, for a lexicon cue verb, whatever its rule decided
    ("called the hotline", "seeking partners to secure ...", "revealed the new findings")."""
    for t in cue_toks:
        if t.pos_ not in ("VERB", "AUX"):
            continue
        if is_refusal(t) or unrealised(t) or is_question(t) or lemma(t) in REFUSAL:
            return True
        if any(c.dep_ == "neg" for c in t.children):
            return True
        if lemma(t) in CUES and not makes_claim(t, content_from_cue(t)[1], subject(t), mentions):
            return True
    return False


def _draft(sent: Span, p: Predicted, text: str, quotes: Spans, mentions: list[Mention]) -> Draft | None:
    """The draft of one predicted attribution, if confident and whole within its paragraph."""
    if p.confidence < SETTINGS.min_cue_confidence:
        return None
    toks = list(sent)
    cue_toks = toks[p.cue[0] : p.cue[1] + 1]
    con_toks = toks[min(a for a, _ in p.content) : max(b for _, b in p.content) + 1]
    csp, cue = span_of(con_toks), span_of(cue_toks)
    if csp is None or cue is None or sum(t.is_alpha for t in con_toks) < SETTINGS.min_content_words:
        return None
    v = _root(cue_toks)
    if _vetoed(cue_toks, mentions):
        return None
    src_toks = toks[p.source[0] : p.source[1] + 1] if p.source else []
    if not any(t.pos_ in _SOURCE_POS for t in src_toks):
        src_toks = []  # a source run of function words only ("The claim that ...") names nobody
    ssp = span_of(src_toks) if src_toks else None
    src_root = _root(src_toks) if src_toks else None
    if ssp is None and v.pos_ in ("VERB", "AUX"):
        subj = subject(v)  # the parse's subject when the model marks no source
        sub_sp = source_span(subj, text) if subj is not None else None
        if sub_sp is not None:
            src_root, ssp = subj, sub_sp
    whole = [x for x in (csp, cue, ssp) if x]
    if "\n" in text[min(s for s, _ in whole) : max(e for _, e in whole)]:
        return None
    if SETTINGS.veto_sourceless_nouns and ssp is None and lemma(v) in _NOUN_CUES:
        return None
    if v.pos_ == "NOUN" and src_root is not None and not _noun_source(v, src_root):
        return None  # "Devised by Jo Doe, it answered concerns about X": Jo Doe voices no concern
    croot = _root(con_toks)
    new_verb = v.pos_ in ("VERB", "AUX") and lemma(v) not in CUES and p.confidence < SETTINGS.clause_waived_at
    if SETTINGS.clause_for_new_verbs and new_verb and not _clause(croot):
        return None  # "sanctioned a Slovakian national", "violated sanctions": acts, not statements
    if _act_of_cue_verb(v, croot):
        return None
    d = Draft(v, cue, ssp, [csp], "indirect", sent, source_root=src_root)
    d.quotes = [(qs, qe) for qs, qe in quotes if qs < csp[1] and csp[0] < qe]
    d.stance = "deny" if lemma(v) in DENY else stance(v, croot, src_root)
    return d


def _act_of_cue_verb(v: Token, croot: Token) -> bool:
    """A verb that is speech only with its preposition ("push for", "talk about") used without it,
    and no clause from the model ("pushed back a crowd"): an act, not a statement."""
    cue = lemma(v)
    if v.pos_ not in ("VERB", "AUX") or cue not in PREP_CUES or cue in SPEECH or _clause(croot):
        return False
    preps = PREP_CUES[cue]
    if any(c.dep_ == "prt" or (c.dep_ == "dobj" and c.pos_ == "PRON") or c.lower_ in preps for c in v.children):
        return False  # phrasal ("pointed out X"), an addressee ("pressed him on X"), its preposition afar
    return content_from_cue(v)[1] is None


def _noun_source(v: Token, src: Token) -> bool:
    """Whether a cue noun's source is its own: its owner ("the defense's admission", "concerns by X"),
    or the subject of the verb the noun is the object of ("voiced concerns about"); a source the
    model takes from elsewhere in the sentence speaks for another predicate."""
    if src.i in {t.i for t in v.subtree} or any(c.dep_ == "poss" for c in v.children):
        return True  # its own words, or an owner the model's source names ("his adulation of X")
    head = v.head if v.dep_ in ("dobj", "attr") else v.head.head if v.dep_ == "pobj" else None
    return head is not None and head.pos_ in ("VERB", "AUX") and src.i in {t.i for t in head.children}


def _clause(root: Token) -> bool:
    """Content that states something: a finite clause (its own subject, or "that"/"whether")."""
    if root.pos_ not in ("VERB", "AUX"):
        return False
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") or (c.dep_ == "mark" and c.lower_ != "to")
               for c in root.children)
