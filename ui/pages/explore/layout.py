"""The Explore page's layout: toolbar, chart, details, filters, path and save panels, timeline
and map, and the layouts the chart can be drawn with."""

from __future__ import annotations

from typing import Any

import dash_cytoscape as cyto
from dash import dcc, html

from backend.auth.roles import Permission
from backend.auth.viewer import Viewer
from backend.errors import CrosslinkError
from graph.model import MODEL
from graph.paths import MAX_HOPS, MAX_K
from ui.chart import elements as chart
from ui.chart.delta import for_browser
from ui.chart.filters import RELIABILITY, ChartFilter, view
from ui.chart.geo import map_figure
from ui.chart.styling import BADGES, COLOUR_BY, SIZE_BY, colour_legend, style_of, styled
from ui.chart.timeline import timeline_figure
from ui.chart.window import chart_days, marks
from ui.components.legend import legend_panel
from ui.components.links import brief_href
from ui.components.messages import error, info
from ui.context import UiContext
from ui.pages.explore.data import initial_state
from ui.pages.explore.view import counts, node_options, places
from ui.styles.cytoscape import LANES, stylesheet
from ui.topojson import TOPOJSON_URL
from values.country import display_names

LAYOUTS = {"preset": "Saved positions", "cose-bilkent": "Force-directed (cose-bilkent)",
           "fcose": "Quick draft, for big charts (fcose)",
           LANES: "By country, in lanes", "dagre": "Hierarchy (dagre)",
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
    """Cytoscape layout options: never animated (a big chart would crawl); fitted. The lanes
    are placed in the browser (chart.js ``lanePositions``), drawn as preset positions."""
    spec: dict[str, Any] = {"name": "preset" if name == LANES else name, "animate": False,
                            "fit": True, "padding": 30}
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


def _toolbar(layout_name: str, viewer: Viewer, folded: bool = True) -> html.Div:
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
        dcc.Checklist(id="explore-collapse", options=[{
            "label": " Fold into links", "value": "on",
            "title": "Transactions, travel legs and identifiers shared by two nodes drawn as "
                     "links between their parties; click a link for what it stands for"}],
            value=["on"] if folded else []),
        html.Button("PNG", id="explore-png", n_clicks=0),
        html.Button("SVG", id="explore-svg", n_clicks=0),
        *_export_buttons(viewer),
        dcc.Download(id="explore-download"),
    ], className="toolbar")


def _export_buttons(viewer: Viewer) -> list[html.Button]:
    """CSV, FtM and PDF of what is drawn, for those who may export (the service checks it
    again); TLP:RED and AMBER+STRICT never go out, protected persons are pseudonymised."""
    may = viewer.may(Permission.export)
    rule = "; TLP:RED and AMBER+STRICT left out, protected persons pseudonymised" if may \
        else ": your role may not export"
    return [html.Button(label, id=f"explore-{fmt}", n_clicks=0, disabled=not may,
                        title=what + rule)
            for fmt, label, what in (
                ("csv", "CSV", "the drawn nodes and edges as nodes.csv and edges.csv (zip)"),
                ("ftm", "FtM", "the records drawn as FollowTheMoney entities (JSON lines)"),
                ("pdf", "PDF", "one page: the chart, its legend and the provenance of the "
                               "selected (else highlighted) elements"))]


def _search_filters() -> html.Details:
    """What the search box's hits are narrowed to, as the search API narrows them."""
    return html.Details([
        html.Summary("Search filters"),
        html.Div([
            dcc.Dropdown(id="explore-search-labels", multi=True, options=list(MODEL.nodes),
                         placeholder="Search labels: all"),
            dcc.Input(id="explore-search-places", type="text",
                      placeholder="Jurisdictions, e.g. GT MX"),
            dcc.Input(id="explore-search-sources", type="text",
                      placeholder="Sources, e.g. gt-pnc"),
            html.Label(["Dated from ", dcc.Input(id="explore-search-from",
                                                 type="date")]),  # type: ignore[arg-type]
            html.Label(["to ", dcc.Input(id="explore-search-to",
                                         type="date")]),  # type: ignore[arg-type]
        ], className="filters"),
    ], className="panel search-filters")


def _build() -> html.Details:
    """Combine and build: merge a saved chart or a network, add a pasted list, reveal the
    links among the drawn nodes, cross-reference the selected ones."""
    return html.Details([
        html.Summary("Build the chart"),
        html.Div(dcc.Dropdown(id="explore-merge", placeholder="A saved chart or a network...",
                              options=[]), id="explore-merge-box", n_clicks=0),
        html.Button("Merge into chart", id="explore-merge-button", n_clicks=0),
        dcc.Textarea(id="explore-paste", placeholder="Paste names, phones, IBANs, case "
                     "ids: one a line", style={"width": "100%", "height": "80px"}),
        html.Button("Add these", id="explore-paste-add", n_clicks=0),
        html.Button("Reveal links among these", id="explore-reveal", n_clicks=0,
                    title="The relationships among the nodes already on the chart"),
        html.Button("Cross-reference selected", id="explore-xref", n_clicks=0,
                    title="Records elsewhere that resolve to or share a phone, account, "
                          "document or address with the selected nodes"),
    ], id="explore-build", className="panel", open=False)


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


