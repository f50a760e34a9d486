"""What an administrator does from the API and the UI: people and their authorities (the
server's own administrator does the same with ``crosslink user`` and ``crosslink authority``).
Every change is audited."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from backend.auth.roles import Permission
from backend.auth.session import end_user_sessions
from backend.auth.viewer import Viewer
from backend.errors import BadInputError
from backend.services import audit, users


def list_people(db: Session, viewer: Viewer) -> list[dict[str, Any]]:
    viewer.require(Permission.manage_users)
    return [users.user_row(u) for u in users.list_users(db)]


def list_authorities(db: Session, viewer: Viewer) -> list[dict[str, Any]]:
    viewer.require(Permission.manage_users)
    return [users.authority_row(a) for a in users.list_authorities(db)]


def add_authority(db: Session, viewer: Viewer, authority_id: str, *, name: str, country: str,
                  kind: str, sources: list[str] | None = None) -> dict[str, Any]:
    viewer.require(Permission.manage_users)
    authority = users.create_authority(db, authority_id, name=name, country=country, kind=kind,
                                       source_ids=sources)
    audit.record(db, viewer, audit.Action.user, {"op": "authority_add", "id": authority.id})
    return users.authority_row(authority)


def add_sources(db: Session, viewer: Viewer, authority_id: str, sources: list[str]
                ) -> dict[str, Any]:
    """More ingest sources of an authority (its people see their records)."""
    viewer.require(Permission.manage_users)
    authority = users.add_authority_sources(db, authority_id, sources)
    audit.record(db, viewer, audit.Action.user,
                 {"op": "authority_sources", "id": authority.id, "sources": sources})
    return users.authority_row(authority)


def add_person(db: Session, viewer: Viewer, username: str, *, authority: str, role: str,
               password: str) -> dict[str, Any]:
    """A new user with a first password (tell them to change it on their account page)."""
    viewer.require(Permission.manage_users)
    user = users.create_user(db, username, password, authority_id=authority, role=role)
    audit.record(db, viewer, audit.Action.user, {"op": "user_add", "user": user.username,
                                                 "role": user.role, "authority": authority})
    return users.user_row(user)


def reset_password(db: Session, viewer: Viewer, username: str, password: str) -> None:
    """A new password for someone who lost theirs; their sessions end."""
    viewer.require(Permission.manage_users)
    user = users.set_password(db, username, password)
    audit.record(db, viewer, audit.Action.user, {"op": "password_reset", "user": user.username})


def set_active(db: Session, viewer: Viewer, username: str, active: bool) -> dict[str, Any]:
    """Let someone in again, or keep them out (their sessions and API tokens stop working)."""
    viewer.require(Permission.manage_users)
    user = users.require_user(db, username)
    if user.id == viewer.user_id and not active:
        raise BadInputError("you cannot deactivate yourself", field="username")
    user.active = active
    db.commit()
    if not active:
        end_user_sessions(db, user.id)
    audit.record(db, viewer, audit.Action.user,
                 {"op": "user_activate" if active else "user_deactivate", "user": user.username})
    return {"username": user.username, "active": user.active}
