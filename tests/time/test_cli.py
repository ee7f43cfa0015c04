"""`storyline timex`: one JSON object per expression, or an array with --json."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import pytest

from storyline.time import cli

FIELDS = {"start", "end", "text", "type", "value", "first_day", "last_day", "precision", "article"}


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="storyline")
    cli.add_parser(parser.add_subparsers(dest="command"))
    return parser.parse_args(["timex", *argv])


def test_jsonl_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "a.txt"
    f.write_text("Kirby said on Thursday that Shoigu visited last week.", encoding="utf-8")
    args = _parse(["--anchor", "2023-08-04", str(f)])
    assert args.func(args) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["text"], r["value"]) for r in rows] == [("Thursday", "2023-08-03"), ("last week", "2023-W30")]
    assert all(set(r) == FIELDS for r in rows)


def test_json_array_without_anchor(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "a.txt"
    f.write_text("In July, the minister traveled to Pyongyang.", encoding="utf-8")
    args = _parse(["--json", str(f)])
    assert cli.run(args) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["value"] == "XXXX-07" and rows[0]["first_day"] is None


def test_missing_file_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.run(_parse([str(tmp_path / "nope.txt")])) == 2
    assert "nope.txt" in capsys.readouterr().err


def test_bad_anchor_rejected() -> None:
    with pytest.raises(SystemExit):
        _parse(["--anchor", "02/11/2022", "-"])


def test_module_reads_stdin() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "storyline.time.cli", "--anchor", "2022-11-02", "-"],
        input="The White House on Wednesday accused North Korea.",
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    row = json.loads(out.splitlines()[0])
    assert (row["text"], row["value"], row["precision"]) == ("Wednesday", "2022-11-02", "day")
