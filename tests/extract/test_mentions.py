"""The shipped TimeML event-mention model: pinned by hash, loads, tags; tense/aspect/polarity from the parse."""

import pytest

from storyline.extract import mentions as M


def test_shipped_model_matches_its_sidecar():
    meta = M.sidecar()
    assert meta["sha256"] == M.model_sha256()
    assert meta["feature_version"] == M.FEATURE_VERSION
    assert M.MODEL_PATH.stat().st_size < 8_000_000
    assert len(meta["dev_files"]) == 52  # every 5th of 256 files, never trained on


def test_model_tags_a_sentence(pipe):
    doc = pipe("General Motors filed for bankruptcy on Monday, the company said, after talks with the union failed.")
    found = {m.text: m for m in M.detect(doc)}
    assert {"filed", "said", "talks", "failed"} <= set(found)
    assert found["said"].cls == "REPORTING"
    assert found["filed"].cls == "OCCURRENCE"
    assert found["filed"].tense == "PAST"
    assert all(0.0 < m.confidence <= 1.0 for m in found.values())
    for m in found.values():
        assert doc.text[m.start:m.end] == m.text


@pytest.mark.parametrize(
    "text, word, tense, aspect",
    [
        ("The plant has closed.", "closed", "PRESENT", "PERFECTIVE"),
        ("The plant had been closing for years.", "closing", "PAST", "PERFECTIVE_PROGRESSIVE"),
        ("The company will cut 500 jobs.", "cut", "FUTURE", "NONE"),
        ("They are selling the unit.", "selling", "PRESENT", "PROGRESSIVE"),
        ("They want to sell the unit.", "sell", "INFINITIVE", "NONE"),
        ("The unit was sold in May.", "sold", "PAST", "NONE"),
        ("The attack killed two.", "attack", "NONE", "NONE"),
    ],
)
def test_tense_and_aspect_from_the_auxiliaries(pipe, text, word, tense, aspect):
    doc = pipe(text)
    tok = next(t for t in doc if t.text == word)
    assert M.tense_aspect(tok) == (tense, aspect)


def test_polarity_and_modal_word(pipe):
    doc = pipe("The union did not agree and the board would never approve it. No agreement was reached.")
    by = {t.text: t for t in doc}
    assert M.polarity(by["agree"]) == "NEG"
    assert M.polarity(by["approve"]) == "NEG"
    assert M.modal_word(by["approve"]) == "would"
    assert M.polarity(by["agreement"]) == "NEG"
    assert M.polarity(by["reached"]) == "POS"
    assert M.modal_word(by["reached"]) is None


def test_predicative_state_takes_the_copula_tense(pipe):
    doc = pipe("The economy was not invincible.")
    tok = next(t for t in doc if t.text == "invincible")
    assert M.tense_aspect(tok) == ("PAST", "NONE")
    assert M.polarity(tok) == "NEG"
