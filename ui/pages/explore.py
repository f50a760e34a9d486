"""Explore: the link chart with search, expand, paths, filters, details, timeline and map."""

from __future__ import annotations

from typing import Any

import dash
import dash_cytoscape as cyto
from dash import Dash, Input, Output, State, ctx, dcc, html

from backend.auth.roles import Permission
from backend.auth.viewer import Viewer
from backend.errors import CrosslinkError
from backend.services import entities, search, subgraphs
from graph.model import MODEL
from ui.chart import elements as chart
from ui.chart.filters import RELIABILITY, ChartFilter, view
from ui.chart.geo import map_figure
from ui.chart.timeline import timeline_figure
from ui.components.legend import legend_panel
from ui.components.messages import error, info, ok
from ui.components.tables import properties_table
from ui.context import UiContext
from ui.pages import Page
from ui.pages.explore_data import (
    add_node,
    expand_node,
    initial_state,
    shortest_path,
)
from ui.styles.cytoscape import stylesheet
from ui.topojson import TOPOJSON_URL

LAYOUTS = {"preset": "Saved positions", "cose-bilkent": "Force-directed (cose-bilkent)",
           "dagre": "Hierarchy (dagre)", "concentric": "Concentric",
           "breadthfirst": "Breadth-first", "grid": "Grid", "circle": "Circle"}
DOUBLE_TAP_MS = 500
CONTEXT_MENU = [
    {"id": "expand", "label": "Expand", "availableOn": ["node"]},
    {"id": "hide", "label": "Hide", "availableOn": ["node"]},
    {"id": "pin", "label": "Pin / unpin", "availableOn": ["node"]},
    {"id": "remove", "label": "Remove", "availableOn": ["node"]},
]
GRAPH_CONFIG = {"displaylogo": False, "topojsonURL": TOPOJSON_URL}


def layout_spec(name: str) -> dict[str, Any]:
    spec: dict[str, Any] = {"name": name, "animate": False, "fit": True, "padding": 30}
    if name == "cose-bilkent":
        spec.update({"idealEdgeLength": 90, "nodeRepulsion": 6000, "randomize": True})
    return spec


def _toolbar(layout_name: str) -> html.Div:
    return html.Div([
        dcc.Dropdown(id="explore-search", placeholder="Search names, numbers, cases...",
                     searchable=True, clearable=True, options=[], className="search"),
        html.Button("Add to chart", id="explore-add", n_clicks=0, className="primary"),
        dcc.Dropdown(id="explore-rel-types", multi=True, placeholder="Expand by: all types",
                     options=list(MODEL.relationships), className="rel-types"),
        html.Button("Expand", id="explore-expand", n_clicks=0,
                    title="Expand the focused or selected nodes (or double-click a node)"),
        html.Button("Hide", id="explore-hide", n_clicks=0),
        html.Button("Pin", id="explore-pin", n_clicks=0),
        html.Button("Remove", id="explore-remove", n_clicks=0),
        html.Button("Undo", id="explore-undo", n_clicks=0),
        dcc.Dropdown(id="explore-layout", options=[{"label": v, "value": k}
                                                   for k, v in LAYOUTS.items()],
                     value=layout_name, clearable=False, className="layout"),
        dcc.Checklist(id="explore-collapse", options=[{"label": " Collapse transactions",
                                                       "value": "on"}], value=[]),
        html.Button("PNG", id="explore-png", n_clicks=0),
        html.Button("SVG", id="explore-svg", n_clicks=0),
    ], className="toolbar")


