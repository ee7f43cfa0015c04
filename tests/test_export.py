"""`storyline export`: tables and the actor network read back with the standard readers."""

import argparse
import csv
import json
from pathlib import Path

import networkx as nx
import pyarrow.parquet as pq
import pytest

from storyline.render.cli import add_parsers
from storyline.render.export import export

FIXTURE = Path(__file__).parent / "fixtures" / "story_small.json"
EMPTY = {"schema": "storyline.story/2", "articles": [], "entities": [], "timexes": [], "claims": [],
         "events": []}


@pytest.fixture
def story() -> dict:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def _csv(path: Path) -> list[dict]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_csv_tables(story, tmp_path):
    paths = export(story, "csv", tmp_path)
    assert sorted(p.name for p in paths) == ["actors.csv", "claims.csv", "events.csv", "network_edges.csv"]
    events = {r["id"]: r for r in _csv(tmp_path / "events.csv")}
    assert len(events) == 8
    v2 = events["V2"]
    assert (v2["date"], v2["date_precision"], v2["date_relation"], v2["modality"]) == (
        "on or before 2022-11-02", "day", "before", "reported")
    assert v2["modality_words"] == "Osterlich says; Freedonia denies"
    assert v2["actors"] == "Freedonia" and v2["recipients"] == "Sylvania" and v2["evidence"] == "a2:29-122"
    assert events["V1"]["n_sources"] == "2" and events["V5"]["conflict_fields"] == "date"
    claims = {r["id"]: r for r in _csv(tmp_path / "claims.csv")}
    assert claims["C2"]["stance"] == "deny" and claims["C2"]["said_on"] == "2022-09"
    assert claims["C4"]["speaker"] == "Analysts" and claims["C4"]["speaker_id"] == ""
    actors = {r["id"]: r for r in _csv(tmp_path / "actors.csv")}
    assert actors["E1"]["aliases"] == "Republic of Freedonia; FRE" and actors["E3"]["n_claims"] == "1"


def test_network_edges(story, tmp_path):
    export(story, "csv", tmp_path)
    edges = {(r["source"], r["target"], r["relation"], r["type"]): r for r in _csv(tmp_path / "network_edges.csv")}
    # the hypothetical arms deal (V4) is not an interaction; the reported shipment (V2) is, marked so
    assert edges[("E1", "E2", "event", "AID")]["ids"] == "V2"
    assert edges[("E1", "E2", "event", "AID")]["modalities"] == "reported"
    assert edges[("E3", "E1", "claim", "assert")]["count"] == "1"  # speaker -> actor of the claimed event
    assert ("E1", "E1", "claim", "deny") not in edges  # no self-loops
    assert edges[("E5", "E1", "event", "CONSULT")]["ids"] == "V1"


def test_csv_neutralises_spreadsheet_formulas(story, tmp_path):
    story["events"][0]["summary"] = '=HYPERLINK("http://evil.example","click")'
    export(story, "csv", tmp_path)
    row = next(r for r in _csv(tmp_path / "events.csv") if r["id"] == "V1")
    assert row["summary"].startswith("'=")


def test_parquet_round_trip(story, tmp_path):
    paths = export(story, "parquet", tmp_path)
    assert len(paths) == 4
    events = pq.read_table(tmp_path / "events.parquet").to_pylist()
    v1 = next(e for e in events if e["id"] == "V1")
    assert v1["actors"] == ["Ambassador Trentino", "Sylvania"] and v1["n_sources"] == 2
    assert v1["evidence"][0] == "a1:51-140"
    edges = pq.read_table(tmp_path / "network_edges.parquet")
    assert edges.schema.field("count").type == "int64"


def test_graphml_actor_network(story, tmp_path):
    [path] = export(story, "graphml", tmp_path)
    g = nx.read_graphml(path)
    assert set(g.nodes) == {"E1", "E2", "E3", "E4", "E5", "E6"}
    assert g.nodes["E6"]["name"] == 'Peace & "Trade" Council <b>'
    rels = {(u, v, d["relation"], d["type"]): d for u, v, d in g.edges(data=True)}
    assert rels[("E2", "E1", "event", "CONSULT")]["count"] == 1
    assert ("E3", "E1", "claim", "assert") in rels


@pytest.mark.parametrize("fmt", ["csv", "parquet", "graphml"])
def test_empty_story_exports(fmt, tmp_path):
    paths = export(EMPTY, fmt, tmp_path)
    assert paths and all(p.exists() for p in paths)


def test_unknown_format(story, tmp_path):
    with pytest.raises(ValueError, match="unknown export format"):
        export(story, "xlsx", tmp_path)


def test_cli_export(story, tmp_path, capsys):
    (tmp_path / "story.json").write_text(json.dumps(story), encoding="utf-8")
    p = argparse.ArgumentParser(prog="storyline")
    add_parsers(p.add_subparsers(dest="command"))
    args = p.parse_args(["export", str(tmp_path), "--format", "graphml"])
    assert args.func(args) == 0
    assert capsys.readouterr().out.strip() == str(tmp_path / "export" / "actor_network.graphml")
    args = p.parse_args(["export", str(tmp_path), "--format", "csv", "--dest", str(tmp_path / "d")])
    assert args.func(args) == 0 and (tmp_path / "d" / "events.csv").exists()
