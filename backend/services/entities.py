"""One entity with every property and its provenance."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from backend.auth.roles import Permission
from backend.auth.viewer import Viewer
from backend.errors import NotFoundError
from backend.services import audit
from backend.services.neo4j_errors import checked_node_id, neo4j_errors
from backend.services.protection import mask_node
from graph.connection import Graph
from graph.entity_detail import entity_detail


def entity(graph: Graph, db: Session, viewer: Viewer, node_id: str,
           *, timeout: float | None = None) -> dict[str, Any]:
    """404 both when the node does not exist and when the viewer may not see it: the
    answer must not tell which."""
    viewer.require(Permission.read_graph)
    label, key, value = checked_node_id(node_id, "id")
    with neo4j_errors(timeout, "id"):
        found = entity_detail(graph, viewer.scope(graph), label, key, value,
                                      timeout=timeout)
    audit.record(db, viewer, audit.Action.view, {"id": node_id},
                 result_size=1 if found else 0)
    if found is None:
        raise NotFoundError(f"no entity {node_id} that you may see", field="id")
    return mask_node(found, viewer)
