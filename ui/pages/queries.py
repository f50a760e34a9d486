"""Queries: the saved pattern queries (parameters as form fields) and, for analysts, the
Cypher console with their own saved queries (private or shared with a team). Results as a
table and, when they hold nodes, as a chart."""

from __future__ import annotations

import json
from typing import Any

import dash
import dash_cytoscape as cyto
from dash import ALL, Dash, Input, Output, State, ctx, dcc, html

from backend.auth.roles import Permission
from backend.auth.viewer import Viewer
from backend.errors import BadInputError, CrosslinkError
from backend.services import audit, console, queries, saved_queries, teams
from ui.chart.elements import empty_state, merge
from ui.chart.filters import ChartFilter, view
from ui.components.links import explore_href
from ui.components.messages import error, info, ok, warning
from ui.components.tables import cell, table
from ui.context import UiContext
from ui.pages import Page
from ui.styles.cytoscape import stylesheet

SHOWN_ROWS = 200


def results(result: dict[str, Any], prefix: str, uictx: UiContext) -> html.Div:
    """The rows as a table and the graph elements, if any, as a small chart that opens in
    Explore (kept on the server as a chart of this session, as Explore's own are)."""
    rows = result.get("rows") or []
    parts: list[Any] = [html.P(f"{len(rows)} row(s)" + (" (truncated at the row limit)"
                                                        if result.get("truncated") else "")
                               + (f"; {result['redacted']} TLP:RED value(s) redacted"
                                  if result.get("redacted") else ""), id=f"{prefix}-count")]
    parts += [warning(f"Warning: {text}") for text in result.get("warnings") or []]
    if rows:
        parts.append(table(rows[:SHOWN_ROWS], result.get("columns"), table_id=f"{prefix}-rows"))
    if result.get("nodes"):
        state, _ = merge(empty_state(), result["nodes"], result.get("relationships") or [])
        key, _ = uictx.charts.open(uictx.session_owner(), state)
        parts.append(dcc.Link("Open in Explore", href=explore_href(chart=key),
                              className="button", id=f"{prefix}-explore"))
        parts.append(cyto.Cytoscape(
            id=f"{prefix}-chart", elements=view(state, ChartFilter()), stylesheet=stylesheet(),
            layout={"name": "cose-bilkent", "animate": False},
            style={"width": "100%", "height": "420px"}))
    return html.Div(parts)


def _param_field(param: dict[str, Any]) -> html.Label:
    default = param.get("default")
    return html.Label([
        f"{param['name']} ({param['type']}){' *' if param.get('required') else ''}",
        dcc.Input(id={"type": "query-param", "name": param["name"]}, type="text",
                  value=cell(default) if default is not None else None,
                  placeholder=param.get("help") or "",
                  # a list is typed as a,b,c: wide enough to read the model's lists whole
                  className="param param-list" if param["type"].startswith("list")
                  else "param"),
    ], title=param.get("help") or "")


def _own_query_options(uictx: UiContext, viewer: Viewer) -> list[dict[str, Any]]:
    """The analyst's own queries and those shared with their teams, for the dropdown."""
    with uictx.db.session() as s:
        names = {t["id"]: t["name"] for t in teams.teams_of(s, viewer.user_id)}
        rows = saved_queries.list_queries(s, viewer)
        return [{"label": q["name"] + (f"  (team {names.get(q['team_id'], q['team_id'])})"
                                       if q["visibility"] == "team" else ""),
                 "value": q["id"]} for q in rows]


def _share_options(uictx: UiContext, viewer: Viewer) -> list[dict[str, str]]:
    with uictx.db.session() as s:
        mine = teams.teams_of(s, viewer.user_id)
    return [{"label": "Private (only me)", "value": "private"},
            *[{"label": f"Team {t['name']}", "value": f"team:{t['id']}"} for t in mine]]


def _params(text: str | None) -> dict[str, Any]:
    """The console's parameters: a JSON object, e.g. ``{"days": 30}``."""
    if not text or not text.strip():
        return {}
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BadInputError(f"parameters must be a JSON object such as {{\"days\": 30}}: "
                             f"{exc.msg} at character {exc.pos + 1}", field="parameters"
                             ) from None
    if not isinstance(value, dict):
        raise BadInputError("parameters must be a JSON object such as {\"days\": 30}",
                             field="parameters")
    return value


def page_layout(uictx: UiContext, viewer: Viewer, query: dict[str, str]) -> html.Div:
    saved = queries.library(viewer)
    parts: list[Any] = [
        html.H2("Saved pattern queries"),
        dcc.Dropdown(id="query-name", options=[{"label": q["title"] or q["name"],
                                                "value": q["name"]} for q in saved],
                     placeholder="Choose a query"),
        html.Div(id="query-form"),
        html.Button("Run query", id="query-run", n_clicks=0, className="primary"),
        dcc.Loading(html.Div(id="query-result")),
    ]
    if viewer.may(Permission.console):
        parts += [
            html.H2("Cypher console"),
            html.P("Read-only, with a timeout and a row limit; every run is audited.",
                   className="muted"),
            html.Div([
                dcc.Dropdown(id="console-saved", options=_own_query_options(uictx, viewer),
                             placeholder="My queries and my teams' (choose one to load it)"),
                html.Button("Delete", id="console-delete", n_clicks=0,
                            title="Delete the chosen query (yours only)"),
            ], className="toolbar"),
            dcc.Textarea(id="console-cypher", className="cypher",
                         placeholder="MATCH (p:Person)-[r]-(x) RETURN p, r, x LIMIT 25"),
            dcc.Input(id="console-params", type="text", className="param",
                      placeholder='Parameters as JSON, e.g. {"days": 30}'),
            html.Div([
                html.Button("Run Cypher", id="console-run", n_clicks=0, className="primary"),
                dcc.Input(id="console-save-name", type="text", placeholder="Name to save as",
                          style={"width": "18rem", "flex": "none"}),
                dcc.Dropdown(id="console-save-share", options=_share_options(uictx, viewer),
                             value="private", clearable=False, className="share",
                             style={"width": "16rem"}),
                html.Button("Save query", id="console-save", n_clicks=0),
            ], className="toolbar"),
            html.Div(id="console-save-message"),
            dcc.Loading(html.Div(id="console-result")),
        ]
    return html.Div(parts, className="queries")


def register(app: Dash, uictx: UiContext) -> None:
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
                         *[_param_field(p) for p in found["params"]]], className="form")

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

    @app.callback(Output("console-result", "children"), Input("console-run", "n_clicks"),
                  State("console-cypher", "value"), State("console-params", "value"),
                  State("console-saved", "value"), prevent_initial_call=True)
    def run_console(_: int, cypher: str | None, params: str | None,
                    saved_id: int | None) -> Any:
        if not cypher or not cypher.strip():
            return error("Type a Cypher query.")
        try:
            values = _params(params)
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
                        s, viewer, name=name.strip(), cypher=cypher, parameters=_params(params),
                        visibility="team" if team else "private",
                        team_id=int(team) if team else None)
                    message, chosen = ok(f"Saved as {row['name']!r}"
                                         + (" for your team." if team else " (private).")), \
                        row["id"]
            options = _own_query_options(uictx, viewer)
        except CrosslinkError as exc:
            return error(exc), dash.no_update, dash.no_update
        return message, options, chosen


PAGE = Page("/queries", "Queries", Permission.run_queries, page_layout, register)
