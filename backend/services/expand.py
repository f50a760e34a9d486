"""Expanding a node: its visible neighbours, filtered and paged."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from backend.auth.roles import Permission
from backend.auth.viewer import Viewer
from backend.errors import BadInputError, NotFoundError
from backend.services import audit
from backend.services.neo4j_errors import (
    checked_labels,
    checked_node_id,
    checked_rel_types,
    neo4j_errors,
)
from backend.services.protection import mask_result
from graph import neighbourhood
from graph.connection import Graph
from graph.model import MODEL


def expand(graph: Graph, db: Session, viewer: Viewer, node_id: str, *,
           rel_types: list[str] | None = None, labels: list[str] | None = None,
           date_from: dt.date | None = None, date_to: dt.date | None = None,
           min_reliability: str | None = None, skip: int = 0, limit: int = 100,
           timeout: float | None = None) -> dict[str, Any]:
    viewer.require(Permission.read_graph)
    label, key, value = checked_node_id(node_id, "id")
    if min_reliability is not None and min_reliability not in MODEL.enums["reliability"]:
        raise BadInputError(f"min_reliability must be one of "
                            f"{', '.join(MODEL.enums['reliability'])}", field="min_reliability")
    if date_from and date_to and date_from > date_to:
        raise BadInputError("date_from is after date_to", field="date_from")
    flt = neighbourhood.ExpandFilter(rel_types=checked_rel_types(rel_types, "rel_types"),
                               labels=checked_labels(labels, "labels"), date_from=date_from,
                               date_to=date_to, min_reliability=min_reliability)
    with neo4j_errors(timeout, "id"):
        result = neighbourhood.expand(graph, viewer.scope(graph), label, key, value, flt, skip=skip,
                                limit=limit, timeout=timeout)
    audit.record(db, viewer, audit.Action.expand,
                 {"id": node_id, "rel_types": flt.rel_types, "labels": flt.labels,
                  "date_from": str(date_from) if date_from else None,
                  "date_to": str(date_to) if date_to else None,
                  "min_reliability": min_reliability, "skip": skip, "limit": limit},
                 result_size=len(result["nodes"]) if result else 0)
    if result is None:
        raise NotFoundError(f"no entity {node_id} that you may see", field="id")
    return mask_result(result, viewer)
