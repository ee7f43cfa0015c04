"""Find the parts of an article that are not the story: captions, credits, teasers, boilerplate.

The text is never modified. `find_exclusions` returns character spans (with a reason from
`records.EXCLUSION_REASONS`) and `masked_text` blanks them out with spaces so that offsets computed on
the masked text are offsets into `Article.text`.

The rules are line based and deliberately general: they rely on the *shape* of page furniture that
scrapers leave behind on any news site (a line that is only a date, a parenthesised photo credit, a
"Leave a Comment" widget), never on the words of a particular story. Each rule is conservative: a body
sentence that merely mentions a photo or a date is kept. Markup left in plain text (markup.py) is
excluded first, so the line rules see through it; dates and datelines live in datelines.py.
`byline_authors` reads the names back out of the byline spans: article metadata, never actors.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from storyline import lexicon
from storyline.ingest.datelines import MONTH, dateline_end, is_date_line
from storyline.ingest.furniture import furniture_spans
from storyline.ingest.markup import markup_spans
from storyline.records import Article, ExcludedSpan

__all__ = ["RULE_FILES", "find_exclusions", "masked_text", "is_date_line", "byline_authors"]

# The modules whose rules decide the exclusions (with lexicon/): what the cleaning fingerprint hashes.
RULE_FILES = ("ingest/clean.py", "ingest/datelines.py", "ingest/markup.py", "ingest/furniture.py")

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
# A wire story's sign-off under the text: "Reuter", "AP".
_SIGNOFF_RE = re.compile(rf"{_AGENCY}\.?", re.I)
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

# --- bylines -------------------------------------------------------------------------------
_NAME = r"[A-Z][\w.'’-]*"
_PARTICLE = _alternation("byline_name_particles", phrases=True)
_NAMES = rf"{_NAME}(?:\s+(?:{_NAME}|{_PARTICLE}))*"
_ROLE = _alternation("byline_roles", phrases=True)
# "By Jane Doe, Reuters", "By JANE DOE and JOHN ROE | The Associated Press", "By Jane Doe, Cairo correspondent".
_BYLINE_RE = re.compile(
    rf"(?:(?i:by)|(?i:(?:written|story|words|text|report|produced|compiled) by))\s+{_NAMES}"
    rf"(?:\s*(?:,|and|&|\||/|-|–|—|for|in)\s*(?:the\s+)?(?:{_NAME}|(?i:{_ROLE}))(?:\s+(?:{_NAME}|{_PARTICLE}|of|the|(?i:{_ROLE})))*)*"
    r"\s*[.,]?",
)
# "Author: Jane Doe", "Contributing: John Roe and Ann Park" (a label, then names only).
_LABELLED_BYLINE_RE = re.compile(
    rf"(?i:authors?|contributors?|contributing|written by|reporter|reporters)\s*:\s*{_NAMES}"
    rf"(?:\s*(?:,|and|&)\s*{_NAMES})*\s*\.?"
)
_REPORTING_RE = re.compile(
    r"(?:\(?\s*(?:additional )?(?:reporting|writing|editing|compiled|contributing|research)(?: by)?\b.{0,200}\)?)",
    re.I,
)
# "Jane Doe contributed reporting from Cairo.", "The Associated Press contributed to this report."
_CONTRIBUTED_RE = re.compile(
    rf"(?:(?:the\s+)?{_NAMES}(?:\s*(?:,|and|&)\s*{_NAMES})*)\s+contributed\s+(?:(?:additional\s+)?reporting|to\s+this\s+(?:report|story|article))\b.{{0,120}}",
)
# A credit in parentheses closing a body line: "... on Monday. (Reporting by Jane Doe; Editing by Ann Park)".
_REPORTING_TAIL_RE = re.compile(
    r"(?<=[.!?\"”’])\s*\(\s*(?:additional )?(?:reporting|writing|editing|compiled)(?: by)?\b[^()]{0,200}\)\s*$", re.I
)
# "By the time ...", "by March": prose, not a byline (the month names come from the date grammar).
_NOT_NAMES = re.compile(rf"^by\s+(?:{_alternation('byline_not_names', phrases=True)}|{MONTH})\b", re.I)
# What may follow a byline on its line: a handle, or a date ("| Nov. 2, 2022", "Updated ...").
_BYLINE_HANDLE = re.compile(r"\s*[|/·•]?\s*@\w{2,30}\s*$")
_BYLINE_START = re.compile(r"(?i:(?:written|story|words|text|report|produced|compiled)\s+)?(?i:by)\s+[A-Z]")
_BYLINE_DATE_SEP = re.compile(r"\s*(?:[|/·•,;–—-]|\bon\b)?\s*")

# --- label lists ("Tags: Egypt, Ethiopia, Nile") ------------------------------------------------
_LIST_LABEL_RE = re.compile(rf"(?:{_alternation('boilerplate_list_labels')})\s*:\s*(?P<rest>.*)", re.I)
_MAX_LIST = 400

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


def _byline_parts(s: str) -> list[tuple[int, int, str]] | None:
    """Spans (relative to `s`) of a byline line: the byline, and a date after it if there is one."""
    if len(s) > 160 or len(s.split()) > 24 or _NOT_NAMES.match(s):
        return None
    if _is_byline(s):
        return [(0, len(s), "byline")]
    m = _BYLINE_HANDLE.search(s)
    if m and _is_byline(s[: m.start()]):
        return [(0, len(s), "byline")]
    if not _BYLINE_START.match(s) or not re.search(r"\d", s):
        return None
    # "By Jane Doe | Nov. 2, 2022", "By Jane Doe Updated Nov. 2, 2022 10:00 GMT": byline, then a date.
    for cut in (k.start() for k in re.finditer(r"\s", s)):
        head, tail = s[:cut].rstrip(" ,;|/·•–—-"), s[cut:]
        sep = _BYLINE_DATE_SEP.match(tail)
        rest = tail[sep.end() :] if sep else tail
        if rest and is_date_line(rest) and _is_byline(head):
            return [(0, len(head), "byline"), (len(s) - len(rest), len(s), "standalone_date")]
    return None


def _is_byline(s: str) -> bool:
    if len(s) > 120 or len(s.split()) > 16 or _NOT_NAMES.match(s):
        return False
    if _BYLINE_RE.fullmatch(s) or _LABELLED_BYLINE_RE.fullmatch(s) or _CONTRIBUTED_RE.fullmatch(s):
        return True
    return bool(_REPORTING_RE.fullmatch(s)) and bool(re.search(r"\b(?:by|editing)\b", s, re.I)) and (
        s.startswith("(") or not _ends_like_sentence(s) or ";" in s
    )


def _is_signoff(marks: _Marks, i: int) -> bool:
    """A line that is only an agency's name ("Reuter", "AP") after a finished sentence or a blank
    line: the wire's sign-off under the story (not "...a bank official told\nReuters.")."""
    s = marks.line(i).text
    if i == marks.first or len(s) > 40 or not _SIGNOFF_RE.fullmatch(s):
        return False
    j = marks.prev_in_block(i)
    return j is None or bool(re.search(r"[.!?][\"”’)]?$", marks.line(j).text))


