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


# --- events: a text-to-events runner over a fixed set of made-up names (appended for the event tests) ---

EVENT_NAMES = {"Ruritanian": "gpe:RUR", "Ruritania": "gpe:RUR", "Freedonia": "gpe:FRE", "Sylvania": "gpe:SYL",
               "Anna Berg": "person:anna berg", "Berg": "person:anna berg", "Osterlich": "gpe:OST"}  # fmt: skip


def name_mentions(text: str, article: str = "a1"):
    """A mention for every occurrence of a made-up name (longest first, no overlaps), as the resolver would."""
    from storyline.records import Mention

    mentions: list[Mention] = []
    for name, key in EVENT_NAMES.items():
        start = 0
        while (i := text.find(name, start)) >= 0:
            if not any(m.start <= i < m.end for m in mentions):
                mentions.append(Mention(article, i, i + len(name), name, key))
            start = i + len(name)
    return mentions


@pytest.fixture(scope="module")
def events_of(pipe):
    """Events of a text about the made-up names, published 2024-05-10 unless told otherwise."""
    from storyline.extract.events import extract_events

    def run(text: str, timexes=None, claims=None, published: str = "2024-05-10", excluded=None, title=None):
        art = Article(id="a1", source="t", text=text, published=published, outlet="Daily", excluded=excluded or [],
                      title=title)  # fmt: skip
        return extract_events(art, pipe(text), name_mentions(text), timexes or [], claims or [])

    return run
