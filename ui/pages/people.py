"""People (administrators): users and their authorities; add, deactivate, new passwords."""

from __future__ import annotations

from typing import Any

import dash
from dash import ALL, Dash, Input, Output, State, ctx, dcc, html

from backend.auth.roles import Permission, Role
from backend.auth.viewer import Viewer
from backend.errors import BadInputError, CrosslinkError
from backend.services import people
from graph.model import MODEL
from ui.components.clicks import only_redrawn
from ui.components.messages import error, ok
from ui.components.tables import app_time, table
from ui.context import UiContext
from ui.pages import Page


def _tables(uictx: UiContext) -> tuple[Any, Any, list[str], list[str]]:
    """The people and authorities tables, and the user names and authority ids."""
    with uictx.viewer() as (s, viewer):
        persons = people.list_people(s, viewer)
        authorities = people.list_authorities(s, viewer)
    toggles = [html.Span("(you)", className="muted") if p["username"] == viewer.username
               else html.Button("Deactivate" if p["active"] else "Activate", n_clicks=0,
                                id={"type": "people-active", "user": p["username"]},
                                className="danger" if p["active"] else "")
               for p in persons]
    rows = [{**p, "active": "yes" if p["active"] else "no", "created_at":
             app_time(p["created_at"])} for p in persons]
    users_table = table(rows, ["username", "role", "authority", "active", "created_at"],
                        table_id="people-users", extra=toggles)
    authority_rows = [{**a, "sources": ", ".join(a["sources"])} for a in authorities]
    authorities_table = table(authority_rows, ["id", "name", "country", "kind", "sources"],
                              table_id="people-authorities")
    return (users_table, authorities_table, [p["username"] for p in persons],
            [a["id"] for a in authorities])


def page_layout(uictx: UiContext, viewer: Viewer, query: dict[str, str]) -> html.Div:
    users_table, authorities_table, names, authority_ids = _tables(uictx)
    with uictx.viewer() as (s, me):
        unregistered = people.unregistered_authorities(uictx.graph, s, me)
    return html.Div([
        html.H2("People"),
        dcc.Loading(html.Div(id="people-message")),
        html.H3("Users"),
        html.Div(users_table, id="people-users-box"),
        html.Div([
            dcc.Input(id="people-username", type="text", placeholder="User name",
                      style={"width": "180px"}),
            dcc.Dropdown(id="people-authority", options=authority_ids, placeholder="Authority",
                         style={"width": "200px"}),
            dcc.Dropdown(id="people-role", options=[r.value for r in Role], value="viewer",
                         clearable=False, style={"width": "160px"}),
            dcc.Input(id="people-password", type="password", autoComplete="new-password",
                      placeholder="First password (10+ characters)", style={"width": "240px"}),
            html.Button("Add the person", id="people-add", n_clicks=0, className="primary"),
        ], className="buttons"),
        html.Div([
            dcc.Dropdown(id="people-reset-user", options=names, placeholder="User",
                         style={"width": "200px"}),
            dcc.Input(id="people-reset-password", type="password", autoComplete="new-password",
                      placeholder="New password (10+ characters)", style={"width": "240px"}),
            html.Button("Set a new password", id="people-reset", n_clicks=0),
        ], className="buttons"),
        html.H3("Authorities"),
        html.Div(authorities_table, id="people-authorities-box"),
        html.Div([
            dcc.Input(id="people-authority-id", type="text", list="people-graph-authorities",
                      placeholder="Id, as cases name it", style={"width": "200px"}),
            html.Datalist(id="people-graph-authorities", children=[
                html.Option(value=a["id"], label=f"{a['source_name'] or a['id']} "
                                                 f"({a['country'] or '?'})")
                for a in unregistered]),
            dcc.Input(id="people-authority-name", type="text", placeholder="Name",
                      style={"width": "260px"}),
            dcc.Input(id="people-authority-country", type="text", maxLength=2,
                      placeholder="Country (ISO)", style={"width": "110px"}),
            dcc.Dropdown(id="people-authority-kind", options=list(MODEL.enums["authority_kind"]),
                         placeholder="Kind", style={"width": "200px"}),
            dcc.Input(id="people-authority-sources", type="text",
                      placeholder="Its ingest sources (a, b)", style={"width": "200px"}),
            html.Button("Add the authority", id="people-authority-add", n_clicks=0),
        ], className="buttons"),
        html.Div([
            dcc.Dropdown(id="people-sources-authority", options=authority_ids,
                         placeholder="Authority", style={"width": "200px"}),
            dcc.Input(id="people-more-sources", type="text",
                      placeholder="More of its ingest sources (a, b)", style={"width": "260px"}),
            html.Button("Add its sources", id="people-sources-add", n_clicks=0),
        ], className="buttons"),
        html.P("An authority's people see its cases, the records tied to them, and every "
               "record of its ingest sources (the sources of its cases and those named here), "
               "TLP:RED ones included.", className="muted"),
    ])


