"""Saved subgraphs: create, list, read, update (a new version each time), delete."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, Response
from pydantic import BaseModel, Field

from backend.api.deps import DbDep, ViewerDep
from backend.api.errors import ERROR_RESPONSES
from backend.api.schemas import RowId
from backend.services import subgraphs

router = APIRouter(prefix="/subgraphs", tags=["subgraphs"], responses=ERROR_RESPONSES)


class SubgraphIn(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    description: str = Field(default="", max_length=10_000)
    elements: dict[str, Any] = Field(description="{nodes: [...], relationships: [...]}")
    layout: dict[str, Any] = Field(default_factory=dict, description="node id -> {x, y}")
    notes: dict[str, Any] = Field(default_factory=dict)


class SubgraphPatch(BaseModel):
    name: str | None = Field(default=None, min_length=1, max_length=200)
    description: str | None = Field(default=None, max_length=10_000)
    elements: dict[str, Any] | None = None
    layout: dict[str, Any] | None = None
    notes: dict[str, Any] | None = None


class SubgraphSummary(BaseModel):
    id: int
    owner_id: int
    name: str
    description: str
    version: int
    created_at: dt.datetime
    updated_at: dt.datetime


class SubgraphFull(SubgraphSummary):
    elements: dict[str, Any]
    layout: dict[str, Any]
    notes: dict[str, Any]


@router.post("", response_model=SubgraphFull, status_code=201)
def create_subgraph(body: SubgraphIn, viewer: ViewerDep, db: DbDep) -> dict[str, Any]:
    return subgraphs.create(db, viewer, **body.model_dump())


@router.get("", response_model=list[SubgraphSummary])
def list_subgraphs(viewer: ViewerDep, db: DbDep) -> list[dict[str, Any]]:
    return subgraphs.list_own(db, viewer)


@router.get("/{subgraph_id}", response_model=SubgraphFull)
def get_subgraph(subgraph_id: RowId, viewer: ViewerDep, db: DbDep) -> dict[str, Any]:
    return subgraphs.get(db, viewer, subgraph_id)


@router.patch("/{subgraph_id}", response_model=SubgraphFull)
def update_subgraph(subgraph_id: RowId, body: SubgraphPatch, viewer: ViewerDep,
                    db: DbDep) -> dict[str, Any]:
    return subgraphs.update(db, viewer, subgraph_id, **body.model_dump())


@router.delete("/{subgraph_id}", status_code=204)
def delete_subgraph(subgraph_id: RowId, viewer: ViewerDep, db: DbDep) -> Response:
    subgraphs.delete(db, viewer, subgraph_id)
    return Response(status_code=204)
