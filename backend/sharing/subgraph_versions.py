"""The versions of a saved subgraph: list them, open one as it was, what changed between two,
and what the live graph has added around its nodes since (new links, new cases).

Every save is a ``SubgraphVersion`` row (``backend.services.subgraphs``); access is the
subgraph's own (owner, or admin), checked by ``subgraphs.get``.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.auth.viewer import Viewer
from backend.db.models import SubgraphVersion
from backend.errors import NotFoundError
from backend.services import subgraphs
from backend.services.protection import mask_result
from backend.sharing.bundle import saved_node_ids, saved_positions, saved_rel_keys
from graph.access import visible_node_ids, visible_rel_ids
from graph.connection import Graph
from graph.subgraphs import added_around


def _rows(db: Session, subgraph_id: int) -> list[SubgraphVersion]:
    return list(db.scalars(select(SubgraphVersion)
                           .where(SubgraphVersion.subgraph_id == subgraph_id)
                           .order_by(SubgraphVersion.version)))


def list_versions(db: Session, viewer: Viewer, subgraph_id: int) -> list[dict[str, Any]]:
    subgraphs.get(db, viewer, subgraph_id)
    return [{"version": v.version, "name": v.name, "saved_by": v.saved_by,
             "saved_at": v.saved_at, "nodes": len(saved_node_ids(v.elements))}
            for v in _rows(db, subgraph_id)]


def get_version(db: Session, viewer: Viewer, subgraph_id: int, version: int
                ) -> dict[str, Any]:
    """The subgraph as it was saved in ``version``."""
    subgraphs.get(db, viewer, subgraph_id)
    row = db.scalar(select(SubgraphVersion).where(SubgraphVersion.subgraph_id == subgraph_id,
                                                  SubgraphVersion.version == version))
    if row is None:
        raise NotFoundError(f"saved subgraph {subgraph_id} has no version {version}",
                            field="version")
    return {"id": subgraph_id, "version": row.version, "name": row.name,
            "description": row.description, "elements": row.elements, "layout": row.layout,
            "notes": row.notes, "saved_by": row.saved_by, "saved_at": row.saved_at}


def diff(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """What changed from ``old`` to ``new`` (two versions as ``get_version`` returns them)."""
    old_nodes, new_nodes = set(saved_node_ids(old["elements"])), set(saved_node_ids(
        new["elements"]))
    old_rels, new_rels = saved_rel_keys(old["elements"]), saved_rel_keys(new["elements"])
    old_at = saved_positions(old["elements"], old["layout"])
    new_at = saved_positions(new["elements"], new["layout"])
    moved = sorted(k for k in set(old_at) & set(new_at) if old_at[k] != new_at[k])
    notes = sorted(k for k in set(old["notes"]) | set(new["notes"])
                   if old["notes"].get(k) != new["notes"].get(k))
    return {"from": old["version"], "to": new["version"],
            "nodes_added": sorted(new_nodes - old_nodes),
            "nodes_removed": sorted(old_nodes - new_nodes),
            "relationships_added": sorted(new_rels - old_rels),
            "relationships_removed": sorted(old_rels - new_rels),
            "moved": moved, "notes_changed": notes,
            "renamed": old["name"] != new["name"],
            "description_changed": old["description"] != new["description"]}


def compare(db: Session, viewer: Viewer, subgraph_id: int, old: int, new: int
            ) -> dict[str, Any]:
    return diff(get_version(db, viewer, subgraph_id, old),
                get_version(db, viewer, subgraph_id, new))


def added_since(graph: Graph, db: Session, viewer: Viewer, subgraph_id: int,
                version: int | None = None) -> dict[str, Any]:
    """What the live graph links to the chart's nodes that the chart does not hold (new
    links, new cases), within the viewer's access rules."""
    chart = (get_version(db, viewer, subgraph_id, version) if version is not None
             else subgraphs.get(db, viewer, subgraph_id))
    around = added_around(graph, saved_node_ids(chart["elements"]))
    scope = viewer.scope(graph)
    seen = visible_node_ids(graph, scope, [n["eid"] for n in around["nodes"]])
    nodes = [{k: v for k, v in n.items() if k != "eid"} for n in around["nodes"]
             if n["eid"] in seen]
    ids = {n["id"] for n in nodes}
    near = [r for r in around["relationships"] if r["source"] in ids or r["target"] in ids]
    allowed = visible_rel_ids(graph, scope, [r["id"] for r in near])
    rels = [r for r in near if r["id"] in allowed]
    shown = mask_result({"nodes": nodes, "relationships": rels}, viewer)
    return {**shown, "cases": [n for n in shown["nodes"] if n["label"] == "Case"]}
