"""The workbench pages of `storyline serve`, end to end: the real server (uvicorn on a free localhost
port) over a small store, driven in headless Debian chromium through Playwright.

The store is the small fixture story plus hostile input: an article whose text carries script and
markup injection, a `javascript:` address, and a character beyond the BMP before an evidence sentence
(the API counts offsets in code points, the page in UTF-16 units). Browser tests are skipped when
chromium is missing, except under CI (CI set), where that is a failure.
"""

import copy
import json
import socket
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from storyline.serve.app import create_app
from storyline.store import Store
from storyline.tables import story_from_dict, write_story

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "story_small.json"
INJECTION = "\nReaders wrote: <script>alert(1)</script> and <img src=x onerror=alert(2)>.\n"
WIDE = "\U0001f6f0\ufe0f "  # a satellite emoji (beyond the BMP) and a variation selector
PHONE = {"width": 390, "height": 844}


def _shift(node, article: str, by: int) -> None:
    """Move every [start, end) span into `article` by `by` code points (text was prepended)."""
    if isinstance(node, dict):
        if node.get("article") == article and isinstance(node.get("start"), int):
            node["start"] += by
            node["end"] += by
        for value in node.values():
            _shift(value, article, by)
    elif isinstance(node, list):
        for value in node:
            _shift(value, article, by)


def hostile_story() -> dict:
    story = copy.deepcopy(json.loads(FIXTURE.read_text(encoding="utf-8")))
    arts = {a["id"]: a for a in story["articles"]}
    arts["a2"]["text"] += INJECTION
    arts["a4"]["url"] = "javascript:alert(3)"
    arts["a4"]["text"] = WIDE + arts["a4"]["text"]
    for a in story["articles"]:
        for x in a.get("excluded", []):
            x["article"] = a["id"]
    _shift(story, "a4", len(WIDE))
    for a in story["articles"]:
        for x in a.get("excluded", []):
            x.pop("article")
    story["topic"] = {"actors": ["E1", "E2"], "terms": ["talks", "shells"]}
    # one mis-dated event, years from the rest (the axis must not stretch to reach it)
    far = copy.deepcopy(next(e for e in story["events"] if e["id"] == "V6"))
    text = arts["a2"]["text"]
    sentence = "In September, Freedonia said it had never supplied weapons to Sylvania."
    start = text.index(sentence)
    far.update(id="V9", summary="Freedonia signs a border treaty", sources=["a2"], outlets=["Wire Service"],
               date={"first_day": "2015-01-01", "last_day": "2015-12-31", "precision": "year", "text": "2015",
                     "how": "explicit", "relation": "on"},
               evidence=[{"article": "a2", "start": start, "end": start + len(sentence), "sentence": sentence,
                          "source_span": None, "cue_span": None, "content_span": None}])  # fmt: skip
    story["events"].append(far)
    return story


def _build(db: Path) -> dict:
    story = hostile_story()
    v1 = story["events"][0]
    story["key_events"] = [{"event": v1["id"], "rank": 1, "date": v1["date"], "score": 2.0,
                            "summary": [{k: v1["evidence"][0][k] for k in ("article", "start", "end", "sentence")}],
                            "sources": ["a1", "a4"], "outlets": ["Daily Planet", "Morning Post"]}]  # fmt: skip
    store = Store(db)
    write_story(store, story_from_dict(story), store.start_run())
    store.close()
    return story


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    import uvicorn

    db = tmp_path_factory.mktemp("workbench") / "storyline.db"
    story = _build(db)
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        if srv.started:
            break
        time.sleep(0.05)
    assert srv.started, "uvicorn did not start"
    yield base, story
    srv.should_exit = True
    thread.join(timeout=10)


def test_shell_is_served_with_a_strict_csp(server):
    base, _ = server
    with urllib.request.urlopen(base + "/") as res:
        page = res.read().decode()
        csp = res.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "default-src 'none'" in csp and "connect-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert res.headers["X-Content-Type-Options"] == "nosniff"
    assert '<script type="module" src="/static/main.js"></script>' in page
    assert "<script>" not in page and "http://" not in page and "https://" not in page  # nothing inline, no CDN
    assert "asserted reported planned" in page  # the modalities, from storyline.modality
    with urllib.request.urlopen(base + "/static/main.js") as res:
        assert res.headers["Content-Type"].startswith(("text/javascript", "application/javascript"))
        assert res.headers["Content-Security-Policy"] == csp
    # the pages are no part of the API's published schema
    with urllib.request.urlopen(base + "/openapi.json") as res:
        assert all(p.startswith("/api/") for p in json.load(res)["paths"])


