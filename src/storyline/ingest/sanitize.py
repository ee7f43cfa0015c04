"""Clean strings per field: every reader hands out only text that can be stored, printed and parsed.

A lone surrogate (JSON allows `"\\ud800"`) cannot be encoded as UTF-8, so one in a title once made the
store drop every article; control characters garble terminals and are invalid in XML. Each is
replaced with U+FFFD in the field where it occurs, and the article says so in its warnings.
"""

from __future__ import annotations

import re

REPLACEMENT = "\ufffd"
# Lone surrogates, C0 controls but tab/newline/carriage return, DEL, C1 controls, and the two
# non-characters U+FFFE/U+FFFF. Vertical tab and form feed are layout: they become newlines.
_BAD = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
_LAYOUT = str.maketrans({"\x0b": "\n", "\x0c": "\n", "\x85": "\n"})
_SPACES = re.compile(r"\s+")


def clean_text(text: str) -> tuple[str, int]:
    """(text with bad characters replaced, how many were replaced); offsets are unchanged."""
    text = text.translate(_LAYOUT)
    cleaned, n = _BAD.subn(REPLACEMENT, text)
    return cleaned, n


def clean_field(value: object, max_chars: int) -> tuple[str | None, list[str]]:
    """A one-line metadata value (title, outlet, author): cleaned, spaces collapsed, cut to `max_chars`.

    Returns (value or None when empty, problems to warn about).
    """
    if not isinstance(value, str):
        return None, []
    cleaned, n = clean_text(value)
    cleaned = _SPACES.sub(" ", cleaned).strip()
    problems = [_replaced(n)] if n else []
    if len(cleaned) > max_chars:
        problems.append(f"cut to {max_chars:,} characters (was {len(cleaned):,})")
        cleaned = cleaned[:max_chars].rstrip()
    return cleaned or None, problems


def _replaced(n: int) -> str:
    return f"{n} invalid character{'s' if n != 1 else ''} (control or surrogate) replaced with U+FFFD"


def replaced_warning(field: str, n: int) -> str:
    return f"{field}: {_replaced(n)}"
