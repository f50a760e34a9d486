"""Alerts (deconfliction hits, watched entities seen again, reviews due) and watchlists."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Response
from pydantic import BaseModel, Field

from backend.api.deps import DbDep, GraphDep, ViewerDep
from backend.api.errors import ERROR_RESPONSES
from backend.services import alerts

router = APIRouter(tags=["alerts"], responses=ERROR_RESPONSES)


class DismissIn(BaseModel):
    reason: str = Field(min_length=1, max_length=2000, description="Why it is dismissed")


class WatchIn(BaseModel):
    label: str = Field(description="Person, Phone, Account, RecruitmentAgency, Vehicle, ...")
    key: str = Field(min_length=1, max_length=300,
                     description="The record's uid, or the identifier's key (a phone's E.164)")
    note: str = Field(default="", max_length=2000)


@router.get("/alerts")
def list_alerts(viewer: ViewerDep, db: DbDep,
                status: Annotated[str | None, Query(
                    description="open, acknowledged or dismissed")] = None,
                limit: Annotated[int, Query(ge=1, le=1000)] = 200) -> list[dict[str, Any]]:
    """Your alerts and your authority's, newest first (reviews that fell due are raised
    first). The other side's records are named only where you may already see them."""
    return alerts.list_alerts(db, viewer, status=status, limit=limit)


@router.post("/alerts/{alert_id}/acknowledge")
def acknowledge(alert_id: int, viewer: ViewerDep, db: DbDep) -> dict[str, Any]:
    return alerts.acknowledge(db, viewer, alert_id)


@router.post("/alerts/{alert_id}/dismiss")
def dismiss(alert_id: int, body: DismissIn, viewer: ViewerDep, db: DbDep) -> dict[str, Any]:
    """Dismiss an alert with a reason (kept with it and in the audit log)."""
    return alerts.dismiss(db, viewer, alert_id, body.reason)


@router.get("/watchlist")
def list_watches(viewer: ViewerDep, db: DbDep) -> list[dict[str, Any]]:
    """The entities you watch."""
    return alerts.watches(db, viewer)


@router.post("/watchlist", status_code=201)
def add_watch(body: WatchIn, viewer: ViewerDep, graph: GraphDep, db: DbDep) -> dict[str, Any]:
    """Watch an entity you may see: new records that touch it or resolve to it alert you."""
    return alerts.watch(graph, db, viewer, body.label, body.key, note=body.note)


@router.delete("/watchlist", status_code=204)
def remove_watch(viewer: ViewerDep, db: DbDep,
                 label: Annotated[str, Query()], key: Annotated[str, Query()]) -> Response:
    alerts.unwatch(db, viewer, label, key)
    return Response(status_code=204)
