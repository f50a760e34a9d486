"""Entity-resolution candidates and people's judgements on them.

A pair is listed, and may be judged, only when the viewer may see both records."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from backend.auth.roles import Permission
from backend.auth.viewer import Viewer
from backend.errors import BadInputError, NotFoundError
from backend.services import audit
from backend.services.protection import mask_node
from graph.access import visible_record_uids
from graph.connection import Graph
from graph.model import MODEL
from graph.resolution import ResolutionError, get_pair, judge, list_candidates


def candidates(graph: Graph, db: Session, viewer: Viewer, *, status: str | None = None,
               limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
    viewer.require(Permission.read_graph)
    try:
        pairs = list_candidates(graph, status=status, limit=limit, offset=offset)
    except ResolutionError as exc:
        raise BadInputError(str(exc), field="status") from None
    by_label: dict[str, list[str]] = {}
    for pair in pairs:
        by_label.setdefault(pair.label, []).extend([pair.uid_a, pair.uid_b])
    allowed: set[str] = set()
    for label, uids in by_label.items():
        allowed |= visible_record_uids(graph, viewer.scope(graph), label, uids)
    shown = [p.to_dict() for p in pairs if p.uid_a in allowed and p.uid_b in allowed]
    for row in shown:
        for side in ("a", "b"):
            masked = mask_node({"label": row["label"], "properties": row[side]}, viewer)
            row[side] = masked["properties"]
    audit.record(db, viewer, audit.Action.view, {"candidates": True, "status": status},
                 result_size=len(shown))
    return shown


def decide(graph: Graph, db: Session, viewer: Viewer, uid_a: str, uid_b: str, decision: str,
           why: str | None = None) -> dict[str, Any]:
    """Confirm or reject a pair, as the viewer (their user name is recorded on SAME_AS)."""
    viewer.require(Permission.judge)
    pair = get_pair(graph, uid_a, uid_b)
    labels = [pair.label] if pair else list(MODEL.actor_labels)
    if not any(visible_record_uids(graph, viewer.scope(graph), label, [uid_a, uid_b])
               == {uid_a, uid_b} for label in labels):
        raise NotFoundError(f"no records {uid_a} and {uid_b} of one kind that you may see",
                            field="uid_a")
    try:
        judged = judge(graph, uid_a, uid_b, decision, viewer.username, why)
    except ResolutionError as exc:
        raise BadInputError(str(exc), field="decision") from None
    audit.record(db, viewer, audit.Action.judge,
                 {"uid_a": uid_a, "uid_b": uid_b, "decision": decision, "why": why},
                 result_size=1)
    return judged.to_dict()
