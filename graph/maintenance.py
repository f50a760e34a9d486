"""Whole-database chores: counts per label and type, and deleting all evidence data."""

from __future__ import annotations

from graph.access import forget_sources
from graph.connection import Graph
from graph.schema import META_LABEL


def _quote(name: str) -> str:
    return "`" + name.replace("`", "``") + "`"


def graph_stats(graph: Graph) -> dict[str, dict[str, int]]:
    """Node counts per label and relationship counts per type (from Neo4j's count store)."""
    labels = [r["label"] for r in graph.read("CALL db.labels() YIELD label RETURN label")]
    types = [r["t"] for r in graph.read(
        "CALL db.relationshipTypes() YIELD relationshipType AS t RETURN t")]
    nodes = {}
    for label in sorted(labels):
        if label.startswith("_"):
            continue
        count = graph.read(f"MATCH (n:{_quote(label)}) RETURN count(n) AS c")[0]["c"]
        if count:
            nodes[label] = count
    relationships = {}
    for rel_type in sorted(types):
        count = graph.read(f"MATCH ()-[r:{_quote(rel_type)}]->() RETURN count(r) AS c")[0]["c"]
        if count:
            relationships[rel_type] = count
    return {"nodes": nodes, "relationships": relationships}


def reset_graph(graph: Graph, batch_size: int = 10_000) -> int:
    """Delete every node and relationship but the schema record; return nodes deleted."""
    deleted = 0
    with graph.driver.session(database=graph.database) as session:
        result = session.run(
            f"MATCH (n) WHERE NOT n:{META_LABEL} "
            "CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF $batch ROWS",
            {"batch": batch_size},
        )
        deleted = result.consume().counters.nodes_deleted
    forget_sources()
    return deleted
