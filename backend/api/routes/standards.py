"""Cases in IOM's data standards as downloads: the HTCDS 2.0 case sheet and the
k-anonymised CTDC file, with the CLI's rules (visibility, TLP, protected persons, audit)."""

from __future__ import annotations

import datetime as dt
import tempfile
from enum import StrEnum
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Query, Response

from backend.api.deps import DbDep, GraphDep, SettingsDep, ViewerDep
from backend.api.errors import ERROR_RESPONSES
from backend.services import standards_export

router = APIRouter(prefix="/export", tags=["export"], responses=ERROR_RESPONSES)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class SheetFormat(StrEnum):
    xlsx = "xlsx"
    csv = "csv"


def _download(path: Path, media_type: str) -> Response:
    return Response(path.read_bytes(), media_type=media_type,
                    headers={"Content-Disposition": f'attachment; filename="{path.name}"'})


@router.get("/htcds")
def export_htcds(
    viewer: ViewerDep, graph: GraphDep, db: DbDep, settings: SettingsDep,
    country: Annotated[list[str] | None, Query(description="Jurisdictions (ISO alpha-2)")] = None,
    since: Annotated[dt.date | None, Query(description="Cases opened on or after")] = None,
    source: Annotated[list[str] | None, Query(description="Source ids")] = None,
    format: SheetFormat = SheetFormat.xlsx,
    include_protected: bool = False,
    reason: Annotated[str | None, Query(max_length=500)] = None,
) -> Response:
    """The HTCDS 2.0 case sheet of the cases you may see (never TLP:RED or AMBER+STRICT)."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / f"htcds-cases.{format.value}"
        standards_export.export_htcds_file(
            graph, db, viewer, out, countries=country, since=since, sources=source,
            include_protected=include_protected, reason=reason, timeout=settings.api_timeout)
        return _download(out, XLSX if format is SheetFormat.xlsx else "text/csv")


@router.get("/ctdc")
def export_ctdc(
    viewer: ViewerDep, graph: GraphDep, db: DbDep, settings: SettingsDep,
    k: Annotated[int | None, Query(ge=2, le=1000)] = None,
    country: Annotated[list[str] | None, Query(description="Jurisdictions (ISO alpha-2)")] = None,
    since: Annotated[dt.date | None, Query(description="Cases opened on or after")] = None,
) -> Response:
    """A k-anonymised CTDC file of the victims you may see (k: CROSSLINK_CTDC_K by default)."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "ctdc-victims.csv"
        standards_export.export_ctdc_file(graph, db, viewer, out, k=k or settings.ctdc_k,
                                          countries=country, since=since,
                                          timeout=settings.api_timeout)
        return _download(out, "text/csv")
