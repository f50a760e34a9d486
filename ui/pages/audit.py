"""Audit (admins): who did what, when, from where; newest first, filterable by user, action,
outcome and dates, and downloadable as CSV (through the API, so the download is audited)."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from dash import Dash, Input, Output, dcc, html

from backend.auth.roles import Permission
from backend.auth.viewer import Viewer
from backend.errors import CrosslinkError
from backend.services import audit
from ui.components.messages import error, info
from ui.components.tables import nowrap, table
from ui.context import UiContext
from ui.pages import Page

SHOWN = 200
CSV_LIMIT = 100_000  # the API's own maximum


def page_layout(uictx: UiContext, viewer: Viewer, query: dict[str, str]) -> html.Div:
    return html.Div([
        html.H2("Audit log"),
        html.Div([
            dcc.Input(id="audit-user", placeholder="User name", type="text", debounce=True),
            dcc.Dropdown(id="audit-action", options=[a.value for a in audit.Action],
                         placeholder="Action: all"),
            dcc.Dropdown(id="audit-outcome", options=[o.value for o in audit.Outcome],
                         placeholder="Outcome: all"),
            # dash's Input stub lists only some HTML types; "date" is valid HTML and works
            html.Label(["From ", dcc.Input(id="audit-from", type="date")]),  # type: ignore[arg-type]
            html.Label(["to ", dcc.Input(id="audit-to", type="date")]),  # type: ignore[arg-type]
        ], className="filters"),
        html.Div([html.Span(id="audit-summary"), " ",
                  html.A("Download these events as CSV", id="audit-csv", href="")],
                 className="muted"),
        dcc.Loading(html.Div(id="audit-table")),
    ])


def _day(text: str | None, *, after: bool = False) -> dt.datetime | None:
    """A date input's value as the start of that day (UTC); ``after``: of the next day, so that
    the 'to' date is included."""
    if not text:
        return None
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        return None
    start = dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)
    return start + dt.timedelta(days=1) if after else start


def csv_link(filters: dict[str, Any]) -> str:
    """The API's CSV export of the events that pass ``filters``."""
    params = {"format": "csv", "limit": CSV_LIMIT}
    names = {"username": "user", "action": "action", "outcome": "outcome", "since": "since",
             "until": "until"}
    for key, name in names.items():
        value = filters.get(key)
        if value:
            params[name] = value.isoformat() if isinstance(value, dt.datetime) else value
    return "/api/audit?" + urlencode(params)


def register(app: Dash, uictx: UiContext) -> None:
    @app.callback(Output("audit-table", "children"), Output("audit-summary", "children"),
                  Output("audit-csv", "href"),
                  Input("audit-user", "value"), Input("audit-action", "value"),
                  Input("audit-outcome", "value"), Input("audit-from", "value"),
                  Input("audit-to", "value"))
    def events(username: str | None, action: str | None, outcome: str | None,
               date_from: str | None, date_to: str | None) -> Any:
        filters: dict[str, Any] = {
            "username": username or None, "action": action, "outcome": outcome,
            "since": _day(date_from), "until": _day(date_to, after=True)}
        try:
            with uictx.viewer() as (s, viewer):
                rows = [audit.event_row(e)
                        for e in audit.list_events(s, viewer, limit=SHOWN, **filters)]
                total = audit.count_events(s, viewer, **filters)
        except CrosslinkError as exc:
            return error(exc), "", ""
        link = csv_link(filters)
        if not rows:
            return info("No event matches."), "0 events match.", link
        matched = "1 event matches" if total == 1 else f"{total:,} events match"
        shown = (f"{matched}, newest first." if total <= len(rows) else
                 f"{matched}; the newest {len(rows):,} are shown.")
        return (table(rows, audit.COLUMNS, table_id="audit-events", formats={"at": nowrap}),
                shown, link)


PAGE = Page("/audit", "Audit", Permission.audit, page_layout, register)
