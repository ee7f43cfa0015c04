"""`storyline watch`: new and changed files reach the store and the story, a bad file is said once and
never stops the watcher, Ctrl-C exits 130.

The builds parse with spaCy but analyse with a stand-in (no extractors): what is tested is the
watching, not the extraction.
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from storyline import analyse
from storyline.cli import main
from storyline.records import ArticleAnalysis
from storyline.serve.app import create_app
from storyline.store import Store
from storyline.watch import MAX_SETTLE_POLLS, Watcher

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "seeds"
ARTICLE = ("Freedonia and Sylvania held talks in Geneva on {day} March 2023, officials said.\n"
           "The talks covered the border, trade and the shelling of {town}.\n")  # fmt: skip


def plain(article, doc, stage):
    """The analysis of an article with nothing extracted (fast, and independent of the extractors)."""
    stage("extract")
    return ArticleAnalysis(article=article.id)


def _story(out: Path) -> dict:
    return json.loads((out / "story.json").read_text(encoding="utf-8"))


def _write(folder: Path, name: str, day: int, town: str) -> Path:
    path = folder / name
    path.write_text(ARTICLE.format(day=day, town=town), encoding="utf-8")
    old = time.time() - 5  # written a while ago: no need to wait for it to settle
    os.utime(path, (old, old))
    return path


def _wait(cond, timeout=60.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if cond():
            return True
        time.sleep(0.1)
    return False


@pytest.fixture
def corpus(tmp_path) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    _write(src, "a.txt", 1, "Tirana")
    return src


@pytest.mark.slow
def test_once_builds_then_a_new_file_is_added_incrementally(corpus, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(analyse, "extract_all", plain)
    out = tmp_path / "out"
    assert main(["watch", str(corpus), "--out", str(out), "--once"]) == 0
    assert [a["source"] for a in _story(out)["articles"]] == ["a.txt"]
    client = TestClient(create_app(out / "storyline.db"))  # `storyline serve OUT` open beside the watcher
    assert client.get("/api/version").json()["story_run"] == 1
    _write(corpus, "b.txt", 2, "Vilnius")
    assert main(["watch", str(corpus), "--out", str(out), "--once"]) == 0
    assert sorted(a["source"] for a in _story(out)["articles"]) == ["a.txt", "b.txt"]
    assert client.get("/api/version").json()["story_run"] == 2  # the server sees the new run
    added = client.get("/api/changes", params={"since_run": 1}).json()["added"]
    assert [a["source"] for a in added] == ["b.txt"]
    said = capsys.readouterr().out
    assert "(1 new)" in said  # the second build read both and stored only the new one
    store = Store(out / "storyline.db")
    try:
        runs = store.conn.execute("SELECT count(*) FROM runs").fetchone()[0]
        stored = store.conn.execute("SELECT count(*) FROM story_articles").fetchone()[0]
    finally:
        store.close()
    assert runs == 2 and stored == 2  # the same store, one run per build


def test_once_on_a_folder_without_articles_is_fatal(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    assert main(["watch", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--once"]) == 3
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "no articles" in err[0]
    assert main(["watch", str(tmp_path / "missing"), "--out", str(tmp_path / "out")]) == 3
    assert main(["watch", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--interval", "0"]) == 2


@pytest.mark.slow
def test_watcher_picks_up_files_and_survives_a_bad_one(corpus, tmp_path):
    out = tmp_path / "out"
    lines: list[tuple[str, bool]] = []
    w = Watcher(corpus, out, analyser=plain, say=lambda text, err: lines.append((text, err)))
    stop = threading.Event()
    codes: list[int] = []
    thread = threading.Thread(target=lambda: codes.append(w.loop(0.2, stop=stop)), daemon=True)
    thread.start()
    try:
        assert _wait(lambda: (out / "story.json").exists() and len(_story(out)["articles"]) == 1)
        (corpus / "empty.txt").write_text("")  # unreadable: no text
        _write(corpus, "b.txt", 2, "Vilnius")
        assert _wait(lambda: len(_story(out)["articles"]) == 2)
        _write(corpus, "sub_c.txt", 3, "Riga")
        assert _wait(lambda: len(_story(out)["articles"]) == 3)
        assert thread.is_alive()
    finally:
        stop.set()
        thread.join(timeout=30)
    assert codes == [0]
    errors = [t for t, err in lines if err and "empty.txt" in t]
    assert len(errors) == 1 and "\n" not in errors[0]  # said once, in one line, though read in two builds
    assert sorted(a["source"] for a in _story(out)["articles"]) == ["a.txt", "b.txt", "sub_c.txt"]


@pytest.mark.slow
def test_feed_file_is_read_again_when_it_changes(tmp_path):
    feed = tmp_path / "feed.jsonl"
    rows = [{"id": "f1", "title": "Talks", "text": ARTICLE.format(day=1, town="Tirana"), "published": "2023-03-01"}]
    feed.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    w = Watcher(feed, out, analyser=plain, say=lambda text, err: None)
    assert w.step(settle=False) == 0 and len(_story(out)["articles"]) == 1
    assert w.step(settle=False) is None  # unchanged: no build
    rows.append({"id": "f2", "title": "More talks", "text": ARTICLE.format(day=2, town="Riga"), "published": "2023-03-02"})
    feed.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    assert w.step(settle=False) == 0 and len(_story(out)["articles"]) == 2


def test_outputs_inside_the_watched_folder_are_not_inputs(corpus):
    w = Watcher(corpus, corpus)
    (corpus / "brief.md").write_text("x")
    (corpus / "timeline.html").write_text("<p>x</p>")
    (corpus / ".hidden.txt").write_text("x")
    assert set(map(Path, w.scan())) == {corpus / "a.txt"}


def test_a_file_still_being_written_waits_for_the_next_poll(corpus, monkeypatch):
    w = Watcher(corpus, corpus / "out")
    w.built = w.scan()
    (corpus / "new.txt").write_text("just now")
    assert not w.due(w.scan(), settle=True) and w.due(w.scan(), settle=False)
    builds: list[int] = []
    monkeypatch.setattr(w, "build", lambda: builds.append(1) or 0)
    for _ in range(MAX_SETTLE_POLLS):  # still being written: wait...
        assert w.step() is None
        (corpus / "new.txt").write_text("still writing " * len(builds))
    assert w.step() == 0 and builds == [1]  # ...but not for ever
    assert w.step() is None  # and nothing new since


@pytest.mark.parametrize("sig, code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_ctrl_c_and_sigterm_stop_it_cleanly(tmp_path, sig, code):
    (tmp_path / "in").mkdir()
    exe = shutil.which("storyline", path=str(Path(sys.executable).parent)) or "storyline"
    p = subprocess.Popen([exe, "watch", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--interval", "0.2"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
    try:
        assert p.stderr is not None
        assert "watching" in p.stderr.readline()
        p.send_signal(sig)
        _, err = p.communicate(timeout=30)
    finally:
        if p.poll() is None:
            p.kill()
    assert p.returncode == code
    assert "Traceback" not in err and err.strip() == "storyline watch: stopped"
