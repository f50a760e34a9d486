"""Audit (admins): who did what, when, from where; newest first, filterable."""

from __future__ import annotations

from typing import Any

from dash import Dash, Input, Output, dcc, html

from backend.auth.roles import Permission
from backend.auth.viewer import Viewer
from backend.errors import CrosslinkError
from backend.services import audit
from ui.components.messages import error, info
from ui.components.tables import table
from ui.context import UiContext
from ui.pages import Page

SHOWN = 200


def page_layout(uictx: UiContext, viewer: Viewer, query: dict[str, str]) -> html.Div:
    return html.Div([
        html.H2("Audit log"),
        html.Div([
            dcc.Input(id="audit-user", placeholder="User name", type="text", debounce=True),
            dcc.Dropdown(id="audit-action", options=[a.value for a in audit.Action],
                         placeholder="Action"),
        ], className="filters"),
        dcc.Loading(html.Div(id="audit-table")),
    ])


def register(app: Dash, uictx: UiContext) -> None:
    @app.callback(Output("audit-table", "children"), Input("audit-user", "value"),
                  Input("audit-action", "value"))
    def events(username: str | None, action: str | None) -> Any:
        try:
            with uictx.viewer() as (s, viewer):
                rows = [audit.event_row(e) for e in audit.list_events(
                    s, viewer, username=username or None, action=action, limit=SHOWN)]
        except CrosslinkError as exc:
            return error(exc)
        if not rows:
            return info("No event matches.")
        return table(rows, audit.COLUMNS, table_id="audit-events")


PAGE = Page("/audit", "Audit", Permission.audit, page_layout, register)
