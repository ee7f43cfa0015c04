"""The JSON API over a small story: every endpoint, its filters, 4xx on bad requests, and a schemathesis
run against the published OpenAPI schema."""

import atexit
import copy
import json
import shutil
import tempfile
from pathlib import Path

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from storyline.records import Evidence, KeyEvent
from storyline.serve.app import StoreUnusable, create_app
from storyline.store import Store
from storyline.tables import story_from_dict, write_story

FIXTURE = Path(__file__).parents[1] / "fixtures" / "story_small.json"
STORY = json.loads(FIXTURE.read_text(encoding="utf-8"))
KEY_EVENT = STORY["events"][0]["id"]


def _build(db: Path) -> None:
    """Run 1 writes the story without a5; run 2 adds a5 and drops a4 (what /api/changes reports)."""
    store = Store(db)
    first = copy.deepcopy(STORY)
    first["articles"] = [a for a in first["articles"] if a["id"] != "a5"]
    for e in first["events"]:
        e["evidence"] = [v for v in e["evidence"] if v["article"] != "a5"]
    write_story(store, story_from_dict(first), store.start_run())
    second = copy.deepcopy(STORY)
    second["articles"] = [a for a in second["articles"] if a["id"] != "a4"]
    for item in second["events"] + second["claims"]:
        item["evidence"] = [v for v in item["evidence"] if v["article"] != "a4"]
    for ent in second["entities"]:
        ent["mentions"] = [m for m in ent["mentions"] if m["article"] != "a4"]
    story = story_from_dict(second)
    story.key_events = [KeyEvent(event=KEY_EVENT, rank=1, date=story.events[0].date, score=2.0,
                                 summary=[Evidence("a1", 51, 140, "Ambassador Trentino visited.")])]
    write_story(store, story, store.start_run())
    store.close()


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    db = tmp_path_factory.mktemp("api") / "storyline.db"
    _build(db)
    return create_app(db)


@pytest.fixture(scope="module")
def client(app):
    return TestClient(app)


def test_overview(client):
    body = client.get("/api/story").json()
    assert body["counts"]["articles"] == 4 and body["counts"]["events"] == len(STORY["events"])
    assert body["counts"]["key_events"] == 1
    assert body["first_day"] <= body["last_day"]
    assert body["main_actors"] and body["main_actors"][0]["n_events"] >= body["main_actors"][-1]["n_events"]


def test_key_events(client):
    keys = client.get("/api/key-events").json()
    assert [k["event"]["id"] for k in keys] == [KEY_EVENT]
    assert keys[0]["summary"][0]["title"] and keys[0]["event"]["key_rank"] == 1


def test_events_list_and_filters(client):
    body = client.get("/api/events").json()
    assert body["total"] == len(STORY["events"])
    days = [e["date"]["first_day"] or e["date"]["last_day"] or "~" for e in body["items"]]
    assert days == sorted(days)
    page = client.get("/api/events", params={"limit": 2, "offset": 1}).json()
    assert [e["id"] for e in page["items"]] == [e["id"] for e in body["items"][1:3]]
    actor = STORY["events"][0]["actors"][0]
    name = next(e["name"] for e in STORY["entities"] if e["id"] == actor)
    by_id = client.get("/api/events", params={"actor": actor}).json()
    by_name = client.get("/api/events", params={"actor": name.upper()}).json()
    expected = {e["id"] for e in STORY["events"] if actor in e["actors"] + e["recipients"]}
    assert {e["id"] for e in by_id["items"]} == {e["id"] for e in by_name["items"]} == expected
    typed = client.get("/api/events", params={"type": "CONSULT"}).json()["items"]
    assert typed and all(e["type"] == "CONSULT" for e in typed)
    denied = client.get("/api/events", params={"modality": "denied"}).json()["items"]
    assert {e["id"] for e in denied} == {e["id"] for e in STORY["events"] if e["modality"] == "denied"}
    assert client.get("/api/events", params={"actor": "nobody at all"}).json()["total"] == 0
    assert [e["id"] for e in client.get("/api/events", params={"key": True}).json()["items"]] == [KEY_EVENT]


