"""Full-text search over the graph, as the viewer may see it."""

from __future__ import annotations

import datetime as dt
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
           sources: list[str] | None = None, date_from: dt.date | None = None,
           date_to: dt.date | None = None, skip: int = 0, limit: int = 25,
           timeout: float | None = None) -> dict[str, Any]:
    """Hits best first. A protected person is left out for roles that may not see them, so
    a victim's name cannot be confirmed by searching for it."""
    viewer.require(Permission.read_graph)
    if date_from and date_to and date_from > date_to:
        raise BadInputError("date_from is after date_to", field="date_from")
    try:
        search_reads.lucene_query(text)
    except ValueError as exc:
        raise BadInputError(str(exc), field="q") from None
    checked = checked_labels(labels, "labels")
    with neo4j_errors(timeout, "q"):
        page = search_reads.search(graph, viewer.scope(graph), text, labels=checked,
                              jurisdictions=jurisdictions, sources=sources,
                              date_from=date_from, date_to=date_to, skip=skip, limit=limit,
                              timeout=timeout)
    hits = [h for h in mask_nodes(page.items, viewer) if not h.get("masked")]
    audit.record(db, viewer, audit.Action.search,
                 {"q": text, "labels": checked, "jurisdictions": jurisdictions or [],
                  "sources": sources or [], "date_from": str(date_from) if date_from else None,
                  "date_to": str(date_to) if date_to else None, "skip": skip, "limit": limit},
                 result_size=len(hits))
    return {"items": hits, "has_more": page.has_more}


MAX_LINES = 200


def search_lines(graph: Graph, db: Session, viewer: Viewer, text: str, *,
                 timeout: float | None = None) -> dict[str, Any]:
    """A pasted list (names, phones, IBANs, case ids, one a line): each line searched as the
    search box searches it, its best hit kept; the lines nothing was found for named.
    Blank lines and repeats are skipped; a line the search cannot read counts as not found."""
    lines = list(dict.fromkeys(line.strip() for line in text.splitlines() if line.strip()))
    if not lines:
        raise BadInputError("the list is empty: paste one name, number or id a line",
                            field="lines")
    if len(lines) > MAX_LINES:
        raise BadInputError(f"the list has {len(lines)} lines; at most {MAX_LINES} at a time",
                            field="lines")
    found: list[dict[str, Any]] = []
    not_found: list[str] = []
    for number, line in enumerate(lines, 1):
        try:
            hits = search(graph, db, viewer, line, limit=1, timeout=timeout)["items"]
        except BadInputError:
            hits = []
        if hits:
            found.append({"line": number, "text": line, "node": hits[0]})
        else:
            not_found.append(line)
    return {"found": found, "not_found": not_found}
