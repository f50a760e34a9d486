"""Cross-border networks, as the viewer may see them.

A network is shown only when the viewer may see every case in it (analysts and admins see all
but those holding another authority's TLP:RED case): a network must not reveal that another
authority has a case linked to yours.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from backend.auth.roles import Permission
from backend.auth.viewer import Viewer
from backend.errors import NotFoundError
from backend.services import audit
from backend.services.neo4j_errors import neo4j_errors
from graph.access import visible_node_ids
from graph.connection import Graph
from graph.networks import Network, detect_networks, network_by_id


def visible_networks(graph: Graph, viewer: Viewer, networks: list[Network],
             timeout: float | None) -> list[Network]:
    eids = {c["element_id"] for n in networks for c in n.cases if c.get("element_id")}
    allowed = visible_node_ids(graph, viewer.scope(graph), eids, timeout=timeout)
    return [n for n in networks if all(c.get("element_id") in allowed for c in n.cases)]


def list_networks(graph: Graph, db: Session, viewer: Viewer, *, min_jurisdictions: int = 2,
                  timeout: float | None = None) -> list[dict[str, Any]]:
    viewer.require(Permission.read_graph)
    with neo4j_errors(timeout, "min_jurisdictions"):
        found = visible_networks(graph, viewer, detect_networks(
            graph, min_jurisdictions=min_jurisdictions, timeout=timeout), timeout)
    audit.record(db, viewer, audit.Action.view,
                 {"networks": True, "min_jurisdictions": min_jurisdictions},
                 result_size=len(found))
    return [n.to_dict() for n in found]


def network(graph: Graph, db: Session, viewer: Viewer, network_id: str,
            *, timeout: float | None = None) -> dict[str, Any]:
    viewer.require(Permission.read_graph)
    with neo4j_errors(timeout, "id"):
        found = network_by_id(graph, network_id, timeout=timeout)
        visible = visible_networks(graph, viewer, [found], timeout) if found else []
    audit.record(db, viewer, audit.Action.view, {"network": network_id},
                 result_size=len(visible))
    if not visible:
        raise NotFoundError(f"no network {network_id} that you may see", field="id")
    return visible[0].to_dict()
