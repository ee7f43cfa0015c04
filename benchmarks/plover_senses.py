"""Word-sense checks of PLOVER triggers on a hand-written check set (benchmarks/data/plover_senses.tsv).

Each line names a sentence, its trigger word and the expected PLOVER type ("-": no PLOVER event, a
figurative or other sense such as "beat estimates", "demonstrated that"). Prints the accuracy of
storyline's triggers (type of the trigger on that word, or none) next to the lexicon-only baseline in
the same run (the word's listed code with no sense checks), and every miss.

    .venv/bin/python benchmarks/plover_senses.py [--set fit|heldout] [--json]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from storyline import nlp
from storyline.extract.plover import find_triggers, noun_code, split_code, verb_code
from storyline.syntax import lemma

DATA = Path(__file__).parent / "data" / "plover_senses.tsv"
SETS = {"fit": DATA, "heldout": Path(__file__).parent / "data" / "plover_senses_heldout.tsv"}


def load(path: Path = DATA) -> list[tuple[str, str, str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            sentence, word, expected = line.split("\t")
            rows.append((sentence, word, expected))
    return rows


def _lexicon_only(tok) -> str:
    code = verb_code(lemma(tok)) if tok.pos_ in ("VERB", "AUX") else noun_code(lemma(tok))
    parsed = split_code(code)
    return parsed[0] if parsed else "-"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--set", choices=sorted(SETS), default="fit",
                    help="fit: the set the rules were written against; heldout: written after, never tuned on")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    model = nlp.load()
    rows = load(SETS[args.set])
    ours = base = 0
    misses = []
    for sentence, word, expected in rows:
        doc = model(sentence)
        tok = next(t for t in doc if t.text == word)
        found = {tr.token.i: tr.type for s in doc.sents for tr in find_triggers(s)}
        got = found.get(tok.i, "-")
        ours += got == expected
        base += _lexicon_only(tok) == expected
        if got != expected:
            misses.append({"sentence": sentence, "word": word, "expected": expected, "got": got})
    n = len(rows)
    neg = sum(1 for r in rows if r[2] == "-")
    out = {"sentences": n, "negatives": neg, "accuracy": round(ours / n, 3),
           "lexicon_only_accuracy": round(base / n, 3), "misses": misses}
    if args.json:
        print(json.dumps(out, indent=1))
        return
    print(f"PLOVER word senses ({args.set} set): {n} sentences ({neg} where the word is no PLOVER event)")
    print(f"  storyline triggers   accuracy {out['accuracy']:.3f}")
    print(f"  lexicon only (base)  accuracy {out['lexicon_only_accuracy']:.3f}")
    for m in misses:
        print(f"  miss: {m['word']!r} expected {m['expected']} got {m['got']}: {m['sentence']}")


if __name__ == "__main__":
    main()
