"""The chart picture of a brief: the network's cases, one column per jurisdiction, and the
entities that link them across borders placed between the cases they join; drawn with
ReportLab's graphics (no browser): a Drawing for the PDF, the same as SVG for the HTML page."""

from __future__ import annotations

from typing import Any

from reportlab.graphics import renderSVG
from reportlab.graphics.shapes import Circle, Drawing, Line, Rect, String
from reportlab.lib import colors

WIDTH, HEIGHT, MARGIN = 480, 320, 40
PALETTE = ["#1d3557", "#e63946", "#2a9d8f", "#f4a261", "#6a4c93", "#8d99ae", "#588157"]
LINK = colors.HexColor("#adb5bd")


def layout(chart: dict[str, Any]) -> dict[str, tuple[float, float]]:
    """Cases in one column per jurisdiction (in the order of ``countries``); each linking
    entity at the mean height and width of its cases, spread so that none overlap."""
    countries = chart["countries"] or [""]
    inner = WIDTH - 2 * MARGIN - 80  # room for the captions right of the last column
    column = {c: MARGIN + (i * inner / (len(countries) - 1) if len(countries) > 1
                           else inner / 2) for i, c in enumerate(countries)}
    pos: dict[str, tuple[float, float]] = {}
    cases = [n for n in chart["nodes"] if n["kind"] == "case"]
    for country in countries:
        mine = [n for n in cases if n["country"] == country]
        for i, n in enumerate(mine):
            pos[n["id"]] = (column.get(country, WIDTH / 2),
                            HEIGHT - MARGIN - (i + 0.5) * (HEIGHT - 2 * MARGIN) / len(mine))
    ends: dict[str, list[str]] = {}
    for e in chart["edges"]:
        ends.setdefault(e["a"], []).append(e["b"])
    others = [n for n in chart["nodes"] if n["kind"] != "case"]
    for i, n in enumerate(others):
        joined = [pos[c] for c in ends.get(n["id"], []) if c in pos] or [(WIDTH / 2,
                                                                           HEIGHT / 2)]
        x = sum(p[0] for p in joined) / len(joined)
        y = MARGIN / 2 + (i + 0.5) * (HEIGHT - MARGIN) / len(others)
        pos[n["id"]] = (x + (i % 2) * 12 - 6, y)
    return pos


def chart_drawing(chart: dict[str, Any]) -> Drawing:
    drawing = Drawing(WIDTH, HEIGHT)
    if not chart["nodes"]:
        drawing.add(String(WIDTH / 2, HEIGHT / 2, "nothing to draw", textAnchor="middle"))
        return drawing
    at = layout(chart).__getitem__
    colour = {c: colors.HexColor(PALETTE[i % len(PALETTE)])
              for i, c in enumerate(chart["countries"])}
    for e in chart["edges"]:
        (x1, y1), (x2, y2) = at(e["a"]), at(e["b"])
        drawing.add(Line(x1, y1, x2, y2, strokeColor=LINK, strokeWidth=1))
    for n in chart["nodes"]:
        x, y = at(n["id"])
        if n["kind"] == "case":
            drawing.add(Circle(x, y, 7, fillColor=colour.get(n["country"], colors.grey),
                               strokeColor=colors.white))
        else:
            drawing.add(Rect(x - 4, y - 4, 8, 8, fillColor=colors.HexColor("#ffb703"),
                             strokeColor=colors.white))
        drawing.add(String(x + 9, y - 3, n["caption"], fontSize=6))
    for i, (country, fill) in enumerate(colour.items()):
        drawing.add(Circle(10, HEIGHT - 10 - 12 * i, 4, fillColor=fill, strokeColor=fill))
        drawing.add(String(18, HEIGHT - 13 - 12 * i, f"cases in {country}", fontSize=7))
    return drawing


def chart_svg(chart: dict[str, Any]) -> str:
    svg = renderSVG.drawToString(chart_drawing(chart))
    return svg[svg.index("<svg"):] if "<svg" in svg else svg
