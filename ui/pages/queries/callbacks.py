"""The Queries page's callbacks: each reads what the browser sent, calls a service
with the viewer and redraws its part with the layout's functions."""

from __future__ import annotations

import json
from typing import Any

import dash
from dash import ALL, Dash, Input, Output, State, ctx, html

from backend.errors import BadInputError, CrosslinkError
from backend.services import audit, console, queries, saved_queries
from ui.components.messages import error, info, ok
from ui.context import UiContext
from ui.pages.queries.layout import own_query_options, param_field, parse_params, results


def register(app: Dash, uictx: UiContext) -> None:
    """Every callback of the page."""
    register_pattern_queries(app, uictx)
    register_console(app, uictx)


def register_pattern_queries(app: Dash, uictx: UiContext) -> None:
    """The saved pattern queries, their form and their run."""
    @app.callback(Output("query-form", "children"), Input("query-name", "value"))
    def form(name: str | None) -> Any:
        if not name:
            return ""
        try:
            with uictx.viewer() as (_, viewer):
                found = {q["name"]: q for q in queries.library(viewer)}[name]
        except (CrosslinkError, KeyError) as exc:
            return error(str(exc))
        return html.Div([html.P(found["description"], className="muted"),
                         *[param_field(p) for p in found["params"]]], className="form")

    @app.callback(Output("query-result", "children"), Input("query-run", "n_clicks"),
                  State("query-name", "value"),
                  State({"type": "query-param", "name": ALL}, "value"),
                  State({"type": "query-param", "name": ALL}, "id"),
                  prevent_initial_call=True)
    def run_saved(_: int, name: str | None, values: list[str | None],
                  ids: list[dict[str, str]]) -> Any:
        if not name:
            return error("Choose a query first.")
        given = {i["name"]: v for i, v in zip(ids, values, strict=True) if v not in (None, "")}
        try:
            with uictx.viewer() as (s, viewer):
                result = queries.run(uictx.graph, s, viewer, name, given,
                                     timeout=uictx.settings.query_timeout,
                                     row_limit=uictx.settings.query_row_limit)
        except CrosslinkError as exc:
            return error(exc)
        if not result["rows"] and not result.get("warnings"):
            return info("No rows.")
        return results(result, "query", uictx)


def register_console(app: Dash, uictx: UiContext) -> None:
    """The Cypher console, running, loading, saving and deleting one's own queries."""
    @app.callback(Output("console-result", "children"), Input("console-run", "n_clicks"),
                  State("console-cypher", "value"), State("console-params", "value"),
                  State("console-saved", "value"), prevent_initial_call=True)
    def run_console(_: int, cypher: str | None, params: str | None,
                    saved_id: int | None) -> Any:
        if not cypher or not cypher.strip():
            return error("Type a Cypher query.")
        try:
            values = parse_params(params)
            with uictx.viewer() as (s, viewer):
                name = None
                if saved_id is not None:  # audited as the saved query when it is unchanged
                    chosen = saved_queries.get(s, viewer, saved_id)
                    name = chosen["name"] if chosen["cypher"] == cypher else None
                result = console.run(
                    uictx.graph, s, viewer, cypher, values,
                    timeout=uictx.settings.console_timeout,
                    row_limit=uictx.settings.console_row_limit,
                    **({"action": audit.Action.query, "name": name} if name else {}))
        except CrosslinkError as exc:
            return error(exc)
        return results(result, "console", uictx)

    @app.callback(Output("console-cypher", "value"), Output("console-params", "value"),
                  Output("console-save-name", "value"), Input("console-saved", "value"),
                  prevent_initial_call=True)
    def load_saved(saved_id: int | None) -> Any:
        if saved_id is None:
            return dash.no_update, dash.no_update, dash.no_update
        try:
            with uictx.viewer() as (s, viewer):
                found = saved_queries.get(s, viewer, saved_id)
        except CrosslinkError:
            return dash.no_update, dash.no_update, dash.no_update
        params = json.dumps(found["parameters"]) if found["parameters"] else ""
        return found["cypher"], params, found["name"]

    @app.callback(Output("console-save-message", "children"),
                  Output("console-saved", "options"), Output("console-saved", "value"),
                  Input("console-save", "n_clicks"), Input("console-delete", "n_clicks"),
                  State("console-save-name", "value"), State("console-cypher", "value"),
                  State("console-params", "value"), State("console-save-share", "value"),
                  State("console-saved", "value"), prevent_initial_call=True)
    def save_or_delete(_save: int, _delete: int, name: str | None, cypher: str | None,
                       params: str | None, share: str | None, saved_id: int | None) -> Any:
        try:
            with uictx.viewer() as (s, viewer):
                if ctx.triggered_id == "console-delete":
                    if saved_id is None:
                        raise BadInputError("Choose one of your queries to delete.")
                    saved_queries.delete(s, viewer, saved_id)
                    message, chosen = ok("Query deleted."), None
                else:
                    if not name or not name.strip():
                        raise BadInputError("Give the query a name.", field="name")
                    if not cypher or not cypher.strip():
                        raise BadInputError("Type the Cypher to save.", field="cypher")
                    team = share.split(":", 1)[1] if share and share.startswith("team:") \
                        else None
                    row = saved_queries.save(
                        s, viewer, name=name.strip(), cypher=cypher,
                        parameters=parse_params(params),
                        visibility="team" if team else "private",
                        team_id=int(team) if team else None)
                    message, chosen = ok(f"Saved as {row['name']!r}"
                                         + (" for your team." if team else " (private).")), \
                        row["id"]
            options = own_query_options(uictx, viewer)
        except CrosslinkError as exc:
            return error(exc), dash.no_update, dash.no_update
        return message, options, chosen
