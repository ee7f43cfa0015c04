"""Fuzz the readers and the cleaner with atheris (coverage-guided, libFuzzer); run by hand, not by tests.

    .venv/bin/pip install atheris==3.0.0            # the `fuzz` extra
    .venv/bin/python benchmarks/fuzz_readers.py -atheris_runs=20000
    .venv/bin/python benchmarks/fuzz_readers.py --seeds=corpus_dir     # one starting input per format
    .venv/bin/python benchmarks/fuzz_readers.py -max_total_time=300 -len_control=0 corpus_dir/

Each input is read through `read_inputs` as a file of one of the supported kinds (raw bytes under each
suffix, a JSONL record, a feed entry, an HTML page, a manifest row) or handed to the cleaner
(`find_exclusions`). A finding is any exception, anything yielded that is not an Article or an
IngestError, or an article field the store and the terminal could not take (a surrogate, a control
character, an excluded span outside the text). libFuzzer saves the input of a finding as crash-*.
"""

from __future__ import annotations

import json
import re
import sys
import tempfile
from pathlib import Path

try:
    import atheris
except ImportError:
    print("fuzz_readers: atheris is not installed (.venv/bin/pip install atheris==3.0.0); nothing fuzzed")
    sys.exit(0)

with atheris.instrument_imports(include=["storyline"]):
    from storyline.ingest import read_inputs
    from storyline.ingest.clean import find_exclusions
    from storyline.records import Article, IngestError

SUFFIXES = (".txt", ".html", ".jsonl", ".warc", ".warc.gz", ".rss", ".xml", ".pdf", ".atom", ".dat")
_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_WORK = Path(tempfile.mkdtemp(prefix="storyline-fuzz-"))


def _feed(title: str, body: str, link: str) -> str:
    return (
        '<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
        f"<title>{title}</title><link>{link}</link><item><title>{title}</title><link>{link}</link>"
        f"<dc:creator>{title}</dc:creator><description>{body}</description></item>"
        "<item><title>Second</title><description>The second entry is plain text.</description></item></channel></rss>"
    )


def _html(title: str, body: str) -> str:
    return (
        f"<html><head><title>{title}</title><meta property='og:site_name' content='{title}'></head>"
        f"<body><article><h1>{title}</h1><p>{body}</p></article></body></html>"
    )


def _write(fdp: atheris.FuzzedDataProvider) -> list[Path]:
    """One fuzzed input file (and sometimes a manifest beside it) in a fresh folder."""
    for old in _WORK.iterdir():
        old.unlink()
    mode = fdp.ConsumeIntInRange(0, 5)
    if mode == 0:
        path = _WORK / ("input" + SUFFIXES[fdp.ConsumeIntInRange(0, len(SUFFIXES) - 1)])
        path.write_bytes(fdp.ConsumeBytes(fdp.remaining_bytes()))
        return [path]
    a, b = fdp.ConsumeUnicodeNoSurrogates(80), fdp.ConsumeUnicode(fdp.remaining_bytes())
    if mode == 1:
        record = {"text": b, "title": a, "url": a, "published": a, "author": a, "outlet": a}
        path = _WORK / "input.jsonl"
        path.write_text(json.dumps(record) + "\n" + json.dumps({"html": _html(a, b)}) + "\n", encoding="utf-8")
    elif mode == 2:
        path = _WORK / "input.rss"
        path.write_bytes(_feed(a, b, a).encode("utf-8", "surrogatepass"))
    elif mode == 3:
        path = _WORK / "input.html"
        path.write_bytes(_html(a, b).encode("utf-8", "surrogatepass"))
    elif mode == 4:
        path = _WORK / "input.txt"
        path.write_text("A headline\n\nThe body text of the article, long enough to be one.", encoding="utf-8")
        row = {"file": "input.txt", "published": a, "url": b[:200], "title": b[:80]}
        (_WORK / "manifest.jsonl").write_bytes((json.dumps(row) + "\n" + b + "\n").encode("utf-8", "surrogatepass"))
    else:
        text = b
        spans = find_exclusions(text)
        assert all(0 <= s.start <= s.end <= len(text) for s in spans), spans
        return []
    return [_WORK]


def _check_article(art: Article) -> None:
    fields = {"source": art.source, "title": art.title, "outlet": art.outlet, "url": art.url}
    fields.update({f"author {i}": name for i, name in enumerate(art.authors)})
    for name, value in {"text": art.text, **fields}.items():
        if value is not None:
            value.encode("utf-8")  # a surrogate raises here
            assert not _BAD_CHARS.search(value), (name, value)
            assert name == "text" or name == "source" or "\n" not in value, (name, value)
    assert all(0 <= e.start <= e.end <= len(art.text) for e in art.excluded), art.excluded
    assert art.published is None or re.fullmatch(r"(19\d\d|20\d\d|2100)-\d\d-\d\d", art.published), art.published


def TestOneInput(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    inputs = _write(fdp)
    if not inputs:
        return
    for item in read_inputs(inputs):
        if isinstance(item, Article):
            _check_article(item)
        elif isinstance(item, IngestError):
            (item.path + item.problem).encode("utf-8")
        else:
            raise AssertionError(f"read_inputs yielded {type(item).__name__}")


def write_seeds(folder: Path) -> None:
    """Starting inputs, one per format: `--seeds=DIR` writes them, then pass DIR as the corpus.

    The fuzzer takes its choices from the last bytes of an input (mode, then suffix index).
    """
    import gzip

    text = "Dam report denied\n\nCAIRO — The ministry denied on Monday that the dam was unsafe, officials said.\n"
    pdf = (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >>"
           b" endobj\n3 0 obj << /Type /Page /Parent 2 0 R /Contents 4 0 R >> endobj\n4 0 obj << /Length 44 >> stream\n"
           b"BT /F1 12 Tf 72 720 Td (Dam report denied) Tj ET\nendstream endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
    warc = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://a.example/2023/08/30/x\r\n"
            b"Content-Type: application/http; msgtype=response\r\nContent-Length: 119\r\n\r\n"
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><article><p>The ministry denied it.</p>"
            b"</article></body></html>  \r\n\r\n")
    samples = {
        ".txt": text.encode(),
        ".html": _html("Dam report - Cairo Daily", text).encode(),
        ".jsonl": (json.dumps({"text": text, "published": "2023-08-04", "author": "Jane Roe"}) + "\n").encode(),
        ".warc": warc,
        ".warc.gz": gzip.compress(warc),
        ".rss": _feed("Nile Herald - Africa", text, "https://nileherald.example/").encode(),
        ".atom": b'<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><entry><title>E</title>'
                 b'<content type="html">&lt;p&gt;The ministry denied it.&lt;/p&gt;</content></entry></feed>',
        ".pdf": pdf,
    }
    folder.mkdir(parents=True, exist_ok=True)
    for suffix, data in samples.items():
        (folder / f"seed{suffix}").write_bytes(data + bytes([SUFFIXES.index(suffix), 0]))
    for mode in range(1, 6):
        (folder / f"seed-mode{mode}").write_bytes(b"\x00Dam report - Cairo Daily\x00" + text.encode() + bytes([mode]))


def main() -> None:
    seeds = [a for a in sys.argv[1:] if a.startswith("--seeds=")]
    if seeds:
        write_seeds(Path(seeds[0].split("=", 1)[1]))
        return
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
