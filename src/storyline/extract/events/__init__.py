"""Event extraction: PLOVER-typed events from every sentence, with actors, modality and their own date.

The driver `extract_events` runs, per sentence: the triggers (`triggers`: PLOVER words kept only when
someone acts), their participants (`participants`), modality (`modality`: asserted, reported, denied,
planned, hypothetical, negated), date (`dating`, through `storyline.dates`) and a summary quoted from
the sentence (`summaries`); then folds the triggers of one act into one event.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from storyline.extract.events import timeml
from storyline.extract.events.dating import (
    attach_timexes,
    own_date,
    publication_bound,
    relative_anchor,
    relative_date,
    shared_date,
    statement_bound,
)
from storyline.extract.events.modality import (
    MODALITY_RANK,
    ClaimSpans,
    claim_spans,
    in_headlines,
    modality_of,
    with_claim,
)
from storyline.extract.events.participants import find_participants
from storyline.extract.events.summaries import summary
from storyline.extract.events.triggers import fold_content, junk, merge_duplicates, triggers_in
from storyline.extract.plover import Trigger
from storyline.records import Article, Claim, Event, Evidence, Mention, Timex
from storyline.syntax import MentionIndex

__all__ = ["extract_events", "MODALITY_RANK"]

_Pending = tuple[Event, Token, str, str]  # event, anchor noun, relation, words ("following the visit")


def _event(article: Article, sent: Span, trig: Trigger, idx: MentionIndex, spans: ClaimSpans,
           tx: Timex | None, check: bool = True) -> Event | None:  # fmt: skip
    """The event one trigger reports, or None when it is no event (`triggers.junk`, PLOVER only)."""
    tok = trig.token
    parts = find_participants(trig, idx)
    if check and junk(trig, parts, idx) is not None:
        return None
    mod, claim_ids = with_claim(modality_of(trig), tok, spans)
    return Event(
        id="",
        type=trig.type,
        mode=trig.mode,
        actors=parts.actors,
        recipients=parts.recipients,
        objects=parts.objects,
        location=parts.location,
        date=own_date(tx),
        modality=mod,
        summary=summary(trig, parts),
        evidence=[
            Evidence(article.id, sent.start_char, sent.end_char, sentence=sent.text.strip(),
                     cue_span=[tok.idx, tok.idx + len(tok.text)])
        ],  # fmt: skip
        claims=claim_ids,
        sources=[article.id],
        outlets=[article.outlet] if article.outlet else [],
    )


def _plover_events(article: Article, sent: Span, timexes: list[Timex], idx: MentionIndex,
                   spans: ClaimSpans) -> tuple[list[tuple[Event, Trigger]], set[int]]:  # fmt: skip
    """The sentence's PLOVER events, one per act, and the tokens they hold (triggers and heads,
    folded and merged ones included)."""
    triggers = triggers_in(sent, article)
    if not triggers:
        return [], set()
    attached = attach_timexes(sent, timexes, triggers)
    found = []
    for trig in triggers:
        ev = _event(article, sent, trig, idx, spans, attached.get(trig.token.i))
        if ev is not None:
            found.append((ev, trig))
    typed = {t.token.i for _e, t in found} | {t.head.i for _e, t in found}
    return merge_duplicates(fold_content(in_headlines(found, article))), typed


def _sentence_events(article: Article, sent: Span, timexes: list[Timex], idx: MentionIndex,
                     spans: ClaimSpans, cues: list[tuple[int, int]]) -> list[tuple[Event, Trigger]]:  # fmt: skip
    """One sentence's events: PLOVER-typed ones with their TimeML attributes, then OTHER events for
    the TimeML mentions no PLOVER event holds (`timeml`)."""
    plover, typed = _plover_events(article, sent, timexes, idx, spans)
    found = timeml.mentions_in(sent, article)
    for ev, trig in plover:
        m = timeml.match(trig, found)
        if m is not None:
            timeml.annotate(ev, article, m, sent.doc[m.head])
        else:
            ev.triggers.append(Evidence(article.id, trig.token.idx, trig.token.idx + len(trig.token.text)))
    others = timeml.other_triggers(sent, found, typed, cues)
    if not others:
        return plover
    # attached separately, so PLOVER events keep the dates they had without this layer
    attached = attach_timexes(sent, timexes, [t for _e, t in plover] + [t for t, _m in others])
    extra = []
    for trig, m in others:
        tx = attached.get(trig.token.i)
        other = _event(article, sent, trig, idx, spans, tx, check=False)
        if other is not None and not timeml.bare_nominal(other, trig, tx is not None):
            timeml.annotate(other, article, m, trig.token)
            extra.append((other, trig))
    return plover + in_headlines(extra, article)


def extract_events(
    article: Article, doc: Doc, mentions: list[Mention], timexes: list[Timex], claims: list[Claim]
) -> list[Event]:
    """Events from every sentence of one article (several per sentence allowed)."""
    idx = MentionIndex([m for m in mentions if m.article in (article.id, "")])
    spans = claim_spans(claims, article.id)
    cues = timeml.cue_spans(claims, article.id)
    events: list[Event] = []
    by_token: dict[int, Event] = {}
    pending: list[_Pending] = []  # dated relative to another event of the article, once all are known
    for sent in doc.sents:
        if not sent.text.strip():
            continue
        found = _sentence_events(article, sent, timexes, idx, spans, cues)
        dated = [(ev, trig) for ev, trig in found if ev.date is not None]
        for ev, trig in found:
            ev.id = f"{article.id}:e{len(events)}"
            events.append(ev)
            by_token[trig.token.i] = ev
            if ev.date is not None:
                continue
            rel = relative_anchor(trig)
            if rel is not None:
                pending.append((ev, *rel))
            else:
                ev.date = (shared_date(trig, ev.modality, dated, sent, timexes) or statement_bound(sent, timexes, trig, ev.modality)
                           or publication_bound(article, trig, ev.modality))  # fmt: skip
    for ev, anchor_tok, relation, text in pending:
        ev.date = relative_date(by_token.get(anchor_tok.i), relation, text, article)
    return events
