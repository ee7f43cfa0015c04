"""brief.md: dates at their precision, modality in words, citations that resolve, safe text."""

import copy
import json
import re
from pathlib import Path

import pytest

from storyline.render.markdown import esc, render_brief

FIXTURE = Path(__file__).parent / "fixtures" / "story_small.json"


@pytest.fixture
def story() -> dict:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def _section(md: str, title: str) -> str:
    m = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", md, re.S | re.M)
    assert m, f"section {title!r} missing"
    return m.group(1)




def _bullets(section: str) -> list[str]:
    return [ln for ln in section.splitlines() if ln.startswith("- ")]


def test_timeline_entries_carry_date_modality_and_source_count(story):
    timeline = _section(render_brief(story), "Timeline")
    lines = [ln for ln in timeline.splitlines() if ln.lstrip().startswith("- ")]
    # the reported event names who says it and who denies it; never a bare fact
    shells = next(ln for ln in lines if "artillery shells" in ln)
    assert "Osterlich says; Freedonia denies: " in shells and "1 source" in shells
    visit = next(ln for ln in lines if "visits Freedonia" in ln)
    # a1 and its near-duplicate a3 count once, a4 is the second source
    assert visit.startswith("- **2023-07-26**") and "2 sources" in visit
    assert "- **2023-07**: planned: Freedonia and Sylvania plan joint exercises" in timeline
    assert "- **2023-W30**: Freedonia tests a missile" in timeline
    assert "Sylvania denies: Sylvanian forces shell border villages" in timeline
    # events with a day of their own follow the dates; those with only the reports' bound are grouped
    own = [re.match(r"- \*\*(.*?)\*\*", ln).group(1) for ln in lines if ln.startswith("- **20")]
    assert own == ["2023-04", "2023-07", "2023-W30", "2023-07-26"]
    groups = [ln for ln in lines if ln.startswith("- **Reported")]
    assert [g.split("**")[1] for g in groups] == ["Reported on or before 2022-11-02, no date of their own",
                                                  "Reported on or before 2023-08-02, no date of their own"]
    assert timeline.index(groups[0]) < timeline.index(shells) < timeline.index(groups[1])


def test_key_developments_lead_and_follow_the_dates(story):
    md = render_brief(story)
    assert md.index("## Key developments") < md.index("## Timeline")
    story["key_events"] = [
        {"event": "V1", "rank": 1, "date": story["events"][0]["date"], "sources": ["a1", "a4"],
         "summary": [story["events"][0]["evidence"][0]]},
        {"event": "V2", "rank": 2, "date": {"first_day": None, "last_day": "2022-11-02", "precision": "day",
                                            "relation": "before", "how": "publication"},
         "sources": ["a2"], "summary": story["events"][1]["evidence"][:1]},
    ]
    key = _section(render_brief(story), "Key developments")
    items = [ln for ln in key.splitlines() if re.match(r"\d+\. ", ln)]
    assert len(items) == 2  # the story's key events, not the whole timeline
    assert items[0].startswith("1. **on or before 2022-11-02**: ") and "Osterlich says; Freedonia denies" in items[0]
    assert items[1].startswith("2. **2023-07-26**: Ambassador Trentino") and "2 sources" in items[1]


def test_every_citation_resolves_to_outlet_date_title_and_sentence(story):
    md = render_brief(story)
    refs = _section(md, "References")
    cited = {int(n) for n in re.findall(r"\[(\d+)\]", md.split("## References")[0])}
    listed = [int(n) for n in re.findall(r"^\[(\d+)\]", refs, re.M)]
    assert cited == set(listed) and cited and len(listed) == len(set(listed))
    line = next(ln for ln in refs.splitlines() if "Osterlich said on Wednesday" in ln)
    assert "Wire Service, 2022-11-02, \u201cOsterlich says Freedonia ships shells\u201d" in line
    # an evidence record without its sentence is quoted from the article text by offsets
    assert "\u201cBoth sides plan joint exercises in July 2023.\u201d" in refs


def test_the_same_sentence_is_cited_once(story):
    """Two spans into one sentence (a claim's and an event's) get one number and one reference."""
    ev = dict(story["events"][0]["evidence"][0])
    again = {**ev, "start": ev["start"] + 1}  # another span, same sentence text
    story["events"][0]["evidence"].append(again)
    story["claims"][0]["evidence"] = [ev]
    md = render_brief(story)
    refs = _section(md, "References")
    sentence = ev.get("sentence") or story["articles"][0]["text"][ev["start"]:ev["end"]]
    assert sum(1 for ln in refs.splitlines() if esc(sentence) in ln) == 1


