"""Shared by the resolver tests: one real spaCy parse per text, resolved as a one-article story."""

import pytest

from storyline import nlp
from storyline.records import Article
from storyline.resolve.actors import resolve_article


@pytest.fixture(scope="session")
def analyse():
    pipe = nlp.load()

    def run(text: str, aid: str = "a1"):
        art = Article(id=aid, source="t", text=text)
        return resolve_article(art, pipe(text))

    return run
