"""Reading the graph: search, entity detail, expand and paths. Thin: the services decide
what the caller may see and audit every look."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from backend.api.deps import DbDep, GraphDep, SettingsDep, ViewerDep
from backend.api.errors import ERROR_RESPONSES
from backend.api.schemas import NodeOut, SubgraphOut
from backend.services import entities, expand, paths, search

router = APIRouter(tags=["graph"], responses=ERROR_RESPONSES)


class SearchHit(NodeOut):
    score: float


class SearchResult(BaseModel):
    items: list[SearchHit]
    has_more: bool


class EntityOut(NodeOut):
    links: dict[str, int] = Field(description="Visible relationships per type")


class ExpandResult(SubgraphOut):
    center: str
    has_more: bool = Field(description="More neighbours: ask again with skip += limit")


class PathOut(BaseModel):
    nodes: list[str]
    relationships: list[str]


class PathsResult(SubgraphOut):
    paths: list[PathOut]


Labels = Annotated[list[str] | None, Query(description="Only these labels (repeat)")]


@router.get("/search", response_model=SearchResult)
def search_graph(
    viewer: ViewerDep, graph: GraphDep, db: DbDep, settings: SettingsDep,
    q: Annotated[str, Query(min_length=1, max_length=200, description="Words to find")],
    labels: Labels = None,
    jurisdictions: Annotated[list[str] | None, Query(
        description="ISO country codes: cases of these jurisdictions, records tied to them "
                    "or of these countries")] = None,
    skip: Annotated[int, Query(ge=0, le=10_000)] = 0,
    limit: Annotated[int, Query(ge=1, le=200)] = 25,
) -> dict[str, object]:
    """Full-text search (names, aliases, titles, identifiers), best first."""
    return search.search(graph, db, viewer, q, labels=labels, jurisdictions=jurisdictions,
                         skip=skip, limit=limit, timeout=settings.api_timeout)


@router.get("/entities/{node_id:path}", response_model=EntityOut)
def entity_detail(node_id: str, viewer: ViewerDep, graph: GraphDep, db: DbDep,
                  settings: SettingsDep) -> dict[str, object]:
    """Every property of one node with its provenance, and its visible links per type."""
    return entities.entity(graph, db, viewer, node_id, timeout=settings.api_timeout)


@router.get("/expand", response_model=ExpandResult)
def expand_node(
    viewer: ViewerDep, graph: GraphDep, db: DbDep, settings: SettingsDep,
    id: Annotated[str, Query(max_length=400, description="Node id, <Label>:<key>")],
    rel_types: Annotated[list[str] | None, Query(description="Only these types")] = None,
    labels: Labels = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    min_reliability: Annotated[str | None, Query(
        description="A-F: keep links at least this reliable (A best)")] = None,
    skip: Annotated[int, Query(ge=0, le=100_000)] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> dict[str, object]:
    """Neighbours of a node. Undated links are kept by the date filters."""
    return expand.expand(graph, db, viewer, id, rel_types=rel_types, labels=labels,
                         date_from=date_from, date_to=date_to, min_reliability=min_reliability,
                         skip=skip, limit=limit, timeout=settings.api_timeout)


@router.get("/paths", response_model=PathsResult)
def find_paths(
    viewer: ViewerDep, graph: GraphDep, db: DbDep, settings: SettingsDep,
    source: Annotated[str, Query(max_length=400)],
    target: Annotated[str, Query(max_length=400)],
    max_hops: Annotated[int, Query(ge=1, le=8)] = 4,
    all_shortest: bool = False,
    excluded_labels: Labels = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 25,
) -> dict[str, object]:
    """Shortest path (or all shortest paths) between two nodes."""
    return paths.paths(graph, db, viewer, source, target, max_hops=max_hops,
                       all_shortest=all_shortest, excluded_labels=excluded_labels, limit=limit,
                       timeout=settings.api_timeout)

