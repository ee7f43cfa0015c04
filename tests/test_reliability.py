"""Exit codes, internal errors, store safety, output sets, changed inputs and no-op rebuilds."""

import json
import os
from pathlib import Path

import pytest

from storyline import outputs, pipeline
from storyline.cli import EXIT_FATAL, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, main
from storyline.pipeline import build

TEXTS = {
    "a.txt": "The central bank raised interest rates on Tuesday, officials said.",
    "b.txt": "The court sentenced the former mayor to five years in prison on Friday.",
}
NAMES = ("story.json", "brief.md", "timeline.html")


def _corpus(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    for name, text in TEXTS.items():
        (src / name).write_text(text, encoding="utf-8")
    rows = [json.dumps({"file": n, "published": "2024-03-08", "outlet": "Test"}) for n in TEXTS]
    (src / "manifest.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return src


def _story(out: Path) -> dict:
    return json.loads((out / "story.json").read_text(encoding="utf-8"))


@pytest.mark.slow
def test_internal_error_is_one_line_with_a_log_and_never_poisons_the_store(tmp_path, monkeypatch, capsys):
    src, out = _corpus(tmp_path), tmp_path / "out"

    def broken(*a, **k):
        raise RuntimeError("assembly bug")

    monkeypatch.setattr(pipeline, "assemble", broken)
    assert main(["build", str(src), "--out", str(out), "--quiet"]) == EXIT_INTERNAL
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "internal error (RuntimeError: assembly bug)" in err
    assert "Traceback" not in err
    log = (out / "storyline-error.log").read_text(encoding="utf-8")
    assert "Traceback" in log and "assembly bug" in log
    assert main(["--debug", "build", str(src), "--out", str(out), "--quiet"]) == EXIT_INTERNAL
    assert "Traceback" in capsys.readouterr().err
    monkeypatch.undo()
    # the next build into the same store works: nothing of the crash stays behind
    assert main(["build", str(src), "--out", str(out), "--quiet"]) == EXIT_OK
    assert len(_story(out)["articles"]) == 2


def test_bad_batch_size_is_a_usage_error(tmp_path, capsys):
    assert main(["build", str(tmp_path), "--out", str(tmp_path / "o"), "--batch-size", "0"]) == EXIT_USAGE
    assert "Traceback" not in capsys.readouterr().err


def test_corrupt_store_is_refused_untouched(tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    db = out / "storyline.db"
    db.write_bytes(b"SQLite format 3\x00" + os.urandom(4000))
    before = db.read_bytes()
    code = main(["build", str(_corpus(tmp_path)), "--out", str(out), "--quiet"])
    err = capsys.readouterr().err
    assert code == EXIT_FATAL
    assert "storyline.db" in err and "Traceback" not in err and err.count("\n") == 1
    assert db.read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == ["storyline.db"]


def test_output_set_is_all_new_or_all_old(tmp_path, monkeypatch):
    out = tmp_path / "out"
    out.mkdir()
    outputs.write_set(out, {n: f"old {n}" for n in NAMES})
    real_open = open
    calls = []

    def full_disk(path, *a, **k):
        calls.append(path)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real_open(path, *a, **k)

    monkeypatch.setattr(outputs, "open", full_disk, raising=False)
    with pytest.raises(outputs.OutputError, match="No space left on device"):
        outputs.write_set(out, {n: f"new {n}" for n in NAMES})
    assert {p.name for p in out.iterdir()} == set(NAMES)  # no staging folder, no .tmp left
    assert all((out / n).read_text() == f"old {n}" for n in NAMES)


def test_outputs_never_write_through_a_planted_symlink(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    (out / "story.json.tmp").symlink_to(victim)
    (out / "brief.md").symlink_to(victim)
    outputs.write_set(out, {n: f"new {n}" for n in NAMES})
    assert victim.read_text(encoding="utf-8") == "precious"
    assert not (out / "brief.md").is_symlink() and (out / "brief.md").read_text() == "new brief.md"
    assert not (out / "story.json.tmp").exists()


@pytest.mark.slow
def test_edited_input_replaces_its_old_version_and_rm_removes_a_deleted_one(tmp_path, capsys):
    src, out = _corpus(tmp_path), tmp_path / "out"
    build([src], out)
    (src / "a.txt").write_text("The central bank cut interest rates on Tuesday, officials said.", encoding="utf-8")
    r = build([src], out)
    assert (r.new, r.superseded) == (1, 1)
    texts = sorted(a["text"] for a in _story(out)["articles"])
    assert texts == sorted([TEXTS["b.txt"], "The central bank cut interest rates on Tuesday, officials said."])
    assert all(a["duplicate_of"] is None for a in _story(out)["articles"])

    (src / "b.txt").unlink()
    source = next(a["source"] for a in _story(out)["articles"] if a["text"] == TEXTS["b.txt"])
    assert main(["rm", str(out), source]) == EXIT_OK
    assert "removed 1 articles" in capsys.readouterr().out
    build([src], out)
    assert [a["text"] for a in _story(out)["articles"]] == ["The central bank cut interest rates on Tuesday, officials said."]
    assert main(["rm", str(out), "no-such-article"]) == 1


@pytest.mark.slow
def test_rebuild_with_nothing_new_keeps_the_outputs(tmp_path):
    src, out = _corpus(tmp_path), tmp_path / "out"
    first = build([src], out)
    assert not first.unchanged
    stamps = {n: (out / n).stat().st_mtime_ns for n in NAMES}
    again = build([src], out)
    assert again.unchanged and again.analysed == 0 and again.counts == first.counts
    assert {n: (out / n).stat().st_mtime_ns for n in NAMES} == stamps
    (out / "brief.md").unlink()  # a missing output is written again
    third = build([src], out)
    assert not third.unchanged and (out / "brief.md").is_file()


@pytest.mark.slow
def test_corrected_manifest_date_updates_the_stored_article_and_its_analysis(tmp_path):
    src, out = _corpus(tmp_path), tmp_path / "out"
    build([src], out)
    rows = [json.dumps({"file": "a.txt", "published": "2024-03-15", "outlet": "Other"}),
            json.dumps({"file": "b.txt", "published": "2024-03-08", "outlet": "Test"})]
    (src / "manifest.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    r = build([src], out)
    assert (r.new, r.updated, r.analysed) == (0, 1, 1)
    a = next(a for a in _story(out)["articles"] if a["text"] == TEXTS["a.txt"])
    assert (a["published"], a["outlet"]) == ("2024-03-15", "Other")
    tx = next(t for t in _story(out)["timexes"] if t["article"] == a["id"])
    assert tx["first_day"] == "2024-03-12"  # "on Tuesday" re-anchored to the corrected date


@pytest.mark.slow
def test_other_language_is_stored_and_reported_not_analysed(tmp_path):
    src, out = _corpus(tmp_path), tmp_path / "out"
    (src / "fr.txt").write_text(
        "Le gouvernement a annoncé mardi une nouvelle réforme des retraites, malgré l'opposition des "
        "syndicats qui appellent à une grève générale jeudi dans toutes les grandes villes du pays.",
        encoding="utf-8",
    )
    r = build([src], out)
    assert [s.split(" ")[0].endswith("fr.txt") for s in r.other_language] == [True]
    assert r.other_language[0].endswith("(fr)") and r.analysed == 2
    fr = next(a for a in _story(out)["articles"] if a["source"].endswith("fr.txt"))
    assert fr["language"] == "fr"
    assert not any(t["article"] == fr["id"] for t in _story(out)["timexes"])
    again = build([src], out, languages=("en", "fr"))
    assert again.analysed == 1 and again.other_language == []


@pytest.mark.slow
def test_building_into_the_input_folder_never_reads_its_own_outputs(tmp_path):
    src = _corpus(tmp_path)
    first = build([src], src)
    again = build([src], src)
    assert first.read == again.read == 2 and again.new == 0 and not again.failures
    assert len(_story(src)["articles"]) == 2
