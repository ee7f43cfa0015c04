"""Bad input is reported as IngestError naming the file and the problem; good files beside it still read."""

from __future__ import annotations

import io
import time
import tracemalloc
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storyline.ingest import read_inputs
from storyline.records import Article, IngestError

GOOD = (
    "Rescue teams reached the flooded villages on Thursday, the civil defence agency said, and began "
    "moving residents to shelters in the provincial capital."
)


def run(*paths: str | Path, **kw: int) -> tuple[list[Article], list[IngestError]]:
    items = list(read_inputs(list(paths), **kw))
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, IngestError)]


def with_good(folder: Path) -> Path:
    good = folder / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    return good


def assert_one_error(errors: list[IngestError], path: Path, words: str) -> IngestError:
    matching = [e for e in errors if e.path == str(path)]
    assert len(matching) == 1, errors
    assert words in matching[0].problem, matching[0].problem
    assert str(path) in str(matching[0])
    return matching[0]


def assert_good_read(articles: list[Article]) -> None:
    assert any(a.source == "good.txt" and a.text == GOOD for a in articles)


def test_empty_and_whitespace_files(tmp_path: Path) -> None:
    with_good(tmp_path)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.html").write_bytes(b" \n\t\r\n ")
    arts, errors = run(tmp_path)
    assert_one_error(errors, tmp_path / "empty.txt", "empty file")
    assert_one_error(errors, tmp_path / "blank.html", "empty file")
    assert_good_read(arts)


def test_binary_file(tmp_path: Path) -> None:
    with_good(tmp_path)
    (tmp_path / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    arts, errors = run(tmp_path)
    assert_one_error(errors, tmp_path / "photo.txt", "binary file")
    assert_good_read(arts)


def test_legacy_encoding_reads_correctly(tmp_path: Path) -> None:
    with_good(tmp_path)
    text = "Minister\u2019s plan\n\n\u201cWe will rebuild every bridge,\u201d the minister said \u2014 at a caf\u00e9 in the capital.\n"
    (tmp_path / "cp1252.txt").write_bytes(text.encode("cp1252"))
    html = (
        '<html><head><meta charset="iso-8859-1"></head><body><article><p>\u201cThe dam is safe,\u201d the engineer '
        "said on Friday, as crews inspected the spillway and the reservoir level kept falling.</p></article></body></html>"
    )
    (tmp_path / "latin.html").write_bytes(html.encode("cp1252"))
    arts, errors = run(tmp_path)
    assert not errors
    got = {a.source: a for a in arts}
    assert got["cp1252.txt"].text == text
    assert got["cp1252.txt"].title == "Minister\u2019s plan"
    assert "\u201cThe dam is safe,\u201d the engineer said" in got["latin.html"].text
    assert_good_read(arts)


def test_truncated_html(tmp_path: Path) -> None:
    with_good(tmp_path)
    full = (
        "<html><head><title>Quake</title></head><body><article><p>A strong earthquake struck the coastal city "
        "early on Monday, the geological survey said, damaging hundreds of buildings.</p><p>Officials said"
    )
    (tmp_path / "cut.html").write_text(full, encoding="utf-8")
    (tmp_path / "stub.html").write_text("<html><head><title>Qua", encoding="utf-8")
    arts, errors = run(tmp_path)
    cut = [a for a in arts if a.source == "cut.html"]
    assert cut and "A strong earthquake struck the coastal city" in cut[0].text
    assert_one_error(errors, tmp_path / "stub.html", "no article text found")
    assert_good_read(arts)


def test_malformed_jsonl_line_reports_its_number(tmp_path: Path) -> None:
    f = tmp_path / "batch.jsonl"
    f.write_text(f'{{"text": "{GOOD}"}}\n{{"text": "unterminated\n{{"text": "{GOOD} Again."}}\n', encoding="utf-8")
    with_good(tmp_path)
    arts, errors = run(tmp_path)
    err = assert_one_error(errors, f, "malformed JSON")
    assert err.line == 2 and str(err).startswith(f"{f}:2: ")
    assert sorted(a.source for a in arts) == ["batch.jsonl#1", "batch.jsonl#3", "good.txt"]


def test_truncated_warc_gz_keeps_records_before_the_break(tmp_path: Path) -> None:
    whole = tmp_path / "whole.warc.gz"
    with whole.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for n in range(3):
            body = f"<html><body><article><p>Story {n}. {GOOD}</p><p>{GOOD}</p></article></body></html>".encode()
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    f"https://example.com/{n}", "response", payload=io.BytesIO(body), http_headers=headers
                )
            )
    data = whole.read_bytes()
    whole.unlink()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: len(data) * 5 // 6])  # the third record's gzip member loses its end
    with_good(tmp_path)
    arts, errors = run(tmp_path)
    assert_one_error(errors, cut, "truncated")
    warc = [a for a in arts if a.source.startswith("cut.warc.gz#")]
    assert [a.source for a in warc] == ["cut.warc.gz#1", "cut.warc.gz#2"]
    assert warc[0].text.startswith("Story 0.")
    assert_good_read(arts)


