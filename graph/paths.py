"""Paths between two visible nodes through visible ones: the shortest (or all shortest), or
the k shortest of increasing length, with labels, relationship types and named nodes left out."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from graph.access import AccessScope, red_ok, rel_visible, visible_node_ids
from graph.connection import Graph
from graph.elements import node_from_map, node_map, rel_from_map, rel_map
from graph.entity_detail import match_node
from graph.lookups import node_eids
from graph.model import MODEL

MAX_HOPS = 8
MAX_K = 10


def paths_query(label_a: str, key_a: str, label_b: str, key_b: str, *, max_hops: int,
                all_shortest: bool) -> str:
    if not 1 <= max_hops <= MAX_HOPS:
        raise ValueError(f"max_hops must be between 1 and {MAX_HOPS}")
    fn = "allShortestPaths" if all_shortest else "shortestPath"
    return f"""
{match_node('a', label_a, key_a, 'a')}
{match_node('b', label_b, key_b, 'b')}
MATCH p = {fn}((a)-[*..{int(max_hops)}]-(b))
WHERE all(x IN nodes(p) WHERE NOT elementId(x) IN $blocked
          AND NOT any(l IN labels(x) WHERE l IN $excluded) AND {red_ok('x')})
  AND all(r IN relationships(p) WHERE {rel_visible('r')})
RETURN [x IN nodes(p) | {node_map('x')}] AS nodes, [r IN relationships(p) | {rel_map('r')}] AS rels
LIMIT $limit
"""


def k_paths_query(label_a: str, key_a: str, label_b: str, key_b: str, *, k: int,
                  max_hops: int) -> str:
    """The ``k`` shortest paths, shortest first (Cypher's ``SHORTEST k`` over a quantified
    path pattern, Neo4j 5.21+). The exclusions are inline predicates of the pattern, so they
    prune the search instead of filtering its results: a path around an excluded node is
    found even when shorter ones go through it. The two ends are never excluded."""
    if not 1 <= max_hops <= MAX_HOPS:
        raise ValueError(f"max_hops must be between 1 and {MAX_HOPS}")
    if not 1 <= k <= MAX_K:
        raise ValueError(f"k must be between 1 and {MAX_K}")
    step_rel = f"r WHERE NOT type(r) IN $excluded_types AND {rel_visible('r')}"
    step_node = (f"x WHERE x = b OR (NOT elementId(x) IN $blocked"
                 f" AND NOT any(l IN labels(x) WHERE l IN $excluded)"
                 f" AND NOT elementId(x) IN $excluded_nodes AND {red_ok('x')})")
    return f"""
{match_node('a', label_a, key_a, 'a')}
{match_node('b', label_b, key_b, 'b')}
MATCH p = SHORTEST {int(k)} (a) (()-[{step_rel}]-({step_node})){{1,{int(max_hops)}}} (b)
RETURN [x IN nodes(p) | {node_map('x')}] AS nodes, [r IN relationships(p) | {rel_map('r')}] AS rels
ORDER BY length(p)
"""


PATH_ROUNDS = 6


def _visible_paths(graph: Graph, scope: AccessScope,
                   run: Callable[[list[str]], list[dict[str, Any]]],
                   timeout: float | None) -> dict[str, Any]:
    """Run a path read, keep the paths whose every node the scope may see, and run it again
    around the hidden nodes (up to ``PATH_ROUNDS`` times) so that longer visible paths are
    found; the paths as node and relationship ids with their elements."""
    blocked: set[str] = set()
    rows: list[dict[str, Any]] = []
    for _ in range(PATH_ROUNDS):
        rows = run(sorted(blocked))
        eids = {item["eid"] for row in rows for item in row["nodes"]}
        allowed = visible_node_ids(graph, scope, eids, timeout=timeout)
        if rows and (rows[0]["nodes"][0]["eid"] not in allowed
                     or rows[0]["nodes"][-1]["eid"] not in allowed):
            return {"paths": [], "nodes": [], "relationships": []}  # an end is not visible
        hidden = eids - allowed
        rows = [r for r in rows if all(item["eid"] in allowed for item in r["nodes"])]
        if rows or not hidden:
            break
        blocked |= hidden
    nodes: dict[str, dict[str, Any]] = {}
    rels: dict[str, dict[str, Any]] = {}
    found = []
    for row in rows:
        ids = {}
        for item in row["nodes"]:
            node = node_from_map(item)
            ids[item["eid"]] = node["id"]
            nodes.setdefault(node["id"], node)
        path_rels = [rel_from_map(item, ids) for item in row["rels"]]
        for rel in path_rels:
            rels.setdefault(rel["id"], rel)
        found.append({"nodes": [ids[item["eid"]] for item in row["nodes"]],
                      "relationships": [rel["id"] for rel in path_rels]})
    return {"paths": found, "nodes": list(nodes.values()), "relationships": list(rels.values())}


def paths(graph: Graph, scope: AccessScope, a: tuple[str, str, str], b: tuple[str, str, str],
          *, max_hops: int = 4, all_shortest: bool = False,
          excluded_labels: list[str] | None = None, limit: int = 25,
          timeout: float | None = None) -> dict[str, Any]:
    """Shortest (or all shortest) paths between two visible nodes through visible ones.

    A path through a node the scope may not see is not returned; the search is run again
    around such nodes (up to ``PATH_ROUNDS`` times) so that a longer visible path is found."""
    excluded = MODEL.check_labels(excluded_labels or [])
    query = paths_query(a[0], a[1], b[0], b[1], max_hops=max_hops, all_shortest=all_shortest)
    return _visible_paths(graph, scope, lambda blocked: graph.read(
        query, {"acc_sources": list(scope.sources), "a": a[2], "b": b[2],
                "excluded": excluded, "limit": limit, "blocked": blocked}, timeout=timeout),
        timeout)


def k_paths(graph: Graph, scope: AccessScope, a: tuple[str, str, str], b: tuple[str, str, str],
            *, k: int = 3, max_hops: int = 4, excluded_labels: list[str] | None = None,
            excluded_rel_types: list[str] | None = None,
            excluded_nodes: list[tuple[str, str, str]] | None = None,
            timeout: float | None = None) -> dict[str, Any]:
    """The ``k`` shortest paths of increasing length between two visible nodes through
    visible ones, avoiding the excluded labels, relationship types and nodes (parsed node
    ids); shortest first. Hidden nodes are searched around as ``paths`` does."""
    excluded = MODEL.check_labels(excluded_labels or [])
    types = MODEL.check_rel_types(excluded_rel_types or [])
    named = node_eids(graph, excluded_nodes or [], timeout=timeout)
    query = k_paths_query(a[0], a[1], b[0], b[1], k=k, max_hops=max_hops)
    return _visible_paths(graph, scope, lambda blocked: graph.read(
        query, {"acc_sources": list(scope.sources), "a": a[2], "b": b[2],
                "excluded": excluded, "excluded_types": types, "excluded_nodes": named,
                "blocked": blocked}, timeout=timeout), timeout)
