"""Referrals of cases between authorities (labour inspectorate -> police, ...): the incoming,
outgoing and proposed lists, red-flag proposals, and each step of a referral."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from backend.api.deps import DbDep, GraphDep, SettingsDep, ViewerDep
from backend.api.errors import ERROR_RESPONSES
from backend.services import referrals

router = APIRouter(prefix="/referrals", tags=["referrals"], responses=ERROR_RESPONSES)


class ProposalIn(BaseModel):
    case_uid: str = Field(min_length=1, max_length=300)
    to_authority: str = Field(min_length=1, max_length=64)
    remedy: str = Field(description="criminal, civil or administrative")
    indicators: list[str] | None = Field(
        default=None, description="ILO indicator codes (default: those the case names)")
    note: str = Field(default="", max_length=4000)


class DeclineIn(BaseModel):
    reason: str = Field(max_length=4000, description="Why the referral is declined (required).")


@router.get("")
def list_referrals(viewer: ViewerDep, db: DbDep,
                   box: str = Query("incoming", description="incoming, outgoing or proposed")
                   ) -> list[dict[str, Any]]:
    """Referrals to your authority (incoming), from it (outgoing), or its proposals not yet
    sent (proposed); administrators see every authority's."""
    return referrals.list_referrals(db, viewer, box)


@router.post("", status_code=201)
def propose(body: ProposalIn, viewer: ViewerDep, graph: GraphDep, db: DbDep) -> dict[str, Any]:
    """Propose to refer one of your authority's cases to another authority."""
    referral = referrals.propose(graph, db, viewer, body.case_uid, body.to_authority,
                                 remedy=body.remedy, indicators=body.indicators,
                                 note=body.note)
    return referrals.referral_row(referral)


@router.post("/red-flags")
def propose_red_flags(viewer: ViewerDep, graph: GraphDep, db: DbDep,
                      settings: SettingsDep) -> dict[str, Any]:
    """Apply the red-flag rules: flagged cases without a referral are proposed."""
    return referrals.propose_red_flags(graph, db, viewer,
                                       settings.referral_min_indicators).to_dict()


@router.post("/{referral_id}/send")
def send(referral_id: int, viewer: ViewerDep, db: DbDep) -> dict[str, Any]:
    return referrals.referral_row(referrals.send(db, viewer, referral_id))


@router.post("/{referral_id}/accept")
def accept(referral_id: int, viewer: ViewerDep, db: DbDep) -> dict[str, Any]:
    """Accept a referral to your authority: its people then see the case."""
    return referrals.referral_row(referrals.accept(db, viewer, referral_id))


@router.post("/{referral_id}/decline")
def decline(referral_id: int, body: DeclineIn, viewer: ViewerDep, db: DbDep) -> dict[str, Any]:
    return referrals.referral_row(referrals.decline(db, viewer, referral_id, body.reason))


@router.post("/{referral_id}/close")
def close(referral_id: int, viewer: ViewerDep, db: DbDep) -> dict[str, Any]:
    return referrals.referral_row(referrals.close(db, viewer, referral_id))
