"""Uploading template files: the validation report comes back."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, UploadFile
from starlette.concurrency import run_in_threadpool

from backend.api.deps import DbDep, GraphDep, SettingsDep, ViewerDep
from backend.api.errors import ERROR_RESPONSES
from backend.services import ingest

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
) -> dict[str, Any]:
    """Load the files (like `crosslink ingest`); the report lists every rejected cell with
    file, line, column and reason."""
    uploads = [ingest.Upload(f.filename or "", await f.read()) for f in files]
    return await run_in_threadpool(
        ingest.upload, graph, db, viewer, uploads, source=source, reliability=reliability,
        credibility=credibility, tlp=tlp, source_name=source_name, source_kind=source_kind,
        source_country=source_country, strict=strict,
        batch_size=settings.ingest_batch_size)