def test_no_internal_ids_in_the_brief(story):
    """Hash-like article ids and claim/event ids never reach the reader."""
    ids = {a["id"]: f"{i:016x}" for i, a in enumerate(story["articles"], 0xabc0000000000)}
    text = json.dumps(story)
    for old, new in ids.items():
        text = text.replace(f'"{old}"', f'"{new}"')
    for c in story["claims"] + story["events"]:
        text = text.replace(f'"{c["id"]}"', f'"{ids["a1"]}:{c["id"].lower()}"')
    md = render_brief(json.loads(text))
    assert not re.search(r"[0-9a-f]{16}", md)
    assert not re.search(r":[cv]\d+\b", md)


def test_claims_table_and_each_denial_once_in_conflicts(story):
    md = render_brief(story)
    table = _section(md, "Who claims what")
    assert "| Speaker | Stance | Claim | Said | Sources |" in table
    assert "| Freedonia | denies | \u201cit had never supplied weapons to Sylvania\u201d | 2022-09 | [" in table
    # a second accusation answered by the same denial: still one conflict entry, naming both statements
    c5 = {**story["claims"][0], "id": "C5", "content": "Freedonia sends rockets to Sylvania by sea",
          "conflicts_with": ["C2"]}
    story["claims"].append(c5)
    story["claims"][1]["conflicts_with"] = ["C1", "C5"]
    conflicts = _section(render_brief(story), "Open conflicts")
    denial = [ln for ln in _bullets(conflicts) if "never supplied weapons" in ln]
    assert len(denial) == 1
    assert "answering 2 statements" in denial[0] and "rockets to Sylvania" in denial[0]
    assert "sources disagree on date: 2023-04 (\u201cin April\u201d)" in conflicts
    assert "following the July visit" in conflicts


def test_denials_reported_twice_are_one_conflict(story):
    """One speaker's denial in two wordings, answering the same statement, is listed once."""
    again = {**story["claims"][1], "id": "C6", "content": "the accusation", "conflicts_with": ["C1"]}
    story["claims"].append(again)
    story["claims"][0]["conflicts_with"] = ["C2", "C6"]
    conflicts = _bullets(_section(render_brief(story), "Open conflicts"))
    claim_conflicts = [ln for ln in conflicts if " denies" in ln]
    assert len(claim_conflicts) == 1
    assert "never supplied weapons" in claim_conflicts[0] and "the accusation" in claim_conflicts[0]


def test_a_denial_never_answers_its_reporter(story):
    """'K said F denied X': K's claim reports the denial; it is not a statement the denial answers."""
    reporter = {**story["claims"][0], "id": "C7", "speaker": "E3", "content": "Freedonia denied it",
                "conflicts_with": ["C2"]}
    story["claims"].append(reporter)
    story["claims"][1]["reported_by"] = "C7"
    story["claims"][1]["conflicts_with"] = ["C7"]
    assert "## Open conflicts" not in render_brief(story).split("sources disagree")[0]


def test_sources_and_coverage(story):
    cov = _section(render_brief(story), "Sources and coverage")
    assert "Articles per outlet: " in cov and "Daily Planet (1)" in cov
    assert "Articles per day: 2022-11-02 (1), 2023-07-27 (1)" in cov
    # which outlet reported a key development first
    assert "\u201cAmbassador Trentino of Sylvania visits Freedonia" in cov and "A2 (Daily Planet) on 2023-07-27" in cov
    arts = [ln for ln in cov.splitlines() if re.match(r"- A\d: ", ln)]
    assert len(arts) == 5
    assert any("published 2022-11-02 (date from html)" in ln and "excluded: dateline" in ln for ln in arts)
    assert any("near-duplicate of A2, counted once" in ln for ln in arts)
    assert any(ln.startswith("- A5: publication date unknown") for ln in arts)


def test_unknown_outlet_and_title_said_once(story):
    for a in story["articles"]:
        a["outlet"], a["title"] = None, None
    md = render_brief(story)
    assert md.count("Outlet not given for any article") == 1
    assert md.lower().count("outlet") == 1  # said once, not per reference or per article
    assert md.count("Title not given") == 1 and "(untitled)" not in md


def test_foundation_only_story_lists_articles(story):
    bare = copy.deepcopy(story)
    bare["events"], bare["claims"], bare["entities"], bare["timexes"] = [], [], [], []
    md = render_brief(bare)
    assert "No events extracted." in md and "No events or claims have been extracted yet" in md
    assert "## Who claims what" not in md and "## References" not in md
    assert "Wire Service" in md and "excluded: dateline" in md


