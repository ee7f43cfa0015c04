"""When an event happened, as `storyline.dates` defines a date.

The date comes from a time expression attached to the trigger in the parse (never the time of the
statement that reports it), else from an anchor event ("following the visit": `dates.relative`), else
from tense bounded by the dated statement that reports it or by publication (`dates.on_or_before`):
past-tense events are never dated after the statement or article that reports them. `how` always
says which.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from storyline import dates, lexicon
from storyline.extract.events.modality import report_verbs
from storyline.extract.plover import Trigger
from storyline.records import Article, DateInfo, Event, Timex
from storyline.syntax import lemma

_UNBOUNDED = ("planned", "hypothetical", "negated")  # no publication bound: it has not (yet) happened


def _timex_head(doc: Doc, tx: Timex) -> Token | None:
    span = doc.char_span(tx.start, tx.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def attach_timexes(sent: Span, timexes: list[Timex], triggers: list[Trigger]) -> dict[int, Timex]:
    """trigger token index -> the time expression of this sentence that hangs on it in the parse;
    climbing stops at a reporting verb (the time of a statement, not of the event it reports)."""
    trig_at = {t.token.i: t for t in triggers} | {t.head.i: t for t in triggers}
    attached: dict[int, Timex] = {}
    for tx in timexes:
        if not (sent.start_char <= tx.start < sent.end_char):
            continue
        node = _timex_head(sent.doc, tx)
        if node is not None and _dates_the_report(node):
            continue
        while node is not None:
            if node.i in trig_at:
                attached.setdefault(trig_at[node.i].token.i, tx)
                break
            if lemma(node) in report_verbs() or node.head.i == node.i:
                break
            node = node.head
    return attached


def _dates_the_report(node: Token) -> bool:
    """A time expression between a reporting verb and the clause it reports ("said on Monday it
    would close ..."): the parser often hangs it on the reported verb, but it dates the statement."""
    prep = node.head if node.dep_ == "pobj" else node
    verb = prep.head
    if verb.dep_ != "ccomp" or lemma(verb.head) not in report_verbs():
        return False
    report = verb.head
    rest = [t.i for t in verb.subtree if not (prep.left_edge.i <= t.i <= prep.right_edge.i)]
    return report.i < prep.left_edge.i and bool(rest) and prep.right_edge.i < min(rest)


def _report_dated_by(node: Token) -> Token | None:
    """The reporting verb a time expression (its head token) dates, if it hangs on one directly."""
    prep = node.head if node.dep_ == "pobj" else node
    if _dates_the_report(node):
        return prep.head.head
    return prep.head if lemma(prep.head) in report_verbs() and prep.head.i != prep.i else None


def statement_bound(sent: Span, timexes: list[Timex], trig: Trigger, modality: str) -> DateInfo | None:
    """On or before the dated statement that reports the event ("officials said on Tuesday that
    police had arrested two men"): a tighter bound than publication, for events told as past."""
    if modality in _UNBOUNDED or (_is_past(trig) is False and not trig.noun):
        return None
    for tx in timexes:
        if not (sent.start_char <= tx.start < sent.end_char) or not tx.last_day or tx.type not in ("DATE", "TIME"):
            continue
        node = _timex_head(sent.doc, tx)
        report = _report_dated_by(node) if node is not None else None
        if report is not None and _reported_by(trig.token, report):
            return dates.on_or_before(tx.last_day, "tense")
    return None


def _reported_by(tok: Token, report: Token) -> bool:
    """`tok` lies in a clause the reporting verb introduces (its ccomp), not in the report itself."""
    node = tok
    while node.head.i != node.i:
        if node.head.i == report.i:
            return node.dep_ in ("ccomp", "xcomp")
        node = node.head
    return False


def own_date(tx: Timex | None) -> DateInfo | None:
    """The event's own date from its time expression (explicit or relative, as `dates` decides)."""
    return dates.from_timex(tx) if tx is not None else None


def _is_past(trig: Trigger) -> bool | None:
    """True for past tense, False for present/future, None when the parse shows no tense."""
    node = trig.head
    if trig.noun and node.i == trig.token.i:
        node = trig.token.head if trig.token.head.pos_ in ("VERB", "AUX") else node
        if node.pos_ not in ("VERB", "AUX"):
            return None
    aux = {c.lower_ for c in node.children if c.dep_ in ("aux", "auxpass")}
    if node.tag_ == "VBD" or aux & {"had", "did", "was", "were"}:
        return True
    if node.tag_ == "VBN" and aux & {"has", "have"}:
        return True
    if node.tag_ in ("VBZ", "VBP") or aux & {"is", "are", "am", "will", "shall"}:
        return False
    return None


def publication_bound(article: Article, trig: Trigger, modality: str) -> DateInfo | None:
    """On or before publication, for events presented as having happened; None otherwise."""
    if not article.published or modality in _UNBOUNDED:
        return None
    past = _is_past(trig)
    if past is False and not trig.noun and trig.head.tag_ != "VBG":
        return None
    return dates.on_or_before(article.published, "tense" if past else "publication")


def relative_anchor(trig: Trigger) -> tuple[Token, str, str] | None:
    """("following the visit", ...): the event noun a temporal preposition relates this event to,
    with the relation (after, before, during) and the words."""
    rels: dict[str, str] = lexicon.table("event_time_relations")
    for holder in {trig.token, trig.head}:
        for child in holder.children:
            word = lemma(child)
            if word not in rels or child.dep_ not in ("prep", "advcl", "npadvmod", "acl"):
                continue
            obj = next((p for p in child.subtree if p.dep_ == "pobj"), None)
            if obj is None:
                continue
            target = obj
            if lemma(obj) in rels:  # "in the aftermath of X", "in the wake of X"
                inner = next((p for p in obj.subtree if p.dep_ == "pobj" and p.i != obj.i), None)
                target = inner if inner is not None else obj
            span = holder.doc[child.left_edge.i : child.right_edge.i + 1]
            return target, rels[word], span.text
    return None


def relative_date(anchor: Event | None, relation: str, text: str, article: Article) -> DateInfo:
    """A date relative to another event of the article, resolved where that event has a date;
    otherwise kept open with the anchor's id so consolidation can resolve it from other sources."""
    return dates.relative(
        relation, text, anchor.id if anchor else None, anchor.date if anchor else None, article.published
    )

