"""Analysts' own Cypher queries, private or shared with one of their teams; they run through
the console's checks (``backend.services.console``)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from backend.auth.roles import Permission
from backend.auth.viewer import Viewer
from backend.db.models import SavedQuery
from backend.errors import BadInputError, NotFoundError
from graph.console import refusal

VISIBILITIES = ("private", "team")


def _out(row: SavedQuery) -> dict[str, Any]:
    return {"id": row.id, "owner_id": row.owner_id, "name": row.name, "cypher": row.cypher,
            "parameters": row.parameters, "visibility": row.visibility,
            "team_id": row.team_id, "updated_at": row.updated_at}


def save(db: Session, viewer: Viewer, *, name: str, cypher: str,
         parameters: dict[str, Any] | None = None, visibility: str = "private",
         team_id: int | None = None) -> dict[str, Any]:
    viewer.require(Permission.save_queries)
    reason = refusal(cypher)
    if reason:
        raise BadInputError(f"refused: {reason}", field="cypher", code="refused")
    if visibility not in VISIBILITIES:
        raise BadInputError("visibility must be private or team", field="visibility")
    if visibility == "team" and team_id not in viewer.team_ids:
        raise BadInputError("team_id must be one of your teams", field="team_id")
    row = SavedQuery(owner_id=viewer.user_id, name=name, cypher=cypher,
                     parameters=parameters or {}, visibility=visibility,
                     team_id=team_id if visibility == "team" else None)
    db.add(row)
    db.commit()
    return _out(row)


def _readable(viewer: Viewer) -> Any:
    return or_(SavedQuery.owner_id == viewer.user_id,
               (SavedQuery.visibility == "team") & SavedQuery.team_id.in_(viewer.team_ids))


def list_queries(db: Session, viewer: Viewer) -> list[dict[str, Any]]:
    viewer.require(Permission.save_queries)
    rows = db.scalars(select(SavedQuery).where(_readable(viewer)).order_by(SavedQuery.name))
    return [_out(r) for r in rows]


def get(db: Session, viewer: Viewer, query_id: int) -> dict[str, Any]:
    viewer.require(Permission.save_queries)
    row = db.scalar(select(SavedQuery).where(SavedQuery.id == query_id, _readable(viewer)))
    if row is None:
        raise NotFoundError(f"no saved query {query_id} you may read", field="id")
    return _out(row)


def delete(db: Session, viewer: Viewer, query_id: int) -> None:
    viewer.require(Permission.save_queries)
    row = db.get(SavedQuery, query_id)
    if row is None or row.owner_id != viewer.user_id:
        raise NotFoundError(f"no saved query {query_id} of yours", field="id")
    db.delete(row)
    db.commit()
