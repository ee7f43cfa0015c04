"""Quotations: finding them in the text, and the claims they make (dialogue tags, split quotes,
quotation paragraphs that continue a speaker)."""

import pytest

from storyline.extract.claims import find_quotes
from storyline.extract.claims.quotes import with_marks


@pytest.mark.parametrize(
    "text,inner",
    [
        ("He said “we will win” today.", ["we will win"]),
        ('He said "we will win" today.', ["we will win"]),
        ("“First part.\n\n“Second part,” she said.", ["First part.\n\n“Second part,"]),
        ("He said “never closed.\nNext paragraph.", ["never closed."]),
        ("Stray ” close and “open", ["open"]),
    ],
)
def test_find_quotes_handles_marks_paragraphs_and_unbalanced(text, inner):
    assert [text[s:e] for s, e in find_quotes(text)] == inner


def test_direct_quote_with_pronoun_continuation(claims_of):
    text = (
        "Foreign Minister Ana Silva spoke on Monday. “We will not accept these terms under any "
        "circumstances,” Silva said. “The negotiations are over for now,” she added."
    )
    cs = [c for c in claims_of(text) if c.kind == "direct"]
    assert len(cs) == 2
    assert {c.speaker for c in cs} == {"person:ana silva"}
    ev = cs[0].evidence[0]
    assert text[ev.cue_span[0] : ev.cue_span[1]] == "said"
    assert "negotiations are over" in cs[1].content


def test_split_quote_is_one_claim(claims_of):
    text = "“The dam is safe,” engineer Tom Reyes said, “and the town does not need to evacuate tonight.”"
    cs = claims_of(text)
    assert len(cs) == 1
    assert "dam is safe" in cs[0].content and "evacuate tonight" in cs[0].content
    assert cs[0].speaker == "person:tom reyes"


@pytest.mark.parametrize(
    "text,words,speaker",
    [
        ("Mayor Tom Reed said the city would rebuild the bridge within a year.\n"
         "“We have the money and the engineers, and work starts next week.”",
         "engineers", "person:tom reed"),
        # the previous paragraph has no attribution: no speaker is invented
        ("The bridge collapsed on Monday after days of heavy rain in the valley.\n"
         "“We have the money and the engineers, and work starts next week.”",
         "engineers", None),
    ],
)  # fmt: skip
def test_unattributed_quote_paragraph_continues_previous_speaker(claims_of, text, words, speaker):
    hits = [c for c in claims_of(text) if words in c.content]
    if speaker is None:
        assert all(c.speaker is None for c in hits)
    else:
        assert hits and hits[0].speaker == speaker and hits[0].kind == "direct"
        ev = hits[0].evidence[0]
        assert text[ev.content_span[0] : ev.content_span[1]].strip("“”").startswith("We have")


@pytest.mark.parametrize(
    "text", ["“", "”", '"""', "He said “", "said", "", "“Quote only with no cue at all.”"]
)
def test_never_crashes_on_odd_input(claims_of, text):
    claims_of(text)


@pytest.mark.parametrize(
    "text,inner",
    [
        ("``We won,'' he said.", ["We won,"]),  # typewriter marks
        ("«Nous gagnons», a-t-il dit.", ["Nous gagnons"]),  # guillemets
        ('A "straight" and "another" one.', ["straight", "another"]),  # straight marks toggle
        ("He said ‘no’ and “yes”.", ["yes"]),  # single quotes are apostrophes too: not quote marks
        ("“Open and “reopen” end", ["reopen"]),  # an opener re-opens: the unclosed quote is dropped
    ],
)
def test_find_quotes_mark_styles(text, inner):
    assert [text[s:e] for s, e in find_quotes(text)] == inner


def test_find_quotes_nested_straight_inside_curly_stays_inside_the_outer_quote():
    text = 'He said “she told me "no" twice” then left.'
    outer_s, outer_e = text.index("“") + 1, text.index("”")
    spans = find_quotes(text)
    # The inner straight mark ends the outer span (the quote comes back in pieces), but nothing
    # outside the curly quotation is ever quoted.
    assert spans and all(outer_s <= s < e <= outer_e for s, e in spans)
    assert "then left" not in " ".join(text[s:e] for s, e in spans)


def test_with_marks_covers_one_or_two_mark_characters():
    text = "He said “yes” and ``no'' today."
    (s1, e1), (s2, e2) = find_quotes(text)
    assert text[slice(*with_marks(text, s1, e1))] == "“yes”"
    assert text[slice(*with_marks(text, s2, e2))] == "``no''"


def test_quotation_signed_with_a_dash_is_its_signers(claims_of):
    text = (
        "Readers wrote to us about the new bridge.\n\n"
        "“The bridge has cut my commute in half and I finally see my kids at dinner.” ― Maria Okafor\n\n"
        "“It is ugly, it is loud, and nobody asked the people who live under it.” — Dev Patel, 41, teacher"
    )
    cs = [c for c in claims_of(text) if c.cue in ("―", "—")]
    assert [c.speaker_text for c in cs] == ["Maria Okafor", "Dev Patel"]
    assert [c.speaker for c in cs] == ["person:maria okafor", "person:dev patel"]
    assert [c.kind for c in cs] == ["direct", "direct"]
    assert cs[0].content.startswith("The bridge has cut my commute")
