"""Train the TimeML event-mention CRF (storyline.extract.mentions) on the TBAQ train split.

Data: ``../shared/data/tempeval3/TBAQ-cleaned`` (TimeBank + AQUAINT, 256 .tml documents). The split is
fixed and deterministic: all .tml files of both corpora sorted by file name; every 5th one (positions
0, 5, 10, ...) is *dev* (52 documents, about 20%), the rest is *train*. Nothing is ever fitted or read
off the dev files: they are only scored, by ``benchmarks/events_timeml.py``.

Labels are BIO per class over spaCy tokens of the shared loader (``B-OCCURRENCE``, ``I-OCCURRENCE``,
``O``...); the model and a JSON sidecar (feature version, train files hash, date, sha256 of the model,
hyper-parameters) are written to ``src/storyline/models/``. Deterministic: the same data and code give
the same model bytes. About two minutes on two cores.

    .venv/bin/python benchmarks/train_events.py [--data DIR] [--out DIR] [--iterations N] [--date YYYY-MM-DD]
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from timeml import text_and_spans

DEFAULT = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "tempeval3" / "TBAQ-cleaned"
PARAMS = {"c1": 0.05, "c2": 0.02, "max_iterations": 200, "feature.possible_transitions": True}


@dataclass
class GoldEvent:
    start: int
    end: int
    text: str
    eid: str
    cls: str
    tense: str = "NONE"
    aspect: str = "NONE"
    polarity: str = "POS"
    pos: str = ""
    modality: str = ""
    eiids: list[str] = field(default_factory=list)


@dataclass
class GoldTimex:
    start: int
    end: int
    tid: str
    type: str
    value: str


@dataclass
class TmlDoc:
    name: str
    text: str
    dct: str
    events: list[GoldEvent] = field(default_factory=list)
    timexes: list[GoldTimex] = field(default_factory=list)
    tlinks: list[dict[str, str]] = field(default_factory=list)


def read_tml(path: Path) -> TmlDoc:
    """The TEXT of one .tml file with its EVENT and TIMEX3 spans, MAKEINSTANCE attributes and TLINKs."""
    root = ET.parse(path).getroot()
    dct_el = root.find("DCT/TIMEX3")
    dct = dct_el.get("value", "") if dct_el is not None else ""
    text_el = root.find("TEXT")
    assert text_el is not None, path
    text, spans = text_and_spans(text_el)
    doc = TmlDoc(path.stem, text, dct)
    for el, start, end in spans:
        if el.tag == "EVENT":
            doc.events.append(GoldEvent(start, end, text[start:end], el.get("eid", ""), el.get("class", "")))
        elif el.tag == "TIMEX3":
            doc.timexes.append(GoldTimex(start, end, el.get("tid", ""), el.get("type", ""), el.get("value", "")))
    by_eid = {e.eid: e for e in doc.events}
    for mi in root.iter("MAKEINSTANCE"):
        ev = by_eid.get(mi.get("eventID", ""))
        if ev is None:
            continue
        if not ev.eiids:
            ev.tense = mi.get("tense", "NONE")
            ev.aspect = mi.get("aspect", "NONE")
            ev.polarity = mi.get("polarity", "POS")
            ev.pos = mi.get("pos", "")
            ev.modality = mi.get("modality", "") or ""
        ev.eiids.append(mi.get("eiid", ""))
    doc.tlinks = [dict(t.attrib) for t in root.iter("TLINK")]
    return doc


def files(data: Path) -> list[Path]:
    return sorted(data.glob("*/*.tml"), key=lambda p: p.name)


def split(data: Path) -> tuple[list[Path], list[Path]]:
    """(train, dev): dev is every 5th file by sorted name (positions 0, 5, 10, ...)."""
    all_files = files(data)
    dev = [p for i, p in enumerate(all_files) if i % 5 == 0]
    train = [p for i, p in enumerate(all_files) if i % 5 != 0]
    return train, dev


def files_hash(paths: list[Path]) -> str:
    h = hashlib.sha256()
    for p in paths:
        h.update(p.name.encode())
        h.update(hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()


def parse(docs: list[TmlDoc]) -> list:
    from storyline import nlp

    return list(nlp.pipe([d.text for d in docs], batch_size=16))


def bio(sent, events: list[GoldEvent]) -> list[str]:
    """BIO label per token of the sentence from the gold event spans (a token overlapping a span is in it)."""
    labels = []
    for tok in sent:
        lab = "O"
        if not tok.is_space:
            s, e = tok.idx, tok.idx + len(tok)
            for ev in events:
                if s < ev.end and ev.start < e:
                    prev = tok.nbor(-1) if tok.i > sent.start else None
                    first = prev is None or prev.idx + len(prev) <= ev.start
                    lab = ("B-" if first else "I-") + ev.cls
                    break
        labels.append(lab)
    return labels


def sequences(docs: list[TmlDoc], parsed: list) -> list[tuple[list, list[str]]]:
    from storyline.extract.mentions import _crf_items, sentence_features

    out = []
    for d, sdoc in zip(docs, parsed, strict=True):
        for sent in sdoc.sents:
            if not any(not t.is_space for t in sent):
                continue
            out.append((_crf_items(sentence_features(sent)), bio(sent, d.events)))
    return out


def train(data: Path, out_dir: Path, iterations: int, date: str) -> dict:
    import pycrfsuite

    from storyline.extract.mentions import FEATURE_VERSION

    train_files, dev_files = split(data)
    t0 = time.time()
    docs = [read_tml(p) for p in train_files]
    parsed = parse(docs)
    seqs = sequences(docs, parsed)
    t_parse = time.time() - t0
    trainer = pycrfsuite.Trainer(verbose=False)
    for items, labels in seqs:
        trainer.append(items, labels)
    params = dict(PARAMS, max_iterations=iterations)
    trainer.set_params(params)
    out_dir.mkdir(parents=True, exist_ok=True)
    model = out_dir / "timeml_events.crfsuite"
    trainer.train(str(model))
    meta = {
        "model": model.name,
        "feature_version": FEATURE_VERSION,
        "algorithm": "lbfgs",
        "params": params,
        "labels": "BIO per TimeML class",
        "train_files": len(train_files),
        "train_files_sha256": files_hash(train_files),
        "dev_files": [p.name for p in dev_files],
        "split": "all .tml of TBAQ-cleaned sorted by file name; dev = positions 0, 5, 10, ...; train = the rest",
        "train_sentences": len(seqs),
        "train_events": sum(len(d.events) for d in docs),
        "date": date,
        "sha256": hashlib.sha256(model.read_bytes()).hexdigest(),
    }
    (out_dir / "timeml_events.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    print(f"trained on {len(train_files)} files, {len(seqs)} sentences, {meta['train_events']} events; "
          f"parse {t_parse:.0f}s, total {time.time() - t0:.0f}s; model {model.stat().st_size / 1e6:.2f} MB "
          f"sha256 {meta['sha256'][:12]}")
    return meta


def main(argv: list[str] | None = None) -> int:
    from storyline.extract.mentions import MODEL_DIR

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT)
    ap.add_argument("--out", type=Path, default=MODEL_DIR)
    ap.add_argument("--iterations", type=int, default=int(PARAMS["max_iterations"]))
    ap.add_argument("--date", default=dt.date.today().isoformat(), help="date written in the sidecar")
    args = ap.parse_args(argv)
    if not args.data.is_dir():
        print(f"no data at {args.data}", file=sys.stderr)
        return 2
    train(args.data, args.out, args.iterations, args.date)
    return 0


if __name__ == "__main__":
    sys.exit(main())
