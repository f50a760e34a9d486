"""Cases: a filterable table of the cases the user may see; open one in the chart."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from dash import Dash, Input, Output, dcc, html

from backend.auth.roles import Permission
from backend.auth.viewer import Viewer
from backend.errors import CrosslinkError
from backend.services import cases, teams
from graph.model import MODEL
from ui.components.links import explore_href
from ui.components.messages import error, info
from ui.components.tables import indicator_words, nowrap, table
from ui.context import UiContext
from ui.pages import Page

COLUMNS = ("uid", "title", "jurisdiction", "status", "sector", "opened_on",
           "exploitation_type", "indicators", "shared_with")
FORMATS = {"uid": nowrap, "opened_on": nowrap, "indicators": indicator_words}


def _countries(places: str | None) -> list[str]:
    return [p.strip() for p in (places or "").replace(";", ",").split(",") if p.strip()]


def download_links(places: str | None) -> tuple[str, str]:
    """The API's HTCDS sheet and CTDC file of the cases of the jurisdictions filter."""
    query = urlencode({"country": _countries(places)}, doseq=True)
    return (f"/api/export/htcds?{query}".rstrip("?"), f"/api/export/ctdc?{query}".rstrip("?"))


def _downloads(viewer: Viewer) -> html.Div:
    """The download buttons (there, hidden, for roles that may not export: the callback
    that keeps their links in step with the filter needs them)."""
    htcds, ctdc = download_links(None)
    return html.Div([
        html.A("Download HTCDS sheet", id="cases-htcds", href=htcds, className="button",
               title="The cases below (jurisdictions filter) as IOM's HTCDS 2.0 case sheet; "
               "protected victims unnamed; never TLP:RED"),
        html.A("Download CTDC file", id="cases-ctdc", href=ctdc, className="button",
               title="Their victims as a k-anonymised CTDC file: no names, ids or free text"),
    ], className="filters",  # the class's display would win over the hidden attribute
        style=None if viewer.may(Permission.export) else {"display": "none"})


# filters a link may set (the Overview page's bars) that have no control of their own
LINK_FILTERS = {"year": "opened in", "exploitation_type": "exploitation type",
                "citizenship": "a victim of nationality"}


def _link_filters(query: dict[str, str]) -> dict[str, str]:
    return {k: query[k] for k in LINK_FILTERS if query.get(k)}


def page_layout(uictx: UiContext, viewer: Viewer, query: dict[str, str]) -> html.Div:
    """Filters may come in the address (``/cases?sector=fishing&year=2021``): the Overview
    page's charts open the cases behind a bar that way."""
    more = _link_filters(query)
    indicators = [i for i in query.get("indicators", "").split(",")
                  if i in MODEL.enums["indicator"]]
    status = query.get("status") if query.get("status") in MODEL.enums["case_status"] else None
    return html.Div([
        html.H2("Cases"),
        _downloads(viewer),
        html.Div([
            dcc.Input(id="cases-jurisdiction", placeholder="Jurisdictions (GT, MX)", type="text",
                      debounce=True, value=query.get("jurisdictions")),
            dcc.Dropdown(id="cases-status", options=list(MODEL.enums["case_status"]),
                         placeholder="Status", value=status),
            dcc.Input(id="cases-sector", placeholder="Sector", type="text", debounce=True,
                      value=query.get("sector")),
            dcc.Dropdown(id="cases-indicators", options=list(MODEL.enums["indicator"]),
                         multi=True, placeholder="Indicators (all of)", value=indicators),
        ], className="filters"),
        html.P(["Also: " + "; ".join(f"{LINK_FILTERS[k]} {v}" for k, v in more.items()) + " ",
                dcc.Link("(all cases)", href="/cases")], id="cases-link-filters",
               className="muted") if more else "",
        dcc.Store(id="cases-more", data=more),
        dcc.Loading(html.Div(id="cases-table")),
    ])


def register(app: Dash, uictx: UiContext) -> None:
    @app.callback(Output("cases-table", "children"), Input("cases-jurisdiction", "value"),
                  Input("cases-status", "value"), Input("cases-sector", "value"),
                  Input("cases-indicators", "value"), Input("cases-more", "data"))
    def list_cases(places: str | None, status: str | None, sector: str | None,
                   indicators: list[str] | None, more: dict[str, str] | None) -> Any:
        wanted = _countries(places)
        more = more or {}
        year = more.get("year")
        try:
            with uictx.viewer() as (s, viewer):
                found = cases.list_cases(uictx.graph, s, viewer, jurisdictions=wanted,
                                         status=status, sector=sector or None,
                                         indicators=indicators,
                                         year=int(year) if year and year.isdigit() else None,
                                         exploitation_type=more.get("exploitation_type"),
                                         citizenship=more.get("citizenship"), limit=200)
                uids = [c["properties"].get("uid") or c["id"] for c in found["items"]]
                shared = teams.sharing_of(s, viewer, uids)  # with the viewer's joint teams
        except CrosslinkError as exc:
            return error(exc)
        if not found["items"]:
            return info("No case matches these filters.")
        rows = [c["properties"] | {"uid": uid, "shared_with": ", ".join(shared.get(uid, []))}
                for c, uid in zip(found["items"], uids, strict=True)]
        links = [dcc.Link("Open in chart", href=explore_href(case=r["uid"]), className="button")
                 for r in rows]
        narrow = info("More cases match: narrow the filters.") if found["has_more"] else ""
        return html.Div([html.P(f"{len(rows)} cases; core ILO indicators in bold"),
                         table(rows, COLUMNS, extra=links, table_id="cases-list",
                               formats=FORMATS), narrow])

    @app.callback(Output("cases-htcds", "href"), Output("cases-ctdc", "href"),
                  Input("cases-jurisdiction", "value"))
    def downloads(places: str | None) -> tuple[str, str]:
        return download_links(places)


PAGE = Page("/cases", "Cases", Permission.read_graph, page_layout, register)
