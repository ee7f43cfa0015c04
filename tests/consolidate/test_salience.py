"""Salience, topic and key-event selection on small hand-built stories (no extraction runs)."""

from __future__ import annotations

from storyline.consolidate.keyevents import default_key_events, readable
from storyline.consolidate.salience import rank_story
from storyline.consolidate.topic import TopicModel, content_words
from storyline.records import Article, DateInfo, Event, Evidence, Story, Timex

TOPIC = ("The flood in the river valley forced rescue teams to evacuate villages. "
         "Rescue workers searched flooded homes near the river after the flood. ")  # fmt: skip
OFF = "The office party had cake, music and a dance contest for the staff members. "


def day(d: str, text: str = "on Monday") -> DateInfo:
    return DateInfo(d, d, "day", text, "relative", relation="on")


def art(aid: str, text: str, published: str = "2024-03-05", dup: str | None = None) -> Article:
    return Article(aid, f"{aid}.txt", text, published=published, duplicate_of=dup)


def ev(eid: str, sentences: list[tuple[str, str]], date: DateInfo | None, actors=("person-a",), **kw) -> Event:
    """An event with one evidence sentence per (article, sentence)."""
    evidence = [Evidence(a, 0, len(s), s) for a, s in sentences]
    return Event(eid, "OTHER", None, list(actors), [], date=date, evidence=evidence, summary=sentences[0][1], **kw)


def corpus(n: int = 6) -> list[Article]:
    return [art(f"a{i}", TOPIC * 2 + f"Report number {i}.") for i in range(n)]


def test_duplicates_count_once_and_sources_raise_salience():
    arts = [*corpus(4), art("a0copy", TOPIC * 2 + "Report number 0.", dup="a0")]
    s = "Rescue teams evacuated the flooded villages in the river valley."
    one = ev("e1", [("a0", s), ("a0copy", s)], day("2024-03-04"))
    two = ev("e2", [("a1", s), ("a2", s)], day("2024-03-04"))
    story = Story(articles=arts, events=[one, two])
    rank_story(story)
    assert one.independent_sources == 1 and two.independent_sources == 2
    assert two.salience > one.salience


def test_topic_terms_are_shared_content_words():
    terms = TopicModel(corpus()).terms()
    assert {"flood", "rescue", "river"} <= set(terms)
    assert not {"the", "after", "said", "monday"} & set(terms)
    assert content_words("He says the Flood's water rose on Monday, officials warned") == ["flood", "water", "rose", "officials"]


def test_irregular_forms_of_reporting_verbs_are_no_topic_terms():
    words = content_words("The mayor said the dam broke and told residents, who wrote to the governor")
    assert not {"said", "told", "wrote"} & set(words)
    assert {"mayor", "dam", "broke", "residents", "governor"} <= set(words)


def test_off_topic_article_and_its_event_marked_low_never_dropped():
    arts = [*corpus(6), art("x", OFF * 3)]
    on = ev("e1", [("a1", "Rescue teams evacuated the flooded villages in the river valley.")], day("2024-03-04"))
    off = ev("e2", [("x", "The staff members held a dance contest at the office party.")], day("2024-03-03"),
             actors=("person-b",))  # fmt: skip
    story = Story(articles=arts, events=[on, off])
    rank_story(story, key_events=2)
    assert {a.id for a in story.articles if a.off_topic} == {"x"}
    assert off.off_topic and not on.off_topic
    assert off in story.events and off.salience < on.salience
    assert [k.event for k in story.key_events] == ["e1"]


def test_centrality_to_main_actors_and_terms_raises_salience():
    arts = corpus(6)
    central = ev("e1", [(f"a{i}", "Rescue workers searched flooded homes near the river.") for i in range(3)],
                 day("2024-03-04"), actors=("person-a",))  # fmt: skip
    minor = ev("e2", [("a1", "A neighbour lent a ladder to a friend."), ("a2", "A neighbour lent a ladder to a friend."),
                      ("a3", "A neighbour lent a ladder to a friend.")], day("2024-03-02"), actors=("person-z",))
    story = Story(articles=arts, events=[central, minor])
    rank_story(story)
    assert "person-a" in story.topic.actors
    assert central.salience > minor.salience


