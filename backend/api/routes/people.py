"""People and authorities, for administrators (``crosslink user`` / ``authority`` on the
server do the same)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response
from pydantic import BaseModel, Field

from backend.api.deps import DbDep, ViewerDep
from backend.api.errors import ERROR_RESPONSES
from backend.services import people

router = APIRouter(prefix="/admin", tags=["administration"], responses=ERROR_RESPONSES)


class PersonIn(BaseModel):
    username: str = Field(min_length=1, max_length=80)
    authority: str = Field(min_length=1, max_length=64)
    role: str
    password: str = Field(min_length=1, max_length=1000,
                          description="A first password; they change it on their account page")


class PasswordIn(BaseModel):
    password: str = Field(min_length=1, max_length=1000)


class ActiveIn(BaseModel):
    active: bool


class SourcesIn(BaseModel):
    sources: list[str] = Field(min_length=1, max_length=100,
                               description="More ingest sources the authority owns")


class AuthorityIn(BaseModel):
    id: str = Field(min_length=1, max_length=64)
    name: str = Field(min_length=1, max_length=200)
    country: str = Field(min_length=2, max_length=2)
    kind: str
    sources: list[str] = Field(default_factory=list,
                               description="Ingest sources this authority owns")
    contact: str = Field(default="", max_length=300,
                         description="Contact point other authorities' alerts name")


@router.get("/users")
def list_people(viewer: ViewerDep, db: DbDep) -> list[dict[str, Any]]:
    return people.list_people(db, viewer)


@router.post("/users", status_code=201)
def add_person(body: PersonIn, viewer: ViewerDep, db: DbDep) -> dict[str, Any]:
    return people.add_person(db, viewer, body.username, authority=body.authority,
                             role=body.role, password=body.password)


@router.post("/users/{username}/password", status_code=204)
def reset_password(username: str, body: PasswordIn, viewer: ViewerDep, db: DbDep) -> Response:
    """A new password for someone who lost theirs; their sessions end."""
    people.reset_password(db, viewer, username, body.password)
    return Response(status_code=204)


@router.patch("/users/{username}")
def set_active(username: str, body: ActiveIn, viewer: ViewerDep, db: DbDep) -> dict[str, Any]:
    """Deactivate (sessions and API tokens stop working) or activate someone."""
    return people.set_active(db, viewer, username, body.active)


@router.get("/authorities")
def list_authorities(viewer: ViewerDep, db: DbDep) -> list[dict[str, Any]]:
    return people.list_authorities(db, viewer)


@router.post("/authorities", status_code=201)
def add_authority(body: AuthorityIn, viewer: ViewerDep, db: DbDep) -> dict[str, Any]:
    return people.add_authority(db, viewer, body.id, name=body.name, country=body.country,
                                kind=body.kind, sources=body.sources, contact=body.contact)


@router.post("/authorities/{authority_id}/sources")
def add_sources(authority_id: str, body: SourcesIn, viewer: ViewerDep, db: DbDep
                ) -> dict[str, Any]:
    """More ingest sources of an authority: its people see every record of them (TLP:RED
    included), not only those tied to its cases."""
    return people.add_sources(db, viewer, authority_id, body.sources)
