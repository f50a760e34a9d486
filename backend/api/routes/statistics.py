"""Statistics of the cases you may see, for any filter; the situation report of a country."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from backend.api.deps import DbDep, GraphDep, SettingsDep, ViewerDep
from backend.api.errors import ERROR_RESPONSES
from backend.services import situation, statistics

router = APIRouter(tags=["statistics"], responses=ERROR_RESPONSES)

Countries = Annotated[list[str] | None, Query(
    description="Jurisdictions of the cases (ISO 3166-1 alpha-2), repeated or comma-separated")]
Since = Annotated[str | None, Query(description="Cases opened on or after (YYYY-MM-DD)",
                                    max_length=40)]
Until = Annotated[str | None, Query(description="Cases opened on or before (YYYY-MM-DD)",
                                    max_length=40)]


@router.get("/statistics")
def get_statistics(
    viewer: ViewerDep, graph: GraphDep, db: DbDep, settings: SettingsDep,
    countries: Countries = None, since: Since = None, until: Until = None,
    sector: Annotated[str | None, Query(max_length=100)] = None,
    source_kind: Annotated[str | None, Query(
        max_length=100, description="Kind of the source that reported the case")] = None,
) -> dict[str, Any]:
    """Victims, cases, corridors, agencies without a valid licence and networks by country
    pair, counted over the cases you may see; ``left_out`` says how many were not."""
    flt = statistics.make_filter(countries=countries, since=since, until=until, sector=sector,
                                 source_kind=source_kind)
    return statistics.statistics(graph, db, viewer, flt, timeout=settings.api_timeout)


@router.get("/statistics/situation/{country}")
def get_situation_report(country: str, viewer: ViewerDep, graph: GraphDep, db: DbDep,
                         settings: SettingsDep, since: Since = None) -> dict[str, Any]:
    """The situation report of a country as JSON (the CLI writes it as PDF or HTML too)."""
    return situation.situation_report(graph, db, viewer, country, since=since,
                                      timeout=settings.api_timeout)
