"""Folding never draws a link to something it took away, whatever shape the chart has: a
travel leg whose relationships point the other way still folds into a traveller ->
destination link, and a chart of random relationships between records of every label (the
shapes real files give when a column is mapped to the wrong side) keeps every edge's two ends
drawn; cytoscape refuses a whole chart for one edge that lacks an end."""

from __future__ import annotations

import random
from typing import Any

from graph.model import MODEL
from ui.chart.elements import empty_state, merge
from ui.chart.filters import ChartFilter, view


def _nodes(*specs: tuple[str, str]) -> list[dict[str, Any]]:
    return [{"id": f"{label}:{key}", "label": label, "caption": key,
             "properties": {"uid": key}, "provenance": {"source": "t"}} for label, key in specs]


def _rels(*specs: tuple[str, str, str]) -> list[dict[str, Any]]:
    return [{"id": f"r{i}", "type": kind, "source": a, "target": b, "properties": {},
             "provenance": {"source": "t"}} for i, (a, kind, b) in enumerate(specs)]


def _dangling(shown: list[dict[str, Any]]) -> list[str]:
    nodes = {e["data"]["id"] for e in shown if "source" not in e["data"]}
    return [e["data"]["id"] for e in shown if "source" in e["data"]
            and not {e["data"]["source"], e["data"]["target"]} <= nodes]


def test_a_leg_pointing_the_other_way_folds_into_its_traveller_and_destination() -> None:
    state, _ = merge(empty_state(), _nodes(("Person", "p"), ("TravelLeg", "l"),
                                           ("Location", "to")),
                     _rels(("TravelLeg:l", "TRAVELLED", "Person:p"),
                           ("Location:to", "TO", "TravelLeg:l")))
    shown = view(state, ChartFilter())
    links = [(e["data"]["source"], e["data"]["target"]) for e in shown if "source" in e["data"]]
    assert links == [("Person:p", "Location:to")]
    assert not _dangling(shown)


def test_random_relationships_between_every_label_leave_no_edge_without_its_ends() -> None:
    rng = random.Random(11)
    labels = list(MODEL.nodes)
    nodes = _nodes(*((labels[i % len(labels)], f"n{i}") for i in range(300)))
    ids = [n["id"] for n in nodes]
    rels = _rels(*((rng.choice(ids), rng.choice(list(MODEL.relationships)), rng.choice(ids))
                   for _ in range(500)))
    state, _ = merge(empty_state(), nodes, rels)
    for folded in (True, False):
        shown = view(state, ChartFilter(), folded=folded)
        assert not _dangling(shown), folded