def _filters() -> html.Details:
    return html.Details([
        html.Summary("Filters"),
        html.Div([
            html.Label(["From ", dcc.Input(id="explore-date-from", type="date")]),
            html.Label(["to ", dcc.Input(id="explore-date-to", type="date")]),
            dcc.Dropdown(id="explore-labels", multi=True, options=list(MODEL.nodes),
                         placeholder="Labels: all"),
            dcc.Dropdown(id="explore-filter-rels", multi=True,
                         options=list(MODEL.relationships), placeholder="Relationships: all"),
            dcc.Dropdown(id="explore-jurisdictions", multi=True, options=[],
                         placeholder="Jurisdictions / countries: all"),
            dcc.Dropdown(id="explore-reliability", options=list(RELIABILITY),
                         placeholder="Minimum reliability"),
            dcc.RadioItems(id="explore-filter-mode", value="dim", inline=True,
                           options=[{"label": " dim", "value": "dim"},
                                    {"label": " hide", "value": "hide"}]),
        ], className="filters"),
    ], open=True, className="panel")


def _path_and_save() -> html.Div:
    return html.Div([
        html.Details([
            html.Summary("Shortest path"),
            dcc.Dropdown(id="explore-path-from", placeholder="From (or select two nodes)"),
            dcc.Dropdown(id="explore-path-to", placeholder="To"),
            html.Button("Find shortest paths", id="explore-path", n_clicks=0),
        ], className="panel", open=True),
        html.Details([
            html.Summary("Save chart"),
            dcc.Input(id="explore-save-name", placeholder="Name", type="text"),
            dcc.Textarea(id="explore-save-description", placeholder="Description"),
            html.Button("Save as subgraph", id="explore-save", n_clicks=0),
            html.Div(id="explore-save-message"),
        ], className="panel"),
    ])


def page_layout(uictx: UiContext, viewer: Viewer, query: dict[str, str]) -> html.Div:
    state = chart.empty_state()
    with uictx.viewer() as (s, v):
        try:
            state, message = initial_state(uictx.graph, s, v, state, query)
            status: Any = info(message)
        except CrosslinkError as exc:
            status = error(exc)
    layout_name = "preset" if chart.has_positions(state) else "cose-bilkent"
    return html.Div([
        dcc.Store(id="explore-state", data=state),
        dcc.Store(id="explore-path-ids", data=[]),
        dcc.Store(id="explore-focus", data=(chart.node_ids(state) or [None])[-1]),
        dcc.Store(id="explore-last-tap", data={}),
        dcc.Store(id="explore-double-tap"),
        dcc.Store(id="explore-picked", data=[]),
        dcc.Store(id="explore-positions"),
        _toolbar(layout_name),
        dcc.Loading(html.Div(status, id="explore-message"), type="dot"),
        html.Div(id="explore-counts", className="counts"),
        html.Div([
            html.Div([
                cyto.Cytoscape(id="explore-chart", elements=[], stylesheet=stylesheet(),
                               layout=layout_spec(layout_name), contextMenu=CONTEXT_MENU,
                               boxSelectionEnabled=True, minZoom=0.1, maxZoom=4,
                               style={"width": "100%", "height": "560px"}),
            ], className="chart"),
            html.Aside([
                html.H3("Details"),
                dcc.Loading(html.Div(info("Click a node or edge."), id="explore-details")),
                legend_panel(),
            ], className="side"),
            html.Aside([_filters(), _path_and_save()], className="side"),
        ], className="explore-main"),
        html.Div([
            html.Div([html.H4("Timeline"),
                      dcc.Graph(id="explore-timeline", config=GRAPH_CONFIG)],
                     className="timeline"),
            html.Div([html.H4("Map"), dcc.Graph(id="explore-map", config=GRAPH_CONFIG)],
                     className="map"),
        ], className="explore-bottom"),
    ], className="explore")


def _targets(selected: list[dict[str, Any]] | None, focus: str | None) -> list[str]:
    """The nodes an action applies to: the selected ones, else the focused one."""
    ids = [d["id"] for d in selected or [] if "source" not in d]
    return ids or ([focus] if focus else [])