def test_static_files_never_use_markup_sinks():
    """Story text only ever becomes text nodes: no innerHTML, outerHTML, insertAdjacentHTML,
    document.write or eval in the page code."""
    static = ROOT / "src" / "storyline" / "serve" / "static"
    code = "\n".join(p.read_text(encoding="utf-8") for p in sorted(static.glob("*.js")))
    assert code
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function",
                 "setAttribute(\"style\"", "http://", "https://"):
        assert sink not in code, sink


# ---------------------------------------------------------------- browser end-to-end




class Watch:
    """Page errors, console errors, dialogs and any request that leaves this server."""

    def __init__(self, page, base):
        self.problems: list[str] = []
        self.outside: list[str] = []
        self.expect_400 = False  # a test that sends a bad parameter on purpose sets this
        page.on("pageerror", lambda e: self.problems.append(f"pageerror: {e}"))
        page.on("console", self._console)
        page.on("dialog", lambda d: (self.problems.append("dialog: " + d.message), d.dismiss()))
        page.on("request", lambda r: None if r.url.startswith(base + "/") else self.outside.append(r.url))

    def _console(self, m):
        if m.type == "error" and not (self.expect_400 and "status of 400" in m.text):
            self.problems.append(f"console: {m.text}")


def _open(page, base, route, view):
    if page.url.startswith(base):  # a new hash on the same page: not ready until it is drawn
        page.evaluate("document.body.dataset.ready = '0'")
    page.goto(f"{base}/#{route}")
    _ready(page, view)


def _ready(page, view):
    page.wait_for_selector(f"body[data-ready='1'][data-view='{view}']", timeout=15000)


@pytest.fixture
def page(browser, server):
    base, _ = server
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    watch = Watch(pg, base)
    yield pg, watch
    context.close()
    assert watch.problems == [] and watch.outside == []


def _shot(pg, name, full_page=True):
    (ROOT / "docs").mkdir(exist_ok=True)
    pg.screenshot(path=str(ROOT / "docs" / f"workbench-{name}.png"), full_page=full_page)


@pytest.mark.slow
def test_overview_shows_the_key_developments(server, page):
    base, story = server
    pg, _ = page
    _open(pg, base, "/", "overview")
    assert pg.text_content("h1") == "Story: Freedonia, Sylvania"
    keys = pg.locator("ol.key-events li.key-event")
    assert keys.count() == 1
    first = keys.first
    assert first.locator(".when").text_content() == "2023-07-26"
    assert first.locator("a").first.text_content() == story["events"][0]["summary"]
    assert "Daily Planet, 2023-07-27" in first.locator(".cite").first.text_content()
    _shot(pg, "overview")
    first.locator("a").first.click()
    _ready(pg, "event")
    assert pg.url.endswith("#/event/V1")


@pytest.mark.slow
def test_filters_live_in_the_url_and_survive_a_reload(server, page):
    base, story = server
    pg, watch = page
    _open(pg, base, "/events", "events")
    total = len(story["events"])
    assert pg.locator("ol.events li.event-row").count() == total
    dated = pg.locator(".tl-canvas a.item").count()
    assert 0 < dated < total  # the undated ones are listed, not drawn

    pg.select_option("form.filters select[name='type']", "CONSULT")
    _ready(pg, "events")
    assert "type=CONSULT" in pg.url
    consult = {e["id"] for e in story["events"] if e["type"] == "CONSULT"}
    assert set(pg.eval_on_selector_all("ol.events li.event-row", "els => els.map(e => e.dataset.id)")) == consult
    pg.fill("form.filters input[name='actor']", "Freedonia")
    pg.press("form.filters input[name='actor']", "Enter")
    _ready(pg, "events")
    assert "actor=Freedonia" in pg.url and "type=CONSULT" in pg.url
    want = {e["id"] for e in story["events"] if e["type"] == "CONSULT" and "E1" in e["actors"] + e["recipients"]}
    rows = lambda: set(pg.eval_on_selector_all("ol.events li.event-row", "els => els.map(e => e.dataset.id)"))  # noqa: E731
    assert rows() == want and want
    # the axis refits to what is shown
    assert set(pg.eval_on_selector_all(".tl-canvas a.item", "els => els.map(e => e.dataset.id)")) <= want
    permalink = pg.url
    pg.reload()
    _ready(pg, "events")
    assert pg.url == permalink and rows() == want
    assert pg.input_value("form.filters input[name='actor']") == "Freedonia"
    assert pg.input_value("form.filters select[name='type']") == "CONSULT"
    # a date filter that is no date is answered with the API's message, not an error
    watch.expect_400 = True
    _open(pg, base, "/events?since=soon", "events")
    assert "since must be a date" in pg.text_content(".error")


