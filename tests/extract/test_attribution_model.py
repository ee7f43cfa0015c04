"""The shipped attribution CRF: pinned by hash, trained on PolNeAR train, adds what the rules miss."""

from dataclasses import asdict

import pytest

from storyline.extract.claims import model as M
from storyline.syntax import bio_runs


def test_shipped_model_matches_its_sidecar():
    meta = M.sidecar()
    assert meta["sha256"] == M.model_sha256()
    assert meta["feature_version"] == M.FEATURE_VERSION
    assert M.MODEL_PATH.stat().st_size < 12_000_000
    assert meta["train_articles"] == 840  # PolNeAR train only; dev is never read by the trainer
    shipped = {k: v for k, v in asdict(M.SETTINGS).items() if k != "path"}
    assert meta["settings"] == shipped  # the thresholds chosen on held-out train ship with the model


def test_runs_from_bio_labels():
    labels = ["B-SRC", "I-SRC", "B-CUE", "B-CON", "I-CON", "O", "I-CON", "B-CON"]
    assert bio_runs(labels) == [(0, 1, "SRC"), (2, 2, "CUE"), (3, 4, "CON"), (6, 6, "CON"), (7, 7, "CON")]


def test_content_and_source_go_to_the_nearest_cue():
    # "A said B ; C thinks D": two cues, each with its own source and content.
    labels = ["B-SRC", "B-CUE", "B-CON", "I-CON", "O", "B-SRC", "B-CUE", "B-CON"]
    marg = [0.9, 0.8, 0.9, 0.9, 1.0, 0.9, 0.6, 0.9]
    preds = M.attributions(labels, marg)
    assert [(p.cue, p.source, p.content) for p in preds] == [
        ((1, 1), (0, 0), [(2, 3)]),
        ((6, 6), (5, 5), [(7, 7)]),
    ]
    assert preds[1].confidence == pytest.approx(0.6)
    assert M.attributions(["B-CON", "I-CON", "O"], [0.9, 0.9, 1.0]) == []  # content without a cue


def test_model_labels_a_reported_statement(pipe):
    doc = pipe("The finance minister said on Monday that taxes would rise next year.")
    sent = next(iter(doc.sents))
    labels, marg = M.tag_sentence(sent, M.doc_features(doc, []), M.MODEL_PATH)
    by = {t.text: (lab, m) for t, lab, m in zip(sent, labels, marg, strict=True)}
    assert by["said"][0].endswith("CUE") and 0.5 < by["said"][1] <= 1.0
    assert by["minister"][0].endswith("SRC")
    assert by["taxes"][0].endswith("CON") and by["rise"][0].endswith("CON")


def test_features_read_quotes_and_the_cue_above(pipe):
    doc = pipe('She said that "the plan works" today.')
    items = M.doc_features(doc, [(13, 29)])
    by = {t.text: f for t, f in zip(doc, items, strict=True)}
    assert by["plan"].get("quoted") == 1.0 and "quoted" not in by["She"]
    assert by["works"]["anc_lem"] == "say" and by["works"]["anc"] == "ccomp"
    assert by["said"]["cue_lex"] == 1.0 and by["She"]["1:lem"] == "say"
    assert by["She"]["-1:low"] == "<S>"


def test_model_does_not_duplicate_a_rule_claim(claims_of):
    claims = claims_of("The finance minister said that taxes would rise next year.")
    assert len(claims) == 1
    assert claims[0].cue == "said"


def test_model_adds_an_attribution_the_rules_miss(claims_of):
    text = "Several senators remain skeptical that the new sanctions will change the regime's behaviour."
    old = M.SETTINGS.path
    try:
        M.SETTINGS.path = None
        assert claims_of(text) == []
    finally:
        M.SETTINGS.path = old
    claims = claims_of(text)
    assert len(claims) == 1
    c = claims[0]
    assert "sanctions will change" in c.content
    assert c.speaker_text.endswith("senators")
    ev = c.evidence[0]
    assert ev.cue_span is not None and text[ev.cue_span[0] : ev.cue_span[1]] in ("skeptical", "remain skeptical")


@pytest.mark.parametrize(
    "text",
    [
        "The ministry sanctioned three companies for breaking the embargo last year.",  # an act, no statement
        "The agency would not specify the route of the convoy or its cargo.",  # a negated act
        "The claim that the harbour was closed turned out to be false.",  # a cue noun without a source
        "Residents called the hotline after the storm.",  # a lexicon cue its rule turns down
    ],
)
def test_the_model_adds_no_claim_the_rules_turn_down(claims_of, text):
    assert claims_of(text) == []
