"""What a file is, from its first bytes (its signature), whatever its name says.

A PNG named `photo.txt` must not be read as text (it once produced a PERSON entity), a PDF named
`.html` is still a PDF, and a `.warc.gz` is a WARC only if its content says so. Signatures are the
published magic numbers of each format (the same ones `file(1)` and libmagic use).
"""

from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass
from typing import BinaryIO

HEAD_BYTES = 8192

# (offset, magic, label): formats that are never articles.
_SIGNATURES: tuple[tuple[int, bytes, str], ...] = (
    (0, b"\x89PNG\r\n\x1a\n", "PNG image"),
    (0, b"\xff\xd8\xff", "JPEG image"),
    (0, b"GIF87a", "GIF image"),
    (0, b"GIF89a", "GIF image"),
    (0, b"II*\x00", "TIFF image"),
    (0, b"MM\x00*", "TIFF image"),
    (0, b"\x00\x00\x01\x00", "icon (ICO) image"),
    (0, b"wOFF", "web font (WOFF)"),
    (0, b"wOF2", "web font (WOFF2)"),
    (0, b"ID3", "MP3 audio"),
    (0, b"OggS", "Ogg audio/video"),
    (0, b"fLaC", "FLAC audio"),
    (0, b"\x1aE\xdf\xa3", "Matroska/WebM video"),
    (0, b"\xfd7zXZ\x00", "xz archive"),
    (0, b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (0, b"Rar!\x1a\x07", "RAR archive"),
    (0, b"\x28\xb5\x2f\xfd", "Zstandard archive"),
    (0, b"\x04\x22\x4d\x18", "LZ4 archive"),
    (257, b"ustar", "tar archive"),
    (0, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Microsoft Office 97-2003 document (DOC/XLS/PPT)"),
    (0, b"{\\rtf", "RTF document"),
    (0, b"%!PS", "PostScript document"),
    (0, b"\x7fELF", "ELF executable"),
    (0, b"\xca\xfe\xba\xbe", "Java class or Mach-O executable"),
    (0, b"\xcf\xfa\xed\xfe", "Mach-O executable"),
    (0, b"\x00asm", "WebAssembly module"),
    (0, b"SQLite format 3\x00", "SQLite database"),
    (0, b"PAR1", "Parquet data file"),
    (0, b"ARROW1", "Arrow data file"),
)
_SVG_ROOT = re.compile(rb"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<!DOCTYPE svg[^>]*>\s*)?<svg\b", re.I | re.S)
_RIFF = {b"WEBP": "WebP image", b"WAVE": "WAV audio", b"AVI ": "AVI video"}
_FTYP_IMAGES = {b"heic", b"heix", b"mif1", b"msf1", b"avif"}
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_ODF = {
    "application/vnd.oasis.opendocument.text": "OpenDocument text (ODT)",
    "application/vnd.oasis.opendocument.spreadsheet": "OpenDocument spreadsheet (ODS)",
    "application/vnd.oasis.opendocument.presentation": "OpenDocument presentation (ODP)",
    "application/epub+zip": "EPUB e-book",
}
_OOXML = (("word/", "Word document (DOCX)"), ("xl/", "Excel workbook (XLSX)"), ("ppt/", "PowerPoint presentation (PPTX)"))


@dataclass(frozen=True)
class Sniffed:
    """`kind`: pdf, warc, gzip, zip, binary (refused, `label` says what it is) or text."""

    kind: str
    label: str = ""


def sniff(head: bytes) -> Sniffed:
    """The kind of a file from its first `HEAD_BYTES` bytes."""
    if b"%PDF-" in head[:1024]:  # the spec allows junk before the header
        return Sniffed("pdf", "PDF document")
    if head.lstrip()[:5] == b"WARC/":
        return Sniffed("warc", "WARC archive")
    if head[:2] == b"\x1f\x8b":
        return Sniffed("warc", "gzipped WARC archive") if _gunzip_head(head).startswith(b"WARC/") else Sniffed(
            "gzip", "gzip archive"
        )
    if head[:4] in _ZIP_MAGIC:
        return Sniffed("zip", "ZIP archive")
    for offset, magic, label in _SIGNATURES:
        if head[offset : offset + len(magic)] == magic:
            return Sniffed("binary", label)
    if head[:4] == b"RIFF" and head[8:12] in _RIFF:
        return Sniffed("binary", _RIFF[head[8:12]])
    if head[4:8] == b"ftyp":
        return Sniffed("binary", "HEIF/AVIF image" if head[8:12] in _FTYP_IMAGES else "MP4/QuickTime video")
    if head[:2] == b"BM" and head[6:10] == b"\x00\x00\x00\x00":
        return Sniffed("binary", "BMP image")
    if head[:3] == b"BZh" and head[4:10] == b"1AY&SY":
        return Sniffed("binary", "bzip2 archive")
    if head[:2] == b"MZ" and b"\x00" in head[:64]:
        return Sniffed("binary", "Windows executable")
    if _SVG_ROOT.match(head):
        return Sniffed("binary", "SVG image")
    return Sniffed("text")


def _gunzip_head(head: bytes) -> bytes:
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 64).lstrip()
    except zlib.error:
        return b""


def describe_zip(fh: BinaryIO) -> str:
    """Office files and e-books are ZIP archives: name the format from the member names."""
    try:
        with zipfile.ZipFile(fh) as zf:
            names = zf.namelist()
            if "mimetype" in names:
                with zf.open("mimetype") as m:
                    mime = m.read(100).decode("ascii", "replace").strip()
                if mime in _ODF:
                    return _ODF[mime]
            if "[Content_Types].xml" in names:
                for prefix, label in _OOXML:
                    if any(n.startswith(prefix) for n in names):
                        return label
                return "Office Open XML document"
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, RuntimeError, EOFError, KeyError):
        pass
    return "ZIP archive"
