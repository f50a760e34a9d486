"""Plotly figures of the statistics. Every clickable point carries in ``customdata`` the
address of the Cases page filtered to it (``cases_href``), so a click opens those cases."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import plotly.graph_objects as go
import pycountry

from graph.statistics.cypher import UNKNOWN

BAR = "#457b9d"
HEIGHT = 280


def cases_href(base: dict[str, str], **more: str) -> str:
    """The Cases page with the Overview's filters (``base``) and the clicked value."""
    return f"/cases?{urlencode({**base, **{k: v for k, v in more.items() if v}})}"


def _empty(fig: go.Figure, text: str) -> go.Figure:
    fig.add_annotation(text=text, showarrow=False, xref="paper", yref="paper", x=0.5, y=0.5)
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def _layout(fig: go.Figure, **extra: Any) -> go.Figure:
    fig.update_layout(height=HEIGHT, margin={"l": 10, "r": 10, "t": 10, "b": 10},
                      plot_bgcolor="#fff", paper_bgcolor="#fff", **extra)
    return fig


def bar_figure(rows: list[dict[str, Any]], filter_name: str | None, base: dict[str, str], *,
               horizontal: bool = False, label: str = "cases") -> go.Figure:
    """Bars of ``rows`` (key, count); a click opens the cases with ``filter_name`` = key
    (bars of unknown values open nothing)."""
    fig = go.Figure()
    if not rows:
        return _layout(_empty(fig, "Nothing to count that you may see"))
    keys = [str(r["key"]) for r in rows]
    counts = [r["count"] for r in rows]
    links = [cases_href(base, **{filter_name: k}) if filter_name and k != UNKNOWN else ""
             for k in keys]
    if horizontal:
        fig.add_trace(go.Bar(x=counts[::-1], y=keys[::-1], orientation="h",
                             customdata=links[::-1], marker_color=BAR,
                             hovertemplate=f"%{{y}}: %{{x}} {label}<extra></extra>"))
        fig.update_yaxes(automargin=True)
    else:
        fig.add_trace(go.Bar(x=keys, y=counts, customdata=links, marker_color=BAR,
                             hovertemplate=f"%{{x}}: %{{y}} {label}<extra></extra>"))
        fig.update_xaxes(type="category")
    return _layout(fig)


def _alpha3(code: str) -> str | None:
    found = pycountry.countries.get(alpha_2=code)
    return found.alpha_3 if found else None


def corridor_map(figures: dict[str, Any], base: dict[str, str]) -> go.Figure:
    """Countries shaded by their cases (a click opens them), and a line from origin to
    destination per corridor, as wide as its victims are many."""
    fig = go.Figure()
    points = figures.get("country_points", {})
    flows: dict[tuple[str, str], int] = {}
    for c in figures["corridors"]:
        if c["origin"] != c["destination"]:
            pair = (c["origin"], c["destination"])
            flows[pair] = flows.get(pair, 0) + c["victims"]
    jurisdictions = {r["key"]: r["count"] for r in figures["victims_by"]["exploitation_country"]}
    citizens = {r["key"]: r["count"] for r in figures["victims_by"]["citizenship"]}
    shaded = sorted(set(jurisdictions) | set(citizens) - {UNKNOWN})
    codes = [(c, a3) for c in shaded if (a3 := _alpha3(c))]
    if codes:
        fig.add_trace(go.Choropleth(
            locations=[a3 for _, a3 in codes], locationmode="ISO-3",
            z=[jurisdictions.get(c, 0) + citizens.get(c, 0) for c, _ in codes],
            text=[f"{c}: {citizens.get(c, 0)} victims are citizens, {jurisdictions.get(c, 0)} "
                  f"exploited there" for c, _ in codes],
            customdata=[cases_href(base, jurisdictions=c) for c, _ in codes],
            hovertemplate="%{text}<extra></extra>", showscale=False,
            colorscale=[[0, "#fde9c9"], [1, "#e07a1f"]], zmin=0,
            marker={"line": {"color": "#999", "width": 0.5}}))
    top = max(flows.values(), default=1)
    for (a, b), n in sorted(flows.items(), key=lambda kv: kv[1]):
        if a in points and b in points:
            fig.add_trace(go.Scattergeo(
                lon=[points[a]["lon"], points[b]["lon"]], lat=[points[a]["lat"], points[b]["lat"]],
                mode="lines", line={"width": 1 + 9 * n / top, "color": "#c1121f"},
                opacity=0.75, hoverinfo="text", text=f"{a} -> {b}: {n} victims",
                showlegend=False))
    if not codes and not flows:
        fig.add_trace(go.Scattergeo(lon=[], lat=[], mode="markers", showlegend=False))
        fig.add_annotation(text="No corridors that you may see", showarrow=False,
                           xref="paper", yref="paper", x=0.5, y=0.05)
    geo: dict[str, Any] = {"showcountries": True, "showland": True, "landcolor": "#eef0ea",
                           "countrycolor": "#999", "resolution": 110,
                           "projection": {"type": "natural earth"}}
    if codes:
        geo["fitbounds"] = "locations"
    fig.update_layout(height=360, margin={"l": 0, "r": 0, "t": 0, "b": 0}, geo=geo)
    return fig
