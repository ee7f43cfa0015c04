"""timeline.html: self-contained, escapes untrusted text, and works in a real browser.

The browser test drives Debian's chromium through Playwright (no bundled browser download). It is
skipped when chromium is missing only outside CI; under CI (CI set) a missing browser is a failure.
"""

import json
import re
from pathlib import Path

import pytest

from storyline.render.html import json_for_script, page_data, render_timeline
from storyline.render.query import select_events

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = Path(__file__).parent / "fixtures" / "story_small.json"
EMPTY = {"schema": "storyline.story/2", "articles": [], "entities": [], "timexes": [], "claims": [],
         "events": []}


@pytest.fixture
def story() -> dict:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def _data_block(page: str) -> str:
    m = re.search(r'<script type="application/json" id="story-data">(.*?)</script>', page, re.S)
    assert m
    return m.group(1)


def test_data_block_cannot_close_its_script(story):
    page = render_timeline(story)
    block = _data_block(page)
    assert "<" not in block and ">" not in block and "&" not in block
    assert json.loads(block) == json.loads(json.dumps(page_data(story)))
    # the only script elements are ours: the data block, vis-timeline and the page script
    assert len(re.findall(r"<script\b", page, re.I)) == 3
    assert "window.__pwned" not in page.replace(block, "")


@pytest.mark.parametrize("text", ["</script><script>alert(1)</script>", "<!--", "a\u2028b", "&lt;"])
def test_json_for_script_round_trips(text):
    enc = json_for_script({"t": text})
    assert "<" not in enc and json.loads(enc) == {"t": text}


@pytest.mark.parametrize("which", ["fixture", "empty"])
def test_page_is_self_contained(story, which):
    page = render_timeline(story if which == "fixture" else EMPTY)
    outside = page.replace(_data_block(page), "")
    assert not re.search(r"""<(?:link|img|iframe)\b|\bsrc\s*=|@import|url\((?!data:)""", outside.split("<script>")[0])
    assert "default-src 'none'" in page  # CSP: nothing may be fetched at view time
    assert "vis-timeline 8.5.4" in page


def test_page_data(story):
    data = page_data(story)
    by_id = {e["id"]: e for e in data["events"]}
    assert by_id["V2"]["date"] == "on or before 2022-11-02" and by_id["V2"]["before"] is True
    assert by_id["V3"]["start"] == "2023-07-01" and by_id["V3"]["end"] == "2023-08-01"  # whole month
    assert by_id["V4"]["start"] is None and by_id["V4"]["asserted"] is False
    assert by_id["V2"]["says"] == "Osterlich says; Freedonia denies"
    assert {a["name"] for a in data["actors"]} >= {"Freedonia", "Osterlich"}
    assert data["title"] == "Story timeline: Freedonia, Sylvania, Rufus Firefly"
    assert page_data(EMPTY)["title"] == "Story timeline"


def test_malformed_day_stays_off_the_axis(story):
    story["events"][0]["date"]["first_day"] = "2023-02-30"
    v1 = next(e for e in page_data(story)["events"] if e["id"] == "V1")
    assert v1["start"] is None


# ---------------------------------------------------------------- browser end-to-end




