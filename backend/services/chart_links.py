"""Building a chart from what it holds: the links among its nodes (reveal links among these)
and the records elsewhere that resolve to or share an identifier with a chosen set of them
(cross-reference). Audited as expand reads, named by their ``op``."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from backend.auth.roles import Permission
from backend.auth.viewer import Viewer
from backend.errors import BadInputError
from backend.services import audit
from backend.services.neo4j_errors import checked_node_id, neo4j_errors
from backend.services.protection import mask_result
from graph import cross_reference as xref_reads
from graph import links_among as link_reads
from graph.connection import Graph

MAX_NODES = 2000


def _checked(node_ids: list[str], least: int) -> list[tuple[str, str, str]]:
    if len(node_ids) < least:
        raise BadInputError(f"give at least {least} node id(s)", field="ids")
    if len(node_ids) > MAX_NODES:
        raise BadInputError(f"at most {MAX_NODES} nodes at a time", field="ids")
    return [checked_node_id(n, "ids") for n in dict.fromkeys(node_ids)]


def links_among(graph: Graph, db: Session, viewer: Viewer, node_ids: list[str], *,
                timeout: float | None = None) -> dict[str, Any]:
    """The relationships between the given nodes that the viewer may see."""
    viewer.require(Permission.read_graph)
    parsed = _checked(node_ids, 2)
    with neo4j_errors(timeout, "ids"):
        result = link_reads.links_among(graph, viewer.scope(graph), parsed, timeout=timeout)
    audit.record(db, viewer, audit.Action.expand, {"op": "links_among", "ids": node_ids},
                 result_size=len(result["relationships"]))
    return mask_result(result, viewer)


def cross_reference(graph: Graph, db: Session, viewer: Viewer, node_ids: list[str], *,
                    timeout: float | None = None) -> dict[str, Any]:
    """The records elsewhere that resolve to (``SAME_AS``) or share an identifier with the
    given nodes, as the viewer may see them; protected persons masked for roles that may
    not see them."""
    viewer.require(Permission.read_graph)
    parsed = _checked(node_ids, 1)
    with neo4j_errors(timeout, "ids"):
        result = xref_reads.cross_reference(graph, viewer.scope(graph), parsed,
                                            timeout=timeout)
    audit.record(db, viewer, audit.Action.expand, {"op": "cross_reference", "ids": node_ids},
                 result_size=len(result["matches"]))
    return mask_result(result, viewer)
