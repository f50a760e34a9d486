"""The audit log, for admins: list and filter, or export as CSV."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response
from pydantic import BaseModel

from backend.api.deps import DbDep, ViewerDep
from backend.api.errors import ERROR_RESPONSES
from backend.services import audit

router = APIRouter(prefix="/audit", tags=["audit"], responses=ERROR_RESPONSES)


class AuditEventOut(BaseModel):
    id: int
    at: str
    username: str
    action: str
    outcome: str
    result_size: int | None
    ip: str | None
    parameters: dict[str, Any]


@router.get("", response_model=list[AuditEventOut],
            responses={200: {"content": {"text/csv": {}}}})
def audit_log(
    viewer: ViewerDep, db: DbDep,
    user: Annotated[str | None, Query(max_length=80)] = None,
    action: Annotated[str | None, Query(max_length=40)] = None,
    outcome: audit.Outcome | None = None,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    limit: Annotated[int, Query(ge=1, le=100_000)] = 1000,
    offset: Annotated[int, Query(ge=0)] = 0,
    format: Literal["json", "csv"] = "json",
) -> Any:
    """Newest first. ``format=csv`` downloads the same rows as CSV (the export is audited)."""
    events = audit.list_events(db, viewer, username=user, action=action, outcome=outcome,
                               since=since, until=until, limit=limit, offset=offset)
    if format == "csv":
        audit.record(db, viewer, audit.Action.export,
                     {"audit": True, "user": user, "action": action, "outcome": outcome,
                      "since": since and since.isoformat(), "until": until and until.isoformat()},
                     result_size=len(events))
        return Response(audit.events_csv(events), media_type="text/csv",
                        headers={"Content-Disposition": "attachment; filename=audit.csv"})
    return [audit.event_row(e) for e in events]
