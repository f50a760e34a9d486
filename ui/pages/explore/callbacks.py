"""The Explore page's callbacks, thin: each reads what the browser sent, calls an action or a
service with the chart's lock and the viewer, and returns what changed. Taps, layouts and the
delta's application stay in the browser (``ui/assets``)."""

from __future__ import annotations

from typing import Any

import dash
from dash import ClientsideFunction, Dash, Input, Output, State, ctx, dcc, set_props

from backend.auth.roles import Permission
from backend.errors import CrosslinkError
from backend.services import alerts, entities, search, subgraphs
from backend.sharing.chart_export import Picture, export_chart
from ui.chart import elements as chart
from ui.chart.geo import map_figure
from ui.chart.styling import colour_legend, style_of, with_style
from ui.chart.timeline import timeline_figure
from ui.chart.window import (
    chart_days,
    date_of,
    fit_window,
    inside,
    marks,
    play_start,
    play_step,
    window_dates,
)
from ui.components.messages import error, info, ok
from ui.context import UiContext
from ui.pages.explore.actions import BUILD_STATES, change
from ui.pages.explore.data import merge_choices
from ui.pages.explore.details import edge_details, node_details
from ui.pages.explore.layout import DOUBLE_TAP_MS, style_legend
from ui.pages.explore.view import (
    FILTER_STATES,
    WINDOW_PROPS,
    chart_filter,
    drawn,
    present,
    search_filter,
)
from ui.styles.cytoscape import colours

SHOWN_OUTPUTS = (Output("explore-delta", "data", allow_duplicate=True),
                 Output("explore-counts", "children", allow_duplicate=True),
                 Output("explore-jurisdictions", "options", allow_duplicate=True),
                 Output("explore-path-from", "options", allow_duplicate=True),
                 Output("explore-path-to", "options", allow_duplicate=True),
                 Output("explore-path-no-nodes", "options", allow_duplicate=True))
UNCHANGED = (dash.no_update,) * len(SHOWN_OUTPUTS)


def register(app: Dash, uictx: UiContext) -> None:
    """Every callback of the page."""
    register_search(app, uictx)
    register_merge_options(app, uictx)
    register_changes(app, uictx)
    register_style(app, uictx)
    register_browser_side(app)
    register_figures(app, uictx)
    register_details(app, uictx)
    register_export_and_save(app, uictx)
    register_downloads(app, uictx)


def register_search(app: Dash, uictx: UiContext) -> None:
    """Type-ahead in the search box, from the search service."""
    graph = uictx.graph

    @app.callback(Output("explore-search", "options"), Input("explore-search", "search_value"),
                  State("explore-search", "value"), State("explore-search-labels", "value"),
                  State("explore-search-places", "value"),
                  State("explore-search-sources", "value"),
                  State("explore-search-from", "value"), State("explore-search-to", "value"),
                  prevent_initial_call=True)
    def suggest(text: str | None, value: str | None, labels: list[str] | None,
                places: str | None, sources: str | None, date_from: str | None,
                date_to: str | None) -> Any:
        if not text or len(text.strip()) < 2:
            return dash.no_update
        try:
            flt = search_filter(labels, places, sources, date_from, date_to)
        except ValueError as exc:
            set_props("explore-message", {"children": error(str(exc))})
            return dash.no_update
        try:
            with uictx.viewer() as (s, viewer):
                hits = search.search(graph, s, viewer, text, limit=15, **flt)["items"]
        except CrosslinkError as exc:
            if exc.field != "q":  # a filter the search refused (dates the wrong way round)
                set_props("explore-message", {"children": error(exc)})
            return dash.no_update  # half-typed text is not worth an error box
        # the hits are the search's: the dropdown's own filtering (each typed word within the
        # option) would hide a hit for "velasquez" (Velásquez) or "(502) 4000-0901"
        # (+50240000901); it looks in each option's "search", here the typed text itself
        options = [{"label": f"{h['caption']} · {h['label']}", "value": h["id"],
                    "search": text} for h in hits]
        if value and value not in {o["value"] for o in options}:
            options.append({"label": value, "value": value})
        return options


