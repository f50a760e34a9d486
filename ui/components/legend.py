"""The link chart's legend, from the same mapping as the stylesheet."""

from __future__ import annotations

from dash import html

from ui.styles.cytoscape import legend

# CSS clip-paths approximating the cytoscape shapes, so the legend shows shape and colour.
_CLIP = {
    "ellipse": "circle(50%)", "triangle": "polygon(50% 0, 100% 100%, 0 100%)",
    "diamond": "polygon(50% 0, 100% 50%, 50% 100%, 0 50%)",
    "hexagon": "polygon(25% 0, 75% 0, 100% 50%, 75% 100%, 25% 100%, 0 50%)",
    "pentagon": "polygon(50% 0, 100% 38%, 81% 100%, 19% 100%, 0 38%)",
    "octagon": "polygon(30% 0, 70% 0, 100% 30%, 100% 70%, 70% 100%, 30% 100%, 0 70%, 0 30%)",
    "star": "polygon(50% 0, 61% 35%, 98% 35%, 68% 57%, 79% 91%, 50% 70%, 21% 91%, 32% 57%, "
            "2% 35%, 39% 35%)",
    "vee": "polygon(0 0, 50% 40%, 100% 0, 50% 100%)",
    "rhomboid": "polygon(25% 0, 100% 0, 75% 100%, 0 100%)",
    "round-triangle": "polygon(50% 0, 100% 100%, 0 100%)",
}


def legend_panel() -> html.Div:
    items = []
    for row in legend():
        swatch = html.Span(className="swatch", style={
            "backgroundColor": row["colour"], "clipPath": _CLIP.get(row["shape"], "none"),
            "borderRadius": "4px" if row["shape"].startswith("round") else "0"})
        items.append(html.Li([swatch, row["label"]], title=row["shape"]))
    return html.Div([html.H4("Legend"), html.Ul(items, className="legend")], id="legend")
