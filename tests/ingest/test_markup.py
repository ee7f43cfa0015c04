"""SGML/HTML markup in plain text becomes excluded spans (reason "markup"); the words between stay."""

from __future__ import annotations

import pytest

from storyline.ingest.clean import find_exclusions, masked_text
from storyline.ingest.markup import markup_spans
from storyline.records import Article

# A wire archive record in the style of Reuters-21578 SGML, written for this test.
SGML = """\
<!DOCTYPE lewis SYSTEM "lewis.dtd">
<REUTERS TOPICS="YES" NEWID="7">
<DATE> 3-MAR-1987 09:12:44.10</DATE>
<TOPICS><D>acq</D></TOPICS>
<PLACES><D>west-germany</D></PLACES>
<UNKNOWN>&#5;&#5;&#5;F
&#22;&#1;f0412&#31;reute</UNKNOWN>
<TEXT>&#2;
<TITLE>HALVORSEN TO BUY STAKE IN &lt;NORDWERK AG></TITLE>
<DATELINE>    HAMBURG, March 3 - </DATELINE><BODY>Halvorsen A.S. said it agreed to buy
a 40 pct stake in &lt;Nordwerk AG> from <Siemens A.G.> for an undisclosed sum.
    The deal needs approval from the cartel office, Halvorsen said.
 Reuter
&#3;</BODY></TEXT>
</REUTERS>
"""


def masked(text: str) -> str:
    return masked_text(Article(id="x", source="s", text=text, excluded=find_exclusions(text)))


def test_sgml_record_keeps_only_the_story() -> None:
    words = masked(SGML).split()
    assert " ".join(words) == (
        "HALVORSEN TO BUY STAKE IN NORDWERK AG Halvorsen A.S. said it agreed to buy a 40 pct stake in "
        "Nordwerk AG from Siemens A.G. for an undisclosed sum. The deal needs approval from the cartel "
        "office, Halvorsen said."
    )


def test_sgml_reasons() -> None:
    found = {(SGML[e.start : e.end], e.reason) for e in find_exclusions(SGML)}
    assert ("HAMBURG, March 3 -", "dateline") in found  # the dateline rule sees through the tags
    assert ("Reuter", "byline") in found  # the wire's sign-off
    assert ("<TOPICS><D>acq</D></TOPICS>", "markup") in found  # a metadata element, content and all
    assert ("&lt;", "markup") in found and ("</DATELINE><BODY>", "markup") in found  # adjacent tags join
    reasons = {r for _, r in found}
    assert reasons == {"markup", "dateline", "byline"}


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Shares of <Siemens A.G.> rose.", "Shares of | Siemens A.G. | rose."),
        ("Shares of &lt;BP> rose.", "Shares of | BP | rose."),
        ("<p>The port <b>closed</b> on Monday.</p>", "| The port | closed | on Monday. |"),
        ("Procter &amp; Gamble said.", "Procter | Gamble said."),
        ('<a href="https://example.com/x">Read</a> it', "| Read | it"),
        ("Talks <!-- ad slot --> resumed.", "Talks | resumed."),
        ("<script>var x = 1 < 2;</script>Body text.", "| Body text."),
    ],
)
def test_tags_entities_and_bracketed_names(text: str, kept: str) -> None:
    # Each markup span shown as "|": what is left is the text, offsets unchanged.
    out, pos = [], 0
    for a, b in markup_spans(text):
        out += [text[pos:a], "|"]
        pos = b
    out.append(text[pos:])
    assert " ".join("".join(out).replace("|", " | ").split()) == kept


@pytest.mark.parametrize(
    "text",
    [
        "The index rose 3 < 5 pct and fell > 2 pct.",
        "AT&T and Marks & Spencer said on Monday.",
        "Write to <jane.doe@example.com> for details.",
        "The &Cx1f; code is not an entity.",
    ],
)
def test_prose_that_only_looks_like_markup_is_kept(text: str) -> None:
    assert markup_spans(text) == []


def test_markup_spans_never_overlap_line_spans() -> None:
    text = "<p>Headline of the story</p>\n<p>By Jane Doe</p>\n<p>CAIRO (AP) — Talks resumed on Monday.</p>"
    spans = find_exclusions(text)
    for a, b in zip(spans, spans[1:], strict=False):
        assert a.end <= b.start
    found = {(text[e.start : e.end], e.reason) for e in spans}
    assert ("By Jane Doe", "byline") in found and ("CAIRO (AP) —", "dateline") in found
    assert ("<p>", "markup") in found


def test_a_bracketed_name_wrapped_across_a_line_end() -> None:
    text = "The shipping group sold its tankers to <Crowley Maritime\nCorp> for 90 mln dlrs."
    assert [text[a:b] for a, b in markup_spans(text)] == ["<", ">"]


def test_entities_never_carry_markup() -> None:
    from storyline import nlp

    text = (
        "Halvorsen A.S. agreed to buy a stake in &lt;Nordwerk AG> from <Siemens A.G.>, the\n"
        "Oslo-based group said, adding that <Mitsui and Co Ltd> would keep its share.\n"
    )
    doc = nlp.load()(masked(text))
    names = [e.text for e in doc.ents]
    assert names and not any(c in name for name in names for c in "<>&;")
