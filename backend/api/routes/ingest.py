"""Uploading template files: the validation report comes back."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Query, UploadFile
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from backend.api.deps import DbDep, GraphDep, SettingsDep, ViewerDep
from backend.api.errors import ERROR_RESPONSES
from backend.auth.roles import Permission
from backend.errors import NotFoundError
from backend.services import ingest
from ingest.templates import TEMPLATES

router = APIRouter(prefix="/ingest", tags=["ingest"], responses=ERROR_RESPONSES)


@router.post("")
async def upload_files(
    viewer: ViewerDep, graph: GraphDep, db: DbDep, settings: SettingsDep,
    files: Annotated[list[UploadFile], File(description="Template files, e.g. persons.csv")],
    source: Annotated[str, Form(max_length=64)],
    reliability: Annotated[str, Form()] = "F",
    credibility: Annotated[str, Form()] = "6",
    tlp: Annotated[str, Form()] = "AMBER",
    source_name: Annotated[str | None, Form()] = None,
    source_kind: Annotated[str | None, Form()] = None,
    source_country: Annotated[str | None, Form()] = None,
    strict: Annotated[bool, Form()] = False,
    standard: Annotated[str | None, Form(
        description="htcds or ctdc: the files are an HTCDS 2.0 case sheet or a CTDC victim "
        "file (like `crosslink import htcds|ctdc`)")] = None,
) -> dict[str, Any]:
    """Load the files (like `crosslink ingest`); the report lists every rejected cell with
    file, line, column and reason."""
    uploads = [ingest.Upload(f.filename or "", await f.read()) for f in files]
    return await run_in_threadpool(
        ingest.upload, graph, db, viewer, uploads, source=source, reliability=reliability,
        credibility=credibility, tlp=tlp, source_name=source_name, source_kind=source_kind,
        source_country=source_country, strict=strict,
        batch_size=settings.ingest_batch_size, standard=standard or None)


@router.get("/uploads")
def my_uploads(viewer: ViewerDep, db: DbDep,
               limit: Annotated[int, Query(ge=1, le=500)] = 20) -> dict[str, Any]:
    """Your last uploads, newest first: when, files, source and grading, batch id, rows
    loaded and rejected, outcome (refused uploads too)."""
    return {"uploads": ingest.my_uploads(db, viewer, limit)}


@router.get("/templates")
async def list_templates(viewer: ViewerDep) -> dict[str, Any]:
    """The native templates in loading order, each with its columns (required or not, what
    they hold, allowed values), and the optional grading columns every template accepts."""
    viewer.require(Permission.upload)
    return {"templates": [t.describe() for t in TEMPLATES.templates.values()],
            "grading_columns": [c.name for c in TEMPLATES.grading_columns]}


@router.get("/templates/{name}.csv", response_class=Response,
            responses={200: {"content": {"text/csv": {}}}})
async def blank_template(viewer: ViewerDep, name: str) -> Response:
    """A template's blank CSV file (its header row), to fill in and upload."""
    viewer.require(Permission.upload)
    template = TEMPLATES.templates.get(name)
    if template is None:
        raise NotFoundError(f"no template {name!r}; templates: "
                            f"{', '.join(TEMPLATES.templates)}", field="name")
    return Response(template.blank_csv(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})
