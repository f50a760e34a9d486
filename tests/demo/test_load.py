"""The small demo set loaded into the real Neo4j: nothing rejected, planted networks, decoys,
hubs and every saved query's planted pattern present as the truth says."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from graph.connection import Graph
from graph.maintenance import graph_stats, reset_graph
from graph.query_library.runner import run_query, saved_query
from ingest.demo.generator import DemoDataset, generate
from ingest.demo.load import load_demo
from ingest.demo.world import CENTRAL_AMERICA, SOUTH_EAST_ASIA
from ingest.report import IngestReport
from values.place import place_key


@pytest.fixture(scope="module")
def demo(session_graph: Graph) -> Iterator[tuple[Graph, DemoDataset, list[IngestReport]]]:
    """The small set, loaded once for the module (the graph is emptied first)."""
    reset_graph(session_graph)
    dataset = generate("small", seed=7)
    reports = load_demo(session_graph, dataset)
    yield session_graph, dataset, reports
    reset_graph(session_graph)


def test_small_set_loads_every_row(demo) -> None:  # noqa: ANN001
    graph, dataset, reports = demo
    assert [r.errors[:3] for r in reports if r.errors] == []
    assert sum(r.rows_loaded for r in reports) == dataset.total_rows
    nodes = sum(graph_stats(graph)["nodes"].values())
    assert 1_500 <= nodes <= 2_600, nodes
    sources = graph.read("MATCH (s:Source) RETURN s.id AS id, s.kind AS kind ORDER BY id")
    assert {r["kind"] for r in sources} >= {"police", "labour_inspectorate", "ngo",
                                             "international_org"}


def test_grading_differs_per_source_with_some_red_records(demo) -> None:  # noqa: ANN001
    graph, _, _ = demo
    rows = graph.read("MATCH (c:Case) RETURN c.tlp AS tlp, count(*) AS n")
    tlps = {r["tlp"]: r["n"] for r in rows}
    assert {"AMBER", "GREEN", "RED", "AMBER+STRICT"} <= set(tlps)
    assert tlps["RED"] < tlps["AMBER"]


def test_planted_network_cases_share_the_recruiters_phone(demo) -> None:  # noqa: ANN001
    graph, dataset, _ = demo
    phone = dataset.truth.patterns["shared_contacts_across_authorities"].expect["identifier"][0]
    network = dataset.truth.planted[0]
    rows = graph.read("""
        MATCH (:Phone {e164: $phone})<-[:USES]-(x)-[:INVOLVED_IN]->(c:Case)
        RETURN collect(DISTINCT c.uid) AS cases, collect(DISTINCT x.source) AS sources""",
                      {"phone": phone})
    assert set(rows[0]["cases"]) == set(network.cases)
    assert len(rows[0]["sources"]) >= 3
    written = graph.read("MATCH (a:RecruitmentAgency) WHERE a.uid IN $uids "
                         "RETURN collect(a.name) AS names", {"uids": network.actors["agency"]})
    assert len(set(written[0]["names"])) == len(network.actors["agency"])


def test_decoys_share_a_name_but_no_identifier(demo) -> None:  # noqa: ANN001
    graph, dataset, _ = demo
    for group in dataset.truth.decoy_groups:
        rows = graph.read("""
            MATCH (p:Person) WHERE p.uid IN $uids
            OPTIONAL MATCH (p)-[:USES|HAS_DOCUMENT|LOCATED_AT|HOLDS]->(i)
            RETURN p.uid AS uid, p.name_folded AS name, p.date_of_birth AS dob,
                   collect(elementId(i)) AS identifiers""", {"uids": sorted(group)})
        assert len(rows) == len(group)
        assert len({r["name"] for r in rows}) == 1
        assert len({r["dob"] for r in rows}) == len(rows)
        seen: set[str] = set()
        for row in rows:
            assert not seen & set(row["identifiers"])
            seen |= set(row["identifiers"])


def test_hubs_are_touched_by_many_unrelated_cases(demo) -> None:  # noqa: ANN001
    graph, dataset, _ = demo
    planted = set().union(*dataset.truth.networks)
    for corridor in (CENTRAL_AMERICA, SOUTH_EAST_ASIA):
        key = place_key(corridor.hub_crossing.name, corridor.hub_crossing.country)
        assert key in dataset.truth.hub_keys
        rows = graph.read("""
            MATCH (x:Location {key: $key})<-[:VIA]-(:TravelLeg)<-[:TRAVELLED]-(:Person)
                  -[:INVOLVED_IN]->(c:Case)
            RETURN x.kind AS kind, x.lat AS lat, collect(DISTINCT c.uid) AS cases""",
                          {"key": key})
        assert rows[0]["kind"] == "border_crossing" and rows[0]["lat"] is not None
        assert len(set(rows[0]["cases"]) - planted) >= 10
    for number in dataset.truth.hub_accounts:
        rows = graph.read("""
            MATCH (:Account {number: $number})<-[:PAID_TO]-(:Transaction)<-[:SENT]-(:Account)
                  <-[:HOLDS]-(:Person)-[:INVOLVED_IN]->(c:Case)
            RETURN count(DISTINCT c) AS cases""", {"number": number})
        assert rows[0]["cases"] >= 10


@pytest.mark.parametrize("name", sorted(generate("small").truth.patterns))
def test_saved_query_finds_its_planted_pattern(demo, name: str) -> None:  # noqa: ANN001
    graph, dataset, _ = demo
    pattern = dataset.truth.patterns[name]
    result = run_query(graph, saved_query(name), pattern.params, timeout=60, row_limit=100_000)
    assert not result.truncated
    for column, expected in pattern.expect.items():
        found = {value for row in result.rows for value in _values(row.get(column))}
        missing = [v for v in expected if v not in found]
        assert not missing, f"{name}.{column}: {missing} not among {sorted(found)[:10]}"


def _values(value: object) -> list[object]:
    return list(value) if isinstance(value, list) else [value]
