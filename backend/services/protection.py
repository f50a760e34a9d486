"""Protected persons (victims, minors) are shown masked to roles that may not see them.

The node stays in results (the link chart keeps its shape); its identifying properties are
removed and its caption says why. A relationship that touches it loses the properties that
quote those values (a resolution candidate's ``reasons`` name both records): the same rule as
a bundle's pseudonymised persons (``backend.sharing.redaction``).
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


def identifying_values(nodes: list[dict[str, Any]], ids: set[str]) -> dict[str, set[str]]:
    """The identifying values (three characters or more) of the persons ``ids`` among
    ``nodes``, which a relationship's text may quote."""
    found: dict[str, set[str]] = {}
    for node in nodes:
        if node["id"] in ids:
            values = [node.get("properties", {}).get(k) for k in IDENTIFYING]
            flat = [str(x) for v in values if v for x in (v if isinstance(v, list) else [v])]
            found[node["id"]] = {x for x in flat if len(x) >= 3}
    return found


def unquoted(rel: dict[str, Any], quoted: dict[str, set[str]]) -> dict[str, Any]:
    """The relationship without the properties that quote its ends' identifying values."""
    names = quoted.get(rel["source"], set()) | quoted.get(rel["target"], set())
    if not names:
        return rel
    return {**rel, "properties": {k: v for k, v in (rel.get("properties") or {}).items()
                                  if not any(name in str(v) for name in names)}}


def mask_result(result: dict[str, Any], viewer: Viewer) -> dict[str, Any]:
    """A read's ``nodes`` and ``relationships`` as the viewer may see them: protected persons
    masked, and what the relationships touching them quote of them left out."""
    nodes = result.get("nodes") or []
    masked = mask_nodes(nodes, viewer)
    ids = {m["id"] for n, m in zip(nodes, masked, strict=True)
           if m.get("masked") and not n.get("masked")}
    out = {**result, "nodes": masked}
    if ids and result.get("relationships"):
        quoted = identifying_values(nodes, ids)
        out["relationships"] = [unquoted(r, quoted) for r in result["relationships"]]
    return out