def _is_label_list(s: str) -> bool:
    """"Tags: Egypt, Ethiopia, Nile dam", "Filed under: Africa | Water": a labelled list, not a sentence."""
    m = _LIST_LABEL_RE.fullmatch(s)
    if m is None or len(s) > _MAX_LIST or _QUOTES.search(s):
        return False
    return bool(m.group("rest")) and not re.search(r"[a-z]{2,}[.!?]\s+[A-Z]", m.group("rest"))


def _is_author_line(s: str, authors: tuple[str, ...]) -> bool:
    """A short line naming one of the article's known authors ("Jane Doe", "Jane Doe, Cairo")."""
    if not authors or len(s) > 120 or len(s.split()) > 10 or _ends_like_sentence(s):
        return False
    low = re.sub(r"^by\s+", "", s.lower())
    return any(low.startswith(a.lower()) and not low[len(a) : len(a) + 1].isalnum() for a in authors if a.strip())


def _body_sentence(s: str) -> bool:
    """A prose paragraph: a dozen words or more ending in sentence punctuation."""
    return len(s.split()) >= 12 and bool(re.search(r"[.!?][\"”’)]?$", s))


def _headline_like(s: str) -> bool:
    return len(s) <= 160 and len(s.split()) <= 25 and not re.search(r"[.!?:;,]$", s) and not _QUOTES.search(s)