def register(app: Dash, uictx: UiContext) -> None:
    @app.callback(
        Output("people-message", "children"), Output("people-users-box", "children"),
        Output("people-authorities-box", "children"), Output("people-reset-user", "options"),
        Output("people-authority", "options"), Output("people-sources-authority", "options"),
        Output("people-password", "value"), Output("people-reset-password", "value"),
        Input("people-add", "n_clicks"), Input("people-reset", "n_clicks"),
        Input("people-authority-add", "n_clicks"), Input("people-sources-add", "n_clicks"),
        Input({"type": "people-active", "user": ALL}, "n_clicks"),
        State("people-username", "value"), State("people-authority", "value"),
        State("people-role", "value"), State("people-password", "value"),
        State("people-reset-user", "value"), State("people-reset-password", "value"),
        State("people-authority-id", "value"), State("people-authority-name", "value"),
        State("people-authority-country", "value"), State("people-authority-kind", "value"),
        State("people-authority-sources", "value"), State("people-sources-authority", "value"),
        State("people-more-sources", "value"), prevent_initial_call=True)
    def act(_: int, __: int, ___: int, ____: int, toggles: list[int], username: str | None,
            authority: str | None, role: str | None, password: str | None,
            reset_user: str | None, reset_password: str | None, authority_id: str | None,
            authority_name: str | None, country: str | None, kind: str | None,
            sources: str | None, sources_authority: str | None,
            more_sources: str | None) -> tuple[Any, ...]:
        trigger = ctx.triggered_id
        if only_redrawn(toggles):
            return (dash.no_update,) * 8  # the table was drawn again, nothing was clicked
        try:
            with uictx.viewer() as (s, viewer):
                if trigger == "people-add":
                    if not (username and authority and role and password):
                        raise BadInputError("a user name, authority, role and first password "
                                            "are needed")
                    added = people.add_person(s, viewer, username.strip(),
                                              authority=authority, role=role,
                                              password=password)
                    message = (f"{added['username']} added ({added['role']}, "
                               f"{added['authority']}): tell them to change the password on "
                               "their account page")
                elif trigger == "people-reset":
                    if not (reset_user and reset_password):
                        raise BadInputError("choose the user and type the new password")
                    people.reset_password(s, viewer, reset_user, reset_password)
                    message = f"new password for {reset_user}; their sessions have ended"
                elif trigger == "people-authority-add":
                    if not (authority_id and country and kind):
                        raise BadInputError("an id, country and kind are needed")
                    made = people.add_authority(s, viewer, authority_id.strip(),
                                                name=(authority_name or "").strip(),
                                                country=country, kind=kind,
                                                sources=(sources or "").split(","))
                    message = f"authority {made['id']} added"
                elif trigger == "people-sources-add":
                    if not (sources_authority and more_sources):
                        raise BadInputError("choose the authority and type its source ids")
                    changed = people.add_sources(s, viewer, sources_authority,
                                                 more_sources.split(","))
                    message = (f"authority {changed['id']}: sources "
                               f"{', '.join(changed['sources'])}")
                else:
                    assert isinstance(trigger, dict)
                    who = trigger["user"]
                    current = next(p for p in people.list_people(s, viewer)
                                   if p["username"] == who)
                    changed = people.set_active(s, viewer, who, not current["active"])
                    message = f"{who} is {'active' if changed['active'] else 'deactivated'}"
            result: Any = ok(message)
        except CrosslinkError as exc:
            result = error(exc)
        users_table, authorities_table, names, authority_ids = _tables(uictx)
        return (result, users_table, authorities_table, names, authority_ids, authority_ids,
                "", "")


PAGE = Page("/people", "People", Permission.manage_users, page_layout, register)