def test_events_date_range_and_text(client):
    july = client.get("/api/events", params={"since": "2023-07", "until": "2023-07"}).json()["items"]
    assert july and all(e["date"]["last_day"] is None or e["date"]["last_day"] >= "2023-07-01" for e in july)
    assert all((e["date"]["first_day"] or "") <= "2023-07-31" for e in july)
    assert KEY_EVENT in {e["id"] for e in july}
    # an "on or before 2022-11-02" bound counts at its day, not over every month before it
    bound = next(e["id"] for e in STORY["events"] if (e["date"] or {}).get("relation") == "before")
    assert bound not in {e["id"] for e in july}
    day = next(e["date"]["last_day"] for e in STORY["events"] if e["id"] == bound)
    that_month = client.get("/api/events", params={"since": day[:7], "until": day[:7]}).json()["items"]
    assert bound in {e["id"] for e in that_month}
    assert client.get("/api/events", params={"until": "1900"}).json()["total"] == 0
    hits = client.get("/api/events", params={"q": "Trentino visits"}).json()["items"]
    assert KEY_EVENT in {e["id"] for e in hits}
    assert client.get("/api/events", params={"q": "zzzunknownword"}).json()["total"] == 0


def test_one_event_with_evidence(client):
    body = client.get(f"/api/events/{KEY_EVENT}").json()
    want = [v for v in STORY["events"][0]["evidence"] if v["article"] != "a4"]
    assert [(v["article_id"], v["start"], v["end"]) for v in body["evidence"]] == [
        (v["article"], v["start"], v["end"]) for v in want]
    first = body["evidence"][0]
    art = next(a for a in STORY["articles"] if a["id"] == first["article_id"])
    assert (first["outlet"], first["published"], first["title"], first["url"]) == (
        art["outlet"], art["published"], art["title"], art["url"])
    assert art["text"][first["start"]:first["end"]] == first["sentence"]


def test_claims_and_conflicts(client):
    claims = client.get("/api/claims").json()
    assert claims["total"] == len(STORY["claims"])
    deny = client.get("/api/claims", params={"stance": "deny"}).json()["items"]
    assert {c["id"] for c in deny} == {c["id"] for c in STORY["claims"] if c["stance"] == "deny"}
    speaker = STORY["claims"][0]["speaker"]
    said = client.get("/api/claims", params={"speaker": speaker}).json()["items"]
    assert {c["id"] for c in said} == {c["id"] for c in STORY["claims"] if c["speaker"] == speaker}
    c1 = next(c for c in claims["items"] if c["id"] == STORY["claims"][0]["id"])
    assert c1["conflicts_with"] == STORY["claims"][0]["conflicts_with"]
    conflicts = client.get("/api/conflicts").json()
    pairs = [c["claim_ids"] for c in conflicts if c["kind"] == "claims"]
    assert sorted([STORY["claims"][0]["id"], *STORY["claims"][0]["conflicts_with"]]) in pairs
    assert all(c["evidence"] for c in conflicts)


def test_entities(client):
    body = client.get("/api/entities").json()
    assert body["total"] == len(STORY["entities"])
    eid = STORY["events"][0]["actors"][0]
    one = client.get(f"/api/entities/{eid}").json()
    assert KEY_EVENT in {e["id"] for e in one["events"]} and one["articles"]
    assert client.get("/api/entities", params={"name": one["name"][:4].lower()}).json()["items"][0]["id"] == eid


def test_articles_with_text_and_excluded_spans(client):
    body = client.get("/api/articles").json()
    assert body["total"] == 4 and "text" not in body["items"][0]
    one = client.get("/api/articles/a1").json()
    a1 = next(a for a in STORY["articles"] if a["id"] == "a1")
    assert one["text"] == a1["text"]
    assert one["excluded"] == [{k: x[k] for k in ("start", "end", "reason")} for x in a1["excluded"]]
    assert client.get("/api/articles", params={"since": "2099"}).json()["total"] == 0


def test_search_returns_snippets_of_each_kind(client):
    items = client.get("/api/search", params={"q": "Trentino"}).json()["items"]
    assert {"article", "event"} <= {i["kind"] for i in items}
    for hit in items:
        assert hit["marks"] and all(hit["snippet"][a:b].lower() == "trentino" for a, b in hit["marks"])
    only = client.get("/api/search", params={"q": "Trentino", "kind": "event"}).json()["items"]
    assert only and {i["kind"] for i in only} == {"event"}
    # FTS5 syntax in the query is taken as words, not as a query language
    assert client.get("/api/search", params={"q": 'Trentino" OR NEAR(*'}).status_code == 200


