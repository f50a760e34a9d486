"""Queries: the saved pattern queries (parameters as form fields) and, for analysts, the
Cypher console. Results as a table and, when they hold nodes, as a chart."""

from __future__ import annotations

from typing import Any

import dash_cytoscape as cyto
from dash import ALL, Dash, Input, Output, State, dcc, html

from backend.auth.roles import Permission
from backend.auth.viewer import Viewer
from backend.errors import CrosslinkError
from backend.services import console, queries
from ui.chart.elements import empty_state, merge
from ui.chart.filters import ChartFilter, view
from ui.components.messages import error, info
from ui.components.tables import cell, table
from ui.context import UiContext
from ui.pages import Page
from ui.styles.cytoscape import stylesheet

SHOWN_ROWS = 200


def results(result: dict[str, Any], prefix: str) -> html.Div:
    """The rows as a table and the graph elements, if any, as a small chart."""
    rows = result.get("rows") or []
    parts: list[Any] = [html.P(f"{len(rows)} row(s)" + (" (truncated at the row limit)"
                                                        if result.get("truncated") else "")
                               + (f"; {result['redacted']} TLP:RED value(s) redacted"
                                  if result.get("redacted") else ""), id=f"{prefix}-count")]
    if rows:
        parts.append(table(rows[:SHOWN_ROWS], result.get("columns"), table_id=f"{prefix}-rows"))
    if result.get("nodes"):
        state, _ = merge(empty_state(), result["nodes"], result.get("relationships") or [])
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
                  placeholder=param.get("help") or "", className="param"),
    ], title=param.get("help") or "")


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
            dcc.Textarea(id="console-cypher", className="cypher",
                         placeholder="MATCH (p:Person)-[r]-(x) RETURN p, r, x LIMIT 25"),
            html.Button("Run Cypher", id="console-run", n_clicks=0, className="primary"),
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
        return results(result, "query") if result["rows"] else info("No rows.")

    @app.callback(Output("console-result", "children"), Input("console-run", "n_clicks"),
                  State("console-cypher", "value"), prevent_initial_call=True)
    def run_console(_: int, cypher: str | None) -> Any:
        if not cypher or not cypher.strip():
            return error("Type a Cypher query.")
        try:
            with uictx.viewer() as (s, viewer):
                result = console.run(uictx.graph, s, viewer, cypher,
                                     timeout=uictx.settings.console_timeout,
                                     row_limit=uictx.settings.console_row_limit)
        except CrosslinkError as exc:
            return error(exc)
        return results(result, "console")


PAGE = Page("/queries", "Queries", Permission.run_queries, page_layout, register)
