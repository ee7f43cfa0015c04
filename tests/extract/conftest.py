"""Shared fixtures of the extractor tests: the spaCy pipeline and a text-to-claims runner."""

import pytest

from storyline import nlp
from storyline.extract.claims import extract_claims
from storyline.records import Article
from storyline.resolve.actors import resolve_article


@pytest.fixture(scope="session")
def pipe():
    return nlp.load()


@pytest.fixture(scope="module")
def claims_of(pipe):
    """Claims of a text (actors resolved first), published 2024-03-08 unless told otherwise."""

    def run(text: str, published: str | None = "2024-03-08", timexes=None):
        art = Article(id="a", source="t", text=text, published=published)
        doc = pipe(text)
        mentions, _ = resolve_article(art, doc)
        return extract_claims(art, doc, mentions, timexes or [])

    return run
