"""Cross-reference a chosen set of nodes against the rest of the graph: the records elsewhere
that resolve to them (``SAME_AS``, not rejected) or share an identifier with them (a phone, an
e-mail, an account, a document, an address, a vehicle), as the scope may see them.

Candidates come with the cheap handling fragments; identifiers and records are then kept only
when ``visible_node_ids`` allows them, as expand keeps its neighbours."""

from __future__ import annotations

from typing import Any

from graph.access import AccessScope, red_ok, rel_visible, visible_node_ids
from graph.connection import Graph
from graph.elements import node_from_map, node_map, rel_from_map, rel_map
from graph.lookups import node_eids
from graph.model import MODEL

XREF_MAX = 2000
SAME_AS = MODEL.check_rel_types(["SAME_AS"])[0]
REJECTED = "rejected"
# places are shared by whole towns: sharing one is no cross-reference
SHARED_IDENTIFIERS = tuple(n for n in MODEL.identifier_labels if n != "Location")
# the records that can hold or use an identifier of an actor
RECORDS = (*MODEL.actor_labels, *MODEL.check_labels(["Advertisement"]))

CROSS_REFERENCE = f"""
MATCH (s) WHERE elementId(s) IN $eids AND {red_ok('s')}
CALL (s) {{
  MATCH (s)-[r2:{SAME_AS}]-(m)
  WHERE coalesce(r2.status, '') <> '{REJECTED}' AND NOT elementId(m) IN $eids
    AND {rel_visible('r2')} AND {red_ok('m')}
  RETURN null AS via, null AS r1, r2, m
  UNION
  MATCH (s)-[r1]-(via:{'|'.join(SHARED_IDENTIFIERS)})-[r2]-(m:{'|'.join(RECORDS)})
  WHERE m <> s AND NOT elementId(m) IN $eids
    AND {rel_visible('r1')} AND {red_ok('via')} AND {rel_visible('r2')} AND {red_ok('m')}
  RETURN via, r1, r2, m
}}
RETURN {node_map('s')} AS s, CASE WHEN via IS NULL THEN null ELSE {node_map('via')} END AS via,
       CASE WHEN r1 IS NULL THEN null ELSE {rel_map('r1')} END AS r1, {rel_map('r2')} AS r2,
       {node_map('m')} AS m
ORDER BY s.eid, m.eid
LIMIT $max
"""


def cross_reference(graph: Graph, scope: AccessScope, node_ids: list[tuple[str, str, str]],
                    *, timeout: float | None = None) -> dict[str, Any]:
    """The records resolving to or sharing an identifier with the chosen nodes (parsed node
    ids): the new nodes and links, and per match what it is (``of``: the chosen node,
    ``record``: the other record, ``via``: the shared identifier's node id, or None for a
    ``SAME_AS``)."""
    eids = node_eids(graph, node_ids, timeout=timeout)
    if not eids:
        return {"nodes": [], "relationships": [], "matches": [], "has_more": False}
    rows = graph.read(CROSS_REFERENCE, {"acc_sources": list(scope.sources), "eids": eids,
                                        "max": XREF_MAX + 1}, timeout=timeout)
    seen = {r["s"]["eid"] for r in rows} | {r["m"]["eid"] for r in rows} \
        | {r["via"]["eid"] for r in rows if r["via"]}
    allowed = visible_node_ids(graph, scope, seen, timeout=timeout)
    nodes: dict[str, dict[str, Any]] = {}
    rels: dict[str, dict[str, Any]] = {}
    matches = []
    for row in rows[:XREF_MAX]:
        chain = [row["s"], row["m"]] + ([row["via"]] if row["via"] else [])
        if not all(n["eid"] in allowed for n in chain):
            continue
        ids = {n["eid"]: node_from_map(n)["id"] for n in chain}
        for n in chain[1:]:
            node = node_from_map(n)
            nodes.setdefault(node["id"], node)
        for rel in (row["r1"], row["r2"]):
            if rel:
                rels.setdefault(rel["id"], rel_from_map(rel, ids))
        matches.append({"of": ids[row["s"]["eid"]], "record": ids[row["m"]["eid"]],
                        "via": ids[row["via"]["eid"]] if row["via"] else None})
    return {"nodes": list(nodes.values()), "relationships": list(rels.values()),
            "matches": matches, "has_more": len(rows) > XREF_MAX}
