"""Failure isolation: an article whose analysis raises, or whose worker dies, never stops a build."""

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from storyline import analyse
from storyline.cli import EXIT_INPUT_FAILED, EXIT_OK, main
from storyline.pipeline import build
from storyline.records import Article
from storyline.store import Store

ARTICLES = {
    "a.txt": "The central bank raised interest rates on Tuesday, officials said.",
    "b.txt": "Workers EXPLODE walked out of the plant on Monday after talks collapsed.",
    "c.txt": "The court sentenced the former mayor to five years in prison on Friday.",
}
# The fault: an article containing a marker word makes one stage of its analysis raise or kill the
# process. A module of its own, so spawned worker processes can import it by name.
FAULTY = '''
import os
from storyline.analyse import extract_all

def analyse_article(article, doc, stage):
    if "KILLME" in article.text:
        stage("events")
        os._exit(3)
    result = extract_all(article, doc, stage)
    if "EXPLODE" in article.text:
        stage("claims")
        raise ValueError("injected fault in " + article.source)
    return result
'''


def _corpus(tmp_path: Path, articles: dict[str, str]) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    lines = []
    for name, text in articles.items():
        (src / name).write_text(text, encoding="utf-8")
        lines.append(json.dumps({"file": name, "published": "2024-03-08", "outlet": "Test"}))
    (src / "manifest.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return src


def _faulty_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    (tmp_path / "faulty_analyser.py").write_text(FAULTY, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    import faulty_analyser

    return faulty_analyser


def test_analyse_one_records_stage_and_error():
    art = Article(id="x1", source="x.txt", text="text")

    def boom(article, doc, stage):
        stage("resolve")
        raise KeyError("no such actor")

    out = analyse.analyse_one(art, None, boom)
    assert out.article == "x1" and out.stage == "resolve" and out.error == "KeyError"
    assert "no such actor" in out.message
    assert str(out).startswith("x.txt: analysis failed in resolve (KeyError")


@pytest.mark.slow
def test_failing_article_is_named_and_the_rest_is_built(tmp_path, monkeypatch):
    faulty = _faulty_module(tmp_path, monkeypatch)
    src = _corpus(tmp_path, ARTICLES)
    out = tmp_path / "out"
    report = build([src], out, analyser=faulty.analyse_article)
    assert not report.ok
    [f] = report.analysis_failures
    assert f.source.endswith("b.txt") and f.stage == "claims" and f.error == "ValueError"
    assert report.analysed == 2
    story = json.loads((out / "story.json").read_text(encoding="utf-8"))
    assert len(story["articles"]) == 3  # the failed article is stored and listed ...
    analysed = {t["article"] for t in story["timexes"]}
    analysed |= {e["article"] for rec in story["events"] + story["claims"] for e in rec["evidence"]}
    ok_ids = {a["id"] for a in story["articles"]} - {f.article}
    assert analysed == ok_ids  # the other two are analysed; nothing of the failed analysis is in the story
    store = Store(out / "storyline.db")
    try:
        rows = store.analysis_failures()
    finally:
        store.close()
    assert [(r[1], r[2], r[3]) for r in rows] == [(f.article, "claims", "ValueError")]

    # the next build (the fault gone) retries the failed article and succeeds
    again = build([src], out)
    assert again.ok and again.analysed == 1


@pytest.mark.slow
def test_cli_names_the_failed_article_and_exits_1(tmp_path, monkeypatch, capsys):
    faulty = _faulty_module(tmp_path, monkeypatch)
    monkeypatch.setattr(analyse, "extract_all", faulty.analyse_article)
    src = _corpus(tmp_path, ARTICLES)
    code = main(["build", str(src), "--out", str(tmp_path / "out"), "--quiet"])
    err = capsys.readouterr().err
    assert code == EXIT_INPUT_FAILED
    assert "b.txt: analysis failed in claims (ValueError: injected fault" in err
    monkeypatch.undo()
    assert main(["build", str(src), "--out", str(tmp_path / "out"), "--quiet"]) == EXIT_OK


def _build_in_subprocess(tmp_path: Path, src: Path, workers: int) -> dict:
    (tmp_path / "faulty_analyser.py").write_text(FAULTY, encoding="utf-8")
    script = textwrap.dedent(f"""
        import json, sys
        sys.path.insert(0, {str(tmp_path)!r})
        import faulty_analyser
        from storyline.pipeline import build
        r = build([{str(src)!r}], {str(tmp_path / "out")!r}, workers={workers}, batch_size=1,
                  analyser=faulty_analyser.analyse_article)
        print(json.dumps(r.to_json()))
    """)
    # a hang would be the failure this guards against: the timeout turns it into a test error
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


@pytest.mark.slow
def test_worker_exception_and_death_never_hang_the_parent(tmp_path):
    articles = dict(ARTICLES)
    articles["d.txt"] = "Rescuers KILLME pulled two survivors from the rubble on Sunday."
    articles["e.txt"] = "The company announced it would cut 2,000 jobs next year."
    src = _corpus(tmp_path, articles)
    report = _build_in_subprocess(tmp_path, src, workers=2)
    failed = {Path(f["source"]).name: f for f in report["analysis_failures"]}
    assert set(failed) == {"b.txt", "d.txt"}
    assert failed["b.txt"]["stage"] == "claims" and failed["b.txt"]["error"] == "ValueError"
    assert failed["d.txt"]["stage"] == "worker" and failed["d.txt"]["error"] == "WorkerDied"
    assert report["analysed"] == 3  # a, c and e, including articles batched beside the dead worker
    assert report["counts"]["articles"] == 5


class _Done:
    def __init__(self, value):
        self.value = value

    def result(self):
        return self.value


class _Executor:
    """Runs batches in the calling process; `broken` makes submit raise as a pool whose worker died."""

    made = 0

    def __init__(self, broken: bool):
        self.broken = broken

    def submit(self, fn, *args):
        from concurrent.futures.process import BrokenProcessPool

        if self.broken:
            raise BrokenProcessPool("a child process terminated abruptly")
        return _Done(fn(*args))

    def shutdown(self, wait=True, cancel_futures=False):
        pass


def test_a_pool_found_broken_at_submit_reruns_its_articles(monkeypatch):
    """A worker can die while the parent is busy storing or embedding: the next submit then finds the
    pool broken. Those articles are re-run, not lost, and the build goes on."""

    def executor(workers):
        _Executor.made += 1
        return _Executor(broken=_Executor.made == 1)

    monkeypatch.setattr(analyse, "_executor", executor)

    def fake(batch, analyser, batch_size):
        return analyse.BatchResult([analyse._failure(t[0], "test", "stands in for an analysis") for t in batch])

    monkeypatch.setattr(analyse, "analyse_batch", fake)
    tasks = [(Article(id=f"a{i}", source=f"{i}.txt", text="x"), "x") for i in range(3)]
    out = [o for r in analyse._run_pool(iter([tasks[:2], tasks[2:]]), 2, 2, analyse.extract_all) for o in r.outcomes]
    assert sorted(o.article for o in out) == ["a0", "a1", "a2"]
    assert _Executor.made == 2  # restarted once