def test_key_events_one_per_date_ranked_by_date_mentions_in_date_order():
    arts = corpus(6)
    s = "Rescue teams evacuated the flooded villages in the river valley."
    events = [
        ev("e1", [("a0", s)], day("2024-03-01")),
        ev("e2", [("a1", "Rescue workers searched flooded homes near the river.")], day("2024-03-02")),
        ev("e3", [("a2", "The river flood reached the valley villages overnight.")], day("2024-03-02")),
        ev("e4", [("a3", "The flood damaged the river bridge in the valley.")], day("2024-03-03")),
    ]
    # many articles refer to March 2 and March 3; only one to March 1
    timexes = [Timex(0, 5, "March 2", "DATE", "2024-03-02", "2024-03-02", "2024-03-02", "day", f"a{i}") for i in range(5)]
    timexes += [Timex(0, 5, "March 3", "DATE", "2024-03-03", "2024-03-03", "2024-03-03", "day", f"a{i}") for i in range(3)]
    story = Story(articles=arts, events=events, timexes=timexes)
    rank_story(story, key_events=2)
    kes = story.key_events
    assert [k.date.first_day for k in kes] == ["2024-03-02", "2024-03-03"]  # date order
    assert len({k.date.first_day for k in kes}) == len(kes)  # one entry per date
    assert min(kes, key=lambda k: k.rank).date.first_day == "2024-03-02"  # most referred-to day first
    # the entry for March 2 summarises both of that day's events
    march2 = {e.sentence for e in kes[0].summary}
    assert len(march2) == 2 and kes[0].sources


def test_summary_skips_furniture_questions_and_fragments_and_prefers_the_dated_sentence():
    arts = corpus(4)
    good = "Rescue workers searched flooded homes near the river."
    dated = "On Monday rescue teams evacuated villages as the river flood rose."
    furniture = ["March 4, 2024 at 12:49 pm | Reply", "Was the flood response too slow?",
                 "Flood villages river", "(required, but will not be displayed) Post a comment about the flood."]
    sentences = [(f"a{i % 4}", s) for i, s in enumerate([*furniture, good, dated])]
    e = ev("e1", sentences, day("2024-03-04"))
    i_dated = len(furniture) + 1
    e.evidence[i_dated] = Evidence(sentences[i_dated][0], 100, 100 + len(dated), dated)
    story = Story(articles=arts, events=[e],
                  timexes=[Timex(100, 109, "On Monday", "DATE", "2024-03-04", "2024-03-04", "2024-03-04", "day",
                                 sentences[i_dated][0])])  # fmt: skip
    rank_story(story, key_events=1)
    summary = [x.sentence for x in story.key_events[0].summary]
    assert summary[0] == dated and set(summary) == {dated, good}


def test_readable():
    assert readable("The earthquake struck the capital on Tuesday afternoon.")
    assert not readable("Did the earthquake strike the capital on Tuesday afternoon?")
    assert not readable("Posted by John Smith | Reply | Report abuse.")
    assert not readable("Earthquake Hits Capital As Thousands Flee Their Homes In Panic.")
    assert not readable("Earthquake strikes.")


def test_background_before_coverage_ranks_below_coverage_events():
    arts = [art(f"a{i}", TOPIC * 2, published="2024-03-05") for i in range(6)]
    s = "Rescue teams evacuated the flooded villages in the river valley."
    old = ev("e1", [(f"a{i}", s) for i in range(3)], day("2019-05-01", "May 1, 2019"))
    new = ev("e2", [(f"a{i}", "Rescue workers searched flooded homes near the river.") for i in range(3)],
             day("2024-03-04"))  # fmt: skip
    story = Story(articles=arts, events=[old, new])
    rank_story(story, key_events=1)
    assert [k.event for k in story.key_events] == ["e2"]


def test_month_holding_a_chosen_day_is_not_a_second_entry_and_undated_events_never_key():
    arts = corpus(6)
    s = "Rescue teams evacuated the flooded villages in the river valley."
    d = ev("e1", [(f"a{i}", s) for i in range(3)], day("2024-03-04"))
    m = ev("e2", [(f"a{i}", "The flood season in the river valley began early.") for i in range(3)],
           DateInfo("2024-03-01", "2024-03-31", "month", "in March", "explicit", relation="on"))
    undated = ev("e3", [(f"a{i}", "Rescue workers searched flooded homes near the river.") for i in range(6)], None)
    story = Story(articles=arts, events=[d, m, undated])
    rank_story(story, key_events=3)
    assert [k.event for k in story.key_events] == ["e1"]


