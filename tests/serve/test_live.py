"""Live updates in the workbench: an open page learns of a new run without reloading itself, says what
is new in a banner, and on "show" redraws in place with the new items marked; a later visit is told
what came since the last one. The real server (uvicorn) in a thread, headless Debian chromium."""

import copy
import json
import socket
import threading
import time
from pathlib import Path

import pytest

from storyline.serve.app import create_app
from storyline.store import Store
from storyline.tables import story_from_dict, write_story

FIXTURE = Path(__file__).parents[1] / "fixtures" / "story_small.json"
POLL_MS = 300  # the page polls this fast in the test (localStorage storyline.poll_ms)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run_build(db: Path, story: dict) -> None:
    """What a build (or `storyline watch`) does at its end: a new run writes the story, from its own
    connection, while the server reads."""
    store = Store(db)
    try:
        write_story(store, story_from_dict(copy.deepcopy(story)), store.start_run())
    finally:
        store.close()


@pytest.fixture
def live_server(tmp_path, before_a4):
    import uvicorn

    db = tmp_path / "storyline.db"
    _run_build(db, before_a4)
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(200):
        if srv.started:
            break
        time.sleep(0.05)
    assert srv.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}", db
    srv.should_exit = True
    thread.join(timeout=10)


def _ids(page, selector: str) -> set[str]:
    return set(page.eval_on_selector_all(selector, "els => els.map(e => e.dataset.id)"))


@pytest.mark.slow
def test_open_page_shows_what_is_new_without_reloading(browser, live_server):
    base, db = live_server
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.add_init_script(f"localStorage.setItem('storyline.poll_ms', '{POLL_MS}')")
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(base + "/#/events")
    page.wait_for_selector("body[data-ready='1'][data-live='1']")
    assert page.get_attribute("body", "data-story-run") == "1"
    assert not page.locator("#news").is_visible()  # a first visit: nothing to say
    before = _ids(page, "li.event-row")
    assert before and not before & {"V6", "V8"}
    page.evaluate("window.__sameDocument = true")  # gone if the page ever reloads

    _run_build(db, json.loads(FIXTURE.read_text(encoding="utf-8")))  # adds article a4 (run 2)
    page.wait_for_selector("#news:not([hidden])", timeout=20000)
    news = page.text_content("#news .what")
    assert "1 new article" in news and "2 new events" in news and "since this page was loaded" in news
    time.sleep(3 * POLL_MS / 1000)  # more polls: still one banner, nothing redrawn by itself
    assert page.get_attribute("body", "data-news") == "1"
    assert _ids(page, "li.event-row") == before
    assert page.evaluate("window.__sameDocument") is True
    no_scroll = "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    assert page.evaluate(no_scroll)  # the banner fits a phone

    page.click("#news button.show")
    page.wait_for_selector("li.event-row[data-id='V6']")
    page.wait_for_selector("body[data-ready='1']")
    assert _ids(page, "li.event-row") == before | {"V6", "V8"}
    assert _ids(page, "li.event-row.is-new") >= {"V6", "V8"}
    assert page.text_content("li.event-row[data-id='V6'] .badge.new") == "new"
    assert "V1" in _ids(page, "li.event-row.is-new")  # a4 reports it again
    assert page.text_content("li.event-row[data-id='V1'] .badge.new") == "new report"
    assert "V6" in _ids(page, ".tl .item.is-new")  # marked on the axis too
    assert not page.locator("#news").is_visible()
    assert page.evaluate("window.__sameDocument") is True and page.get_attribute("body", "data-story-run") == "2"
    assert page.evaluate(no_scroll)
    page.goto(base + "/#/sources")
    page.wait_for_selector("body[data-ready='1']")
    polls = sum(1 for u in requests if u.endswith("/api/version"))
    assert 3 <= polls  # it polled, and only the cheap endpoint
    assert all(u.startswith(base + "/") for u in requests)  # nothing outside this server
    assert problems == []
    context.close()


@pytest.mark.slow
def test_a_later_visit_is_told_what_came_since_the_last(browser, live_server):
    base, db = live_server
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + "/#/")
    page.wait_for_selector("body[data-ready='1'][data-live='1']")
    assert page.evaluate("localStorage.getItem('storyline.seen')") == "1"
    page.close()
    _run_build(db, json.loads(FIXTURE.read_text(encoding="utf-8")))  # run 2 while the reader is away
    page = context.new_page()
    page.goto(base + "/#/events")
    page.wait_for_selector("#news:not([hidden])")
    assert "since your last visit" in page.text_content("#news .what")
    page.wait_for_selector("li.event-row.is-new[data-id='V6']")
    assert page.evaluate("localStorage.getItem('storyline.seen')") == "2"
    page.click("#news button.close")
    assert not page.locator("#news").is_visible()
    context.close()


@pytest.mark.slow
def test_polling_backs_off_and_stops_while_the_tab_is_hidden(browser, live_server):
    base, _ = live_server
    context = browser.new_context()
    context.add_init_script("localStorage.setItem('storyline.poll_ms', '200')")
    page = context.new_page()
    polls: list[float] = []
    page.on("request", lambda r: polls.append(time.monotonic()) if r.url.endswith("/api/version") else None)
    page.goto(base + "/#/")
    page.wait_for_selector("body[data-ready='1'][data-live='1']")
    hide = "v => { Object.defineProperty(document, 'hidden', {configurable: true, get: () => v});" \
           " document.dispatchEvent(new Event('visibilitychange')); }"  # fmt: skip
    page.evaluate(hide, True)
    page.wait_for_timeout(300)  # one poll may have been on its way (waiting in Playwright keeps its events flowing)
    n = len(polls)
    page.wait_for_timeout(1500)
    assert len(polls) == n  # hidden: no polling at all
    page.evaluate(hide, False)
    start = time.monotonic()
    page.wait_for_timeout(3000)
    seen = [t for t in polls if t >= start]
    # shown again: it polls at once and then less and less often while nothing changes (every 200 ms
    # without backing off would be 15 polls)
    assert 2 <= len(seen) <= 9
    gaps = [b - a for a, b in zip(seen, seen[1:], strict=False)]
    assert gaps[-1] > 2 * gaps[0]  # 200 ms, 300, 450, ... (x1.5 while nothing changes)
    context.close()
