"""Networks: cross-border networks with score, jurisdictions, authorities, key actors,
indicators and the agencies working without a valid licence."""

from __future__ import annotations

from typing import Any

from dash import Dash, dcc, html

from backend.auth.roles import Permission
from backend.auth.viewer import Viewer
from backend.services import networks
from graph.networks.profile import actor_caption
from ui.components.links import brief_href, explore_href
from ui.components.messages import info
from ui.components.tables import cell
from ui.context import UiContext
from ui.pages import Page


def _actors(net: dict[str, Any]) -> str:
    return ", ".join(actor_caption(a) for a in net["key_actors"][:5])


def _authorities(net: dict[str, Any]) -> str:
    """"GT-PNC (GT), MX-STPS (MX)": who holds the cases, readable at a glance."""
    return ", ".join(f"{a['name'] or a['id']} ({a['country']})" if a["country"]
                     else a["name"] or a["id"] for a in net["authorities"])


def _indicators(net: dict[str, Any]) -> html.Ul:
    """One line per ILO indicator: how many of the network's cases record it; core ones bold."""
    items = []
    for ind in net["indicators"][:6]:
        text = f"{ind['indicator'].replace('_', ' ')}: {ind['cases']} case(s)"
        items.append(html.Li(html.B(text) if ind["core"] else text,
                             title="core ILO indicator" if ind["core"] else None))
    return html.Ul(items, className="plain nowrap")  # one line per indicator


def _score(net: dict[str, Any]) -> list[Any]:
    """The score and what it is made of (graph/networks/profile.py ``score``), largest first,
    so that the ranking can be checked."""
    parts = sorted(((v, k) for k, v in (net.get("score_parts") or {}).items() if v),
                   reverse=True)
    total = net["score"]
    return [html.B(f"{total:.2f}" if isinstance(total, float) else cell(total)),
            html.Ul([html.Li(f"{k.replace('_', ' ')}: +{round(v, 2):g}") for v, k in parts],
                    className="plain nowrap muted score-parts",
                    title="the points the score adds up")]


def _agencies(net: dict[str, Any]) -> html.Ul:
    """One line per agency without a valid licence where it works, with the reason."""
    return html.Ul([html.Li(f"{actor_caption(a)}: {a['reason']}")
                    for a in net["unlicensed_agencies"][:3]], className="plain")


def page_layout(uictx: UiContext, viewer: Viewer, query: dict[str, str]) -> html.Div:
    with uictx.viewer() as (s, v):
        found = networks.list_networks(uictx.graph, s, v)
    if not found:
        why = ("" if viewer.may(Permission.see_all_cases) else
               " A network is listed when you may see every case in it: your authority's "
               "cases, and those the authorities that reported them shared with a joint team "
               "you are in.")
        return html.Div([html.H2("Networks"),
                         info("No network links cases of two or more jurisdictions that you "
                              f"may see.{why}")], id="networks-none")
    rows = []
    for net in found:
        rows.append(html.Tr([
            html.Td(_score(net)),
            html.Td(cell(net["jurisdictions"])), html.Td(_authorities(net)),
            html.Td(len(net["cases"])), html.Td(_actors(net)), html.Td(_indicators(net)),
            html.Td(_agencies(net)),
            html.Td([dcc.Link("Open in chart", href=explore_href(network=net["id"]),
                              className="button", id=f"open-network-{net['id']}"),
                     html.A("Brief", href=brief_href(net["id"]), className="button",
                            id=f"brief-network-{net['id']}", download=f"brief-{net['id']}.pdf",
                            title="the joint-operation brief (PDF)")]
                    if viewer.may(Permission.export) else
                    dcc.Link("Open in chart", href=explore_href(network=net["id"]),
                             className="button", id=f"open-network-{net['id']}")),
        ], className="network-row"))
    head = ["score", "jurisdictions", "authorities", "cases", "key actors",
            "indicators (core in bold)", "agencies without a valid licence", ""]
    return html.Div([
        html.H2("Networks"),
        html.P(f"{len(found)} cross-border networks, highest score first. Opening one shows "
               "its cases and linking entities with the linking evidence highlighted; its "
               "Brief is the joint-operation brief to download (PDF).",
               className="muted"),
        html.Table([html.Thead(html.Tr([html.Th(h) for h in head])), html.Tbody(rows)],
                   className="data", id="networks-table"),
    ])


def register(app: Dash, uictx: UiContext) -> None:
    """No callbacks: the table links to Explore and to the brief's download."""


PAGE = Page("/networks", "Networks", Permission.read_graph, page_layout, register)
