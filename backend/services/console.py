"""The Cypher console for analysts and admins: checked, read-only, timed, limited, audited.

One guard for both doors: the API console (a signed-in user) and ``crosslink cypher`` (the
local command line, run by the server's owner: a system viewer, audited as ``cli:<login>``)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from neo4j.exceptions import ClientError
from sqlalchemy.orm import Session

from backend.auth.roles import Permission
from backend.auth.viewer import Viewer
from backend.errors import BadInputError, ForbiddenError, QueryTimeoutError
from backend.services import audit
from backend.services.neo4j_errors import is_timeout
from graph.connection import Graph
from graph.console import run_console


def run(graph: Graph, db: Session, viewer: Viewer, cypher: str,
        params: dict[str, Any] | None = None, *, timeout: float, row_limit: int,
        action: audit.Action = audit.Action.console, name: str | None = None,
        unrestricted: bool = False) -> dict[str, Any]:
    """Every run is audited with its text, whether it ran, was refused or timed out
    (``action`` query and the query's ``name`` for saved queries).

    The command line (a system viewer) sees TLP:RED of every source and may lift the
    procedure allow-list (``unrestricted``, audited); the API never may."""
    viewer.require(Permission.console)
    if unrestricted and not viewer.system:
        raise ForbiddenError("the procedure allow-list is lifted only on the server's "
                             "command line (`crosslink cypher --unrestricted`)")
    entry: dict[str, Any] = {"cypher": cypher, "params": params or {}}
    if name:
        entry["name"] = name
    if unrestricted:
        entry["unrestricted"] = True

    def record(outcome: audit.Outcome, result_size: int | None = None) -> None:
        audit.record(db, viewer, action, entry, outcome=outcome, result_size=result_size)

    try:
        result = run_console(graph, cypher, params, timeout=timeout, row_limit=row_limit,
                             own_sources=None if viewer.system
                             else set(viewer.scope(graph).sources),
                             unrestricted=unrestricted)
    except ValueError as exc:
        record(audit.Outcome.refused)
        raise BadInputError(f"refused: {exc}", field="cypher", code="refused") from None
    except ClientError as exc:
        if is_timeout(exc):
            record(audit.Outcome.timeout)
            raise QueryTimeoutError(f"the query ran longer than {timeout:g} s and was stopped; "
                                    "add a LIMIT or narrow the MATCH") from None
        record(audit.Outcome.failed)
        if "AccessMode" in (exc.code or "") or "Forbidden" in (exc.code or ""):
            raise BadInputError("refused: the console is read-only", field="cypher",
                                code="refused") from None
        raise BadInputError(f"Neo4j refused the query: {exc.message}", field="cypher",
                            code="cypher_error") from None
    record(audit.Outcome.ok, len(result.rows))
    return asdict(result)
