import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import jsonschema

from storyline.pipeline import PIPELINE_VERSION, build
from storyline.store import Store

SCHEMA = json.loads(
    (Path(__file__).resolve().parents[1] / "src/storyline/schema/story.schema.json").read_text()
)


def _story(out: Path) -> dict:
    return json.loads((out / "story.json").read_text(encoding="utf-8"))


def test_seed_build_writes_valid_contract(seed_build):
    out, report = seed_build
    story = _story(out)
    jsonschema.validate(story, SCHEMA)
    assert report.failures == []
    assert {a["published"] for a in story["articles"]} == {"2022-11-02", "2023-08-30", "2023-08-04"}
    assert all(a["published_from"] == "manifest" for a in story["articles"])
    for name in ("brief.md", "timeline.html"):
        assert (out / name).stat().st_size > 0


def test_every_span_points_into_its_article(seed_build):
    out, _ = seed_build
    story = _story(out)
    texts = {a["id"]: a["text"] for a in story["articles"]}
    for t in story["timexes"]:
        assert texts[t["article"]][t["start"] : t["end"]] == t["text"]
    for e in story["entities"]:
        for m in e["mentions"]:
            assert 0 <= m["start"] < m["end"] <= len(texts[m["article"]])
    for rec in story["claims"] + story["events"]:
        for ev in rec["evidence"]:
            assert 0 <= ev["start"] < ev["end"] <= len(texts[ev["article"]])


def test_schema_rejects_a_broken_story(seed_build):
    out, _ = seed_build
    story = _story(out)
    story["articles"][0]["published"] = "2 Nov 2022"
    try:
        jsonschema.validate(story, SCHEMA)
    except jsonschema.ValidationError:
        return
    raise AssertionError("schema accepted a malformed date")


def test_rebuild_is_idempotent(tmp_path, seeds_copy):
    r1 = build([seeds_copy], tmp_path / "o")
    s1 = _story(tmp_path / "o")
    r2 = build([seeds_copy], tmp_path / "o")
    s2 = _story(tmp_path / "o")
    assert (r1.new, r1.analysed) == (5, 5)
    assert (r2.new, r2.already_stored, r2.analysed) == (0, 5, 0)
    s1.pop("generated"), s2.pop("generated")
    assert s1 == s2


def test_adding_one_article_processes_only_it(tmp_path, seeds_copy):
    extra = seeds_copy / "004_0e6443cc43343a3b.txt"
    held = tmp_path / "held.txt"
    extra.rename(held)
    r1 = build([seeds_copy], tmp_path / "o")
    assert r1.analysed == 4
    held.rename(extra)
    r2 = build([seeds_copy], tmp_path / "o")
    assert (r2.new, r2.analysed) == (1, 1)
    assert len(_story(tmp_path / "o")["articles"]) == 5


def test_bad_input_is_reported_and_good_input_still_built(tmp_path, seeds_copy):
    (seeds_copy / "empty.txt").write_text("")
    r = build([seeds_copy, tmp_path / "missing.txt"], tmp_path / "o")
    problems = [str(f) for f in r.failures]
    assert any("empty.txt" in p for p in problems)
    assert any("missing.txt" in p for p in problems)
    assert len(_story(tmp_path / "o")["articles"]) == 5


