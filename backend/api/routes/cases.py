"""Cases: the list with filters and one case with its parties."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel

from backend.api.deps import DbDep, GraphDep, SettingsDep, ViewerDep
from backend.api.errors import ERROR_RESPONSES
from backend.api.schemas import NodeOut
from backend.services import cases

router = APIRouter(prefix="/cases", tags=["cases"], responses=ERROR_RESPONSES)


class CaseList(BaseModel):
    items: list[NodeOut]
    has_more: bool


class Party(NodeOut):
    role: str | None = None


class CaseOut(NodeOut):
    parties: list[Party]
    authorities: list[NodeOut]


@router.get("", response_model=CaseList)
def case_list(
    viewer: ViewerDep, graph: GraphDep, db: DbDep, settings: SettingsDep,
    jurisdictions: Annotated[list[str] | None, Query()] = None,
    status: str | None = None,
    sector: Annotated[str | None, Query(max_length=100)] = None,
    indicators: Annotated[list[str] | None, Query(description="Cases with all of these")] = None,
    year: Annotated[int | None, Query(ge=1900, le=2200, description="Opened in this year")
                    ] = None,
    exploitation_type: Annotated[str | None, Query(max_length=40)] = None,
    citizenship: Annotated[str | None, Query(
        max_length=2, description="Cases with a victim of this nationality (ISO alpha-2)")
    ] = None,
    skip: Annotated[int, Query(ge=0, le=100_000)] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> dict[str, object]:
    return cases.list_cases(graph, db, viewer, jurisdictions=jurisdictions, status=status,
                            sector=sector, indicators=indicators, year=year,
                            exploitation_type=exploitation_type, citizenship=citizenship,
                            skip=skip, limit=limit,
                            timeout=settings.api_timeout)


@router.get("/{uid:path}", response_model=CaseOut)
def case_detail(uid: str, viewer: ViewerDep, graph: GraphDep, db: DbDep,
                settings: SettingsDep) -> dict[str, object]:
    return cases.case(graph, db, viewer, uid, timeout=settings.api_timeout)