def test_empty_story():
    md = render_brief({"schema": "storyline.story/2", "articles": [], "entities": [], "timexes": [],
                       "claims": [], "events": []})
    assert "No articles have been read yet." in md and "No articles." in md


@pytest.mark.parametrize("hostile", ["<script>alert(1)</script>", "[x](javascript:alert(1))",
                                     "line\n# heading", "<img src=x onerror=alert(1)>"])
def test_untrusted_text_cannot_inject_markup(story, hostile):
    story["articles"][0]["title"] = hostile
    story["events"][0]["summary"] = hostile
    md = render_brief(story)
    # every "<" is escaped except our own URL autolinks; no unescaped link syntax; no new heading
    assert not re.search(r"(?<!\\)<(?!https?://)", md)
    assert not re.search(r"(?<!\\)\]\(javascript", md)
    assert "\n# heading" not in md
    assert esc(hostile) in md


def test_escaped_text_keeps_its_characters():
    s = 'AT&T said "yes" <b>'
    assert re.sub(r"\\(.)", r"\1", esc(s)) == s


@pytest.mark.parametrize(("url", "linked"), [("https://x.example/a?b=1&c=2", True),
                                             ("javascript:alert(1)", False), ("data:text/html,<b>", False)])
def test_only_web_urls_become_links(story, url, linked):
    story["articles"][0]["url"] = url
    md = render_brief(story)
    assert (f"<{url}>" in md) is linked
    if not linked:
        assert esc(url) in md


def test_fixture_follows_the_story_schema(story):
    from importlib import resources

    import jsonschema

    schema = json.loads(resources.files("storyline").joinpath("schema", "story.schema.json").read_text())
    jsonschema.validate(story, schema)


def test_renders_a_story_built_from_the_records(tmp_path):
    """Field names come from records.py: a Story made of records (defaults left as they are) renders."""
    from storyline.records import (
        Article,
        Claim,
        DateInfo,
        Entity,
        Event,
        Evidence,
        ExcludedSpan,
        Story,
        to_dict,
    )
    from storyline.render.export import export
    from storyline.render.html import render_timeline
    from storyline.render.query import show

    text = "Ministers met in Lagos on Friday. Officials denied the talks failed."
    art = Article(id="x1", source="in.txt", text=text, outlet="Gazette", published="2024-03-02",
                  published_from="manifest", excluded=[ExcludedSpan(0, 0, "byline")])
    ev = Evidence(article="x1", start=0, end=33)
    story = {"schema": "storyline.story/2", **to_dict(Story(
        articles=[art],
        entities=[Entity(id="P1", name="Nigeria", type="GPE")],
        claims=[Claim(id="C1", speaker=None, speaker_text="Officials", cue="denied", stance="deny",
                      kind="indirect", content="the talks failed", evidence=[Evidence("x1", 34, 68)])],
        events=[Event(id="V1", type="CONSULT", mode=None, actors=["P1"], evidence=[ev], sources=["x1"],
                      date=DateInfo("2024-03-01", "2024-03-01", "day", text="on Friday", how="relative")),
                Event(id="V2", type="CONSULT", mode=None, modality="denied", claims=["C1"],
                      evidence=[Evidence("x1", 34, 68)])],
    ))}
    md = render_brief(story)
    assert "- **2024-03-01**: V1" not in md and "**2024-03-01**: CONSULT" in md  # no summary: the type
    assert "Officials denies: CONSULT" in md
    assert "\u201cMinisters met in Lagos on Friday.\u201d" in md  # evidence quoted from text by offsets
    assert "Officials denied" in render_timeline(story)
    assert export(story, "csv", tmp_path) and "2024-03-01" in show(story, actor="nigeria")


@pytest.mark.parametrize(
    "outlets, expected",
    [
        ([None, None], "reported in 2 articles published"),
        (["Daily Planet", None], "reported in 2 articles from 1 outlet published"),
        (["Daily Planet", "Echo News"], "reported in 2 articles from 2 outlets published"),
    ],
)
def test_overview_counts_outlets_honestly(story, outlets, expected):
    story["articles"] = story["articles"][: len(outlets)]
    for a, o in zip(story["articles"], outlets, strict=True):
        a["outlet"] = o
        a["duplicate_of"] = None
    assert expected in render_brief(story).split("\n\n")[1]


def test_bidirectional_controls_are_neutralised_in_markdown_and_terminal_text():
    from storyline.render.common import one_line
    from storyline.render.markdown import esc

    spoof = "Invoice for \u202egnp.exe\u202c and \u2067isolated\u2069 \u200fmark"
    for out in (one_line(spoof), esc(spoof)):
        assert not any(ch in out for ch in "\u202e\u202c\u2067\u2069\u200f")
        assert "gnp.exe" in out and "isolated" in out


