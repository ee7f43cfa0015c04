"""Formats by signature (PDF read, images and archives refused by name), encodings decided with
evidence, and the size limits that keep one input's time and memory bounded."""

from __future__ import annotations

import gzip
import io
import time
import zipfile
from pathlib import Path

import pytest

from storyline.ingest import Limits, read_inputs
from storyline.records import Article, IngestError

GOOD = (
    "Rescue teams reached the flooded villages on Thursday, the civil defence agency said, and began "
    "moving residents to shelters in the provincial capital."
)


def run(*paths: str | Path, **kw: object) -> tuple[list[Article], list[IngestError]]:
    items = list(read_inputs(list(paths), **kw))  # type: ignore[arg-type]
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, IngestError)]


def make_pdf(pages: list[list[str]], info: dict[str, str] | None = None) -> bytes:
    """A minimal valid PDF: one page per list of lines (Helvetica), an optional information dictionary."""

    def esc(s: str) -> str:
        return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"", b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    for lines in pages:
        kids.append(f"{len(objects) + 1} 0 R")
        stream = ("BT /F1 12 Tf 14 TL 72 720 Td " + " ".join(f"({esc(ln)}) Tj T*" for ln in lines) + " ET").encode("latin-1")
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
            f"/Contents {len(objects) + 2} 0 R >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(pages)} >>".encode()
    trailer = ""
    if info:
        objects.append(("<< " + " ".join(f"/{k} ({esc(v)})" for k, v in info.items()) + " >>").encode("latin-1"))
        trailer = f" /Info {len(objects)} 0 R"
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R{trailer} >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


# --- signatures ---------------------------------------------------------------------------------


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "label"),
    [
        ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64), "PNG image"),
        ("photo.html", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(64), "JPEG image"),
        ("anim.jsonl", b"GIF89a\x01\x00\x01\x00" + bytes(32), "GIF image"),
        ("pic.rss", b"RIFF\x24\x00\x00\x00WEBPVP8 " + bytes(32), "WebP image"),
        ("notes.txt", zip_bytes({"a.txt": b"hello"}), "ZIP archive"),
        ("report.txt", zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>"}), "Word document (DOCX)"),
        ("sheet.html", zip_bytes({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"}), "OpenDocument spreadsheet"),
        ("old.txt", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64), "Microsoft Office 97-2003"),
        ("packed.txt", gzip.compress(GOOD.encode()), "gzip archive"),
        ("packed.xml", b"7z\xbc\xaf\x27\x1c" + bytes(32), "7-Zip archive"),
        ("storyline.txt", b"SQLite format 3\x00" + bytes(64), "SQLite database"),
        ("logo.xml", b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><text>Hi</text></svg>', "SVG image"),
    ],
)
def test_binary_formats_are_refused_by_signature_with_their_type(tmp_path: Path, name: str, data: bytes, label: str) -> None:
    f = tmp_path / name
    f.write_bytes(data)
    arts, errors = run(f)
    assert not arts
    (err,) = errors
    assert err.problem.startswith("binary file (") and label in err.problem and "detected from its content" in err.problem


def test_pdf_is_read_as_an_article_with_its_metadata(tmp_path: Path) -> None:
    lines = ["Dam report denied", "The ministry denied on Monday that the dam was unsafe, officials said."]
    info = {"Title": "Dam report denied", "Author": "Jane Roe; John Doe", "CreationDate": "D:20230905071500Z"}
    (tmp_path / "report.pdf").write_bytes(make_pdf([lines, ["Inspectors will return in the spring."]], info))
    (art,), errors = run(tmp_path)
    assert not errors
    assert art.source == "report.pdf"
    assert art.text == "\n".join(lines) + "\n\nInspectors will return in the spring."
    assert (art.title, art.authors, art.published, art.published_from) == (
        "Dam report denied", ["Jane Roe", "John Doe"], "2023-09-05", "pdf"
    )


def test_pdf_is_recognised_whatever_its_name(tmp_path: Path) -> None:
    f = tmp_path / "download.html"
    f.write_bytes(make_pdf([[GOOD]], {"Title": "Microsoft Word - draft.docx", "CreationDate": "D:00010101000000Z"}))
    (art,), errors = run(f)
    assert not errors and art.text == GOOD
    assert art.title is None  # a file name, not a title
    assert art.published is None and any("creation date refused" in w for w in art.warnings)


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"%PDF-1.4\n" + b"garbage " * 50, "PDF"),
        (make_pdf([[]]), "no extractable text"),
    ],
)
def test_unreadable_or_textless_pdf_is_an_error(tmp_path: Path, data: bytes, problem: str) -> None:
    (tmp_path / "x.pdf").write_bytes(data)
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    arts, errors = run(tmp_path)
    assert [a.source for a in arts] == ["good.txt"]
    assert len(errors) == 1 and problem in errors[0].problem


