"""The Explore chart as a one-page PDF (ReportLab, as the other reports): the picture drawn
again from the exported elements at their places on screen (so that it shows only what may
leave), the legend of what it shows, and the provenance of the selected or highlighted
elements; the TLP at the top and foot of the page."""

from __future__ import annotations

import math
from typing import Any

from reportlab.graphics.shapes import Circle, Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, KeepInFrame

from backend.reports.blocks import Section, pdf_document, pdf_paragraph, pdf_section

WIDTH, HEIGHT, MARGIN = 17 * cm, 10 * cm, 18
EDGE = colors.HexColor("#99aaaa")
HIGHLIGHT = colors.HexColor("#ffb703")
CAPTION = 28  # characters of a node's caption drawn
PROVENANCE_COLUMNS = ["element", "type", "source", "batch", "ingested_at", "grading", "TLP"]


def _places(nodes: list[dict[str, Any]]) -> dict[str, tuple[float, float]]:
    """Each node's place in the drawing: its place on screen (cytoscape's y grows downwards)
    scaled into the drawing; nodes without one on a circle."""
    placed = {n["id"]: tuple(n["position"]) for n in nodes if n.get("position")}
    missing = [n["id"] for n in nodes if n["id"] not in placed]
    for i, node_id in enumerate(missing):
        angle = 2 * math.pi * i / max(len(missing), 1)
        placed[node_id] = (500 + 400 * math.cos(angle), 500 + 400 * math.sin(angle))
    if not placed:
        return {}
    xs = [p[0] for p in placed.values()]
    ys = [p[1] for p in placed.values()]
    span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    scale = min((WIDTH - 2 * MARGIN) / span_x, (HEIGHT - 2 * MARGIN) / span_y)
    off_x = (WIDTH - scale * span_x) / 2
    off_y = (HEIGHT - scale * span_y) / 2
    return {i: (off_x + (x - min(xs)) * scale, HEIGHT - off_y - (y - min(ys)) * scale)
            for i, (x, y) in placed.items()}


def chart_drawing(picture: dict[str, Any]) -> Drawing:
    drawing = Drawing(WIDTH, HEIGHT)
    drawing.add(Rect(0, 0, WIDTH, HEIGHT, fillColor=None, strokeColor=colors.lightgrey))
    at = _places(picture["nodes"])
    palette = picture["colours"]
    for e in picture["edges"]:
        if e["source"] in at and e["target"] in at:
            (x1, y1), (x2, y2) = at[e["source"]], at[e["target"]]
            colour = colors.HexColor(palette[e["type"]]) if e["type"] in palette else EDGE
            drawing.add(Line(x1, y1, x2, y2, strokeColor=colour, strokeWidth=0.8))
    radius = 5 if len(picture["nodes"]) < 80 else 3
    for n in picture["nodes"]:
        x, y = at[n["id"]]
        fill = colors.HexColor(palette.get(n["type"], "#999999"))
        drawing.add(Circle(x, y, radius, fillColor=fill,
                           strokeColor=HIGHLIGHT if n["highlighted"] else colors.white,
                           strokeWidth=2 if n["highlighted"] else 0.5))
        caption = n["caption"] if len(n["caption"]) <= CAPTION \
            else n["caption"][:CAPTION - 1] + "…"
        drawing.add(String(x + radius + 2, y - 2, caption, fontSize=5))
    return drawing


def legend_drawing(legend: list[tuple[str, str]]) -> Drawing:
    """The swatch and name of each node label and link type drawn, four to a row."""
    per_row, step = 4, WIDTH / 4
    rows = max(1, math.ceil(len(legend) / per_row))
    drawing = Drawing(WIDTH, 12 * rows + 4)
    for i, (name, colour) in enumerate(legend):
        x, y = (i % per_row) * step, 12 * (rows - 1 - i // per_row) + 4
        drawing.add(Rect(x, y, 8, 8, fillColor=colors.HexColor(colour),
                         strokeColor=colors.white))
        drawing.add(String(x + 12, y + 1, name, fontSize=7))
    return drawing


def chart_pdf(picture: dict[str, Any]) -> bytes:
    story: list[Flowable] = [pdf_paragraph(picture["title"], "Title")]
    story += [pdf_paragraph(n, "Italic") for n in picture["notes"]]
    story += [chart_drawing(picture), pdf_paragraph("Legend", "Heading3"),
              legend_drawing(picture["legend"])]
    more = picture["provenance_more"]
    story += pdf_section(Section(
        "Provenance of the selected or highlighted elements",
        f"{more} more not listed here; the CSV export holds the provenance of every element."
        if more else "", PROVENANCE_COLUMNS, picture["provenance"],
        empty="Nothing selected or highlighted: select elements on the chart for their "
              "provenance.", level=3))
    # one page whatever the chart holds: what would run over is shrunk to fit
    return pdf_document(picture["title"], [KeepInFrame(0, 0, story, mode="shrink")],
                        marking=picture["marking"])
