"""The Ray engine (`build --engine ray`): the same story as the local engine, the same failure policy."""

import json
import shutil
from pathlib import Path

import pytest

from storyline import engine_ray
from storyline.cli import EXIT_FATAL, EXIT_USAGE, main
from storyline.pipeline import build
from storyline.records import AnalysisFailure, Article, ArticleAnalysis

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"
needs_ray = pytest.mark.skipif(not engine_ray.available(), reason="ray is not installed (pip install 'storyline[ray]')")


@pytest.fixture(scope="module")
def ray_local():
    """One local Ray instance with two CPUs for the module (the engine then neither starts nor stops it)."""
    import ray

    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield ray
    ray.shutdown()


def _seed_subset(tmp_path: Path, n: int) -> Path:
    src = tmp_path / "seeds"
    src.mkdir()
    names = sorted(p.name for p in SEEDS.glob("*.txt"))[:n]
    for name in names:
        shutil.copy(SEEDS / name, src / name)
    rows = [line for line in (SEEDS / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip() and json.loads(line)["file"] in names]
    (src / "manifest.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return src


def _story(out: Path) -> dict:
    story = json.loads((out / "story.json").read_text(encoding="utf-8"))
    story.pop("generated")  # the build's time stamp
    return story


@needs_ray
@pytest.mark.slow
def test_ray_engine_builds_the_same_story_as_the_local_engine(tmp_path, ray_local):
    src = _seed_subset(tmp_path, 3)
    local = build([src], tmp_path / "local")
    ray_report = build([src], tmp_path / "ray", engine="ray", workers=2, batch_size=1)
    assert local.ok and ray_report.ok
    assert ray_report.analysed == local.analysed == 3
    assert ray_report.timings["nlp"] > 0 and ray_report.timings["extract"] > 0  # summed over the actors
    a, b = _story(tmp_path / "local"), _story(tmp_path / "ray")
    assert len(a["events"]) > 0 and len(a["claims"]) > 0
    assert a == b


def _articles(texts: list[str]) -> list[tuple[Article, str | None]]:
    return [(Article(id=f"a{i}", source=f"{i}.txt", text=t, published="2024-03-08"), None)
            for i, t in enumerate(texts)]


TEXTS = [
    "The central bank raised interest rates on Tuesday, officials said.",
    "Workers EXPLODE walked out of the plant on Monday after talks collapsed.",
    "The court sentenced the former mayor to five years in prison on Friday.",
    "The minister KILLME resigned on Wednesday, her office said.",
    "Rescuers pulled two survivors from the rubble on Thursday.",
]


@needs_ray
@pytest.mark.slow
def test_a_raising_article_fails_alone_and_a_dying_actor_costs_only_its_article(ray_local):
    import os

    from storyline.analyse import extract_all

    def faulty(article, doc, stage):  # a local function: Ray pickles it by value for the actors
        if "KILLME" in article.text:
            stage("events")
            os._exit(3)
        if "EXPLODE" in article.text:
            stage("claims")
            raise ValueError("injected fault")
        return extract_all(article, doc, stage)

    timings: dict[str, float] = {}
    out = list(engine_ray.run(_articles(TEXTS), workers=2, batch_size=2, analyser=faulty, timings=timings))
    assert [o.article for o in out] == [f"a{i}" for i in range(len(TEXTS))]  # every article, in input order
    fails = {o.article: o for o in out if isinstance(o, AnalysisFailure)}
    assert set(fails) == {"a1", "a3"}
    assert (fails["a1"].stage, fails["a1"].error, fails["a1"].message) == ("claims", "ValueError", "injected fault")
    assert fails["a3"].stage == "worker" and fails["a3"].source == "3.txt"
    done = [o for o in out if isinstance(o, ArticleAnalysis)]
    assert len(done) == 3 and all(o.timexes for o in done)  # each names a weekday: analysed for real


def test_missing_ray_is_one_line_and_exit_2(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(engine_ray, "available", lambda: False)
    code = main(["build", str(tmp_path), "--out", str(tmp_path / "out"), "--engine", "ray", "--quiet"])
    err = capsys.readouterr().err.strip()
    assert code == EXIT_USAGE
    assert err == "storyline build: --engine ray needs the ray extra: pip install 'storyline[ray]'"
    assert not (tmp_path / "out").exists()  # refused before anything is built


def test_ray_address_needs_the_ray_engine(tmp_path, capsys):
    code = main(["build", str(tmp_path), "--out", str(tmp_path / "out"), "--ray-address", "auto"])
    assert code == EXIT_USAGE and "--ray-address needs --engine ray" in capsys.readouterr().err


@needs_ray
def test_an_unreachable_ray_address_is_one_line_and_exit_3(tmp_path, capsys):
    import socket

    with socket.socket() as s:  # a port nothing listens on: bound, never listening
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        code = main(["build", str(tmp_path), "--out", str(tmp_path / "out"), "--engine", "ray",
                     "--ray-address", f"127.0.0.1:{port}", "--quiet"])
    err = capsys.readouterr().err.strip()
    assert code == EXIT_FATAL
    assert err.startswith(f"storyline build: cannot reach Ray at 127.0.0.1:{port}") and "\n" not in err
