"""Maintenance of the graph database as a whole: creating its schema, emptying it. Both are
the administrators' (the server's command line), and both are audited."""

from __future__ import annotations

from sqlalchemy.orm import Session

from backend.auth.roles import Permission
from backend.auth.viewer import Viewer
from backend.services import audit
from graph.connection import Graph
from graph.maintenance import reset_graph
from graph.schema import apply_schema


def create_schema(graph: Graph, db: Session, viewer: Viewer) -> list[str]:
    """The constraints, indexes and full-text index of the model (idempotent): those created."""
    viewer.require(Permission.manage_users)
    created = apply_schema(graph)
    audit.record(db, viewer, audit.Action.maintenance, {"op": "schema_init",
                                                        "created": created},
                 result_size=len(created))
    return created


def empty_graph(graph: Graph, db: Session, viewer: Viewer) -> int:
    """Delete every node and relationship (the schema stays); how many nodes went."""
    viewer.require(Permission.manage_users)
    deleted = reset_graph(graph)
    audit.record(db, viewer, audit.Action.maintenance, {"op": "graph_reset",
                                                        "deleted": deleted},
                 result_size=deleted)
    return deleted