def register_merge_options(app: Dash, uictx: UiContext) -> None:
    """What can be merged into the chart: the user's saved charts and the networks, listed
    when the dropdown is clicked (networks are found on the server, not at page load)."""
    graph = uictx.graph

    @app.callback(Output("explore-merge", "options"), Input("explore-merge-box", "n_clicks"),
                  prevent_initial_call=True)
    def merge_options(_clicks: int) -> Any:
        try:
            with uictx.viewer() as (s, viewer):
                return merge_choices(graph, s, viewer)
        except CrosslinkError as exc:
            set_props("explore-message", {"children": error(exc)})
            return dash.no_update


def register_changes(app: Dash, uictx: UiContext) -> None:
    """Every change of the chart, and the filters' view of it."""
    graph = uictx.graph

    @app.callback(
        Output("explore-message", "children"),
        Output("explore-focus", "data", allow_duplicate=True), *SHOWN_OUTPUTS,
        Input("explore-add", "n_clicks"), Input("explore-expand", "n_clicks"),
        Input("explore-hide", "n_clicks"), Input("explore-pin", "n_clicks"),
        Input("explore-remove", "n_clicks"), Input("explore-undo", "n_clicks"),
        Input("explore-path", "n_clicks"), Input("explore-chart", "contextMenuData"),
        Input("explore-double-tap", "data"), Input("explore-merge-button", "n_clicks"),
        Input("explore-paste-add", "n_clicks"), Input("explore-reveal", "n_clicks"),
        Input("explore-xref", "n_clicks"),
        State("explore-search", "value"), State("explore-rel-types", "value"),
        State("explore-chart", "selectedNodeData"), State("explore-focus", "data"),
        State("explore-path-from", "value"), State("explore-path-to", "value"),
        *(State(i, "value") for i in BUILD_STATES),
        State("explore-key", "data"), State("explore-shown", "data"),
        State("explore-collapse", "value"), *(State(i, "value") for i in FILTER_STATES),
        *(State("explore-window", p) for p in WINDOW_PROPS),
        prevent_initial_call=True)
    def act(_a: int, _e: int, _h: int, _p: int, _r: int, _u: int, _path: int,
            menu: dict[str, Any] | None, double: dict[str, Any] | None, _m: int, _pa: int,
            _rv: int, _x: int, hit: str | None,
            rel_types: list[str] | None, selected: list[dict[str, Any]] | None,
            focus: str | None, path_from: str | None, path_to: str | None, *rest: Any) -> tuple:
        """Every change of the chart goes through here, so undo sees them all; the state
        changes on the server and the browser gets back only what changed."""
        build = dict(zip(BUILD_STATES, rest[:len(BUILD_STATES)], strict=True))
        key, base, collapse, *filters = rest[len(BUILD_STATES):]
        given = {"menu": menu, "double": double, "hit": hit, "rel_types": rel_types,
                 "selected": selected, "focus": focus, "path_from": path_from,
                 "path_to": path_to, **{k.removeprefix("explore-"): v for k, v in build.items()}}
        try:
            open_chart = uictx.chart(key)
            with open_chart.lock, uictx.viewer() as (s, viewer):
                new, message, focus_to = change(graph, s, viewer, open_chart.state,
                                                ctx.triggered_id, given)
                if new is None:
                    return message, dash.no_update, *UNCHANGED
                open_chart.state = new
                if ctx.triggered_id == "explore-remove":
                    focus_to = None
                shown = present(open_chart, chart_filter(*filters), "on" in (collapse or []), base)
        except CrosslinkError as exc:
            return error(exc), dash.no_update, *UNCHANGED
        focused = focus_to if focus_to or ctx.triggered_id == "explore-remove" \
            else dash.no_update
        return message, focused, *shown

    @app.callback(
        *SHOWN_OUTPUTS,
        Input("explore-date-from", "value"), Input("explore-date-to", "value"),
        Input("explore-labels", "value"), Input("explore-filter-rels", "value"),
        Input("explore-jurisdictions", "value"), Input("explore-reliability", "value"),
        Input("explore-filter-mode", "value"), Input("explore-collapse", "value"),
        Input("explore-resync", "data"), Input("explore-window", "value"),
        State("explore-window", "min"), State("explore-window", "max"),
        State("explore-key", "data"), State("explore-shown", "data"),
        prevent_initial_call=True)
    def refilter(date_from: str | None, date_to: str | None, labels: list[str] | None,
                 rels: list[str] | None, places: list[str] | None, reliability: str | None,
                 mode: str | None, collapse: list[str] | None, _resync: Any,
                 window: list[float] | None, low: float | None, high: float | None, key: str,
                 base: int | None) -> tuple:
        """The filters' and the time window's view of the chart: a step of the window (the
        slider moved, or *Play*) sends the browser only what it shows or hides anew."""
        flt = chart_filter(date_from, date_to, labels, rels, places, reliability, mode,
                           window, low, high)
        try:
            open_chart = uictx.chart(key)
            with open_chart.lock:
                return present(open_chart, flt, "on" in (collapse or []), base)
        except CrosslinkError as exc:
            set_props("explore-message", {"children": error(exc)})
            return UNCHANGED


