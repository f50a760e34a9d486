"""Sharing saved subgraphs: private, with teams, or instance-wide; the shared view of a
chart's elements; its comment thread.

Whoever may see a chart sees its elements as they are in the live graph (``chart_elements``):
what the chart's owner may see by the access rule (sharing shares the owner's view, never
more: a chart saved with ids its owner cannot see shows nothing of them), and a TLP:RED
element only if the viewer's own authority owns its source; protected persons masked for
roles that may not see them. Both checks are the Cypher rule of ``graph.access``. Exports
from the API read the same elements (``backend.sharing.exports``).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from backend.auth.roles import Permission
from backend.auth.viewer import Viewer, viewer_for
from backend.db.models import SavedSubgraph, SubgraphComment, SubgraphShare, Team, User
from backend.errors import BadInputError, ForbiddenError, NotFoundError
from backend.services import audit
from backend.services.protection import mask_result
from backend.sharing.bundle import saved_node_ids
from graph.access import visible_node_ids, visible_rel_ids
from graph.connection import Graph
from graph.elements import BadNodeIdError
from graph.subgraphs import read_elements


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


def about(db: Session, viewer: Viewer, subgraph_id: int) -> dict[str, Any]:
    """Who owns a chart the viewer may see, with whom it is shared, and whether it is the
    viewer's own (only the owner shares it; owner and admins see its versions)."""
    row = visible(db, viewer, subgraph_id)
    owner = db.get(User, row.owner_id)
    return {"id": row.id, "name": row.name, "description": row.description,
            "owner_id": row.owner_id, "owner": owner.username if owner else None,
            "visibility": row.visibility, "teams": team_ids(db, row.id),
            "team_names": list(db.scalars(select(Team.name).where(
                Team.id.in_(team_ids(db, row.id))).order_by(Team.name))),
            "version": row.version, "updated_at": row.updated_at,
            "mine": row.owner_id == viewer.user_id,
            "versions_open": row.owner_id == viewer.user_id
            or viewer.may(Permission.manage_users)}


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
    rows = db.execute(select(SavedSubgraph, User.username)
                      .join(User, User.id == SavedSubgraph.owner_id).where(
        SavedSubgraph.owner_id != viewer.user_id,
        or_(SavedSubgraph.visibility == Visibility.instance,
            (SavedSubgraph.visibility == Visibility.team) & SavedSubgraph.id.in_(via_team)))
        .order_by(SavedSubgraph.updated_at.desc()))
    return [{"id": r.id, "name": r.name, "description": r.description, "owner_id": r.owner_id,
             "owner": owner, "visibility": r.visibility, "version": r.version,
             "updated_at": r.updated_at} for r, owner in rows]


def chart_elements(graph: Graph, db: Session, viewer: Viewer, elements: dict[str, Any],
                   owner_id: int) -> dict[str, list[dict[str, Any]]]:
    """The nodes of a chart's ``elements`` and the relationships between them, from the live
    graph, as ``viewer`` may see them (the rule in this module's docstring)."""
    try:
        found = read_elements(graph, saved_node_ids(elements))
    except BadNodeIdError as exc:
        raise BadInputError(f"the saved chart names a node wrongly: {exc}",
                            field="elements") from exc
    mine = viewer.scope(graph)
    scopes = [mine]
    if owner_id != viewer.user_id:
        owner = db.get(User, owner_id)
        scopes = [viewer_for(db, owner).scope(graph), mine.red_only()] if owner else [mine]
    node_eids = set(found["eids"].values())
    rel_eids = {r["id"] for r in found["relationships"]}
    for scope in scopes:
        node_eids = visible_node_ids(graph, scope, node_eids)
        rel_eids = visible_rel_ids(graph, scope, rel_eids)
    nodes = [n for n in found["nodes"] if found["eids"][n["id"]] in node_eids]
    ids = {n["id"] for n in nodes}
    rels = [r for r in found["relationships"]
            if r["id"] in rel_eids and r["source"] in ids and r["target"] in ids]
    return {"nodes": nodes, "relationships": rels}


def view(graph: Graph, db: Session, viewer: Viewer, subgraph_id: int) -> dict[str, Any]:
    """The chart with its elements from the live graph, as this viewer may see them."""
    row = visible(db, viewer, subgraph_id)
    elements = mask_result(chart_elements(graph, db, viewer, row.elements, row.owner_id),
                           viewer)
    audit.record(db, viewer, audit.Action.view, {"subgraph": subgraph_id, "shared": True},
                 result_size=len(elements["nodes"]))
    return {"id": row.id, "name": row.name, "description": row.description,
            "owner_id": row.owner_id, "version": row.version, "visibility": row.visibility,
            "teams": team_ids(db, row.id), "layout": row.layout, "notes": row.notes,
            "style": (row.elements or {}).get("style") or {},  # its styling rules
            "nodes": elements["nodes"], "relationships": elements["relationships"]}


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
