"""The timeline under the chart: dated facts of the chart's elements (plotly)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import plotly.graph_objects as go

from ui.styles.cytoscape import MONEY_EDGE, label_styles


def dated(elements: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """(id, date, kind, caption) of every element with a date, oldest first."""
    rows = [{"id": e["data"]["id"], "date": e["data"]["date"], "kind": e["data"]["type"],
             "caption": e["data"].get("caption", "")}
            for e in elements if e["data"].get("date") and e["data"].get("type") != MONEY_EDGE]
    return sorted(rows, key=lambda r: (r["date"], r["id"]))


def timeline_figure(elements: list[dict[str, Any]], selected: list[str],
                    window: tuple[str, str] | None = None,
                    span: tuple[str, str] | None = None) -> go.Figure:
    """One marker row per kind of fact; selected elements drawn larger with a black ring.
    With the time slider's ``window``, the elements are those inside it, the window is shaded
    and the axis spans the whole chart (``span``: its first and last date), so the window is
    seen moving along it."""
    rows = dated(elements)
    styles = label_styles()
    chosen = set(selected)
    fig = go.Figure()
    kinds = sorted({r["kind"] for r in rows})
    for kind in kinds:
        these = [r for r in rows if r["kind"] == kind]
        colour = styles[kind].colour if kind in styles else "#777"
        fig.add_trace(go.Scatter(
            x=[r["date"] for r in these], y=[kind] * len(these), mode="markers", name=kind,
            customdata=[r["id"] for r in these], text=[r["caption"] for r in these],
            hovertemplate="%{x}<br>%{text}<extra>%{y}</extra>",
            marker={"color": colour, "size": [16 if r["id"] in chosen else 9 for r in these],
                    "line": {"width": [3 if r["id"] in chosen else 0 for r in these],
                             "color": "#000"}}))
    ends = span if window and span else (
        (rows[0]["date"], rows[-1]["date"]) if rows else None)
    xaxis: dict[str, Any] = {"type": "date", "visible": bool(ends)}
    if ends:  # a month either side, so one date does not zoom into milliseconds
        first = dt.date.fromisoformat(ends[0][:10]) - dt.timedelta(days=30)
        last = dt.date.fromisoformat(ends[1][:10]) + dt.timedelta(days=30)
        xaxis["range"] = [first.isoformat(), last.isoformat()]
    if window:  # the window of the time slider, shaded (its last day included)
        until = dt.date.fromisoformat(window[1]) + dt.timedelta(days=1)
        fig.add_vrect(x0=window[0], x1=until.isoformat(), fillcolor="#457b9d", opacity=0.12,
                      line_width=0, layer="below")
    fig.update_layout(height=170, margin={"l": 110, "r": 10, "t": 10, "b": 30},
                      showlegend=False, clickmode="event+select", plot_bgcolor="#fafafa",
                      xaxis=xaxis,
                      yaxis={"visible": bool(rows)},
                      annotations=[] if rows else [{"text": "No dated facts in the window"
                                                    if window else
                                                    "No dated facts in the chart",
                                                    "showarrow": False, "xref": "paper",
                                                    "yref": "paper", "x": 0.5, "y": 0.5}])
    return fig
