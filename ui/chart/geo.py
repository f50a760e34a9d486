"""The map beside the chart: the countries the chart touches, located places and travel
legs (plotly choropleth and scattergeo on the served world outline, no tiles)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import plotly.graph_objects as go
import pycountry

from graph.model import MODEL

BORDER = "border_crossing"
# who reported a fact is provenance, not where the network is
NOT_PLACED = {"Source"}


def places(elements: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {e["data"]["id"]: e["data"] for e in elements
            if e["data"].get("type") == "Location" and e["data"].get("lat") is not None}


def legs(elements: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Travel legs whose two ends are located: id, from, to and whether it crosses a border."""
    where = places(elements)
    ends: dict[str, dict[str, str]] = {}
    for e in elements:
        data = e["data"]
        if data.get("type") in ("FROM", "TO") and data["target"] in where:
            ends.setdefault(data["source"], {})[data["type"]] = data["target"]
    found = []
    for leg_id, pair in sorted(ends.items()):
        if "FROM" in pair and "TO" in pair:
            a, b = where[pair["FROM"]], where[pair["TO"]]
            a_country = (a.get("properties") or {}).get("country")
            b_country = (b.get("properties") or {}).get("country")
            found.append({"id": leg_id, "from": a, "to": b,
                          "crosses": bool(a_country and b_country and a_country != b_country)})
    return found


def countries(elements: list[dict[str, Any]]) -> dict[str, list[str]]:
    """ISO alpha-3 code -> ids of the chart's elements (nodes and relationships) that name
    that country (the model's ``country_of``)."""
    found: dict[str, set[str]] = defaultdict(set)
    for e in elements:
        data = e["data"]
        if data.get("type") in NOT_PLACED:
            continue
        code = MODEL.country_of(data.get("properties") or {})
        country = pycountry.countries.get(alpha_2=code) if code else None
        if country is not None:
            found[country.alpha_3].add(data["id"])
    return {code: sorted(ids) for code, ids in sorted(found.items())}


def _country_name(alpha_3: str) -> str:
    country = pycountry.countries.get(alpha_3=alpha_3)
    return f"{country.name} ({country.alpha_2})" if country else alpha_3


def map_figure(elements: list[dict[str, Any]], selected: list[str]) -> go.Figure:
    where = places(elements)
    chosen = set(selected)
    fig = go.Figure()
    touched = countries(elements)
    if touched:  # shaded by how many elements name the country; a click selects them
        fig.add_trace(go.Choropleth(
            locations=list(touched), locationmode="ISO-3",
            z=[len(ids) for ids in touched.values()], customdata=list(touched.values()),
            text=[f"{_country_name(c)}: {len(ids)} in the chart" for c, ids in touched.items()],
            hovertemplate="%{text}<extra></extra>", showscale=False,
            colorscale=[[0, "#fde9c9"], [1, "#e07a1f"]], zmin=0,
            marker={"line": {"color": "#999", "width": 0.5}}))
    for leg in legs(elements):
        fig.add_trace(go.Scattergeo(
            lon=[leg["from"]["lon"], leg["to"]["lon"]], lat=[leg["from"]["lat"], leg["to"]["lat"]],
            mode="lines", hoverinfo="skip", showlegend=False,
            line={"width": 4 if leg["id"] in chosen else 2,
                  "color": "#c1121f" if leg["crosses"] else "#457b9d",
                  "dash": "dash" if leg["crosses"] else "solid"}))
    points = list(where.values())
    if not points and not touched:  # an empty trace still draws the world (and says so)
        fig.add_trace(go.Scattergeo(lon=[], lat=[], mode="markers", showlegend=False))
        fig.add_annotation(text="No places or countries in the chart", showarrow=False,
                           xref="paper", yref="paper", x=0.5, y=0.05)
    elif points:
        fig.add_trace(go.Scattergeo(
            lon=[p["lon"] for p in points], lat=[p["lat"] for p in points], mode="markers",
            text=[p["caption"] for p in points], customdata=[p["id"] for p in points],
            hovertemplate="%{text}<extra></extra>", showlegend=False,
            marker={"size": [14 if p["id"] in chosen else 8 for p in points],
                    "symbol": ["x" if (p.get("properties") or {}).get("kind") == BORDER
                               else "circle" for p in points],
                    "color": ["#c1121f" if (p.get("properties") or {}).get("kind") == BORDER
                              else "#1d3557" for p in points]}))
    geo: dict[str, Any] = {"showcountries": True, "showland": True, "landcolor": "#eef0ea",
                           "countrycolor": "#999", "resolution": 110,
                           "projection": {"type": "natural earth"}}
    if points:
        lons = [p["lon"] for p in points]
        lats = [p["lat"] for p in points]
        geo["lonaxis"] = {"range": [min(lons) - 8, max(lons) + 8]}
        geo["lataxis"] = {"range": [min(lats) - 6, max(lats) + 6]}
    elif touched:
        geo["fitbounds"] = "locations"
    fig.update_layout(height=260, margin={"l": 0, "r": 0, "t": 0, "b": 0}, geo=geo,
                      clickmode="event+select")
    return fig
