"""Train the attribution CRF (storyline.extract.claims.model) on PolNeAR train; tune it on held-out train.

Data: ``../shared/data/polnear/train`` (840 articles; agreement articles read once, first annotator,
as ``benchmarks/attribution.py`` does). Labels are BIO per role (CUE, SRC, CON) over spaCy tokens of
the shared loader, per sentence, from the gold Cue, Source and Content spans. PolNeAR dev is never
read here: it is only scored, by ``benchmarks/attribution.py --split dev``.

``--holdout`` trains on four fifths of train (articles at positions 1-4 mod 5 in sorted order) and
scores rules alone vs rules + model on the fifth left out (positions 0 mod 5) for each cue confidence
in ``--sweep``; that is where ``ModelSettings`` was chosen. Without it, the model is trained on all of
train and written with its JSON sidecar (feature version, train files hash, sha256, settings) to
``src/storyline/models/``. Deterministic: the same data and code give the same model bytes.

    .venv/bin/python benchmarks/train_attribution.py [--cache DIR] [--holdout --sweep 0.3,0.5,0.7]
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import re
import sys
import time
from pathlib import Path

from attribution import Attr, _quoted, predict, score

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

DEFAULT = ROOT.parent / "shared" / "data" / "polnear"
PARAMS = {"c1": 0.2, "c2": 0.05, "max_iterations": 100, "feature.minfreq": 2, "feature.possible_transitions": True}
ROLE_OF = {"Cue": "CUE", "Source": "SRC", "Content": "CON"}
PRIORITY = {"CUE": 0, "SRC": 1, "CON": 2}


def articles(split_dir: Path) -> list[tuple[Path, str]]:
    """(annotation file, text) per article, first annotator only, sorted by file name."""
    seen: set[str] = set()
    out = []
    for ann in sorted((split_dir / "attributions").glob("*.ann")):
        stem = ann.stem.rsplit("_", 1)[0]
        txt = split_dir / "text" / f"{stem}.txt"
        if txt.exists() and stem not in seen:
            seen.add(stem)
            out.append((ann, txt.read_text(encoding="utf-8")))
    return out


def role_spans(ann: Path) -> list[tuple[str, str, int, int]]:
    """(span id, role, start, end) of every Cue, Source and Content fragment of the annotation."""
    out = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if not line.startswith("T") or len(cols) < 2:
            continue
        m = re.match(r"(\S+) (.+)$", cols[1])
        if m and m.group(1) in ROLE_OF:
            for part in m.group(2).split(";"):
                a, b = part.split()
                out.append((cols[0], ROLE_OF[m.group(1)], int(a), int(b)))
    out.sort(key=lambda r: PRIORITY[r[1]])
    return out


def bio(sent, spans: list[tuple[str, str, int, int]]) -> list[str]:
    """BIO label per token: the first role span it overlaps (cue before source before content)."""
    labels, prev_id = [], None
    for tok in sent:
        lab, cur = "O", None
        if not tok.is_space:
            s, e = tok.idx, tok.idx + len(tok)
            hit = next((r for r in spans if s < r[3] and r[2] < e), None)
            if hit is not None:
                cur = (hit[0], hit[1])
                lab = ("I-" if cur == prev_id else "B-") + hit[1]
        labels.append(lab)
        prev_id = cur if cur is not None else (prev_id if tok.is_space else None)
    return labels


def parsed(split: str, items: list[tuple[Path, str]], cache: Path | None) -> list:
    """The spaCy docs of the articles, from the cache folder when it holds them (same texts)."""
    from spacy.tokens import DocBin

    from storyline import nlp

    pipe = nlp.load()
    path = cache / f"{split}.spacy" if cache else None
    if path is not None and path.exists():
        docs = list(DocBin().from_disk(path).get_docs(pipe.vocab))
        if [d.text for d in docs] == [t for _, t in items]:
            return docs
    docs = list(pipe.pipe([t for _, t in items], batch_size=16))
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        db = DocBin(store_user_data=True)
        for d in docs:
            db.add(d)
        db.to_disk(path)
    return docs


def sequences(items: list[tuple[Path, str]], docs: list) -> list[tuple[list, list[str]]]:
    from storyline.extract.claims.draft import layout_text
    from storyline.extract.claims.model import doc_features
    from storyline.extract.claims.quotes import find_quotes

    out = []
    for (ann, _), doc in zip(items, docs, strict=True):
        spans = role_spans(ann)
        feats = doc_features(doc, find_quotes(layout_text(doc)))
        for sent in doc.sents:
            if any(t.is_alpha for t in sent):
                out.append((feats[sent.start : sent.end], bio(sent, spans)))
    return out


def fit(seqs: list[tuple[list, list[str]]], model: Path, params: dict) -> None:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for items, labels in seqs:
        trainer.append(items, labels)
    trainer.set_params(params)
    model.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(model))


def files_hash(items: list[tuple[Path, str]]) -> str:
    h = hashlib.sha256()
    for ann, text in items:
        h.update(ann.name.encode())
        h.update(hashlib.sha256(ann.read_bytes()).digest())
        h.update(hashlib.sha256(text.encode("utf-8")).digest())
    return h.hexdigest()


def evaluate(items: list[tuple[Path, str]], docs: list, model_path: Path | None) -> dict[tuple[str, float], dict]:
    """Benchmark rows (all/direct/indirect at 0.3 and 0.8) of the claim extractor with this model."""
    from attribution import read_gold
    from storyline.extract.claims import find_quotes
    from storyline.extract.claims import model as M
    from storyline.records import Article

    M.SETTINGS.path = model_path
    pairs: list[tuple[list[Attr], list[Attr]]] = []
    for (ann, text), doc in zip(items, docs, strict=True):
        pred = predict(Article(id=ann.stem, source=str(ann), text=text), doc)
        quotes = find_quotes(text)
        gold = read_gold(ann)
        for a in gold + pred:
            a.direct = _quoted(a.content, quotes)
        pairs.append((gold, pred))
    return {(k or "all", t): score(pairs, t, k) for k in (None, "direct", "indirect") for t in (0.3, 0.8)}


def _row(name: str, rows: dict) -> str:
    a, i = rows[("all", 0.3)], rows[("indirect", 0.3)]
    return (f"{name:>12}: all P {a['P']:.1f} R {a['R']:.1f} F1 {a['F1']:.1f} src {a['source']:.1f} | "
            f"indirect R {i['R']:.1f} F1 {i['F1']:.1f} | all@0.8 F1 {rows[('all', 0.8)]['F1']:.1f} "
            f"| direct F1 {rows[('direct', 0.3)]['F1']:.1f}")


def holdout(items, docs, params: dict, sweep: list[float], work: Path, refit: bool = True) -> None:
    from storyline.extract.claims import model as M

    fit_i = [i for i in range(len(items)) if i % 5]
    held = [i for i in range(len(items)) if i % 5 == 0]
    t0 = time.time()
    model = work / "holdout.crfsuite"
    if refit or not model.exists():
        seqs = sequences([items[i] for i in fit_i], [docs[i] for i in fit_i])
        fit(seqs, model, params)
        print(f"holdout: fit on {len(fit_i)} articles ({len(seqs)} sentences) in {time.time() - t0:.0f}s")
    print(f"holdout: scored on {len(held)} articles")
    h_items, h_docs = [items[i] for i in held], [docs[i] for i in held]
    print(_row("rules", evaluate(h_items, h_docs, None)))
    for c in sweep:
        M.SETTINGS.min_cue_confidence = c
        M.tagger.cache_clear()
        print(_row(f"conf {c}", evaluate(h_items, h_docs, model)))


def settings() -> dict:
    """The model's draft settings (`ModelSettings`, chosen with --holdout), as written in the sidecar."""
    from dataclasses import asdict

    from storyline.extract.claims import model as M

    return {k: v for k, v in asdict(M.SETTINGS).items() if k != "path"}