def test_undated_article_is_stored_with_null_date(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text(
        "Talks stall over grain exports\n\nNegotiators met on Tuesday but failed to agree on a new "
        "corridor for grain shipments, officials said.\n",
        encoding="utf-8",
    )
    r = build([d], tmp_path / "o")
    story = _story(tmp_path / "o")
    assert story["articles"][0]["published"] is None
    assert r.undated == ["a.txt"]
    tuesday = [t for t in story["timexes"] if t["text"].endswith("Tuesday")]
    assert tuesday and tuesday[0]["first_day"] is None


def _corpus(path: Path, n: int) -> None:
    topics = ["port", "bridge", "school", "hospital", "dam", "railway", "airport", "factory"]
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            t = topics[i % len(topics)]
            text = (
                f"Officials in district {i} said on Monday that the {t} number {i} would reopen next week "
                f"after repairs costing {i * 13} million dollars. Minister Alex Doe{i} told reporters "
                f"that \"the {t} {i} will be safer than before\", while residents of town {i} complained "
                f"about delays of {i % 9 + 2} months. " * 3
            )
            fh.write(json.dumps({"text": text, "published": f"2024-03-0{i % 9 + 1}"}) + "\n")


def test_kill_9_leaves_consistent_store_and_next_run_resumes(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    _corpus(src / "many.jsonl", 240)
    out = tmp_path / "o"
    db = out / "storyline.db"
    cmd = [sys.executable, "-m", "storyline.cli", "build", str(src), "--out", str(out), "--batch-size", "8"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    analysed = 0
    deadline = time.time() + 300  # generous: a loaded 2-core machine parses slowly
    while time.time() < deadline and proc.poll() is None:
        if db.exists():
            try:
                c = sqlite3.connect(db, timeout=1)
                analysed = c.execute("SELECT count(*) FROM analyses").fetchone()[0]
                c.close()
            except sqlite3.Error:
                analysed = 0
            if analysed >= 16:
                break
        time.sleep(0.05)
    assert proc.poll() is None, "build finished before it could be killed; make the corpus larger"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()

    s = Store(db)
    assert s.integrity_ok()
    stored = len(s.articles())
    done = len(s.analysed_ids(PIPELINE_VERSION))
    assert stored == 240 and 16 <= done < 240
    assert s.interrupted_runs() == 1
    s.close()

    r = build([src], out)
    assert (r.new, r.analysed) == (0, 240 - done)
    assert len(_story(out)["articles"]) == 240


def test_workers_give_the_same_story(tmp_path, seeds_copy, seed_build):
    out, _ = seed_build
    build([seeds_copy], tmp_path / "o", workers=2)
    one, two = _story(out), _story(tmp_path / "o")
    for s in (one, two):
        s.pop("generated")
        for a in s["articles"]:
            a.pop("source")
    assert one == two


def test_mixed_formats_build_into_one_valid_story(tmp_path):
    fx = Path(__file__).parent / "fixtures" / "ingest"
    r = build([fx / "mixed", fx / "page.html", fx / "feed.rss", fx / "articles.jsonl"], tmp_path / "o")
    story = _story(tmp_path / "o")
    jsonschema.validate(story, SCHEMA)
    froms = {a["published_from"] for a in story["articles"]}
    assert {"manifest", "feed"} <= froms
    # the malformed JSONL line is reported with its line number; the other lines are built
    assert [f.line for f in r.failures] == [2]
    assert any(a["source"].startswith("articles.jsonl#") for a in story["articles"])
    herald = next(a for a in story["articles"] if a["source"] == "election.txt")
    assert herald["outlet"] == "City Herald" and herald["published"] == "2021-05-06"


def test_changed_extraction_code_reanalyses_stored_articles(tmp_path, seeds_copy, monkeypatch):
    import storyline.pipeline as pipeline

    assert len(pipeline.PIPELINE_VERSION) == 16
    build([seeds_copy], tmp_path / "o")
    monkeypatch.setattr(pipeline, "PIPELINE_VERSION", "someotherversion")
    r = build([seeds_copy], tmp_path / "o")
    assert (r.new, r.analysed) == (0, 5)
    assert len(_story(tmp_path / "o")["articles"]) == 5


def test_changed_cleaning_rules_reclean_stored_articles(tmp_path, seeds_copy, monkeypatch):
    import storyline.pipeline as pipeline

    build([seeds_copy], tmp_path / "o")
    assert any(a["excluded"] for a in _story(tmp_path / "o")["articles"])
    # a new release whose cleaning keeps everything: stored articles must follow it
    monkeypatch.setattr(pipeline, "CLEAN_VERSION", "keep-everything")
    monkeypatch.setattr(pipeline, "PIPELINE_VERSION", "keep-everything")
    monkeypatch.setattr(pipeline, "find_exclusions", lambda text, authors=(): [])
    r = build([seeds_copy], tmp_path / "o")
    assert r.analysed == 5
    assert all(a["excluded"] == [] for a in _story(tmp_path / "o")["articles"])


def test_fingerprint_covers_rules_and_lexicon_not_cli(tmp_path):
    import shutil

    from storyline.pipeline import ANALYSIS_PARTS, PACKAGE_ROOT, fingerprint

    root = tmp_path / "pkg"
    shutil.copytree(PACKAGE_ROOT, root, ignore=shutil.ignore_patterns("__pycache__"))
    base = fingerprint(ANALYSIS_PARTS, root)
    assert base == fingerprint(ANALYSIS_PARTS)  # a copy of the package has the same fingerprint
    (root / "time" / "cli.py").write_text("# a new help text\n", encoding="utf-8")
    (root / "cli.py").write_text("# the top-level CLI\n", encoding="utf-8")
    (root / "render" / "markdown.py").write_text("# rendering\n", encoding="utf-8")
    assert fingerprint(ANALYSIS_PARTS, root) == base  # CLI and rendering code are not analysis
    speech = root / "lexicon" / "speech_verbs.txt"
    speech.write_text(speech.read_text(encoding="utf-8") + "mutter\n", encoding="utf-8")
    changed = fingerprint(ANALYSIS_PARTS, root)
    assert changed != base  # a word list is analysis knowledge
    (root / "extract" / "plover.py").write_text("# another rule\n", encoding="utf-8")
    assert fingerprint(ANALYSIS_PARTS, root) != changed  # so is a rule
