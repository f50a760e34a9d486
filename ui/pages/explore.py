"""Explore: the link chart with search, expand, paths, filters, details, timeline and map."""

from __future__ import annotations

from typing import Any

import dash
import dash_cytoscape as cyto
from dash import ClientsideFunction, Dash, Input, Output, State, ctx, dcc, html, set_props

from backend.auth.roles import Permission
from backend.auth.viewer import Viewer
from backend.errors import CrosslinkError
from backend.services import entities, search, subgraphs
from graph.model import MODEL
from ui.chart import elements as chart
from ui.chart.cache import OpenChart
from ui.chart.delta import diff, for_browser
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
           "fcose": "Quick draft, for big charts (fcose)", "dagre": "Hierarchy (dagre)",
           "concentric": "Concentric", "breadthfirst": "Breadth-first", "grid": "Grid",
           "circle": "Circle"}
# Nodes from which a chart opened without positions gets the fast layout, and from which
# added nodes are only placed beside their neighbours, without laying the chart out again.
BIG_CHART = 300
DOUBLE_TAP_MS = 500
CONTEXT_MENU = [
    {"id": "expand", "label": "Expand", "availableOn": ["node"]},
    {"id": "hide", "label": "Hide", "availableOn": ["node"]},
    {"id": "pin", "label": "Pin / unpin", "availableOn": ["node"]},
    {"id": "remove", "label": "Remove", "availableOn": ["node"]},
]
GRAPH_CONFIG: dcc.Graph.Config = {"displaylogo": False, "topojsonURL": TOPOJSON_URL}


def layout_spec(name: str) -> dict[str, Any]:
    """Cytoscape layout options: never animated (a big chart would crawl); fitted."""
    spec: dict[str, Any] = {"name": name, "animate": False, "fit": True, "padding": 30}
    if name == "cose-bilkent":
        spec.update({"idealEdgeLength": 90, "nodeRepulsion": 6000, "randomize": True})
    if name == "fcose":  # spectral placement only: 800 nodes in well under a second (the
        # force-directed refinement took 2-4 s more); pick cose-bilkent for a tidier picture
        spec.update({"quality": "draft", "randomize": True, "idealEdgeLength": 80,
                     "packComponents": True})
    return spec


def first_layout(state: dict[str, Any]) -> str:
    """Saved positions as they were; else force-directed, the fast one for big charts."""
    if chart.has_positions(state):
        return "preset"
    return "fcose" if len(chart.node_ids(state)) >= BIG_CHART else "cose-bilkent"


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


def _filters(places: list[str]) -> html.Details:
    return html.Details([
        html.Summary("Filters"),
        html.Div([
            # dash's Input stub lists only some HTML types; "date" is valid HTML and works
            html.Label(["From ", dcc.Input(id="explore-date-from",
                                           type="date")]),  # type: ignore[arg-type]
            html.Label(["to ", dcc.Input(id="explore-date-to",
                                         type="date")]),  # type: ignore[arg-type]
            dcc.Dropdown(id="explore-labels", multi=True, options=list(MODEL.nodes),
                         placeholder="Labels: all"),
            dcc.Dropdown(id="explore-filter-rels", multi=True,
                         options=list(MODEL.relationships), placeholder="Relationships: all"),
            dcc.Dropdown(id="explore-jurisdictions", multi=True, options=places,
                         placeholder="Jurisdictions / countries: all"),
            dcc.Dropdown(id="explore-reliability", options=list(RELIABILITY),
                         placeholder="Minimum reliability"),
            dcc.RadioItems(id="explore-filter-mode", value="dim", inline=True,
                           options=[{"label": " dim", "value": "dim"},
                                    {"label": " hide", "value": "hide"}]),
        ], className="filters"),
    ], open=True, className="panel")