@pytest.mark.slow
def test_axis_draws_dates_at_their_precision_and_zooms(server, page):
    base, story = server
    pg, _ = page
    _open(pg, base, "/events", "events")
    item = lambda i: pg.locator(f".tl-canvas a.item[data-id='{i}']")  # noqa: E731
    bar = lambda i: item(i).locator(".bar").bounding_box()  # noqa: E731
    # a bound is drawn as a bound, a month as a span, a day as a day, each labelled at its precision
    assert "k-before" in item("V2").get_attribute("class")
    assert item("V2").locator(".when").text_content() == "on or before 2022-11-02"
    assert "k-span" in item("V3").get_attribute("class") and "k-day" in item("V1").get_attribute("class")
    assert bar("V3")["width"] > 3 * bar("V1")["width"]  # July 2023 is wider than 26 July
    assert bar("V1")["x"] > bar("V3")["x"] and bar("V1")["x"] + bar("V1")["width"] <= bar("V3")["x"] + bar("V3")["width"]
    assert pg.locator(".legend .key").count() == 6 + 4  # six modalities, four shapes
    # labels are the whole summary, never cut
    for e in story["events"]:
        if placeable(e) and e["id"] != "V9":
            assert e["summary"] in item(e["id"]).text_content()
    # the 2015 event is named beside the axis, not on it; asked for, it is drawn and the URL says so
    assert item("V9").count() == 0 and "Freedonia signs a border treaty" in pg.text_content(".tl-note")
    width = pg.evaluate("document.querySelector('.tl-canvas').offsetWidth")
    pg.check(".tl-tools input[type=checkbox]")
    _ready(pg, "events")
    assert "all=1" in pg.url and item("V9").count() == 1
    pg.go_back()
    _ready(pg, "events")
    assert item("V9").count() == 0
    assert abs(pg.evaluate("document.querySelector('.tl-canvas').offsetWidth") - width) <= 2
    # zoom in: the axis widens inside its own scroll box, the page does not
    pg.click(".tl-tools button[title='zoom in']")
    assert pg.evaluate("document.querySelector('.tl-canvas').offsetWidth") > 1.4 * width
    assert pg.evaluate("document.documentElement.scrollWidth") <= 1280
    pg.click(".tl-tools button[title='fit the events to the width']")
    assert abs(pg.evaluate("document.querySelector('.tl-canvas').offsetWidth") - width) <= 2
    pg.select_option(".tl-tools select", "actor")
    _ready(pg, "events")
    assert "lanes=actor" in pg.url
    lanes = pg.eval_on_selector_all(".lane-name", "els => els.map(e => e.textContent)")
    assert any(name.startswith("Freedonia") for name in lanes)


def placeable(e):
    d = e.get("date") or {}
    return bool(d.get("first_day") or d.get("last_day"))


@pytest.mark.slow
def test_search_finds_and_marks_words(server, page):
    base, _ = server
    pg, _ = page
    _open(pg, base, "/search", "search")
    pg.fill("form.filters input[name='q']", "Trentino")
    pg.press("form.filters input[name='q']", "Enter")
    _ready(pg, "search")
    assert "q=Trentino" in pg.url
    hits = pg.locator("ol.hits li.hit")
    assert hits.count() >= 2
    marks = pg.eval_on_selector_all("ol.hits mark", "els => els.map(e => e.textContent.toLowerCase())")
    assert marks and set(marks) == {"trentino"}
    _shot(pg, "search")
    event_hit = pg.locator("ol.hits li.hit", has=pg.locator(".badge", has_text="event")).first
    event_hit.locator("a").click()
    _ready(pg, "event")