class _Marks:
    """The lines of one text and the spans marked on them so far, by line number."""

    def __init__(self, text: str) -> None:
        self.lines = _lines(text)
        self.nonblank = [i for i, ln in enumerate(self.lines) if ln is not None]
        self.first = self.nonblank[0] if self.nonblank else -1
        self.spans: dict[int, list[tuple[int, int, str]]] = {}

    def line(self, i: int) -> _Line:
        ln = self.lines[i]
        assert ln is not None
        return ln

    def mark(self, i: int, reason: str, start: int | None = None, end: int | None = None) -> None:
        ln = self.line(i)
        self.spans.setdefault(i, []).append((ln.start if start is None else start, ln.end if end is None else end, reason))

    def free(self, i: int) -> bool:
        return i not in self.spans

    def prev_in_block(self, i: int) -> int | None:
        return i - 1 if i - 1 >= 0 and self.lines[i - 1] is not None else None


def find_exclusions(text: str, authors: Sequence[str] = (), *, comments: bool = True) -> list[ExcludedSpan]:
    """Spans of `text` to leave out of analysis (sorted, non-overlapping), each with a reason.

    Markup is found first and blanked, so the line rules see "<p>By Jane Doe</p>" as a byline;
    `authors` (from the page's metadata) marks a line that only names one of them as a byline.
    Reader comments and the furniture around them (furniture.py) win over the line rules where they
    overlap; `comments=False` leaves them out (the benchmark's "before").
    """
    markup = markup_spans(text)
    blanked = _blank(text, markup) if markup else text
    marks = _Marks(blanked)
    for rank, i in enumerate(marks.nonblank):
        _mark_line(marks, i, rank, tuple(authors))
    _mark_captions(marks)
    _mark_teasers(marks)
    found = [ExcludedSpan(a, b, r) for i in sorted(marks.spans) for a, b, r in marks.spans[i] if b > a]
    if comments:
        found = _with_furniture(found, [ExcludedSpan(a, b, r) for a, b, r in furniture_spans(blanked)])
    return _merge(found, [ExcludedSpan(a, b, "markup") for a, b in markup])


