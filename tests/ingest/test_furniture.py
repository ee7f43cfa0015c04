"""Reader comments, comment forms, post footers and glued timestamps are excluded; body prose that
merely says "wrote:", "reply" or "comments" is kept."""

from __future__ import annotations

import pytest

from storyline.ingest.clean import find_exclusions
from storyline.records import EXCLUSION_REASONS

BODY = (
    "Government troops retook the northern town on Saturday after three days of fighting, the defence "
    "ministry said, adding that aid convoys would be allowed in once roads had been cleared of mines."
)
BODY2 = "The ministry said the convoys would carry food, water and medicine for about 40,000 people."


def excluded(text: str) -> dict[str, str]:
    return {text[e.start : e.end]: e.reason for e in find_exclusions(text)}


def kept(text: str) -> str:
    """The text with excluded spans removed (what analysis sees)."""
    out, pos = [], 0
    for e in find_exclusions(text):
        out.append(text[pos : e.start])
        pos = e.end
    return "".join(out + [text[pos:]])


def test_comment_reason_is_known() -> None:
    assert "comment" in EXCLUSION_REASONS


# --- comment sections -----------------------------------------------------------------------------


def test_trailing_signatures_exclude_the_thread_from_the_post_footer() -> None:
    text = "\n".join(
        [
            BODY,
            BODY2,
            BODY,
            BODY2,
            "By Jane Doe | September 16, 2008; 6:32 AM ET Great post, the banks had it coming.",
            "Nobody saw this coming, least of all the regulators.",
            "Posted by: jm | September 16, 2008 3:09 PM | Report abuse I disagree with everything here.",
            "The market will sort it out.",
            "Posted by: Anna K | September 16, 2008 5:54 PM | Report abuse",
            "The comments to this entry are closed.",
        ]
    )
    found = excluded(text)
    assert found["By Jane Doe | September 16, 2008; 6:32 AM ET"] == "byline"
    assert kept(text).split() == (BODY + " " + BODY2 + " " + BODY + " " + BODY2).split()
    assert "comment" in found.values()


def test_leading_signatures_exclude_comments_after_them() -> None:
    text = "\n".join(
        [
            BODY,
            BODY2,
            "At 11:45 pm on 13 Jan 2010, SheffTim wrote: The aid should have gone in by sea.",
            "Everyone could see the port was open.",
            "At 02:56 am on 14 Jan 2010, jessica_22 wrote: My thoughts are with the families.",
            "Subscribe to this blog You can stay up to date via these feeds.",
        ]
    )
    assert kept(text).split() == (BODY + " " + BODY2).split()


def test_reply_widget_with_timestamp_is_a_comment_signature() -> None:
    text = "\n".join(
        [
            BODY,
            BODY2,
            "What a disgrace this whole affair has been.",
            "Hank February 11, 2011 at 12:49 pm | Reply",
            "Totally agree with the last poster.",
            "Mona February 11, 2011 at 1:02 pm | Reply",
        ]
    )
    out = kept(text)
    assert BODY in out and BODY2 in out
    assert "Reply" not in out and "Hank" not in out and "agree with the last poster" not in out


def test_signature_glued_inside_a_line_cuts_the_line() -> None:
    text = f"{BODY}\n{BODY2}\nI lost my savings... Posted by: Dano | October 13, 2008 10:19 PM | Report abuse"
    found = excluded(text)
    assert found["I lost my savings... Posted by: Dano | October 13, 2008 10:19 PM | Report abuse"] == "comment"


def test_moderator_removal_notices_are_comments() -> None:
    text = "\n".join(
        [
            BODY,
            "8th November 2011 - 17:42 This comment was removed because the moderators found it broke the house rules.",
            "9th November 2011 - 8:26 This seems to me like someone else's fault again.",
            "All posts are reactively-moderated and must obey the house rules.",
        ]
    )
    assert kept(text).strip() == BODY


def test_last_comment_stops_at_a_far_body_and_first_comment_at_its_line() -> None:
    """With no boundary near, only the signature's own line is taken: body text far away stays."""
    far = "\n".join(f"{BODY2[:-1]} in district {k}." for k in range(80))
    text = f"{far}\nI agree. Posted by: jm | September 16, 2008 3:09 PM | Report abuse\n{far}"
    out = kept(text)
    assert out.count("in district") == 160 and "I agree." not in out


# --- comment forms and policies ---------------------------------------------------------------------

CUES = [
    "(required, but will not be displayed)",
    "CNN welcomes a lively and courteous discussion as long as you follow the Rules of Conduct set forth in our Terms of Service.",
    "Comments are not pre-screened before they post.",
    "Your comments may be published on any BBC media worldwide.",
    "The Example Times may edit your comments and not all emails will be published.",
    "A selection of your comments may be published, displaying your name and location unless you state otherwise.",
    "Please email us to report offensive comments.",
    "Example.com is not responsible for any content posted by third parties.",
    "No further comments will be published as debate is now closed",
    "Add your comments on this story, using the form below.",
    "Below is a selection of your comments.",
]


@pytest.mark.parametrize("line", CUES)
def test_comment_form_and_policy_lines(line: str) -> None:
    assert excluded(f"{BODY}\n\n{line}\n\n{BODY2}") == {line: "comment"}


# --- body prose that mentions comments is kept ------------------------------------------------------

