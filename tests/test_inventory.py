"""`storyline list` and `storyline stats`: what a store holds, read back without rebuilding."""

from __future__ import annotations

import json

import pytest

from storyline.cli import main
from storyline.pipeline import build


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("inv")
    src = root / "in"
    src.mkdir()
    (src / "a.txt").write_text("Police arrested two men in Lyon on Monday, officials said.\n", encoding="utf-8")
    (src / "b.txt").write_text("The company said it would close two plants next year.\n", encoding="utf-8")
    (src / "bad.jsonl").write_text("{not json\n", encoding="utf-8")
    out = root / "out"
    build([src], out)
    return out


def _json(capsys, *argv) -> object:
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.slow
def test_list_and_stats_read_the_store(built, capsys):
    arts = _json(capsys, "list", str(built), "--json")
    assert sorted(a["source"].rsplit("/", 1)[-1] for a in arts) == ["a.txt", "b.txt"]
    assert {a["state"] for a in arts} == {"analysed"}
    runs = _json(capsys, "list", str(built), "--runs", "--json")
    assert len(runs) == 1 and runs[0]["read"] == 2
    fails = _json(capsys, "list", str(built), "--failures", "--json")
    assert [f["kind"] for f in fails] == ["input"] and "bad.jsonl" in fails[0]["where"]
    st = _json(capsys, "stats", str(built), "--json")
    assert st["articles"] == 2 and st["analysed"] == 2 and st["runs"] == 1
    assert st["story"]["articles"] == 2 and st["store_bytes"] > 0


@pytest.mark.slow
def test_rm_then_list_shows_the_article_gone(built, capsys):
    arts = _json(capsys, "list", str(built), "--json")
    gone = arts[0]["id"]
    assert main(["rm", str(built), gone]) == 0
    capsys.readouterr()
    assert [a["id"] for a in _json(capsys, "list", str(built), "--json")] == [arts[1]["id"]]


def test_no_store_is_a_clear_error(tmp_path, capsys):
    assert main(["stats", str(tmp_path)]) == 3
    err = capsys.readouterr().err
    assert "no store here" in err and str(tmp_path) in err
    assert not (tmp_path / "storyline.db").exists()  # looking never creates a store
