"""The gazetteer: country names, demonyms, aliases, capitals, seats of power and organisations map to
stable keys; ordinary words, lower-case forms and ambiguous capitals stay unmatched."""

import pytest
import spacy

from storyline.resolve.gazetteer import (
    CAPITAL,
    COUNTRY,
    DEMONYM,
    ORG,
    SEAT,
    load_gazetteer,
    norm_surface,
    scan,
)


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


@pytest.mark.parametrize(
    "surface,key",
    [
        ("France", "gpe:FRA"),  # pycountry name
        ("French Republic", "gpe:FRA"),  # pycountry official name
        ("Germany", "gpe:DEU"),
        ("Ivory Coast", "gpe:CIV"),  # countryinfo short name
        ("Côte d'Ivoire", "gpe:CIV"),  # countryinfo alternative name
        ("Côte d’Ivoire", "gpe:CIV"),  # ... with a typographic apostrophe
        ("North Korea", "gpe:PRK"),  # curated aliases
        ("DPRK", "gpe:PRK"),
        ("U.S.", "gpe:USA"),
        ("Britain", "gpe:GBR"),
        ("Republic of China", "gpe:TWN"),  # curated, overriding the generated tables
    ],
)
def test_country_names_and_aliases(gaz, surface, key):
    hit = gaz.get(surface)
    assert hit is not None and hit.key == key
    assert hit.kind == COUNTRY and hit.type == "GPE"


@pytest.mark.parametrize(
    "surface,key",
    [
        ("French", "gpe:FRA"),
        ("Russians", "gpe:RUS"),  # curated plural
        ("Kenyan", "gpe:KEN"),  # countryinfo demonym
        ("Kenyans", "gpe:KEN"),  # ... and its generated plural
        ("Chinese", "gpe:CHN"),
        ("Swiss", "gpe:CHE"),
    ],
)
def test_demonyms_map_to_their_country(gaz, surface, key):
    hit = gaz.get(surface)
    assert hit is not None and (hit.key, hit.kind) == (key, DEMONYM)


def test_no_plural_is_generated_for_demonyms_that_have_none(gaz):
    assert gaz.get("Chinese") is not None
    assert gaz.get("Chineses") is None


@pytest.mark.parametrize(
    "surface,key,kind",
    [
        ("Paris", "gpe:FRA", CAPITAL),
        ("Kyiv", "gpe:UKR", CAPITAL),
        ("Kiev", "gpe:UKR", CAPITAL),
        ("Washington", "gpe:USA", CAPITAL),
        ("Kremlin", "gpe:RUS", SEAT),
        ("the Kremlin", "gpe:RUS", SEAT),  # a leading "the" is optional
        ("White House", "gpe:USA", SEAT),
        ("NATO", "org:nato", ORG),
        ("UN", "org:united nations", ORG),
        ("UN Security Council", "org:united nations security council", ORG),
    ],
)
def test_capitals_seats_and_organisations(gaz, surface, key, kind):
    hit = gaz.get(surface)
    assert hit is not None and (hit.key, hit.kind) == (key, kind)
    assert hit.type == ("ORG" if kind == ORG else "GPE")


@pytest.mark.parametrize(
    "surface",
    [
        "Tuesday",
        "bridge",
        "Korea",  # two countries share it
        "france",  # case carries meaning: a lower-case word is not the name
        "Male",  # capital of the Maldives, listed as ambiguous: also an English word
        "Victoria",  # ambiguous capital
        "Hague",  # the capital is "The Hague"
    ],
)
def test_other_words_stay_unmatched(gaz, surface):
    assert gaz.get(surface) is None


def test_display_names_prefer_the_common_short_form(gaz):
    assert gaz.get("DPRK").name == "North Korea"
    assert gaz.get("U.S.").name == "United States"  # not "US" or "America"
    assert gaz.country_names["GBR"] == "Britain"


def test_norm_surface_unifies_apostrophes_dashes_and_spaces_but_keeps_case():
    assert norm_surface("  Côte  d’Ivoire\n") == "Côte d'Ivoire"
    assert norm_surface("U.S.–led") == "U.S.-led"
    assert norm_surface("France") != norm_surface("france")


def test_scan_finds_longest_matches_left_to_right():
    doc = spacy.blank("en")("The UN Security Council met as North Korean troops left Kyiv.")
    got = [(span.text, hit.key) for span, hit in scan(doc)]
    assert got == [
        ("UN Security Council", "org:united nations security council"),  # not "UN" alone
        ("North Korean", "gpe:PRK"),
        ("Kyiv", "gpe:UKR"),
    ]


def test_scan_never_matches_across_a_line_break():
    assert [s.text for s, _ in scan(spacy.blank("en")("the United Nations"))] == ["United Nations"]
    assert scan(spacy.blank("en")("the United\nNations")) == []
