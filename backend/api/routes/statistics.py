"""Statistics of the cases you may see, for any filter; the situation report of a country."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi import Path as Path_
from fastapi.responses import HTMLResponse, Response

from backend.api.deps import DbDep, GraphDep, SettingsDep, ViewerDep
from backend.api.errors import ERROR_RESPONSES
from backend.reports.situation_html import situation_html
from backend.reports.situation_pdf import situation_pdf
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


class ReportFormat(StrEnum):
    json = "json"
    html = "html"
    pdf = "pdf"


@router.get("/statistics/situation/{country}", response_model=None,
            responses={200: {"content": {"application/pdf": {}, "text/html": {}}}})
def get_situation_report(
    country: Annotated[str, Path_(max_length=2)], viewer: ViewerDep, graph: GraphDep,
    db: DbDep, settings: SettingsDep, since: Since = None,
    format: ReportFormat = ReportFormat.json,  # noqa: A002 (the query parameter's name)
) -> dict[str, Any] | Response:
    """The situation report of a country: JSON, an HTML page or a PDF with charts."""
    report = situation.situation_report(graph, db, viewer, country, since=since,
                                        timeout=settings.api_timeout)
    if format is ReportFormat.json:
        return report
    name = f"situation-{report['country']}"
    if format is ReportFormat.html:
        return HTMLResponse(situation_html(report))
    return Response(situation_pdf(report), media_type="application/pdf",
                    headers={"content-disposition": f'inline; filename="{name}.pdf"'})
