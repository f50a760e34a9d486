"""Expand: the visible neighbours of a visible node, filtered by relationship type, label,
date and reliability."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from graph.access import AccessScope, red_ok, rel_visible, visible_node_ids
from graph.connection import Graph
from graph.elements import node_from_map, node_map, rel_from_map, rel_map
from graph.entity_detail import entity_detail, match_node
from graph.model import MODEL


def _date_expr(rel: str, node: str) -> str:
    """The date of a neighbour: the relationship's date property, else the node's."""
    rel_dates = sorted({d for r in MODEL.relationships.values() for d in r.dates})
    node_dates = sorted({d for n in MODEL.nodes.values() for d in n.dates})
    parts = [f"{rel}.`{d}`" for d in rel_dates] + [f"{node}.`{d}`" for d in node_dates]
    return f"coalesce({', '.join(parts)})"


@dataclass
class ExpandFilter:
    rel_types: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    min_reliability: str | None = None


EXPAND_MAX_CANDIDATES = 5000


def expand_query(label: str, key: str, flt: ExpandFilter) -> str:
    types = ":" + "|".join(MODEL.check_rel_types(flt.rel_types)) if flt.rel_types else ""
    labels = ":" + "|".join(MODEL.check_labels(flt.labels)) if flt.labels else ""
    date = _date_expr("r", "m")
    return f"""
{match_node('n', label, key, 'key')}
MATCH (n)-[r{types}]-(m{labels})
WHERE {rel_visible('r')} AND {red_ok('m')}
  AND ($min_reliability IS NULL OR coalesce(r.reliability, m.reliability, 'F') <= $min_reliability)
  AND ($date_from IS NULL OR {date} IS NULL OR {date} >= $date_from)
  AND ($date_to IS NULL OR {date} IS NULL OR {date} <= $date_to)
RETURN elementId(n) AS center, {node_map('m')} AS node, {rel_map('r')} AS rel
ORDER BY type(r), elementId(m), elementId(r)
LIMIT $max_candidates
"""


def expand(graph: Graph, scope: AccessScope, label: str, key: str, value: str,
           flt: ExpandFilter, *, skip: int = 0, limit: int = 100,
           timeout: float | None = None) -> dict[str, Any] | None:
    """The visible neighbours of a visible node; None when the node is not visible."""
    if flt.min_reliability and flt.min_reliability not in MODEL.enums["reliability"]:
        raise ValueError(f"min_reliability must be one of {MODEL.enums['reliability']}")
    params = {"acc_sources": list(scope.sources), "key": value,
              "min_reliability": flt.min_reliability, "date_from": flt.date_from,
              "date_to": flt.date_to, "max_candidates": EXPAND_MAX_CANDIDATES}
    rows = graph.read(expand_query(label, key, flt), params, timeout=timeout)
    center_id = f"{label}:{value}"
    eids = {r["node"]["eid"] for r in rows} | {r["center"] for r in rows[:1]}
    allowed = visible_node_ids(graph, scope, eids, timeout=timeout)
    if rows and rows[0]["center"] not in allowed:
        return None
    if not rows and entity_detail(graph, scope, label, key, value, timeout=timeout) is None:
        return None
    rows = [r for r in rows if r["node"]["eid"] in allowed]
    page = rows[skip:skip + limit]
    ids = {r["center"]: center_id for r in rows[:1]}
    nodes = []
    for row in page:
        node = node_from_map(row["node"])
        if row["node"]["eid"] not in ids:
            ids[row["node"]["eid"]] = node["id"]
            nodes.append(node)
    rels = [rel_from_map(row["rel"], ids) for row in page]
    return {"center": center_id, "nodes": nodes, "relationships": rels,
            "has_more": len(rows) > skip + limit}
