"""The Cypher console (analysts and admins): read-only, timed, row-limited, audited."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field

from backend.api.deps import DbDep, GraphDep, SettingsDep, ViewerDep
from backend.api.errors import ERROR_RESPONSES
from backend.services import console

router = APIRouter(prefix="/console", tags=["console"], responses=ERROR_RESPONSES)


class ConsoleRequest(BaseModel):
    cypher: str = Field(min_length=1, max_length=20_000)
    params: dict[str, Any] = Field(default_factory=dict)


class ConsoleResult(BaseModel):
    columns: list[str]
    rows: list[dict[str, Any]]
    nodes: list[dict[str, Any]] = Field(description="Graph nodes met in the rows")
    relationships: list[dict[str, Any]]
    truncated: bool = Field(description="More rows than the row limit: the rest were not read")
    redacted: int = Field(description="TLP:RED elements of other authorities left out")
    warnings: list[str] = Field(
        default_factory=list,
        description="Neo4j's warnings about the query, e.g. a misspelt label with what it may "
                    "have meant")


@router.post("", response_model=ConsoleResult,
             responses={504: {"description": "The query ran past the timeout"}})
def run_console(body: ConsoleRequest, viewer: ViewerDep, graph: GraphDep, db: DbDep,
                settings: SettingsDep) -> dict[str, Any]:
    """Run one read-only Cypher query (writes, schema and admin commands, LOAD CSV and
    dbms procedures are refused)."""
    return console.run(graph, db, viewer, body.cypher, body.params,
                       timeout=settings.console_timeout, row_limit=settings.console_row_limit)
