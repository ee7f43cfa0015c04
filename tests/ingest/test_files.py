"""Only regular files are opened: FIFOs, devices, sockets and symlink loops are refused by name without
blocking; odd file names are shown printable; the build's own outputs are never read back."""

from __future__ import annotations

import os
import signal
import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from storyline.ingest import OUTPUT_NAMES, output_exclusions, read_inputs
from storyline.records import Article, IngestError

GOOD = (
    "Rescue teams reached the flooded villages on Thursday, the civil defence agency said, and began "
    "moving residents to shelters in the provincial capital."
)


def run(*paths: str | Path, **kw: object) -> tuple[list[Article], list[IngestError]]:
    items = list(read_inputs(list(paths), **kw))  # type: ignore[arg-type]
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, IngestError)]


@pytest.fixture
def deadline() -> Iterator[None]:
    """Fail instead of hanging when something blocks (opening a FIFO for reading blocks for ever)."""

    def expired(signum: int, frame: object) -> None:
        raise TimeoutError("reading blocked")

    old = signal.signal(signal.SIGALRM, expired)
    signal.alarm(20)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


def test_named_pipe_in_a_folder_is_refused_without_blocking(tmp_path: Path, deadline: None) -> None:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")
    arts, errors = run(tmp_path)
    assert [a.source for a in arts] == ["good.txt"]
    (err,) = errors
    assert err.path == str(tmp_path / "pipe.txt") and "not a regular file (a named pipe (FIFO))" in err.problem
    _, named = run(tmp_path / "pipe.txt")  # named explicitly: the same
    assert "named pipe" in named[0].problem


def test_devices_and_sockets_are_refused_by_name(deadline: None) -> None:
    _, errors = run("/dev/null", "/dev/zero")
    assert [e.problem for e in errors] == ["not a regular file (a character device); not read"] * 2
    folder = Path(tempfile.mkdtemp(dir="/tmp"))  # AF_UNIX paths must be short
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(folder / "s.txt"))
        (folder / "good.txt").write_text(GOOD, encoding="utf-8")
        arts, errors = run(folder)
        assert [a.source for a in arts] == ["good.txt"]
        assert [e.problem for e in errors] == ["not a regular file (a socket); not read"]
    finally:
        sock.close()
        for f in folder.iterdir():
            f.unlink()
        folder.rmdir()


def test_symlink_loops_are_refused_and_the_rest_read(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.txt").symlink_to("c.txt")
    (tmp_path / "c.txt").symlink_to("b.txt")
    (tmp_path / "dangling.txt").symlink_to("missing.txt")
    (tmp_path / "loop").symlink_to("loop")
    arts, errors = run(tmp_path)
    assert [a.source for a in arts] == ["good.txt"]
    got = {Path(e.path).name: e.problem for e in errors}
    assert got["b.txt"].startswith("symlink loop") and got["c.txt"].startswith("symlink loop")
    assert got["dangling.txt"].startswith("broken symlink")
    _, named = run(tmp_path / "loop", str(tmp_path / "*.txt"))
    assert named[0].problem.startswith("symlink loop")
    assert sorted(Path(e.path).name for e in named[1:]) == ["b.txt", "c.txt", "dangling.txt"]


def test_symlink_to_a_regular_file_is_read(tmp_path: Path) -> None:
    (tmp_path / "real.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "link.txt").symlink_to("real.txt")
    arts, errors = run(tmp_path)
    assert not errors and sorted(a.source for a in arts) == ["link.txt", "real.txt"]


def test_undecodable_and_control_characters_in_file_names_are_shown_escaped(tmp_path: Path) -> None:
    folder = os.fsencode(tmp_path)
    with open(os.path.join(folder, b"caf\xe9.txt"), "w", encoding="utf-8") as fh:
        fh.write(GOOD)
    with open(os.path.join(folder, b"red\x1b[31m.txt"), "w", encoding="utf-8") as fh:
        fh.write("")
    arts, errors = run(tmp_path)
    assert [a.source for a in arts] == ["caf\\xe9.txt"]
    assert errors[0].path.endswith("red\\x1b[31m.txt") and "\x1b" not in str(errors[0])
    arts[0].source.encode("utf-8")


def test_unlistable_subfolder_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "locked").mkdir()
    real_scandir = os.scandir

    def scandir(path: str) -> object:  # what a folder without read permission does (root reads every folder)
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    arts, errors = run(tmp_path)
    assert [a.source for a in arts] == ["good.txt"]
    assert [(Path(e.path).name, e.problem) for e in errors] == [("locked", "cannot list folder: Permission denied")]


# --- the build's own outputs --------------------------------------------------------------------


def plant_outputs(folder: Path) -> None:
    (folder / "story.json").write_text('{"schema": "storyline.story/2", "articles": []}', encoding="utf-8")
    (folder / "brief.md").write_text("# Brief\n\nThe story so far, with every claim and its sources.\n", encoding="utf-8")
    (folder / "timeline.html").write_text(f"<html><body><article><p>{GOOD}</p></article></body></html>", encoding="utf-8")
    (folder / "storyline.db").write_bytes(b"SQLite format 3\x00" + bytes(100))
    (folder / "brief.md.tmp").write_text("half written", encoding="utf-8")


def test_out_equal_to_the_input_folder_reads_only_the_articles(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.html").write_text(f"<html><body><article><p>{GOOD} B.</p></article></body></html>", encoding="utf-8")
    plant_outputs(tmp_path)
    exclude = output_exclusions(tmp_path, [tmp_path])
    assert {p.name for p in exclude} >= set(OUTPUT_NAMES) | {"brief.md.tmp"}
    arts, errors = run(tmp_path, exclude=exclude)
    assert not errors and sorted(a.source for a in arts) == ["a.txt", "b.html"]
    arts, errors = run(str(tmp_path / "*"), exclude=exclude)  # a glob over everything: the same
    assert not errors and sorted(a.source for a in arts) == ["a.txt", "b.html"]
    without, _ = run(tmp_path)
    assert "timeline.html" in {a.source for a in without}  # what exclude prevents


def test_out_inside_the_input_folder_is_skipped_whole(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    plant_outputs(out)
    (out / "exported.txt").write_text(GOOD + " Exported.", encoding="utf-8")
    exclude = output_exclusions(out, [tmp_path])
    assert exclude == [out.resolve()]
    arts, errors = run(tmp_path, exclude=exclude)
    assert not errors and [a.source for a in arts] == ["a.txt"]
    _, named = run(out / "timeline.html", exclude=exclude)
    assert "is an output of this build" in named[0].problem
