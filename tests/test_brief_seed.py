"""The seed story's brief as an analyst reads it (issue 11): each denial once in the conflicts, no
internal ids, citations once per sentence, unknown outlets said once, key developments by date."""

import json
import re

import pytest

from storyline import dates


@pytest.fixture(scope="module")
def built(seed_build):
    out, _ = seed_build
    story = json.loads((out / "story.json").read_text(encoding="utf-8"))
    return story, (out / "brief.md").read_text(encoding="utf-8")


def _section(md: str, title: str) -> str:
    m = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", md, re.S | re.M)
    assert m, f"section {title!r} missing"
    return m.group(1)


def test_brief_leads_with_the_story_and_its_key_developments(built):
    story, md = built
    heads = re.findall(r"^## (.+)$", md, re.M)
    assert heads[:2] == ["Key developments", "Timeline"]
    assert heads[-1] == "References"
    assert len(md.splitlines()) < 300  # was 366-377 lines for 5 articles
    key = _section(md, "Key developments")
    items = [ln for ln in key.splitlines() if re.match(r"\d+\. \*\*", ln)]
    assert len(items) == len(story["key_events"]) > 0
    shown = [re.match(r"\d+\. \*\*(.*?)\*\*", ln).group(1) for ln in items]
    order = sorted(story["key_events"], key=lambda k: dates.sort_key(k["date"]))
    assert shown == [dates.format(k["date"]) for k in order]


def test_no_internal_ids(built):
    story, md = built
    for a in story["articles"]:
        assert a["id"] not in md
    assert not re.search(r"\b[0-9a-f]{16}:[ce]\d+\b", md)


def test_each_denial_once_in_open_conflicts(built):
    story, md = built
    conflicts = [ln for ln in _section(md, "Open conflicts").splitlines() if ln.startswith("- ")]
    denials = [c for c in story["claims"] if c["stance"] == "deny" and c["conflicts_with"]]
    assert denials
    for d in denials:
        words = d["content"][:40]
        assert sum(1 for ln in conflicts if words in ln) <= 1, d["content"]
    prk = [ln for ln in conflicts if ln.startswith("- **North Korea** denies")]
    assert 1 <= len(prk) <= 3  # not one entry per US statement (seven before)


def test_citations_once_per_sentence_and_unknown_outlet_once(built):
    _, md = built
    refs = [ln for ln in _section(md, "References").splitlines() if re.match(r"\[\d+\]", ln)]
    sentences = [ln.split("\u201d (")[0] for ln in refs]
    assert len(sentences) == len(set(sentences))
    assert md.lower().count("outlet not given") <= 1 and "unknown outlet" not in md
