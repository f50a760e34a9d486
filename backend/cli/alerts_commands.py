"""``crosslink alerts`` and ``crosslink watch``: deconfliction hits, watched entities and
review reminders, as the server's operator sees them (every authority's; ``--authority``
narrows), through the same services as the API and the Notifications page."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from backend.cli.context import cli_graph
from backend.cli.output import FormatOption, OutputFormat, console, fail, print_json, print_rows
from backend.cli.viewer import cli_viewer
from backend.errors import CrosslinkError
from backend.services import alerts

alerts_app = typer.Typer(
    help="Alerts: deconfliction hits, watched entities seen again, victims' reviews due. "
    "Without a sub-command: list them.", invoke_without_command=True)
watch_app = typer.Typer(help="Watchlists: entities users watch; new records that touch them "
                        "alert the watcher.", no_args_is_help=True)
AlertArgument = Annotated[int, typer.Argument(metavar="ID", help="Number of the alert.")]
UserOption = Annotated[str, typer.Option("--user", help="The user who watches.")]
LabelArgument = Annotated[str, typer.Argument(
    help="Person, Phone, Account, RecruitmentAgency, Vehicle, Email, Document, Address, "
    "Employer.")]
KeyArgument = Annotated[str, typer.Argument(
    help="The record's uid (gt-pnc:P-1) or the identifier's key (a phone as +50255501234).")]


def _summary(alert: dict) -> str:
    details = alert["details"]
    other = details.get("other_authority") or {}
    if other:
        return f"{other.get('name')} · contact: {other.get('contact') or 'none on record'}"
    return ", ".join(a["name"] for a in details.get("other_authorities", [])) or ""


@alerts_app.callback()
def alerts_list(
    ctx: typer.Context,
    authority: Annotated[str | None, typer.Option(
        "--authority", metavar="ID", help="Only the alerts of this authority.")] = None,
    status: Annotated[str | None, typer.Option(
        help="open, acknowledged or dismissed.")] = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """List alerts, newest first (reviews that fell due are raised first)."""
    if ctx.invoked_subcommand is not None:
        return
    with cli_viewer() as (db, viewer):
        try:
            found = alerts.list_alerts(db, viewer, status=status, authority=authority)
        except CrosslinkError as exc:
            fail(exc.message, 1)
    if fmt is OutputFormat.json:
        print_json(found)
        return
    print_rows([{"id": a["id"], "kind": a["kind"], "authority": a["authority"],
                 "status": a["status"], "created": a["created_at"][:16],
                 "title": a["title"], "other side": _summary(a)} for a in found],
               fmt, title="Alerts",
               columns=["id", "kind", "authority", "status", "created", "title", "other side"])


@alerts_app.command("ack")
def alerts_ack(alert_id: AlertArgument) -> None:
    """Acknowledge an alert (audited)."""
    with cli_viewer() as (db, viewer):
        try:
            alerts.acknowledge(db, viewer, alert_id)
        except CrosslinkError as exc:
            fail(exc.message, 1)
    console.print(f"alert #{alert_id} acknowledged")


@alerts_app.command("dismiss")
def alerts_dismiss(
    alert_id: AlertArgument,
    reason: Annotated[str, typer.Option(help="Why it is dismissed (kept, audited).")],
) -> None:
    """Dismiss an alert with a reason (audited)."""
    with cli_viewer() as (db, viewer):
        try:
            alerts.dismiss(db, viewer, alert_id, reason)
        except CrosslinkError as exc:
            fail(exc.message, 1)
    console.print(f"alert #{alert_id} dismissed")


@alerts_app.command("remind")
def alerts_remind(
    today: Annotated[str | None, typer.Option(
        help="The day to check reviews against (YYYY-MM-DD; default today).")] = None,
) -> None:
    """Raise a reminder alert for each victim's risk review that fell due."""
    try:
        day = dt.date.fromisoformat(today) if today else None
    except ValueError:
        fail(f"--today {today!r}: write a date as YYYY-MM-DD", 2)
    with cli_viewer() as (db, viewer):
        raised = alerts.remind(db, viewer, day)
    console.print(f"{raised} review reminder{'s' if raised != 1 else ''} raised")


@watch_app.command("add")
def watch_add(label: LabelArgument, key: KeyArgument, user: UserOption,
              note: Annotated[str, typer.Option(help="Why it is watched.")] = "") -> None:
    """Watch an entity for a user."""
    with cli_viewer() as (db, viewer), cli_graph() as graph:
        try:
            found = alerts.watch(graph, db, viewer, label, key, note=note, username=user)
        except CrosslinkError as exc:
            fail(exc.message, 1)
    console.print(f"{user} watches {label} {key} (#{found['id']})")


@watch_app.command("list")
def watch_list(
    user: Annotated[str | None, typer.Option("--user", help="Only this user's.")] = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """The watched entities, with their watchers."""
    with cli_viewer() as (db, viewer):
        found = alerts.watches(db, viewer, username=user)
    print_rows(found, fmt, title="Watchlist",
               columns=["id", "user", "label", "key", "note", "created_at"])


@watch_app.command("remove")
def watch_remove(label: LabelArgument, key: KeyArgument, user: UserOption) -> None:
    """Stop watching an entity for a user."""
    with cli_viewer() as (db, viewer):
        try:
            alerts.unwatch(db, viewer, label, key, username=user)
        except CrosslinkError as exc:
            fail(exc.message, 1)
    console.print(f"{user} no longer watches {label} {key}")
