"""Property-based: whatever bytes or JSON a file of any supported kind holds, `read_inputs` yields only
Articles and IngestErrors, and every article string is clean text (hypothesis; fast, no database)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.ingest import read_inputs
from storyline.records import Article, IngestError

SUFFIXES = (".txt", ".text", ".html", ".htm", ".jsonl", ".ndjson", ".warc", ".warc.gz", ".xml", ".rss", ".atom", ".rdf",
            ".pdf", ".dat")
FAST = settings(max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
# Any code point, lone surrogates included (JSON can spell them: "\ud800").
ANY_TEXT = st.text(st.characters(exclude_categories=()), max_size=300)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | ANY_TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(ANY_TEXT, inner, max_size=4),
    max_leaves=12,
)
RECORD = st.fixed_dictionaries(
    {},
    optional={k: JSON | ANY_TEXT for k in ("text", "html", "title", "url", "outlet", "author", "authors", "published")},
)


def check(paths: list[Path]) -> None:
    for item in read_inputs(paths):
        if isinstance(item, IngestError):
            (item.path + item.problem).encode("utf-8")
            continue
        assert isinstance(item, Article), type(item)
        for value in (item.text, item.source, item.title, item.outlet, item.url, *item.authors):
            if value is not None:
                value.encode("utf-8")  # no lone surrogate
                assert not any(ord(c) < 32 and c not in "\t\n\r" or 0x7F <= ord(c) <= 0x9F for c in value), value
        assert all(0 <= e.start <= e.end <= len(item.text) for e in item.excluded)


def write_and_check(name: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        check([path])


@FAST
@given(data=st.binary(max_size=3000), suffix=st.sampled_from(SUFFIXES))
def test_random_bytes_under_any_suffix_never_raise(data: bytes, suffix: str) -> None:
    write_and_check("input" + suffix, data)


@FAST
@given(value=JSON, suffix=st.sampled_from(SUFFIXES))
def test_random_json_under_any_suffix_never_raises(value: object, suffix: str) -> None:
    write_and_check("input" + suffix, json.dumps(value).encode())


@FAST
@given(records=st.lists(RECORD, min_size=1, max_size=4))
def test_random_jsonl_records_never_raise(records: list[dict[str, object]]) -> None:
    write_and_check("batch.jsonl", "\n".join(json.dumps(r) for r in records).encode())


@FAST
@given(title=ANY_TEXT, body=ANY_TEXT, link=ANY_TEXT)
def test_random_text_in_pages_and_feeds_never_raises(title: str, body: str, link: str) -> None:
    page = f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1><p>{body}</p></article></body></html>"
    write_and_check("page.html", page.encode("utf-8", "surrogatepass"))
    feed = (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title><link>{link}</link>'
        f"<item><title>{title}</title><link>{link}</link><author>{title}</author><description>{body}</description>"
        f"<pubDate>{title}</pubDate></item></channel></rss>"
    )
    write_and_check("feed.rss", feed.encode("utf-8", "surrogatepass"))


@FAST
@given(rows=st.lists(st.dictionaries(st.sampled_from(["file", "url", "outlet", "title", "published", "author"]), JSON),
                     max_size=4))
def test_random_manifest_rows_never_raise(rows: list[dict[str, object]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "a.txt").write_text("A headline\n\nThe council closed the bridge on Tuesday, officials said.")
        (Path(folder) / "manifest.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
        check([Path(folder)])
