"""Readers: every format gives Articles with text, metadata, dates from the right place, stable ids."""

from __future__ import annotations

import hashlib
import io
import os
import re
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storyline.ingest import masked_text, read_inputs
from storyline.records import Article, IngestError

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"
SEEDS = Path(os.environ.get("STORYLINE_SEEDS", Path(__file__).resolve().parents[3] / "shared" / "corpus" / "seeds"))
BODY = (
    "The regional council voted on Tuesday to close the old bridge after engineers found cracks in two "
    "of its supports, officials said, and traffic will be diverted for at least a month."
)


def read(*paths: str | Path) -> tuple[list[Article], list[IngestError]]:
    items = list(read_inputs(list(paths)))
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, IngestError)]


def by_source(articles: list[Article]) -> dict[str, Article]:
    return {a.source: a for a in articles}


def write_warc(path: Path, pages: list[tuple[str, bytes, str]]) -> None:
    """A real gzipped WARC with one response record per (url, body, content type)."""
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for url, body, ctype in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
            )


def page(title: str, body: str, meta_date: str | None = None) -> bytes:
    meta = f'<meta property="article:published_time" content="{meta_date}">' if meta_date else ""
    return (
        f"<html><head><title>{title}</title>{meta}</head><body><article><h1>{title}</h1>"
        f"<p>{body}</p><p>{body}</p></article></body></html>"
    ).encode()


# --- plain text ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first_line", "title"),
    [
        ("Bridge closed after cracks found", "Bridge closed after cracks found"),
        ("Is the bridge safe? Engineers disagree", "Is the bridge safe? Engineers disagree"),
        ("The council closed the bridge on Tuesday after engineers found cracks.", None),
        ("- Engineers found cracks in two supports", None),
        ("Nov. 2, 2022", None),
        ("A" * 10 + " " + "very long headline word " * 12, None),
    ],
)
def test_txt_title_is_first_line_only_when_headline_like(tmp_path: Path, first_line: str, title: str | None) -> None:
    f = tmp_path / "a.txt"
    f.write_text(f"{first_line}\n\n{BODY}\n", encoding="utf-8")
    (art,), errors = read(f)
    assert not errors
    assert art.title == title
    assert art.text == f"{first_line}\n\n{BODY}\n"  # headline stays in the text
    assert not any(e.reason == "headline" for e in art.excluded)


def test_txt_text_is_kept_exactly_as_decoded(tmp_path: Path) -> None:
    f = tmp_path / "crlf.txt"
    f.write_bytes(b"\xef\xbb\xbfHeadline\r\n\r\n" + BODY.encode() + b"\r\n")
    (art,), _ = read(f)
    assert art.text == "Headline\r\n\r\n" + BODY + "\r\n"  # BOM gone, CRLF kept
    assert art.title == "Headline"


def test_ids_and_hashes_are_deterministic(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text(BODY, encoding="utf-8")
    first, _ = read(tmp_path)
    second, _ = read(tmp_path)
    art = first[0]
    assert [a.id for a in first] == [a.id for a in second]
    assert art.content_hash == hashlib.sha256(BODY.encode()).hexdigest()
    assert art.id == hashlib.sha256(f"one.txt\n{art.content_hash}".encode()).hexdigest()[:16]
    assert re.fullmatch(r"[0-9a-f]{16}", art.id)


def test_same_text_under_different_sources_gets_different_ids(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "b.txt").write_text(BODY, encoding="utf-8")
    arts, _ = read(tmp_path)
    assert len({a.id for a in arts}) == 2 and len({a.content_hash for a in arts}) == 1


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (BODY, "en"),
        ("Le conseil régional a voté mardi la fermeture du vieux pont après la découverte de fissures.", "fr"),
        ("Der Stadtrat hat am Dienstag beschlossen, die alte Brücke wegen Rissen zu schließen.", "de"),
        ("Storm closes ports", None),  # too short to tell
    ],
)
def test_language_is_identified(tmp_path: Path, text: str, language: str | None) -> None:
    (tmp_path / "x.txt").write_text(text, encoding="utf-8")
    (art,), _ = read(tmp_path / "x.txt")
    assert art.language == language


# --- HTML ---------------------------------------------------------------------------------------


def test_html_reader_extracts_main_text_and_metadata() -> None:
    (art,), errors = read(FIXTURES / "page.html")
    assert not errors
    assert art.source == "page.html"
    assert art.title == "Floods force thousands from homes"
    assert art.outlet == "The Valley Courier"
    assert (art.published, art.published_from) == ("2024-03-14", "html")
    assert "forced about 4,000 residents" in art.text
    assert "“The water rose faster than anyone expected,” said Maria Lopez" in art.text
    for junk in ("Home", "Leave a Comment", "All rights reserved"):
        assert junk not in art.text


