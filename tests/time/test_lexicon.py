"""The time vocabularies come from `storyline.lexicon` data files, merged with the shared verb lists."""

from __future__ import annotations

import datetime as dt

from storyline import lexicon
from storyline.time import lexicon as tl
from storyline.time import tag, tense


def test_tables_keep_their_types() -> None:
    assert tl.MONTHS["sept"] == 9 and tl.WEEKDAYS["thurs"] == 4
    assert tl.NUMBERS["a dozen"] == 12 and tl.NUMBERS["half a"] == 0.5
    assert tl.FIXED_HOLIDAYS["christmas"] == (12, 25)
    assert tl.UNITS["fortnight"] == "W2" and tl.DECADE_WORDS["sixties"] == 6
    assert tl.VAGUE_QUANTITIES.index("a few") < tl.VAGUE_QUANTITIES.index("few")  # longest first


def test_future_auxiliaries_are_the_shared_lists() -> None:
    assert tense.FUTURE_AUX == {"will", "shall", "'ll", "wo", "would", "'d"}
    assert tense.FUTURE_AUX == lexicon.words("future_auxiliaries") | lexicon.words(
        "future_in_past_auxiliaries"
    )


def test_plan_lemmas_unchanged_by_the_merge() -> None:
    old = {"plan", "schedule", "slate", "expect", "invite", "postpone", "delay", "reschedule"}
    assert tense.PLAN_LEMMAS == old
    assert lexicon.words("schedule_verbs") <= lexicon.words("plan_verbs")


def test_future_cues_cover_the_old_list_and_the_intent_verbs() -> None:
    old = {"expect", "schedule", "plan", "set", "due", "slate", "intend", "aim", "hope", "prepare", "vow",
           "pledge", "promise", "threaten", "want", "seek", "propose", "will", "shall", "going"}  # fmt: skip
    assert old <= tl.FUTURE_CUE_LEMMAS
    assert lexicon.words("intent_verbs") <= tl.FUTURE_CUE_LEMMAS


def test_invited_to_mark_a_date_looks_forward() -> None:
    # TempEval-3 APW19990216.0198: "invite" is a schedule verb, so its to-infinitive lies ahead.
    text = "Albright invited the ministers to a ceremony in Independence, Mo., on March 12 to mark the accession."
    assert {t.text: t.value for t in tag(text, dt.date(1999, 2, 16))}["March 12"] == "1999-03-12"


def test_hopes_to_is_a_future_cue_despite_the_model_lemma() -> None:
    # The small model lemmatises "hopes" as "hop"; syntax.lemma corrects it.
    got = {t.text: t.value for t in tag("He hopes to meet them on Friday.", dt.date(2023, 8, 2))}
    assert got["Friday"] == "2023-08-04"
