"""`storyline show`: actor by name or alias, periods by interval overlap, type; CLI hooks."""

import argparse
import json
from pathlib import Path

import pytest

from storyline.render.cli import add_parsers
from storyline.render.query import parse_bound, select_events, show

FIXTURE = Path(__file__).parent / "fixtures" / "story_small.json"


@pytest.fixture
def story() -> dict:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def ids(events):
    return [e["id"] for e in events]


@pytest.mark.parametrize(
    ("text", "interval"),
    [("2023", ("2023-01-01", "2023-12-31")), ("2024-02", ("2024-02-01", "2024-02-29")),
     ("2023-07-26", ("2023-07-26", "2023-07-26"))],
)
def test_parse_bound(text, interval):
    assert parse_bound(text) == interval


@pytest.mark.parametrize("bad", ["23", "2023-13", "2023-02-30", "July 2023", ""])
def test_parse_bound_rejects(bad):
    with pytest.raises(ValueError):
        parse_bound(bad)


@pytest.mark.parametrize(
    ("actor", "expected"),
    [
        ("Osterlich", ["V2"]),  # as the speaker of the claim behind the reported event
        ("the osterlich government", ["V2"]),  # alias, any case
        ("firefly", ["V5", "V1"]),
        ("SYLVANIA", ["V2", "V5", "V3", "V1", "V8", "V4"]),
        ("Nobody", []),
    ],
)
def test_actor_filter(story, actor, expected):
    assert ids(select_events(story, actor=actor)) == expected


@pytest.mark.parametrize(
    ("since", "until", "expected"),
    [
        ("2023-07", None, ["V3", "V6", "V1", "V8"]),  # "before 2023-08-02" is open at the start
        ("2023-07-27", None, ["V3", "V6", "V8"]),  # month and week intervals overlap the 27th
        (None, "2023-04", ["V2", "V5", "V8"]),
        ("2023-04-15", "2023-04-15", ["V5", "V8"]),
        ("2024", None, []),
    ],
)
def test_period_filter_uses_interval_overlap_and_skips_undated(story, since, until, expected):
    assert ids(select_events(story, since=since, until=until)) == expected


@pytest.mark.parametrize(("typ", "expected"), [("consult", ["V5", "V1"]), ("CONSULT/visit", ["V1"]),
                                               ("aid", ["V2", "V4", "V7"])])
def test_type_filter(story, typ, expected):
    assert ids(select_events(story, type=typ)) == expected


def test_show_prints_dated_attributed_entries_with_evidence(story):
    out = show(story, actor="Freedonia", since="2022", until="2022")
    first = out.splitlines()[0]
    assert first.startswith("on or before 2022-11-02") and "Osterlich says; Freedonia denies:" in first
    assert "[a2: Wire Service, 2022-11-02] Osterlich said on Wednesday" in out
    assert show(story, actor="Nobody") == "No matching events.\n"


def test_show_strips_terminal_control_characters(story):
    story["events"][1]["summary"] = "shells \x1b[2J\x1b]0;pwned\x07 shipped"
    out = show(story, actor="Osterlich")
    assert "\x1b" not in out and "\x07" not in out and "shells [2J ]0;pwned shipped" in out


def _parser():
    p = argparse.ArgumentParser(prog="storyline")
    add_parsers(p.add_subparsers(dest="command"))
    return p


def test_cli_show_text_and_json(tmp_path, story, capsys):
    (tmp_path / "story.json").write_text(json.dumps(story), encoding="utf-8")
    args = _parser().parse_args(["show", str(tmp_path), "--actor", "North Sylvania"])
    assert args.func(args) == 0 and capsys.readouterr().out == "No matching events.\n"
    args = _parser().parse_args(["show", str(tmp_path), "--actor", "Sylvania", "--since", "2023-07",
                                 "--type", "CONSULT", "--json"])
    assert args.func(args) == 0
    assert [e["id"] for e in json.loads(capsys.readouterr().out)] == ["V1"]


@pytest.mark.parametrize("argv", [["--since", "last year"], ["--until", "2023-13"]])
def test_cli_show_bad_date_is_a_clear_error(tmp_path, story, capsys, argv):
    (tmp_path / "story.json").write_text(json.dumps(story), encoding="utf-8")
    args = _parser().parse_args(["show", str(tmp_path), *argv])
    assert args.func(args) == 2
    err = capsys.readouterr().err
    assert err.startswith("storyline show: not a date (use YYYY, YYYY-MM or YYYY-MM-DD)")


def test_cli_show_missing_story(tmp_path, capsys):
    args = _parser().parse_args(["show", str(tmp_path / "nowhere")])
    assert args.func(args) == 2
    assert "cannot read story.json" in capsys.readouterr().err
