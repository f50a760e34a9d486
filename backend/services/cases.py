"""Cases the viewer may see: the list with filters, and one case with its parties."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from backend.auth.roles import Permission
from backend.auth.viewer import Viewer
from backend.errors import BadInputError, NotFoundError
from backend.services import audit
from backend.services.neo4j_errors import neo4j_errors
from backend.services.protection import mask_nodes
from graph import cases as case_reads
from graph.connection import Graph
from graph.model import MODEL


def list_cases(graph: Graph, db: Session, viewer: Viewer, *,
               jurisdictions: list[str] | None = None, status: str | None = None,
               sector: str | None = None, indicators: list[str] | None = None,
               year: int | None = None, exploitation_type: str | None = None,
               citizenship: str | None = None,
               skip: int = 0, limit: int = 100, timeout: float | None = None) -> dict[str, Any]:
    viewer.require(Permission.read_graph)
    if status is not None and status not in MODEL.enums["case_status"]:
        raise BadInputError(f"status must be one of {', '.join(MODEL.enums['case_status'])}",
                            field="status")
    unknown = [i for i in indicators or [] if i not in MODEL.enums["indicator"]]
    if unknown:
        raise BadInputError(f"unknown indicator {unknown[0]!r}; known: "
                            f"{', '.join(MODEL.enums['indicator'])}", field="indicators")
    if (exploitation_type is not None
            and exploitation_type not in MODEL.enums["exploitation_type"]):
        raise BadInputError("exploitation_type must be one of "
                            f"{', '.join(MODEL.enums['exploitation_type'])}",
                            field="exploitation_type")
    with neo4j_errors(timeout):
        page = case_reads.list_cases(graph, viewer.scope(graph), jurisdictions=jurisdictions,
                                  status=status, sector=sector, indicators=indicators,
                                  year=year, exploitation_type=exploitation_type,
                                  citizenship=citizenship, skip=skip, limit=limit,
                                  timeout=timeout)
    audit.record(db, viewer, audit.Action.view,
                 {"cases": True, "jurisdictions": jurisdictions or [], "status": status,
                  "sector": sector, "indicators": indicators or [], "year": year,
                  "exploitation_type": exploitation_type, "citizenship": citizenship,
                  "skip": skip},
                 result_size=len(page.items))
    return {"items": page.items, "has_more": page.has_more}


def case(graph: Graph, db: Session, viewer: Viewer, uid: str,
         *, timeout: float | None = None) -> dict[str, Any]:
    viewer.require(Permission.read_graph)
    with neo4j_errors(timeout, "uid"):
        found = case_reads.case_detail(graph, viewer.scope(graph), uid, timeout=timeout)
    audit.record(db, viewer, audit.Action.view, {"case": uid}, result_size=1 if found else 0)
    if found is None:
        raise NotFoundError(f"no case {uid} that you may see", field="uid")
    found["parties"] = mask_nodes(found["parties"], viewer)
    return found
