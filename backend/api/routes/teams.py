"""Joint teams: formed by investigators (their first lead), members added by a lead, cases
shared with them by the authority that reported each."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response
from pydantic import BaseModel, Field

from backend.api.deps import DbDep, GraphDep, ViewerDep
from backend.api.errors import ERROR_RESPONSES
from backend.services import teams

router = APIRouter(prefix="/teams", tags=["teams"], responses=ERROR_RESPONSES)


class TeamIn(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    description: str = Field(default="", max_length=2000)


class MemberIn(BaseModel):
    user_id: int
    lead: bool = False


class CaseIn(BaseModel):
    case_uid: str = Field(min_length=1, max_length=300)


@router.get("")
def list_teams(viewer: ViewerDep, db: DbDep) -> list[dict[str, Any]]:
    """Your teams (every team for admins), with their members and shared cases."""
    return teams.my_teams(db, viewer)


@router.post("", status_code=201)
def form_team(body: TeamIn, viewer: ViewerDep, db: DbDep) -> dict[str, Any]:
    """Form a joint team; you are its first lead."""
    team = teams.form_team(db, viewer, body.name, body.description)
    return {"id": team.id, "name": team.name, "description": team.description}


@router.get("/{team_id}/members")
def list_members(team_id: int, viewer: ViewerDep, db: DbDep) -> list[dict[str, Any]]:
    return teams.team_members(db, viewer, team_id)


@router.post("/{team_id}/members", status_code=201)
def add_member(team_id: int, body: MemberIn, viewer: ViewerDep, db: DbDep) -> dict[str, Any]:
    m = teams.lead_add_member(db, viewer, team_id, body.user_id, lead=body.lead)
    return {"team_id": m.team_id, "user_id": m.user_id, "lead": m.is_lead}


@router.delete("/{team_id}/members/{user_id}", status_code=204)
def remove_member(team_id: int, user_id: int, viewer: ViewerDep, db: DbDep) -> Response:
    teams.lead_remove_member(db, viewer, team_id, user_id)
    return Response(status_code=204)


@router.get("/{team_id}/cases")
def list_cases(team_id: int, viewer: ViewerDep, db: DbDep) -> list[dict[str, Any]]:
    """The cases shared with the team (members and admins)."""
    return teams.team_cases(db, viewer, team_id)


@router.post("/{team_id}/cases", status_code=201)
def share_case(team_id: int, body: CaseIn, viewer: ViewerDep, graph: GraphDep,
               db: DbDep) -> dict[str, Any]:
    """Share one of your authority's cases with a team you are in."""
    share = teams.share_team_case(graph, db, viewer, team_id, body.case_uid)
    return {"team_id": share.team_id, "case_uid": share.case_uid}


@router.delete("/{team_id}/cases/{case_uid:path}", status_code=204)
def unshare_case(team_id: int, case_uid: str, viewer: ViewerDep, graph: GraphDep,
                 db: DbDep) -> Response:
    teams.unshare_team_case(graph, db, viewer, team_id, case_uid)
    return Response(status_code=204)
