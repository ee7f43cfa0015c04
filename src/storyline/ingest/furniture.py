"""Reader comments and the furniture around them, found by character position rather than by line.

Crawled pages keep the comment thread under (or between) the posts, and a sentence splitter glues
its pieces to the prose around them ("... check for yourself: Posted by: Dano | October 13, 2008
10:19 PM | Report abuse I'm so ready to vote."), so these rules cut inside lines. Read by clean.py.

A comment section opens only on a signature that no article sentence has: a handle *with a
timestamp* ("Posted by: jm | September 24, 2008 3:09 PM", "At 11:45 pm on 13 Jan 2010, Tim wrote:",
"February 11, 2011 at 12:49 pm | Reply") or a moderator's removal notice. A body sentence with
"wrote:" or "reply" in it opens nothing. From the first signature to the last everything is comments;
the text before a signature that follows its comment, and after one that precedes it, is added up to
the nearest post boundary (a closing notice, a comment-form line, a post footer) when that is near.
Also found: comment-form and policy lines, post footers ("By Jane Doe | Sept. 16, 2008; 6:32 AM ET"),
lines listing other posts with their timestamps, and a timestamp glued to the start of a line.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from storyline import lexicon
from storyline.ingest.datelines import DATE, LEADING_STAMP_RE, TIME, TIMESTAMP, WEEKDAY, glued_dateline

__all__ = ["furniture_spans"]

# Lines of text a first comment may run before its (trailing) signature, or a last comment after its
# (leading) one, for the section to reach back (on) to a post boundary; beyond it only the signature's
# own line is taken. Comments on the T17 dev pages run a median of 8 to 46 sentence lines.
_EDGE_LINES = 60
# Longest line a comment-form or policy cue may fill (such notes are one or two sentences).
_MAX_CUE_LINE = 300
# A whole comment form left on one line (field notes, policy, terms): two cues or more, up to this long.
_MAX_FORM_BLOCK = 1000
# A post footer in the first lines of a text is the post's header (author and time above the prose).
_MIN_FOOTER_LINE = 3

_QUOTES = re.compile(r"[\"“”«»„]")
_REPORTING = re.compile(r"\b(?:said|says|told|according to)\b", re.I)


def _alternation(name: str) -> str:
    return "(?:" + "|".join(sorted(lexicon.words(name), key=lambda w: (-len(w), w))) + ")"


# --- signatures ------------------------------------------------------------------------------
_HANDLE = r"[^|:\n]{1,80}?"
# Trailing signatures (the comment text comes before): "Posted by: jm | <stamp> | Report abuse".
_POSTED_SIG_RE = re.compile(
    rf"posted by\s*:\s*{_HANDLE}\s*\|\s*{TIMESTAMP}(?:\s*\|\s*(?:report abuse|reply|recommend)\b)?", re.I
)
# "<stamp> | Reply": the stamp is found in the window just before the widget words.
# ("| Permalink" is left out: posts carry it too.)
_WIDGET_RE = re.compile(r"\|\s*(?:reply|report abuse)\b", re.I)
_STAMP_BEFORE_RE = re.compile(rf"{TIMESTAMP}\s*$", re.I)
_STAMP_BEFORE_NOTICE_RE = re.compile(rf"{TIMESTAMP}\s*[-–—|:,]?\s*$", re.I)
# Leading signatures (the comment text follows): "At 18:40 23rd Mar 2010, jenny wrote:".
# The handle is one to four words, never a phrase such as "the judge" (a dated sentence that quotes).
_WROTE_SIG_RE = re.compile(
    rf"\b(?:at|on)\s+{TIMESTAMP},?\s*(?!(?:the|a|an|his|her|their|its|our|my)\s)[^\s:,]+(?:\s[^\s:,]+){{0,3}}\s+(?:wrote|writes)\s*:",
    re.I,
)
_NOTICE_RE = re.compile(_alternation("comment_notices"), re.I)
_OPENER_RES = [re.compile(w, re.I) for w in sorted(lexicon.words("comment_section_openers"))]
_CLOSED_RE = re.compile(_alternation("comment_closed"), re.I)
# One pattern per cue: Python's engine is much slower on one long alternation of optional openings.
_FORM_CUE_RES = [re.compile(w, re.I) for w in sorted(lexicon.words("comment_form_cues")) + sorted(lexicon.words("comment_closed"))]
# Cheap tests that a line may hold one of the patterns above (the alternations are slow on long text).
_WROTE_HINT = ("wrote", "writes")
_NOTICE_HINT = ("removed", "deleted", "hidden", "withdrawn")
_CUE_HINT = tuple(sorted(lexicon.words("comment_cue_hints")))
_CLOCK_HINT = re.compile(r"\d(?::\d\d|\s*[ap]\.?m\b)", re.I)

# --- post footers and lists of posts ---------------------------------------------------------------
_NAME = r"[A-Z][\w.'’-]*"
_NAMES = rf"{_NAME}(?:\s+(?:{_NAME}|and|de|van|von|la|le))*"
# "16:55 UK time, Tuesday, 23 March 2010": a clock time, a zone word, then the date.
_ZONED_STAMP = rf"{TIME}(?:\s+[A-Za-z]{{2,5}}\s+time)?,?\s*(?:{WEEKDAY},?\s*)?{DATE}"
_FOOTER_RE = re.compile(
    rf"(?:(?<=\s)|^)(?:[Bb]y\s+)?{_NAMES}\s*\|\s*(?i:{LEADING_STAMP_RE.pattern}|{_ZONED_STAMP})"
    r"(?:\s*(?:ET|EST|EDT|PT|GMT|UTC|BST)\b)?(?:\s*\|\s*(?i:permalink|comments?\s*\(\d+\)|share|print|e-?mail))*",
    re.M,
)
# "Page last updated at 08:58 GMT, Thursday, 24 June 2010 09:58 UK", "6 January 2011 Last updated at
# 04:46 GMT Help": the page's stamp, never after "was" or "is" (a sentence about an update).
_UPDATED_RE = re.compile(
    rf"(?<!\bwas )(?<!\bis )(?<!\bbeen )(?<!\bwere )(?<!\bare )(?:(?:{WEEKDAY},?\s+)?{DATE}\s+)?(?:page\s+)?last\s+updated"
    rf"(?:\s+(?:at|on))?\s*:?\s*(?:{TIME}(?:,\s*(?:{WEEKDAY},?\s*)?{DATE}(?:\s+{TIME}(?:\s+UK)?)?)?|{DATE}(?:\s*[-–—,]?\s*{TIME})?)"
    r"(?:(?-i:\s+Help)\b)?",
    re.I,
)
_INLINE_RE = re.compile(_alternation("boilerplate_inline"), re.I)
# The first lines of a text where a headline, a page stamp or a dateline may be glued together.
_TOP_LINES = 3
_MAX_HEADLINE_WORDS = 25
_MAX_NAV_WORDS = 4  # words in one item of a menu row
_POSTED_BY_RE = re.compile(rf"posted by\s+(?!:){_HANDLE},?\s+(?:at|on)\s+{TIMESTAMP}", re.I)


@dataclass
class _Sig:
    start: int
    end: int
    lead: bool  # the comment text follows the signature
    opener: bool = False  # a thread header: the thread runs to the next boundary however far


class _Text:
    """Offsets of line starts, for line numbers and line bounds of a character position."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in re.finditer(r"\n", text)]

    def line_no(self, pos: int) -> int:
        return bisect.bisect_right(self.starts, pos) - 1

    def line_start(self, pos: int) -> int:
        return self.starts[self.line_no(pos)]

    def line_end(self, pos: int) -> int:
        k = self.text.find("\n", pos)
        return len(self.text) if k < 0 else k

    def lines(self) -> list[tuple[int, int]]:
        return [(a, self.line_end(a)) for a in self.starts]