def test_html_date_is_never_taken_from_body_text(tmp_path: Path) -> None:
    f = tmp_path / "nodate.html"
    f.write_text(
        "<html><body><article><p>The treaty was signed on 2019-04-12 and renewed on March 3, 2021, "
        f"the ministry said.</p><p>{BODY}</p></article></body></html>",
        encoding="utf-8",
    )
    (art,), _ = read(f)
    assert art.published is None and art.published_from is None


# --- JSON lines ---------------------------------------------------------------------------------


def test_jsonl_reader_reads_good_lines_and_reports_bad_line_number() -> None:
    arts, errors = read(FIXTURES / "articles.jsonl")
    got = by_source(arts)
    assert sorted(got) == ["articles.jsonl#1", "articles.jsonl#3", "articles.jsonl#4"]
    assert [(e.line, e.path.endswith("articles.jsonl")) for e in errors] == [(2, True)]
    assert "malformed JSON" in errors[0].problem
    one = got["articles.jsonl#1"]
    assert (one.outlet, one.title, one.published, one.published_from) == (
        "Markets Daily",
        "Central bank raises rates",
        "2023-07-27",
        "url",
    )
    three = got["articles.jsonl#3"]  # 'html' field: extracted, date from its metadata
    assert three.text.startswith("Lawmakers approved the budget")
    assert (three.published, three.published_from, three.outlet) == ("2023-07-28", "html", "news.example.org")
    four = got["articles.jsonl#4"]
    assert (four.published, four.published_from) == ("2023-07-29", "manifest")


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ('{"url": "https://a.example/x"}', "no non-empty 'text' or 'html'"),
        ('["not", "an", "object"]', "not a JSON object"),
        ('{"text": "   "}', "no non-empty 'text' or 'html'"),
    ],
)
def test_jsonl_records_without_text_are_errors_with_line(tmp_path: Path, line: str, problem: str) -> None:
    f = tmp_path / "x.jsonl"
    f.write_text(f'{{"text": "{BODY}"}}\n\n{line}\n', encoding="utf-8")
    arts, errors = read(f)
    assert len(arts) == 1
    assert len(errors) == 1 and errors[0].line == 3 and problem in errors[0].problem


# --- WARC ---------------------------------------------------------------------------------------


def test_warc_reader_reads_html_responses_only(tmp_path: Path) -> None:
    f = tmp_path / "crawl.warc.gz"
    write_warc(
        f,
        [
            ("https://news.example.com/2023/08/30/bridge", page("Bridge shut", BODY), "text/html; charset=utf-8"),
            ("https://news.example.com/robots.txt", b"User-agent: *\n", "text/plain"),
            ("https://news.example.com/story", page("Dam opens", BODY.replace("bridge", "dam"), "2023-09-01"), "text/html"),
        ],
    )
    arts, errors = read(f)
    assert not errors
    assert [a.source for a in arts] == ["crawl.warc.gz#1", "crawl.warc.gz#3"]
    first, second = arts
    assert first.url == "https://news.example.com/2023/08/30/bridge"
    assert (first.published, first.published_from) == ("2023-08-30", "url")
    assert (second.published, second.published_from) == ("2023-09-01", "html")
    assert first.outlet == "news.example.com" and first.title == "Bridge shut"
    assert "engineers found cracks" in first.text


# --- feeds --------------------------------------------------------------------------------------


def test_rss_reader_prefers_full_content_then_summary() -> None:
    arts, errors = read(FIXTURES / "feed.rss")
    assert not errors
    strike, ferry = arts
    assert strike.source == "feed.rss#1" and strike.outlet == "Harbour Times"
    assert strike.text.startswith("Dock workers extended their strike")  # content:encoded, not the teaser
    assert "Short teaser" not in strike.text
    assert "\n\n" in strike.text  # paragraphs kept apart
    assert (strike.published, strike.published_from) == ("2023-09-05", "feed")
    assert strike.url == "https://harbour.example.org/news/port-strike"
    assert ferry.text.startswith("The ferry to the islands resumed")  # summary only
    assert (ferry.published, ferry.published_from) == ("2023-09-04", "url")


def test_atom_feed_detected_by_content_in_xml_file() -> None:
    (art,), errors = read(FIXTURES / "feed_atom.xml")
    assert not errors
    assert (art.title, art.outlet, art.published, art.published_from) == (
        "Avalanche closes pass",
        "Mountain Ledger",
        "2022-01-09",
        "feed",
    )


def test_xml_that_is_not_a_feed_is_an_error(tmp_path: Path) -> None:
    f = tmp_path / "data.xml"
    f.write_text('<?xml version="1.0"?><inventory><item id="1">bolts</item></inventory>', encoding="utf-8")
    arts, errors = read(f)
    assert not arts and "not an RSS or Atom feed" in errors[0].problem