def register_style(app: Dash, uictx: UiContext) -> None:
    """The styling rules: the chart drawn again with them (kept in its state, so saved with
    it); the viewer's watch list and open alerts read for their badges."""

    @app.callback(
        *SHOWN_OUTPUTS,
        Input("explore-size-by", "value"), Input("explore-colour-by", "value"),
        Input("explore-badges", "value"), State("explore-key", "data"),
        State("explore-shown", "data"), State("explore-collapse", "value"),
        *(State(i, "value") for i in FILTER_STATES),
        *(State("explore-window", p) for p in WINDOW_PROPS),
        prevent_initial_call=True)
    def restyle(size: str | None, colour: str | None, badges: list[str] | None, key: str,
                base: int | None, collapse: list[str] | None, *filters: Any) -> tuple:
        try:
            open_chart = uictx.chart(key)
            with open_chart.lock, uictx.viewer() as (s, viewer):
                wanted = {"watched", "alert"} & set(badges or [])
                marks = alerts.marked_node_ids(s, viewer) if wanted else {}
                open_chart.state = with_style(open_chart.state, size, colour, badges, marks)
                return present(open_chart, chart_filter(*filters), "on" in (collapse or []),
                               base)
        except CrosslinkError as exc:
            set_props("explore-message", {"children": error(exc)})
            return UNCHANGED

    @app.callback(Output("explore-style-legend", "children"), Input("explore-shown", "data"),
                  State("explore-key", "data"), prevent_initial_call=True)
    def legend(_rev: int, key: str) -> Any:
        try:
            state = uictx.chart(key).state
        except CrosslinkError:
            return dash.no_update
        return style_legend(colour_legend(state["elements"], style_of(state)["colour"]))


def register_browser_side(app: Dash) -> None:
    """What stays in the browser: applying deltas, taps, layouts, picks on the figures."""
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

    app.clientside_callback(  # a layout chosen; the lane layout draws its lanes too
        ClientsideFunction("crosslink", "layout"),
        Output("explore-chart", "elements", allow_duplicate=True),
        Output("explore-chart", "layout"), Input("explore-layout", "value"),
        State("explore-chart", "elements"), State("explore-layouts", "data"),
        prevent_initial_call=True)

    app.clientside_callback(  # the window in words, at once, from the slider's day numbers
        ClientsideFunction("crosslink", "windowLabel"),
        Output("explore-window-label", "children"), Input("explore-window", "value"),
        Input("explore-window", "min"), Input("explore-window", "max"))

    app.clientside_callback(  # a click on the timeline or the map selects it in the chart
        ClientsideFunction("crosslink", "pick"),
        Output("explore-picked", "data"), Input("explore-timeline", "clickData"),
        Input("explore-map", "clickData"), prevent_initial_call=True)


