"""Cleaning rules: each kind of page furniture is found, and ordinary body sentences are left alone."""

from __future__ import annotations

import pytest

from storyline.ingest.clean import byline_authors, find_exclusions, is_date_line, masked_text
from storyline.records import EXCLUSION_REASONS, Article

# A body paragraph long enough to mark where the article body starts (teasers sit in the body).
BODY = (
    "Government troops retook the northern town on Saturday after three days of fighting, the defence "
    "ministry said, adding that aid convoys would be allowed in once roads had been cleared of mines."
)


def excluded(text: str) -> dict[str, str]:
    """Excluded substrings of `text` mapped to their reason."""
    return {text[e.start : e.end]: e.reason for e in find_exclusions(text)}


# --- one line on its own ------------------------------------------------------------------------

BOILERPLATE = [
    "Leave a Comment",
    "Leave a Reply",
    "Your email address will not be published. Required fields are marked *",
    "Required fields are marked *",
    "Scroll to Top",
    "Back to top",
    "COMMENTS",
    "12 Comments",
    "View all comments",
    "Read the full report at",
    "Read the full story at Example News",
    "Read more: Talks collapse as deadline passes",
    "Sign up for our newsletter",
    "Sign up for our daily politics newsletter to get the latest updates",
    "Share this article",
    "Share on Facebook",
    "Facebook Twitter Email",
    "Advertisement",
    "Story continues below advertisement",
    "We use cookies to improve your experience on our site.",
    "Accept all cookies",
    "© 2024 Example Media Group. All rights reserved.",
    "Copyright 2023 The Daily Example",
    "This article was originally published on Example.com.",
    "Related: Floods hit coastal towns",
    "Subscribe",
    "Follow us on Twitter",
    "Click here to read more",
    "Tags: Egypt, Ethiopia, Nile dam, Water",
    "Topics: Elections | Kenya | Africa",
    "Filed under: Africa, Water",
    "Categories: World News; Middle East",
    "Our Standards: The Thomson Reuters Trust Principles.",
    "Download the Example News app",
    "Report an error",
    "Loading...",
    "Print this article",
    "E-mail this story",
    "Send us an e-mail.",
]


@pytest.mark.parametrize("line", BOILERPLATE)
def test_boilerplate_lines_are_excluded(line: str) -> None:
    assert excluded(f"{BODY}\n\n{line}\n\n{BODY}") == {line: "boilerplate"}


CREDITS = [
    "(Susan Walsh / Associated Press)",
    "(AP Photo/Evan Vucci)",
    "(Photo by Jane Roe/Getty Images)",
    "Photo: Reuters",
    "Photo by John Smith",
    "Photograph: Tom Jones/The Example Times",
    "Image credit: NASA",
    "Getty Images",
    "AFP via Getty Images",
    "Jane Roe/Getty Images",
    "REUTERS/Kim Hong-Ji",
    "Credit: Handout",
]


@pytest.mark.parametrize("line", CREDITS)
def test_photo_credit_lines_are_excluded(line: str) -> None:
    assert excluded(f"{BODY}\n\n{line}\n\n{BODY}")[line] == "credit"


@pytest.mark.parametrize(
    ("line", "credit"),
    [
        (
            "President Anna Berg (left) and Prime Minister Ola Dahl pose for a photo in Oslo. | Pool Photo by Erik Moen",
            "| Pool Photo by Erik Moen",
        ),
        ("Firefighters battle the blaze near the highway on Monday. (AP Photo/Noah Berger)", "(AP Photo/Noah Berger)"),
        ("Rescuers search the rubble of a collapsed building. Photo: Reuters", "Photo: Reuters"),
        ("Protesters march through the capital on Sunday. Jane Roe/Getty Images", "Jane Roe/Getty Images"),
    ],
)
def test_caption_with_credit_tail_splits_caption_and_credit(line: str, credit: str) -> None:
    found = excluded(f"{line}\n{BODY}")
    caption = line[: line.index(credit)].rstrip()
    assert found == {caption: "caption", credit: "credit"}


def test_lines_above_a_credit_line_are_caption() -> None:
    text = (
        "Storm batters coast\n\n"
        "Harbour master Lena Holm\n"
        "Harbour master Lena Holm inspects damaged boats on Tuesday. The storm sank a dozen vessels.\n"
        "(Per Olsen / Coastal Press)\n\n" + BODY
    )
    found = excluded(text)
    assert found["Harbour master Lena Holm"] == "caption"
    assert found["Harbour master Lena Holm inspects damaged boats on Tuesday. The storm sank a dozen vessels."] == "caption"
    assert found["(Per Olsen / Coastal Press)"] == "credit"
    assert "Storm batters coast" not in found and BODY not in found


