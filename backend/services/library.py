"""The saved pattern queries of queries/ (the query library), run as a user: investigators
and above, READ transaction and timeout, TLP:RED of other sources redacted, audited."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from neo4j.exceptions import ClientError
from sqlalchemy.orm import Session

from backend.auth.roles import Permission
from backend.auth.viewer import Viewer
from backend.errors import BadInputError, NotFoundError, QueryTimeoutError
from backend.services import audit
from backend.services.neo4j_errors import is_timeout
from graph.connection import Graph
from graph.query_library.params import ParamError
from graph.query_library.runner import load_library, run_query


def list_library(viewer: Viewer) -> list[dict[str, Any]]:
    """Name, title, description and declared parameters of every library query."""
    viewer.require(Permission.run_queries)
    return [{"name": q.name, "title": q.title, "description": q.description,
             "params": [p.as_dict() for p in q.params]} for q in load_library().values()]


def run_library(graph: Graph, db: Session, viewer: Viewer, name: str,
                values: dict[str, Any], *, timeout: float, row_limit: int) -> dict[str, Any]:
    viewer.require(Permission.run_queries)
    library = load_library()
    if name not in library:
        raise NotFoundError(f"no saved query {name!r}", field="name")
    entry = {"name": name, "params": values}
    try:
        result = run_query(graph, library[name], values, timeout=timeout, row_limit=row_limit,
                           own_sources=set(viewer.scope(graph).sources))
    except ParamError as exc:
        audit.record(db, viewer, audit.Action.query, entry, outcome="refused")
        raise BadInputError(str(exc), field="params") from None
    except ClientError as exc:
        audit.record(db, viewer, audit.Action.query, entry,
                     outcome="timeout" if is_timeout(exc) else "failed")
        if is_timeout(exc):
            raise QueryTimeoutError(f"the query ran longer than {timeout:g} s and was "
                                    "stopped; narrow its parameters") from None
        raise BadInputError(f"Neo4j refused the query: {exc.message}", field="name") from None
    audit.record(db, viewer, audit.Action.query, entry, result_size=len(result.rows))
    return asdict(result)