BODY_LINES = [
    'In a letter to the board, the chairman wrote: "We failed our depositors and we must answer for it."',
    'Smith wrote: "The bank is insolvent."',
    "The minister did not reply to a request for comment on Tuesday.",
    "He posted a reply on his website at 3:15 pm on Monday, denying the report.",
    "The company declined to comment, and a spokesman said comments are moderated by a third party.",
    "Readers posted thousands of comments on the newspaper's website after the story ran.",
    "The judge said the comments were removed from the record on January 5, 2010 at 2:30 pm.",
    "Posted by the ministry on its website, the statement said aid would arrive on Friday.",
    "On 13 Jan 2010 at 11:45 pm, the agency said: the death toll had passed 50,000.",
    "On Jan 5, 2010 at 3:00 pm, the judge wrote: the defendant had shown no remorse.",
]


@pytest.mark.parametrize("line", BODY_LINES)
def test_body_sentences_about_comments_are_kept(line: str) -> None:
    assert excluded(f"{BODY}\n{line}\n{BODY2}") == {}


def test_article_with_quoted_letters_is_not_a_comment_section() -> None:
    text = "\n".join([BODY, 'The governor wrote: "We need help now."', 'The mayor wrote: "Send water."', BODY2])
    assert excluded(text) == {}


# --- post footers, lists of posts, glued timestamps --------------------------------------------------


@pytest.mark.parametrize(
    ("line", "stamp", "reason"),
    [
        ("Tuesday, September 30, 2008; 10:10 AM Most Americans see the crisis as severe.", "Tuesday, September 30, 2008; 10:10 AM", "standalone_date"),
        ("Last updated: 14 January, 2010 - 17:26 GMT Haiti quake: expats fear for relatives", "Last updated: 14 January, 2010 - 17:26 GMT", "standalone_date"),
        ("Gavin Hewitt | 10:35 UK time, Monday, 18 January 2010 The aid effort is stalling.", "Gavin Hewitt | 10:35 UK time, Monday, 18 January 2010", "byline"),
    ],
)
def test_timestamps_glued_to_a_line(line: str, stamp: str, reason: str) -> None:
    found = excluded(f"{line}\n{BODY}")
    assert found == {stamp: reason}


def test_a_date_without_a_time_opening_a_sentence_is_kept() -> None:
    line = "13 October 2011 Jackson fans lined up against the courtroom wall from 7:30 am."
    assert excluded(f"{BODY}\n{line}") == {}


def test_line_listing_other_posts_with_their_times_is_a_teaser() -> None:
    line = "Posted by Ann Lee, on March 9, 2009 7:13 AM Posted by Bo Park, on March 5, 2009 8:01 AM"
    assert excluded(f"{BODY}\n{line}\n{BODY2}") == {line: "teaser"}


def test_post_header_at_the_top_is_no_boundary_for_the_first_comment() -> None:
    """"Name | <time, date>" over the post is its header: a comment below never reaches back to it."""
    text = "\n".join(
        ["Gavin Hewitt | 10:35 UK time, Monday, 18 January 2010 " + BODY, BODY2, BODY2, BODY2,
         "Well said. Posted by: jm | January 18, 2010 3:09 PM | Report abuse"]
    )
    out = kept(text)
    assert BODY in out and out.count(BODY2) == 3 and "Well said" not in out


def test_thread_header_opens_a_section_of_unsigned_comments_up_to_the_policy_lines() -> None:
    comments = "\n".join(f"I remember hearing this song for the first time in {1990 + k}." for k in range(70))
    text = "\n".join(
        [BODY, BODY2, BODY, "Below is a selection of your comments.", comments,
         "The Example News may edit your comments and not all emails will be published."]
    )
    assert kept(text).split() == (BODY + " " + BODY2 + " " + BODY).split()


def test_thread_header_on_the_first_lines_opens_nothing() -> None:
    text = "\n".join(["Add your comments on this story, using the form below.", BODY, BODY2])
    out = kept(text)
    assert BODY in out and BODY2 in out


def test_headline_and_page_stamp_glued_to_the_first_sentence() -> None:
    line = "Singer was murdered for money, says sister Page last updated at 08:58 GMT, Thursday, 24 June 2010 " + BODY
    found = excluded(line)
    assert found == {
        "Singer was murdered for money, says sister": "headline",
        "Page last updated at 08:58 GMT, Thursday, 24 June 2010": "standalone_date",
    }


def test_headline_glued_before_a_dateline() -> None:
    line = "Paris Advocates Change After Crisis TOULON, France, Sept. 25 -- " + BODY
    assert excluded(line) == {"Paris Advocates Change After Crisis": "headline", "TOULON, France, Sept. 25 --": "dateline"}


def test_sentence_about_an_update_is_not_a_page_stamp() -> None:
    line = "The casualty list was last updated on 5 May 2010 at 10:00 by the ministry, officials said."
    assert excluded(f"{line}\n{BODY}") == {}


def test_server_include_error_inside_a_line_is_boilerplate() -> None:
    err = "(an error occurred while processing this directive)"
    assert excluded(f"{BODY} {err} {BODY2}") == {err: "boilerplate"}


def test_menu_row_glued_before_a_dateline_is_boilerplate() -> None:
    line = '"This Story: Read + | Watch + | Talk + | LONDON, Jan. 26 -- ' + BODY
    assert excluded(line) == {'"This Story: Read + | Watch + | Talk + |': "boilerplate", "LONDON, Jan. 26 --": "dateline"}


def test_whole_comment_form_on_one_line() -> None:
    form = (
        "Name (required) Email (required, but will not be displayed) Example News welcomes a lively and courteous "
        "discussion as long as you follow the Rules of Conduct set forth in our Terms of Service. Comments are not "
        "pre-screened before they post. You agree that anything you post may be used, along with your name and "
        "profile picture, in accordance with our Privacy Policy and the license you have granted pursuant to our "
        "Terms of Service."
    )
    assert len(form) > 300
    assert excluded(f"{BODY}\n{form}\n{BODY2}") == {form: "comment"}