def register_figures(app: Dash, uictx: UiContext) -> None:
    """The timeline and the map of what the time window shows, the selection highlighted;
    the time slider's span follows the chart's dates; *Play* moves the window."""
    nu = dash.no_update

    @app.callback(
        Output("explore-timeline", "figure"), Output("explore-map", "figure"),
        Output("explore-window", "min"), Output("explore-window", "max"),
        Output("explore-window", "marks"),
        Output("explore-window", "value", allow_duplicate=True),
        Output("explore-window", "disabled"), Output("explore-play", "disabled"),
        Output("explore-window-days", "data"),
        Input("explore-shown", "data"), Input("explore-chart", "selectedNodeData"),
        Input("explore-chart", "selectedEdgeData"), State("explore-key", "data"),
        *(State("explore-window", p) for p in WINDOW_PROPS),
        State("explore-window-days", "data"), prevent_initial_call=True)
    def figures(_rev: int, nodes: list[dict[str, Any]] | None,
                edges: list[dict[str, Any]] | None, key: str, window: list[float] | None,
                low: float | None, high: float | None, known: list[int] | None) -> tuple:
        chosen = [d["id"] for d in (nodes or []) + (edges or [])]
        try:
            elements = uictx.chart(key).state["elements"]
        except CrosslinkError:
            return (nu,) * 9
        days = chart_days(elements)
        slider: tuple = (nu,) * 7
        if days != (known or []):  # the chart's dates changed: the slider spans them
            value = fit_window(window, (low, high) if low is not None and high is not None
                               else None, days)
            slider = (days[0] if days else 0, days[-1] if days else 0, marks(days),
                      value or [0, 0], not days, not days, days)
            window = list(value) if value else None
            low, high = slider[0], slider[1]
        dates = window_dates(window, low, high)
        shown = inside(elements, dates)
        span = (date_of(days[0]), date_of(days[-1])) if days else None
        return (timeline_figure(shown, chosen, dates, span), map_figure(shown, chosen),
                *slider)

    @app.callback(
        Output("explore-window", "value", allow_duplicate=True),
        Output("explore-play-timer", "disabled"), Output("explore-play", "children"),
        Input("explore-play", "n_clicks"), Input("explore-play-timer", "n_intervals"),
        State("explore-window", "value"), State("explore-window-days", "data"),
        State("explore-play-timer", "disabled"), State("explore-play", "children"),
        prevent_initial_call=True)
    def play(_clicks: int, _ticks: int, window: list[float] | None, days: list[int] | None,
             stopped: bool, label: str | None) -> tuple:
        """*Play* starts the window at the earliest date, *Pause* stops it where it is and
        *Resume* goes on from there; each tick of the timer moves it a step, until it ends
        on the latest date."""
        days = days or []
        if ctx.triggered_id == "explore-play":
            if not stopped:
                return nu, True, "Resume"
            if label == "Resume" and window and play_step(window, days) is not None:
                return nu, False, "Pause"
            start = play_start(window, days)
            return (start, False, "Pause") if start else (nu, True, "Play")
        if stopped or not window:
            return nu, nu, nu
        step = play_step(window, days)
        if step is None:
            return nu, True, "Play"
        return step, nu, nu


