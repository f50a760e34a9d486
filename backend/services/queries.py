"""The saved pattern-query library (``queries/*.cypher``) for analysts: list and run.

Pattern queries search the whole graph, so, like the console, they are for roles that see
every case (analysts, admins); TLP:RED elements of other authorities are redacted."""

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
from graph.query_library import ParamError, UnknownQueryError, load_library, run_query, saved_query


def library(viewer: Viewer) -> list[dict[str, Any]]:
    viewer.require(Permission.run_queries)
    return [q.summary() for q in load_library().values()]


def run(graph: Graph, db: Session, viewer: Viewer, name: str, values: dict[str, Any], *,
        timeout: float, row_limit: int) -> dict[str, Any]:
    viewer.require(Permission.run_queries)
    try:
        query = saved_query(name)
    except UnknownQueryError as exc:
        raise NotFoundError(str(exc), field="name") from None
    entry = {"name": name, "params": values}
    try:
        result = run_query(graph, query, values, timeout=timeout, row_limit=row_limit,
                           own_sources=set(viewer.scope(graph).sources))
    except ParamError as exc:
        audit.record(db, viewer, audit.Action.query, entry, outcome=audit.Outcome.refused)
        raise BadInputError(str(exc), field=f"params.{exc.param}" if exc.param
                            else "params") from None
    except ClientError as exc:
        audit.record(db, viewer, audit.Action.query, entry,
                     outcome=audit.Outcome.timeout if is_timeout(exc) else audit.Outcome.failed)
        if is_timeout(exc):
            raise QueryTimeoutError(f"the query ran longer than {timeout:g} s and was "
                                    "stopped; narrow its parameters") from None
        raise BadInputError(f"Neo4j refused the query: {exc.message}", field="params") from None
    audit.record(db, viewer, audit.Action.query, entry, result_size=len(result.rows))
    return asdict(result)