def main(argv: list[str] | None = None) -> int:
    from storyline.extract.claims import model as M

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT)
    ap.add_argument("--out", type=Path, default=M.MODEL_DIR)
    ap.add_argument("--cache", type=Path, default=None, help="folder for the parsed articles (train.spacy)")
    ap.add_argument("--iterations", type=int, default=int(PARAMS["max_iterations"]))
    ap.add_argument("--c1", type=float, default=float(PARAMS["c1"]))
    ap.add_argument("--c2", type=float, default=float(PARAMS["c2"]))
    ap.add_argument("--holdout", action="store_true", help="tune on held-out train instead of writing the model")
    ap.add_argument("--sweep", default="0.3,0.5,0.7")
    ap.add_argument("--reuse", action="store_true", help="with --holdout: score the model fitted last time")
    ap.add_argument("--date", default=dt.date.today().isoformat(), help="date written in the sidecar")
    args = ap.parse_args(argv)
    if not (args.data / "train" / "attributions").is_dir():
        print(f"no PolNeAR train data at {args.data}", file=sys.stderr)
        return 2
    params = dict(PARAMS, max_iterations=args.iterations, c1=args.c1, c2=args.c2)
    t0 = time.time()
    items = articles(args.data / "train")
    docs = parsed("train", items, args.cache)
    print(f"{len(items)} train articles parsed or loaded in {time.time() - t0:.0f}s")
    if args.holdout:
        holdout(items, docs, params, [float(x) for x in args.sweep.split(",")], args.cache or Path("/tmp"),
                not args.reuse)
        return 0
    seqs = sequences(items, docs)
    model = args.out / M.MODEL_PATH.name
    fit(seqs, model, params)
    meta = {
        "model": model.name,
        "feature_version": M.FEATURE_VERSION,
        "algorithm": "lbfgs",
        "params": params,
        "labels": "BIO per role: CUE, SRC, CON",
        "train": "PolNeAR train, first annotator per article",
        "train_articles": len(items),
        "train_files_sha256": files_hash(items),
        "train_sentences": len(seqs),
        "settings": settings(),
        "date": args.date,
        "sha256": hashlib.sha256(model.read_bytes()).hexdigest(),
    }
    (args.out / M.SIDECAR_PATH.name).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    print(f"trained on {len(items)} articles, {len(seqs)} sentences in {time.time() - t0:.0f}s; "
          f"model {model.stat().st_size / 1e6:.2f} MB sha256 {meta['sha256'][:12]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