def test_default_length_counts_well_supported_days_within_bounds():
    arts = corpus(6)
    s = "Rescue teams evacuated the flooded villages in the river valley."
    events = [ev(f"e{n}", [(f"a{i}", s) for i in range(3)], day(f"2024-02-{n + 1:02d}")) for n in range(8)]
    events.append(ev("thin", [("a0", s)], day("2024-02-20")))  # one source: not counted
    story = Story(articles=arts, events=events)
    assert default_key_events(story) == 8
    assert default_key_events(Story(articles=arts, events=events[:2])) == 5  # at least MIN_KEY_EVENTS


def test_a_day_and_the_month_around_it_are_one_entry():
    arts = corpus(6)
    m = ev("e1", [(f"a{i}", "The flood season in the river valley began early.") for i in range(6)],
           DateInfo("2024-03-01", "2024-03-31", "month", "in March", "explicit", relation="on"))  # fmt: skip
    d = ev("e2", [("a0", "Rescue teams evacuated the flooded villages in the river valley.")], day("2024-03-04"))
    other = ev("e3", [("a1", "Rescue workers searched flooded homes near the river.")], day("2024-04-02"))
    story = Story(articles=arts, events=[m, d, other])
    rank_story(story, key_events=3)
    assert [k.event for k in story.key_events] == ["e2", "e3"]


def test_now_is_no_key_date():
    """An event dated only by "now" (the publication day stands in, precision unknown) never makes a
    key-event entry of that day; a day the text names does."""
    arts = corpus(6)
    named = ev("e1", [(f"a{i}", "Rescue teams evacuated the flooded villages on Monday.") for i in range(3)],
               day("2024-03-04"))
    now = ev("e2", [(f"a{i}", "Rescue workers are now searching flooded homes near the river.") for i in range(6)],
             DateInfo("2024-03-05", "2024-03-05", "unknown", "now", "relative", relation="on"))
    story = Story(articles=arts, events=[named, now])
    rank_story(story, key_events=3)
    assert [k.event for k in story.key_events] == ["e1"]


def before(d: str) -> DateInfo:
    return DateInfo(None, d, "day", None, "publication", relation="before")


def test_long_article_naming_main_actors_rarely_is_off_topic_though_not_far():
    arts = corpus(6)
    # a listing page: some of the story's words, one mention of its actor among many other words
    listing = " ".join(f"Programme {w} presents music quiz comedy drama news item {w}." for w in range(60))
    arts.append(art("list", TOPIC * 3 + listing))
    arts.append(art("short", TOPIC + "Person A spoke to rescue teams. Person A thanked the workers."))
    evs = [ev(f"e{i}", [(f"a{i}", "Rescue teams evacuated the flooded villages in the river valley.")], day("2024-03-04"))
           for i in range(6)]  # fmt: skip
    evs.append(ev("e-list", [("list", "Programme 7 presents music quiz comedy drama news item 7.")], day("2024-03-04")))
    evs.append(ev("e-short", [("short", "Person A thanked the workers.")], day("2024-03-04")))
    story = Story(articles=arts, events=evs)
    model = TopicModel(arts)
    fits = {a: model.article_fit(a) for a in model.bags}
    median = sorted(fits.values())[len(fits) // 2]
    assert 0.35 * median < fits["list"] < 0.65 * median  # not far enough for the strict rule alone
    rank_story(story)
    off = {a.id for a in story.articles if a.off_topic}
    assert off == {"list"}


def test_undated_reports_of_the_day_join_its_summary_when_they_tell_the_same_happening():
    arts = [*corpus(4), art("next", TOPIC, "2024-03-05"), art("later", TOPIC, "2024-03-20"),
            art("other", TOPIC, "2024-03-05")]  # fmt: skip
    dated = "On Monday rescue teams evacuated the river valley villages as the flood rose."
    e = ev("e1", [("a0", dated)], day("2024-03-04"))
    fresh = ev("e2", [("next", "Rescue teams have moved hundreds of families from homes after the river burst its banks.")],
             before("2024-03-05"))  # fmt: skip
    late = ev("e3", [("later", "Rescue teams evacuated the flooded river valley villages weeks ago.")],
              before("2024-03-20"))  # fmt: skip
    unrelated = ev("e4", [("other", "The council has approved a new budget for the town library.")],
                   before("2024-03-05"))  # fmt: skip
    story = Story(articles=arts, events=[e, fresh, late, unrelated])
    rank_story(story, key_events=1)
    summary = {x.sentence for x in story.key_events[0].summary}
    assert fresh.evidence[0].sentence in summary  # published the next day, says the same
    assert late.evidence[0].sentence not in summary  # published weeks later: not that day's report
    assert unrelated.evidence[0].sentence not in summary  # same day, another happening
    assert story.key_events[0].event == "e1"  # the dated event still leads the entry
