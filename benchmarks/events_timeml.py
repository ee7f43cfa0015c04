"""Score the TimeML event-mention detector (storyline.extract.mentions) on the TBAQ dev split.

The dev split is the one ``benchmarks/train_events.py`` holds out (every 5th .tml file by sorted name,
52 documents); the model never saw it. Figures, TempEval-3 style:
- extent P/R/F1 *strict* (identical character extents) and *relaxed* (overlapping, one-to-one);
- class accuracy over relaxed matches, and class F1 (a match counts when its class is right too);
- tense, aspect and polarity accuracy over relaxed matches (gold from MAKEINSTANCE); polarity is also
  given without the AQUAINT files whose gold marks most events NEG (`plausible_polarity`).
- event-time anchoring: the dating code (`events.dating.attach_timexes`) run on the model's mentions and
  the gold TIMEX3 spans, scored against the TLINKs that put an event inside a time expression.
Two baselines computed in the same run on the same parse: every verb (spaCy POS VERB) is an OCCURRENCE
event, and the same plus every noun of the PLOVER trigger lexicon, with the same tense/aspect/polarity rules.

    .venv/bin/python benchmarks/events_timeml.py [--data DIR] [--errors FILE]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from train_events import DEFAULT, GoldEvent, TmlDoc, parse, read_tml, split  # noqa: E402


@dataclass
class Sys:
    start: int
    end: int
    cls: str
    tense: str
    aspect: str
    polarity: str


@dataclass
class Score:
    gold: int = 0
    sys: int = 0
    strict: int = 0
    relaxed: int = 0
    cls_ok: int = 0
    tense_ok: int = 0
    aspect_ok: int = 0
    pol_ok: int = 0
    pol_n_clean: int = 0  # matches in documents whose gold polarity is plausible (see `plausible_polarity`)
    pol_ok_clean: int = 0
    confusion: Counter = field(default_factory=Counter)

    def add(self, gold: list[GoldEvent], found: list[Sys]) -> list[tuple[str, str, str]]:
        """Match one document; returns (kind, gold, sys) error rows."""
        clean = plausible_polarity(gold)
        self.gold += len(gold)
        self.sys += len(found)
        used: set[int] = set()
        errors = []
        for g in gold:
            hit = next((i for i, s in enumerate(found) if i not in used and s.start == g.start and s.end == g.end),
                       None)
            if hit is None:
                hit = next((i for i, s in enumerate(found)
                            if i not in used and s.start < g.end and g.start < s.end), None)
            else:
                self.strict += 1
            if hit is None:
                errors.append(("missed", f"{g.text}/{g.cls}", ""))
                continue
            used.add(hit)
            s = found[hit]
            self.relaxed += 1
            self.cls_ok += s.cls == g.cls
            self.tense_ok += s.tense == g.tense
            self.aspect_ok += s.aspect == g.aspect
            self.pol_ok += s.polarity == g.polarity
            if clean:
                self.pol_n_clean += 1
                self.pol_ok_clean += s.polarity == g.polarity
            self.confusion[(g.cls, s.cls)] += 1
            if s.cls != g.cls:
                errors.append(("class", f"{g.text}/{g.cls}", s.cls))
            if s.tense != g.tense:
                errors.append(("tense", f"{g.text}/{g.tense}", s.tense))
        for i, s in enumerate(found):
            if i not in used:
                errors.append(("spurious", "", f"{s.start}-{s.end}/{s.cls}"))
        return errors

    def lines(self, name: str) -> list[str]:
        def prf(n: int) -> str:
            p = n / self.sys if self.sys else 0.0
            r = n / self.gold if self.gold else 0.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            return f"P {100 * p:5.1f} R {100 * r:5.1f} F1 {100 * f:5.1f}"

        m = self.relaxed or 1
        return [
            f"{name}: gold {self.gold}, system {self.sys}",
            f"  extent strict   {prf(self.strict)}",
            f"  extent relaxed  {prf(self.relaxed)}",
            f"  class F1        {prf(self.cls_ok)}",
            f"  on {self.relaxed} relaxed matches: class acc {100 * self.cls_ok / m:5.1f}  "
            f"tense acc {100 * self.tense_ok / m:5.1f}  aspect acc {100 * self.aspect_ok / m:5.1f}  "
            f"polarity acc {100 * self.pol_ok / m:5.1f}",
            f"  polarity acc {100 * self.pol_ok_clean / (self.pol_n_clean or 1):5.1f} on the {self.pol_n_clean} "
            f"matches in documents with plausible gold polarity",
        ]


def plausible_polarity(gold: list[GoldEvent]) -> bool:
    """False for the AQUAINT files whose MAKEINSTANCEs mark most events NEG (an annotation slip: 27 of
    27, 118 of 118 ...); news text negates a few percent of its events, so a document with more than
    half NEG is left out of the second polarity figure."""
    neg = sum(g.polarity == "NEG" for g in gold)
    return neg <= len(gold) / 2


def model_mentions(sdoc) -> list[Sys]:
    from storyline.extract.mentions import detect

    return [Sys(m.start, m.end, m.cls, m.tense, m.aspect, m.polarity) for m in detect(sdoc)]


def baseline_mentions(sdoc, nouns: bool = False) -> list[Sys]:
    """Every verb (and, with ``nouns``, every noun the PLOVER lexicon lists as an event) as an OCCURRENCE."""
    from storyline.extract import plover
    from storyline.extract.mentions import polarity, tense_aspect
    from storyline.syntax import lemma

    out = []
    for tok in sdoc:
        if tok.pos_ == "VERB" or (nouns and tok.pos_ == "NOUN" and plover.is_event_noun(lemma(tok))):
            tense, aspect = tense_aspect(tok)
            out.append(Sys(tok.idx, tok.idx + len(tok), "OCCURRENCE", tense, aspect, polarity(tok)))
    return out


_ANCHOR_E_T = {"IS_INCLUDED", "DURING", "SIMULTANEOUS", "IDENTITY"}  # event -> time: the time contains it
_ANCHOR_T_E = {"INCLUDES", "DURING", "SIMULTANEOUS", "IDENTITY"}  # time -> event


def gold_anchors(d: TmlDoc) -> dict[str, set[str]]:
    """eid -> tids of the (non-DCT) time expressions that contain the event, from the TLINKs."""
    eid_of = {ei: e.eid for e in d.events for ei in e.eiids}
    out: dict[str, set[str]] = {}
    for t in d.tlinks:
        rel = t.get("relType", "")
        if "eventInstanceID" in t and "relatedToTime" in t and rel in _ANCHOR_E_T:
            ei, tid = t["eventInstanceID"], t["relatedToTime"]
        elif "timeID" in t and "relatedToEventInstance" in t and rel in _ANCHOR_T_E:
            ei, tid = t["relatedToEventInstance"], t["timeID"]
        else:
            continue
        if tid != "t0" and ei in eid_of:
            out.setdefault(eid_of[ei], set()).add(tid)
    return out


@dataclass
class Anchoring:
    gold: int = 0  # gold events with a containing time expression, found by the model
    attached: int = 0  # of all matched events, those our dating attaches a time expression to
    right: int = 0  # attached to a time expression that gold says contains the event
    attached_gold: int = 0  # attachments of events that have a gold anchor
    recalled: int = 0  # gold anchored events attached to one of their gold anchors

    def add(self, d: TmlDoc, sdoc) -> None:
        from storyline.extract.events.dating import attach_timexes
        from storyline.extract.events.timeml import _head
        from storyline.extract.mentions import detect_sentence
        from storyline.extract.plover import Trigger
        from storyline.records import Timex

        anchors = gold_anchors(d)
        timexes = [Timex(t.start, t.end, "", t.type, t.value) for t in d.timexes]
        tid_at = {(t.start, t.end): t.tid for t in d.timexes}
        for sent in sdoc.sents:
            found = detect_sentence(sent)
            trigs = [Trigger(sdoc[m.head], "OTHER", None, _head(sdoc[m.head])) for m in found]
            attached = attach_timexes(sent, timexes, trigs)
            for m in found:
                g = next((e for e in d.events if e.start < m.end and m.start < e.end), None)
                if g is None:
                    continue
                tx = attached.get(m.head)
                gold = anchors.get(g.eid, set())
                self.gold += bool(gold)
                if tx is None:
                    continue
                ok = tid_at.get((tx.start, tx.end)) in gold
                self.attached += 1
                self.right += ok
                self.attached_gold += bool(gold)
                self.recalled += ok

    def lines(self) -> list[str]:
        return [
            "event-time anchoring (gold TIMEX3 spans; TLINKs IS_INCLUDED/INCLUDES/DURING/SIMULTANEOUS, DCT left out):",
            f"  {self.attached} model mentions attached to a time expression by the dating code; "
            f"{self.right} to one gold says contains the event: accuracy {100 * self.right / (self.attached or 1):5.1f}",
            f"  of those whose gold event has an anchor link ({self.attached_gold}): "
            f"{100 * self.recalled / (self.attached_gold or 1):5.1f} right",
            f"  recall: {self.recalled} of {self.gold} gold-anchored matched events "
            f"({100 * self.recalled / (self.gold or 1):5.1f})",
        ]


def run(data: Path, errors: Path | None) -> None:
    _, dev_files = split(data)
    docs: list[TmlDoc] = [read_tml(p) for p in dev_files]
    t0 = time.time()
    parsed = parse(docs)
    t_parse = time.time() - t0
    model, base, base2 = Score(), Score(), Score()
    rows = []
    t1 = time.time()
    for d, sdoc in zip(docs, parsed, strict=True):
        for kind, g, s in model.add(d.events, model_mentions(sdoc)):
            rows.append(f"{d.name}\t{kind}\t{g}\t{s}")
    t_model = time.time() - t1
    anchoring = Anchoring()
    for d, sdoc in zip(docs, parsed, strict=True):
        base.add(d.events, baseline_mentions(sdoc))
        base2.add(d.events, baseline_mentions(sdoc, nouns=True))
        anchoring.add(d, sdoc)
    print(f"TBAQ dev split: {len(docs)} documents (every 5th by sorted name); parse {t_parse:.0f}s, "
          f"tagging {t_model:.1f}s")
    print("\n".join(model.lines("model (CRF)")))
    print("\n".join(base.lines("baseline (every VERB is an OCCURRENCE)")))
    print("\n".join(base2.lines("baseline (every VERB and PLOVER event noun is an OCCURRENCE)")))
    print("\n".join(anchoring.lines()))
    print("class confusion (gold -> system, top 10 errors):")
    for (g, s), n in sorted(((k, v) for k, v in model.confusion.items() if k[0] != k[1]),
                            key=lambda kv: -kv[1])[:10]:
        print(f"  {g:11s} -> {s:11s} {n}")
    if errors:
        errors.write_text("\n".join(rows) + "\n", encoding="utf-8")
        print(f"{len(rows)} error rows -> {errors}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT)
    ap.add_argument("--errors", type=Path, default=None)
    args = ap.parse_args(argv)
    if not args.data.is_dir():
        print(f"no data at {args.data}", file=sys.stderr)
        return 2
    run(args.data, args.errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
