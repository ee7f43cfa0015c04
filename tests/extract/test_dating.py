"""Event dates: the event's own time expression, an anchor event, or tense bounded by publication."""

from __future__ import annotations

import pytest

from storyline.records import Article, DateInfo, Timex


def _one(events, typ):
    found = [e for e in events if e.type == typ]
    assert found, [(e.type, e.summary) for e in events]
    return found[0]


def test_explicit_timex_dates_the_event_not_the_statement(events_of):
    text = "Berg said on Friday that Anna Berg visited Freedonia in March 2024."
    tx_fri = Timex(text.index("Friday"), text.index("Friday") + 6, "Friday", "DATE", "2024-05-10",
                   "2024-05-10", "2024-05-10", "day")  # fmt: skip
    i = text.index("March 2024")
    tx_mar = Timex(i, i + 10, "March 2024", "DATE", "2024-03", "2024-03-01", "2024-03-31", "month")
    ev = _one(events_of(text, timexes=[tx_fri, tx_mar]), "CONSULT")
    assert ev.date == DateInfo("2024-03-01", "2024-03-31", "month", "March 2024", "explicit")


def test_relative_timex_and_tense_fallback_say_how(events_of):
    text = "Anna Berg visited Freedonia last week. Ruritania sanctioned Sylvania."
    i = text.index("last week")
    tx = Timex(i, i + 9, "last week", "DATE", "2024-W18", "2024-04-29", "2024-05-05", "week")
    events = events_of(text, timexes=[tx])
    visit, sanction = _one(events, "CONSULT"), _one(events, "SANCTION")
    assert visit.date is not None and visit.date.how == "relative" and visit.date.first_day == "2024-04-29"
    assert sanction.date == DateInfo(None, "2024-05-10", "day", None, "tense", relation="before")


def test_planned_event_gets_no_invented_date(events_of):
    ev = _one(events_of("Ruritania will send weapons to Freedonia."), "AID")
    assert ev.date is None


def test_date_relative_to_another_event(events_of):
    text = ("Anna Berg visited Freedonia in July. "
            "Following Berg's visit, Ruritania and Freedonia exchanged letters.")  # fmt: skip
    i = text.index("July")
    tx = Timex(i, i + 4, "July", "DATE", "2024-07", "2024-07-01", "2024-07-31", "month")
    events = events_of(text, timexes=[tx], published="2024-09-01")
    letters = [e for e in events if e.mode == "correspond"][0]
    assert letters.date is not None and letters.date.how == "relative" and letters.date.relation == "after"
    anchor = next(e for e in events if e.id == letters.date.anchor)
    assert anchor.type == "CONSULT" and anchor.mode == "visit"  # "Berg's visit", resolved in consolidation
    assert set(letters.actors) == {"gpe:RUR", "gpe:FRE"}
    from storyline.consolidate.events import consolidate_events

    art = Article(id="a1", source="t", text=text, published="2024-09-01")
    merged = consolidate_events(events, [], {"a1": art})
    letters = next(e for e in merged if e.mode == "correspond")
    assert letters.date is not None and letters.date.first_day == "2024-07-01"
    assert letters.date.last_day == "2024-09-01" and letters.date.how == "relative"


# ---------------------------------------------------------------- the dated statement that reports an event


@pytest.mark.parametrize("text, first, last, relation", [
    # the parser hangs "on Monday" on the reported verb; it dates the statement, not the closure
    ("The company said on Monday it would close two plants.", None, None, None),
    # a past event in a dated statement is bounded by the statement's day, not only by publication
    ("Officials said on Tuesday that police had arrested two men.", None, "2024-03-05", "before"),
    ("On Friday, the ministry said troops killed 12 militants.", None, "2024-03-01", "before"),
    # a date inside the reported clause is the event's own
    ("Police said two men were arrested on Tuesday.", "2024-03-05", "2024-03-05", "on"),
])
def test_statement_time_is_not_the_event_time(text, first, last, relation):
    from storyline.extract.events_cli import mentions

    ev = next(m for m in mentions(text, "2024-03-06") if m["text"] in ("close", "arrested", "killed"))
    got = ev["date"]
    if relation is None:
        assert got is None or got["first_day"] is None and got["how"] != "relative"
    else:
        assert (got["first_day"], got["last_day"], got["relation"]) == (first, last, relation)


# ---------------------------------------------------------------- a date shared within the sentence


def _dated(text, word, anchor="2024-05-10"):
    from storyline.extract.events_cli import mentions

    found = [m for m in mentions(text, anchor) if m["text"] == word]
    assert found, [m["text"] for m in mentions(text, anchor)]
    return found[0]["date"] or {}


@pytest.mark.parametrize("text, word, day", [
    # coordinated clause, same tense
    ("Prices fell sharply on Monday and the central bank raised rates.", "raised", "2024-05-06"),
    ("Police raided the offices on Monday and arrested two managers.", "arrested", "2024-05-06"),
    # a "when" clause happens at the time of its main clause
    ("The roof collapsed on Tuesday when the storm hit the town.", "hit", "2024-05-07"),
    # a bare participle clause of the dated verb
    ("The storm struck the coast on Tuesday, killing four people.", "killing", "2024-05-07"),
])
def test_same_time_clause_shares_the_date(text, word, day):
    got = _dated(text, word)
    assert (got.get("first_day"), got.get("last_day"), got.get("relation"), got.get("how")) == (day, day, "on",
                                                                                                "sentence")


@pytest.mark.parametrize("text, word", [
    # a clause before or after the dated one is not at its time
    ("Police arrested the man on Monday after he attacked a guard.", "attacked"),
    # tense shift: the past perfect lies before
    ("The court convicted him on Monday of a fraud he had committed years earlier.", "committed"),
    # two dates in the sentence: which one the bare verb takes, the parse does not say
    ("The crisis led the bank to default in 1998 and pushed the country into recession in 2001.", "led"),
    # the statement's date is not the date of what it reports
    ("Police said on Monday that they had arrested two men.", "arrested"),
])
def test_no_shared_date_across_time_or_report(text, word):
    assert _dated(text, word).get("how") != "sentence"


def test_planned_clause_does_not_share_the_date():
    from storyline.extract.events_cli import mentions

    vote = next(m for m in mentions("The board met on Monday and will vote next month.", "2024-05-10")
                if m["text"] == "vote")  # fmt: skip
    assert vote["factuality"] == "planned" and (vote["date"] or {}).get("first_day") != "2024-05-06"


def test_occasion_date_dates_the_act_done_at_it():
    got = _dated("The senator raised the issue at Thursday's hearing.", "raised")
    assert (got["first_day"], got["relation"], got["how"]) == ("2024-05-09", "on", "relative")


def test_day_without_year_takes_the_year_the_article_gives():
    text = "The mayor resigned on 3 March 2019. Two years on, her 3 March resignation still divides the council."
    got = _dated(text, "resignation", anchor="2021-11-02")
    assert (got["first_day"], got["how"]) == ("2019-03-03", "explicit")


def test_occasion_ahead_of_the_statement_resolves_forward():
    # published on a Tuesday: "Thursday's summit" is two days later, not five days before
    got = _dated("Ministers spoke to reporters ahead of Thursday's summit.", "summit", anchor="2024-05-07")
    assert got["first_day"] == "2024-05-09"


def test_no_shared_date_across_but():
    got = _dated("Police arrested the singer on 3 March 2003 but released him without charge.", "released")
    assert got.get("how") != "sentence"
