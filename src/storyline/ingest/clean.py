"""Find the parts of an article that are not the story: captions, credits, teasers, boilerplate.

The text is never modified. `find_exclusions` returns character spans (with a reason from
`records.EXCLUSION_REASONS`) and `masked_text` blanks them out with spaces so that offsets computed on
the masked text are offsets into `Article.text`.

The rules are line based and deliberately general: they rely on the *shape* of page furniture that
scrapers leave behind on any news site (a line that is only a date, a parenthesised photo credit, a
"Leave a Comment" widget), never on the words of a particular story. Each rule is conservative: a body
sentence that merely mentions a photo or a date is kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storyline import lexicon
from storyline.records import Article, ExcludedSpan

# Longest line any furniture rule will touch; body paragraphs are usually longer.
_MAX_FURNITURE = 160
_MAX_CAPTION = 320
_MAX_TEASER = 260

_QUOTES = re.compile(r"[\"“”«»„]")
_BULLET = re.compile(r"^\s*(?:[-–—•*·▪►]|\d{1,2}[.)])\s+")

# --- boilerplate: whole short lines ------------------------------------------------------------
# The phrases and fragments live in lexicon/boilerplate_*.txt; the shapes that combine them stay here.


def _alternation(name: str, *, phrases: bool = False) -> str:
    """The entries of a lexicon file as one regex alternation (longest first, so the text is stable).

    Fragment files hold regular expressions; phrase files hold literal words and are escaped.
    """
    entries = sorted(lexicon.words(name), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w) if phrases else w for w in entries) + ")"


_SHARE_WORD = _alternation("boilerplate_share_words", phrases=True)
_BOILERPLATE_FULL = [_alternation("boilerplate_full"), rf"{_SHARE_WORD}(?:\s*[|/·,•]?\s*{_SHARE_WORD})*"]
_BOILERPLATE_PREFIX = [_alternation("boilerplate_prefix"), r"share (?:on|via) " + _SHARE_WORD]
_BOILERPLATE_FULL_RE = re.compile(r"(?:" + "|".join(_BOILERPLATE_FULL) + r")[\s.:!*]*", re.I)
_BOILERPLATE_PREFIX_RE = re.compile(r"(?:" + "|".join(_BOILERPLATE_PREFIX) + r")", re.I)

# --- photo credits -------------------------------------------------------------------------
_AGENCY = _alternation("boilerplate_agencies")
_PHOTO_WORD = rf"(?:(?:{_alternation('boilerplate_photo_sources', phrases=True)} )?{_alternation('boilerplate_photo_words')})"
# A whole line that is a credit: "(Susan Walsh / Associated Press)", "Photo: Reuters", "AP Photo/Evan Vucci".
_CREDIT_PAREN_RE = re.compile(r"\(([^()]{3,90})\)\s*")
_CREDIT_LINE_RE = re.compile(
    rf"(?:{_PHOTO_WORD}\s*(?::|by\b|courtesy\b)|{_AGENCY}\s*(?:photo)?\s*/|courtesy of\b|source\s*:\s*{_AGENCY}\b).{{0,100}}",
    re.I,
)
_AGENCY_IN_LINE_RE = re.compile(rf"(?:/|\bvia\b|\||\bphoto\b|^)\s*{_AGENCY}\b", re.I)
_CREDIT_WORD_RE = re.compile(rf"/|\b{_PHOTO_WORD}\b|\b{_AGENCY}\b", re.I)
# A credit at the end of a caption: "... in Vladivostok. | Pool Photo by A. Name", "... (AP Photo/Evan Vucci)".
_CREDIT_TAIL_RES = [
    re.compile(rf"\s*\|\s*[^|]{{0,60}}\b{_PHOTO_WORD}\b[^|]{{0,80}}$", re.I),
    re.compile(rf"\s*\|\s*[^|]{{0,60}}\b{_AGENCY}\b[^|]{{0,40}}$", re.I),
    re.compile(
        rf"\s*\((?:(?:[A-Z][\w.-]*\s+){{0,2}}{_PHOTO_WORD}\s*(?:by\b|:|/)|[^()]{{0,60}}/\s*{_AGENCY}\b)[^()]{{0,80}}\)\s*$", re.I
    ),
    re.compile(rf"(?<=[.!?)])\s+{_PHOTO_WORD}\s*(?::|by\b)[^.]{{2,80}}$", re.I),
    re.compile(
        rf"(?<=[.!?)])\s+(?:[A-Z][\w.'’-]+\s+){{1,3}}[A-Z][\w.'’-]+\s*/\s*{_AGENCY}(?:\s+via\s+{_AGENCY})?\s*$", re.I
    ),
]
# Caption cues: positional notes in parentheses, AP/Reuters "FILE -" captions. Single letters such as
# "(R)" are left out: in politics copy they are party labels, not positions in a picture.
_POSITION_RE = re.compile(r"\(" + _alternation("boilerplate_caption_positions") + r"\)", re.I)
_FILE_CAPTION_RE = re.compile(r"^(?:file(?: photo)?\s*[-–—:]|in this (?:file )?(?:photo|image|picture)\b)", re.I)

# --- calendar words (date lines, bylines) --------------------------------------------------
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|rsday|urday)?\.?"

# --- bylines -------------------------------------------------------------------------------
_NAME = r"[A-Z][\w.'’-]*"
_PARTICLE = _alternation("byline_name_particles", phrases=True)
_BYLINE_RE = re.compile(
    rf"(?i:by)\s+{_NAME}(?:\s+(?:{_NAME}|{_PARTICLE}))*"
    rf"(?:\s*(?:,|and|&|\||/|-|–|—|for|in)\s*(?:the\s+)?{_NAME}(?:\s+(?:{_NAME}|{_PARTICLE}|of|the))*)*"
    r"\s*[.,]?",
)
_REPORTING_RE = re.compile(
    r"(?:\(?\s*(?:additional )?(?:reporting|writing|editing|compiled|contributing|research)(?: by)?\b.{0,200}\)?)",
    re.I,
)
# "By the time ...", "by March": prose, not a byline (the month names come from the date grammar).
_NOT_NAMES = re.compile(rf"^by\s+(?:{_alternation('byline_not_names', phrases=True)}|{_MONTH})\b", re.I)

# --- dates ---------------------------------------------------------------------------------
_DATE = (
    rf"(?:(?:{_WEEKDAY},?\s+)?(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+\d{{4}})"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{4}|\d{4}/\d{2}/\d{2})"
)
_TIME = (
    r"(?:\d{1,2}(?::\d{2}){1,2}\s*(?:[ap]\.?m\.?)?|\d{1,2}\s*[ap]\.?m\.?)(?:\s*(?-i:[A-Z]{2,4}|GMT|UTC)(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?)?"
)
_DATE_PREFIX = r"(?:(?:first |last )?(?:published|updated|posted|modified|created)(?: on| at)?\s*:?\s*|on\s+)"
# Separators are "spaces" or "spaces, mark, spaces", never both optional: no ambiguous backtracking.
_SEP = r"(?:\s*(?:,|at|@|-|–|—|·|\||/|;|•)\s*|\s+)"
_DATE_PART = rf"(?:{_DATE_PREFIX})?{_DATE}(?:{_SEP}{_TIME})?"
_DATE_PART_T = rf"(?:{_DATE_PART}|{_DATE_PREFIX}{_TIME})"
_DATE_LINE_RE = re.compile(
    rf"{_DATE_PART}(?:{_SEP}{_DATE_PART_T})*\.?",
    re.I,
)

# --- datelines -----------------------------------------------------------------------------
_CITY = r"[A-Z][A-Z'’.-]+(?:\s+[A-Z][A-Z'’.-]+){0,3}"
_REGION = r"[A-Z][A-Za-z.'’-]+(?:\s+[A-Z][A-Za-z.'’-]+){0,2}"
_DASH = r"\s*(?:--|[-–—])\s+"
_AGENCY_PAREN = r"\([A-Z][A-Za-z.&' -]{0,30}\)"
_DATELINE_STRONG_RE = re.compile(
    rf"(?:{_CITY}(?:,\s*{_REGION})?(?:,\s*(?i:{_MONTH})\s+\d{{1,2}})?\s*{_AGENCY_PAREN}|{_CITY},\s*{_REGION}(?:,\s*(?i:{_MONTH})\s+\d{{1,2}})?|{_AGENCY_PAREN}){_DASH}"
)
_DATELINE_PLAIN_RE = re.compile(rf"[A-Z]{{3,}}(?:\s+[A-Z]{{3,}}){{0,2}}{_DASH}")


@dataclass
class _Line:
    start: int  # offset of the first non-space character
    end: int  # offset after the last non-space character
    text: str  # stripped line

    @property
    def words(self) -> int:
        return len(self.text.split())


def _lines(text: str) -> list[_Line | None]:
    """Lines of `text` with stripped offsets; None for blank lines (they separate blocks)."""
    out: list[_Line | None] = []
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            out.append(_Line(pos + lead, pos + lead + len(stripped), stripped))
        else:
            out.append(None)
        pos += len(raw) + 1
    return out


def _ends_like_sentence(s: str) -> bool:
    """True when a line ends like prose (lowercase word then period), unlike credits and headlines."""
    return bool(re.search(r"[a-z]{2,}[.!?][\"”’)]?$", s))


def is_date_line(s: str) -> bool:
    """A line that is nothing but a date (and perhaps a time, or 'Updated ...'): page metadata."""
    s = s.strip()
    return len(s) <= 120 and bool(_DATE_LINE_RE.fullmatch(s))


def _is_boilerplate(s: str) -> bool:
    if len(s) > _MAX_FURNITURE:
        return False
    if _BOILERPLATE_FULL_RE.fullmatch(s):
        return True
    return bool(_BOILERPLATE_PREFIX_RE.match(s)) and len(s.split()) <= 25


def _is_credit_line(s: str) -> bool:
    if len(s) > 120 or _QUOTES.search(s):
        return False
    m = _CREDIT_PAREN_RE.fullmatch(s)
    if m:
        return bool(_CREDIT_WORD_RE.search(m.group(1)))
    if _CREDIT_LINE_RE.fullmatch(s) and not _ends_like_sentence(s):
        return True
    # "Jane Doe/Getty Images", "AFP via Getty Images": short line naming an image agency.
    if re.search(r"[a-z]{2,}[.!?]\s", s):  # a sentence before the credit: that is a caption line
        return False
    if len(s.split()) <= 6 and "/" in s and _AGENCY_IN_LINE_RE.search(s):
        return True
    return bool(re.fullmatch(r"(?:[\w.'’-]+\s+){0,4}(?:via\s+)?getty images", s, re.I))


def _is_byline(s: str) -> bool:
    if len(s) > 120 or len(s.split()) > 16 or _NOT_NAMES.match(s):
        return False
    if _BYLINE_RE.fullmatch(s):
        return True
    return bool(_REPORTING_RE.fullmatch(s)) and bool(re.search(r"\b(?:by|editing)\b", s, re.I)) and (
        s.startswith("(") or not _ends_like_sentence(s) or ";" in s
    )


def _body_sentence(s: str) -> bool:
    """A prose paragraph: a dozen words or more ending in sentence punctuation."""
    return len(s.split()) >= 12 and bool(re.search(r"[.!?][\"”’)]?$", s))


def _headline_like(s: str) -> bool:
    return len(s) <= 160 and len(s.split()) <= 25 and not re.search(r"[.!?:;,]$", s) and not _QUOTES.search(s)


def find_exclusions(text: str) -> list[ExcludedSpan]:
    """Spans of `text` to leave out of analysis (sorted, non-overlapping), each with a reason."""
    lines = _lines(text)
    nonblank = [i for i, ln in enumerate(lines) if ln is not None]
    first = nonblank[0] if nonblank else -1
    spans: dict[int, list[tuple[int, int, str]]] = {}

    def mark(i: int, reason: str, start: int | None = None, end: int | None = None) -> None:
        ln = lines[i]
        assert ln is not None
        spans.setdefault(i, []).append((ln.start if start is None else start, ln.end if end is None else end, reason))

    # Pass 1: lines recognisable on their own.
    for rank, i in enumerate(nonblank):
        ln = lines[i]
        assert ln is not None
        s = ln.text
        if _BULLET.match(s):
            # Bullet summaries at the top of an article are key points, not furniture.
            continue
        if is_date_line(s):
            mark(i, "standalone_date")
        elif _is_boilerplate(s):
            mark(i, "boilerplate")
        elif _is_credit_line(s):
            mark(i, "credit")
        elif _is_byline(s):
            mark(i, "byline")
        elif len(s) <= _MAX_CAPTION and not _QUOTES.search(s):
            for tail_re in _CREDIT_TAIL_RES:
                m = tail_re.search(s)
                if m and m.start() > 0:
                    cut = ln.start + m.start()
                    tail_start = cut + (len(m.group(0)) - len(m.group(0).lstrip()))
                    mark(i, "caption", ln.start, cut)
                    mark(i, "credit", tail_start, ln.end)
                    break
            else:
                if _POSITION_RE.search(s) or _FILE_CAPTION_RE.match(s):
                    mark(i, "caption")
        if i not in spans:
            dl = _DATELINE_STRONG_RE.match(s)
            # A bare "CITY —" is only trusted near the top: in the body it may be an acronym.
            if dl is None and rank < 6:
                dl = _DATELINE_PLAIN_RE.match(s)
            if dl is not None and dl.end() < len(s):
                mark(i, "dateline", ln.start, ln.start + len(dl.group(0).rstrip()))

    def prev_in_block(i: int) -> int | None:
        return i - 1 if i - 1 >= 0 and lines[i - 1] is not None else None

    def line_free(i: int) -> bool:
        return i not in spans

    # Pass 2: captions above a credit line or a caption (same block, no blank line between).
    for i in sorted(spans):
        reasons = {r for _, _, r in spans[i]}
        if not reasons & {"credit", "caption"} or "byline" in reasons:
            continue
        j = prev_in_block(i)
        for _ in range(2):
            if j is None or j == first or not line_free(j):
                break
            cand = lines[j]
            assert cand is not None
            if len(cand.text) > _MAX_CAPTION or _QUOTES.search(cand.text) or _BULLET.match(cand.text):
                break
            # Only a credit line vouches for a full-sentence caption; above a caption, only a short label.
            if "credit" not in reasons or spans[i][0][2] == "caption":
                if not _headline_like(cand.text) or len(cand.text) > 100:
                    break
            mark(j, "caption")
            j = prev_in_block(j)

    # Pass 3: related-article teasers: the line next to a standalone date, once the body has begun
    # (a date under the headline, or a one-sentence standfirst above it, is the article's own).
    first_body = len(lines)
    for i in nonblank:
        body = lines[i]
        if body is not None and i not in spans and i != first and (
            len(body.text) > _MAX_TEASER or _body_sentence(body.text)
        ):
            first_body = i
            break

    def teaser_ok(j: int | None, strict: bool) -> bool:
        if j is None or j == first or j <= first_body or not line_free(j):
            return False
        t = lines[j]
        assert t is not None
        if len(t.text) > _MAX_TEASER or _QUOTES.search(t.text) or _BULLET.match(t.text):
            return False
        return _headline_like(t.text) if strict else True

    for k, i in enumerate(nonblank):
        if not spans.get(i) or spans[i][0][2] != "standalone_date" or i <= first_body:
            continue
        before = nonblank[k - 1] if k > 0 else None
        after = nonblank[k + 1] if k + 1 < len(nonblank) else None
        if teaser_ok(before, strict=False):
            assert before is not None
            mark(before, "teaser")
        elif teaser_ok(after, strict=True):
            assert after is not None
            mark(after, "teaser")

    out = [ExcludedSpan(a, b, r) for i in sorted(spans) for a, b, r in spans[i] if b > a]
    out.sort(key=lambda e: (e.start, e.end))
    merged: list[ExcludedSpan] = []
    for e in out:
        if merged and e.start < merged[-1].end:
            continue
        merged.append(e)
    return merged


def masked_text(article: Article) -> str:
    """`article.text` with excluded spans replaced by spaces (newlines kept, same length)."""
    chars = list(article.text)
    for span in article.excluded:
        for k in range(max(0, span.start), min(len(chars), span.end)):
            if chars[k] not in "\n\r":
                chars[k] = " "
    return "".join(chars)
