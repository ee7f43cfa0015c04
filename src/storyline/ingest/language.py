"""Which language an article is written in, with py3langid (langid.py's maintained fork).

The model is loaded on first use, so importing this module (and `storyline --help`) stays fast.
What is decided, and when the answer is "don't know" (None):

- Texts with fewer than `MIN_LETTERS` letters (a headline, a caption, a stub) are too short for
  character n-grams to be reliable: None, confidence 0.0.
- A long text is also judged paragraph by paragraph; its confidence is the model's probability for
  the whole text times the share of its paragraphs (by length) in that language, so an English
  article quoting a French sentence stays English, and a text half in one language and half in
  another gets a low confidence.
- `guess_language` answers only at `MIN_CONFIDENCE` or above.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

MIN_LETTERS = 40
MIN_CONFIDENCE = 0.5
# Enough text for a stable answer; the start of an article is its most typical part.
MAX_CHARS = 10_000
_PARAGRAPH_LETTERS = 80
_MAX_PARAGRAPHS = 40

_LETTER = re.compile(r"[^\W\d_]")
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _letters(text: str) -> int:
    return len(_LETTER.findall(text))


def identify(text: str) -> tuple[str | None, float]:
    """(ISO 639-1 code, confidence 0-1) of `text`, or (None, 0.0) when it is too short to tell."""
    sample = _SPACES.sub(" ", text[: MAX_CHARS * 2]).strip()[:MAX_CHARS]
    if _letters(sample) < MIN_LETTERS:
        return None, 0.0
    lang, prob = _identifier().classify(sample)
    return str(lang), round(float(prob) * _share(text[: MAX_CHARS * 2], str(lang)), 4)


def _share(text: str, lang: str) -> float:
    """Share of the text's paragraphs (weighted by letters) that the model puts in `lang`."""
    paragraphs = [p for p in re.split(r"\n", text) if _letters(p) >= _PARAGRAPH_LETTERS][:_MAX_PARAGRAPHS]
    if len(paragraphs) < 2:
        return 1.0
    total = agree = 0
    for p in paragraphs:
        n = _letters(p)
        total += n
        if _identifier().classify(_SPACES.sub(" ", p).strip())[0] == lang:
            agree += n
    return agree / total


def guess_language(text: str) -> str | None:
    """The language code when it is known with confidence, else None (too short or too mixed)."""
    lang, confidence = identify(text)
    return lang if confidence >= MIN_CONFIDENCE else None
