"""One node as the details panel shows it: every property with its provenance and how many
visible links of each type; ``match_node`` is the checked MATCH of a node by its key that the
other reads start from."""

from __future__ import annotations

from typing import Any

from graph.access import AccessScope, red_ok, rel_visible, visible_node_ids
from graph.connection import Graph
from graph.elements import node_from_map, node_map
from graph.model import MODEL


def match_node(var: str, label: str, key: str, param: str) -> str:
    (checked,) = MODEL.check_labels([label])
    if key != MODEL.nodes[checked].key:
        raise ValueError(f"{checked} is keyed by {MODEL.nodes[checked].key}, not {key}")
    return f"MATCH ({var}:{checked} {{{key}: ${param}}}) WHERE {red_ok(var)}"


def entity_detail_query(label: str, key: str) -> str:
    return f"""
{match_node('n', label, key, 'key')}
RETURN {node_map('n')} AS node,
       COLLECT {{ MATCH (n)-[r]-(m) WHERE {rel_visible('r')} AND {red_ok('m')}
                 RETURN {{type: type(r), eid: elementId(m)}} LIMIT $max_links }} AS links
"""


MAX_LINKS = 5000


def visible_node(graph: Graph, scope: AccessScope, label: str, key: str, value: str,
                  timeout: float | None) -> dict[str, Any] | None:
    rows = graph.read(entity_detail_query(label, key),
                      {"acc_sources": list(scope.sources), "key": value,
                       "max_links": MAX_LINKS}, timeout=timeout)
    if not rows:
        return None
    row = rows[0]
    eids = {row["node"]["eid"]} | {link["eid"] for link in row["links"]}
    allowed = visible_node_ids(graph, scope, eids, timeout=timeout)
    if row["node"]["eid"] not in allowed:
        return None
    return {"row": row, "allowed": allowed}


def entity_detail(graph: Graph, scope: AccessScope, label: str, key: str, value: str,
                  *, timeout: float | None = None) -> dict[str, Any] | None:
    """Every property with its provenance, and how many visible links of each type."""
    found = visible_node(graph, scope, label, key, value, timeout)
    if found is None:
        return None
    counts: dict[str, int] = {}
    for link in found["row"]["links"]:
        if link["eid"] in found["allowed"]:
            counts[link["type"]] = counts.get(link["type"], 0) + 1
    return {**node_from_map(found["row"]["node"]), "links": dict(sorted(counts.items()))}