@pytest.mark.slow
def test_event_page_marks_each_sentence_inside_its_article(server, page):
    base, story = server
    pg, _ = page
    v1 = story["events"][0]
    _open(pg, base, "/event/V1", "event")
    assert pg.text_content("h1") == v1["summary"]
    by_article = {}
    for v in v1["evidence"]:
        by_article.setdefault(v["article"], []).append(v["sentence"])
    cards = pg.locator("article.article-card")
    assert cards.count() == len(by_article)
    arts = {a["id"]: a for a in story["articles"]}
    for aid, sentences in by_article.items():
        card = pg.locator(f"article.article-card[data-article='{aid}']")
        assert card.locator(".article-text mark").evaluate_all("ms => ms.map(m => m.textContent)") == sentences
        # the whole article text is there, as text (marks included)
        assert card.locator(".article-text").text_content() == arts[aid]["text"]
        meta = card.locator(".meta").text_content()
        assert arts[aid]["outlet"] in meta and arts[aid]["published"] in meta
        assert card.locator("h3").text_content() == arts[aid]["title"]
    link = pg.locator("article.article-card[data-article='a1'] .meta a.url")
    assert link.get_attribute("href") == arts["a1"]["url"]
    assert link.get_attribute("rel") == "noopener noreferrer"
    # the javascript: address of a4 is shown as text, never as a link
    assert pg.locator("article.article-card[data-article='a4'] a.url").count() == 0
    assert pg.text_content("article.article-card[data-article='a4'] .meta .url") == "javascript:alert(3)"
    assert pg.locator("a[href^='javascript']").count() == 0
    # markup in the title and the sentences is text
    assert "<script>window.__pwned=2</script>" in pg.locator("article.article-card[data-article='a1'] h3").text_content()
    assert pg.locator("main script, main img").count() == 0
    assert pg.evaluate("typeof window.__pwned") == "undefined"
    _shot(pg, "event")

    # a claim's page: speaker, stance, the event it is about
    _open(pg, base, "/event/V2", "event")
    claims = pg.locator("ul.claims li.claim")
    assert claims.count() == len(story["events"][1]["claims"])
    assert pg.locator("ul.claims li.claim .stance", has_text="deny").count() >= 1


@pytest.mark.slow
def test_injection_in_article_text_renders_as_text(server, page):
    base, _ = server
    pg, _ = page
    _open(pg, base, "/article/a2", "article")
    text = pg.text_content(".article-text")
    assert "<script>alert(1)</script>" in text and "<img src=x onerror=alert(2)>" in text
    assert pg.locator("script").count() == 1  # only the page's own module
    assert pg.locator("main img, main script").count() == 0
    # a highlighted span from the URL, in a text with a character beyond the BMP before it
    _open(pg, base, f"/article/a4?start={len(WIDE)}&end={len(WIDE) + 72}", "article")
    assert pg.text_content("mark") == "Ambassador Trentino's visit to Freedonia on July 26 drew wide attention."


@pytest.mark.slow
def test_claims_conflicts_actor_and_sources_views(server, page):
    base, story = server
    pg, _ = page
    _open(pg, base, "/claims?stance=deny", "claims")
    deny = {c["id"] for c in story["claims"] if c["stance"] == "deny"}
    assert set(pg.eval_on_selector_all("ul.claims li.claim", "els => els.map(e => e.dataset.id)")) == deny
    assert pg.locator("ul.claims .about a").count() >= 1  # linked to its events
    _shot(pg, "claims")
    _open(pg, base, "/conflicts", "conflicts")
    assert pg.locator("ul.conflicts li.conflict-card").count() >= 1
    assert pg.locator("ul.conflicts blockquote.ev").count() >= 1
    _shot(pg, "conflicts")
    _open(pg, base, "/actor/E1", "actor")
    assert pg.text_content("h1") == "Freedonia"
    involved = {e["id"] for e in story["events"] if "E1" in e["actors"] + e["recipients"]}
    assert set(pg.eval_on_selector_all("ol.events li.event-row", "els => els.map(e => e.dataset.id)")) == involved
    _shot(pg, "actor")
    _open(pg, base, "/sources", "sources")
    outlets = pg.eval_on_selector_all("section.outlet h2", "els => els.map(e => e.textContent)")
    assert {"Daily Planet", "Wire Service", "Echo News", "Morning Post"} <= set(outlets)
    assert "first on 2022-11-02" in pg.locator("section.outlet", has_text="Wire Service").text_content()
    _shot(pg, "sources")
    pg.select_option("form.filters select[name='outlet']", "Echo News")
    _ready(pg, "sources")
    assert "outlet=Echo" in pg.url
    assert pg.eval_on_selector_all("section.outlet h2", "els => els.map(e => e.textContent)") == ["Echo News"]


@pytest.mark.slow
def test_phone_viewport_has_no_horizontal_scroll(server, browser):
    base, _ = server
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    pg = context.new_page()
    watch = Watch(pg, base)
    for route, view in [("/", "overview"), ("/events", "events"), ("/event/V1", "event"), ("/claims", "claims"),
                        ("/conflicts", "conflicts"), ("/sources", "sources"), ("/actor/E1", "actor"),
                        ("/article/a1", "article"), ("/search?q=Freedonia", "search")]:
        _open(pg, base, route, view)
        width = pg.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], (route, width)
    _open(pg, base, "/events", "events")
    _shot(pg, "phone", full_page=False)
    context.close()
    assert watch.problems == [] and watch.outside == []
