from storyline import nlp


def test_model_weights_match_pinned_hashes():
    # The model ships inside a registry package; a changed or corrupted copy must fail here.
    assert nlp.weight_hashes() == nlp.MODEL_SHA256


def test_pipe_keeps_order_and_offsets():
    texts = ["Kim Jong Un met Vladimir Putin.", "", "Sanctions were imposed on Monday in Brussels."]
    docs = list(nlp.pipe(texts, batch_size=2))
    assert [d.text for d in docs] == texts
    ents = {(e.text, e.label_) for e in docs[2].ents}
    assert ("Monday", "DATE") in ents
    assert docs[2].text[docs[2].ents[0].start_char : docs[2].ents[0].end_char] == docs[2].ents[0].text
