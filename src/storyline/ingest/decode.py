"""Bytes to text: size limit before reading, binary detection, UTF-8 first, then charset detection.

Kept separate from the readers so every format shares one notion of "binary", "empty" and "too large".
"""

from __future__ import annotations

import re
from pathlib import Path

from charset_normalizer import from_bytes

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
_MB = 1024 * 1024
_CP1252_LOOKALIKES = {"latin1", "iso88591", "iso885915", "macroman", "cp437", "cp850"}
# Control characters that never occur in text files (NUL is the strongest signal of binary data).
_BINARY_CTRL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


class DecodeError(Exception):
    """Raised with a short problem statement ("binary file", "empty file", ...) for IngestError."""


def too_large_message(size: int, limit: int) -> str:
    return f"file too large ({size / _MB:.1f} MB > {limit / _MB:.0f} MB limit)"


def read_limited(path: Path, max_bytes: int) -> bytes:
    """Read a file, refusing (from its size, without reading it) one over `max_bytes`."""
    size = path.stat().st_size
    if size > max_bytes:
        raise DecodeError(too_large_message(size, max_bytes))
    chunks: list[bytes] = []
    total = 0
    with path.open("rb") as fh:
        # Chunked: read(n) would allocate n bytes up front, i.e. the whole limit for every small file.
        while total <= max_bytes:
            chunk = fh.read(min(1 << 20, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    if total > max_bytes:  # grew while we looked, or a special file that reports size 0
        raise DecodeError(too_large_message(total, max_bytes))
    return b"".join(chunks)


def looks_binary(data: bytes) -> bool:
    """True for data that is not text: NUL bytes or many control characters in the first 8 KB."""
    head = data[:8192]
    if b"\x00" in head and not (head.startswith((b"\xff\xfe", b"\xfe\xff"))):
        return True
    return len(_BINARY_CTRL.findall(head)) > max(2, len(head) // 100)


def decode_bytes(data: bytes, html: bool = False) -> str:
    """Decode text bytes: UTF-8 (BOM stripped), then a declared HTML charset, then charset-normalizer."""
    if not data.strip():
        raise DecodeError("empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise DecodeError(f"invalid UTF-16 text: {exc.reason}") from exc
        return _nonempty(text)
    if looks_binary(data):
        raise DecodeError("binary file")
    try:
        return _nonempty(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        pass
    if html:
        m = _META_CHARSET.search(data[:4096])
        if m:
            try:
                declared = m.group(1).decode("ascii")
                if declared.replace("_", "").replace("-", "").lower() in _CP1252_LOOKALIKES:
                    declared = "cp1252"
                return _nonempty(data.decode(declared))
            except (LookupError, UnicodeDecodeError):
                pass
    best = from_bytes(data).best()
    if best is None:
        raise DecodeError("binary file (no text encoding fits)")
    encoding = best.encoding
    # Western legacy text is mostly cp1252; charset detection on short texts sometimes names a
    # sibling code page that maps the same bytes differently (curly quotes become control characters
    # in latin-1, other letters in mac-roman). Browsers read latin-1 as cp1252 too (WHATWG).
    if encoding.replace("_", "").replace("-", "").lower() in _CP1252_LOOKALIKES:
        try:
            return _nonempty(data.decode("cp1252"))
        except UnicodeDecodeError:
            pass
    return _nonempty(str(best))


def _nonempty(text: str) -> str:
    if not text.strip():
        raise DecodeError("empty file")
    return text