def _path_and_save(options: list[dict[str, str]]) -> html.Div:
    return html.Div([
        html.Details([
            html.Summary("Shortest path"),
            dcc.Dropdown(id="explore-path-from", placeholder="From (or select two nodes)",
                         options=options),
            dcc.Dropdown(id="explore-path-to", placeholder="To", options=options),
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


def _filter(date_from: str | None, date_to: str | None, labels: list[str] | None,
            rels: list[str] | None, places: list[str] | None, reliability: str | None,
            mode: str | None) -> ChartFilter:
    return ChartFilter(date_from=date_from or None, date_to=date_to or None,
                       labels=tuple(labels or ()), rel_types=tuple(rels or ()),
                       jurisdictions=tuple(places or ()), min_reliability=reliability,
                       mode=mode or "dim")


FILTER_STATES = ("explore-date-from", "explore-date-to", "explore-labels", "explore-filter-rels",
                 "explore-jurisdictions", "explore-reliability", "explore-filter-mode")


def _counts(shown: dict[str, dict[str, Any]]) -> str:
    nodes = sum(1 for e in shown.values() if e["group"] == "nodes")
    dimmed = sum(1 for e in shown.values() if "dimmed" in e["classes"])
    hidden = sum(1 for e in shown.values() if "hidden" in e["classes"])
    return (f"{nodes} nodes, {len(shown) - nodes} edges in the chart; "
            f"{dimmed} dimmed, {hidden} hidden")


def _node_options(shown: dict[str, dict[str, Any]]) -> list[dict[str, str]]:
    return [{"label": e["data"]["caption"], "value": i} for i, e in shown.items()
            if e["group"] == "nodes"]


def _places(state: dict[str, Any]) -> list[str]:
    return sorted({e["data"]["jurisdiction"] for e in state["elements"]
                   if "source" not in e["data"] and e["data"].get("jurisdiction")})


def present(open_chart: OpenChart, flt: ChartFilter, collapse: bool, base: int | None
            ) -> tuple[dict[str, Any], str, Any, Any, Any]:
    """What the browser needs after a change: the delta from the view it shows (``base``;
    everything when the server no longer has that view), the counts line, and the
    jurisdiction and node options (From, To) when they changed. Call with the chart's lock held."""
    state = open_chart.state
    shown = for_browser(view(state, flt, collapse=collapse))
    old = open_chart.views.get(base) if base is not None else None
    delta: dict[str, Any] = diff(old, shown) if old is not None else \
        {"remove": [], "upsert": list(shown.values()), "full": True}
    same_nodes = old is not None and [i for i, e in old.items() if e["group"] == "nodes"] == \
        [i for i, e in shown.items() if e["group"] == "nodes"]
    delta["base"] = base
    delta["rev"] = open_chart.remember(shown)
    options = dash.no_update if same_nodes else _node_options(shown)
    places = dash.no_update if same_nodes else _places(state)
    return delta, _counts(shown), places, options, options


def page_layout(uictx: UiContext, viewer: Viewer, query: dict[str, str]) -> html.Div:
    state = chart.empty_state()
    with uictx.viewer() as (s, v):
        try:
            state, message = initial_state(uictx.graph, s, v, state, query,
                                           charts=uictx.charts, owner=uictx.session_owner())
            status: Any = info(message)
        except CrosslinkError as exc:
            status = error(exc)
    key, open_chart = uictx.charts.open(uictx.session_owner(), state)
    shown = for_browser(view(state, ChartFilter()))
    rev = open_chart.remember(shown)
    layout_name = first_layout(state)
    options = _node_options(shown)
    node_ids = chart.node_ids(state)
    return html.Div([
        dcc.Store(id="explore-key", data=key),
        dcc.Store(id="explore-delta"),
        dcc.Store(id="explore-shown", data=rev),
        dcc.Store(id="explore-resync"),
        dcc.Store(id="explore-focus", data=node_ids[-1] if node_ids else None),
        dcc.Store(id="explore-last-tap", data={}),
        dcc.Store(id="explore-double-tap"),
        dcc.Store(id="explore-picked", data=[]),
        dcc.Store(id="explore-positions"),
        dcc.Store(id="explore-layouts", data={"specs": {k: layout_spec(k) for k in LAYOUTS},
                                              "relayoutBelow": BIG_CHART}),
        _toolbar(layout_name),
        dcc.Loading(html.Div(status, id="explore-message"), type="dot"),
        html.Div(_counts(shown), id="explore-counts", className="counts"),
        html.Div([
            html.Div([
                cyto.Cytoscape(id="explore-chart", elements=list(shown.values()),
                               stylesheet=stylesheet(), layout=layout_spec(layout_name),
                               autoRefreshLayout=False, contextMenu=CONTEXT_MENU,
                               boxSelectionEnabled=True, minZoom=0.05, maxZoom=4,
                               style={"width": "100%", "height": "560px"}),
            ], className="chart"),
            html.Aside([
                html.H3("Details"),
                dcc.Loading(html.Div(info("Click a node or edge."), id="explore-details")),
                legend_panel(),
            ], className="side"),
            html.Aside([_filters(_places(state)), _path_and_save(options)], className="side"),
        ], className="explore-main"),
        html.Div([
            html.Div([html.H4("Timeline"),
                      dcc.Graph(id="explore-timeline", config=GRAPH_CONFIG,
                                figure=timeline_figure(state["elements"], []))],
                     className="timeline"),
            html.Div([html.H4("Map"), dcc.Graph(id="explore-map", config=GRAPH_CONFIG,
                                                figure=map_figure(state["elements"], []))],
                     className="map"),
        ], className="explore-bottom"),
    ], className="explore")


def _targets(selected: list[dict[str, Any]] | None, focus: str | None) -> list[str]:
    """The nodes an action applies to: the selected ones, else the focused one."""
    ids = [d["id"] for d in selected or [] if "source" not in d]
    return ids or ([focus] if focus else [])


def change(graph: Any, s: Any, viewer: Viewer, state: dict[str, Any], trigger: Any,
           given: dict[str, Any]) -> tuple[dict[str, Any] | None, Any, str | None]:
    """One action of the toolbar, the context menu or a double tap on the chart state:
    the new state (None: unchanged), the message, and the node to focus (if it moves)."""
    rel_types = given["rel_types"]
    if trigger == "explore-double-tap":
        node_id = (given["double"] or {}).get("id")
        if not node_id:
            return None, dash.no_update, None
        new, msg = expand_node(graph, s, viewer, state, node_id, rel_types)
        return new, info(msg), node_id
    if trigger == "explore-chart":  # the context menu
        menu = given["menu"] or {}
        item, node_id = menu.get("menuItemId"), menu.get("elementId")
        if not node_id:
            return None, dash.no_update, None
        if item == "expand":
            new, msg = expand_node(graph, s, viewer, state, node_id, rel_types)
        elif item in ("hide", "pin"):
            new = chart.toggle(state, "hidden" if item == "hide" else "pinned", [node_id])
            msg = f"{item}: {node_id}"
        else:
            new, msg = chart.remove_nodes(state, [node_id]), f"removed {node_id}"
        return new, info(msg), node_id
    if trigger == "explore-add":
        hit = given["hit"]
        if not hit:
            return None, error("Type in the search box and pick a result first."), None
        new, msg = add_node(graph, s, viewer, state, hit)
        return new, ok(msg), hit
    if trigger == "explore-undo":
        if not state.get("history"):
            return None, info("nothing to undo"), None
        return chart.undo(state), info("undone"), None
    selected = given["selected"]
    if trigger == "explore-path":
        picks = [d["id"] for d in selected or [] if "source" not in d]
        source, target = picks[:2] if len(picks) >= 2 else (given["path_from"],
                                                            given["path_to"])
        if not source or not target:
            return None, error("Pick two nodes: select them in the chart (shift-click) or "
                               "choose From and To."), None
        new, msg = shortest_path(graph, s, viewer, state, source, target)
        return new, info(msg), None
    targets = _targets(selected, given["focus"])
    if not targets:
        return None, error("Click a node first (or select several with shift-click or a box "
                           "drag)."), None
    if trigger == "explore-expand":
        new, total = state, []
        for node_id in targets:
            new, msg = expand_node(graph, s, viewer, new, node_id, rel_types)
            total.append(msg)
        return new, info("; ".join(total)), None
    if trigger == "explore-remove":
        return chart.remove_nodes(state, targets), info(f"removed {len(targets)} node(s)"), \
            None
    key = "hidden" if trigger == "explore-hide" else "pinned"
    return chart.toggle(state, key, targets), \
        info(f"{key} toggled for {len(targets)} node(s)"), None


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
        # the hits are the search's: the dropdown's own filtering (each typed word within the
        # option) would hide a hit for "velasquez" (Velásquez) or "(502) 4000-0901"
        # (+50240000901); it looks in each option's "search", here the typed text itself
        options = [{"label": f"{h['caption']} · {h['label']}", "value": h["id"],
                    "search": text} for h in hits]
        if value and value not in {o["value"] for o in options}:
            options.append({"label": value, "value": value})
        return options

    shown_outputs = (Output("explore-delta", "data", allow_duplicate=True),
                     Output("explore-counts", "children", allow_duplicate=True),
                     Output("explore-jurisdictions", "options", allow_duplicate=True),
                     Output("explore-path-from", "options", allow_duplicate=True),
                     Output("explore-path-to", "options", allow_duplicate=True))
    unchanged = (dash.no_update,) * len(shown_outputs)

    @app.callback(
        Output("explore-message", "children"),
        Output("explore-focus", "data", allow_duplicate=True), *shown_outputs,
        Input("explore-add", "n_clicks"), Input("explore-expand", "n_clicks"),
        Input("explore-hide", "n_clicks"), Input("explore-pin", "n_clicks"),
        Input("explore-remove", "n_clicks"), Input("explore-undo", "n_clicks"),
        Input("explore-path", "n_clicks"), Input("explore-chart", "contextMenuData"),
        Input("explore-double-tap", "data"),
        State("explore-search", "value"), State("explore-rel-types", "value"),
        State("explore-chart", "selectedNodeData"), State("explore-focus", "data"),
        State("explore-path-from", "value"), State("explore-path-to", "value"),
        State("explore-key", "data"), State("explore-shown", "data"),
        State("explore-collapse", "value"), *(State(i, "value") for i in FILTER_STATES),
        prevent_initial_call=True)
    def act(_a: int, _e: int, _h: int, _p: int, _r: int, _u: int, _path: int,
            menu: dict[str, Any] | None, double: dict[str, Any] | None, hit: str | None,
            rel_types: list[str] | None, selected: list[dict[str, Any]] | None,
            focus: str | None, path_from: str | None, path_to: str | None, key: str,
            base: int | None, collapse: list[str] | None, *filters: Any) -> tuple:
        """Every change of the chart goes through here, so undo sees them all; the state
        changes on the server and the browser gets back only what changed."""
        given = {"menu": menu, "double": double, "hit": hit, "rel_types": rel_types,
                 "selected": selected, "focus": focus, "path_from": path_from,
                 "path_to": path_to}
        try:
            open_chart = uictx.chart(key)
            with open_chart.lock, uictx.viewer() as (s, viewer):
                new, message, focus_to = change(graph, s, viewer, open_chart.state,
                                                ctx.triggered_id, given)
                if new is None:
                    return message, dash.no_update, *unchanged
                open_chart.state = new
                if ctx.triggered_id == "explore-remove":
                    focus_to = None
                shown = present(open_chart, _filter(*filters), "on" in (collapse or []), base)
        except CrosslinkError as exc:
            return error(exc), dash.no_update, *unchanged
        focused = focus_to if focus_to or ctx.triggered_id == "explore-remove" \
            else dash.no_update
        return message, focused, *shown

    @app.callback(
        *shown_outputs,
        Input("explore-date-from", "value"), Input("explore-date-to", "value"),
        Input("explore-labels", "value"), Input("explore-filter-rels", "value"),
        Input("explore-jurisdictions", "value"), Input("explore-reliability", "value"),
        Input("explore-filter-mode", "value"), Input("explore-collapse", "value"),
        Input("explore-resync", "data"),
        State("explore-key", "data"), State("explore-shown", "data"),
        prevent_initial_call=True)
    def refilter(date_from: str | None, date_to: str | None, labels: list[str] | None,
                 rels: list[str] | None, places: list[str] | None, reliability: str | None,
                 mode: str | None, collapse: list[str] | None, _resync: Any, key: str,
                 base: int | None) -> tuple:
        flt = _filter(date_from, date_to, labels, rels, places, reliability, mode)
        try:
            open_chart = uictx.chart(key)
            with open_chart.lock:
                return present(open_chart, flt, "on" in (collapse or []), base)
        except CrosslinkError as exc:
            set_props("explore-message", {"children": error(exc)})
            return unchanged

    app.clientside_callback(  # the delta becomes the chart's elements, in the browser
        ClientsideFunction("crosslink", "applyDelta"),
        Output("explore-chart", "elements"), Output("explore-shown", "data"),
        Output("explore-resync", "data"),
        Input("explore-delta", "data"), State("explore-chart", "elements"),
        State("explore-shown", "data"), State("explore-layout", "value"),
        State("explore-layouts", "data"), prevent_initial_call=True)

    app.clientside_callback(  # taps stay in the browser; only a double tap reaches the server
        f"""function(tap, last) {{
            return window.dash_clientside.crosslink.tap(tap, last, {DOUBLE_TAP_MS});
        }}""",
        Output("explore-focus", "data"), Output("explore-last-tap", "data"),
        Output("explore-double-tap", "data"), Input("explore-chart", "tapNode"),
        State("explore-last-tap", "data"), prevent_initial_call=True)

    app.clientside_callback(
        ClientsideFunction("crosslink", "layout"),
        Output("explore-chart", "layout"), Input("explore-layout", "value"),
        State("explore-layouts", "data"), prevent_initial_call=True)

    @app.callback(
        Output("explore-timeline", "figure"), Output("explore-map", "figure"),
        Input("explore-shown", "data"), Input("explore-chart", "selectedNodeData"),
        Input("explore-chart", "selectedEdgeData"), State("explore-key", "data"),
        prevent_initial_call=True)
    def figures(_rev: int, nodes: list[dict[str, Any]] | None,
                edges: list[dict[str, Any]] | None, key: str) -> tuple:
        chosen = [d["id"] for d in (nodes or []) + (edges or [])]
        try:
            elements = uictx.chart(key).state["elements"]
        except CrosslinkError:
            return dash.no_update, dash.no_update
        return timeline_figure(elements, chosen), map_figure(elements, chosen)

    app.clientside_callback(  # a click on the timeline or the map selects it in the chart
        ClientsideFunction("crosslink", "pick"),
        Output("explore-picked", "data"), Input("explore-timeline", "clickData"),
        Input("explore-map", "clickData"), prevent_initial_call=True)

    @app.callback(Output("explore-details", "children"), Input("explore-focus", "data"),
                  Input("explore-chart", "tapEdgeData"), State("explore-key", "data"),
                  prevent_initial_call=True)
    def details(focus: str | None, edge: dict[str, Any] | None, key: str) -> Any:
        try:
            if ctx.triggered_id == "explore-chart" and edge:
                return _edge_details(uictx.chart(key).state, edge)
            if not focus:
                return info("Click a node or edge.")
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
        ClientsideFunction("crosslink", "positions"),
        Output("explore-positions", "data"), Input("explore-save", "n_clicks"),
        prevent_initial_call=True)

    @app.callback(Output("explore-save-message", "children"),
                  Input("explore-positions", "data"),
                  State("explore-save-name", "value"), State("explore-save-description", "value"),
                  State("explore-key", "data"), State("explore-layout", "value"),
                  prevent_initial_call=True)
    def save(positions: dict[str, list[float]] | None, name: str | None,
             description: str | None, key: str, layout_name: str) -> Any:
        if not name or not name.strip():
            return error("Give the chart a name.")
        try:
            state = uictx.chart(key).state
            if not state["elements"]:
                return error("The chart is empty: add something first.")
            with uictx.viewer() as (s, viewer):
                saved = subgraphs.create(s, viewer, name=name.strip(),
                                         description=description or "",
                                         elements=chart.saved_elements(state, positions),
                                         layout={"name": layout_name})
        except CrosslinkError as exc:
            return error(exc)
        return ok(f"saved as {saved['name']!r} (#{saved['id']}); find it under Saved")


def _edge_details(state: dict[str, Any], edge: dict[str, Any]) -> html.Div:
    """A relationship's properties and provenance, from the chart kept on the server; a
    collapsed money edge says what it sums up."""
    found = chart.find(state, edge["id"])
    data = found["data"] if found else edge

    def caption(node_id: str) -> str:  # as the chart shows it (masked persons stay masked)
        node = chart.find(state, node_id)
        return str(node["data"].get("caption") or node_id) if node else node_id

    title = f"{data['type']}: {caption(data['source'])} → {caption(data['target'])}"
    ids = html.P(f"{data['source']} → {data['target']}", className="muted")
    if not found:
        return html.Div([html.H4(title), ids, html.P(data.get("caption", ""))])
    return html.Div([html.H4(title), ids, properties_table(data.get("properties") or {},
                                                           data.get("provenance") or {})])


PAGE = Page("/explore", "Explore", Permission.read_graph, page_layout, register)
