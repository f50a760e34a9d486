"""Nodes and relationships as plain data for the API, the UI and exports.

A node's ``id`` is ``"<Label>:<key value>"`` (``Person:gt-pnc:P-001``, ``Phone:+50255501234``):
stable across restarts and servers, and parsed back with ``parse_node_id`` (the label is
checked against the model, so it can be formatted into Cypher). Provenance properties are
split from the others so a details panel can show each property with its provenance.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from neo4j.spatial import Point
from neo4j.time import Date, DateTime, Duration, Time

from graph.model import MODEL

PROVENANCE = frozenset(MODEL.provenance) | {"sources"}


class BadNodeIdError(ValueError):
    pass


@dataclass
class Page:
    """One page of a read's results, and whether more follow."""
    items: list[dict[str, Any]]
    has_more: bool


def jsonable(value: Any) -> Any:
    """Neo4j temporal and spatial values as ISO strings / coordinates; containers recursed."""
    if isinstance(value, (Date, DateTime, Time)):
        return value.iso_format()
    if isinstance(value, Duration):
        return str(value)
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, Point):
        return list(value)
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    return value


def primary_label(labels: Sequence[str]) -> str | None:
    for name in labels:
        if name in MODEL.nodes:
            return name
    return None


def node_id(label: str, props: Mapping[str, Any]) -> str:
    return f"{label}:{props.get(MODEL.nodes[label].key)}"


def parse_node_id(value: str) -> tuple[str, str, str]:
    """``"Person:gt-pnc:P-1"`` -> (label, key property, key value); the label is checked."""
    label, sep, key_value = value.partition(":")
    if not sep or not key_value:
        raise BadNodeIdError(f"node id {value!r}: expected <Label>:<key>, e.g. Person:src:P-1")
    if label not in MODEL.nodes:
        raise BadNodeIdError(f"node id {value!r}: unknown label {label!r}; known: "
                             f"{', '.join(MODEL.nodes)}")
    return label, MODEL.nodes[label].key, key_value


def node_element(labels: Sequence[str], props: Mapping[str, Any]) -> dict[str, Any]:
    label = primary_label(labels) or (labels[0] if labels else "")
    spec = MODEL.nodes.get(label)
    key = spec.key if spec else "id"
    caption = props.get(spec.caption) if spec else None
    return {
        "id": f"{label}:{props.get(key)}",
        "label": label,
        "labels": list(labels),
        "caption": jsonable(caption if caption not in (None, "") else props.get(key)),
        "properties": {k: jsonable(v) for k, v in props.items() if k not in PROVENANCE},
        "provenance": {k: jsonable(v) for k, v in props.items() if k in PROVENANCE},
    }


def rel_element(rel_id: str, rel_type: str, source: str, target: str,
                props: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "id": rel_id,
        "type": rel_type,
        "source": source,
        "target": target,
        "properties": {k: jsonable(v) for k, v in props.items() if k not in PROVENANCE},
        "provenance": {k: jsonable(v) for k, v in props.items() if k in PROVENANCE},
    }


# Cypher projections that the builders below read: a node as {eid, labels, props}; a
# relationship with the element ids of its two ends, mapped to node ids in Python.
def node_map(var: str) -> str:
    return f"{{eid: elementId({var}), labels: labels({var}), props: properties({var})}}"


def rel_map(var: str) -> str:
    return (f"{{id: elementId({var}), type: type({var}), props: properties({var}), "
            f"start: elementId(startNode({var})), end: elementId(endNode({var}))}}")


def node_from_map(row: Mapping[str, Any]) -> dict[str, Any]:
    return node_element(row["labels"], row["props"])


def rel_from_map(row: Mapping[str, Any], ids: Mapping[str, str]) -> dict[str, Any]:
    """``ids`` maps element ids to node ids (the nodes returned with the relationship)."""
    return rel_element(row["id"], row["type"], ids.get(row["start"], row["start"]),
                       ids.get(row["end"], row["end"]), row["props"])