def register(app: Dash, uictx: UiContext) -> None:
    graph = uictx.graph

    @app.callback(Output("explore-search", "options"), Input("explore-search", "search_value"),
                  State("explore-search", "value"), prevent_initial_call=True)
    def suggest(text: str | None, value: str | None) -> Any:
        if not text or len(text.strip()) < 2:
            return dash.no_update
        try:
            with uictx.viewer() as (s, viewer):
                hits = search.search(graph, s, viewer, text, limit=15)["items"]
        except CrosslinkError:
            return dash.no_update  # half-typed text is not worth an error box
        options = [{"label": f"{h['caption']} · {h['label']}", "value": h["id"]} for h in hits]
        if value and value not in {o["value"] for o in options}:
            options.append({"label": value, "value": value})
        return options

    @app.callback(
        Output("explore-state", "data"), Output("explore-message", "children"),
        Output("explore-path-ids", "data"), Output("explore-focus", "data", allow_duplicate=True),
        Input("explore-add", "n_clicks"), Input("explore-expand", "n_clicks"),
        Input("explore-hide", "n_clicks"), Input("explore-pin", "n_clicks"),
        Input("explore-remove", "n_clicks"), Input("explore-undo", "n_clicks"),
        Input("explore-path", "n_clicks"), Input("explore-chart", "contextMenuData"),
        Input("explore-double-tap", "data"),
        State("explore-search", "value"), State("explore-rel-types", "value"),
        State("explore-chart", "selectedNodeData"), State("explore-focus", "data"),
        State("explore-path-from", "value"), State("explore-path-to", "value"),
        State("explore-state", "data"), State("explore-path-ids", "data"),
        prevent_initial_call=True)
    def act(_a: int, _e: int, _h: int, _p: int, _r: int, _u: int, _path: int,
            menu: dict[str, Any] | None, double: dict[str, Any] | None, hit: str | None,
            rel_types: list[str] | None, selected: list[dict[str, Any]] | None,
            focus: str | None, path_from: str | None, path_to: str | None,
            state: dict[str, Any], path_ids: list[str]) -> tuple:
        """Every change of the chart goes through here, so undo sees them all."""
        trigger = ctx.triggered_id
        no = dash.no_update
        try:
            with uictx.viewer() as (s, viewer):
                if trigger == "explore-double-tap":
                    node_id = (double or {}).get("id")
                    if not node_id:
                        return no, no, no, no
                    new, msg = expand_node(graph, s, viewer, state, node_id, rel_types)
                    return new, info(msg), no, node_id
                if trigger == "explore-chart":  # context menu
                    item, node_id = (menu or {}).get("menuItemId"), (menu or {}).get("elementId")
                    if not node_id:
                        return no, no, no, no
                    if item == "expand":
                        new, msg = expand_node(graph, s, viewer, state, node_id, rel_types)
                    elif item in ("hide", "pin"):
                        new = chart.toggle(state, "hidden" if item == "hide" else "pinned",
                                           [node_id])
                        msg = f"{item}: {node_id}"
                    else:
                        new, msg = chart.remove_nodes(state, [node_id]), f"removed {node_id}"
                    return new, info(msg), no, node_id
                if trigger == "explore-add":
                    if not hit:
                        return no, error("Type in the search box and pick a result first."), \
                            no, no
                    new, msg = add_node(graph, s, viewer, state, hit)
                    return new, ok(msg), no, hit
                if trigger == "explore-undo":
                    if not state.get("history"):
                        return no, info("nothing to undo"), no, no
                    return chart.undo(state), info("undone"), no, no
                if trigger == "explore-path":
                    picks = [d["id"] for d in selected or [] if "source" not in d]
                    source, target = (picks[:2] if len(picks) >= 2 else (path_from, path_to))
                    if not source or not target:
                        return no, error("Pick two nodes: select them in the chart "
                                         "(shift-click) or choose From and To."), no, no
                    new, on_path, msg = shortest_path(graph, s, viewer, state, source, target)
                    return new, info(msg), on_path, no
                targets = _targets(selected, focus)
                if not targets:
                    return no, error("Click a node first (or select several with "
                                     "shift-click or a box drag)."), no, no
                if trigger == "explore-expand":
                    new, total = state, []
                    for node_id in targets:
                        new, msg = expand_node(graph, s, viewer, new, node_id, rel_types)
                        total.append(msg)
                    return new, info("; ".join(total)), no, no
                if trigger == "explore-remove":
                    return chart.remove_nodes(state, targets), \
                        info(f"removed {len(targets)} node(s)"), \
                        [x for x in path_ids if x not in targets], None
                key = "hidden" if trigger == "explore-hide" else "pinned"
                return chart.toggle(state, key, targets), \
                    info(f"{key} toggled for {len(targets)} node(s)"), no, no
        except CrosslinkError as exc:
            return no, error(exc), no, no

    app.clientside_callback(  # taps stay in the browser; only a double tap reaches the server
        f"""function(tap, last) {{
            const nu = window.dash_clientside.no_update;
            if (!tap) {{ return [nu, nu, nu]; }}
            const id = tap.data.id, ts = tap.timeStamp || 0;
            if (last && last.id === id && ts - (last.ts || 0) <= {DOUBLE_TAP_MS}) {{
                return [id, {{}}, {{id: id, ts: ts}}];
            }}
            return [id, {{id: id, ts: ts}}, nu];
        }}""",
        Output("explore-focus", "data"), Output("explore-last-tap", "data"),
        Output("explore-double-tap", "data"), Input("explore-chart", "tapNode"),
        State("explore-last-tap", "data"), prevent_initial_call=True)

    @app.callback(
        Output("explore-chart", "elements"), Output("explore-counts", "children"),
        Output("explore-jurisdictions", "options"), Output("explore-path-from", "options"),
        Output("explore-path-to", "options"),
        Input("explore-state", "data"), Input("explore-date-from", "value"),
        Input("explore-date-to", "value"), Input("explore-labels", "value"),
        Input("explore-filter-rels", "value"), Input("explore-jurisdictions", "value"),
        Input("explore-reliability", "value"), Input("explore-filter-mode", "value"),
        Input("explore-collapse", "value"), Input("explore-path-ids", "data"),
        Input("explore-picked", "data"))
    def render(state: dict[str, Any], date_from: str | None, date_to: str | None,
               labels: list[str] | None, rels: list[str] | None,
               places: list[str] | None, reliability: str | None, mode: str,
               collapse: list[str], path_ids: list[str], picked: list[str]) -> tuple:
        flt = ChartFilter(date_from=date_from or None, date_to=date_to or None,
                          labels=tuple(labels or ()), rel_types=tuple(rels or ()),
                          jurisdictions=tuple(places or ()), min_reliability=reliability,
                          mode=mode or "dim")
        shown = view(state, flt, collapse="on" in (collapse or []), path=path_ids)
        for element in shown:
            if element["data"]["id"] in set(picked or []):
                element["selected"] = True
        nodes = [e for e in shown if e["group"] == "nodes"]
        dimmed = sum(1 for e in shown if "dimmed" in e["classes"])
        hidden = sum(1 for e in shown if "hidden" in e["classes"])
        counts = (f"{len(nodes)} nodes, {len(shown) - len(nodes)} edges in the chart; "
                  f"{dimmed} dimmed, {hidden} hidden")
        places_found = sorted({e["data"]["jurisdiction"] for e in nodes
                               if e["data"].get("jurisdiction")})
        options = [{"label": e["data"]["caption"], "value": e["data"]["id"]} for e in nodes]
        return shown, counts, places_found, options, options

    @app.callback(Output("explore-chart", "layout"), Input("explore-layout", "value"),
                  prevent_initial_call=True)
    def relayout(name: str) -> dict[str, Any]:
        return layout_spec(name)

    @app.callback(
        Output("explore-timeline", "figure"), Output("explore-map", "figure"),
        Input("explore-state", "data"), Input("explore-chart", "selectedNodeData"),
        Input("explore-chart", "selectedEdgeData"), Input("explore-picked", "data"))
    def figures(state: dict[str, Any], nodes: list[dict[str, Any]] | None,
                edges: list[dict[str, Any]] | None, picked: list[str]) -> tuple:
        chosen = [d["id"] for d in (nodes or []) + (edges or [])] + list(picked or [])
        return timeline_figure(state["elements"], chosen), \
            map_figure(state["elements"], chosen)

    @app.callback(Output("explore-picked", "data"), Input("explore-timeline", "clickData"),
                  Input("explore-map", "clickData"), prevent_initial_call=True)
    def pick(timeline: dict[str, Any] | None, geo: dict[str, Any] | None) -> list[str]:
        """A click on the timeline or the map selects the element in the chart."""
        data = timeline if ctx.triggered_id == "explore-timeline" else geo
        return [p["customdata"] for p in (data or {}).get("points", []) if p.get("customdata")]

    @app.callback(Output("explore-details", "children"), Input("explore-focus", "data"),
                  Input("explore-chart", "tapEdgeData"), prevent_initial_call=True)
    def details(focus: str | None, edge: dict[str, Any] | None) -> Any:
        if ctx.triggered_id == "explore-chart" and edge:
            return html.Div([html.H4(f"{edge['type']}: {edge['source']} → {edge['target']}"),
                             properties_table(edge.get("properties") or {},
                                              edge.get("provenance") or {})])
        if not focus:
            return info("Click a node or edge.")
        try:
            with uictx.viewer() as (s, viewer):
                node = entities.entity(graph, s, viewer, focus)
        except CrosslinkError as exc:
            return error(exc)
        caption = "Protected person" if node.get("masked") else node["caption"]
        return html.Div([html.H4(f"{node['label']}: {caption}", id="details-title"),
                         html.P(node["id"], className="muted"),
                         properties_table(node["properties"], node["provenance"])])

    @app.callback(Output("explore-chart", "generateImage"), Input("explore-png", "n_clicks"),
                  Input("explore-svg", "n_clicks"), prevent_initial_call=True)
    def export(_png: int, _svg: int) -> dict[str, Any]:
        kind = "svg" if ctx.triggered_id == "explore-svg" else "png"
        return {"type": kind, "action": "download", "filename": "crosslink-chart",
                "options": {"full": True, "bg": "#ffffff"}}

    app.clientside_callback(  # the nodes' positions on screen, saved with the chart
        """function(n) {
            const out = {};
            if (window.cy) { window.cy.nodes().forEach(
                x => { out[x.id()] = [x.position('x'), x.position('y')]; }); }
            return out;
        }""",
        Output("explore-positions", "data"), Input("explore-save", "n_clicks"),
        prevent_initial_call=True)

    @app.callback(Output("explore-save-message", "children"),
                  Input("explore-positions", "data"),
                  State("explore-save-name", "value"), State("explore-save-description", "value"),
                  State("explore-state", "data"), State("explore-layout", "value"),
                  prevent_initial_call=True)
    def save(positions: dict[str, list[float]] | None, name: str | None,
             description: str | None, state: dict[str, Any], layout_name: str) -> Any:
        if not name or not name.strip():
            return error("Give the chart a name.")
        if not state["elements"]:
            return error("The chart is empty: add something first.")
        try:
            with uictx.viewer() as (s, viewer):
                saved = subgraphs.create(s, viewer, name=name.strip(),
                                         description=description or "",
                                         elements=chart.saved_elements(state, positions),
                                         layout={"name": layout_name})
        except CrosslinkError as exc:
            return error(exc)
        return ok(f"saved as {saved['name']!r} (#{saved['id']}); find it under Saved")


PAGE = Page("/explore", "Explore", Permission.read_graph, page_layout, register)
