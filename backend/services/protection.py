"""Protected persons (victims, minors) are shown masked to roles that may not see them.

The node stays in results (the link chart keeps its shape); its identifying properties are
removed and its caption says why.
"""

from __future__ import annotations

from typing import Any

from backend.auth.roles import Permission
from backend.auth.viewer import Viewer

MASKED_CAPTION = "protected person"
IDENTIFYING = frozenset({"full_name", "name_folded", "aliases", "date_of_birth"})


def mask_node(node: dict[str, Any], viewer: Viewer) -> dict[str, Any]:
    props = node.get("properties", {})
    if node.get("label") != "Person" or not props.get("protected"):
        return node
    if viewer.may(Permission.see_protected):
        return node
    return {**node, "caption": MASKED_CAPTION, "masked": True,
            "properties": {k: v for k, v in props.items() if k not in IDENTIFYING}}


def mask_nodes(nodes: list[dict[str, Any]], viewer: Viewer) -> list[dict[str, Any]]:
    return [mask_node(n, viewer) for n in nodes]
