"""Attributed claims: who said (or denied, or believes) what, when, with the exact spans.

Two passes over the parsed article, both linear in its length:
1. cues (`cues`): verbs ("said", "told", "denied", "accused", "called for", "made the case that")
   with their syntactic source (`speakers`) and content (`content`); actors' wants, plans and
   beliefs ("Iran wants to ...") as `hedge`; cue nouns with an owner ("X's claim that ...");
   unattributed hearsay ("it was reported that", "X reportedly ...") as `hedge` without a speaker;
   "according to X"; quoted text inside the content makes the claim `mixed` or `direct`;
2. quotations not yet used (`quotes`): a cue in the dialogue tag or before the quote; a second quote
   continues the same claim (split quotes); a paragraph that is only a quote continues the previous
   speaker (news convention); 'Name: ...' paragraphs.
Then, in text order, speakers are resolved to entity keys (`speakers`), the stance (`stance`) and
kind are fixed, and the date of the speech act is read from the cue; last, claims reported inside
other claims, accusation targets and denials of "the accusation" are linked (`nested`). Anonymous sources stay `None`
with their words in `speaker_text`. This follows the rule families of quote extractors such as the
SFU Gender Gap Tracker, written anew. Vocabularies live in `storyline/lexicon` (see `vocab`).
"""

from __future__ import annotations

from spacy.tokens import Doc

from storyline import dates
from storyline.records import Article, Claim, DateInfo, Evidence, Mention, Timex
from storyline.syntax import doc_text

from .content import clean_content, content_kind
from .cues import according_to_drafts, hearsay_adverb_drafts, nominal_drafts, verb_drafts
from .draft import Draft, Spans, layout_text, subtree_span
from .model import model_drafts
from .nested import link_claims
from .quotes import absorb_quotes, attribute_quotes, colon_paragraphs, find_quotes
from .speakers import SpeakerContext, first_person_in_quote, quote_speaker, resolve_speaker
from .vocab import ANAPHORIC_CONTENTS

__all__ = ["extract_claims", "find_quotes"]


def extract_claims(article: Article, doc: Doc, mentions: list[Mention], timexes: list[Timex]) -> list[Claim]:
    """All attributed claims of one article, in text order, with speaker keys and spans."""
    quotes = find_quotes(layout_text(doc))
    drafts = _drafts(doc, mentions, quotes)
    ctx = SpeakerContext(doc, mentions, quotes)
    drafts.sort(key=_text_order)  # speakers resolve in text order: pronouns look back
    claims: list[Claim] = []
    made: list[Draft] = []
    for d in drafts:
        if d.content_spans:
            _resolve(d, drafts, ctx)
            claims.append(_claim(d, article, doc_text(doc), timexes, len(claims) + 1))
            made.append(d)
    link_claims(claims, made, ctx)
    return claims


def _drafts(doc: Doc, mentions: list[Mention], quotes: Spans) -> list[Draft]:
    """Every claim draft: parsed cues (pass 1), then the quotations they leave (pass 2)."""
    drafts, used_cues = verb_drafts(doc, mentions, quotes)
    drafts += nominal_drafts(doc, quotes)
    drafts += hearsay_adverb_drafts(doc, quotes)
    drafts += according_to_drafts(doc)
    used_quotes = absorb_quotes(layout_text(doc), drafts, quotes)
    attribute_quotes(doc, mentions, quotes, used_quotes, drafts, used_cues)
    drafts += colon_paragraphs(doc, mentions, drafts, quotes)
    drafts += model_drafts(doc, mentions, drafts, quotes)  # what the trained model finds and the rules miss
    text = layout_text(doc)
    return [d for d in drafts if not inner_hearsay(d, drafts, quotes) and not _points_back(d, text)]


def _points_back(d: Draft, text: str) -> bool:
    """Content that is one word pointing back ("they agreed with that", "he said so"), not denied."""
    words = " ".join(text[s:e] for s, e in d.content_spans).strip(' .,;"“”').lower()
    return d.stance != "deny" and words in ANAPHORIC_CONTENTS


