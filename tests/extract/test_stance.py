"""Stance of claims (assert, deny, hedge) and speech acts that make no claim (refusals, acts not
yet made)."""

import pytest

from storyline.extract.claims.stance import is_refusal, stance, unrealised


@pytest.mark.parametrize(
    "text,speaker,stance",
    [
        ("Iranian officials have denied providing drones to the rebels.", "gpe:IRN", "deny"),
        ("Pyongyang denies accusations that it sells weapons abroad.", "gpe:PRK", "deny"),
        ("The ministry rejected claims that the vote was rigged.", None, "deny"),
        ("The company said it would not raise prices this year.", None, "deny"),
        ("The Kremlin believes the sanctions will fail.", "gpe:RUS", "hedge"),
        ("Analysts said the storm may reach the coast by Friday.", None, "hedge"),
        ("Brazil said that exports rose sharply in May.", "gpe:BRA", "assert"),
    ],
)
def test_stance_and_speaker(claims_of, text, speaker, stance):
    cs = claims_of(text)
    assert len(cs) == 1
    assert cs[0].stance == stance
    if speaker:
        assert cs[0].speaker == speaker


def test_declined_to_comment_is_not_a_claim(claims_of):
    assert claims_of("The spokesman declined to comment on the report.") == []
    assert claims_of("She declined to say whether the talks would resume.") == []


@pytest.mark.parametrize(
    "text,stance",
    [
        ("“We don’t believe the shipments will change the war,” the minister said.", "hedge"),
        ("The minister said they did not send troops across the border.", "deny"),
        ("The minister said the army will not withdraw from the city.", "assert"),
    ],
)
def test_negated_content_stance(claims_of, text, stance):
    cs = claims_of(text)
    assert len(cs) == 1 and cs[0].stance == stance


@pytest.mark.parametrize(
    "text,absent_cue",
    [
        # A speech act planned or asked for is not (yet) a claim; the plan itself may be.
        ("The minister plans to announce the budget on Friday.", "announce"),
        ("The reporter asked her to describe the attack.", "describe"),
        ("The union did not want to strike.", "want"),
        ("He spoke on condition of anonymity.", "spoke"),
    ],
)
def test_unrealised_speech_is_not_a_claim(claims_of, text, absent_cue):
    assert not any(absent_cue in c.cue for c in claims_of(text))


def _tok(doc, word):
    return next(t for t in doc if t.text == word)


@pytest.mark.parametrize(
    "text,cue,expected",
    [
        ("Iran denied the report.", "denied", "deny"),
        ("The Kremlin believes that the sanctions will fail.", "believes", "hedge"),
        ("Brazil said that exports rose.", "said", "assert"),
    ],
)
def test_stance_of_the_cue_alone(pipe, text, cue, expected):
    assert stance(_tok(pipe(text), cue), None, None) == expected


def test_stance_without_a_cue_asserts():
    assert stance(None, None, None) == "assert"


def test_refusal_and_unrealised_cues(pipe):
    doc = pipe("She declined to say whether the minister plans to announce the budget.")
    assert is_refusal(_tok(doc, "say"))
    assert unrealised(_tok(doc, "announce"))
    assert not unrealised(_tok(doc, "plans"))
