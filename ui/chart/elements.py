"""Service results (``graph.elements`` shapes) as cytoscape elements, and the chart state.

The chart state is a dict kept on the server (``ui.chart.cache``): ``elements`` (every node and
edge fetched), ``hidden`` and ``pinned`` (node ids), ``highlight`` and ``path`` (element ids
drawn as evidence and as the last shortest paths) and ``history`` (earlier states, for undo).
What the cytoscape component shows is computed from it (filters, collapsed money) by ``view``.
Elements are never changed in place: a change makes new lists, so the history shares the
elements it has in common with the present instead of copying them.
"""

from __future__ import annotations

from typing import Any

from graph.model import MODEL

MASKED_CAPTION = "Protected person"
HISTORY = 20  # undo depth


def empty_state() -> dict[str, Any]:
    return {"elements": [], "hidden": [], "pinned": [], "history": [], "highlight": [],
            "path": []}


def _first_date(label: str, props: dict[str, Any], dates: tuple[str, ...]) -> str | None:
    for name in dates:
        value = props.get(name)
        if value:
            return str(value)[:10]
    return None


def core_count(props: dict[str, Any]) -> int:
    """How many of the six core ILO indicators a case records."""
    return len(set(props.get("indicators") or []) & set(MODEL.core_indicators))


def node_to_cy(node: dict[str, Any]) -> dict[str, Any]:
    """A node of the services as a cytoscape element; ``masked`` persons keep no name."""
    label = node.get("label", "")
    props = node.get("properties", {})
    spec = MODEL.nodes.get(label)
    data: dict[str, Any] = {
        "id": node["id"], "type": label, "caption": str(node.get("caption") or node["id"]),
        "masked": bool(node.get("masked")), "properties": props,
        "provenance": node.get("provenance", {}),
        "reliability": (node.get("provenance") or {}).get("reliability"),
        "date": _first_date(label, props, spec.dates if spec else ()),
        "jurisdiction": MODEL.country_of(props),
    }
    if label == "Case":
        data["core"] = core_count(props)
    if label == "Location" and props.get("lat") is not None and props.get("lon") is not None:
        data["lat"], data["lon"] = props["lat"], props["lon"]
    return {"group": "nodes", "data": data}


def rel_to_cy(rel: dict[str, Any]) -> dict[str, Any]:
    props = rel.get("properties", {})
    spec = MODEL.relationships.get(rel["type"])
    caption = rel["type"]
    if props.get("role"):
        caption = f"{rel['type']} ({props['role']})"
    return {"group": "edges", "data": {
        "id": rel["id"], "source": rel["source"], "target": rel["target"],
        "type": rel["type"], "caption": caption, "properties": props,
        "provenance": rel.get("provenance", {}),
        "reliability": (rel.get("provenance") or {}).get("reliability"),
        "date": _first_date(rel["type"], props, spec.dates if spec else ())}}


def merge(state: dict[str, Any], nodes: list[dict[str, Any]],
          relationships: list[dict[str, Any]]) -> tuple[dict[str, Any], int]:
    """Add service nodes and relationships not yet in the chart (undoable).

    Masked persons are numbered in the order they enter the chart ("Protected person #k"),
    so an investigator can talk about #2 without knowing the name. Returns the new state and
    how many elements were added."""
    new = snapshot(state)
    have = {e["data"]["id"] for e in new["elements"]}
    masked = sum(1 for e in new["elements"] if e["data"].get("masked"))
    added = 0
    for node in nodes:
        if node["id"] in have:
            continue
        element = node_to_cy(node)
        if element["data"]["masked"]:
            masked += 1
            element["data"]["caption"] = f"{MASKED_CAPTION} #{masked}"
        new["elements"].append(element)
        have.add(node["id"])
        added += 1
    for rel in relationships:
        if rel["id"] in have or rel["source"] not in have or rel["target"] not in have:
            continue
        new["elements"].append(rel_to_cy(rel))
        have.add(rel["id"])
        added += 1
    return new, added


def merge_elements(state: dict[str, Any], elements: list[dict[str, Any]]
                   ) -> tuple[dict[str, Any], int]:
    """Add cytoscape elements of another chart (a saved one) not yet in this one: the union,
    without duplicates (undoable). Their saved positions are dropped (they belong to the other
    chart's layout) and masked persons are numbered on in this chart. Returns the new state
    and how many elements were added."""
    new = snapshot(state)
    have = {e["data"]["id"] for e in new["elements"]}
    masked = sum(1 for e in new["elements"] if e["data"].get("masked"))
    added = 0
    nodes = [e for e in elements if "source" not in e["data"]]
    edges = [e for e in elements if "source" in e["data"]]
    for element in nodes + edges:
        data = element["data"]
        if data["id"] in have or ("source" in data and (data["source"] not in have
                                                        or data["target"] not in have)):
            continue
        element = {k: v for k, v in element.items() if k != "position"}
        if data.get("masked"):
            masked += 1
            element["data"] = {**data, "caption": f"{MASKED_CAPTION} #{masked}"}
        new["elements"].append(element)
        have.add(data["id"])
        added += 1
    return new, added