@pytest.mark.slow
def test_timeline_in_browser(browser, story, tmp_path):
    path = tmp_path / "timeline.html"
    path.write_text(render_timeline(story), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    problems: list[str] = []
    requests: list[str] = []
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("dialog", lambda d: (problems.append("dialog: " + d.message), d.dismiss()))
    page.on("request", lambda r: requests.append(r.url) if not r.url.startswith("file:") else None)
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-ready='1']")

    def visible_ids():
        return set(page.eval_on_selector_all("li.entry:not([hidden])", "els => els.map(e => e.dataset.id)"))

    def timeline_items():
        return page.locator("#timeline .vis-item-content").count()

    assert visible_ids() == {e["id"] for e in story["events"]}
    dated = sum(1 for e in page_data(story)["events"] if e["start"])
    assert timeline_items() == dated > 0
    assert page.text_content("#count") == "8 of 8 entries shown"

    # actor filter: the visible entries are exactly the ones the query selects for that actor
    page.select_option("#f-actor", label="Osterlich")
    expected = {e["id"] for e in select_events(story, actor="Osterlich")}
    assert visible_ids() == expected == {"V2"}
    assert timeline_items() == 1
    page.select_option("#f-actor", label="Sylvania")
    assert visible_ids() == {e["id"] for e in select_events(story, actor="Sylvania")}
    page.select_option("#f-actor", value="")

    # type and modality filters
    page.select_option("#f-type", "CONSULT")
    assert visible_ids() == {"V1", "V5"}
    page.select_option("#f-type", "")
    page.uncheck("input.f-mod[value='hypothetical']")
    assert "V4" not in visible_ids() and len(visible_ids()) == 7
    page.check("input.f-mod[value='hypothetical']")

    # expand an entry: its evidence sentences and citations appear, hostile markup shows as text
    entry = page.locator("li.entry[data-id='V1']")
    assert not entry.locator("blockquote.ev").first.is_visible()
    entry.locator("summary").click()
    sentences = entry.locator("blockquote.ev .sentence")
    assert sentences.first.is_visible()
    assert sentences.first.text_content() == (
        "Ambassador Trentino of Sylvania visited Freedonia on 26 July 2023, meeting Rufus Firefly.")
    assert "Daily Planet, 2023-07-27 (article a1, chars 51-140)" in entry.locator(".cite").first.text_content()
    hostile = sentences.nth(1).text_content()
    assert "<script>window.__pwned=1;alert(1)</script>" in hostile
    assert "<img src=x onerror" in hostile
    assert "<script>window.__pwned=2</script>" in page.text_content("#sources")
    assert page.locator("#entries script, #entries img, #sources script, #articles script").count() == 0
    assert page.evaluate("typeof window.__pwned") == "undefined"

    # clicking an item on the time axis opens its entry
    page.locator("li.entry[data-id='V6'] details").evaluate("d => d.open = false")
    page.locator("#timeline .vis-item-content", has_text="Freedonia tests a missile").click()
    assert page.locator("li.entry[data-id='V6'] details").evaluate("d => d.open")

    assert problems == [] and requests == []
    (ROOT / "docs").mkdir(exist_ok=True)
    page.screenshot(path=str(ROOT / "docs" / "timeline.png"), full_page=True)
    page.close()


@pytest.mark.slow
def test_empty_story_in_browser(browser, tmp_path):
    path = tmp_path / "timeline.html"
    path.write_text(render_timeline(EMPTY), encoding="utf-8")
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-ready='1']")
    assert "No events extracted." in page.text_content("#entries")
    assert "No dated events" in page.text_content("#timeline")
    assert errors == []
    page.close()


def test_csp_allows_only_the_page_own_scripts_by_hash():
    import base64
    import hashlib
    import re

    page = render_timeline(EMPTY)
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)[1]
    script_src = re.search(r"script-src ([^;]+);", csp)[1]
    assert "unsafe-inline" not in script_src and "unsafe-eval" not in script_src
    bodies = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert len(bodies) == 2
    for body in bodies:
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp
    tampered = base64.b64encode(hashlib.sha256((bodies[1] + "alert(1)").encode()).digest()).decode()
    assert tampered not in csp


def _with_key_events(story: dict) -> dict:
    """The fixture with a key-events timeline (V5 then V1, as `rank_story` lists them) and V6 off-topic."""
    by_id = {e["id"]: e for e in story["events"]}
    story["key_events"] = [
        {"event": eid, "rank": rank, "date": by_id[eid]["date"], "summary": by_id[eid]["evidence"][:2],
         "sources": sorted({x["article"] for x in by_id[eid]["evidence"]}), "outlets": [], "claims": [],
         "score": 1.0}
        for eid, rank in (("V5", 2), ("V1", 1))
    ]
    by_id["V6"]["off_topic"] = True
    return story


def test_page_data_key_events(story):
    data = page_data(_with_key_events(story))
    assert [k["event"] for k in data["key"]] == ["V5", "V1"]
    assert data["key"][1]["date"] == "2023-07-26" and len(data["key"][1]["cites"]) == 2
    flags = {e["id"]: (e["key"], e["off_topic"]) for e in data["events"]}
    assert flags["V1"] == (True, False) and flags["V6"] == (False, True) and flags["V2"] == (False, False)
    assert page_data(EMPTY)["key"] == []


@pytest.mark.slow
def test_key_events_and_off_topic_in_browser(browser, story, tmp_path):
    path = tmp_path / "timeline.html"
    path.write_text(render_timeline(_with_key_events(story)), encoding="utf-8")
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-ready='1']")
    items = page.locator("ol#key li.key-event")
    assert items.count() == 2 and items.first.get_attribute("data-event") == "V5"
    assert "exchange" in items.first.text_content().lower() or "letters" in items.first.text_content().lower()

    def visible_ids():
        return set(page.eval_on_selector_all("li.entry:not([hidden])", "els => els.map(e => e.dataset.id)"))

    assert "V6" not in visible_ids() and len(visible_ids()) == 7  # off-topic hidden by default
    page.check("#f-off")
    assert "V6" in visible_ids()
    page.check("#f-key")
    assert visible_ids() == {"V1", "V5"}
    assert page.locator("#timeline .vis-item.key .vis-item-content").count() == 2
    assert errors == []
    page.close()
