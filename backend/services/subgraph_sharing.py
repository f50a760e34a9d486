"""Sharing saved subgraphs: private, with teams, or instance-wide; the shared view of a
chart's elements; its comment thread.

Whoever may see a chart sees its elements as they are in the live graph, within the TLP
rule: a TLP:RED element only if the viewer's authority owns its source (the same rule as
``graph.access.red_ok``); protected persons masked for roles that may not see them.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from backend.auth.roles import Permission
from backend.auth.viewer import Viewer
from backend.db.models import SavedSubgraph, SubgraphComment, SubgraphShare
from backend.errors import BadInputError, ForbiddenError, NotFoundError
from backend.services import audit
from backend.services.protection import mask_nodes
from backend.sharing.bundle import saved_node_ids
from graph.access import RED
from graph.bundles import read_elements
from graph.connection import Graph


class Visibility(StrEnum):
    private = "private"
    team = "team"
    instance = "instance"


def _row(db: Session, subgraph_id: int) -> SavedSubgraph:
    row = db.get(SavedSubgraph, subgraph_id)
    if row is None:
        raise NotFoundError(f"no saved subgraph {subgraph_id} you may see", field="id")
    return row


def team_ids(db: Session, subgraph_id: int) -> list[int]:
    return list(db.scalars(select(SubgraphShare.team_id)
                           .where(SubgraphShare.subgraph_id == subgraph_id)))


def may_see(db: Session, viewer: Viewer, row: SavedSubgraph) -> bool:
    if row.owner_id == viewer.user_id or viewer.may(Permission.manage_users):
        return True
    if row.visibility == Visibility.instance:
        return True
    return row.visibility == Visibility.team and bool(
        set(team_ids(db, row.id)) & set(viewer.team_ids))


def visible(db: Session, viewer: Viewer, subgraph_id: int) -> SavedSubgraph:
    viewer.require(Permission.read_graph)
    row = _row(db, subgraph_id)
    if not may_see(db, viewer, row):
        raise NotFoundError(f"no saved subgraph {subgraph_id} you may see", field="id")
    return row


def share(db: Session, viewer: Viewer, subgraph_id: int, visibility: str,
          teams: list[int] | None = None) -> dict[str, Any]:
    """The owner sets who sees the chart; ``team`` needs teams the owner belongs to."""
    viewer.require(Permission.save_subgraphs)
    row = _row(db, subgraph_id)
    if row.owner_id != viewer.user_id:
        raise ForbiddenError("only the owner of a saved subgraph may share it")
    try:
        chosen = Visibility(visibility)
    except ValueError:
        raise BadInputError(f"visibility {visibility!r}: expected private, team or instance",
                            field="visibility") from None
    wanted = sorted(set(teams or []))
    if chosen is Visibility.team and not wanted:
        raise BadInputError("visibility team needs at least one team", field="teams")
    foreign = [t for t in wanted if t not in viewer.team_ids]
    if foreign:
        raise ForbiddenError(f"you are not a member of team(s) {foreign}", field="teams")
    row.visibility = chosen.value
    db.execute(delete(SubgraphShare).where(SubgraphShare.subgraph_id == subgraph_id))
    if chosen is Visibility.team:
        db.add_all(SubgraphShare(subgraph_id=subgraph_id, team_id=t, shared_by=viewer.user_id)
                   for t in wanted)
    db.commit()
    audit.record(db, viewer, audit.Action.subgraph,
                 {"op": "share", "id": subgraph_id, "visibility": chosen.value,
                  "teams": wanted})
    return {"id": subgraph_id, "visibility": chosen.value, "teams": wanted}


def shared_with_me(db: Session, viewer: Viewer) -> list[dict[str, Any]]:
    """Charts of others that the viewer may see (instance-wide or through a team)."""
    viewer.require(Permission.read_graph)
    via_team = select(SubgraphShare.subgraph_id).where(
        SubgraphShare.team_id.in_(viewer.team_ids or (-1,)))
    rows = db.scalars(select(SavedSubgraph).where(
        SavedSubgraph.owner_id != viewer.user_id,
        or_(SavedSubgraph.visibility == Visibility.instance,
            (SavedSubgraph.visibility == Visibility.team) & SavedSubgraph.id.in_(via_team)))
        .order_by(SavedSubgraph.updated_at.desc()))
    return [{"id": r.id, "name": r.name, "description": r.description, "owner_id": r.owner_id,
             "visibility": r.visibility, "version": r.version, "updated_at": r.updated_at}
            for r in rows]


def view(graph: Graph, db: Session, viewer: Viewer, subgraph_id: int) -> dict[str, Any]:
    """The chart with its elements from the live graph, as this viewer may see them."""
    row = visible(db, viewer, subgraph_id)
    elements = read_elements(graph, saved_node_ids(row.elements))
    own = set(viewer.scope(graph).sources)

    def allowed(element: dict[str, Any]) -> bool:
        prov = element.get("provenance", {})
        return prov.get("tlp") != RED or prov.get("source") in own

    nodes = [n for n in elements["nodes"] if allowed(n)]
    ids = {n["id"] for n in nodes}
    rels = [r for r in elements["relationships"]
            if allowed(r) and r["source"] in ids and r["target"] in ids]
    audit.record(db, viewer, audit.Action.view, {"subgraph": subgraph_id, "shared": True},
                 result_size=len(nodes))
    return {"id": row.id, "name": row.name, "description": row.description,
            "version": row.version, "visibility": row.visibility, "layout": row.layout,
            "notes": row.notes, "nodes": mask_nodes(nodes, viewer), "relationships": rels}


def add_comment(db: Session, viewer: Viewer, subgraph_id: int, body: str) -> dict[str, Any]:
    visible(db, viewer, subgraph_id)
    if not body.strip():
        raise BadInputError("a comment needs some text", field="body")
    comment = SubgraphComment(subgraph_id=subgraph_id, author_id=viewer.user_id,
                              author=viewer.username, body=body.strip())
    db.add(comment)
    db.commit()
    return _comment(comment)


def comments(db: Session, viewer: Viewer, subgraph_id: int) -> list[dict[str, Any]]:
    visible(db, viewer, subgraph_id)
    rows = db.scalars(select(SubgraphComment).where(SubgraphComment.subgraph_id == subgraph_id)
                      .order_by(SubgraphComment.id))
    return [_comment(c) for c in rows]


def _comment(c: SubgraphComment) -> dict[str, Any]:
    return {"id": c.id, "author": c.author, "body": c.body, "created_at": c.created_at}
