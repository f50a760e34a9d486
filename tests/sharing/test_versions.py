"""What changed between two versions of a chart saved from Explore (cytoscape elements, with
positions on the nodes): pure functions, no database."""

from __future__ import annotations

from typing import Any

from backend.sharing.subgraph_versions import diff


def node(node_id: str, x: float = 0, y: float = 0) -> dict[str, Any]:
    return {"group": "nodes", "data": {"id": node_id, "type": node_id.split(":")[0]},
            "position": {"x": x, "y": y}}


def edge(element_id: str, source: str, rel_type: str, target: str) -> dict[str, Any]:
    return {"group": "edges", "data": {"id": element_id, "source": source,
                                       "target": target, "type": rel_type}}


def version(number: int, name: str, nodes: list[dict[str, Any]],
            edges: list[dict[str, Any]]) -> dict[str, Any]:
    return {"version": number, "name": name, "description": "",
            "elements": {"nodes": nodes, "relationships": edges},
            "layout": {"name": "cose"}, "notes": {}}


def test_diff_of_charts_saved_from_explore() -> None:
    old = version(1, "Agency web", [node("Case:s:C"), node("Person:s:P", 10, 10)],
                  [edge("4:x:1", "Person:s:P", "INVOLVED_IN", "Case:s:C")])
    new = version(2, "Agency web, joint operation",
                  [node("Case:s:C"), node("Person:s:P", 50, 10), node("Phone:+502")],
                  [edge("4:y:7", "Person:s:P", "INVOLVED_IN", "Case:s:C"),
                   edge("4:y:8", "Person:s:P", "USES", "Phone:+502")])
    changes = diff(old, new)
    assert changes["nodes_added"] == ["Phone:+502"] and changes["nodes_removed"] == []
    # the same relationship under another element id (another server) is not a change
    assert changes["relationships_added"] == ["Person:s:P-USES->Phone:+502"]
    assert changes["relationships_removed"] == []
    assert changes["moved"] == ["Person:s:P"]
    assert changes["renamed"] and not changes["description_changed"]
