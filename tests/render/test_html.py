"""timeline.html: the workbench's own page code in one offline file. Self-contained (no network, a
CSP that lets only its own script and style run), escapes untrusted text, answers the pages' requests
as the server does, and works in a real browser, on a phone too.

The browser tests drive Debian's chromium through Playwright (no bundled browser download). They are
skipped when chromium is missing only outside CI; under CI (CI set) a missing browser is a failure.
"""

import base64
import hashlib
import json
import re
import sqlite3
from pathlib import Path

import pytest

from storyline.render import html as export
from storyline.render.html import bundle, json_for_script, page_data, render_timeline
from storyline.serve import queries
from storyline.serve.shell import STATIC
from storyline.store import Store
from storyline.tables import story_from_dict, write_story

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "story_small.json"
EMPTY = {"schema": "storyline.story/2", "articles": [], "entities": [], "timexes": [], "claims": [],
         "events": []}  # fmt: skip
PHONE = {"width": 390, "height": 844}
NO_SCROLL = "document.documentElement.scrollWidth <= document.documentElement.clientWidth"


@pytest.fixture
def story() -> dict:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def _data_block(page: str) -> str:
    m = re.search(r'<script type="application/json" id="story-data">(.*?)</script>', page, re.S)
    assert m
    return m.group(1)


def _csp(page: str) -> str:
    return re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)[1]


def _sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_data_block_cannot_close_its_script(story):
    page = render_timeline(story)
    block = _data_block(page)
    assert "<" not in block and ">" not in block and "&" not in block
    data = json.loads(block)
    fresh = page_data(story)
    for d in (data, fresh):  # the in-memory store's own run stamp differs between two renderings
        d["story"].pop("written_at")
    assert data == json.loads(json.dumps(fresh))
    # the only script elements are ours: the data block and the page code
    assert len(re.findall(r"<script\b", page, re.I)) == 2
    assert "window.__pwned" not in page.replace(block, "")


@pytest.mark.parametrize("text", ["</script><script>alert(1)</script>", "<!--", "a\u2028b", "&lt;"])
def test_json_for_script_round_trips(text):
    enc = json_for_script({"t": text})
    assert "<" not in enc and json.loads(enc) == {"t": text}


@pytest.mark.parametrize("which", ["fixture", "empty"])
def test_page_is_self_contained(story, which):
    page = render_timeline(story if which == "fixture" else EMPTY)
    outside = page.replace(_data_block(page), "")
    assert not re.search(r"""<(?:link|img|iframe)\b|\bsrc\s*=|@import|url\((?!data:)|https?://""", outside)
    csp = _csp(page)
    assert "default-src 'none'" in csp and "connect-src 'none'" in csp  # nothing may be fetched at view time


def test_csp_allows_only_the_page_own_script_and_style_by_hash(story):
    page = render_timeline(story)
    csp = _csp(page)
    script_src = re.search(r"script-src ([^;]+);", csp)[1]
    style_src = re.search(r"style-src ([^;]+);", csp)[1]
    assert "unsafe" not in script_src and "unsafe" not in style_src
    [script] = re.findall(r"<script>(.*?)</script>", page, re.S)
    [style] = re.findall(r"<style>(.*?)</style>", page, re.S)
    assert script_src.strip() == _sha(script) and style_src.strip() == _sha(style)
    assert _sha(script + "alert(1)") not in csp


def test_the_export_runs_the_workbench_page_code():
    """One page code: every line of every workbench module the pages load is in the bundle as written
    (only import and export lines are rewritten), each module once, each after what it imports."""
    code = bundle()
    names = re.findall(r'__m\["([\w-]+\.js)"\] = \(function', code)
    assert names[0] == "dom.js" or names[0] == "api.js"
    assert set(names) >= {"api.js", "offline.js", "dom.js", "timeline.js", "parts.js", "views.js", "more.js", "live.js",
                          "main.js"} and len(names) == len(set(names))  # fmt: skip
    assert names.index("offline.js") < names.index("main.js") and names.index("api.js") < names.index("offline.js")
    for name in names:
        for line in (STATIC / name).read_text(encoding="utf-8").splitlines():
            if not line.startswith(("import ", "export ")):
                assert line in code, (name, line)
            elif line.startswith("export "):
                assert line[len("export "):] in code


def test_bundling_refuses_what_it_cannot_rewrite(monkeypatch):
    real = export._static
    monkeypatch.setattr(export, "_static", lambda n: "import x from './dom.js';" if n == "main.js" else real(n))
    with pytest.raises(ValueError, match="cannot bundle this import"):
        bundle()
    monkeypatch.setattr(export, "_static", lambda n: "export default 1;" if n == "main.js" else real(n))
    with pytest.raises(ValueError, match="cannot bundle this export"):
        bundle()


def _store_answers(story: dict):
    store = Store(":memory:")
    write_story(store, story_from_dict(story), store.start_run())
    store.conn.row_factory = sqlite3.Row
    return store


