"""FollowTheMoney round trip from instance A to instance B, and GraphML, GEXF and CSV files
that other tools read back."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from followthemoney import model

from backend.auth.viewer import system_viewer
from backend.db.engine import open_app_db
from backend.sharing.exports import ExportFormat, export_subgraph

from .conftest import Instance, cli

ELEMENTS = """
MATCH (n) WHERE n.batch_id STARTS WITH 'ftm:'
OPTIONAL MATCH (n)-[r]->(m) WHERE r.batch_id STARTS WITH 'ftm:'
RETURN collect(DISTINCT n.uid) + collect(DISTINCT n.e164) AS keys,
       collect(DISTINCT [type(r), coalesce(n.uid, n.e164), coalesce(m.uid, m.e164)]) AS rels
"""


def export_py(a: Instance, fmt: ExportFormat, out: Path) -> dict[str, Any]:
    db = open_app_db(a.settings)
    try:
        with db.session() as session:
            return export_subgraph(a.graph, session, a.settings, 1, fmt, out,
                                   viewer=system_viewer("cli:tests"), recipient="mx-stps")
    finally:
        db.close()


def test_ftm_round_trip_keeps_every_entity_and_link(
        pair: tuple[Instance, Instance], empty_b: Instance, tmp_path: Path) -> None:
    a = pair[0]
    out = tmp_path / "finca.ftm.json"
    exported = cli(["export", "subgraph", "1", "--to", "mx-stps", "--format", "ftm",
                        "--out", str(out)], env=a.env)
    assert exported.returncode == 0, exported.stderr
    entities = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    for data in entities:  # every line is valid FtM
        assert model.get(data["schema"]).validate(data) is None
    schemas = {e["schema"] for e in entities}
    assert {"CourtCase", "Person", "Company", "UserAccount", "CourtCaseParty",
            "Ownership", "Employment", "UnknownLink"} <= schemas
    nodes = [e for e in entities if not model.get(e["schema"]).edge]
    links = [e for e in entities if model.get(e["schema"]).edge]

    imported = cli(["import", "ftm", str(out), "--format", "json", "--tlp", "AMBER"],
                       env=empty_b.env)
    assert imported.returncode == 0, imported.stderr
    summary = json.loads(imported.stdout)[0]
    assert summary["links_skipped"] == 0
    assert summary["nodes_created"] == len(nodes)
    assert summary["relationships_created"] == len(links)
    row = empty_b.graph.read(ELEMENTS)[0]
    assert "gt-pnc:C-1" in row["keys"] and "+50255501234" in row["keys"]
    assert ["OWNS", "gt-pnc:P-1", "gt-pnc:A-1"] in row["rels"]
    assert ["USES", "gt-pnc:P-1", "+50255501234"] in row["rels"]
    case = empty_b.graph.read("MATCH (c:Case {uid: 'gt-pnc:C-1'}) RETURN c.title AS title, "
                              "c.source AS source, c.original_source AS original")[0]
    assert case == {"title": "Finca El Sol", "source": "ftm:finca.ftm",
                    "original": "gt-pnc"}
    roles = empty_b.graph.read("MATCH ()-[r:INVOLVED_IN]->() RETURN collect(r.role) AS roles")
    assert sorted(roles[0]["roles"]) == ["suspect", "victim"]
    # importing the same file again changes nothing
    again = cli(["import", "ftm", str(out), "--format", "json"], env=empty_b.env)
    assert json.loads(again.stdout)[0]["nodes_created"] == 0


def test_broken_ftm_line_is_reported(empty_b: Instance, tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"id": "p1", "schema": "Person", "properties": {"name": ["A"]}}\n'
                    '{"id": "x", "schema": "Spaceship", "properties": {}}\n', encoding="utf-8")
    result = cli(["import", "ftm", str(path)], env=empty_b.env)
    assert result.returncode == 1
    assert "bad.json, line 2" in result.stderr and "Spaceship" in result.stderr


@pytest.mark.parametrize("fmt", [ExportFormat.graphml, ExportFormat.gexf])
def test_gephi_files_read_back(pair: tuple[Instance, Instance], tmp_path: Path,
                               fmt: ExportFormat) -> None:
    out = tmp_path / f"finca.{fmt.value}"
    summary = export_py(pair[0], fmt, out)
    read = nx.read_graphml if fmt is ExportFormat.graphml else nx.read_gexf
    g = read(out)
    assert g.number_of_nodes() == summary["nodes"] == 6
    assert g.number_of_edges() == summary["relationships"]
    case = g.nodes["Case:gt-pnc:C-1"]
    assert case["label"] == "Case" and case["source"] == "gt-pnc"
    assert case["indicators"] == "deception; debt_bondage"
    assert "Person:gt-pnc:P-3" not in g  # RED stays home in every format


def test_csv_nodes_and_edges(pair: tuple[Instance, Instance], tmp_path: Path) -> None:
    summary = export_py(pair[0], ExportFormat.csv, tmp_path / "csv")
    with (tmp_path / "csv" / "nodes.csv").open(encoding="utf-8") as handle:
        nodes = list(csv.DictReader(handle))
    with (tmp_path / "csv" / "edges.csv").open(encoding="utf-8") as handle:
        edges = list(csv.DictReader(handle))
    assert len(nodes) == summary["nodes"] and len(edges) == summary["relationships"]
    assert list(nodes[0])[:3] == ["id", "label", "caption"]
    assert list(edges[0])[:4] == ["id", "source", "target", "type"]
    ids = {n["id"] for n in nodes}
    assert all(e["source"] in ids and e["target"] in ids for e in edges)
    assert not any("María" in n["caption"] for n in nodes)