def register_details(app: Dash, uictx: UiContext) -> None:
    """The details panel of the focused node or the tapped edge."""
    graph = uictx.graph

    @app.callback(Output("explore-details", "children"), Input("explore-focus", "data"),
                  Input("explore-chart", "tapEdgeData"), State("explore-key", "data"),
                  prevent_initial_call=True)
    def details(focus: str | None, edge: dict[str, Any] | None, key: str) -> Any:
        try:
            if ctx.triggered_id == "explore-chart" and edge:
                return edge_details(uictx.chart(key).state, edge)
            if not focus:
                return info("Click a node or edge.")
            with uictx.viewer() as (s, viewer):
                node = entities.entity(graph, s, viewer, focus)
                watched = _watched(s, viewer, focus)
            return node_details(node, uictx.chart(key).state, watched)
        except CrosslinkError as exc:
            return error(exc)

    @app.callback(Output("explore-watch", "children"),
                  Output("explore-watch-message", "children"),
                  Input("explore-watch", "n_clicks"), State("explore-focus", "data"),
                  prevent_initial_call=True)
    def toggle_watch(clicks: int | None, focus: str | None) -> tuple[Any, Any]:
        if not clicks or not focus:
            return dash.no_update, dash.no_update
        label, _, key = focus.partition(":")
        try:
            with uictx.viewer() as (s, viewer):
                if alerts.is_watched(s, viewer, label, key):
                    alerts.unwatch(s, viewer, label, key)
                    return "Watch", ok(f"no longer watching {key}")
                alerts.watch(graph, s, viewer, label, key)
                return "Stop watching", ok(f"watching {key}: alerts go to Notifications")
        except CrosslinkError as exc:
            return dash.no_update, error(exc)


def _watched(s: Any, viewer: Any, node_id: str) -> bool | None:
    """Whether the viewer watches the node; None when it cannot be watched (its label) or the
    viewer receives no alerts."""
    label, _, key = node_id.partition(":")
    if label not in alerts.WATCHABLE or viewer.system or not viewer.may(Permission.alerts):
        return None
    return alerts.is_watched(s, viewer, label, key)


def register_export_and_save(app: Dash, uictx: UiContext) -> None:
    """PNG/SVG export and saving the chart as a subgraph."""

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


def register_downloads(app: Dash, uictx: UiContext) -> None:
    """CSV, FtM and PDF of what is drawn, made by the chart export service (which applies
    the export rules and audits it)."""
    app.clientside_callback(  # the nodes' places on screen, for the PDF's picture
        ClientsideFunction("crosslink", "positions"),
        Output("explore-pdf-positions", "data"), Input("explore-pdf", "n_clicks"),
        prevent_initial_call=True)

    @app.callback(Output("explore-download", "data"), Input("explore-csv", "n_clicks"),
                  Input("explore-ftm", "n_clicks"), Input("explore-pdf-positions", "data"),
                  State("explore-key", "data"), State("explore-collapse", "value"),
                  State("explore-chart", "selectedNodeData"),
                  State("explore-chart", "selectedEdgeData"),
                  *(State(i, "value") for i in FILTER_STATES), prevent_initial_call=True)
    def download(_csv: int, _ftm: int, positions: dict[str, list[float]] | None, key: str,
                 collapse: list[str] | None, nodes: list[dict[str, Any]] | None,
                 edges: list[dict[str, Any]] | None, *filters: Any) -> Any:
        fmt = {"explore-csv": "csv", "explore-ftm": "ftm"}.get(str(ctx.triggered_id), "pdf")
        chosen = [d["id"] for d in (nodes or []) + (edges or [])]
        picture = Picture({k: (v[0], v[1]) for k, v in (positions or {}).items()}, colours())
        try:
            open_chart = uictx.chart(key)
            with open_chart.lock:
                records = open_chart.state["elements"]
                shown = drawn(open_chart.state, chart_filter(*filters), "on" in (collapse or []))
            with uictx.viewer() as (s, viewer):
                made = export_chart(s, viewer, records, shown, fmt, chosen=chosen,
                                    picture=picture)
        except CrosslinkError as exc:
            set_props("explore-message", {"children": error(exc)})
            return dash.no_update
        summary = made.summary
        set_props("explore-message", {"children": ok(
            f"exported {made.filename}: {summary['nodes']} nodes, {summary['relationships']} "
            f"edges; {summary['red_dropped'] + summary['strict_dropped']} TLP:RED or "
            f"AMBER+STRICT element(s) left out, {summary['pseudonymised']} protected "
            "person(s) pseudonymised")})
        return dcc.send_bytes(made.content, made.filename)
