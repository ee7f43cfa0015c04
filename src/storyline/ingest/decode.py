"""Bytes to text: size limit before reading, binary detection, and the encoding decided with evidence.

Kept separate from the readers so every format shares one notion of "binary", "empty" and "too large".
Order of evidence: a byte order mark; UTF-8 (strict, or with a few stray invalid bytes replaced when
the file's other non-ASCII bytes are valid UTF-8: re-decoding it as a code page would garble every
other character); a charset the page declares; then the legacy code page whose decoding gives letters
that one language uses together, cp1252 first (the WHATWG default for Western text, so "naïve" never
reads as cp1250's "naďve"), charset-normalizer's candidates after it.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from charset_normalizer import from_bytes

from storyline import lexicon
from storyline.ingest.files import Refused, open_regular
from storyline.ingest.limits import DEFAULT_LIMITS

DEFAULT_MAX_BYTES = DEFAULT_LIMITS.max_file_bytes
_MB = 1024 * 1024
_CP1252_LOOKALIKES = {"latin1", "iso88591", "iso885915", "usascii", "ascii"}
# Control characters that never occur in text files (NUL is the strongest signal of binary data).
_BINARY_CTRL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_UTF8_MULTI = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_SCRIPTS = ("CYRILLIC", "GREEK", "ARABIC", "HEBREW", "THAI", "HANGUL", "DEVANAGARI", ("CJK", "HIRAGANA", "KATAKANA"))
_SAMPLE = 65536
# Tried in this order (earlier wins a tie): Western, Central European, Cyrillic, Greek, Turkish, Baltic.
_FIRST_CHOICES = ("cp1252", "cp1250", "cp1251", "cp1253", "cp1254", "cp1257")


class DecodeError(Refused):
    """Raised with a short problem statement ("binary file", "empty file", ...) for IngestError."""


@dataclass
class Decoded:
    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def too_large_message(size: int, limit: int) -> str:
    return f"file too large ({size / _MB:.1f} MB > {limit / _MB:.0f} MB limit)"


def read_limited(path: Path, max_bytes: int) -> bytes:
    """Read a regular file, refusing (from its size, without reading it) one over `max_bytes`."""
    with open_regular(path) as fh:
        size = os.fstat(fh.fileno()).st_size
        if size > max_bytes:
            raise DecodeError(too_large_message(size, max_bytes))
        chunks: list[bytes] = []
        total = 0
        # Chunked: read(n) would allocate n bytes up front, i.e. the whole limit for every small file.
        while total <= max_bytes:
            chunk = fh.read(min(1 << 20, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    if total > max_bytes:  # grew while we looked
        raise DecodeError(too_large_message(total, max_bytes))
    return b"".join(chunks)


def looks_binary(data: bytes) -> bool:
    """True for data that is not text: NUL bytes or many control characters in the first 8 KB."""
    head = data[:8192]
    if b"\x00" in head and not (head.startswith((b"\xff\xfe", b"\xfe\xff"))):
        return True
    return len(_BINARY_CTRL.findall(head)) > max(2, len(head) // 100)


def decode_bytes(data: bytes, html: bool = False) -> str:
    """The text of `data` (see `decode_text`), without the warnings."""
    return decode_text(data, html=html).text


def decode_text(data: bytes, html: bool = False, declared: str | None = None) -> Decoded:
    """Decode text bytes with evidence; `declared` is a charset named outside the bytes (HTTP)."""
    if not data.strip():
        raise DecodeError("empty file")
    for bom, codec in ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe", "utf-16"),
                       (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return Decoded(_nonempty(data.decode(codec)), codec)
            except UnicodeDecodeError as exc:
                raise DecodeError(f"invalid {codec.upper()} text: {exc.reason}") from exc
    if looks_binary(data):
        raise DecodeError("binary file")
    utf8 = _utf8(data)
    if utf8 is not None:
        return utf8
    if html and declared is None:
        m = _META_CHARSET.search(data[:4096])
        declared = m.group(1).decode("ascii") if m else None
    if declared:
        found = _declared(data, declared)
        if found is not None:
            return found
    return _legacy(data)


def _utf8(data: bytes) -> Decoded | None:
    """UTF-8 text, with stray invalid bytes replaced when the rest of the file is UTF-8; else None."""
    try:
        return Decoded(_nonempty(data.decode("utf-8-sig")), "utf-8")
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8-sig", errors="replace")
    bad = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    good = len(_UTF8_MULTI.findall(data))
    if good == 0 or good < bad:
        return None
    s = "s" if bad != 1 else ""
    why = f"{bad} invalid UTF-8 byte sequence{s} replaced with U+FFFD (the other {good} non-ASCII characters are UTF-8)"
    return Decoded(_nonempty(text), "utf-8", [why])


def _declared(data: bytes, declared: str) -> Decoded | None:
    name = declared.replace("_", "").replace("-", "").lower()
    codec = "cp1252" if name in _CP1252_LOOKALIKES else declared  # WHATWG: latin-1 labels mean windows-1252
    if name in ("utf8", "utf16", "utf32"):
        return None  # invalid as declared: decided from the bytes
    try:
        return Decoded(_nonempty(data.decode(codec)), codec)
    except (LookupError, UnicodeDecodeError):
        return None


def _legacy(data: bytes) -> Decoded:
    """The code page whose decoding reads most like one language; cp1252 then cp1250 win ties."""
    sample = _sample(data)
    candidates = list(_FIRST_CHOICES)
    for match in list(from_bytes(sample))[:6]:
        enc = match.encoding
        if not enc.startswith(("utf", "ascii")) and enc not in candidates:
            candidates.append(enc)
    best: tuple[float, str] | None = None
    for enc in candidates:
        try:
            score = _coherence(sample.decode(enc))
        except (UnicodeDecodeError, LookupError):
            continue
        if best is None or score > best[0] + 0.01:
            best = (score, enc)
    if best is None:
        raise DecodeError("binary file (no text encoding fits)")
    try:
        text = data.decode(best[1])
    except UnicodeDecodeError:  # the sample decoded, a later byte does not
        text = data.decode(best[1], errors="replace")
    return Decoded(_nonempty(text), best[1], [f"not UTF-8: read as {best[1]} (the letters fit one alphabet best)"])


def _sample(data: bytes) -> bytes:
    """Lines holding non-ASCII bytes, up to 64 KB: the evidence, without decoding a 20 MB file 8 times."""
    if len(data) <= _SAMPLE:
        return data
    out: list[bytes] = []
    size = 0
    for line in data.split(b"\n"):
        if size >= _SAMPLE:
            break
        if any(b > 127 for b in line[:4096]):
            out.append(line[:4096])
            size += len(out[-1]) + 1
    return b"\n".join(out) or data[:_SAMPLE]


@cache
def _alphabets() -> list[frozenset[str]]:
    return [frozenset(v) for v in lexicon.table("latin_alphabets").values()]


def _coherence(text: str) -> float:
    """Share of the non-ASCII letters that one language's alphabet (or one script) accounts for.

    A symbol or digit sign squeezed between two letters ("mi³o", "mo¿e" for cp1250 "miło", "może") and a
    C1 control character count against the decoding (apostrophes and dashes inside words do not). Text without non-ASCII letters scores 1.
    """
    letters: Counter[str] = Counter()
    odd = 0
    for m in _NON_ASCII.finditer(text):
        c, i = m.group(), m.start()
        if c.isalpha() and not _latin(c) and _next_to_ascii_letter(text, i):
            odd += 1  # "gьnь": a Cyrillic (Greek, ...) letter inside a Latin word
        elif c.isupper() and i > 0 and text[i - 1].islower():
            odd += 1  # "шЮцйуе", "зПТПДУЛПК": case flips inside words (Greek or KOI8-R read as cp1251)
        elif c.isalpha():
            low = c.lower()
            letters[low if len(low) == 1 else c] += 1
        elif unicodedata.category(c) == "Cc" or (_in_word(text, i) and (c in "¿¡" or unicodedata.category(c)[0] in "SN")):
            odd += 1
    total = sum(letters.values()) + odd
    if total == 0:
        return 1.0
    covered = max(sum(letters[c] for c in alphabet) for alphabet in _alphabets())
    for script in _SCRIPTS:
        prefixes = script if isinstance(script, tuple) else (script,)
        covered = max(covered, sum(n for c, n in letters.items() if unicodedata.name(c, "").startswith(prefixes)))
    return covered / total


def _latin(c: str) -> bool:
    return unicodedata.name(c, "").startswith("LATIN")


def _next_to_ascii_letter(text: str, i: int) -> bool:
    return (i > 0 and text[i - 1].isascii() and text[i - 1].isalpha()) or (
        i < len(text) - 1 and text[i + 1].isascii() and text[i + 1].isalpha()
    )


def _in_word(text: str, i: int) -> bool:
    return 0 < i < len(text) - 1 and text[i - 1].isalpha() and text[i + 1].isalpha()


def _nonempty(text: str) -> str:
    if not text.strip():
        raise DecodeError("empty file")
    return text
