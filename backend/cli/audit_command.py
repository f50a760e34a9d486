"""``crosslink audit``: read and export the audit log (append-only) of this server."""

from __future__ import annotations

import datetime as dt
import sys
from typing import Annotated

import typer

from backend.cli.app_db import cli_db
from backend.cli.output import FormatOption, OutputFormat, print_rows
from backend.services import audit


def audit_log(
    user: Annotated[str | None, typer.Option("--user", help="Only this user name.")] = None,
    action: Annotated[str | None, typer.Option(
        help="Only this action: " + ", ".join(a.value for a in audit.Action))] = None,
    outcome: Annotated[audit.Outcome | None, typer.Option(
        help="Only this outcome (denied: an access rule refused it).")] = None,
    since: Annotated[dt.datetime | None, typer.Option(
        help="Only events at or after this time (ISO 8601, UTC).")] = None,
    until: Annotated[dt.datetime | None, typer.Option(
        help="Only events before this time (ISO 8601, UTC).")] = None,
    limit: Annotated[int, typer.Option(min=1, help="At most this many, newest first.")] = 1000,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Audit events: who did what, when, with which parameters and how many results."""
    since, until = (t.replace(tzinfo=dt.UTC) if t is not None and t.tzinfo is None else t
                    for t in (since, until))
    with cli_db() as db:
        events = audit.list_events(db, None, username=user, action=action, outcome=outcome,
                                   since=since, until=until, limit=limit)
        if fmt is OutputFormat.csv:
            sys.stdout.write(audit.events_csv(events))
            return
        rows = [audit.event_row(e) for e in events]
    print_rows(rows, fmt, title="Audit log", columns=list(audit.COLUMNS))
