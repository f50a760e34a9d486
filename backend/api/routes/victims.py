"""Victim protection: a protected person's risk assessments and assistance referrals."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field

from backend.api.deps import DbDep, GraphDep, ViewerDep
from backend.api.errors import ERROR_RESPONSES
from backend.services import victims

router = APIRouter(prefix="/victims", tags=["victim protection"], responses=ERROR_RESPONSES)


class AssessmentIn(BaseModel):
    assessed_on: str = Field(description="YYYY-MM-DD")
    level: str = Field(description="low, medium or high")
    needs: list[str] = Field(default_factory=list, max_length=50)
    next_review_on: str | None = Field(default=None, description="YYYY-MM-DD: a reminder "
                                       "alert is raised when it falls due")


class ReferralIn(BaseModel):
    kind: str = Field(description="shelter, legal_aid, consular or return")
    referred_on: str = Field(description="YYYY-MM-DD")
    referred_to: str = Field(default="", max_length=300)
    country: str | None = Field(default=None, description="consular: the victim's "
                                "nationality unless given")
    note: str = Field(default="", max_length=2000)


@router.get("/{uid}/protection")
def protection(uid: str, viewer: ViewerDep, graph: GraphDep, db: DbDep) -> dict[str, Any]:
    """The person's risk assessments (newest first) and assistance referrals."""
    return victims.protection_of(graph, db, viewer, uid)


@router.post("/{uid}/assessments", status_code=201)
def add_assessment(uid: str, body: AssessmentIn, viewer: ViewerDep, graph: GraphDep,
                   db: DbDep) -> dict[str, Any]:
    return victims.record_assessment(graph, db, viewer, uid, assessed_on=body.assessed_on,
                                     level=body.level, needs=body.needs,
                                     next_review_on=body.next_review_on)


@router.post("/{uid}/referrals", status_code=201)
def add_referral(uid: str, body: ReferralIn, viewer: ViewerDep, graph: GraphDep,
                 db: DbDep) -> dict[str, Any]:
    return victims.record_referral(graph, db, viewer, uid, kind=body.kind,
                                   referred_on=body.referred_on, referred_to=body.referred_to,
                                   country=body.country, note=body.note)
