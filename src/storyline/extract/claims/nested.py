"""Links between the claims of one article: nested attribution and what a stance is aimed at.

"X said that Y denied Z" gives two claims; Y's is `reported_by` X's (its cue lies in X's content),
so Y's own stance is kept apart from X's words. An accusation ("accused X of Y") has X as `target`;
a denial has the denied words as `target`, and a denial of "the accusation" / "the reports" is
linked through `target_claims` to the earlier claims of the article that the noun refers back to.
"""

from __future__ import annotations

from spacy.tokens import Token

from storyline.consolidate.claims import refers_back
from storyline.records import Claim
from storyline.syntax import lemma

from .draft import Draft, subtree_span
from .speakers import SpeakerContext, entity_key
from .vocab import ACCUSE_CONTENT, DENY, HEARSAY_PASSIVE

# Cues whose claims are reports (what "the reports" refers back to).
_REPORT_CUES = frozenset({"report"}) | HEARSAY_PASSIVE


def link_claims(claims: list[Claim], drafts: list[Draft], ctx: SpeakerContext) -> None:
    """Set `reported_by`, `target` and `target_claims` of the article's claims (parallel to `drafts`)."""
    for i, outer in _reporters(drafts).items():
        if _same_speaker(claims[i], claims[outer]):
            continue
        claims[i].reported_by = claims[outer].id
    for c, d in zip(claims, drafts, strict=True):
        if d.target_tok is not None:
            c.target = _target_of(d.target_tok, ctx)
        elif c.stance == "deny" and (d.cue_tok is None or lemma(d.cue_tok) in DENY):
            c.target = c.content  # a denial by cue, not a negated statement ("said it would not")
    for i, c in enumerate(claims):
        ref = refers_back(c.content) if c.stance == "deny" else None
        if ref is not None:
            c.target_claims = _referents(claims[:i], drafts[:i], c, *ref)


def _reporters(drafts: list[Draft]) -> dict[int, int]:
    """For each draft whose cue lies inside another draft's content, the innermost such draft."""
    out: dict[int, int] = {}
    for i, d in enumerate(drafts):
        if d.cue_span is None:
            continue
        pos = d.cue_span[0]
        best: tuple[int, int] | None = None
        for j, o in enumerate(drafts):
            if j == i or o.cue_span is None or o.cue_span[0] <= pos < o.cue_span[1]:
                continue
            if any(s <= pos < e for s, e in o.content_spans):
                size = sum(e - s for s, e in o.content_spans)
                if best is None or size < best[0]:
                    best = (size, j)
        if best is not None:
            out[i] = best[1]
    return out


def _same_speaker(a: Claim, b: Claim) -> bool:
    """A speaker's claim inside their own speech ("our information indicates") reports no one else."""
    if a.speaker and b.speaker:
        return a.speaker == b.speaker
    return a.speaker_text.lower() == b.speaker_text.lower() and bool(a.speaker_text)


def _target_of(tok: Token, ctx: SpeakerContext) -> str:
    """Entity key of the accused, else the words that name them."""
    key = entity_key(tok, ctx)
    if key is not None:
        return key
    deed_preps = {p for ps in ACCUSE_CONTENT.values() for p in ps}
    drop = {t.i for c in tok.children if c.dep_ == "prep" and c.lower_ in deed_preps for t in c.subtree}
    sp = subtree_span(tok, drop)
    return ctx.text[sp[0] : sp[1]] if sp else tok.text


def is_accusation(cue_lemma: str, target: str | None) -> bool:
    return target is not None and cue_lemma in ACCUSE_CONTENT or cue_lemma in ("allege", "claim")


def _referents(
    earlier: list[Claim], drafts: list[Draft], denial: Claim, kind: str, plural: bool
) -> list[str]:
    """The earlier claims by others that a denial's anaphoric noun refers to: of the noun's class,
    those aimed at the denier first; all of them for a plural noun, else the latest."""
    others = [(c, d) for c, d in zip(earlier, drafts, strict=True) if not _same_speaker(c, denial)]
    if kind == "accusation":
        fit = [c for c, d in others if is_accusation(_cue_lemma(d), c.target)]
    elif kind == "report":
        fit = [
            c
            for c, d in others
            if _cue_lemma(d) in _REPORT_CUES or (c.speaker is None and c.stance == "hedge")
        ]
    else:
        fit = [c for c, _ in others]
    aimed = [c for c in fit if denial.speaker and c.target == denial.speaker]
    fit = aimed or fit
    if not fit:
        return []
    return [c.id for c in fit] if plural else [fit[-1].id]


def _cue_lemma(d: Draft) -> str:
    return lemma(d.cue_tok) if d.cue_tok is not None else ""
