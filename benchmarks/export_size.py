"""timeline.html size and render time: the page of an older commit against the current one.

    python benchmarks/export_size.py out/seeds/story.json [BUILD/story.json ...] [--old 15765dd]

The old `render/html.py` and its assets are read from git at `--old` (default 15765dd, the last
commit with the vis-timeline page) and run beside the current `render_timeline` on the same story.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OLD_FILES = ("html.py", "assets/vis-timeline-graph2d.min.css", "assets/vis-timeline-graph2d.min.js")


def old_renderer(commit: str, folder: Path) -> Any:
    for name in OLD_FILES:
        text = subprocess.run(["git", "show", f"{commit}:src/storyline/render/{name}"], cwd=ROOT, check=True,
                              capture_output=True, text=True).stdout  # fmt: skip
        (folder / Path(name).name).write_text(text, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("old_html", folder / "html.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    mod._asset = lambda name: (folder / name).read_text(encoding="utf-8")
    return mod.render_timeline


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("stories", nargs="+", type=Path)
    ap.add_argument("--old", default="15765dd")
    args = ap.parse_args()
    from storyline.render.html import render_timeline

    with tempfile.TemporaryDirectory() as tmp:
        renderers = {"old": old_renderer(args.old, Path(tmp)), "new": render_timeline}
        for path in args.stories:
            story = json.loads(path.read_text(encoding="utf-8"))
            for name, render in renderers.items():
                t0 = time.perf_counter()
                page = render(story)
                print(f"{path}: {name} {len(page.encode('utf-8')):,} bytes, {time.perf_counter() - t0:.2f} s")


if __name__ == "__main__":
    main()