def _bare(node):
    """The API's answer with each evidence sentence's article fields left out (the page adds them back)."""
    if isinstance(node, list):
        return [_bare(x) for x in node]
    if isinstance(node, dict):
        ev = "sentence" in node and "article_id" in node
        return {k: _bare(v) for k, v in node.items() if not (ev and k in ("outlet", "published", "title", "url"))}
    return node


def test_page_data_are_the_api_answers(story):
    data = page_data(story)
    store = _store_answers(story)
    try:
        c = store.conn
        assert data["events"] == queries.list_events(c, limit=500)[1]
        assert data["claims"] == _bare(queries.list_claims(c, limit=500)[1])
        assert data["key_events"] == _bare(queries.key_events(c))
        v1 = queries.event_detail(c, "V1")
        v1.pop("triggers")  # not shown by the pages, not embedded
        slim = {k: v for k, v in v1.items() if k != "evidence"}
        got = {**data["events"][[e["id"] for e in data["events"]].index("V1")], **data["event_more"]["V1"]}
        assert {k: v for k, v in got.items() if k != "evidence"} == {**slim, "claims": [x["id"] for x in v1["claims"]]}
        # evidence without its article's fields (the page adds them back from the article)
        assert got["evidence"] == _bare(v1["evidence"])
        a1 = queries.article_detail(c, "a1")
        assert data["article_more"]["a1"]["text"] == a1["text"] and "<script>" in a1["text"]
    finally:
        store.close()
    by_id = {e["id"]: e for e in data["events"]}
    assert by_id["V2"]["date"]["label"] == "on or before 2022-11-02" and by_id["V2"]["date"]["relation"] == "before"
    assert (by_id["V3"]["date"]["first_day"], by_id["V3"]["date"]["last_day"]) == ("2023-07-01", "2023-07-31")
    assert by_id["V4"]["date"]["first_day"] is None and by_id["V4"]["modality"] == "hypothetical"
    assert page_data(EMPTY)["events"] == [] and page_data(EMPTY)["story"]["counts"]["events"] == 0


def test_only_the_timeline_events_are_embedded(story):
    """Events a reader's timeline leaves out (type OTHER without a day, week or month of their own) stay
    in story.json and the workbench; the export says how many it shows."""
    extra = json.loads(json.dumps(story["events"][3]))  # undated
    extra.update(id="V99", type="OTHER", summary="said")
    story["events"].append(extra)
    data = page_data(story)
    assert "V99" not in {e["id"] for e in data["events"]} and len(data["events"]) == 8
    assert data["export"]["events"] == 8 and data["export"]["events_in_story"] == 9
    assert "8 of the story's 9 events" in render_timeline(story)


