"""Event summaries: a short clause quoted from the evidence sentence."""

from __future__ import annotations

import pytest


def _one(events, typ):
    found = [e for e in events if e.type == typ]
    assert found, [(e.type, e.summary) for e in events]
    return found[0]


def test_buyer_and_seller_in_summary(events_of):
    ev = _one(events_of("Freedonia bought missiles from Ruritania."), "AID")
    assert ev.summary == "Freedonia bought missiles from Ruritania"


@pytest.mark.parametrize(
    "text,typ,summary",
    [
        # the whole clause, with determiners, quantities and the recipient's preposition
        ("Ruritania shipped hundreds of artillery shells to Freedonia.", "AID",
         "Ruritania shipped hundreds of artillery shells to Freedonia"),
        # leading conjunction and the trailing reporting frame are trimmed
        ("But Ruritania quietly shipped rifles to Freedonia, Berg said on Monday.", "AID",
         "Ruritania quietly shipped rifles to Freedonia"),
        # the reporting frame before, and a relative clause after, are left out; auxiliaries and negation kept
        ("Officials said that Ruritania has not yet sent troops to Freedonia, which has asked for help.", "AID",
         "Ruritania has not yet sent troops to Freedonia"),
        # a pronoun actor is replaced by the actor's name, in brackets
        ("Ruritania denied that it provides weapons to the Ruritanian army.", "AID",
         "[Ruritania] provides weapons to the Ruritanian army"),
        # an apposition with a relative clause between actor and verb becomes an ellipsis
        ("Anna Berg, the foreign minister who took office in March, visited Freedonia on Tuesday to discuss trade.",
         "CONSULT", "Anna Berg … visited Freedonia"),
        # an event noun keeps its determiner and its "by" and "to" phrases
        ("The visit by Anna Berg to Freedonia was cancelled.", "CONSULT", "The visit by Anna Berg to Freedonia"),
        ("Ruritania imposed sanctions on Freedonia.", "SANCTION", "Ruritania imposed sanctions on Freedonia"),
        # "accused X of V-ing": the bare preposition becomes an ellipsis
        ("Ruritania accused Freedonia of violating the treaty.", "REJECT", "Freedonia … violating the treaty"),
        # over the word cap: cut where a phrase ends, marked with an ellipsis
        ("Ruritania has shipped thousands of rifles, millions of rounds of ammunition, hundreds of armoured "
         "vehicles, dozens of helicopters and several air defence systems to Freedonia since the war began.", "AID",
         "Ruritania has shipped thousands of rifles, millions of rounds of ammunition, hundreds of armoured vehicles …"),
        # a quotation the clause opens is closed by reaching on to its closing quote
        ('Ruritania said it had "sent weapons to Freedonia" last year.', "AID",
         '[Ruritania] had "sent weapons to Freedonia"'),
        # a relative clause's subject brings its antecedent; a passive keeps its "by" phrase
        ("Berg met the envoy who was attacked in Freedonia by Ruritanian troops.", "FIGHT",
         "the envoy who was attacked in Freedonia by Ruritanian troops"),
    ],
)  # fmt: skip
def test_summary_is_a_short_clause_of_the_sentence(events_of, text, typ, summary):
    ev = _one(events_of(text), typ)
    assert ev.summary == summary
    # apart from the bracketed name and the ellipsis, every piece is quoted from the sentence
    for piece in ev.summary.split(" … "):
        piece = piece.removesuffix(" …")
        if piece.startswith("["):
            piece = piece.split("]", 1)[1]
        assert piece.strip() in text
    assert len(ev.summary.replace(" …", "").split()) <= 20