def test_long_pdf_stops_at_the_character_limit(tmp_path: Path) -> None:
    (tmp_path / "long.pdf").write_bytes(make_pdf([[GOOD] * 10] * 20))
    _, errors = run(tmp_path / "long.pdf", max_chars=5_000)
    assert "text too long (over 5,000 characters by page" in errors[0].problem


def test_a_warc_gz_is_still_read_as_warc_and_a_non_warc_name_too(tmp_path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    f = tmp_path / "crawl.warc.gz"
    with f.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        body = f"<html><body><article><p>{GOOD}</p></article></body></html>".encode()
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://a.example/x", "response", payload=io.BytesIO(body), http_headers=headers))
    renamed = tmp_path / "crawl.dat"
    renamed.write_bytes(f.read_bytes())
    arts, errors = run(f, renamed)
    assert not errors and [a.source for a in arts] == ["crawl.warc.gz#1", "crawl.dat#1"]


# --- encodings ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        ("The naïve plan failed, he said, and the café closed early that day.", "cp1252"),
        ("Le conseil régional a voté mardi. « C’est une décision difficile », a déclaré le maire à l’été.", "cp1252"),
        ("Rada miasta zdecydowała we wtorek o zamknięciu mostu. Inżynierowie znaleźli pęknięcia, są źli.", "cp1250"),
        ("Městská rada v úterý rozhodla o uzavření starého mostu, řekli úředníci.", "cp1250"),
        ("Городской совет во вторник проголосовал за закрытие старого моста.", "cp1251"),
        ("Belediye meclisi salı günü eski köprüyü kapatmaya karar verdi, dedi İstanbul valisi.", "cp1254"),
    ],
)
def test_legacy_code_pages_are_chosen_from_the_letters(tmp_path: Path, text: str, codec: str) -> None:
    f = tmp_path / "legacy.txt"
    f.write_bytes(text.encode(codec))
    (art,), errors = run(f)
    assert not errors and art.text == text
    assert any(f"read as {codec}" in w for w in art.warnings)


def test_stray_invalid_bytes_in_utf8_text_are_replaced_and_warned(tmp_path: Path) -> None:
    f = tmp_path / "mostly_utf8.txt"
    f.write_bytes("The minister said — at a café — that “nothing” changed. ".encode() + b"Stray \x93byte\xff.")
    (art,), errors = run(f)
    assert not errors
    assert art.text == "The minister said — at a café — that “nothing” changed. Stray \ufffdbyte\ufffd."
    assert any("2 invalid UTF-8 byte sequences replaced with U+FFFD" in w for w in art.warnings)


# --- size limits --------------------------------------------------------------------------------


def test_html_markup_over_the_limit_is_refused_quickly_but_scripts_do_not_count(tmp_path: Path) -> None:
    heavy = tmp_path / "heavy.html"
    heavy.write_text("<html><body><div>" + "<span>word</span> " * 60_000 + "</div></body></html>", encoding="utf-8")
    scripted = tmp_path / "scripted.html"
    script = "<script>var data = " + '"x",' * 300_000 + "0;</script>"
    scripted.write_text(f"<html><head>{script}</head><body><article><p>{GOOD}</p></article></body></html>")
    t0 = time.perf_counter()
    arts, errors = run(heavy, scripted, limits=Limits(max_html_bytes=500_000))
    assert time.perf_counter() - t0 < 20
    assert [a.source for a in arts] == ["scripted.html"] and GOOD in arts[0].text
    (err,) = errors
    assert err.path == str(heavy) and "HTML too large to extract (1.0 MB of markup" in err.problem


def test_article_over_the_default_character_limit_is_refused(tmp_path: Path) -> None:
    (tmp_path / "book.txt").write_text((GOOD + "\n") * 1000, encoding="utf-8")  # 152,000 characters
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    arts, errors = run(tmp_path)
    assert [a.source for a in arts] == ["good.txt"]
    (err,) = errors
    assert "text too long (152,000 characters > 100,000 limit)" in err.problem


def test_long_text_is_refused_before_any_work_is_spent_on_it(tmp_path: Path) -> None:
    (tmp_path / "dump.txt").write_text((GOOD + "\n\n") * 100_000, encoding="utf-8")  # 15 MB, under the file limit
    t0 = time.perf_counter()
    arts, errors = run(tmp_path / "dump.txt")
    assert time.perf_counter() - t0 < 3  # cleaning and language identification would take 20 s
    assert not arts and "text too long (15,300,000 characters" in errors[0].problem