def test_markup_spans_are_counted_not_listed():
    from storyline.render.common import excluded_items

    text = "<BODY>Shares of <Siemens A.G.> rose.</BODY>\nBy Jane Doe"
    art = {"text": text, "excluded": [
        {"start": 0, "end": 6, "reason": "markup"}, {"start": 16, "end": 17, "reason": "markup"},
        {"start": 28, "end": 29, "reason": "markup"}, {"start": 35, "end": 42, "reason": "markup"},
        {"start": text.index("By"), "end": len(text), "reason": "byline"}]}
    items = excluded_items(art)
    assert items[0][:2] == ("byline", "By Jane Doe")
    assert items[1] == ("markup", "4 spans", None)


def test_other_events_reach_the_timeline_only_with_their_own_date():
    from storyline.render.common import on_timeline

    day = {"first_day": "2024-03-01", "last_day": "2024-03-01", "precision": "day", "relation": "on",
           "how": "explicit", "text": "March 1"}
    bound = {"first_day": None, "last_day": "2024-03-08", "precision": "day", "relation": "before",
             "how": "publication"}
    year = {"first_day": "1950-01-01", "last_day": "1950-12-31", "precision": "year", "relation": "on",
            "how": "explicit"}
    cut = {"type": "OTHER", "summary": "Acme cut 2,000 jobs at its plant", "date": day}
    assert on_timeline(cut)
    assert not on_timeline({**cut, "date": bound})  # only bounded by publication
    assert not on_timeline({**cut, "date": year})  # too coarse for a timeline entry
    assert not on_timeline({**cut, "summary": "the end"})  # no statement
    assert on_timeline({"type": "AID", "summary": "aid", "date": bound})  # PLOVER events always
    story = {"schema": "storyline.story/2", "articles": [], "entities": [], "timexes": [], "claims": [],
             "events": [{**cut, "id": "e1", "modality": "asserted", "evidence": [], "actors": [], "recipients": []},
                        {**cut, "id": "e2", "date": bound, "modality": "asserted", "evidence": [], "actors": [],
                         "recipients": []}]}
    md = render_brief(story)
    timeline = _section(md, "Timeline")
    assert "Acme cut 2,000 jobs" in timeline and timeline.count("Acme cut 2,000 jobs") == 1
    assert "1 further event mention outside the PLOVER types" in md


def test_off_topic_events_are_set_apart_not_in_the_timeline(story):
    missile = next(e for e in story["events"] if "tests a missile" in (e.get("summary") or ""))
    missile["off_topic"] = True
    story["articles"][3]["off_topic"] = True
    md = render_brief(story)
    assert "tests a missile" not in _section(md, "Timeline")
    off = _section(md, "Off the story's topic")
    assert "Freedonia tests a missile (2023-W30)" in off and "Articles off the topic: A4." in off
    assert md.index("## Off the story's topic") > md.index("## Open conflicts")


def test_brief_stays_readable_on_a_large_story(story, monkeypatch):
    """Many events and claims: the timeline and the claims table keep the best supported ones (the
    most salient events, denials first), and say how many are left to story.json."""
    from storyline.render import markdown

    monkeypatch.setattr(markdown, "TIMELINE_SHOWN", 10)
    monkeypatch.setattr(markdown, "CLAIMS_SHOWN", 3)
    base = next(e for e in story["events"] if e["id"] == "V1")
    for i in range(30):
        e = copy.deepcopy(base)
        e["id"], e["summary"], e["salience"] = f"X{i}", f"Filler event number {i}", i / 100
        e["date"] = dict(e["date"], first_day=f"2023-05-{i % 28 + 1:02d}", last_day=f"2023-05-{i % 28 + 1:02d}")
        story["events"].append(e)
    base["salience"] = 5.0
    md = render_brief(story)
    timeline = _section(md, "Timeline")
    assert "Filler event number 29" in timeline and "Filler event number 0" not in timeline
    assert "Ambassador Trentino" in timeline or "visits Freedonia" in timeline  # the most salient stays
    assert re.search(r"\d+ less supported events on the timeline are left out", timeline)
    table = _section(md, "Who claims what")
    rows = [r for r in table.splitlines() if r.startswith("| ") and not r.startswith("| Speaker")]
    assert len(rows) <= 3
    denials = [c for c in story["claims"] if c.get("stance") == "deny"]
    assert denials and any("denies" in r for r in rows)
    assert "further claim" in table
