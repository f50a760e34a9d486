"""Entity-resolution candidates and judgements."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from backend.api.deps import DbDep, GraphDep, ViewerDep
from backend.api.errors import ERROR_RESPONSES
from backend.services import resolution

router = APIRouter(prefix="/resolution", tags=["resolution"], responses=ERROR_RESPONSES)


class Judgement(BaseModel):
    uid_a: str = Field(min_length=1, max_length=300)
    uid_b: str = Field(min_length=1, max_length=300)
    decision: Literal["confirm", "reject"]
    why: str | None = Field(default=None, max_length=2000)


@router.get("/candidates")
def list_candidates(
    viewer: ViewerDep, graph: GraphDep, db: DbDep,
    status: Literal["candidate", "confirmed", "rejected"] | None = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> list[dict[str, Any]]:
    """SAME_AS pairs whose two records you may see, best score first, with reasons."""
    return resolution.candidates(graph, db, viewer, status=status, limit=limit, offset=offset)


@router.post("/judgements")
def judge_pair(body: Judgement, viewer: ViewerDep, graph: GraphDep,
               db: DbDep) -> dict[str, Any]:
    """Confirm or reject a pair; your user name and the time are recorded."""
    return resolution.decide(graph, db, viewer, body.uid_a, body.uid_b, body.decision,
                             body.why)


class MatchJudgement(BaseModel):
    report_uid: str = Field(min_length=1, max_length=300)
    person_uid: str = Field(min_length=1, max_length=300)
    decision: Literal["confirm", "reject"]
    why: str | None = Field(default=None, max_length=2000)


@router.get("/missing-persons")
def list_missing_person_matches(
    viewer: ViewerDep, graph: GraphDep, db: DbDep,
    status: Literal["candidate", "confirmed", "rejected"] | None = "candidate",
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> list[dict[str, Any]]:
    """Missing-person reports that may be persons of the graph, victims first, with the
    scores' reasons (both records visible to you)."""
    return resolution.missing_person_candidates(graph, db, viewer, status=status, limit=limit)


@router.post("/missing-persons/judgements")
def judge_missing_person(body: MatchJudgement, viewer: ViewerDep, graph: GraphDep,
                         db: DbDep) -> dict[str, Any]:
    """Confirm or reject that a report is this person."""
    return resolution.decide_missing_person(graph, db, viewer, body.report_uid,
                                            body.person_uid, body.decision, body.why)
