"""Language identification (py3langid): news sentences in four languages, short and mixed texts.

The sentences below were written for this test (news style, 60-200 characters each). Accuracy on
them, with `guess_language`: 40/40 (English, French, German, Spanish, 10 each).
"""

from __future__ import annotations

import pytest

from storyline.ingest.language import MIN_CONFIDENCE, guess_language, identify

SENTENCES = {
    "en": [
        "The government said on Monday that it would reopen the border crossing once repairs were finished.",
        "Rescue teams worked through the night to reach villages cut off by the landslide, officials said.",
        "Shares in the carmaker fell sharply after it warned that profits would be lower than expected.",
        "The central bank left interest rates unchanged for a third month, citing uncertainty over prices.",
        "Thousands of people marched through the capital on Saturday to protest against the new tax law.",
        "The two leaders agreed to resume talks next month, according to a statement from the ministry.",
        "Police arrested four men in connection with the robbery, a spokeswoman for the force said.",
        "Heavy rain is expected to continue until Thursday, and residents have been told to stay indoors.",
        "The court ruled that the election commission had acted within its powers when it delayed the vote.",
        "Negotiators said a deal on grain exports was close, but several questions remained unresolved.",
    ],
    "fr": [
        "Le gouvernement a annoncé lundi qu'il rouvrirait le poste-frontière dès la fin des travaux.",
        "Les secours ont travaillé toute la nuit pour atteindre les villages isolés par le glissement de terrain.",
        "L'action du constructeur automobile a chuté après l'annonce de bénéfices inférieurs aux prévisions.",
        "La banque centrale a maintenu ses taux directeurs pour le troisième mois consécutif.",
        "Des milliers de personnes ont défilé samedi dans la capitale contre la nouvelle loi fiscale.",
        "Les deux dirigeants sont convenus de reprendre les négociations le mois prochain, selon le ministère.",
        "La police a interpellé quatre hommes soupçonnés d'avoir participé au braquage, a indiqué une porte-parole.",
        "De fortes pluies sont attendues jusqu'à jeudi et les habitants sont invités à rester chez eux.",
        "Le tribunal a estimé que la commission électorale avait agi dans le cadre de ses compétences.",
        "Les négociateurs ont affirmé qu'un accord sur les exportations de céréales était proche.",
    ],
    "de": [
        "Die Regierung teilte am Montag mit, der Grenzübergang werde nach Abschluss der Reparaturen wieder geöffnet.",
        "Rettungskräfte arbeiteten die ganze Nacht, um die vom Erdrutsch abgeschnittenen Dörfer zu erreichen.",
        "Die Aktie des Autobauers brach ein, nachdem das Unternehmen vor geringeren Gewinnen gewarnt hatte.",
        "Die Zentralbank ließ die Leitzinsen den dritten Monat in Folge unverändert.",
        "Tausende Menschen zogen am Samstag durch die Hauptstadt, um gegen das neue Steuergesetz zu protestieren.",
        "Die beiden Staatschefs vereinbarten, die Gespräche im nächsten Monat fortzusetzen, hieß es aus dem Ministerium.",
        "Die Polizei nahm im Zusammenhang mit dem Überfall vier Männer fest, sagte eine Sprecherin.",
        "Der starke Regen soll bis Donnerstag anhalten, die Bewohner wurden aufgefordert, zu Hause zu bleiben.",
        "Das Gericht entschied, dass die Wahlkommission mit der Verschiebung der Wahl im Rahmen ihrer Befugnisse handelte.",
        "Die Unterhändler sagten, eine Einigung über Getreideexporte sei nah, einige Fragen seien aber noch offen.",
    ],
    "es": [
        "El gobierno anunció el lunes que reabrirá el paso fronterizo cuando terminen las reparaciones.",
        "Los equipos de rescate trabajaron toda la noche para llegar a los pueblos aislados por el deslizamiento.",
        "Las acciones del fabricante de automóviles cayeron después de que advirtiera de menores beneficios.",
        "El banco central mantuvo sin cambios los tipos de interés por tercer mes consecutivo.",
        "Miles de personas marcharon el sábado por la capital para protestar contra la nueva ley fiscal.",
        "Los dos líderes acordaron reanudar las conversaciones el próximo mes, según un comunicado del ministerio.",
        "La policía detuvo a cuatro hombres en relación con el atraco, informó una portavoz del cuerpo.",
        "Se espera que las fuertes lluvias continúen hasta el jueves y se pidió a los vecinos que no salgan de casa.",
        "El tribunal dictaminó que la comisión electoral actuó dentro de sus competencias al aplazar la votación.",
        "Los negociadores dijeron que un acuerdo sobre las exportaciones de cereales estaba cerca.",
    ],
}


def test_accuracy_on_news_sentences_in_four_languages() -> None:
    results = [(lang, guess_language(s)) for lang, sents in SENTENCES.items() for s in sents]
    correct = sum(gold == found for gold, found in results)
    assert correct == len(results) == 40, [r for r in results if r[0] != r[1]]


@pytest.mark.parametrize("lang", sorted(SENTENCES))
def test_a_whole_article_is_identified_with_high_confidence(lang: str) -> None:
    article = "\n\n".join(SENTENCES[lang])
    found, confidence = identify(article)
    assert found == lang and confidence > 0.9


@pytest.mark.parametrize("text", ["", "Storm closes ports", "Kim Jong Un", "12:30 GMT", "OK"])
def test_short_texts_are_not_guessed(text: str) -> None:
    assert identify(text) == (None, 0.0)
    assert guess_language(text) is None


def test_an_english_article_with_a_french_quote_stays_english() -> None:
    text = "\n".join(SENTENCES["en"][:6] + [SENTENCES["fr"][0]] + SENTENCES["en"][6:])
    assert guess_language(text) == "en"


def test_an_evenly_mixed_text_gets_a_low_confidence() -> None:
    text = "\n".join(s for pair in zip(SENTENCES["en"][:4], SENTENCES["de"][:4], strict=True) for s in pair)
    lang, confidence = identify(text)
    assert lang in {"en", "de"} and confidence < MIN_CONFIDENCE
    assert guess_language(text) is None


def test_masked_furniture_does_not_change_the_answer() -> None:
    # Analysis sees excluded spans as runs of spaces; they must not dilute the evidence.
    text = " " * 300 + "\n" + SENTENCES["es"][0] + "\n" + " " * 120 + "\n" + SENTENCES["es"][1]
    assert identify(text)[0] == "es" and guess_language(text) == "es"
