import pytest

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


@pytest.mark.parametrize(
    "text, first",
    [
        ("Trade talks inch closer\n\nNegotiators met on Monday in Geneva.", "Trade talks inch closer"),
        ("- Floods displace thousands\nRescue teams reached the valley.", "- Floods displace thousands"),
    ],
)
def test_a_line_break_ends_a_sentence(text, first):
    sents = [s.text.strip() for s in nlp.load()(text).sents]
    assert sents[0] == first
    assert len(sents) == 2


def test_sentences_inside_a_paragraph_are_still_split():
    doc = nlp.load()("The minister resigned on Friday. Protests continued in the capital.")
    assert len(list(doc.sents)) == 2