@pytest.mark.parametrize(
    "line",
    [
        "Rescue workers (left) carry a survivor from the ruins of the hotel",
        "FILE - Soldiers patrol the border crossing near the town, June 3, 2021",
        "In this photo released by the ministry, engineers inspect the dam",
    ],
)
def test_caption_cues(line: str) -> None:
    assert excluded(f"{BODY}\n\n{line}\n\n{BODY}") == {line: "caption"}


@pytest.mark.parametrize(
    "line",
    [
        "By Jane Doe, Reuters",
        "By JANE DOE and JOHN ROE | The Associated Press",
        "By Ana María de la Cruz",
        "Reporting by Tom Lee; Editing by Ann Park",
        "(Additional reporting by Omar Haddad in Cairo)",
        "Editing by Ann Park",
        "By Jane Doe, Cairo correspondent",
        "By John Roe, Staff Writer",
        "Written by Jane Doe",
        "Story by Jane Doe and John Roe",
        "By Jane Doe @janedoe",
        "Author: Jane Doe",
        "Contributing: John Roe and Ann Park",
        "Jane Doe contributed reporting from Cairo.",
        "The Associated Press contributed to this report.",
    ],
)
def test_bylines(line: str) -> None:
    assert excluded(f"Headline of the story\n\n{line}\n\n{BODY}") == {line: "byline"}


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("By Jane Doe | Nov. 2, 2022", "Nov. 2, 2022"),
        ("By Jane Doe Updated Nov. 2, 2022 10:00 GMT", "Updated Nov. 2, 2022 10:00 GMT"),
        ("By Jane Doe on November 2, 2022", "November 2, 2022"),
    ],
)
def test_byline_then_date_on_one_line(line: str, date: str) -> None:
    assert excluded(f"Headline of the story\n\n{line}\n\n{BODY}") == {"By Jane Doe": "byline", date: "standalone_date"}


def test_credit_closing_the_last_paragraph_is_a_byline() -> None:
    credit = "(Reporting by Jane Doe in Cairo; Editing by Ann Park)"
    assert excluded(f"Headline\n\n{BODY}\n\nTalks resume next week, the ministry said. {credit}") == {credit: "byline"}


def test_wire_sign_off_line() -> None:
    assert excluded(f"Headline\n\n{BODY}\nReuter") == {"Reuter": "byline"}
    # A wrapped sentence that ends on the agency's name is the story, not its sign-off.
    assert excluded(f"Headline\n\n{BODY} The bank said\nthe rise was temporary, an official told\nReuters.") == {}


def test_line_naming_a_known_author() -> None:
    text = f"Headline of the story\n\nJane Doe, Cairo\n\n{BODY}"
    assert excluded(text) == {}
    found = {text[e.start : e.end]: e.reason for e in find_exclusions(text, authors=["Jane Doe"])}
    assert found == {"Jane Doe, Cairo": "byline"}


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("By Jane Doe, Reuters", ["Jane Doe"]),
        ("By JANE DOE and JOHN ROE | The Associated Press", ["Jane Doe", "John Roe"]),
        ("By Ana María de la Cruz", ["Ana María de la Cruz"]),
        ("By Jane Doe, Cairo correspondent", ["Jane Doe"]),
        ("Reporting by Tom Lee in Seoul; additional reporting by Omar Haddad; Editing by Ann Park", ["Tom Lee", "Omar Haddad"]),
        ("Contributing: John Roe and Ann Park", ["John Roe", "Ann Park"]),
        ("The Associated Press contributed to this report.", []),
    ],
)
def test_byline_authors_are_names_without_outlets_roles_or_editors(byline: str, names: list[str]) -> None:
    text = f"Headline of the story\n\n{byline}\n\n{BODY}"
    assert byline_authors(text, find_exclusions(text)) == names


