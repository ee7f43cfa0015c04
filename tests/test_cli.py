import json
import subprocess
import sys

import pytest

from storyline.cli import EXIT_FATAL, EXIT_INPUT_FAILED, EXIT_OK, EXIT_USAGE, main


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "storyline.cli", *args], capture_output=True, text=True, timeout=300
    )


@pytest.mark.parametrize("cmd", [[], ["build"], ["timex"], ["show"], ["export"]])
def test_help_everywhere(cmd):
    r = _run(*cmd, "--help")
    assert r.returncode == 0
    assert "usage: storyline" in r.stdout


def test_no_command_is_usage_error(capsys):
    assert main([]) == EXIT_USAGE


def test_build_json_summary_and_exit_codes(tmp_path):
    good = tmp_path / "in"
    good.mkdir()
    (good / "a.txt").write_text(
        "Parliament passes budget\n\nLawmakers approved the budget on Friday after a long debate, "
        "the speaker said.\n",
        encoding="utf-8",
    )
    r = _run("build", str(good), "--out", str(tmp_path / "o"), "--json")
    assert r.returncode == EXIT_OK, r.stderr
    summary = json.loads(r.stdout)
    assert summary["read"] == 1 and summary["failures"] == []
    assert summary["outputs"]["story.json"].endswith("story.json")

    (good / "bad.jsonl").write_text('{"text": "Fine line about the vote."}\n{broken\n', encoding="utf-8")
    r = _run("build", str(good), "--out", str(tmp_path / "o"), "--json")
    assert r.returncode == EXIT_INPUT_FAILED
    assert "bad.jsonl:2" in r.stderr


def test_nothing_to_build_is_fatal(tmp_path):
    empty = tmp_path / "nothing"
    empty.mkdir()
    r = _run("build", str(empty), "--out", str(tmp_path / "o"))
    assert r.returncode == EXIT_FATAL
    assert "nothing" in r.stderr


def test_unusable_store_is_fatal_and_untouched(tmp_path):
    db = tmp_path / "junk.db"
    db.write_bytes(b"\x00garbage" * 64)
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Voters went to the polls on Sunday.\n", encoding="utf-8")
    r = _run("build", str(src), "--out", str(tmp_path / "o"), "--db", str(db))
    assert r.returncode == EXIT_FATAL
    assert "junk.db" in r.stderr
    assert db.read_bytes() == b"\x00garbage" * 64


def test_help_imports_no_heavy_library():
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from storyline.cli import main\n"
        "for cmd in ([], ['build'], ['timex'], ['show'], ['export'], ['rm']):\n"
        "    try:\n"
        "        main([*cmd, '--help'])\n"
        "    except SystemExit:\n"
        "        pass\n"
        "heavy = sorted(m for m in ('spacy', 'torch', 'trafilatura', 'sentence_transformers', 'pyarrow')"
        " if m in sys.modules)\n"
        "print('HEAVY', heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60).stdout
    assert "HEAVY []" in out, out[-500:]