def furniture_spans(text: str) -> list[tuple[int, int, str]]:
    """Spans (start, end, reason) of comment sections and the furniture around them, sorted, disjoint.

    Reasons: "comment" (sections, notices, form and policy lines), "byline" (post footers), "teaser"
    (a line listing other posts with their timestamps), "standalone_date" (a timestamp opening a line).
    """
    t = _Text(text)
    cues = _cue_lines(t)
    sigs = _signatures(t)
    # "jm | <stamp>" inside a comment's signature is no post footer.
    footers = [f for f in _footers(t) if not any(s.start <= f[1] and f[0] <= s.end for s in sigs)]
    # A footer in the first lines is the post's own header: never a boundary a comment runs back to.
    stops = sorted([(a, b) for a, b, _ in cues] + [(a, b) for a, b, _ in footers if t.line_no(a) >= _MIN_FOOTER_LINE])
    sections = [(a, b, "comment") for a, b in _sections(t, sigs, stops, footers)]
    out: list[tuple[int, int, str]] = []
    for group in (sections, cues, footers, _top_blobs(t), _leading_stamps(t), _inline(t)):
        out.extend(s for s in group if not any(s[0] < b and a < s[1] for a, b, _ in out))
    return sorted(out)


def _signatures(t: _Text) -> list[_Sig]:
    text = t.text
    sigs = [_Sig(m.start(), m.end(), False) for m in _POSTED_SIG_RE.finditer(text)]
    for m in _WIDGET_RE.finditer(text):
        window = text[max(0, m.start() - 80) : m.start()]
        stamp = _STAMP_BEFORE_RE.search(window)
        if stamp is not None:
            sigs.append(_Sig(m.start() - len(window) + stamp.start(), m.end(), False))
    for a, b in t.lines():
        s = text[a:b]
        low = s.lower()
        if ":" in s and any(w in low for w in _WROTE_HINT) and _CLOCK_HINT.search(s):
            sigs += [_Sig(a + m.start(), a + m.end(), True) for m in _WROTE_SIG_RE.finditer(s)]
        if not any(w in low for w in _NOTICE_HINT):
            continue
        for m in _NOTICE_RE.finditer(s):
            window = s[max(0, m.start() - 60) : m.start()]
            stamp = _STAMP_BEFORE_NOTICE_RE.search(window)
            sigs.append(_Sig(a + m.start() - (len(window) - stamp.start() if stamp else 0), b, True))
    sigs += _openers(t)
    sigs.sort(key=lambda s: s.start)
    merged: list[_Sig] = []
    for sig in sigs:
        if merged and sig.start < merged[-1].end:
            merged[-1].end = max(merged[-1].end, sig.end)
            merged[-1].opener |= sig.opener
        else:
            merged.append(sig)
    return merged


