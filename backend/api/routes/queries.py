"""The pattern-query library (list, run) and analysts' own saved Cypher queries (private or
shared with a team, run through the console)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from fastapi import APIRouter, Response
from pydantic import BaseModel, Field

from backend.api.deps import DbDep, GraphDep, SettingsDep, ViewerDep
from backend.api.errors import ERROR_RESPONSES
from backend.api.routes.console import ConsoleResult
from backend.api.schemas import RowId
from backend.services import audit, console, queries, saved_queries

router = APIRouter(prefix="/queries", tags=["queries"], responses=ERROR_RESPONSES)


class SavedQueryIn(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    cypher: str = Field(min_length=1, max_length=20_000)
    parameters: dict[str, Any] = Field(default_factory=dict)
    visibility: Literal["private", "team"] = "private"
    team_id: int | None = None


class SavedQueryOut(BaseModel):
    id: int
    owner_id: int
    name: str
    cypher: str
    parameters: dict[str, Any]
    visibility: str
    team_id: int | None
    updated_at: dt.datetime


class RunRequest(BaseModel):
    params: dict[str, Any] = Field(default_factory=dict)


@router.post("/saved", response_model=SavedQueryOut, status_code=201)
def save_query(body: SavedQueryIn, viewer: ViewerDep, db: DbDep) -> dict[str, Any]:
    return saved_queries.save(db, viewer, **body.model_dump())


@router.get("/saved", response_model=list[SavedQueryOut])
def list_saved(viewer: ViewerDep, db: DbDep) -> list[dict[str, Any]]:
    return saved_queries.list_queries(db, viewer)


@router.post("/saved/{query_id}/run", response_model=ConsoleResult)
def run_saved(query_id: RowId, body: RunRequest, viewer: ViewerDep, graph: GraphDep,
              db: DbDep, settings: SettingsDep) -> dict[str, Any]:
    query = saved_queries.get(db, viewer, query_id)
    params = {**query["parameters"], **body.params}
    return console.run(graph, db, viewer, query["cypher"], params,
                       timeout=settings.console_timeout, row_limit=settings.console_row_limit,
                       action=audit.Action.query, name=query["name"])


@router.delete("/saved/{query_id}", status_code=204)
def delete_saved(query_id: RowId, viewer: ViewerDep, db: DbDep) -> Response:
    saved_queries.delete(db, viewer, query_id)
    return Response(status_code=204)


class QueryRunResult(ConsoleResult):
    query: str
    params: dict[str, Any]


@router.get("/library")
def list_library(viewer: ViewerDep) -> list[dict[str, Any]]:
    """The saved pattern queries: name, title, description, parameters (name, type, default)."""
    return queries.library(viewer)


@router.post("/library/{name}/run", response_model=QueryRunResult)
def run_library_query(name: str, body: RunRequest, viewer: ViewerDep, graph: GraphDep,
                      db: DbDep, settings: SettingsDep) -> dict[str, Any]:
    """Run a pattern query with its parameters (checked against their declared types)."""
    return queries.run(graph, db, viewer, name, body.params, timeout=settings.query_timeout,
                       row_limit=settings.query_row_limit)
