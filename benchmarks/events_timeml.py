"""Score the TimeML event-mention detector (storyline.extract.mentions) on the TBAQ dev split.

The dev split is the one ``benchmarks/train_events.py`` holds out (every 5th .tml file by sorted name,
52 documents); the model never saw it. Figures, TempEval-3 style:
- extent P/R/F1 *strict* (identical character extents) and *relaxed* (overlapping, one-to-one);
- class accuracy over relaxed matches, and class F1 (a match counts when its class is right too);
- tense, aspect and polarity accuracy over relaxed matches (gold from MAKEINSTANCE); polarity is also
  given without the AQUAINT files whose gold marks most events NEG (`plausible_polarity`).
A baseline computed in the same run on the same parse: every verb (spaCy POS VERB) is an OCCURRENCE
event, with the same tense/aspect/polarity rules.

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


def baseline_mentions(sdoc) -> list[Sys]:
    from storyline.extract.mentions import polarity, tense_aspect

    out = []
    for tok in sdoc:
        if tok.pos_ == "VERB":
            tense, aspect = tense_aspect(tok)
            out.append(Sys(tok.idx, tok.idx + len(tok), "OCCURRENCE", tense, aspect, polarity(tok)))
    return out


def run(data: Path, errors: Path | None) -> None:
    _, dev_files = split(data)
    docs: list[TmlDoc] = [read_tml(p) for p in dev_files]
    t0 = time.time()
    parsed = parse(docs)
    t_parse = time.time() - t0
    model, base = Score(), Score()
    rows = []
    t1 = time.time()
    for d, sdoc in zip(docs, parsed, strict=True):
        for kind, g, s in model.add(d.events, model_mentions(sdoc)):
            rows.append(f"{d.name}\t{kind}\t{g}\t{s}")
    t_model = time.time() - t1
    for d, sdoc in zip(docs, parsed, strict=True):
        base.add(d.events, baseline_mentions(sdoc))
    print(f"TBAQ dev split: {len(docs)} documents (every 5th by sorted name); parse {t_parse:.0f}s, "
          f"tagging {t_model:.1f}s")
    print("\n".join(model.lines("model (CRF)")))
    print("\n".join(base.lines("baseline (every VERB is an OCCURRENCE)")))
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
