"""Metadata kept: authors (trafilatura, feeds, JSONL, manifest) as metadata; the outlet from the site's
own name, the <title> affix or the feed link; manifest rows checked (absolute dates, existing files)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.ingest import read_inputs
from storyline.records import Article, IngestError

BODY = (
    "The regional council voted on Tuesday to close the old bridge after engineers found cracks in two "
    "of its supports, officials said, and traffic will be diverted for at least a month."
)


def run(*paths: str | Path) -> tuple[list[Article], list[IngestError]]:
    items = list(read_inputs(list(paths)))
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, IngestError)]


def html(head: str, h1: str = "") -> str:
    return f"<html><head>{head}</head><body><article>{h1}<p>{BODY}</p><p>{BODY}</p></article></body></html>"


@pytest.mark.parametrize(
    ("head", "h1", "outlet", "title"),
    [
        ("<title>Cairo Daily :: Ministry denies dam report</title>", "", "Cairo Daily", "Ministry denies dam report"),
        ("<title>Ministry denies dam report - Cairo Daily</title>", "<h1>Ministry denies dam report</h1>", "Cairo Daily",
         "Ministry denies dam report"),
        ("<title>Ministry denies dam report | Cairo Daily</title>", "", "Cairo Daily", "Ministry denies dam report"),
        ('<title>Dam report - Home</title><meta property="og:site_name" content="The Valley Courier">', "",
         "The Valley Courier", None),
        ('<title>x</title><script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",'
         ' "headline": "Dam report", "publisher": {"@type": "Organization", "name": "Nile Herald"}}</script>', "",
         "Nile Herald", "Dam report"),
        ("<title>Biden - Trump debate ends in chaos</title>", "", None, None),  # no evidence of a site name
    ],
)
def test_html_outlet_from_site_name_publisher_or_title_affix(
    tmp_path: Path, head: str, h1: str, outlet: str | None, title: str | None
) -> None:
    f = tmp_path / "page.html"
    f.write_text(html(head, h1), encoding="utf-8")
    (art,), errors = run(f)
    assert not errors
    assert art.outlet == outlet
    if title is not None:
        assert art.title == title


def test_html_authors_are_metadata(tmp_path: Path) -> None:
    f = tmp_path / "page.html"
    f.write_text(html('<title>Dam</title><meta name="author" content="Jane Roe; John Doe">'), encoding="utf-8")
    (art,), _ = run(f)
    assert art.authors == ["Jane Roe", "John Doe"]
    assert "Jane Roe" not in art.text


def test_feed_outlet_is_the_site_not_the_section_and_creators_are_authors(tmp_path: Path) -> None:
    f = tmp_path / "africa.rss"
    f.write_text(
        '<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
        "<title>Nile Herald - Africa</title><link>https://www.nileherald.example/africa</link>"
        f"<item><title>Dam</title><dc:creator>Jane Roe and John Doe</dc:creator><description>{BODY}</description></item>"
        f"<item><title>Port</title><author>desk@nileherald.example (Amal Said)</author><description>{BODY} Two.</description></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    arts, errors = run(f)
    assert not errors
    assert [a.outlet for a in arts] == ["Nile Herald", "Nile Herald"]
    assert [a.authors for a in arts] == [["Jane Roe", "John Doe"], ["Amal Said"]]


@pytest.mark.parametrize(
    ("title", "link", "outlet"),
    [
        ("Top Stories", "https://www.nileherald.example/", "nileherald.example"),  # a section: the host
        ("Harbour Times", "https://harbour.example.org/", "Harbour Times"),  # names the host: kept
    ],
)
def test_feed_channel_title_is_kept_only_when_it_names_the_site(tmp_path: Path, title: str, link: str, outlet: str) -> None:
    f = tmp_path / "f.rss"
    f.write_text(
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title><link>{link}</link>'
        f"<item><title>T</title><description>{BODY}</description></item></channel></rss>",
        encoding="utf-8",
    )
    (art,), _ = run(f)
    assert art.outlet == outlet


def test_jsonl_author_fields_are_authors(tmp_path: Path) -> None:
    f = tmp_path / "x.jsonl"
    f.write_text(
        json.dumps({"text": BODY, "authors": ["Jane Roe", "John Doe"]}) + "\n" + json.dumps({"text": BODY, "author": "Ann Park"}) + "\n",
        encoding="utf-8",
    )
    arts, _ = run(f)
    assert [a.authors for a in arts] == [["Jane Roe", "John Doe"], ["Ann Park"]]


# --- manifest -----------------------------------------------------------------------------------


def test_manifest_relative_and_placeholder_dates_are_refused_naming_the_row(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt", "c.txt", "d.txt"):
        (tmp_path / name).write_text(BODY, encoding="utf-8")
    rows = [
        {"file": "a.txt", "published": "yesterday", "outlet": "Example Post"},
        {"file": "b.txt", "published": "0001-01-01"},
        {"file": "c.txt", "published": "9999-12-31"},
        {"file": "d.txt", "published": "2023-08-04"},
    ]
    (tmp_path / "manifest.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    arts, errors = run(tmp_path)
    got = {a.source: a for a in arts}
    assert [got[n].published for n in ("a.txt", "b.txt", "c.txt", "d.txt")] == [None, None, None, "2023-08-04"]
    assert got["a.txt"].outlet == "Example Post"  # the rest of the row still applies
    assert any("manifest.jsonl line 1" in w and "relative date 'yesterday'" in w for w in got["a.txt"].warnings)
    assert [(Path(e.path).name, e.line) for e in errors] == [("manifest.jsonl", 1), ("manifest.jsonl", 2), ("manifest.jsonl", 3)]
    assert "relative date" in errors[0].problem and "year 1 is outside" in errors[1].problem
    assert "year 9999 is outside" in errors[2].problem


def test_manifest_rows_that_match_no_file_are_reported(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "manifest.csv").write_text(
        "file,published,outlet\na.txt,2020-02-03,Example Post\nmissing.txt,2020-02-04,Example Post\n", encoding="utf-8"
    )
    arts, errors = run(tmp_path)
    assert [(a.source, a.published) for a in arts] == [("a.txt", "2020-02-03")]
    (err,) = errors
    assert err.line == 3 and "names 'missing.txt', which does not exist" in err.problem


def test_manifest_author_column_is_authors(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "manifest.csv").write_text('file,author\na.txt,"Jane Roe; John Doe"\n', encoding="utf-8")
    (art,), errors = run(tmp_path)
    assert not errors and art.authors == ["Jane Roe", "John Doe"]
