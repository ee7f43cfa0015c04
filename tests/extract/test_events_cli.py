"""`storyline events`: the event layer of one text, as a build would store it, checked against its schema."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from storyline.extract.events_cli import mentions

SCHEMA = json.loads((Path(__file__).parents[2] / "src/storyline/schema/event_mentions.schema.json").read_text())
TEXT = ("Police arrested three men in the capital last week, officials said.\n"
        "The minister denied that the army had shelled the village.\n"
        "The company will close two plants next year.")


@pytest.fixture(scope="module")
def found() -> list[dict]:
    return mentions(TEXT, "2024-03-06")


def test_mentions_match_the_schema_and_the_text(found):
    jsonschema.validate(found, SCHEMA)
    assert [m["start"] for m in found] == sorted(m["start"] for m in found)
    for m in found:
        assert TEXT[m["start"]:m["end"]] == m["text"]


def test_factuality_date_and_plover(found):
    by = {m["text"]: m for m in found}
    arrested = by["arrested"]
    assert arrested["plover"] == {"type": "COERCE", "mode": "arrest"}
    assert arrested["date"]["precision"] == "week" and arrested["date"]["first_day"] == "2024-02-26"
    assert arrested["tense"] == "PAST"
    assert by["shelled"]["factuality"] == "denied"
    close = by["close"]
    assert close["factuality"] == "planned" and close["plover"] is None
    assert close["date"]["first_day"] == "2025-01-01" and close["date"]["precision"] == "year"


def test_without_anchor_relative_dates_stay_unresolved():
    found = mentions("Police arrested three men last week.", None)
    arrested = next(m for m in found if m["text"] == "arrested")
    assert arrested["date"] is None or not arrested["date"]["first_day"]


@pytest.mark.slow
def test_cli_prints_one_object_per_line_and_reports_a_missing_file(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(TEXT, encoding="utf-8")
    ok = subprocess.run([sys.executable, "-m", "storyline.cli", "events", "--anchor", "2024-03-06", str(f)],
                        capture_output=True, text=True, timeout=300)
    assert ok.returncode == 0, ok.stderr
    lines = [json.loads(x) for x in ok.stdout.splitlines()]
    jsonschema.validate(lines, SCHEMA)
    assert "arrested" in {m["text"] for m in lines}
    bad = subprocess.run([sys.executable, "-m", "storyline.cli", "events", str(tmp_path / "none.txt")],
                         capture_output=True, text=True, timeout=300)
    assert bad.returncode == 2 and "none.txt" in bad.stderr and "Traceback" not in bad.stderr
