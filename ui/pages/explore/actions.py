"""One action on the chart state (toolbar, context menu, double tap): which nodes it applies
to and what the state becomes. No Dash callback here; the callbacks call ``change``."""

from __future__ import annotations

from typing import Any

import dash

from backend.auth.viewer import Viewer
from ui.chart import elements as chart
from ui.components.messages import error, info, ok
from ui.pages.explore.data import (
    add_lines,
    add_node,
    cross_reference,
    expand_node,
    merge_into,
    reveal_links,
    shortest_path,
)

# the Build panel's and the Paths panel's fields that ``change`` reads (``given`` keys: the
# ids without "explore-")
BUILD_STATES = ("explore-merge", "explore-paste", "explore-path-k", "explore-path-hops",
                "explore-path-no-labels", "explore-path-no-types", "explore-path-no-nodes")


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
    if trigger == "explore-merge-button":
        if not given["merge"]:
            return None, error("Pick a saved chart or a network to merge first."), None
        new, msg = merge_into(graph, s, viewer, state, given["merge"])
        return new, ok(msg), None
    if trigger == "explore-paste-add":
        if not (given["paste"] or "").strip():
            return None, error("Paste names, phones, IBANs or case ids, one a line."), None
        new, msg, found = add_lines(graph, s, viewer, state, given["paste"])
        return new, info(msg), found[-1] if found else None
    if trigger == "explore-reveal":
        new, msg = reveal_links(graph, s, viewer, state)
        return new, info(msg), None
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
        k, hops = given["path-k"], given["path-hops"]
        new, msg = shortest_path(graph, s, viewer, state, source, target,
                                 k=int(k) if k else None, max_hops=int(hops) if hops else 4,
                                 excluded_labels=given["path-no-labels"] or None,
                                 excluded_rel_types=given["path-no-types"] or None,
                                 excluded_nodes=given["path-no-nodes"] or None)
        return new, info(msg), None
    targets = _targets(selected, given["focus"])
    if not targets:
        return None, error("Click a node first (or select several with shift-click or a box "
                           "drag)."), None
    if trigger == "explore-xref":
        new, msg = cross_reference(graph, s, viewer, state, targets)
        return new, info(msg), None
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
