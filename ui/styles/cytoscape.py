"""The link chart's stylesheet and legend, derived from graph/model.yaml.

Each label gets a colour and a shape by its position in the model, so a label added to the
model is styled without touching this file; the legend is built from the same mapping.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from graph.model import MODEL

# Colour-blind-friendly, clearly distinct on white; cycled if the model grows past them.
PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2",
           "#17becf", "#bcbd22", "#7f7f7f", "#393b79", "#637939", "#843c39", "#7b4173",
           "#3182bd", "#e6550d", "#31a354", "#756bb1")
SHAPES = ("round-rectangle", "ellipse", "hexagon", "diamond", "rectangle", "triangle",
          "star", "octagon", "pentagon", "vee", "rhomboid", "tag", "barrel",
          "round-triangle", "cut-rectangle", "concave-hexagon", "round-diamond",
          "round-hexagon")
MONEY_EDGE = "MONEY"  # account-to-account edges made by collapsing transactions
TRAVEL_EDGE = "TRAVEL"  # traveller-to-destination edges made by folding travel legs
SHARED_EDGE = "SHARES"  # an identifier joining two nodes, folded into the edge between them
LANES = "lanes"  # the layout by country: a compound node (class "lane") per country
EDGE_COLOURS = {MONEY_EDGE: "#2a9d4a", TRAVEL_EDGE: "#3d5a80", SHARED_EDGE: "#b5179e"}
EDGE_COLOUR = "#9aa"  # every other relationship


@dataclass(frozen=True)
class LabelStyle:
    label: str
    colour: str
    shape: str


@cache
def label_styles() -> dict[str, LabelStyle]:
    """One distinct (colour, shape) pair per label of the model."""
    return {name: LabelStyle(name, PALETTE[i % len(PALETTE)], SHAPES[i % len(SHAPES)])
            for i, name in enumerate(MODEL.nodes)}


def stylesheet() -> list[dict[str, Any]]:
    """The cytoscape stylesheet: base, one rule per label, then state classes."""
    rules: list[dict[str, Any]] = [
        {"selector": "node", "style": {
            "label": "data(caption)", "font-size": 10, "text-valign": "bottom",
            "text-margin-y": 3, "width": 28, "height": 28, "color": "#222",
            "text-wrap": "ellipsis", "text-max-width": 110, "border-width": 1,
            "border-color": "#444", "min-zoomed-font-size": 6}},
        {"selector": "edge", "style": {
            "label": "data(caption)", "font-size": 8, "curve-style": "bezier",
            "target-arrow-shape": "triangle", "width": 1.5, "line-color": EDGE_COLOUR,
            "target-arrow-color": EDGE_COLOUR, "text-rotation": "autorotate",
            "text-background-color": "#fff", "text-background-opacity": 0.8,
            "color": "#345", "min-zoomed-font-size": 7}},  # captions go when zoomed out
    ]
    for style in label_styles().values():
        rules.append({"selector": f'node[type = "{style.label}"]',
                      "style": {"background-color": style.colour, "shape": style.shape}})
    rules += [
        # the chart's styling rules (ui/chart/styling.py): a measure's size, a property's colour
        {"selector": "node[size]", "style": {"width": "data(size)", "height": "data(size)"}},
        {"selector": "node[colour]", "style": {"background-color": "data(colour)"}},
        {"selector": "node.badged", "style": {"text-wrap": "wrap", "font-weight": "bold"}},
        {"selector": f'edge[type = "{MONEY_EDGE}"]', "style": {
            "line-color": EDGE_COLOURS[MONEY_EDGE],
            "target-arrow-color": EDGE_COLOURS[MONEY_EDGE],
            "width": "mapData(count, 1, 20, 2, 8)"}},
        {"selector": f'edge[type = "{TRAVEL_EDGE}"]', "style": {
            "line-color": EDGE_COLOURS[TRAVEL_EDGE],
            "target-arrow-color": EDGE_COLOURS[TRAVEL_EDGE], "line-style": "dashed",
            "width": 2}},
        {"selector": f'edge[type = "{SHARED_EDGE}"]', "style": {
            "line-color": EDGE_COLOURS[SHARED_EDGE], "target-arrow-shape": "none",
            "width": 2.5}},
        {"selector": "node[?masked]", "style": {
            "background-color": "#555", "border-style": "dashed", "color": "#555",
            "font-style": "italic"}},
        # Cases coloured by how many of the six core ILO indicators they record.
        {"selector": 'node[type = "Case"][core >= 1]', "style": {
            "border-width": 4, "border-color": "#f4a261"}},
        {"selector": 'node[type = "Case"][core >= 3]', "style": {
            "border-width": 6, "border-color": "#c1121f"}},
        # a country's lane (the lane layout): a labelled box behind its nodes, not a node
        # one can tap, select or drag
        {"selector": "node.lane", "style": {
            "shape": "round-rectangle", "background-color": "#eef2f6",
            "background-opacity": 0.7, "border-width": 1, "border-color": "#9aa8b8",
            "border-style": "dashed", "label": "data(caption)", "text-valign": "top",
            "text-halign": "center", "text-margin-y": -6, "font-size": 18,
            "font-weight": "bold", "color": "#34495e", "padding": 24, "events": "no",
            "text-wrap": "none", "text-max-width": 600,
            "min-zoomed-font-size": 4}},
        {"selector": ".dimmed", "style": {"opacity": 0.15}},
        {"selector": ".hidden", "style": {"display": "none"}},
        {"selector": ".pinned", "style": {"border-width": 3, "border-color": "#000",
                                          "border-style": "double"}},
        # Node and edge rules apart: "width" is a node's size but an edge's thickness.
        # a halo behind the node (underlay), so that its own colour still says its label
        {"selector": "node.highlight", "style": {
            "underlay-color": "#ffd60a", "underlay-opacity": 0.9, "underlay-padding": 7,
            "underlay-shape": "ellipse"}},
        {"selector": "edge.highlight", "style": {
            "line-color": "#e09f00", "target-arrow-color": "#e09f00", "width": 4}},
        {"selector": "node.path", "style": {"border-color": "#7209b7", "border-width": 5}},
        {"selector": "edge.path", "style": {
            "line-color": "#7209b7", "target-arrow-color": "#7209b7", "width": 5}},
        {"selector": ":selected", "style": {
            "overlay-color": "#0077ff", "overlay-opacity": 0.3, "overlay-padding": 5}},
    ]
    return rules


def colours() -> dict[str, str]:
    """The colour of every node label and of the links made by folding (the chart's PDF
    draws with them)."""
    return {**{s.label: s.colour for s in label_styles().values()}, **EDGE_COLOURS}


def legend() -> list[dict[str, str]]:
    """(label, colour, shape) rows for the legend, from the same mapping as the stylesheet."""
    return [{"label": s.label, "colour": s.colour, "shape": s.shape}
            for s in label_styles().values()]