# --- manifest, folders, globs -------------------------------------------------------------------


def test_manifest_overrides_file_metadata_and_nested_sources() -> None:
    arts, errors = read(FIXTURES / "mixed")
    assert not errors
    got = by_source(arts)
    assert sorted(got) == ["election.txt", "sub/page.htm"]
    election = got["election.txt"]
    assert (election.url, election.outlet, election.published, election.published_from) == (
        "https://city.example.com/politics/election",
        "City Herald",
        "2021-05-06",
        "manifest",
    )
    park = got["sub/page.htm"]  # the page says 2021-04-30; the manifest wins
    assert (park.published, park.published_from) == ("2021-05-07", "manifest")


def test_manifest_jsonl_is_not_an_article_and_bad_rows_are_reported(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "manifest.jsonl").write_text(
        '{"file": "a.txt", "published": "2020-02-03", "outlet": "Example Post"}\n{"file": oops}\n', encoding="utf-8"
    )
    arts, errors = read(tmp_path)
    assert [a.source for a in arts] == ["a.txt"]
    assert (arts[0].published, arts[0].outlet) == ("2020-02-03", "Example Post")
    assert len(errors) == 1 and errors[0].line == 2 and errors[0].path.endswith("manifest.jsonl")


def test_mixed_folder_reads_every_format_in_stable_order() -> None:
    arts, errors = read(FIXTURES)
    assert [(e.path.endswith("articles.jsonl"), e.line) for e in errors] == [(True, 2)]
    sources = [a.source for a in arts]
    assert {"page.html", "feed.rss#1", "feed_atom.xml#1", "mixed/election.txt", "mixed/sub/page.htm"} <= set(sources)
    assert [a.id for a in read(FIXTURES)[0]] == [a.id for a in arts]


def test_glob_sources_are_relative_to_the_pattern_folder() -> None:
    arts, errors = read(str(FIXTURES / "**" / "*.htm*"))
    assert not errors
    assert sorted(a.source for a in arts) == ["mixed/sub/page.htm", "page.html"]
    nothing, errs = read(str(FIXTURES / "*.nomatch"))
    assert not nothing and "no input files match" in errs[0].problem


# --- the seed articles --------------------------------------------------------------------------


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed corpus not present (set STORYLINE_SEEDS)")
def test_seed_folder_dates_and_exclusions() -> None:
    arts, errors = read(SEEDS)
    assert not errors
    got = by_source(arts)
    assert {s: (a.published, a.published_from) for s, a in got.items()} == {
        "000_3850c5a279b73479.txt": ("2022-11-02", "manifest"),
        "001_5e82def2cecd5bc2.txt": ("2022-11-02", "manifest"),
        "002_518bd7bef74f6650.txt": ("2023-08-30", "manifest"),
        "003_46494f34f02f3760.txt": ("2023-08-04", "manifest"),
        "004_0e6443cc43343a3b.txt": ("2023-08-30", "manifest"),
    }
    excluded = {a.source: {a.text[e.start : e.end]: e.reason for e in a.excluded} for a in arts}
    lat = excluded["000_3850c5a279b73479.txt"]
    assert lat["(Susan Walsh / Associated Press)"] == "credit"
    assert lat["National Security Council spokesman John Kirby"] == "caption"
    assert lat["Nov. 2, 2022"] == lat["Nov. 1, 2022"] == "standalone_date"
    teasers = [t for t, r in lat.items() if r == "teaser"]
    assert len(teasers) == 2 and any(t.startswith("Afghan special forces") for t in teasers)
    assert set(excluded["002_518bd7bef74f6650.txt"].values()) == {"boilerplate"}
    assert {"Leave a Comment", "Scroll to Top", "Read the full report at"} <= set(excluded["002_518bd7bef74f6650.txt"])
    assert excluded["004_0e6443cc43343a3b.txt"]["COMMENTS"] == "boilerplate"
    assert "| Pool Photo by Alexander Zemlianichenko" in excluded["004_0e6443cc43343a3b.txt"]
    assert excluded["001_5e82def2cecd5bc2.txt"] == {} and excluded["003_46494f34f02f3760.txt"] == {}
    for art in arts:
        masked = masked_text(art)
        for line in art.text.split("\n"):
            # Sentences with quotes and bullet key points are body text: never masked.
            if re.search(r"[\"“”]", line) or line.startswith("- "):
                start = art.text.index(line)
                assert masked[start : start + len(line)] == line, (art.source, line[:60])
    assert (got["000_3850c5a279b73479.txt"].title or "").startswith("North Korea is covertly shipping")
    assert got["003_46494f34f02f3760.txt"].title is None