def test_changes_since_a_run(client):
    body = client.get("/api/changes", params={"since_run": 1}).json()
    assert [a["id"] for a in body["added"]] == ["a5"] and body["removed"] == ["a4"]
    assert [r["id"] for r in body["runs"]] == [2] and body["latest_run"] == 2
    assert client.get("/api/changes", params={"since_run": 2}).json()["added"] == []
    assert len(client.get("/api/changes", params={"since_run": 0}).json()["added"]) == 4


def test_a_running_server_sees_each_new_run(tmp_path, before_a4):
    """`serve` keeps its read-only connections while a build writes the store (WAL): the next request
    after a build's commit answers from the new run, with nothing cached from the old one."""
    db = tmp_path / "storyline.db"
    store = Store(db)
    write_story(store, story_from_dict(before_a4), store.start_run())
    store.close()
    client = TestClient(create_app(db))
    before = client.get("/api/version")
    assert before.status_code == 200 and before.headers["cache-control"] == "no-store"
    assert before.json()["story_run"] == 1 and client.get("/api/story").json()["counts"]["articles"] == 4
    assert client.get("/api/events/V6").status_code == 404
    writer = Store(db)  # a build beside the server
    try:
        write_story(writer, story_from_dict(copy.deepcopy(STORY)), writer.start_run())
        after = client.get("/api/version").json()  # while the writer still holds its connection
    finally:
        writer.close()
    assert after["story_run"] == after["latest_run"] == 2
    assert client.get("/api/story").json()["counts"]["articles"] == 5
    assert client.get("/api/events/V6").status_code == 200
    body = client.get("/api/changes", params={"since_run": 1}).json()
    assert [a["id"] for a in body["added"]] == ["a4"]
    assert set(body["new_events"]) == {"V6", "V8"}  # only a4 reports them
    assert {"V1", "V5"} <= set(body["updated_events"]) and not set(body["updated_events"]) & {"V6", "V8"}
    assert client.get("/api/changes", params={"since_run": 2}).json()["new_events"] == []


@pytest.mark.parametrize("url", ["/api/events/nope", "/api/entities/nope", "/api/articles/nope"])
def test_unknown_ids_are_404(client, url):
    res = client.get(url)
    assert res.status_code == 404 and "nope" in res.json()["detail"]


@pytest.mark.parametrize("url, status", [
    ("/api/events?limit=0", 422), ("/api/events?limit=100000", 422), ("/api/events?offset=-1", 422),
    ("/api/events?modality=sure", 422), ("/api/claims?stance=maybe", 422), ("/api/search", 422),
    ("/api/changes", 422), ("/api/changes?since_run=x", 422), ("/api/events?since=2023-13", 400),
    ("/api/events?until=soon", 400), ("/api/search?q=%2B%2B%2B", 400), ("/api/changes?since_run=99", 400),
    ("/api/events?q=%22", 400),
])  # fmt: skip
def test_bad_parameters_are_4xx_with_a_message(client, url, status):
    res = client.get(url)
    assert res.status_code == status
    assert res.json()["detail"]


def test_openapi_schema_is_published(client):
    schema = client.get("/openapi.json").json()
    assert {"/api/events", "/api/events/{event_id}", "/api/search", "/api/changes", "/api/version"} <= set(schema["paths"])
    assert "EventDetail" in schema["components"]["schemas"]
    assert client.get("/docs").status_code == 404  # its page would load scripts from a CDN


def test_a_store_without_story_tables_is_refused(tmp_path):
    with pytest.raises(StoreUnusable, match="no store"):
        create_app(tmp_path / "missing.db")


def _schema():
    """The schema of an app over its own store (schemathesis needs it when the tests are collected;
    its lazy fixture loader does not work with this pytest)."""
    folder = Path(tempfile.mkdtemp(prefix="storyline-api-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    _build(folder / "storyline.db")
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(folder / "storyline.db"))


schema = _schema()


@schema.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_schema(case):
    case.call_and_validate(checks=[not_a_server_error, status_code_conformance, content_type_conformance,
                                   response_schema_conformance])
