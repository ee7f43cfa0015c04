"""Per-article actor resolution: gazetteer keys, person-name variants, role descriptions, governments,
title affiliations."""

import pytest

from storyline.resolve.actors import person_key


def keys_of(mentions, text):
    return {text[m.start : m.end]: m.key for m in mentions}


@pytest.mark.parametrize(
    "name,key",
    [
        ("John F. Kirby", "person:john kirby"),
        ("John Kirby", "person:john kirby"),
        ("Kim Jong-Un", "person:kim jong un"),
        ("Kim Jong Un", "person:kim jong un"),
        ("Mr. Putin's", "person:putin"),
        ("Donald Trump Jr.", "person:donald trump jr"),
    ],
)
def test_person_key_normalises_variants(name, key):
    assert person_key(name) == key


@pytest.mark.parametrize(
    "sentence,surface,key",
    [
        ("The DPRK rejected the statement on Monday.", "DPRK", "gpe:PRK"),
        ("Pyongyang has denied the report.", "Pyongyang", "gpe:PRK"),
        ("The Kremlin said the talks had failed.", "Kremlin", "gpe:RUS"),
        ("Iranian officials have denied providing drones.", "Iranian", "gpe:IRN"),
        (
            "The UN Security Council met on Friday.",
            "UN Security Council",
            "org:united nations security council",
        ),
        ("The U.S. imposed new sanctions.", "U.S.", "gpe:USA"),
        ("Officials in Brazil said the dam had failed.", "Brazil", "gpe:BRA"),
    ],
)
def test_gazetteer_maps_countries_seats_demonyms_orgs(analyse, sentence, surface, key):
    mentions, info = analyse(sentence)
    got = {sentence[m.start : m.end].removeprefix("The ").removeprefix("the "): m.key for m in mentions}
    assert got.get(surface) == key
    assert info[key]["type"] in {"GPE", "ORG"}


def test_capital_as_place_is_not_the_government(analyse):
    text = "The envoy flew to Moscow on Tuesday. Moscow said it would respond."
    mentions, _ = analyse(text)
    keys = [m.key for m in mentions if m.text == "Moscow"]
    assert keys == ["loc:moscow", "gpe:RUS"]


def test_surname_joins_full_name_but_first_names_never_merge(analyse):
    text = (
        "Maria Lopez, a senator, spoke first. Carlos Lopez, her brother, spoke next. "
        "Later, Lopez told reporters the vote was close. Anna Berg arrived and Berg said nothing."
    )
    mentions, info = analyse(text)
    keys = [(m.text, m.key) for m in mentions if m.key.startswith("person:")]
    assert ("Maria Lopez", "person:maria lopez") in keys
    assert ("Carlos Lopez", "person:carlos lopez") in keys
    # "Lopez" alone is ambiguous here: it must not join either full name.
    assert ("Lopez", "person:lopez") in keys
    assert ("Berg", "person:anna berg") in keys


@pytest.mark.parametrize(
    "text",
    [
        "Health Ministry spokesman Ahmed Saleh said the clinics were closed. "
        "The Health Ministry spokesman added that supplies were short.",
        "Ahmed Saleh, the Health Ministry spokesman, said the clinics were closed. "
        "The spokesman added that supplies were short.",
    ],
)
def test_role_description_binds_to_named_person(analyse, text):
    mentions, _ = analyse(text)
    role = [m for m in mentions if m.text.lower().startswith("the") and "spokesman" in m.text]
    assert role and role[-1].key == "person:ahmed saleh"


@pytest.mark.parametrize(
    "text,surface,key",
    [
        ("The Biden administration said it would act.", "Biden administration", "org:biden administration"),
        ("Netanyahu's government collapsed on Friday.", "Netanyahu's government", "org:netanyahu government"),
        (
            "Officials in the Trump administration said so.",
            "Trump administration",
            "org:trump administration",
        ),
        ("Kim Jong Un's regime fired a missile.", "Kim Jong Un's regime", "org:kim jong un regime"),
        # Negative: a country's government keeps the country key; a person alone stays a person.
        ("The Iranian government denied the report.", "Iranian", "gpe:IRN"),
        ("Joe Biden said the administration would act.", "Joe Biden", "person:joe biden"),
    ],
)
def test_leader_name_before_government_noun_is_an_organisation(analyse, text, surface, key):
    mentions, info = analyse(text)
    keys = keys_of(mentions, text)
    assert keys.get(surface) == key
    if key.startswith("org:"):
        assert info[key]["type"] == "ORG"
        assert not any(k.startswith("person:") for k in keys.values())


def test_person_mentions_outside_government_phrase_stay_person(analyse):
    text = "US President Joe Biden spoke on Monday. The Biden administration said it would act."
    keys = keys_of(*analyse(text)[:1], text)
    assert keys["Joe Biden"] == "person:joe biden"
    assert keys["Biden administration"] == "org:biden administration"


@pytest.mark.parametrize(
    "text,person,country",
    [
        ("Russian Defense Minister Sergei Shoigu visited the capital.", "person:sergei shoigu", "gpe:RUS"),
        ("North Korea's leader Kim Jong Un met him.", "person:kim jong un", "gpe:PRK"),
        ("Ukrainian President Volodymyr Zelenskyy said that.", "person:volodymyr zelenskyy", "gpe:UKR"),
        ("US Secretary of State Antony Blinken flew to Kyiv.", "person:antony blinken", "gpe:USA"),
        ("Sergei Shoigu, Russia's defense minister, arrived.", "person:sergei shoigu", "gpe:RUS"),
        ("The French ambassador met German Chancellor Olaf Scholz.", "person:olaf scholz", "gpe:DEU"),
        # no title word binding the country to the name
        ("In Russia, Vladimir Putin spoke to reporters.", "person:vladimir putin", None),
        ("Russia and John Smith agreed on a deal.", "person:john smith", None),
    ],
)
def test_person_country_affiliation_from_title(analyse, text, person, country):
    _, info = analyse(text)
    assert info[person].get("affiliation") == country


@pytest.mark.parametrize(
    "text,surface,key",
    [
        ("U.S. Lines said the new ships would sail in May.", "U.S. Lines", "org:u.s. lines"),
        ("British Airways said fares would rise.", "British Airways", "org:british airways"),
        ("The U.S. Army said the base would close.", "U.S.", "gpe:USA"),
    ],
)
def test_country_word_inside_a_company_name_keeps_the_name(analyse, text, surface, key):
    mentions, _ = analyse(text)
    assert keys_of(mentions, text).get(surface) == key


def test_name_ending_in_s_keeps_it_when_used_as_a_name(analyse):
    text = "Lloyd's said it would not pay the claim. Lloyd's chairman said the market was strong."
    mentions, info = analyse(text)
    assert {m.key for m in mentions} == {"org:lloyds"}
    assert info["org:lloyds"]["name"] == "Lloyd's"
    text = "Siemens's chairman said the plant would close."
    mentions, info = analyse(text)
    assert [info[m.key]["name"] for m in mentions] == ["Siemens"]


def test_name_after_an_organisation_type_noun_is_an_organisation(analyse):
    text = "The trade magazine Billboard reported record sales. Billboard said streaming had doubled."
    mentions, info = analyse(text)
    assert {m.key for m in mentions if m.text == "Billboard"} == {"org:billboard"}
    assert info["org:billboard"]["type"] == "ORG"


def test_capital_the_tagger_reads_as_a_person_stays_a_person(analyse):
    text = '"It gives us an entry to the market," Douglas told analysts.'
    mentions, info = analyse(text)
    got = keys_of(mentions, text)
    assert got.get("Douglas", "").startswith("person:")