def _with_furniture(found: list[ExcludedSpan], furniture: list[ExcludedSpan]) -> list[ExcludedSpan]:
    """Line spans plus furniture spans; a line span overlapping a furniture span gives way to it."""
    starts = [f.start for f in furniture]

    def overlaps(e: ExcludedSpan) -> bool:
        k = bisect.bisect_left(starts, e.end) - 1
        return k >= 0 and furniture[k].end > e.start

    return [e for e in found if not overlaps(e)] + furniture


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with the spans replaced by spaces (newlines kept): same length, same offsets."""
    chars = list(text)
    for a, b in spans:
        for k in range(a, b):
            if chars[k] not in "\n\r":
                chars[k] = " "
    return "".join(chars)


def _merge(found: list[ExcludedSpan], markup: list[ExcludedSpan]) -> list[ExcludedSpan]:
    """Sorted, disjoint spans: line spans first; markup inside a line span is covered by it."""
    found.sort(key=lambda e: (e.start, e.end))
    merged: list[ExcludedSpan] = []
    for e in found:
        if merged and e.start < merged[-1].end:
            continue
        merged.append(e)
    starts = [e.start for e in merged]
    out = list(merged)
    for m in markup:
        k = bisect.bisect_right(starts, m.start) - 1
        if k >= 0 and merged[k].end > m.start:
            continue  # inside a line span (line spans start and end on text, never inside markup)
        out.append(m)
    out.sort(key=lambda e: (e.start, e.end))
    return out


def _mark_line(marks: _Marks, i: int, rank: int, authors: tuple[str, ...]) -> None:
    """Pass 1: a line recognisable on its own (and a dateline or credit tail opening or closing it)."""
    ln = marks.line(i)
    s = ln.text
    if _BULLET.match(s):
        return  # bullet summaries at the top of an article are key points, not furniture
    if is_date_line(s):
        marks.mark(i, "standalone_date")
    elif _is_boilerplate(s) or _is_label_list(s):
        marks.mark(i, "boilerplate")
    elif _is_credit_line(s):
        marks.mark(i, "credit")
    elif (parts := _byline_parts(s)) is not None:
        for a, b, reason in parts:
            marks.mark(i, reason, ln.start + a, ln.start + b)
    elif _is_signoff(marks, i) or _is_author_line(s, authors):
        marks.mark(i, "byline")
    elif len(s) <= _MAX_CAPTION and not _QUOTES.search(s):
        _mark_caption_line(marks, i)
    if marks.free(i):
        _mark_dateline_and_tail(marks, i, rank)


def _mark_caption_line(marks: _Marks, i: int) -> None:
    ln = marks.line(i)
    s = ln.text
    for tail_re in _CREDIT_TAIL_RES:
        m = tail_re.search(s)
        if m and m.start() > 0:
            cut = ln.start + m.start()
            tail_start = cut + (len(m.group(0)) - len(m.group(0).lstrip()))
            marks.mark(i, "caption", ln.start, cut)
            marks.mark(i, "credit", tail_start, ln.end)
            return
    if _POSITION_RE.search(s) or _FILE_CAPTION_RE.match(s):
        marks.mark(i, "caption")


def _mark_dateline_and_tail(marks: _Marks, i: int, rank: int) -> None:
    """A dateline opening a body line, and a "(Reporting by ...)" closing it."""
    ln = marks.line(i)
    # A bare "CITY —" is only trusted near the top: in the body it may be an acronym.
    n = dateline_end(ln.text, near_top=rank < 6)
    if n is not None:
        marks.mark(i, "dateline", ln.start, ln.start + n)
    tail = _REPORTING_TAIL_RE.search(ln.text)
    if tail is not None and tail.start() > (n or 0):
        lead = len(tail.group(0)) - len(tail.group(0).lstrip())
        marks.mark(i, "byline", ln.start + tail.start() + lead, ln.end)


def _mark_captions(marks: _Marks) -> None:
    """Pass 2: captions above a credit line or a caption (same block, no blank line between)."""
    for i in sorted(marks.spans):
        reasons = {r for _, _, r in marks.spans[i]}
        if not reasons & {"credit", "caption"} or "byline" in reasons:
            continue
        j = marks.prev_in_block(i)
        for _ in range(2):
            if j is None or j == marks.first or not marks.free(j):
                break
            cand = marks.line(j).text
            if len(cand) > _MAX_CAPTION or _QUOTES.search(cand) or _BULLET.match(cand):
                break
            # Only a credit line vouches for a full-sentence caption; above a caption, only a short label.
            if "credit" not in reasons or marks.spans[i][0][2] == "caption":
                if not _headline_like(cand) or len(cand) > 100:
                    break
            marks.mark(j, "caption")
            j = marks.prev_in_block(j)


def _mark_teasers(marks: _Marks) -> None:
    """Pass 3: related-article teasers: the line next to a standalone date, once the body has begun
    (a date under the headline, or a one-sentence standfirst above it, is the article's own)."""
    first_body = len(marks.lines)
    for i in marks.nonblank:
        body = marks.line(i).text
        if marks.free(i) and i != marks.first and (len(body) > _MAX_TEASER or _body_sentence(body)):
            first_body = i
            break

    def teaser_ok(j: int | None, strict: bool) -> bool:
        if j is None or j == marks.first or j <= first_body or not marks.free(j):
            return False
        t = marks.line(j).text
        if len(t) > _MAX_TEASER or _QUOTES.search(t) or _BULLET.match(t):
            return False
        return _headline_like(t) if strict else True

    nonblank = marks.nonblank
    for k, i in enumerate(nonblank):
        if not marks.spans.get(i) or marks.spans[i][0][2] != "standalone_date" or i <= first_body:
            continue
        before = nonblank[k - 1] if k > 0 else None
        after = nonblank[k + 1] if k + 1 < len(nonblank) else None
        if teaser_ok(before, strict=False):
            assert before is not None
            marks.mark(before, "teaser")
        elif teaser_ok(after, strict=True):
            assert after is not None
            marks.mark(after, "teaser")


def masked_text(article: Article) -> str:
    """`article.text` with excluded spans replaced by spaces (newlines kept, same length)."""
    chars = list(article.text)
    for span in article.excluded:
        for k in range(max(0, span.start), min(len(chars), span.end)):
            if chars[k] not in "\n\r":
                chars[k] = " "
    return "".join(chars)


# --- byline names as metadata ---------------------------------------------------------------------
# What introduces names in a credit, and the credits that name editors rather than authors.
_CREDIT_INTRO = re.compile(
    r"^\(?\s*(?:(?:additional |contributing )?(?:reporting|writing|written|story|words|text|report|produced|compiled|"
    r"research|editing|edited)\s+by|by|authors?\s*:|contributors?\s*:|contributing\s*:|reporters?\s*:|written by\s*:)\s*",
    re.I,
)
_EDITOR_INTRO = re.compile(r"^\(?\s*(?:editing|edited)\b", re.I)
_NAME_SPLIT = re.compile(r"\s*(?:,|;|\band\b|&|\||/|\s[-–—]\s)\s*", re.I)
_NAME_TAIL = re.compile(r"\s+(?:in|from|at|for)\s+.*$|\s+contributed\b.*$")
_NAME_WORD = re.compile(rf"{_NAME}|{_PARTICLE}")
_AGENCY_ONLY = re.compile(rf"(?:the\s+)?{_AGENCY}(?:\s+(?:staff|news|wire))?\.?", re.I)


def byline_authors(text: str, excluded: list[ExcludedSpan]) -> list[str]:
    """Names of the people credited in the byline spans of `text` (editors left out), in order.

    Article metadata, never actors: "By JANE DOE and John Roe, Reuters" gives ["Jane Doe", "John Roe"];
    agencies, outlets and job titles are dropped.
    """
    names: list[str] = []
    for span in excluded:
        if span.reason != "byline":
            continue
        for clause in re.split(r"\s*;\s*", text[span.start : span.end].strip().strip("()")):
            for name in _clause_names(clause):
                if name.lower() not in {n.lower() for n in names}:
                    names.append(name)
    return names


def _clause_names(clause: str) -> list[str]:
    """Person names in one credit clause ("Reporting by Jane Doe in Cairo" -> ["Jane Doe"])."""
    if _EDITOR_INTRO.match(clause):
        return []
    intro = _CREDIT_INTRO.match(clause)
    body = re.sub(r"\s*[|/·•]?\s*@\w+", "", clause[intro.end() :] if intro else clause)
    if intro is None and not re.search(r"\bcontributed\b", body):
        return []
    out = []
    for part in _NAME_SPLIT.split(_NAME_TAIL.sub("", body).strip(" .,")):
        part = part.strip(" .,")
        words = part.split()
        if not 2 <= len(words) <= 5 or _AGENCY_ONLY.fullmatch(part) or words[0].lower() == "the":
            continue
        if re.search(rf"\b(?:{_ROLE})\b", part, re.I) or not all(_NAME_WORD.fullmatch(w) for w in words):
            continue
        out.append(part.title() if part.isupper() else part)
    return out