def test_huge_file_is_refused_from_its_size(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse: no time or disk spent writing it
    with_good(tmp_path)
    tracemalloc.start()
    t0 = time.perf_counter()
    arts, errors = run(tmp_path)
    elapsed = time.perf_counter() - t0
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert_one_error(errors, huge, "file too large (50.0 MB > 20 MB")
    assert elapsed < 5 and peak < 10 * 1024 * 1024  # never read into memory
    assert_good_read(arts)
    # The limit is a parameter.
    _, small_limit = run(tmp_path / "good.txt", max_bytes=10)
    assert_one_error(small_limit, tmp_path / "good.txt", "file too large")


def test_nonexistent_path_is_reported_and_others_still_read(tmp_path: Path) -> None:
    good = with_good(tmp_path)
    missing = tmp_path / "nope" / "missing.txt"
    arts, errors = run(missing, good)
    assert_one_error(errors, missing, "no such file or directory")
    assert [a.source for a in arts] == ["good.txt"]


def test_directory_without_articles(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "README.md").write_text("notes", encoding="utf-8")
    (empty / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    failing = tmp_path / "failing"
    failing.mkdir()
    (failing / "blank.txt").write_text("   ", encoding="utf-8")
    good_dir = tmp_path / "ok"
    good_dir.mkdir()
    with_good(good_dir)
    arts, errors = run(empty, failing, good_dir)
    assert_one_error(errors, empty, "no articles found in directory")
    assert_one_error(errors, failing, "no articles found in directory")
    assert_one_error(errors, failing / "blank.txt", "empty file")
    assert_good_read(arts)


def test_reader_failure_becomes_an_error_not_an_exception(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import storyline.ingest.readers_html as readers

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("extractor crashed")

    monkeypatch.setattr(readers.trafilatura, "bare_extraction", boom)
    page = tmp_path / "page.html"
    page.write_text(f"<html><body><p>{GOOD}</p></body></html>", encoding="utf-8")
    with_good(tmp_path)
    arts, errors = run(tmp_path)
    assert_one_error(errors, page, "extractor crashed")
    assert_good_read(arts)


def test_utf16_with_bom_reads(tmp_path: Path) -> None:
    f = tmp_path / "wide.txt"
    f.write_bytes(GOOD.encode("utf-16"))
    (art,), errors = run(f)
    assert not errors and art.text == GOOD


def test_article_text_over_the_character_cap_is_refused(tmp_path: Path) -> None:
    long = tmp_path / "long.txt"
    long.write_text(GOOD * 10, encoding="utf-8")
    with_good(tmp_path)
    arts, errors = run(tmp_path, max_chars=len(GOOD) * 5)
    assert_one_error(errors, long, "text too long")
    assert_good_read(arts)
