"""A byline's author is article metadata, never an actor: resolve on the masked text, as a build does."""

from __future__ import annotations

import pytest

from storyline import nlp
from storyline.ingest.clean import byline_authors, find_exclusions, masked_text
from storyline.records import Article
from storyline.resolve.actors import resolve_article

LEAD = (
    "Egypt's Foreign Minister Sameh Shoukry said on Monday that the government would hold talks with "
    "Ethiopia over the dam next week.\n\n"
    "\u201cWe are ready to meet them,\u201d Shoukry told reporters in Cairo."
)


def actors(text: str, authors: list[str] | None = None) -> dict[str, str]:
    """Mention text -> key, after cleaning and masking like the pipeline."""
    art = Article(id="a1", source="t", text=text, authors=authors or [], excluded=find_exclusions(text, authors or []))
    doc = nlp.load()(masked_text(art))
    mentions, _ = resolve_article(art, doc)
    return {text[m.start : m.end]: m.key for m in mentions}


@pytest.mark.parametrize(
    "byline",
    [
        "By Jane Whitfield",
        "By Jane Whitfield, Cairo correspondent",
        "By JANE WHITFIELD | Nov. 2, 2022",
        "Written by Jane Whitfield",
    ],
)
def test_a_byline_author_is_not_an_actor(byline: str) -> None:
    text = f"Egypt and Ethiopia to resume dam talks\n\n{byline}\n\n{LEAD}"
    found = actors(text)
    assert not any("whitfield" in key for key in found.values()), found
    assert "person:sameh shoukry" in found.values()
    ex = find_exclusions(text)
    assert byline_authors(text, ex) == ["Jane Whitfield"]


def test_an_author_known_from_metadata_is_not_an_actor_even_outside_a_byline() -> None:
    # The page's metadata names the author; the text prints the name alone under the headline and in
    # a closing credit the rules do not know.
    text = (
        f"Egypt and Ethiopia to resume dam talks\n\nJane Whitfield\n\n{LEAD}\n\n"
        "Jane Whitfield is the paper's Cairo bureau chief and has covered the dam dispute since 2019."
    )
    found = actors(text, authors=["Jane Whitfield"])
    assert not any("whitfield" in key for key in found.values()), found
    assert "person:sameh shoukry" in found.values()


def test_contributor_lines_are_bylines_and_give_names() -> None:
    text = f"Headline of the story\n\n{LEAD}\n\nOmar Haddad and Lena Holm contributed reporting from Addis Ababa."
    ex = find_exclusions(text)
    assert [text[e.start : e.end] for e in ex if e.reason == "byline"] == [
        "Omar Haddad and Lena Holm contributed reporting from Addis Ababa."
    ]
    assert byline_authors(text, ex) == ["Omar Haddad", "Lena Holm"]
    assert not any(k in actors(text).values() for k in ("person:omar haddad", "person:lena holm"))
