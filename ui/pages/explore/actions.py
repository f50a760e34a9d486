"""One action on the chart state (toolbar, context menu, double tap): which nodes it applies
to and what the state becomes. No Dash callback here; the callbacks call ``change``."""

from __future__ import annotations

from typing import Any

import dash

from backend.auth.viewer import Viewer
from ui.chart import elements as chart
from ui.components.messages import error, info, ok
from ui.pages.explore.data import add_node, expand_node, shortest_path


def _targets(selected: list[dict[str, Any]] | None, focus: str | None) -> list[str]:
    """The nodes an action applies to: the selected ones, else the focused one."""
    ids = [d["id"] for d in selected or [] if "source" not in d]
    return ids or ([focus] if focus else [])


def change(graph: Any, s: Any, viewer: Viewer, state: dict[str, Any], trigger: Any,
           given: dict[str, Any]) -> tuple[dict[str, Any] | None, Any, str | None]:
    """One action of the toolbar, the context menu or a double tap on the chart state:
    the new state (None: unchanged), the message, and the node to focus (if it moves)."""
    rel_types = given["rel_types"]
    if trigger == "explore-double-tap":
        node_id = (given["double"] or {}).get("id")
        if not node_id:
            return None, dash.no_update, None
        new, msg = expand_node(graph, s, viewer, state, node_id, rel_types)
        return new, info(msg), node_id
    if trigger == "explore-chart":  # the context menu
        menu = given["menu"] or {}
        item, node_id = menu.get("menuItemId"), menu.get("elementId")
        if not node_id:
            return None, dash.no_update, None
        if item == "expand":
            new, msg = expand_node(graph, s, viewer, state, node_id, rel_types)
        elif item in ("hide", "pin"):
            new = chart.toggle(state, "hidden" if item == "hide" else "pinned", [node_id])
            msg = f"{item}: {node_id}"
        else:
            new, msg = chart.remove_nodes(state, [node_id]), f"removed {node_id}"
        return new, info(msg), node_id
    if trigger == "explore-add":
        hit = given["hit"]
        if not hit:
            return None, error("Type in the search box and pick a result first."), None
        new, msg = add_node(graph, s, viewer, state, hit)
        return new, ok(msg), hit
    if trigger == "explore-undo":
        if not state.get("history"):
            return None, info("nothing to undo"), None
        return chart.undo(state), info("undone"), None
    selected = given["selected"]
    if trigger == "explore-path":
        picks = [d["id"] for d in selected or [] if "source" not in d]
        source, target = picks[:2] if len(picks) >= 2 else (given["path_from"],
                                                            given["path_to"])
        if not source or not target:
            return None, error("Pick two nodes: select them in the chart (shift-click) or "
                               "choose From and To."), None
        new, msg = shortest_path(graph, s, viewer, state, source, target)
        return new, info(msg), None
    targets = _targets(selected, given["focus"])
    if not targets:
        return None, error("Click a node first (or select several with shift-click or a box "
                           "drag)."), None
    if trigger == "explore-expand":
        new, total = state, []
        for node_id in targets:
            new, msg = expand_node(graph, s, viewer, new, node_id, rel_types)
            total.append(msg)
        return new, info("; ".join(total)), None
    if trigger == "explore-remove":
        return chart.remove_nodes(state, targets), info(f"removed {len(targets)} node(s)"), \
            None
    key = "hidden" if trigger == "explore-hide" else "pinned"
    return chart.toggle(state, key, targets), \
        info(f"{key} toggled for {len(targets)} node(s)"), None
