"""Your account: who you are (role, authority, teams) and changing your own password."""

from __future__ import annotations

from typing import Any

import flask
from dash import Dash, Input, Output, State, dcc, html

from backend.auth.ratelimit import shared_limiter
from backend.auth.roles import Permission
from backend.auth.session import SESSION_COOKIE
from backend.auth.viewer import Viewer
from backend.errors import BadInputError, CrosslinkError
from backend.services.login import change_own_password
from ui.components.messages import error, ok
from ui.context import UiContext
from ui.pages import Page


def page_layout(uictx: UiContext, viewer: Viewer, query: dict[str, str]) -> html.Div:
    allowed = [p.value for p in Permission if viewer.may(p)]
    return html.Div([
        html.H2("Your account"),
        html.P(f"{viewer.username}: {viewer.role.value} of {viewer.authority_id}, in "
               f"{len(viewer.team_ids)} joint team(s).", id="account-who"),
        html.Details([html.Summary(f"What a{'n' if viewer.role.value[0] in 'aeiou' else ''} "
                                   f"{viewer.role.value} may do"),
                      html.Ul([html.Li(p) for p in allowed])], className="panel"),
        html.H3("Change your password"),
        html.Div([
            html.Label(["Current password ", dcc.Input(
                id="account-current", type="password", autoComplete="current-password")]),
            html.Label(["New password (10+ characters) ", dcc.Input(
                id="account-new", type="password", autoComplete="new-password")]),
            html.Label(["New password again ", dcc.Input(
                id="account-again", type="password", autoComplete="new-password")]),
        ], className="filters"),
        html.Button("Change password", id="account-change", n_clicks=0, className="primary"),
        html.Div(id="account-message"),
    ])


def register(app: Dash, uictx: UiContext) -> None:
    @app.callback(Output("account-message", "children"), Output("account-current", "value"),
                  Output("account-new", "value"), Output("account-again", "value"),
                  Input("account-change", "n_clicks"), State("account-current", "value"),
                  State("account-new", "value"), State("account-again", "value"),
                  prevent_initial_call=True)
    def change(_: int, current: str | None, new: str | None, again: str | None
               ) -> tuple[Any, str, str, str]:
        try:
            if not current or not new:
                raise BadInputError("type your current password and the new one")
            if new != again:
                raise BadInputError("the two new passwords differ", field="new_password")
            with uictx.viewer() as (s, viewer):
                change_own_password(s, shared_limiter(uictx.settings), viewer, current, new,
                                    session_token=flask.request.cookies.get(SESSION_COOKIE))
        except CrosslinkError as exc:
            return error(exc), "", "", ""
        return ok("Password changed; your other sessions have ended."), "", "", ""


PAGE = Page("/account", "Account", Permission.read_graph, page_layout, register, in_nav=False)
