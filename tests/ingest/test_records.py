"""One bad record costs only itself: JSONL lines, feed entries and WARC records are read one by one,
each failure named with its line or record number, and every string handed out is clean text."""

from __future__ import annotations

import io
import json
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


def run(*paths: str | Path, **kw: object) -> tuple[list[Article], list[IngestError]]:
    items = list(read_inputs(list(paths), **kw))  # type: ignore[arg-type]
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, IngestError)]


def storable(article: Article) -> None:
    """Every field encodes as UTF-8 and holds no control character the terminal or XML cannot take."""
    for value in (article.text, article.title, article.outlet, article.url, article.source, *article.authors):
        if value is not None:
            value.encode("utf-8")
            assert not any(ord(c) < 32 and c not in "\t\n\r" for c in value), value


# --- JSON lines ---------------------------------------------------------------------------------


def test_surrogate_and_controls_in_jsonl_fields_are_replaced_not_fatal(tmp_path: Path) -> None:
    f = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"text": GOOD, "title": "Bad \ud800 title"}),
        json.dumps({"text": GOOD + " \udc80 and a bell \x07.", "outlet": "Nile\x00Herald"}),
        json.dumps({"text": GOOD + " Third."}),
    ]
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    arts, errors = run(f)
    assert not errors
    assert [a.source for a in arts] == ["batch.jsonl#1", "batch.jsonl#2", "batch.jsonl#3"]
    first, second, _ = arts
    assert first.title == "Bad \ufffd title"
    assert any("title" in w and "U+FFFD" in w for w in first.warnings)
    assert "\ufffd and a bell \ufffd." in second.text and second.outlet == "Nile\ufffdHerald"
    assert any(w.startswith("text:") for w in second.warnings)
    for art in arts:
        storable(art)


def test_a_record_whose_reading_raises_costs_only_its_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import storyline.ingest.readers_records as records

    real = records.make_article

    def flaky(source: str, text: str, **kw: object) -> Article:
        if "explode" in text:
            raise RuntimeError("reader bug")
        return real(source, text, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(records, "make_article", flaky)
    f = tmp_path / "batch.jsonl"
    f.write_text("\n".join(json.dumps({"text": t}) for t in (GOOD, "explode " + GOOD, GOOD + " Again.")) + "\n")
    arts, errors = run(f)
    assert [a.source for a in arts] == ["batch.jsonl#1", "batch.jsonl#3"]
    assert [(e.line, "reader bug" in e.problem) for e in errors] == [(2, True)]


def test_overlong_jsonl_line_is_skipped_without_holding_it(tmp_path: Path) -> None:
    f = tmp_path / "batch.jsonl"
    with f.open("w", encoding="utf-8") as fh:
        fh.write(json.dumps({"text": GOOD}) + "\n")
        fh.write(json.dumps({"text": "x" * 3_000_000}) + "\n")
        fh.write(json.dumps({"text": GOOD + " After the long line."}) + "\n")
    run(f, max_bytes=100)  # warm up: first-use imports and caches are not the line
    tracemalloc.start()
    arts, errors = run(f, max_bytes=1_000_000)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert [a.source for a in arts] == ["batch.jsonl#1", "batch.jsonl#3"]
    assert len(errors) == 1 and errors[0].line == 2 and "too large" in errors[0].problem
    assert peak < 2_500_000  # the 3 MB line was never held whole


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("[" * 100_000 + "]" * 100_000, "malformed JSON"),  # deeper than Python's recursion limit
        ('{"text": ' + "1" * 5000 + "}", "malformed JSON"),  # over Python's int digit limit
        ('{"text": "a\\ud800b"', "malformed JSON"),
    ],
)
def test_hostile_json_lines_are_errors_with_their_line(tmp_path: Path, line: str, problem: str) -> None:
    f = tmp_path / "x.jsonl"
    f.write_text(f'{{"text": "{GOOD}"}}\n{line}\n{{"text": "{GOOD} Third."}}\n', encoding="utf-8")
    arts, errors = run(f)
    assert [a.source for a in arts] == ["x.jsonl#1", "x.jsonl#3"]
    assert [e.line for e in errors] == [2] and problem in errors[0].problem


def test_invalid_utf8_bytes_in_a_jsonl_line_are_replaced_and_warned(tmp_path: Path) -> None:
    f = tmp_path / "x.jsonl"
    f.write_bytes(b'{"text": "' + GOOD.encode() + b' caf\xe9 \xff"}\n')
    (art,), errors = run(f)
    assert not errors and art.text.endswith("caf\ufffd \ufffd")
    assert any("invalid UTF-8" in w for w in art.warnings)