@pytest.mark.parametrize(
    ("line", "prefix"),
    [
        ("ADDIS ABABA, Sept 10 — Ethiopia said the dam's third filling was complete.", "ADDIS ABABA, Sept 10 —"),
        ("CAIRO, Sept. 10 (Reuters) - Egypt said the talks had failed.", "CAIRO, Sept. 10 (Reuters) -"),
        ("LONDON, 10 September (Reuters) - Britain raised rates.", "LONDON, 10 September (Reuters) -"),
        ("FLINT, Mich., Oct. 4 (UPI) — The former president spoke.", "FLINT, Mich., Oct. 4 (UPI) —"),
        ("NEW YORK, Jan. 5, 2024 /PRNewswire/ -- Acme Corp said it.", "NEW YORK, Jan. 5, 2024 /PRNewswire/ --"),
        ("MOSCOW, March 3. /TASS/. The ministry said.", "MOSCOW, March 3. /TASS/."),
        ("KYIV/MOSCOW, Sept 10 (Reuters) - Both sides said.", "KYIV/MOSCOW, Sept 10 (Reuters) -"),
        ("SÃO PAULO, Brazil — Voters queued.", "SÃO PAULO, Brazil —"),
        ("Beijing, Sept. 10 (Xinhua) -- China said.", "Beijing, Sept. 10 (Xinhua) --"),
        ("NEW DELHI: The government said on Monday.", "NEW DELHI:"),
        ("NAIROBI, Kenya (AP) _", "NAIROBI, Kenya (AP) _"),
    ],
)
def test_datelines_of_other_styles(line: str, prefix: str) -> None:
    text = f"Headline\n\n{line}\n\n{BODY}"
    assert [(text[e.start : e.end], e.reason) for e in find_exclusions(text)] == [(prefix, "dateline")]


@pytest.mark.parametrize(
    "line",
    ["BREAKING: Talks collapse in Doha", "UPDATE - talks resume on Monday", "WHO (World Health Organization) said it."],
)
def test_labels_and_acronyms_are_not_datelines(line: str) -> None:
    assert excluded(f"Headline\n\n{line}\n\n{BODY}") == {}


@pytest.mark.parametrize(
    ("line", "prefix"),
    [
        ("WASHINGTON (Reuters) - The Senate passed the bill on Friday.", "WASHINGTON (Reuters) -"),
        ("KYIV, Ukraine (AP) — Air raid sirens sounded across the capital.", "KYIV, Ukraine (AP) —"),
        ("SEOUL, Oct 5 (Reuters) - North Korea fired a missile.", "SEOUL, Oct 5 (Reuters) -"),
        ("(CNN) — The storm made landfall overnight.", "(CNN) —"),
        ("NAIROBI, Kenya — Voters queued before dawn.", "NAIROBI, Kenya —"),
        ("BEIRUT — Talks resumed on Monday.", "BEIRUT —"),
    ],
)
def test_dateline_prefix_only(line: str, prefix: str) -> None:
    text = f"Headline\n\n{line}\n\n{BODY}"
    spans = find_exclusions(text)
    assert [(text[e.start : e.end], e.reason) for e in spans] == [(prefix, "dateline")]


@pytest.mark.parametrize(
    "line",
    ["Nov. 2, 2022", "November 2, 2022", "2 November 2022", "2022-11-02", "Wednesday, Nov. 2, 2022",
     "Published Nov. 2, 2022 at 10:15 a.m. EDT", "Updated: 11/02/2022 14:05 GMT", "Sept. 30, 2023, 6:00 AM"],
)
def test_standalone_date_lines(line: str) -> None:
    assert is_date_line(line)
    text = f"Headline\n\n{BODY}\n\n{BODY}\n\n{line}\n\n{BODY} More."
    assert excluded(text)[line] == "standalone_date"


def test_teaser_before_a_standalone_date_is_excluded_with_it() -> None:
    teaser = "Wildfires force evacuations across the north as temperatures soar."
    text = f"Headline\n\n{BODY}\n\n{teaser}\n\nAug. 3, 2023\n\nThe governor said crews would work through the night."
    found = excluded(text)
    assert found == {teaser: "teaser", "Aug. 3, 2023": "standalone_date"}


def test_headline_like_teaser_after_a_date_when_nothing_precedes() -> None:
    teaser = "Ceasefire talks stall over prisoner swap"
    text = f"Headline\n\n{BODY}\n\n- point one\n\nMarch 3, 2024\n\n{teaser}\n\nThe mediator said talks would resume."
    found = excluded(text)
    assert found[teaser] == "teaser" and "The mediator said talks would resume." not in found


def test_date_under_the_headline_is_metadata_not_a_teaser() -> None:
    text = f"Dam bursts after heavy rain\n\nJuly 14, 2023\n\n{BODY}"
    assert excluded(text) == {"July 14, 2023": "standalone_date"}


