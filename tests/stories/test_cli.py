"""`storyline stories` and `storyline build --about/--since/--until/--story` end to end."""

from __future__ import annotations

import json

import pytest

import storyline.analyse
from storyline.cli import main
from storyline.pipeline import build
from storyline.store import Store

from .conftest import light_analyser, story_of, write_corpus


def _json(capsys, *argv, code=0):
    assert main(list(argv)) == code
    return json.loads(capsys.readouterr().out)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A corpus and a store clustered by `storyline stories --add` (nothing analysed yet)."""
    root = tmp_path_factory.mktemp("cli")
    write_corpus(root / "in")
    out = root / "out"
    assert main(["stories", str(out), "--add", str(root / "in"), "--json"]) == 0
    return root / "in", out


def test_stories_lists_the_stories_and_analyses_nothing(built, capsys):
    _, out = built
    stories = _json(capsys, "stories", str(out), "--json")
    assert [s["size"] for s in stories] == [5, 4, 3] and [s["id"] for s in stories] == [1, 2, 3]
    assert all(s["label"] and s["terms"] and s["articles"] for s in stories)
    s = Store(out / "storyline.db")
    assert s.conn.execute("SELECT count(*) FROM analyses").fetchone()[0] == 0
    assert s.conn.execute("SELECT count(*) FROM stories").fetchone()[0] == 3
    s.close()
    assert main(["stories", str(out)]) == 0
    text = capsys.readouterr().out
    assert text.startswith("3 stories in 12 articles") and "--story 1" in text


def test_build_about_analyses_only_the_kept_articles_and_reuses_them(built, tmp_path):
    src, _ = built
    out = tmp_path / "out"
    r = build([src], out, about="central bank interest rates", analyser=light_analyser)
    assert (r.selected, r.left_out, r.analysed) == (4, 8, 4)
    assert r.selection == {"about": "central bank interest rates"}
    s = Store(out / "storyline.db")
    arts = {a.id: a for a in s.articles()}
    assert len(arts) == 12  # the others stay stored
    assert {story_of(arts[i]) for i in s.analysed_ids(_version())} == {"rates"}
    s.close()
    story = json.loads((out / "story.json").read_text(encoding="utf-8"))
    assert {story_of(arts[a["id"]]) for a in story["articles"]} == {"rates"}

    again = build([src], out, about="central bank interest rates", analyser=light_analyser)
    assert again.unchanged and again.analysed == 0
    other = build([src], out, about="Tiago Mendes Rovers transfer", analyser=light_analyser)
    assert not other.unchanged and (other.selected, other.analysed) == (3, 3)  # rates' analyses stay stored
    both = build([src], out, until="2024-06-30", analyser=light_analyser)
    assert (both.selected, both.analysed) == (8, 4)  # volcano's four new; rates' reused; undated left out
    whole = build([src], out, analyser=light_analyser)
    assert (whole.selected, whole.left_out, whole.analysed) == (12, 0, 1)


def _version() -> str:
    from storyline.pipeline import PIPELINE_VERSION

    return PIPELINE_VERSION


@pytest.mark.slow
def test_build_story_id_and_the_run_summary(built, capsys, monkeypatch):
    src, out = built
    monkeypatch.setattr(storyline.analyse, "extract_all", light_analyser)  # no extractors: the choice matters
    assert main(["build", str(src), "--out", str(out), "--story", "3", "--quiet"]) == 0
    text = capsys.readouterr().out
    assert f"selected 3 of 12 stored articles (story 3); 9 left out, still stored (storyline list {out} --left-out)" in text
    story = json.loads((out / "story.json").read_text(encoding="utf-8"))
    assert len(story["articles"]) == 3
    gone = _json(capsys, "list", str(out), "--left-out", "--json")
    assert len(gone) == 9
    assert _json(capsys, "stats", str(out), "--json")["left_out"] == 9
    report = _json(capsys, "build", str(src), "--out", str(out), "--about", "volcano lava Grindavik", "--json")
    assert (report["selected"], report["left_out"]) == (5, 7)

    late = src.parent / "late"
    late.mkdir()
    (late / "x.txt").write_text("Rovers sold the striker Tiago Mendes back to Porto.\n", encoding="utf-8")
    report = _json(capsys, "build", str(src), str(late), "--out", str(out), "--story", "3", "--json")
    assert report["selected"] == 3 and report["new"] == 1  # the late article is in no story yet
    assert any("1 articles stored since `storyline stories`" in w for w in report["warnings"])


@pytest.mark.parametrize(("argv", "message"), [
    (["--story", "42"], "no story 42"),
    (["--story", "two"], "not a story id"),
    (["--since", "2024-02-31"], "not a date"),
    (["--until", "last week"], "not a date"),
    (["--since", "2024-06", "--until", "2024-01"], "is after --until"),
    (["--about", "  "], "--about is empty"),
])
def test_bad_selections_are_usage_errors_in_one_line(built, capsys, argv, message):
    src, out = built
    assert main(["build", str(src), "--out", str(out), *argv]) == 2
    err = capsys.readouterr().err.strip()
    assert message in err and len(err.splitlines()) == 1 and err.startswith("storyline build:")


def test_stories_of_one_period(built, capsys):
    _, out = built
    stories = _json(capsys, "stories", str(out), "--since", "2024-06", "--until", "2024-09-30", "--json")
    assert [s["size"] for s in stories] == [4, 3]
    assert stories[0]["first_day"] >= "2024-06-01" and stories[1]["last_day"] <= "2024-09-30"
    assert main(["stories", str(out), "--since", "June"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("storyline stories:") and "not a date" in err and len(err.splitlines()) == 1
    assert len(_json(capsys, "stories", str(out), "--json")) == 3  # the whole store again


def test_stories_without_a_store_is_a_clear_error(tmp_path, capsys):
    assert main(["stories", str(tmp_path / "nothing")]) == 3
    assert "no store here" in capsys.readouterr().err
