"""The claim extractor as a whole: ids and spans, the date of the speech act, linear time."""

from storyline import nlp
from storyline.extract.claims import extract_claims
from storyline.records import Article, Timex
from storyline.resolve.actors import resolve_article


def test_said_on_uses_timex_on_cue_else_publication(claims_of):
    text = "The minister told reporters on Thursday that the border would reopen."
    s = text.index("Thursday")
    tx = Timex(s, s + 8, "Thursday", "DATE", "2024-03-07", "2024-03-07", "2024-03-07", "day")
    c = claims_of(text, timexes=[tx])[0]
    assert (c.said_on.first_day, c.said_on.precision, c.said_on.how) == ("2024-03-07", "day", "relative")
    c2 = claims_of(text)[0]
    assert (c2.said_on.first_day, c2.said_on.last_day, c2.said_on.how, c2.said_on.relation) == (
        None, "2024-03-08", "publication", "before")
    assert claims_of(text, published=None)[0].said_on is None


def test_claim_ids_unique_and_spans_point_into_text(claims_of):
    text = (
        "The mayor said the bridge would reopen. “It is safe,” he said. "
        "Residents told reporters they were not convinced. According to the police, traffic fell."
    )
    cs = claims_of(text)
    assert len({c.id for c in cs}) == len(cs) >= 4
    for c in cs:
        ev = c.evidence[0]
        cs_, ce = ev.content_span
        assert 0 <= ev.start <= cs_ < ce <= ev.end <= len(text)
        assert c.content.strip('“”" ')[:10] in text


def test_long_article_stays_linear():
    """Many quotes in one article: extraction must not redo whole-document work per claim."""
    import time

    pipe = nlp.load()
    paras = [
        f"“Statement number {i} is about the harbour and the ships,” Jo Doe said on the radio."
        for i in range(150)
    ]
    text = "Jo Doe is the harbour master.\n\n" + "\n\n".join(paras)
    art = Article(id="long", source="t", text=text, published="2024-01-01")
    doc = pipe(text)
    t = time.perf_counter()
    mentions, _ = resolve_article(art, doc)
    claims = extract_claims(art, doc, mentions, [])
    assert time.perf_counter() - t < 3.0
    assert len(claims) == 150 and all(c.kind == "direct" for c in claims)
    assert {c.speaker for c in claims} == {"person:jo doe"}
