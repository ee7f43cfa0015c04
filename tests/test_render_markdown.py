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




def test_timeline_entries_carry_date_modality_and_source_count(story):
    timeline = _section(render_brief(story), "Timeline")
    lines = [ln for ln in timeline.splitlines() if ln.startswith("- ")]
    # the reported event names who says it and who denies it; never a bare fact
    shells = next(ln for ln in lines if "artillery shells" in ln)
    assert shells.startswith("- **on or before 2022-11-02**: Osterlich says; Freedonia denies: ")
    assert "1 source" in shells
    visit = next(ln for ln in lines if "visits Freedonia" in ln)
    # a1 and its near-duplicate a3 count once, a4 is the second source
    assert visit.startswith("- **2023-07-26**") and "2 sources" in visit
    assert "- **2023-07**: planned: Freedonia and Sylvania plan joint exercises" in timeline
    assert "- **2023-W30**: Freedonia tests a missile" in timeline
    assert "Sylvania denies: Sylvanian forces shell border villages" in timeline
    # timeline order follows the dates
    dates = [re.match(r"- \*\*(.*?)\*\*", ln).group(1) for ln in lines]
    assert dates[:6] == ["on or before 2022-11-02", "2023-04", "2023-07", "2023-W30", "2023-07-26",
                         "on or before 2023-08-02"]


def test_hypothetical_and_negated_events_are_kept_out_of_the_main_timeline(story):
    md = render_brief(story)
    timeline = _section(md, "Timeline")
    main, _, not_asserted = timeline.partition("### Not asserted")
    assert "arms deal" not in main and "drones" not in main
    assert "hypothetical" in not_asserted and "arms deal" in not_asserted
    assert "reported as not having happened: Freedonia directly supplies drones" in not_asserted


def test_every_citation_resolves_to_article_outlet_date_and_sentence(story):
    md = render_brief(story)
    sources = _section(md, "Sources")
    cited = {int(n) for n in re.findall(r"\[(\d+)\]", md.split("## Sources")[0])}
    listed = {int(n) for n in re.findall(r"^\[(\d+)\]", sources, re.M)}
    assert cited == listed and cited
    line = next(ln for ln in sources.splitlines() if "Osterlich said on Wednesday" in ln)
    assert "Wire Service, 2022-11-02" in line and "article a2" in line
    # an evidence record without its sentence is quoted from the article text by offsets
    assert "\u201cBoth sides plan joint exercises in July 2023.\u201d" in sources


def test_claims_by_speaker_conflicts_and_actors(story):
    md = render_brief(story)
    claims = _section(md, "Claims by speaker")
    assert "### Freedonia" in claims and "C2 denies" in claims
    assert "contradicted by Osterlich (C1)" in claims
    conflicts = _section(md, "Open conflicts")
    assert "sources disagree on date: 2023-04 (\u201cin April\u201d)" in conflicts
    assert "following the July visit" in conflicts
    actors = _section(md, "Actors")
    assert actors.index("**Freedonia**") < actors.index("**Osterlich**")  # ranked by events


def test_articles_section_lists_dates_outlets_exclusions_and_duplicates(story):
    arts = _section(render_brief(story), "Articles")
    assert "published 2022-11-02 (date from html)" in arts
    assert "excluded caption (chars 0-50)" in arts and "excluded boilerplate" in arts
    assert "near-duplicate of a1, counted once" in arts
    assert "**a5**" in arts and "publication date unknown" in arts


def test_foundation_only_story_lists_articles(story):
    bare = copy.deepcopy(story)
    bare["events"], bare["claims"], bare["entities"], bare["timexes"] = [], [], [], []
    md = render_brief(bare)
    assert "No events extracted." in md and "No events or claims have been extracted yet" in md
    assert "## Claims by speaker" not in md and "## Sources" not in md
    assert "Wire Service" in md and "excluded dateline" in md


def test_empty_story():
    md = render_brief({"schema": "storyline.story/2", "articles": [], "entities": [], "timexes": [],
                       "claims": [], "events": []})
    assert "0 articles" in md and "No articles." in md


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
        ([None, None], "(no outlet named)"),
        (["Daily Planet", None], "from 1 outlet (and 1 with no outlet named)"),
        (["Daily Planet", "Echo News"], "from 2 outlets"),
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
    assert "Acme cut 2,000 jobs" in md and md.count("Acme cut 2,000 jobs") == 1
    assert "1 further event mention outside the PLOVER types" in md
