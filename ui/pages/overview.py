"""Overview: the landing page. The statistics of the cases the user may see as charts (cases
over time, indicators, sectors, a map of corridors, victims by citizenship), filterable; a
click on a bar or a country opens the matching cases; a country's situation report."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlencode

from dash import Dash, Input, Output, dcc, html

from backend.auth.roles import Permission
from backend.auth.viewer import Viewer
from backend.errors import CrosslinkError
from backend.services import statistics
from ui.components.messages import error, info
from ui.context import UiContext
from ui.pages import Page
from ui.statistics.figures import bar_figure, corridor_map
from ui.topojson import TOPOJSON_URL

GRAPH_CONFIG: dcc.Graph.Config = {"displaylogo": False, "topojsonURL": TOPOJSON_URL}
CHARTS = ("overview-years", "overview-indicators", "overview-sectors", "overview-map",
          "overview-citizenship")


def _chart(title: str, chart_id: str) -> html.Div:
    return html.Div([html.H4(title), dcc.Graph(id=chart_id, config=GRAPH_CONFIG)],
                    className="card overview-chart")


def page_layout(uictx: UiContext, viewer: Viewer, query: dict[str, str]) -> html.Div:
    return html.Div([
        html.H2("Overview"),
        html.Div([
            dcc.Input(id="overview-countries", placeholder="Jurisdictions (GT, MX)",
                      type="text", debounce=True, value=query.get("countries")),
            dcc.Input(id="overview-since", placeholder="Opened since (YYYY-MM-DD)", type="text",
                      debounce=True, value=query.get("since")),
            dcc.Input(id="overview-until", placeholder="Opened until (YYYY-MM-DD)", type="text",
                      debounce=True, value=query.get("until")),
            dcc.Input(id="overview-sector", placeholder="Sector", type="text", debounce=True,
                      value=query.get("sector")),
            dcc.Input(id="overview-source-kind", placeholder="Source kind (police, ngo)",
                      type="text", debounce=True, value=query.get("source_kind")),
        ], className="filters"),
        dcc.Loading(html.Div(id="overview-summary")),
        html.Div([
            _chart("Cases over time (click a year)", "overview-years"),
            _chart("Indicators", "overview-indicators"),
            _chart("Sectors", "overview-sectors"),
            _chart("Victims by citizenship", "overview-citizenship"),
        ], className="overview-grid"),
        _chart("Corridors: origin to destination, by victims (click a country)", "overview-map"),
        html.Div([
            html.H4("Situation report"),
            dcc.Input(id="overview-report-country", placeholder="Country (GT)", type="text",
                      debounce=False, maxLength=2),
            html.A("Situation report (PDF)", id="overview-report-pdf", className="button",
                   href="", target="_blank"),
            html.A("HTML", id="overview-report-html", className="button", href="",
                   target="_blank"),
            html.Span(id="overview-report-note", className="muted"),
        ], className="card toolbar"),
    ])


def _base(countries: str | None, since: str | None, until: str | None, sector: str | None,
          source_kind: str | None) -> dict[str, str]:
    """The Overview's filters as the Cases page reads them (it has no period or source
    kind: those narrow the charts only)."""
    base = {"jurisdictions": (countries or "").replace(" ", ""), "sector": sector or ""}
    return {k: v for k, v in base.items() if v}


def register(app: Dash, uictx: UiContext) -> None:
    @app.callback(Output("overview-summary", "children"),
                  *(Output(c, "figure") for c in CHARTS),
                  Input("overview-countries", "value"), Input("overview-since", "value"),
                  Input("overview-until", "value"), Input("overview-sector", "value"),
                  Input("overview-source-kind", "value"))
    def draw(countries: str | None, since: str | None, until: str | None,
             sector: str | None, source_kind: str | None) -> tuple[Any, ...]:
        base = _base(countries, since, until, sector, source_kind)
        try:
            flt = statistics.make_filter(countries=[countries] if countries else None,
                                         since=since, until=until, sector=sector,
                                         source_kind=source_kind)
            with uictx.viewer() as (s, viewer):
                figures = statistics.statistics(uictx.graph, s, viewer, flt,
                                                timeout=uictx.settings.api_timeout)
        except CrosslinkError as exc:
            empty = bar_figure([], None, base)
            return (error(exc), empty, empty, empty, corridor_map(
                {"corridors": [], "victims_by": {"exploitation_country": [],
                                                 "citizenship": []}}, base), empty)
        cases, victims, nets = figures["cases"], figures["victims"], figures["networks"]
        summary: list[Any] = [html.Span(f"{cases['shown']} cases, {victims['shown']} victims, "
                             f"{nets['shown']} cross-border networks, "
                             f"{len(figures['corridors'])} corridors", id="overview-counts")]
        if cases["left_out"] or victims["left_out"] or nets["left_out"]:
            summary.append(info(f"Left out because you may not see them: {cases['left_out']} "
                                f"cases, {victims['left_out']} victims, {nets['left_out']} "
                                "networks."))
        by_case, by_victim = figures["cases_by"], figures["victims_by"]
        return (html.Div(summary, className="counts"),
                bar_figure(by_case["year"], "year", base),
                bar_figure(by_case["indicator"], "indicators", base, horizontal=True),
                bar_figure(by_case["sector"], "sector", base),
                corridor_map(figures, base),
                bar_figure(by_victim["citizenship"], "citizenship", base, label="victims"))

    for chart in CHARTS:  # a click on a bar or a country opens its cases
        app.clientside_callback(
            """function(click) {
                const p = click && click.points && click.points[0];
                if (p && p.customdata) { return p.customdata; }
                return window.dash_clientside.no_update;
            }""",
            Output("go", "href", allow_duplicate=True), Input(chart, "clickData"),
            prevent_initial_call=True)

    @app.callback(Output("overview-report-pdf", "href"), Output("overview-report-html", "href"),
                  Output("overview-report-note", "children"),
                  Input("overview-report-country", "value"), Input("overview-since", "value"))
    def report_links(country: str | None, since: str | None) -> tuple[str, str, str]:
        code = (country or "").strip().upper()
        if len(code) != 2:
            return "", "", "Type a country code (GT) for its situation report."
        query = {"since": since} if since else {}
        href = f"/api/statistics/situation/{quote(code)}"
        return (f"{href}?{urlencode({**query, 'format': 'pdf'})}",
                f"{href}?{urlencode({**query, 'format': 'html'})}",
                "What you may see; the report says how much it left out.")


PAGE = Page("/overview", "Overview", Permission.read_graph, page_layout, register)
