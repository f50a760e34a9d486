"""Reading a saved subgraph's elements with their provenance, and writing elements that came
from elsewhere (a partner's signed bundle, FollowTheMoney entities) into the graph.

Elements are the plain dicts of ``graph.elements`` (``id`` = ``"<Label>:<key>"``). Imports are
idempotent: nodes are MERGEd on their label's key and relationships on (start, type, end);
provenance is stamped only when an element is created, so importing the same elements again
changes nothing. Imported elements name their origin in ``source`` (e.g. ``partner:mx-1``) and
keep the original source in ``original_source``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from neo4j import ManagedTransaction

from graph.connection import Graph
from graph.elements import (
    node_from_map,
    node_map,
    parse_node_id,
    rel_from_map,
    rel_map,
)
from graph.model import MODEL

BATCH = 1000

# Per label (checked against the model): the nodes of one label whose key is in $keys.
def _nodes_by_key(label: str, key: str) -> str:
    MODEL.check_labels([label])
    return f"MATCH (n:{label}) WHERE n.{key} IN $keys RETURN {node_map('n')} AS n"

# Every relationship between two of the given nodes (the chart shows them all).
_RELS_BETWEEN = (
    "MATCH (a)-[r]->(b) WHERE elementId(a) IN $eids AND elementId(b) IN $eids "
    "RETURN " + rel_map("r") + " AS r"
)

# What the live graph holds around the given nodes that they do not: relationships to nodes
# outside the set (new links) and the cases those reach (new cases).
_AROUND = (
    "MATCH (a)-[r]-(b) WHERE elementId(a) IN $eids AND NOT elementId(b) IN $eids "
    "RETURN " + node_map("b") + " AS n, " + rel_map("r") + " AS r"
)


def _group_ids(node_ids: Iterable[str]) -> dict[tuple[str, str], list[str]]:
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for value in node_ids:
        label, key, key_value = parse_node_id(value)
        groups[(label, key)].append(key_value)
    return groups


def read_elements(graph: Graph, node_ids: Iterable[str]) -> dict[str, Any]:
    """The nodes named by ``node_ids`` (missing ones are left out) and every relationship
    between them, with provenance, in one READ transaction; ``eids`` maps each node id to
    its element id (a relationship's ``id`` is its element id) for the access checks."""
    groups = _group_ids(node_ids)

    def work(tx: ManagedTransaction) -> dict[str, Any]:
        rows: list[dict[str, Any]] = []
        for (label, key), values in groups.items():
            cypher = _nodes_by_key(label, key)
            rows += [r["n"] for r in tx.run(cypher, keys=values).data()]
        ids = {r["eid"]: node_from_map(r)["id"] for r in rows}
        rels = tx.run(_RELS_BETWEEN, eids=list(ids)).data() if ids else []
        return {"nodes": [node_from_map(r) for r in rows],
                "relationships": [rel_from_map(r["r"], ids) for r in rels],
                "eids": {node_id: eid for eid, node_id in ids.items()}}

    return graph.read_tx(work)


def added_around(graph: Graph, node_ids: Iterable[str]) -> dict[str, list[dict[str, Any]]]:
    """What the live graph links to the given nodes beyond them: new neighbours (and among
    them new cases; each with its ``eid`` for the access check) and the relationships that
    reach them."""
    groups = _group_ids(node_ids)

    def work(tx: ManagedTransaction) -> dict[str, list[dict[str, Any]]]:
        eids: dict[str, str] = {}
        for (label, key), values in groups.items():
            cypher = _nodes_by_key(label, key)
            for r in tx.run(cypher, keys=values).data():
                eids[r["n"]["eid"]] = node_from_map(r["n"])["id"]
        rows = tx.run(_AROUND, eids=list(eids)).data() if eids else []
        ids = dict(eids)
        ids.update({r["n"]["eid"]: node_from_map(r["n"])["id"] for r in rows})
        nodes = {ids[r["n"]["eid"]]: {**node_from_map(r["n"]), "eid": r["n"]["eid"]}
                 for r in rows}
        return {"nodes": list(nodes.values()),
                "cases": [n for n in nodes.values() if n["label"] == "Case"],
                "relationships": [rel_from_map(r["r"], ids) for r in rows]}

    return graph.read_tx(work)


# ---- import ---------------------------------------------------------------------------------

_MERGE_NODES = """
UNWIND $rows AS row
MERGE (n:{label} {{{key}: row.key}})
ON CREATE SET n += row.props, n += row.prov, n.ingested_at = $at, n.batch_id = $batch
ON MATCH SET n += row.props
SET n.sources = CASE WHEN row.prov.source IN coalesce(n.sources, []) THEN n.sources
                ELSE coalesce(n.sources, []) + row.prov.source END
"""

_MERGE_RELS = """
UNWIND $rows AS row
MATCH (a:{start} {{{start_key}: row.a}})
MATCH (b:{end} {{{end_key}: row.b}})
MERGE (a)-[r:{type}]->(b)
ON CREATE SET r += row.props, r += row.prov, r.ingested_at = $at, r.batch_id = $batch
ON MATCH SET r += row.props
"""


def _typed(names: Iterable[str], props: Mapping[str, Any]) -> dict[str, Any]:
    """ISO date strings back to dates for the properties the model declares as dates."""
    dates = set(names)
    out: dict[str, Any] = {}
    for k, v in props.items():
        if k in dates and isinstance(v, str):
            with contextlib.suppress(ValueError):
                v = dt.date.fromisoformat(v[:10])
        if isinstance(v, (dict,)):
            continue  # maps cannot be Neo4j properties
        out[k] = v
    return out


def import_prov(prov: Mapping[str, Any], origin: str) -> dict[str, Any]:
    """Provenance of an imported element: ``origin`` as source, the original one kept."""
    keep = {k: prov[k] for k in ("record_id", "reliability", "credibility", "tlp")
            if prov.get(k) is not None}
    return {**keep, "source": origin, "original_source": prov.get("source") or origin}


def import_elements(graph: Graph, nodes: list[dict[str, Any]],
                    relationships: list[dict[str, Any]], *, origin: str,
                    batch_id: str) -> dict[str, int]:
    """MERGE the elements in one write transaction (UNWIND batches per label and type).

    Relationships whose ends are not among ``nodes`` nor already in the graph are skipped.
    Returns the counters (nodes_created, relationships_created, properties_set)."""
    at = dt.datetime.now(dt.UTC)
    by_label: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for n in nodes:
        label, key, key_value = parse_node_id(n["id"])
        spec = MODEL.nodes[label]
        props = _typed(spec.dates, n.get("properties", {}))
        props.pop(key, None)
        by_label[label].append({"key": key_value, "props": props,
                                "prov": import_prov(n.get("provenance", {}), origin)})
    by_type: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for r in relationships:
        start, _, a = parse_node_id(r["source"])
        end, _, b = parse_node_id(r["target"])
        spec_r = MODEL.rel_type(r["type"])
        by_type[(r["type"], start, end)].append({
            "a": a, "b": b, "props": _typed(spec_r.dates, r.get("properties", {})),
            "prov": import_prov(r.get("provenance", {}), origin)})
    totals = {"nodes_created": 0, "relationships_created": 0, "properties_set": 0}

    def work(tx: ManagedTransaction) -> None:
        params: dict[str, Any] = {"at": at, "batch": batch_id}
        for label, rows in by_label.items():
            MODEL.check_labels([label])
            cypher = _MERGE_NODES.format(label=label, key=MODEL.nodes[label].key)
            for i in range(0, len(rows), BATCH):
                _count(tx.run(cypher, rows=rows[i:i + BATCH], **params).consume(), totals)
        for (rel_type, start, end), rows in by_type.items():
            MODEL.check_rel_types([rel_type])
            MODEL.check_labels([start, end])
            cypher = _MERGE_RELS.format(start=start, end=end, type=rel_type,
                                        start_key=MODEL.nodes[start].key,
                                        end_key=MODEL.nodes[end].key)
            for i in range(0, len(rows), BATCH):
                _count(tx.run(cypher, rows=rows[i:i + BATCH], **params).consume(), totals)

    graph.write_tx(work)
    return totals


def _count(summary: Any, totals: dict[str, int]) -> None:
    c = summary.counters
    totals["nodes_created"] += c.nodes_created
    totals["relationships_created"] += c.relationships_created
    totals["properties_set"] += c.properties_set
