"""The audit log: every login, search, view, expand, path, query, console run, export, upload
and judgement leaves one row. Append-only: there is no function to change or delete a row, and
the database refuses UPDATE and DELETE on the table (triggers of migration 0001)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Sequence
from enum import StrEnum
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from backend.auth.roles import Permission
from backend.auth.viewer import Viewer
from backend.db.models import AuditEvent


class Action(StrEnum):
    login = "login"
    logout = "logout"
    search = "search"
    view = "view"
    expand = "expand"
    path = "path"
    query = "query"
    console = "console"
    export = "export"
    upload = "upload"
    judge = "judge"
    resolve = "resolve"
    subgraph = "subgraph"
    token = "token"
    user = "user"
    keys = "keys"  # the instance's signing key and trusted partners
    referral = "referral"  # a referral proposed, sent, accepted, declined or closed
    maintenance = "maintenance"  # the graph's schema created, the graph emptied
    alert = "alert"  # an alert acknowledged or dismissed, review reminders raised
    watch = "watch"  # an entity watched or no longer watched
    protection = "protection"  # a victim's risk assessment or assistance referral recorded


class Outcome(StrEnum):
    ok = "ok"
    denied = "denied"  # an access rule refused it (e.g. an export above its TLP)
    refused = "refused"  # refused as asked (a console query that writes, a bad upload)
    failed = "failed"  # a wrong password, a query error
    limited = "limited"  # too many failed logins: not even tried
    timeout = "timeout"  # a query stopped at its time limit


COLUMNS = ("id", "at", "username", "action", "outcome", "result_size", "ip", "parameters")


def record(db: Session, viewer: Viewer | None, action: Action, parameters: dict[str, Any],
           *, result_size: int | None = None, outcome: Outcome = Outcome.ok,
           username: str | None = None, ip: str | None = None) -> None:
    """Append one event and commit it at once, so it stays even if the request then fails.
    A system viewer (the command line) has no account: its name alone is kept."""
    db.add(AuditEvent(
        user_id=viewer.account_id if viewer else None,
        username=viewer.username if viewer else (username or ""),
        action=action.value,
        parameters=parameters,
        result_size=result_size,
        outcome=outcome.value,
        ip=viewer.ip if viewer else ip,
    ))
    db.commit()


def _filtered(query: Select[Any], viewer: Viewer | None, username: str | None,
              action: str | None, outcome: str | None, since: dt.datetime | None,
              until: dt.datetime | None) -> Select[Any]:
    """``query`` with the filters (each one optional); admins only (``viewer`` None: the local
    CLI, run by the server's owner)."""
    if viewer is not None:
        viewer.require(Permission.audit)
    if username:
        query = query.where(AuditEvent.username == username)
    if action:
        query = query.where(AuditEvent.action == action)
    if outcome:
        query = query.where(AuditEvent.outcome == outcome)
    if since:
        query = query.where(AuditEvent.at >= since)
    if until:
        query = query.where(AuditEvent.at < until)
    return query


def list_events(db: Session, viewer: Viewer | None, *, username: str | None = None,
                action: str | None = None, outcome: str | None = None,
                since: dt.datetime | None = None, until: dt.datetime | None = None,
                limit: int = 1000, offset: int = 0) -> list[AuditEvent]:
    """The events that pass the filters, newest first (``since`` included, ``until`` not)."""
    query = _filtered(select(AuditEvent), viewer, username, action, outcome, since, until)
    return list(db.scalars(query.order_by(AuditEvent.id.desc()).offset(offset).limit(limit)))


def own_events(db: Session, viewer: Viewer, action: Action, *, limit: int = 20
               ) -> list[AuditEvent]:
    """The viewer's own events of one action, newest first: what people did themselves is
    theirs to see without the audit permission (their uploads on the Ingest page)."""
    query = (select(AuditEvent)
             .where(AuditEvent.user_id == viewer.user_id, AuditEvent.action == action.value)
             .order_by(AuditEvent.id.desc()).limit(limit))
    return list(db.scalars(query))


def count_events(db: Session, viewer: Viewer | None, *, username: str | None = None,
                 action: str | None = None, outcome: str | None = None,
                 since: dt.datetime | None = None, until: dt.datetime | None = None) -> int:
    """How many events pass the same filters as ``list_events``."""
    query = _filtered(select(func.count()).select_from(AuditEvent), viewer, username, action,
                      outcome, since, until)
    return int(db.scalar(query) or 0)


def event_row(event: AuditEvent) -> dict[str, Any]:
    return {
        "id": event.id,
        "at": event.at.isoformat(),
        "username": event.username,
        "action": event.action,
        "outcome": event.outcome,
        "result_size": event.result_size,
        "ip": event.ip,
        "parameters": event.parameters,
    }


def events_csv(events: Sequence[AuditEvent]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    for event in events:
        row = event_row(event)
        row["parameters"] = _json(row["parameters"])
        writer.writerow(row)
    return out.getvalue()


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
