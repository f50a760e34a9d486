"""Full-text search over the graph, as the viewer may see it."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from backend.auth.roles import Permission
from backend.auth.viewer import Viewer
from backend.errors import BadInputError
from backend.services import audit
from backend.services.neo4j_errors import checked_labels, neo4j_errors
from backend.services.protection import mask_nodes
from graph import search as search_reads
from graph.connection import Graph


def search(graph: Graph, db: Session, viewer: Viewer, text: str, *,
           labels: list[str] | None = None, jurisdictions: list[str] | None = None,
           skip: int = 0, limit: int = 25, timeout: float | None = None) -> dict[str, Any]:
    """Hits best first. A protected person is left out for roles that may not see them, so
    a victim's name cannot be confirmed by searching for it."""
    viewer.require(Permission.read_graph)
    try:
        search_reads.lucene_query(text)
    except ValueError as exc:
        raise BadInputError(str(exc), field="q") from None
    checked = checked_labels(labels, "labels")
    with neo4j_errors(timeout, "q"):
        page = search_reads.search(graph, viewer.scope(graph), text, labels=checked,
                              jurisdictions=jurisdictions, skip=skip, limit=limit,
                              timeout=timeout)
    hits = [h for h in mask_nodes(page.items, viewer) if not h.get("masked")]
    audit.record(db, viewer, audit.Action.search,
                 {"q": text, "labels": checked, "jurisdictions": jurisdictions or [],
                  "skip": skip, "limit": limit}, result_size=len(hits))
    return {"items": hits, "has_more": page.has_more}