def _openers(t: _Text) -> list[_Sig]:
    """Thread headers, below the first lines (a header over the article would not say "below")."""
    out = []
    for a, b in t.lines()[_MIN_FOOTER_LINE:]:
        s = t.text[a:b]
        if len(s) < 20 or not any(w in s.lower() for w in ("below", "here")):
            continue
        for r in _OPENER_RES:
            m = r.search(s)
            if m is not None:
                out.append(_Sig(a + m.start(), a + m.end(), True, opener=True))
                break
    return out


def _sections(t: _Text, sigs: list[_Sig], stops: list[tuple[int, int]], footers: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """Comment sections: runs of signatures, split where a post footer lies between two of them."""
    groups: list[list[_Sig]] = []
    for s in sigs:
        if groups and not any(groups[-1][-1].end <= a < s.start for a, _, _ in footers):
            groups[-1].append(s)
        else:
            groups.append([s])
    out = []
    for g in groups:
        start, end = _section_start(t, g[0], stops), _section_end(t, g[-1], stops)
        while start < end and t.text[start].isspace():
            start += 1
        while end > start and t.text[end - 1].isspace():
            end -= 1
        if end > start:
            out.append((start, end))
    return out


def _section_start(t: _Text, first: _Sig, stops: list[tuple[int, int]]) -> int:
    """Where the first comment begins: at a leading signature; before a trailing one, back to the
    nearest boundary when it is near, else the start of the signature's line."""
    if first.lead:
        return first.start
    line = t.line_no(first.start)
    before = [b for a, b in stops if b <= first.start and line - t.line_no(b) <= _EDGE_LINES]
    return max(before) if before else t.line_start(first.start)


def _section_end(t: _Text, last: _Sig, stops: list[tuple[int, int]]) -> int:
    """Where the last comment ends: at the next boundary or the end of the text when that is near;
    else at the end of a trailing signature, or of a leading signature's line."""
    after = [a for a, _ in stops if a >= last.end]
    nxt = min(after) if after else len(t.text)
    if last.opener or t.line_no(nxt) - t.line_no(last.end) <= _EDGE_LINES:
        return nxt
    return t.line_end(last.end) if last.lead else last.end


def _cue_lines(t: _Text) -> list[tuple[int, int, str]]:
    """Whole short lines that are comment-form notes, policies or closing notices."""
    out = []
    for a, b in t.lines():
        s = t.text[a:b]
        low = s.lower()
        if len(s) > _MAX_FORM_BLOCK or not any(w in low for w in _CUE_HINT) or _QUOTES.search(s) or _REPORTING.search(s):
            continue
        hits = sum(1 for r in _FORM_CUE_RES if r.search(s))
        if hits >= 2 or (hits == 1 and len(s) <= _MAX_CUE_LINE):
            lead = len(s) - len(s.lstrip())
            out.append((a + lead, a + len(s.rstrip()), "comment"))
    return out


def _footers(t: _Text) -> list[tuple[int, int, str]]:
    """Post footers ("By Jane Doe | <stamp>", "Posted by Jane Doe on <stamp>"); a line holding two or
    more "Posted by <name> on <stamp>" is a list of other posts (teasers)."""
    out: list[tuple[int, int, str]] = []
    for a, b in t.lines():
        s = t.text[a:b]
        posted = list(_POSTED_BY_RE.finditer(s))
        if len(posted) >= 2:
            out.append((a + len(s) - len(s.lstrip()), a + len(s.rstrip()), "teaser"))
            continue
        found = posted + (list(_FOOTER_RE.finditer(s)) if "|" in s else [])
        for m in sorted(found, key=lambda m: m.start()):
            if not out or out[-1][1] <= a + m.start():
                out.append((a + m.start(), a + m.end(), "byline"))
    return out


def _top_blobs(t: _Text) -> list[tuple[int, int, str]]:
    """On the first lines: a page stamp or a dateline glued after a headline or a credit, split into
    headline (or credit) and stamp (or dateline)."""
    out: list[tuple[int, int, str]] = []
    top = [(a, b) for a, b in t.lines() if t.text[a:b].strip()][:_TOP_LINES]
    for k, (a, b) in enumerate(top):
        s = t.text[a:b]
        m = _UPDATED_RE.search(s) if "updated" in s.lower() else None
        if m is not None:
            cut, end, reason = m.start(), m.end(), "standalone_date"
        elif (g := glued_dateline(s, _MAX_HEADLINE_WORDS)) is not None:
            (cut, end), reason = g, "dateline"
        else:
            continue
        out.append((a + cut, a + cut + len(s[cut:end].rstrip()), reason))
        head = s[:cut].strip()
        if not head:
            continue
        start = a + s.index(head)
        if _is_nav_row(head):
            out.append((start, start + len(head), "boilerplate"))
        elif head.startswith("(") and head.endswith(")"):
            out.append((start, start + len(head), "credit"))
        elif head.endswith(")") and k == 0:  # a photo caption closed by its credit
            out.append((start, start + len(head), "caption"))
        elif k == 0 and _headline_like(head):
            out.append((start, start + len(head), "headline"))
    return sorted(out)


def _is_nav_row(s: str) -> bool:
    """"Read + | Watch + | Talk + |": three or more short items between bars, a menu, not prose."""
    items = s.strip(" |").split("|")
    return len(items) >= 3 and all(len(x.split()) <= _MAX_NAV_WORDS for x in items)


def _headline_like(s: str) -> bool:
    return len(s.split()) <= _MAX_HEADLINE_WORDS and not re.search(r"[.!?:;,]$", s) and not _QUOTES.search(s)


def _inline(t: _Text) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), "boilerplate") for m in _INLINE_RE.finditer(t.text)]


def _leading_stamps(t: _Text) -> list[tuple[int, int, str]]:
    """A timestamp glued to the start of a line ("Tuesday, September 30, 2008; 10:10 AM Most ...")."""
    out = []
    for a, b in t.lines():
        s = t.text[a:b]
        lead = len(s) - len(s.lstrip())
        m = LEADING_STAMP_RE.match(s, lead)
        if m is None or not re.match(r"\s*(?:[-–—|:;,]\s*)?[A-Z\"“‘']", s[m.end() :]):
            continue
        out.append((a + lead, a + m.end(), "standalone_date"))
    return out
