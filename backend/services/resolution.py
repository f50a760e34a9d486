"""Entity-resolution runs, candidates and people's judgements on them.

A pair is listed, and may be judged, only when the viewer may see both records."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from backend.auth.roles import Permission
from backend.auth.viewer import Viewer
from backend.errors import BadInputError, NotFoundError
from backend.services import alerts, audit
from backend.services.protection import mask_node
from graph.access import visible_record_uids
from graph.connection import Graph
from graph.model import MODEL
from graph.resolution import (
    ResolutionError,
    ResolutionSummary,
    Thresholds,
    get_pair,
    judge,
    list_candidates,
    run_resolution,
)
from graph.resolution.missing_persons import judge_match, missing_person_matches
from graph.resolution.same_as import DECISIONS, now


def run(graph: Graph, db: Session, viewer: Viewer, thresholds: Thresholds
        ) -> ResolutionSummary:
    """Resolve the whole graph (new candidates, sure pairs confirmed automatically): an
    instance-wide change, the administrators'."""
    viewer.require(Permission.manage_users)
    started = now()
    summary = run_resolution(graph, thresholds)
    audit.record(db, viewer, audit.Action.resolve,
                 {"candidate": thresholds.candidate, "auto_confirm": thresholds.auto_confirm,
                  "candidates": summary.candidates, "auto_confirmed": summary.auto_confirmed,
                  "stale_removed": summary.stale_removed},
                 result_size=summary.candidates)
    alerts.after_resolution(graph, db, since=started, context="resolution run")
    return summary


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
           why: str | None = None, *, decided_by: str | None = None) -> dict[str, Any]:
    """Confirm or reject a pair, as the viewer (their user name is recorded on SAME_AS).

    The command line (a system viewer) sees every record, so the records are not looked up
    first (the judgement's own error names a missing one), and it may record the decision
    in the name of the person who took it (``decided_by``)."""
    viewer.require(Permission.judge)
    if decided_by is not None and not viewer.system:
        raise BadInputError("a judgement is recorded in your own name", field="decided_by")
    if not viewer.system:
        pair = get_pair(graph, uid_a, uid_b)
        labels = [pair.label] if pair else list(MODEL.actor_labels)
        if not any(visible_record_uids(graph, viewer.scope(graph), label, [uid_a, uid_b])
                   == {uid_a, uid_b} for label in labels):
            raise NotFoundError(f"no records {uid_a} and {uid_b} of one kind that you may "
                                "see", field="uid_a")
    by = decided_by or viewer.username
    started = now()
    try:
        judged = judge(graph, uid_a, uid_b, decision, by, why)
    except ResolutionError as exc:
        raise BadInputError(str(exc), field="decision") from None
    audit.record(db, viewer, audit.Action.judge,
                 {"uid_a": uid_a, "uid_b": uid_b, "decision": decision, "why": why,
                  **({"decided_by": by} if by != viewer.username else {})},
                 result_size=1)
    alerts.after_resolution(graph, db, since=started, context=f"judgement by {by}")
    return judged.to_dict()


# ---- missing-person reports matched against persons (graph/resolution/missing_persons.py) --

def missing_person_candidates(graph: Graph, db: Session, viewer: Viewer, *,
                              status: str | None = "candidate", limit: int = 100
                              ) -> list[dict[str, Any]]:
    """Matches of missing-person reports with persons, victims first, where the viewer may
    see both the report and the person (protected names masked)."""
    viewer.require(Permission.read_graph)
    try:
        matches = missing_person_matches(graph, status=status, limit=limit)
    except ResolutionError as exc:
        raise BadInputError(str(exc), field="status") from None
    scope = viewer.scope(graph)
    reports = visible_record_uids(graph, scope, "MissingPersonReport",
                                  [m.report_uid for m in matches])
    persons = visible_record_uids(graph, scope, "Person", [m.person_uid for m in matches])
    shown = []
    for match in matches:
        if match.report_uid in reports and match.person_uid in persons:
            row = match.to_dict()
            row["person"] = mask_node({"label": "Person", "properties": row["person"]},
                                      viewer)["properties"]
            shown.append(row)
    audit.record(db, viewer, audit.Action.view, {"missing_person_matches": True,
                                                 "status": status}, result_size=len(shown))
    return shown


def decide_missing_person(graph: Graph, db: Session, viewer: Viewer, report_uid: str,
                          person_uid: str, decision: str, why: str | None = None
                          ) -> dict[str, Any]:
    """Confirm or reject that a missing-person report is this person, as the viewer."""
    viewer.require(Permission.judge)
    scope = viewer.scope(graph)
    if not viewer.system and not (
            visible_record_uids(graph, scope, "MissingPersonReport", [report_uid])
            and visible_record_uids(graph, scope, "Person", [person_uid])):
        raise NotFoundError(f"no report {report_uid} and person {person_uid} that you may "
                            "see", field="report_uid")
    try:
        judge_match(graph, report_uid, person_uid, decision, viewer.username, why)
    except ResolutionError as exc:
        raise BadInputError(str(exc), field="decision") from None
    audit.record(db, viewer, audit.Action.judge,
                 {"report_uid": report_uid, "person_uid": person_uid, "decision": decision,
                  "why": why}, result_size=1)
    return {"report_uid": report_uid, "person_uid": person_uid,
            "status": DECISIONS[decision.strip().lower()]}
