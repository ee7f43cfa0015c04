"""When an event happened, as `storyline.dates` defines a date.

The date comes from a time expression attached to the trigger in the parse (never the time of the
statement that reports it; an occasion's date also dates what was done at it: "raised it in
yesterday's hearing"), else from an anchor event ("following the visit": `dates.relative`), else from
a clause of the same sentence that happens at the same time and has its own date ("police raided the
house on Monday and arrested two men": `how` "sentence"), else from tense bounded by the dated
statement that reports it or by publication (`dates.on_or_before`): past-tense events are never dated
after the statement or article that reports them. `how` always says which; no day is ever guessed.
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
    climbing stops at a reporting verb (the time of a statement, not of the event it reports). An
    event noun's date also dates the verb that acts at that occasion (`_occasion_verb`)."""
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
                verb = _occasion_verb(node)
                if verb is not None and verb.i in trig_at:
                    attached.setdefault(trig_at[verb.i].token.i, tx)
                break
            if lemma(node) in report_verbs() or node.head.i == node.i:
                break
            node = node.head
    return attached


def _occasion_verb(noun: Token) -> Token | None:
    """The verb done at an occasion ("raised it in yesterday's hearing" -> raised): the event noun is
    the object of "in"/"at"/"during" on that verb, which is no reporting verb."""
    prep = noun.head
    if noun.pos_ != "NOUN" or noun.dep_ != "pobj" or prep.lower_ not in lexicon.words("occasion_prepositions"):
        return None
    verb = prep.head
    if verb.pos_ not in ("VERB", "AUX") or lemma(verb) in report_verbs():
        return None
    return verb


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


def clause_verb(trig: Trigger) -> Token | None:
    """The verb of the trigger's clause, for verbal triggers only (event nouns keep their own time)."""
    if trig.noun:
        return None
    node = trig.head
    return node if node.pos_ in ("VERB", "AUX") else None


def _tense_key(verb: Token) -> tuple[str, bool, bool]:
    """What a tense shift changes: the verb's tag class, a perfect ("had"), a future or modal."""
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    perfect = bool(aux & {"had", "has", "have"})
    modal = any(c.tag_ == "MD" for c in verb.children if c.dep_ == "aux")
    past = verb.tag_ == "VBD" or bool(aux & {"was", "were", "did"})
    return ("past" if past else verb.tag_), perfect, modal


def _marker(verb: Token) -> str | None:
    """The subordinator of a clause ("after", "as"; "when" is parsed as a WRB adverb)."""
    return next((c.lower_ for c in verb.children if c.dep_ == "mark" or (c.dep_ == "advmod" and c.tag_ == "WRB")),
                None)  # fmt: skip


def _contrasted(verb: Token) -> bool:
    """A conjunct joined by "but" / "yet" ("was arrested in 2003, but was found not guilty"): a
    contrast, often of another time."""
    return verb.dep_ == "conj" and any(c.dep_ == "cc" and c.lower_ in lexicon.words("contrast_conjunctions")
                                       for c in verb.head.children if c.i < verb.i)  # fmt: skip


def _conj_root(tok: Token) -> Token:
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok


def same_time_clause(verb: Token, dated: Token) -> bool:
    """Whether `verb`'s clause happens when `dated`'s does: coordinated with it, or one is a "when /
    as / while" clause of the other, or a bare participle clause of it ("struck on Tuesday, killing
    hundreds"), not across "but", with no tense shift (past perfect, modal, present against past) between them."""
    if verb.i == dated.i:
        return False
    participle = verb.dep_ == "advcl" and verb.head.i == dated.i and verb.tag_ == "VBG" and _marker(verb) is None \
        and not any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in verb.children)
    if participle:
        return True
    simult = lexicon.words("simultaneity_markers")
    linked = (
        (verb.dep_ == "conj" or dated.dep_ == "conj") and _conj_root(verb).i == _conj_root(dated).i
        and not _contrasted(verb) and not _contrasted(dated)
    ) or (verb.dep_ == "advcl" and verb.head.i == dated.i and _marker(verb) in simult) or (
        dated.dep_ == "advcl" and dated.head.i == verb.i and _marker(dated) in simult
    )
    return linked and _tense_key(verb) == _tense_key(dated)


def shared_date(trig: Trigger, modality: str, dated: list[tuple[Event, Trigger]], sent: Span,
                timexes: list[Timex]) -> DateInfo | None:  # fmt: skip
    """The own date of a same-time clause of this sentence (`same_time_clause`), marked ``how``
    "sentence", for an event told as happened that has no time expression of its own. Only in a
    sentence with one date ("led X to default in 1998 and plunged Y into ... in 2001" has two, and
    which one the bare verb takes the parse does not say), and never "now" (no calendar date)."""
    verb = clause_verb(trig)
    if verb is None or modality in _UNBOUNDED:
        return None
    in_sent = [t for t in timexes if sent.start_char <= t.start < sent.end_char and t.type in ("DATE", "TIME")]
    if len(in_sent) != 1:
        return None
    for ev, other in dated:
        other_verb = clause_verb(other)
        d = ev.date
        if other_verb is None or not dates.is_own(d) or d is None or ev.modality in _UNBOUNDED:
            continue
        if d.precision == "unknown":
            continue
        if same_time_clause(verb, other_verb):
            return DateInfo(d.first_day, d.last_day, d.precision, d.text, "sentence", relation="on")
    return None


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

