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
from backend.services import chart_links, entities, expand, paths, search

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


class NodeSet(BaseModel):
    ids: list[str] = Field(min_length=1, max_length=chart_links.MAX_NODES,
                           description="Node ids, <Label>:<key>")


class LinksAmongResult(SubgraphOut):
    has_more: bool = Field(description="More links than were returned: fewer nodes")


class CrossMatch(BaseModel):
    of: str = Field(description="The chosen node")
    record: str = Field(description="The record elsewhere")
    via: str | None = Field(description="The shared identifier; null for a SAME_AS")


class CrossReferenceResult(SubgraphOut):
    matches: list[CrossMatch]
    has_more: bool


class Lines(BaseModel):
    text: str = Field(max_length=40_000, description="One name, number or id a line")


class LineHit(BaseModel):
    line: int
    text: str
    node: SearchHit


class LinesResult(BaseModel):
    found: list[LineHit]
    not_found: list[str] = Field(description="The lines nothing was found for")


Labels = Annotated[list[str] | None, Query(description="Only these labels (repeat)")]


@router.get("/search", response_model=SearchResult)
def search_graph(
    viewer: ViewerDep, graph: GraphDep, db: DbDep, settings: SettingsDep,
    q: Annotated[str, Query(min_length=1, max_length=200, description="Words to find")],
    labels: Labels = None,
    jurisdictions: Annotated[list[str] | None, Query(
        description="ISO country codes: cases of these jurisdictions, records tied to them "
                    "or of these countries")] = None,
    sources: Annotated[list[str] | None, Query(
        description="Source ids: records of these sources, identifiers they reported")] = None,
    date_from: Annotated[dt.date | None, Query(
        description="The node's own date (opened, paid, travelled, posted) from; undated "
                    "nodes are kept")] = None,
    date_to: dt.date | None = None,
    skip: Annotated[int, Query(ge=0, le=10_000)] = 0,
    limit: Annotated[int, Query(ge=1, le=200)] = 25,
) -> dict[str, object]:
    """Full-text search (names, aliases, titles, identifiers), best first."""
    return search.search(graph, db, viewer, q, labels=labels, jurisdictions=jurisdictions,
                         sources=sources, date_from=date_from, date_to=date_to,
                         skip=skip, limit=limit, timeout=settings.api_timeout)


@router.post("/search/lines", response_model=LinesResult)
def search_lines(body: Lines, viewer: ViewerDep, graph: GraphDep, db: DbDep,
                 settings: SettingsDep) -> dict[str, object]:
    """A pasted list, one name, phone, IBAN or case id a line: each line's best hit, and the
    lines nothing was found for."""
    return search.search_lines(graph, db, viewer, body.text, timeout=settings.api_timeout)


@router.post("/links-among", response_model=LinksAmongResult)
def links_among(body: NodeSet, viewer: ViewerDep, graph: GraphDep, db: DbDep,
                settings: SettingsDep) -> dict[str, object]:
    """The relationships between the given nodes (reveal links among these)."""
    return chart_links.links_among(graph, db, viewer, body.ids, timeout=settings.api_timeout)


@router.post("/cross-reference", response_model=CrossReferenceResult)
def cross_reference(body: NodeSet, viewer: ViewerDep, graph: GraphDep, db: DbDep,
                    settings: SettingsDep) -> dict[str, object]:
    """Records elsewhere that resolve to (SAME_AS) or share an identifier with the nodes."""
    return chart_links.cross_reference(graph, db, viewer, body.ids,
                                       timeout=settings.api_timeout)


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
    k: Annotated[int | None, Query(ge=1, le=10, description=(
        "The k shortest paths, of increasing length (not only the shortest)"))] = None,
    excluded_rel_types: Annotated[list[str] | None, Query(
        description="No relationship of these types on a path (repeat)")] = None,
    excluded_nodes: Annotated[list[str] | None, Query(
        description="Node ids no path may go through (repeat)")] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 25,
) -> dict[str, object]:
    """Shortest path (or all shortest paths, or the k shortest) between two nodes."""
    return paths.paths(graph, db, viewer, source, target, max_hops=max_hops,
                       all_shortest=all_shortest, excluded_labels=excluded_labels, k=k,
                       excluded_rel_types=excluded_rel_types, excluded_nodes=excluded_nodes,
                       limit=limit, timeout=settings.api_timeout)

