"""Cross-border networks: groups of linked cases spanning jurisdictions."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse, Response

from backend.api.deps import DbDep, GraphDep, SettingsDep, ViewerDep
from backend.api.errors import ERROR_RESPONSES
from backend.reports.brief_html import brief_html
from backend.reports.brief_pdf import brief_pdf
from backend.services import brief, networks

router = APIRouter(prefix="/networks", tags=["networks"], responses=ERROR_RESPONSES)


@router.get("")
def list_networks(viewer: ViewerDep, graph: GraphDep, db: DbDep, settings: SettingsDep,
                  min_jurisdictions: Annotated[int, Query(ge=1, le=50)] = 2
                  ) -> list[dict[str, Any]]:
    """Networks whose every case you may see, highest score first."""
    return networks.list_networks(graph, db, viewer, min_jurisdictions=min_jurisdictions,
                                  timeout=settings.api_timeout)


@router.get("/{network_id}")
def get_network(network_id: str, viewer: ViewerDep, graph: GraphDep, db: DbDep,
                settings: SettingsDep) -> dict[str, Any]:
    return networks.network(graph, db, viewer, network_id, timeout=settings.api_timeout)


class BriefFormat(StrEnum):
    pdf = "pdf"
    html = "html"


@router.get("/{network_id}/brief", response_model=None,
            responses={200: {"content": {"application/pdf": {}, "text/html": {}}}})
def get_network_brief(
    network_id: str, viewer: ViewerDep, graph: GraphDep, db: DbDep, settings: SettingsDep,
    format: BriefFormat = BriefFormat.pdf,  # noqa: A002 (the query parameter's name)
    requesting: Annotated[str | None, Query(
        max_length=2, description="Requesting jurisdiction (ISO alpha-2)")] = None,
) -> Response:
    """The joint-operation brief of a network, as a download (PDF or HTML)."""
    found = brief.network_brief(graph, db, viewer, network_id, fmt=format.value,
                                requesting=requesting, timeout=settings.api_timeout)
    name = brief.brief_filename(found, format.value)
    disposition = {"content-disposition": f'attachment; filename="{name}"'}
    if format is BriefFormat.html:
        return HTMLResponse(brief_html(found), headers=disposition)
    return Response(brief_pdf(found), media_type="application/pdf", headers=disposition)
