"""What an administrator does from the API, the UI and the server's command line (``crosslink
user``, ``authority`` and ``token``): people, their authorities and API tokens. Every change
is audited."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.auth.roles import Permission
from backend.auth.session import end_user_sessions
from backend.auth.tokens import create_token
from backend.auth.viewer import Viewer
from backend.db.models import Authority, User
from backend.errors import BadInputError
from backend.services import audit, users
from graph.connection import Graph
from graph.lookups import graph_authorities


def list_people(db: Session, viewer: Viewer) -> list[dict[str, Any]]:
    viewer.require(Permission.manage_users)
    return [users.user_row(u) for u in users.list_users(db)]


def list_authorities(db: Session, viewer: Viewer) -> list[dict[str, Any]]:
    viewer.require(Permission.manage_users)
    return [users.authority_row(a) for a in users.list_authorities(db)]


def add_authority(db: Session, viewer: Viewer, authority_id: str, *, name: str, country: str,
                  kind: str, sources: list[str] | None = None, contact: str = ""
                  ) -> dict[str, Any]:
    """An authority; ``contact``: whom other authorities call about a deconfliction hit."""
    viewer.require(Permission.manage_users)
    authority = users.create_authority(db, authority_id, name=name, country=country, kind=kind,
                                       source_ids=sources, contact=contact)
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


def new_token(db: Session, viewer: Viewer, name: str, *, username: str | None = None) -> str:
    """A Bearer token for scripts (shown once), acting as the viewer, or as ``username`` for
    an administrator (who hands it to that person's script)."""
    if username is None:
        user = db.get(User, viewer.user_id)
        if user is None:  # the command line has no account of its own
            raise BadInputError("name the user the token acts as", field="username")
    else:
        viewer.require(Permission.manage_users)
        user = users.require_user(db, username)
    token = create_token(db, user, name)
    audit.record(db, viewer, audit.Action.token, {"name": name, "user": user.username})
    return token


def unregistered_authorities(graph: Graph, db: Session, viewer: Viewer
                             ) -> list[dict[str, str | None]]:
    """The authorities the graph's cases name that have no entry yet (with the source that
    first reported each): the ids to give people of those authorities."""
    viewer.require(Permission.manage_users)
    known = set(db.scalars(select(Authority.id)))
    return [a for a in graph_authorities(graph) if a["id"] not in known]
