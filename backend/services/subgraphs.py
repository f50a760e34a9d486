"""Saved subgraphs (link charts): create, read, update (each save is a new version), delete.

Owners manage their own; admins may read and delete any. Sharing with teams and bundles are
built on these rows (docs/sharing.md)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.auth.roles import Permission
from backend.auth.viewer import Viewer
from backend.db.models import SavedSubgraph, SubgraphVersion, utcnow
from backend.errors import BadInputError, NotFoundError
from backend.services import audit


def _out(row: SavedSubgraph) -> dict[str, Any]:
    return {"id": row.id, "owner_id": row.owner_id, "name": row.name,
            "description": row.description, "elements": row.elements, "layout": row.layout,
            "notes": row.notes, "version": row.version, "created_at": row.created_at,
            "updated_at": row.updated_at}


def _check(elements: dict[str, Any]) -> None:
    for key in ("nodes", "relationships"):
        if key in elements and not isinstance(elements[key], list):
            raise BadInputError(f"elements.{key} must be a list", field=f"elements.{key}")


def _version(db: Session, row: SavedSubgraph, viewer: Viewer) -> None:
    db.add(SubgraphVersion(subgraph_id=row.id, version=row.version, name=row.name,
                           description=row.description, elements=row.elements,
                           layout=row.layout, notes=row.notes, saved_by=viewer.user_id))


def create(db: Session, viewer: Viewer, *, name: str, description: str = "",
           elements: dict[str, Any], layout: dict[str, Any] | None = None,
           notes: dict[str, Any] | None = None) -> dict[str, Any]:
    viewer.require(Permission.save_subgraphs)
    _check(elements)
    row = SavedSubgraph(owner_id=viewer.user_id, name=name, description=description,
                        elements=elements, layout=layout or {}, notes=notes or {}, version=1)
    db.add(row)
    db.flush()
    _version(db, row, viewer)
    db.commit()
    audit.record(db, viewer, audit.Action.subgraph, {"op": "create", "id": row.id},
                 result_size=len(elements.get("nodes", [])))
    return _out(row)


def _own(db: Session, viewer: Viewer, subgraph_id: int, *, admin_ok: bool) -> SavedSubgraph:
    row = db.get(SavedSubgraph, subgraph_id)
    if row is None or (row.owner_id != viewer.user_id
                       and not (admin_ok and viewer.may(Permission.manage_users))):
        raise NotFoundError(f"no saved subgraph {subgraph_id} of yours", field="id")
    return row


def list_own(db: Session, viewer: Viewer) -> list[dict[str, Any]]:
    viewer.require(Permission.read_graph)
    rows = db.scalars(select(SavedSubgraph).where(SavedSubgraph.owner_id == viewer.user_id)
                      .order_by(SavedSubgraph.updated_at.desc()))
    return [{k: v for k, v in _out(r).items() if k not in ("elements", "layout", "notes")}
            for r in rows]


def get(db: Session, viewer: Viewer, subgraph_id: int) -> dict[str, Any]:
    viewer.require(Permission.read_graph)
    row = _own(db, viewer, subgraph_id, admin_ok=True)
    audit.record(db, viewer, audit.Action.view, {"subgraph": subgraph_id},
                 result_size=len(row.elements.get("nodes", [])))
    return _out(row)


def update(db: Session, viewer: Viewer, subgraph_id: int, *, name: str | None = None,
           description: str | None = None, elements: dict[str, Any] | None = None,
           layout: dict[str, Any] | None = None, notes: dict[str, Any] | None = None
           ) -> dict[str, Any]:
    viewer.require(Permission.save_subgraphs)
    row = _own(db, viewer, subgraph_id, admin_ok=False)
    if elements is not None:
        _check(elements)
        row.elements = elements
    for attr, value in (("name", name), ("description", description), ("layout", layout),
                        ("notes", notes)):
        if value is not None:
            setattr(row, attr, value)
    row.version += 1
    row.updated_at = utcnow()
    _version(db, row, viewer)
    db.commit()
    audit.record(db, viewer, audit.Action.subgraph,
                 {"op": "update", "id": row.id, "version": row.version})
    return _out(row)


def delete(db: Session, viewer: Viewer, subgraph_id: int) -> None:
    viewer.require(Permission.save_subgraphs)
    row = _own(db, viewer, subgraph_id, admin_ok=True)
    db.delete(row)
    db.commit()
    audit.record(db, viewer, audit.Action.subgraph, {"op": "delete", "id": subgraph_id})
