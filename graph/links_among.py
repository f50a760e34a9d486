"""Reveal links among these: the relationships between nodes already on a chart, with the
access rule applied as expand applies it (the relationship's own handling in the read, both
ends checked with ``visible_node_ids``)."""

from __future__ import annotations

from typing import Any

from graph.access import AccessScope, red_ok, rel_visible, visible_node_ids
from graph.connection import Graph
from graph.elements import node_from_map, node_map, rel_from_map, rel_map
from graph.lookups import node_eids

LINKS_MAX = 5000

LINKS_AMONG = f"""
MATCH (a)-[r]->(b)
WHERE elementId(a) IN $eids AND elementId(b) IN $eids
  AND {rel_visible('r')} AND {red_ok('a')} AND {red_ok('b')}
RETURN {node_map('a')} AS a, {node_map('b')} AS b, {rel_map('r')} AS rel
ORDER BY elementId(r)
LIMIT $max
"""


def links_among(graph: Graph, scope: AccessScope, node_ids: list[tuple[str, str, str]], *,
                timeout: float | None = None) -> dict[str, Any]:
    """Every visible relationship between two of the nodes (parsed node ids), in one read,
    with the nodes they join; ``has_more`` when more than ``LINKS_MAX`` were found."""
    eids = node_eids(graph, node_ids, timeout=timeout)
    if len(eids) < 2:
        return {"nodes": [], "relationships": [], "has_more": False}
    rows = graph.read(LINKS_AMONG, {"acc_sources": list(scope.sources), "eids": eids,
                                    "max": LINKS_MAX + 1}, timeout=timeout)
    allowed = visible_node_ids(graph, scope, eids, timeout=timeout)
    ends: dict[str, dict[str, Any]] = {}
    for row in rows:
        for end in (row["a"], row["b"]):
            ends[end["eid"]] = node_from_map(end)
    ids = {eid: node["id"] for eid, node in ends.items()}
    kept = [row for row in rows[:LINKS_MAX]
            if row["a"]["eid"] in allowed and row["b"]["eid"] in allowed]
    nodes = {ends[row[end]["eid"]]["id"]: ends[row[end]["eid"]] for row in kept
             for end in ("a", "b")}
    return {"nodes": list(nodes.values()), "relationships":
            [rel_from_map(row["rel"], ids) for row in kept], "has_more": len(rows) > LINKS_MAX}
