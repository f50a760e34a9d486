"""Paths between two nodes through nodes the viewer may see."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from backend.auth.roles import Permission
from backend.auth.viewer import Viewer
from backend.errors import BadInputError
from backend.services import audit
from backend.services.neo4j_errors import (
    checked_labels,
    checked_node_id,
    checked_rel_types,
    neo4j_errors,
)
from backend.services.protection import mask_result
from graph import paths as path_reads
from graph.connection import Graph


def paths(graph: Graph, db: Session, viewer: Viewer, source: str, target: str, *,
          max_hops: int = 4, all_shortest: bool = False,
          excluded_labels: list[str] | None = None, k: int | None = None,
          excluded_rel_types: list[str] | None = None,
          excluded_nodes: list[str] | None = None, limit: int = 25,
          timeout: float | None = None) -> dict[str, Any]:
    """An invisible node is never on a returned path: paths go around it or are not found.

    With ``k`` (or relationship types or nodes to exclude), the ``k`` shortest paths of
    increasing length (``graph.paths.k_paths``); else the shortest or all shortest."""
    viewer.require(Permission.read_graph)
    a = checked_node_id(source, "source")
    b = checked_node_id(target, "target")
    if a == b:
        raise BadInputError("source and target are the same node", field="target")
    if not 1 <= max_hops <= path_reads.MAX_HOPS:
        raise BadInputError(f"max_hops must be between 1 and {path_reads.MAX_HOPS}",
                            field="max_hops")
    excluded = checked_labels(excluded_labels, "excluded_labels")
    types = checked_rel_types(excluded_rel_types, "excluded_rel_types")
    named = [checked_node_id(n, "excluded_nodes") for n in excluded_nodes or []]
    if a in named or b in named:
        raise BadInputError("an end of the path is among the excluded nodes",
                            field="excluded_nodes")
    if k is not None and not 1 <= k <= path_reads.MAX_K:
        raise BadInputError(f"k must be between 1 and {path_reads.MAX_K}", field="k")
    with neo4j_errors(timeout, "source"):
        if k is not None or types or named:
            result = path_reads.k_paths(graph, viewer.scope(graph), a, b, k=k or 1,
                                        max_hops=max_hops, excluded_labels=excluded,
                                        excluded_rel_types=types, excluded_nodes=named,
                                        timeout=timeout)
        else:
            result = path_reads.paths(graph, viewer.scope(graph), a, b, max_hops=max_hops,
                                      all_shortest=all_shortest, excluded_labels=excluded,
                                      limit=limit, timeout=timeout)
    audit.record(db, viewer, audit.Action.path,
                 {"source": source, "target": target, "max_hops": max_hops,
                  "all_shortest": all_shortest, "excluded_labels": excluded, "k": k,
                  "excluded_rel_types": types, "excluded_nodes": excluded_nodes or []},
                 result_size=len(result["paths"]))
    return mask_result(result, viewer)
