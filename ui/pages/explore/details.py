"""The details panel: a node's properties with their provenance, or a relationship's (from
the chart kept on the server)."""

from __future__ import annotations

from typing import Any

from dash import html

from ui.chart import elements as chart
from ui.chart.fold import folded_into, folded_link
from ui.components.tables import properties_table


def watch_button(watched: bool | None) -> list[Any]:
    """Watch the node (alerts when a new record touches or resolves to it); None: the node
    or the viewer cannot watch."""
    if watched is None:
        return []
    return [html.Div([html.Button("Stop watching" if watched else "Watch", n_clicks=0,
                                  id="explore-watch",
                                  title="Be alerted when a new record touches this or "
                                        "resolves to it (Notifications)"),
                      html.Span(id="explore-watch-message")], className="buttons")]


def node_details(node: dict[str, Any], state: dict[str, Any],
                 watched: bool | None = None) -> html.Div:
    """The node's properties, then what the chart folded into it (its own phones, accounts,
    transactions... that lead nowhere else on the chart)."""
    caption = "Protected person" if node.get("masked") else node["caption"]
    return html.Div([html.H4(f"{node['label']}: {caption}", id="details-title"),
                     html.P(node["id"], className="muted"),
                     *watch_button(watched),
                     properties_table(node["properties"], node["provenance"]),
                     *folded_section(state, folded_into(state, node["id"]))])


def folded_section(state: dict[str, Any], ids: list[str]) -> list[Any]:
    """Every element a folded link or node stands for, each with its properties and
    provenance (nodes open, relationships closed)."""
    def caption(node_id: str) -> str:  # as the chart shows it (masked persons stay masked)
        node = chart.find(state, node_id)
        return str(node["data"].get("caption") or node_id) if node else node_id

    stands_for = [e for e in (chart.find(state, i) for i in ids) if e]
    if not stands_for:
        return []
    parts: list[Any] = [html.P(f"Stands for {len(stands_for)} element(s); untick 'Fold into "
                               "links' to draw them.", className="muted")]
    for element in stands_for:
        d = element["data"]
        what = (f"{d['type']}: {caption(d['source'])} → {caption(d['target'])}"
                if "source" in d else f"{d['type']}: {d.get('caption', d['id'])}")
        parts.append(html.Details([html.Summary(what, className="folded-element"),
                                   properties_table(d.get("properties") or {},
                                                    d.get("provenance") or {})],
                                  open="source" not in d))
    return [html.Div(parts, id="folded-details")]


def edge_details(state: dict[str, Any], edge: dict[str, Any]) -> html.Div:
    """A relationship's properties and provenance, from the chart kept on the server; a link
    folded from transactions, a travel leg or a shared identifier lists every element it
    stands for, each with its properties and provenance."""
    found = chart.find(state, edge["id"])
    data = found["data"] if found else (folded_link(state, edge["id"]) or edge)

    def caption(node_id: str) -> str:  # as the chart shows it (masked persons stay masked)
        node = chart.find(state, node_id)
        return str(node["data"].get("caption") or node_id) if node else node_id

    title = f"{data['type']}: {caption(data['source'])} → {caption(data['target'])}"
    ids = html.P(f"{data['source']} → {data['target']}", className="muted")
    if found:
        return html.Div([html.H4(title), ids, properties_table(data.get("properties") or {},
                                                               data.get("provenance") or {})])
    return html.Div([html.H4(title), ids, html.P(data.get("caption", "")),
                     *folded_section(state, data.get("folded") or [])])
