"""What the serve tests share: the fixture story as it stood before one of its articles came."""

import copy
import json
from pathlib import Path

import pytest

FIXTURE = Path(__file__).parents[1] / "fixtures" / "story_small.json"


def story_without(article: str) -> dict:
    """The fixture story before `article` came: the events only it reports are not there yet, and
    nothing else points into it."""
    story = copy.deepcopy(json.loads(FIXTURE.read_text(encoding="utf-8")))
    story["articles"] = [a for a in story["articles"] if a["id"] != article]
    story["events"] = [e for e in story["events"] if e["sources"] != [article]]
    kept = {e["id"] for e in story["events"]}
    for item in story["events"] + story["claims"]:
        item["evidence"] = [v for v in item["evidence"] if v["article"] != article]
    for e in story["events"]:
        e["sources"] = [x for x in e["sources"] if x != article]
    for c in story["claims"]:
        c["events"] = [x for x in c.get("events", []) if x in kept]
    for ent in story["entities"]:
        ent["mentions"] = [m for m in ent["mentions"] if m["article"] != article]
    return story


@pytest.fixture
def before_a4() -> dict:
    return story_without("a4")