def test_article_text_beyond_the_budget_is_left_out(story, monkeypatch):
    total = sum(len(a["text"]) for a in story["articles"])
    monkeypatch.setattr(export, "MAX_TEXT_CHARS", total // 2)
    more = page_data(story)["article_more"]
    kept = [k for k, v in more.items() if v["text"]]
    left = [k for k, v in more.items() if not v["text"]]
    assert kept and left and sum(len(more[k]["text"]) for k in kept) <= total // 2
    assert all("left out of this offline export" in " ".join(more[k]["warnings"]) for k in left)


# ---------------------------------------------------------------- browser end-to-end

class Page:
    """The export open in chromium, with every page error, console error, dialog and request kept."""

    def __init__(self, browser, path: Path, viewport=None):
        self.page = browser.new_page(viewport=viewport or {"width": 1200, "height": 900})
        self.problems: list[str] = []
        self.requests: list[str] = []
        p = self.page
        p.on("pageerror", lambda e: self.problems.append(str(e)))
        p.on("console", lambda m: self.problems.append(m.text) if m.type in ("error", "warning") else None)
        p.on("dialog", lambda d: (self.problems.append("dialog: " + d.message), d.dismiss()))
        p.on("request", lambda r: self.requests.append(r.url) if not r.url.startswith("file:") else None)
        self.uri = path.as_uri()
        p.goto(self.uri)
        self.ready()

    def ready(self):
        self.page.wait_for_selector("body[data-ready='1']")

    def go(self, route: str):
        self.page.goto(self.uri + "#" + route)
        self.ready()

    def ids(self, selector="li.event-row"):
        return set(self.page.eval_on_selector_all(selector, "els => els.map(e => e.dataset.id)"))


def _write(tmp_path, story) -> Path:
    path = tmp_path / "timeline.html"
    path.write_text(render_timeline(story), encoding="utf-8")
    return path


@pytest.mark.slow
def test_timeline_in_browser(browser, story, tmp_path):
    pg = Page(browser, _write(tmp_path, story))
    page = pg.page
    assert "Key developments" in page.text_content("main") and "Freedonia" in page.text_content("main")
    pg.go("/events")
    assert pg.ids() == {e["id"] for e in story["events"]}
    legend = page.text_content(".legend")
    assert all(m in legend for m in ("asserted", "reported", "planned", "hypothetical")) and "on or before" in legend
    # each event drawn at its precision: a day, a span (week, month), an "on or before" bound
    kinds = {x: page.get_attribute(f".tl .item[data-id='{x}']", "class") for x in ("V1", "V2", "V3", "V6")}
    assert "k-day" in kinds["V1"] and "k-before" in kinds["V2"] and "k-span" in kinds["V3"] and "k-span" in kinds["V6"]
    dated = {e["id"] for e in story["events"] if (e["date"] or {}).get("last_day")}
    assert pg.ids(".tl .item") == dated and len(dated) == 6  # undated V4, V7 in the list only
    assert page.locator(".tl .item[data-id='V4']").count() == 0

    # the filters answer as the server does (the same queries over the same story)
    store = _store_answers(story)
    try:
        for params in ({"actor": "Sylvania"}, {"type": "CONSULT"}, {"modality": "hypothetical"},
                       {"since": "2023-07", "until": "2023-07"}, {"q": "shells"}):  # fmt: skip
            pg.go("/events?" + "&".join(f"{k}={v}" for k, v in params.items()))
            kw = {("type_" if k == "type" else k): v for k, v in params.items()}
            for k in ("since", "until"):
                if k in kw:
                    kw[k] = {"since": "2023-07-01", "until": "2023-07-31"}[k]
            expected = {e["id"] for e in queries.list_events(store.conn, limit=500, **kw)[1]}
            assert pg.ids() == expected and expected, params
    finally:
        store.close()
    pg.go("/events")
    page.select_option("select[name='type']", "CONSULT")  # a filter set from the form
    pg.ready()
    assert pg.ids() == {"V1", "V5"} and "type=CONSULT" in page.url

    # an event: its evidence sentence highlighted in its article; hostile markup stays text
    pg.go("/event/V1")
    card = page.locator(".article-card[data-article='a1']")
    assert "Ambassador Trentino of Sylvania visited Freedonia on 26 July 2023" in card.locator("mark").first.text_content()
    assert "Daily Planet" in card.text_content()
    assert "<script>window.__pwned=1;alert(1)</script>" in page.text_content("main")
    assert page.locator("main script, main img").count() == 0
    pg.go("/sources")
    assert '<script>window.__pwned=2</script>' in page.text_content("main")
    pg.go("/claims")  # citations carry their article's outlet, date and title (added back in the page)
    cite = page.text_content("li.claim[data-id='C2'] .cite")
    assert "Wire Service" in cite and "Osterlich says Freedonia ships shells" in cite
    pg.go("/search?q=missile")
    assert page.locator("li.hit").count() >= 1 and page.locator("li.hit mark").count() >= 1
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert pg.problems == [] and pg.requests == []
    pg.go("/events")
    (ROOT / "docs").mkdir(exist_ok=True)
    page.screenshot(path=str(ROOT / "docs" / "timeline.png"), full_page=True)
    page.close()


@pytest.mark.slow
def test_phone_size_has_no_horizontal_scroll(browser, story, tmp_path):
    pg = Page(browser, _write(tmp_path, story), PHONE)
    for route in ("/", "/events", "/event/V1", "/claims", "/sources", "/article/a1"):
        pg.go(route)
        assert pg.page.evaluate(NO_SCROLL), route
    assert pg.problems == []
    pg.page.close()


@pytest.mark.slow
def test_empty_story_in_browser(browser, tmp_path):
    pg = Page(browser, _write(tmp_path, EMPTY))
    assert "No key developments" in pg.page.text_content("main")
    pg.go("/events")
    assert "No dated events" in pg.page.text_content("main")
    assert pg.problems == []
    pg.page.close()


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


@pytest.mark.slow
def test_key_events_and_off_topic_in_browser(browser, story, tmp_path):
    pg = Page(browser, _write(tmp_path, _with_key_events(story)))
    page = pg.page
    items = page.locator("ol.key-events li.key-event")
    assert items.count() == 2 and items.first.get_attribute("data-id") == "V5"  # in date order
    assert "key #2" in items.first.text_content() and "letters" in items.first.text_content().lower()
    pg.go("/events")
    assert "off topic" in page.text_content("li.event-row[data-id='V6']")
    assert page.locator(".tl .item.key").count() == 2
    assert pg.problems == []
    page.close()


@pytest.mark.slow
def test_an_event_whose_article_text_was_left_out_shows_its_sentences(browser, story, tmp_path, monkeypatch):
    monkeypatch.setattr(export, "MAX_TEXT_CHARS", 0)
    pg = Page(browser, _write(tmp_path, story))
    pg.go("/event/V1")
    card = pg.page.locator(".article-card[data-article='a1']")
    assert "left out of this offline export" in card.text_content()
    assert "Ambassador Trentino of Sylvania visited Freedonia" in card.locator("blockquote.ev .sentence").first.text_content()
    assert pg.problems == []
    pg.page.close()