def test_jsonl_published_placeholders_and_relative_words_are_refused(tmp_path: Path) -> None:
    f = tmp_path / "x.jsonl"
    rows = [{"text": GOOD, "published": p} for p in ("0001-01-01", "9999-12-31", "yesterday", "2023-08-04")]
    f.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    arts, errors = run(f)
    assert not errors
    assert [a.published for a in arts] == [None, None, None, "2023-08-04"]
    assert all(any("published refused" in w for w in a.warnings) for a in arts[:3])


# --- feeds --------------------------------------------------------------------------------------


def feed(*items: str, title: str = "Nile Herald - Africa", link: str = "https://www.nileherald.example/africa") -> str:
    body = "".join(
        f"<item><title>{t}</title><link>https://www.nileherald.example/story/{n}</link>"
        f"<dc:creator>Jane Roe</dc:creator><description>{GOOD} Item {n}.</description></item>"
        for n, t in enumerate(items, start=1)
    )
    return (
        '<?xml version="1.0"?>\n<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>\n'
        f"<title>{title}</title><link>{link}</link>\n{body}\n</channel></rss>\n"
    )


def test_one_bad_feed_title_costs_nothing_but_its_characters(tmp_path: Path) -> None:
    f = tmp_path / "news.rss"
    f.write_text(feed("Fine", "Bad &#xD800; &#0; &#1114112; title", "Also fine"), encoding="utf-8")
    arts, errors = run(f)
    assert not errors
    assert [a.title for a in arts] == ["Fine", "Bad \ufffd \ufffd \ufffd title", "Also fine"]
    for art in arts:
        storable(art)
    assert arts[0].authors == ["Jane Roe"] and arts[0].outlet == "Nile Herald"


def test_feed_parse_failure_falls_back_to_entry_by_entry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import storyline.ingest.readers_feed as readers_feed

    real_parse = readers_feed.feedparser.parse

    def fragile(data: bytes) -> object:
        if b"BOOM" in data:
            raise UnicodeEncodeError("utf-8", "\ud800", 0, 1, "surrogates not allowed")
        return real_parse(data)

    monkeypatch.setattr(readers_feed.feedparser, "parse", fragile)
    f = tmp_path / "news.rss"
    f.write_text(feed("First", "BOOM", "Third"), encoding="utf-8")
    arts, errors = run(f)
    assert [a.title for a in arts] == ["First", "Third"]
    assert [a.source for a in arts] == ["news.rss#1", "news.rss#3"]
    (err,) = errors
    assert err.problem.startswith("feed entry 2:") and err.line == 4  # the line the entry starts on


def test_feed_entry_dates_out_of_range_are_refused(tmp_path: Path) -> None:
    item = f"<item><title>Old</title><pubDate>Mon, 01 Jan 0001 00:00:00 GMT</pubDate><description>{GOOD}</description></item>"
    f = tmp_path / "old.rss"
    f.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{item}</channel></rss>')
    arts, errors = run(f)
    assert not errors and len(arts) == 1 and arts[0].published in (None,)


# --- WARC ---------------------------------------------------------------------------------------


def write_warc(path: Path, bodies: list[bytes]) -> None:
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for n, body in enumerate(bodies):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(f"https://example.com/{n}", "response", payload=io.BytesIO(body), http_headers=headers)
            )


def page(text: str) -> bytes:
    return f"<html><body><article><p>{text}</p><p>{GOOD}</p></article></body></html>".encode()


def test_a_warc_record_whose_reading_raises_costs_only_that_record(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import storyline.ingest.readers_records as records

    real = records.html_to_article

    def flaky(html: str, source: str, limits: object, url: str | None = None) -> object:
        if url and url.endswith("/1"):
            raise RecursionError("maximum recursion depth exceeded")
        return real(html, source, limits, url=url)  # type: ignore[arg-type]

    monkeypatch.setattr(records, "html_to_article", flaky)
    f = tmp_path / "crawl.warc.gz"
    write_warc(f, [page("Story zero."), page("Story one."), page("Story two.")])
    arts, errors = run(f)
    assert [a.source for a in arts] == ["crawl.warc.gz#1", "crawl.warc.gz#3"]
    (err,) = errors
    assert err.line == 2 and err.problem.startswith("record 2:") and "RecursionError" in err.problem


def test_warc_record_with_oversized_markup_is_refused_quickly(tmp_path: Path) -> None:
    import time

    f = tmp_path / "bomb.warc.gz"
    heavy = b"<html><body><div>" + b"<span>word</span> " * 120_000 + b"</div></body></html>"  # 2.2 MB, compresses
    write_warc(f, [page("Before."), heavy, page("After.")])
    assert f.stat().st_size < 200_000
    t0 = time.perf_counter()
    arts, errors = run(f)
    assert time.perf_counter() - t0 < 30
    assert [a.source for a in arts] == ["bomb.warc.gz#1", "bomb.warc.gz#3"]
    (err,) = errors
    assert err.line == 2 and "HTML too large to extract" in err.problem and "1 MB limit" in err.problem
