"""Parse helpers shared by the extractors (`storyline.syntax`)."""

from storyline import nlp
from storyline.syntax import doc_text


def test_doc_text_is_the_doc_text_joined_once():
    doc = nlp.load()("Officials said on Tuesday that the bridge\nwould reopen.")
    assert doc_text(doc) == doc.text
    assert doc_text(doc) is doc_text(doc)  # the cached string, not a new join of every token
