"""The Queries page's layout and the parts its callbacks redraw."""

from __future__ import annotations

import json
from typing import Any

import dash_cytoscape as cyto
from dash import dcc, html

from backend.auth.roles import Permission
from backend.auth.viewer import Viewer
from backend.errors import BadInputError
from backend.services import queries, saved_queries, teams
from ui.chart.elements import empty_state, merge
from ui.chart.filters import ChartFilter, view
from ui.components.links import explore_href
from ui.components.messages import warning
from ui.components.tables import cell, table
from ui.context import UiContext
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


def param_field(param: dict[str, Any]) -> html.Label:
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


def own_query_options(uictx: UiContext, viewer: Viewer) -> list[dict[str, Any]]:
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


def parse_params(text: str | None) -> dict[str, Any]:
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
                dcc.Dropdown(id="console-saved", options=own_query_options(uictx, viewer),
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