def snapshot(state: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``state`` whose history ends with ``state`` itself (for undo)."""
    current = {k: v for k, v in state.items() if k != "history"}
    new = {k: list(v) if isinstance(v, list) else v for k, v in current.items()}
    new["history"] = (state.get("history") or [])[-(HISTORY - 1):] + [current]
    return new


def undo(state: dict[str, Any]) -> dict[str, Any]:
    history = state.get("history") or []
    if not history:
        return state
    return {**history[-1], "history": history[:-1]}


def remove_nodes(state: dict[str, Any], node_ids: list[str]) -> dict[str, Any]:
    """Remove nodes and every edge touching them."""
    gone = set(node_ids)
    new = snapshot(state)
    new["elements"] = [e for e in new["elements"] if e["data"]["id"] not in gone
                       and e["data"].get("source") not in gone
                       and e["data"].get("target") not in gone]
    new["hidden"] = [n for n in new["hidden"] if n not in gone]
    new["pinned"] = [n for n in new["pinned"] if n not in gone]
    new["path"] = [x for x in new.get("path", []) if x not in gone]
    return new


def toggle(state: dict[str, Any], key: str, node_ids: list[str]) -> dict[str, Any]:
    """Hide/unhide or pin/unpin nodes (``key`` is ``hidden`` or ``pinned``)."""
    new = snapshot(state)
    current = set(new[key])
    ids = set(node_ids)
    new[key] = sorted(current - ids if ids <= current else current | ids)
    return new


def set_highlight(state: dict[str, Any], element_ids: list[str]) -> dict[str, Any]:
    return {**state, "highlight": sorted(set(element_ids))}


def set_path(state: dict[str, Any], element_ids: list[str]) -> dict[str, Any]:
    """The elements of the last shortest paths, drawn in purple."""
    return {**state, "path": sorted(set(element_ids))}


def find(state: dict[str, Any], element_id: str) -> dict[str, Any] | None:
    """An element of the chart by id, with its properties and provenance."""
    return next((e for e in state["elements"] if e["data"]["id"] == element_id), None)


def common_neighbours(state: dict[str, Any], a: str, b: str) -> list[dict[str, Any]]:
    """The nodes linked to both ``a`` and ``b`` in the chart (their data), by caption."""
    linked: dict[str, set[str]] = {a: set(), b: set()}
    for e in state["elements"]:
        data = e["data"]
        if "source" in data:
            for end, other in ((data["source"], data["target"]), (data["target"], data["source"])):
                if end in linked:
                    linked[end].add(other)
    shared = (linked[a] & linked[b]) - {a, b}
    return sorted((e["data"] for e in state["elements"] if e["data"]["id"] in shared),
                  key=lambda d: (d["type"], d["caption"]))


def has_positions(state: dict[str, Any]) -> bool:
    """Whether every node has a saved position (the chart can open without a layout)."""
    nodes = [e for e in state["elements"] if "source" not in e["data"]]
    return bool(nodes) and all("position" in e for e in nodes)


def node_ids(state: dict[str, Any]) -> list[str]:
    return [e["data"]["id"] for e in state["elements"] if "source" not in e["data"]]


def saved_elements(state: dict[str, Any],
                   positions: dict[str, list[float]] | None = None) -> dict[str, Any]:
    """The chart as a saved subgraph's ``elements`` (cytoscape elements as they are), with
    the nodes' positions on screen when given, so it reopens as it was left."""
    nodes = [e for e in state["elements"] if "source" not in e["data"]]
    if positions:
        nodes = [{**e, "position": {"x": positions[e["data"]["id"]][0],
                                    "y": positions[e["data"]["id"]][1]}}
                 if e["data"]["id"] in positions else e for e in nodes]
    edges = [e for e in state["elements"] if "source" in e["data"]]
    return {"nodes": nodes, "relationships": edges, "hidden": state["hidden"],
            "pinned": state["pinned"], "style": state.get("style") or {}}


def state_from_saved(elements: dict[str, Any]) -> dict[str, Any]:
    state = empty_state()
    state["elements"] = list(elements.get("nodes", [])) + list(elements.get("relationships", []))
    state["hidden"] = list(elements.get("hidden", []))
    state["pinned"] = list(elements.get("pinned", []))
    if isinstance(elements.get("style"), dict):
        state["style"] = elements["style"]  # the styling rules (ui/chart/styling.py)
    return state
