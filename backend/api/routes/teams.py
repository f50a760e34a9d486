"""Joint teams: members (a lead adds and removes them)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response
from pydantic import BaseModel

from backend.api.deps import DbDep, ViewerDep
from backend.api.errors import ERROR_RESPONSES
from backend.services import teams

router = APIRouter(prefix="/teams", tags=["teams"], responses=ERROR_RESPONSES)


class MemberIn(BaseModel):
    user_id: int
    lead: bool = False


@router.get("/{team_id}/members")
def list_members(team_id: int, viewer: ViewerDep, db: DbDep) -> list[dict[str, Any]]:
    return teams.members(db, team_id)


@router.post("/{team_id}/members", status_code=201)
def add_member(team_id: int, body: MemberIn, viewer: ViewerDep, db: DbDep) -> dict[str, Any]:
    m = teams.lead_add_member(db, viewer, team_id, body.user_id, lead=body.lead)
    return {"team_id": m.team_id, "user_id": m.user_id, "lead": m.is_lead}


@router.delete("/{team_id}/members/{user_id}", status_code=204)
def remove_member(team_id: int, user_id: int, viewer: ViewerDep, db: DbDep) -> Response:
    teams.lead_remove_member(db, viewer, team_id, user_id)
    return Response(status_code=204)