def inner_hearsay(d: Draft, drafts: list[Draft], quotes: Spans) -> bool:
    """A claim with no source whose cue lies in a quotation or in a sourced claim's content ('"Rates
    are expected to fall," O'Malley said'): the hedge is the quoted or reporting speaker's own words,
    already in that claim, not a second claim by nobody."""
    if d.source_span is not None or d.speaker is not None or d.follows is not None or d.cue_span is None:
        return False
    cue = d.cue_span[0]
    if any(qs <= cue < qe for qs, qe in quotes):
        return True
    return any(
        e is not d and (e.source_span is not None or e.speaker is not None) and any(s <= cue < t for s, t in e.content_spans)
        for e in drafts
    )


def _text_order(d: Draft) -> int:
    return min([s for s, _ in d.content_spans] + [d.cue_span[0] if d.cue_span else 10**9])


def _resolve(d: Draft, drafts: list[Draft], ctx: SpeakerContext) -> None:
    """Fix a draft's speaker (continued speech, a named colon speaker, its source, or the quoted
    speaker of a first-person source) and its kind; record the speaker for later pronouns."""
    speaker: str | None
    if d.follows is not None:
        speaker, stext = d.follows.resolved, d.follows.speaker_text
    elif d.cue_tok is None and d.speaker is not None:
        speaker, stext = d.speaker or None, d.speaker_text
    else:
        speaker, stext = resolve_speaker(d, ctx)
    if speaker is None and first_person_in_quote(d, ctx.quotes):
        speaker = quote_speaker(d, drafts, ctx.text, ctx.quotes)
    d.resolved, d.speaker_text = speaker, stext
    root = d.source_root if d.follows is None else None
    ctx.spoke(d.cue_span[0] if d.cue_span else d.content_spans[0][0], speaker, stext, root)
    d.kind = content_kind(d)


def _claim(d: Draft, article: Article, text: str, timexes: list[Timex], n: int) -> Claim:
    """The claim record of a resolved draft, with its evidence spans and sentence."""
    cs = min(s for s, _ in d.content_spans)
    ce = max(e for _, e in d.content_spans)
    spans = [x for x in (d.source_span, d.cue_span, (cs, ce)) if x]
    ev_s = min(s for s, _ in spans)
    ev_e = max(e for _, e in spans)
    ev = Evidence(
        article.id,
        ev_s,
        ev_e,
        sentence=text[min(d.sent.start_char, ev_s) : max(d.sent.end_char, ev_e)].strip(),
        source_span=list(d.source_span) if d.source_span else None,
        cue_span=list(d.cue_span) if d.cue_span else None,
        content_span=[cs, ce],
    )
    return Claim(
        id=f"{article.id}:c{n}",
        speaker=d.resolved,
        speaker_text=d.speaker_text,
        cue=text[d.cue_span[0] : d.cue_span[1]] if d.cue_span else "",
        stance=d.stance,
        kind=d.kind,
        content=" ".join(clean_content(text[s:e]) for s, e in d.content_spans),
        said_on=said_on(d, timexes, article.published),
        evidence=[ev],
    )


def said_on(draft: Draft, timexes: list[Timex], published: str | None) -> DateInfo | None:
    """When the claim was made: a resolved date attached to the cue ("said on Thursday", outside
    the content), else on or before publication."""
    v = draft.cue_tok
    if v is not None:
        ranges = []
        for c in v.children:
            if c.dep_ in ("npadvmod", "tmod", "prep", "advmod") and c.i != v.i:
                sp = subtree_span(c)
                if sp and not any(cs <= sp[0] < ce for cs, ce in draft.content_spans):
                    ranges.append(sp)
        for t in timexes:
            day = dates.from_timex(t)
            if day is not None and any(t.start < re_ and rs < t.end for rs, re_ in ranges):
                return day
    return dates.on_or_before(published, "publication") if published else None
