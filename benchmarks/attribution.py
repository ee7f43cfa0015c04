"""Score the claim extractor on PolNeAR attributions (brat standoff; train and dev splits).

    .venv/bin/python benchmarks/attribution.py --split dev

Metric (as in the SFU Gender Gap Tracker evaluation): a gold content span is found when a predicted
content span covers more than a threshold (0.3, 0.8) of its characters; one prediction per gold,
greedy. Precision = matched / predicted, recall = matched / gold. For matched pairs, source match =
predicted source span overlaps the gold source; cue match = cue spans overlap. Direct vs indirect:
a gold attribution is direct when most of its content lies inside quotation marks.
Nested attributions ("X said that Y denied Z"): PolNeAR is univocal (each token in at most one
attribution), so it marks the outer one only, with Y's words inside its content; the `nested` line
counts the predicted claims reported by another claim (`reported_by`) and how many of them still
match a gold attribution of their own (the rest are unmatched by construction of the corpus).
Rules were developed on `train`; report `dev`. Needs no network.
The trained attribution model (`storyline.extract.claims.model`, fitted on `train` by
`benchmarks/train_attribution.py`) adds what the rules miss; `--compare` scores rules alone and rules +
model on the same parse, and counts what the model added; `--no-model` scores the rules alone.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from storyline import nlp  # noqa: E402
from storyline.extract.claims import extract_claims, find_quotes  # noqa: E402
from storyline.extract.claims import model as claim_model  # noqa: E402
from storyline.records import Article  # noqa: E402
from storyline.resolve.actors import resolve_article  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "polnear"
THRESHOLDS = (0.3, 0.8)


@dataclass
class Attr:
    content: set[int]
    source: set[int] = field(default_factory=set)
    cue: set[int] = field(default_factory=set)
    direct: bool = False
    nested: bool = False


def _chars(spec: str) -> set[int]:
    out: set[int] = set()
    for part in spec.split(";"):
        a, b = part.split()
        out.update(range(int(a), int(b)))
    return out


def read_gold(ann: Path) -> list[Attr]:
    spans: dict[str, tuple[str, set[int]]] = {}
    events: list[dict[str, str]] = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if line.startswith("T") and len(cols) >= 2:
            m = re.match(r"(\S+) (.+)$", cols[1])
            if m:
                spans[cols[0]] = (m.group(1), _chars(m.group(2)))
        elif line.startswith("E") and len(cols) >= 2:
            events.append(dict(p.split(":", 1) for p in cols[1].split() if ":" in p))
    out = []
    for ev in events:
        c = ev.get("Content")
        if not c or c not in spans:
            continue
        a = Attr(spans[c][1])
        if ev.get("Source") in spans:
            a.source = spans[ev["Source"]][1]
        if ev.get("Cue") in spans:
            a.cue = spans[ev["Cue"]][1]
        out.append(a)
    return out


def _quoted(chars: set[int], quotes: list[tuple[int, int]]) -> bool:
    inside = sum(1 for q in quotes for i in range(q[0] - 1, q[1] + 1) if i in chars)
    return inside >= 0.6 * max(1, len(chars))


def predict(article: Article, doc) -> list[Attr]:  # type: ignore[no-untyped-def]
    mentions, _ = resolve_article(article, doc)
    out = []
    for c in extract_claims(article, doc, mentions, []):
        ev = c.evidence[0]
        if not ev.content_span:
            continue
        a = Attr(set(range(*ev.content_span)), nested=c.reported_by is not None)
        if ev.source_span:
            a.source = set(range(*ev.source_span))
        if ev.cue_span:
            a.cue = set(range(*ev.cue_span))
        out.append(a)
    return out


def score(pairs: list[tuple[list[Attr], list[Attr]]], thr: float, kind: str | None) -> dict[str, float]:
    tp = n_gold = n_pred = src_ok = src_n = cue_ok = cue_n = 0
    for gold, pred in pairs:
        remaining = list(pred)
        gsel = [g for g in gold if kind is None or g.direct == (kind == "direct")]
        # Predictions are split by kind too, so direct and indirect precision are comparable.
        n_pred += sum(1 for p in pred if kind is None or p.direct == (kind == "direct"))
        n_gold += len(gsel)
        for g in gsel:
            best, best_s = None, thr
            for p in remaining:
                s = len(g.content & p.content) / len(g.content) if g.content else 0.0
                if s > best_s:
                    best, best_s = p, s
            if best is None:
                continue
            remaining.remove(best)
            if kind is None or best.direct == (kind == "direct"):
                tp += 1
            else:
                n_pred += 1
                tp += 1
            if g.source:
                src_n += 1
                src_ok += bool(g.source & best.source)
            if g.cue:
                cue_n += 1
                cue_ok += bool(g.cue & best.cue)
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "P": 100 * p,
        "R": 100 * r,
        "F1": 100 * f,
        "source": 100 * src_ok / max(1, src_n),
        "cue": 100 * cue_ok / max(1, cue_n),
        "gold": n_gold,
        "pred": n_pred,
    }


def nested_line(pairs: list[tuple[list[Attr], list[Attr]]], thr: float = 0.3) -> str:
    """Predicted nested claims, and how many cover a gold content of their own at `thr`."""
    n = hit = 0
    for gold, pred in pairs:
        for p in pred:
            if p.nested:
                n += 1
                hit += any(g.content and len(g.content & p.content) / len(g.content) > thr for g in gold)
    return f"nested: {n} predicted claims reported by another claim; {hit} cover a gold content (>{thr})"


def _pairs(items: list[tuple[Path, str]], preds: list[list[Attr]]) -> list[tuple[list[Attr], list[Attr]]]:
    pairs = []
    for (ann, text), pred in zip(items, preds, strict=True):
        quotes = find_quotes(text)
        gold = read_gold(ann)
        for a in gold + pred:
            a.direct = _quoted(a.content, quotes)
        pairs.append((gold, pred))
    return pairs


def _table(pairs: list[tuple[list[Attr], list[Attr]]]) -> None:
    print(
        f"{'subset':9} {'thr':>4} {'P':>6} {'R':>6} {'F1':>6} {'source':>7} {'cue':>6} {'gold':>6} {'pred':>6}"
    )
    for kind in (None, "direct", "indirect"):
        for thr in THRESHOLDS:
            s = score(pairs, thr, kind)
            print(
                f"{kind or 'all':9} {thr:>4} {s['P']:6.1f} {s['R']:6.1f} {s['F1']:6.1f} {s['source']:7.1f} {s['cue']:6.1f} {s['gold']:6} {s['pred']:6}"
            )
    print(nested_line(pairs))


def _covers(g: Attr, a: Attr, thr: float = 0.3) -> bool:
    return len(g.content & a.content) / len(g.content) > thr


def added_line(rules: list[list[Attr]], both: list[list[Attr]], pairs: list[tuple[list[Attr], list[Attr]]]) -> str:
    """How many predictions the model added (content spans the rules did not predict), and how many
    of them cover a gold content (>0.3) that no rule prediction covers."""
    n = hit = 0
    for r, b, (gold, _) in zip(rules, both, pairs, strict=True):
        have = {frozenset(a.content) for a in r}
        new = [a for a in b if frozenset(a.content) not in have]
        n += len(new)
        for g in gold:
            if g.content:
                hit += any(_covers(g, a) for a in new) and not any(_covers(g, a) for a in r)
    return f"model: added {n} predictions; {hit} gold contents found only through them (>0.3)"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--split", default="dev", choices=["train", "dev"])
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--no-model", action="store_true", help="rules alone")
    ap.add_argument("--compare", action="store_true", help="rules alone, then rules + model, same parse")
    args = ap.parse_args(argv)
    base = args.data / args.split
    anns = sorted((base / "attributions").glob("*.ann"))
    if args.limit:
        anns = anns[: args.limit]
    items = []
    seen: set[str] = set()
    for ann in anns:
        # Agreement articles carry one file per annotator: score the first annotation only.
        stem = ann.stem.rsplit("_", 1)[0]
        txt = base / "text" / f"{stem}.txt"
        if txt.exists() and stem not in seen:
            seen.add(stem)
            items.append((ann, txt.read_text(encoding="utf-8")))
    pipe = nlp.load()
    t0 = time.perf_counter()
    docs = list(pipe.pipe([t for _, t in items], batch_size=16))
    t_parse = time.perf_counter() - t0
    n = len(items)
    runs = [("rules alone", None), ("rules + model", claim_model.MODEL_PATH)] if args.compare else [
        ("rules alone" if args.no_model else "rules + model", None if args.no_model else claim_model.MODEL_PATH)]
    all_preds = []
    for name, path in runs:
        claim_model.SETTINGS.path = path
        t1 = time.perf_counter()
        preds = [
            predict(Article(id=ann.stem, source=str(ann), text=text), doc)
            for (ann, text), doc in zip(items, docs, strict=True)
        ]
        t_claims = time.perf_counter() - t1
        all_preds.append(preds)
        pairs = _pairs(items, preds)
        print(
            f"PolNeAR {args.split}, {name}: {n} articles; {n / (t_parse + t_claims):.1f} articles/s with spaCy "
            f"parsing, {n / max(t_claims, 1e-9):.0f} articles/s for actors + claims alone"
        )
        _table(pairs)
    if args.compare:
        print(added_line(all_preds[0], all_preds[1], pairs))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
