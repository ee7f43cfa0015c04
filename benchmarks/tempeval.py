"""Score storyline.time.tag on TempEval-3 training gold (TBAQ-cleaned: TimeBank + AQUAINT).

TempEval-3 definitions: a system timex matches a gold one *strictly* when the extents are identical and
*relaxed* when they overlap (one-to-one); type accuracy is over relaxed matches; value F1 counts a
system timex as correct when it relaxed-matches a gold timex with the same value. The document creation
time (DCT) is the anchor and is not scored.

Values are compared after one notational normalisation on both sides (ISO week numbers padded:
AQUAINT writes `2000-W7` for `2000-W07`). Two value scores are printed:
- *official*: normalised value strings equal;
- *resolution-aware*: also counts our value as right when gold leaves X's where the DCT settles the date
  and our value agrees with gold everywhere else (gold `1989-WXX` for "last week", ours `1989-W45`).
  Gold under-resolution is an annotation choice a news reader does not share, so we report both rather
  than degrade the resolver.

Documents are also split alphabetically by name (over both corpora) into a *dev* half (even positions)
and a *held-out* half (odd positions): error analysis looks only at dev errors (`--errors` writes dev
mismatches unless `--errors-all`), and the held-out figures guard against fitting the dev half.

    .venv/bin/python benchmarks/tempeval.py [--data DIR] [--limit N] [--errors FILE] [--errors-all] [--cache DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from timeml import text_and_spans

DEFAULT = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "tempeval3" / "TBAQ-cleaned"


@dataclass
class Gold:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass
class Doc:
    name: str
    corpus: str
    text: str
    dct: dt.date
    gold: list[Gold] = field(default_factory=list)


def load(path: Path, corpus: str) -> Doc:
    root = ET.parse(path).getroot()
    dct_el = root.find("DCT/TIMEX3")
    assert dct_el is not None, path
    dct = dt.date.fromisoformat(dct_el.get("value", "")[:10])
    text_el = root.find("TEXT")
    assert text_el is not None, path
    text, spans = text_and_spans(text_el)
    gold = [
        Gold(start, end, text[start:end], el.get("type", ""), el.get("value", ""))
        for el, start, end in spans
        if el.tag == "TIMEX3" and el.get("functionInDocument") != "CREATION_TIME"
    ]
    return Doc(path.stem, corpus, text, dct, gold)


@dataclass
class Counts:
    gold: int = 0
    sys: int = 0
    strict: int = 0
    relaxed: int = 0
    type_ok: int = 0
    value_ok: int = 0
    value_aware: int = 0  # value_ok plus gold-underspecified values that ours resolves consistently
    seconds: float = 0.0  # spaCy parse + tag
    tag_seconds: float = 0.0  # tag alone, given the parsed Doc (what the pipeline pays)
    docs: int = 0

    def add(self, o: Counts) -> None:
        for k in self.__dataclass_fields__:
            setattr(self, k, getattr(self, k) + getattr(o, k))


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


_WEEK = re.compile(r"(\d{4}-W)(\d)(?!\d)")


def norm_value(v: str) -> str:
    """Notational normalisation applied to gold and system alike: ISO week numbers padded to two digits."""
    return _WEEK.sub(r"\g<1>0\2", v.strip())


def consistent(gold: str, ours: str) -> bool:
    """Gold leaves X's that our fully resolved value fills, and the two agree on every other character."""
    g, o = norm_value(gold), norm_value(ours)
    if "X" not in g or "X" in o or len(g) != len(o):
        return False
    return all(gc == oc or gc == "X" for gc, oc in zip(g, o, strict=True))


def _parse(doc: Doc, cache: Path | None) -> Any:
    """spaCy Doc for the document text, from the build's own loader (`storyline.nlp.load`), so the
    figures are those of `storyline build`; optionally cached on disk (only to speed up repeated runs)."""
    from spacy.tokens import Doc as SpacyDoc

    from storyline.nlp import load as load_nlp

    nlp = load_nlp()
    if cache is not None:
        # The pipeline's components are part of the key: a parse from another pipeline is not reused.
        f = cache / f"{doc.corpus}-{doc.name}-{'+'.join(nlp.pipe_names)}.spacy"
        if f.exists():
            parsed = SpacyDoc(nlp.vocab).from_bytes(f.read_bytes())
            if parsed.text == doc.text:
                return parsed
        parsed = nlp(doc.text)
        cache.mkdir(parents=True, exist_ok=True)
        f.write_bytes(parsed.to_bytes())
        return parsed
    return nlp(doc.text)


