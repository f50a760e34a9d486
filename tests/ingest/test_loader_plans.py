"""The loaders' statements as Neo4j runs them: a statement that scans a label for each row
slows every load down as the graph grows (RETAINS once scanned every Person's uid for each
placement row, so loading placements took time in proportion to rows x people)."""

from __future__ import annotations

from graph.connection import Graph
from graph.loaders import LOADERS, prepare_plans
from graph.maintenance import graph_stats

PEOPLE = 2_000
PROV = {"source": "test", "record_id": "X", "reliability": "B", "credibility": "2",
        "tlp": "AMBER"}


def _db_hits(plan: dict) -> int:
    return plan.get("dbHits", 0) + sum(_db_hits(c) for c in plan.get("children", []))


def test_placements_seek_the_person_whose_passport_is_retained(graph: Graph) -> None:
    graph.write("""
        UNWIND range(1, $people) AS i
        CREATE (p:Person {uid: 'test:P-' + i})-[:HAS_DOCUMENT]->
               (:Document {key: 'passport|GT|' + i, type: 'passport'})""", {"people": PEOPLE})
    graph.write("""
        UNWIND range(1, 20) AS i
        CREATE (:Employer {uid: 'test:E-' + i}), (:RecruitmentAgency {uid: 'test:A-' + i})""")
    rows = [{"person_uid": f"test:P-{i}", "agency_uid": f"test:A-{i % 20 + 1}",
             "employer_uid": f"test:E-{i % 20 + 1}", "retainer_uid": f"test:E-{i % 20 + 1}",
             "retainer_label": "Employer", "prov": PROV} for i in range(1, 501)]
    with graph.driver.session(database=graph.database) as session:
        tx = session.begin_transaction()
        try:
            summary = tx.run("PROFILE " + LOADERS["placements"].cypher,
                             batch=LOADERS["placements"].batch(rows),
                             run={"ingested_at": None, "batch_id": "x"}).consume()
            retained = tx.run("MATCH (:Employer)-[r:RETAINS]->(:Document) "
                              "RETURN count(r) AS n").single()["n"]
        finally:
            tx.rollback()
    assert retained == len(rows)
    # a scan would cost about one hit per person for each row
    assert _db_hits(summary.profile) / len(rows) < 100


def _clear_plans(graph: Graph) -> str:
    return graph.read("CALL db.clearQueryCaches() YIELD value RETURN value")[0]["value"]


def test_every_loader_can_be_planned_ahead_without_writing(graph: Graph) -> None:
    graph.write("CREATE (:Person {uid: 'test:P-1', full_name: 'Ana'})")
    before = graph_stats(graph)
    _clear_plans(graph)
    planned = prepare_plans(graph)
    assert planned == len(LOADERS) + 1  # every template and the Source statement
    assert _clear_plans(graph) == f"Query caches successfully cleared of {planned} queries."
    assert graph_stats(graph) == before
