"""The case list and a case with its parties and reporting authorities. Cases follow the case
rule alone, cheap enough to run inside the query."""

from __future__ import annotations

from typing import Any

from graph.access import AccessScope, case_visible, red_ok, rel_visible, visible_node_ids
from graph.connection import Graph
from graph.elements import Page, node_from_map, node_map
from graph.model import MODEL

CASE = MODEL.label("Case").name
PERSON = MODEL.label("Person").name
(INVOLVED_IN,) = MODEL.check_rel_types(["INVOLVED_IN"])


CASES = f"""
MATCH (c:{CASE})
WHERE (size($jurisdictions) = 0 OR c.jurisdiction IN $jurisdictions)
  AND ($status IS NULL OR c.status = $status)
  AND ($sector IS NULL OR c.sector = $sector)
  AND (size($indicators) = 0 OR all(i IN $indicators WHERE i IN coalesce(c.indicators, [])))
  AND ($year IS NULL OR c.opened_on.year = $year)
  AND ($exploitation_type IS NULL OR c.exploitation_type = $exploitation_type)
  AND ($citizenship IS NULL OR EXISTS {{ (v:{PERSON})-[r:{INVOLVED_IN}]->(c)
       WHERE r.role = 'victim' AND v.nationality = $citizenship }})
  AND {red_ok('c')} AND ($acc_all OR {case_visible('c')})
RETURN {node_map('c')} AS node
ORDER BY c.opened_on DESC, c.uid
SKIP $skip LIMIT $limit
"""


def list_cases(graph: Graph, scope: AccessScope, *, jurisdictions: list[str] | None = None,
               status: str | None = None, sector: str | None = None,
               indicators: list[str] | None = None, year: int | None = None,
               exploitation_type: str | None = None, citizenship: str | None = None,
               skip: int = 0, limit: int = 100, timeout: float | None = None) -> Page:
    """Cases follow the case rule alone, which is cheap enough to run inside the query.
    ``citizenship``: cases with a victim of that nationality."""
    params = {**scope.params(), "jurisdictions": [j.upper() for j in jurisdictions or []],
              "status": status, "sector": sector, "indicators": indicators or [],
              "year": year, "exploitation_type": exploitation_type,
              "citizenship": citizenship.upper() if citizenship else None,
              "skip": skip, "limit": limit + 1}
    rows = graph.read(CASES, params, timeout=timeout)
    return Page([node_from_map(r["node"]) for r in rows[:limit]], len(rows) > limit)


CASE_DETAIL = f"""
MATCH (c:{CASE} {{uid: $uid}}) WHERE {red_ok('c')} AND ($acc_all OR {case_visible('c')})
RETURN {node_map('c')} AS node,
       COLLECT {{ MATCH (p)-[r:INVOLVED_IN]->(c) WHERE {rel_visible('r')} AND {red_ok('p')}
                 RETURN {{node: {node_map('p')}, role: r.role}} }} AS parties,
       COLLECT {{ MATCH (c)-[:REPORTED_BY]->(a:Authority) RETURN {node_map('a')} }} AS authorities
"""


def case_detail(graph: Graph, scope: AccessScope, uid: str,
                *, timeout: float | None = None) -> dict[str, Any] | None:
    rows = graph.read(CASE_DETAIL, {**scope.params(), "uid": uid}, timeout=timeout)
    if not rows:
        return None
    row = rows[0]
    allowed = visible_node_ids(graph, scope, [p["node"]["eid"] for p in row["parties"]],
                               timeout=timeout)
    return {**node_from_map(row["node"]),
            "parties": [{**node_from_map(p["node"]), "role": p["role"]} for p in row["parties"]
                        if p["node"]["eid"] in allowed],
            "authorities": [node_from_map(a) for a in row["authorities"]]}
