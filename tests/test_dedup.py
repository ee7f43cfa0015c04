import pytest

from storyline import dedup

WIRE = (
    "Flooding across the northern provinces has forced more than 40,000 people from their homes, "
    "officials said on Tuesday, as rivers burst their banks after a week of heavy rain. The national "
    "disaster agency said at least 12 people had died and dozens were missing. Rescue teams used boats "
    "to reach villages cut off by the water, and the army was deployed to help with evacuations. "
    "Forecasters warned that more rain was expected over the weekend."
)
REWRITE = WIRE.replace("officials said on Tuesday", "authorities said Tuesday").replace(
    "Forecasters warned", "Meteorologists cautioned"
) + " Local Outlet contributed to this report."
SAME_STORY = (
    "The prime minister visited flood-hit villages in the north on Wednesday and promised compensation "
    "for families who lost their homes. Opposition leaders criticised the government's slow response, "
    "saying warnings had been ignored for days. The disaster agency raised the death toll to 15."
)


def _group(texts: dict[str, str], dates: dict[str, str]):
    order = {k: (dates[k], i) for i, k in enumerate(texts)}
    return dedup.group(((k, dedup.signature(t)) for k, t in texts.items()), order)


def test_copies_and_light_rewrites_point_to_earliest():
    res = _group(
        {"b": REWRITE, "a": WIRE, "c": WIRE},
        {"a": "2024-05-01", "b": "2024-05-02", "c": "2024-05-03"},
    )
    assert res == {"a": None, "b": "a", "c": "a"}


def test_unrelated_articles_on_the_same_story_are_not_merged():
    res = _group({"a": WIRE, "s": SAME_STORY}, {"a": "2024-05-01", "s": "2024-05-02"})
    assert res == {"a": None, "s": None}


def test_undated_copy_never_becomes_the_original():
    res = _group({"x": WIRE, "y": WIRE}, {"x": "9999-99-99", "y": "2024-05-02"})
    assert res == {"x": "y", "y": None}


@pytest.mark.parametrize("text", [WIRE, "", "two words"])
def test_signature_roundtrip(text):
    sig = dedup.signature(text)
    assert dedup.from_bytes(dedup.to_bytes(sig)).jaccard(sig) == 1.0