def score(doc: Doc, errors: list[str] | None, cache: Path | None = None) -> Counts:
    from storyline.time import tag

    t0 = time.perf_counter()
    parsed = _parse(doc, cache)
    t1 = time.perf_counter()
    sysx = tag(doc.text, doc.dct, parsed)
    t2 = time.perf_counter()
    c = Counts(gold=len(doc.gold), sys=len(sysx), seconds=t2 - t0, tag_seconds=t2 - t1, docs=1)
    used: set[int] = set()
    for g in doc.gold:
        best = None
        for i, s in enumerate(sysx):
            if i in used or not (s.start < g.end and g.start < s.end):
                continue
            if best is None or (s.start, s.end) == (g.start, g.end):
                best = i
        if best is None:
            if errors is not None:
                errors.append(
                    f"FN\t{doc.name}\t{g.text!r}\t{g.type}\t{g.value}\t{_ctx(doc.text, g.start, g.end)}"
                )
            continue
        used.add(best)
        s = sysx[best]
        c.relaxed += 1
        c.strict += (s.start, s.end) == (g.start, g.end)
        c.type_ok += s.type == g.type
        same = norm_value(s.value) == norm_value(g.value)
        c.value_ok += same
        c.value_aware += same or consistent(g.value, s.value)
        if errors is not None and ((s.start, s.end) != (g.start, g.end) or not same or s.type != g.type):
            errors.append(
                f"MIS\t{doc.name}\tgold={g.text!r} {g.type} {g.value}\tsys={s.text!r} {s.type} {s.value}"
                f"\tdct={doc.dct}\t{'aware' if not same and consistent(g.value, s.value) else ''}"
                f"\t{_ctx(doc.text, g.start, g.end)}"
            )
    if errors is not None:
        for i, s in enumerate(sysx):
            if i not in used:
                errors.append(
                    f"FP\t{doc.name}\t{s.text!r}\t{s.type}\t{s.value}\t{_ctx(doc.text, s.start, s.end)}"
                )
    return c


def _ctx(text: str, a: int, b: int) -> str:
    return (text[max(0, a - 60) : a] + "[" + text[a:b] + "]" + text[b : b + 40]).replace("\n", " ")


def row(name: str, c: Counts) -> str:
    sp, sr = c.strict / max(c.sys, 1), c.strict / max(c.gold, 1)
    rp, rr = c.relaxed / max(c.sys, 1), c.relaxed / max(c.gold, 1)
    vp, vr = c.value_ok / max(c.sys, 1), c.value_ok / max(c.gold, 1)
    ap, ar = c.value_aware / max(c.sys, 1), c.value_aware / max(c.gold, 1)
    type_acc = c.type_ok / max(c.relaxed, 1)
    rate = c.sys / c.seconds if c.seconds else 0.0
    tag_rate = c.sys / c.tag_seconds if c.tag_seconds else 0.0
    return (
        f"| {name:9} | {c.docs:4} | {c.gold:5} | {c.sys:5} | {100 * sp:5.1f} | {100 * sr:5.1f} | {100 * f1(sp, sr):5.1f} | "
        f"{100 * rp:5.1f} | {100 * rr:5.1f} | {100 * f1(rp, rr):5.1f} | {100 * type_acc:5.1f} | "
        f"{100 * vp:5.1f} | {100 * vr:5.1f} | {100 * f1(vp, vr):5.1f} | {100 * f1(ap, ar):5.1f} | "
        f"{rate:6.0f} | {tag_rate:6.0f} |"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("--data", type=Path, default=DEFAULT, help="TBAQ-cleaned directory")
    ap.add_argument("--limit", type=int, default=None, help="score only the first N documents per corpus")
    ap.add_argument(
        "--errors", type=Path, default=None, help="write dev-half FN/FP/mismatch lines here (TSV)"
    )
    ap.add_argument("--errors-all", action="store_true", help="with --errors: include held-out documents")
    ap.add_argument("--cache", type=Path, default=None, help="cache spaCy parses here (faster reruns)")
    args = ap.parse_args(argv)
    if not args.data.is_dir():
        print(f"no data at {args.data}", file=sys.stderr)
        return 2
    from storyline.nlp import load as load_nlp

    load_nlp()  # load once, outside the timing
    files = {
        corpus: sorted((args.data / corpus).glob("*.tml"))[: args.limit] for corpus in ("TimeBank", "AQUAINT")
    }
    ordered = sorted(f.stem for fs in files.values() for f in fs)
    dev = {name for i, name in enumerate(ordered) if i % 2 == 0}
    errors: list[str] = []
    per: dict[str, Counts] = {k: Counts() for k in ("TimeBank", "AQUAINT", "dev", "held-out", "all")}
    for corpus, fs in files.items():
        for f in fs:
            is_dev = f.stem in dev
            keep = args.errors is not None and (is_dev or args.errors_all)
            errs: list[str] | None = [] if keep else None
            c = score(load(f, corpus), errs, args.cache)
            if errs:
                errors.extend(errs)
            for k in (corpus, "dev" if is_dev else "held-out", "all"):
                per[k].add(c)
    header = (
        "| corpus    | docs | gold  | sys   | strict P | R | F1 | relaxed P | R | F1 | type acc | value P | R | F1 "
        "| value F1 (res.-aware) | expr/s (parse+tag) | expr/s (tag) |\n"
        "|-----------|------|-------|-------|-------|-------|-------|-------|-------|-------|-------|-------|-------"
        "|-------|-------|--------|--------|"
    )
    print(header)
    print("\n".join(row(k, c) for k, c in per.items()))
    if args.errors is not None:
        args.errors.write_text("\n".join(errors) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