def _style(state: dict[str, Any]) -> html.Details:
    """The styling rules (saved with the chart) and the colours' legend."""
    style = style_of(state)
    return html.Details([
        html.Summary("Style"),
        html.Div([
            html.Label(["Size by ", dcc.Dropdown(
                id="explore-size-by", clearable=False, value=style["size"],
                options=[{"label": v, "value": k} for k, v in SIZE_BY.items()])]),
            html.Label(["Colour by ", dcc.Dropdown(
                id="explore-colour-by", clearable=False, value=style["colour"],
                options=[{"label": v, "value": k} for k, v in COLOUR_BY.items()])]),
            dcc.Checklist(id="explore-badges", value=style["badges"],
                          options=[{"label": f" {v}", "value": k} for k, v in BADGES.items()]),
            html.Div(style_legend(colour_legend(state["elements"], style["colour"])),
                     id="explore-style-legend"),
        ], className="filters"),
    ], className="panel")


def style_legend(rows: list[tuple[str, str]]) -> list[Any]:
    """Which colour is which value, under the colour rule."""
    return [html.Div([html.Span(className="swatch", style={"background": colour}),
                      html.Span(value)], className="swatch-row") for value, colour in rows]


def _path_and_save(options: list[dict[str, str]]) -> html.Div:
    return html.Div([
        html.Details([
            html.Summary("Paths"),
            dcc.Dropdown(id="explore-path-from", placeholder="From (or select two nodes)",
                         options=options),
            dcc.Dropdown(id="explore-path-to", placeholder="To", options=options),
            html.Label(["k ", dcc.Input(id="explore-path-k", type="number", min=1,
                                        max=MAX_K, step=1, placeholder="all shortest")],
                       title="The k shortest paths, of increasing length"),
            html.Label(["hops ", dcc.Input(id="explore-path-hops", type="number", min=1,
                                           max=MAX_HOPS, step=1, value=4)]),
            dcc.Dropdown(id="explore-path-no-labels", multi=True, options=list(MODEL.nodes),
                         placeholder="Labels to avoid"),
            dcc.Dropdown(id="explore-path-no-types", multi=True,
                         options=list(MODEL.relationships),
                         placeholder="Relationship types to avoid"),
            dcc.Dropdown(id="explore-path-no-nodes", multi=True, options=options,
                         placeholder="Nodes to avoid"),
            html.Button("Find paths", id="explore-path", n_clicks=0),
        ], className="panel", open=True),
        html.Details([
            html.Summary("Save chart"),
            dcc.Input(id="explore-save-name", placeholder="Name", type="text"),
            dcc.Textarea(id="explore-save-description", placeholder="Description"),
            html.Button("Save as subgraph", id="explore-save", n_clicks=0),
            html.Div(id="explore-save-message"),
        ], className="panel"),
    ])


PLAY_STEP_MS = 1200  # a play-through's pace: one step of the window a little over a second


def time_bar(days: list[int]) -> html.Div:
    """The time slider over the chart's dates (days since 1970, ``ui.chart.window``), the
    window it picks in words, and *Play* (a timer moving the window step by step)."""
    low, high = (days[0], days[-1]) if days else (0, 0)
    return html.Div([
        html.Button("Play", id="explore-play", n_clicks=0, disabled=not days,
                    title="Move the window from the earliest date to the latest, step by step"),
        html.Div(dcc.RangeSlider(id="explore-window", min=low, max=high, step=1,
                                 value=[low, high], marks=marks(days),
                                 allowCross=False, allow_direct_input=False,
                                 disabled=not days, updatemode="mouseup"),
                 className="window-slider"),
        html.Span(id="explore-window-label", className="window-label"),
        dcc.Store(id="explore-window-days", data=days),
        dcc.Interval(id="explore-play-timer", interval=PLAY_STEP_MS, disabled=True),
    ], className="time-bar", id="explore-time-bar")


def _brief_link(network_id: str | None, viewer: Viewer) -> html.Div:
    """With a network open, its joint-operation brief to download (for those who may
    export)."""
    if not network_id or not viewer.may(Permission.export):
        return html.Div(id="explore-brief-bar")
    return html.Div(html.A("Brief", href=brief_href(network_id), className="button",
                           id="explore-brief", download=f"brief-{network_id}.pdf",
                           title="the joint-operation brief of this network (PDF)"),
                    id="explore-brief-bar")


def page_layout(uictx: UiContext, viewer: Viewer, query: dict[str, str]) -> html.Div:
    state = chart.empty_state()
    opened = False
    with uictx.viewer() as (s, v):
        try:
            state, message = initial_state(uictx.graph, s, v, state, query,
                                           charts=uictx.charts, owner=uictx.session_owner())
            status: Any = info(message)
            opened = True
        except CrosslinkError as exc:
            status = error(exc)
    key, open_chart = uictx.charts.open(uictx.session_owner(), state)
    folded = query.get("fold") != "off"  # ?fold=off: the elements themselves, unfolded
    shown = for_browser(styled(view(state, ChartFilter(), folded=folded), state))
    rev = open_chart.remember(shown)
    layout_name = first_layout(state)
    options = node_options(shown)
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
        dcc.Store(id="explore-pdf-positions"),
        dcc.Store(id="explore-layouts", data={"specs": {k: layout_spec(k) for k in LAYOUTS},
                                              "relayoutBelow": BIG_CHART,
                                              "countries": display_names()}),
        _toolbar(layout_name, viewer, folded),
        _search_filters(),
        dcc.Loading(html.Div(status, id="explore-message"), type="dot"),
        _brief_link(query.get("network") if opened else None, viewer),
        html.Div(counts(shown), id="explore-counts", className="counts"),
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
            html.Aside([_build(), _filters(places(state)), _style(state),
                        _path_and_save(options)],
                       className="side"),
        ], className="explore-main"),
        time_bar(chart_days(state["elements"])),
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