# --- negative cases: body text that only looks like furniture ------------------------------------

NOT_EXCLUDED = [
    "The photo by the agency's photographer showed smoke rising over the port, officials said.",
    "Photos of the damage were shared widely on social media on Tuesday, and the ministry said it would investigate.",
    "Officials said the vote, first held on Nov. 2, 2022, would be repeated in the spring.",
    "The minister said the report would not be published before the election.",
    "By Tuesday, the troops had withdrawn from the city.",
    "By the end of the week, more than 10,000 people had fled.",
    "NATO said the drills were routine and posed no threat to anyone in the region.",
    "“We will share this article of the treaty with parliament,” the minister said.",
    "Getty Images, the photo agency, said on Monday that it had laid off 200 staff as revenue fell.",
    "Comments made by the general on Monday drew sharp criticism from opposition lawmakers.",
    "Read the statement carefully, the judge told the jurors before they retired to deliberate.",
    "- Russia's defense chief traveled to the region to try and secure more ammunition.",
    "Reuters reported that the ship left the port on Monday.",
    "Gov. Rick Snyder (R) said he would not resign.",
    "WHO officials said the outbreak was under control.",
    "Copyright infringement claims rose sharply last year, lawyers said.",
    "The report was published on Monday by the UN agency.",
    "Subscribers to the service were told on Monday that prices would rise.",
    "Topics covered in the report include water and power, officials said.",
    "Tags: that is what the rangers attach to the birds before they are released, the scientist said. Then they wait.",
    "Written by hand, the note was left at the embassy gate on Monday morning, police said.",
    "The Associated Press contributed to the cost of the survey, the university said in a statement.",
]


@pytest.mark.parametrize("line", NOT_EXCLUDED)
def test_body_sentences_are_not_excluded(line: str) -> None:
    assert excluded(f"Headline of the story\n\n{BODY}\n\n{line}\n\n{BODY}") == {}


def test_quoted_sentence_next_to_a_date_is_not_a_teaser() -> None:
    quote = "“We will rebuild,” the mayor said."
    text = f"Headline\n\n{BODY}\n\n{quote}\n\nJan. 5, 2024\n\n{BODY}"
    assert excluded(text) == {"Jan. 5, 2024": "standalone_date"}


def test_bullet_summary_is_kept() -> None:
    text = "- The port was closed on Monday.\n- Talks resume next week.\n" + BODY
    assert excluded(text) == {}


# --- span and mask properties -------------------------------------------------------------------


def test_spans_are_sorted_disjoint_with_known_reasons() -> None:
    text = (
        "Headline here\n\nBy Jane Doe\n\nCAIRO (AP) — " + BODY + "\n(AP Photo/Amr Nabil)\n\n"
        "Short teaser here\n\nJan. 1, 2024\n\nLeave a Comment\r\nScroll to Top"
    )
    spans = find_exclusions(text)
    assert spans
    for a, b in zip(spans, spans[1:], strict=False):
        assert a.end <= b.start
    for e in spans:
        assert e.reason in EXCLUSION_REASONS
        assert text[e.start : e.end] == text[e.start : e.end].strip()


def test_masked_text_keeps_length_and_newlines() -> None:
    text = "Title line\n\nLeave a Comment\r\nBody stays here.\n"
    art = Article(id="x", source="s", text=text, excluded=find_exclusions(text))
    masked = masked_text(art)
    assert len(masked) == len(text)
    assert [i for i, c in enumerate(masked) if c in "\r\n"] == [i for i, c in enumerate(text) if c in "\r\n"]
    assert "Leave a Comment" not in masked and "Body stays here." in masked
    assert masked.index("Body stays here.") == text.index("Body stays here.")


def test_standfirst_above_the_article_date_is_not_a_teaser() -> None:
    dek = "Engineers warned for years that the ageing dam could not withstand a major flood."
    text = f"Dam bursts after heavy rain\n\n{dek}\n\nJuly 14, 2023\n\n{BODY}"
    assert excluded(text) == {"July 14, 2023": "standalone_date"}


def test_caption_tail_needs_a_credit_shape() -> None:
    line = "He was stopped at the checkpoint and questioned. (WARNING: Video contains graphic images.)"
    assert excluded(f"Headline\n\n{BODY}\n\n{line}\n\n{BODY}") == {}
