"""Saved-subgraph versions, sharing (private, teams, instance) and comments, exports (signed
bundle, FtM, GraphML, GEXF, CSV as zip) and imports of partner bundles and FtM entities
(docs/sharing.md)."""

from __future__ import annotations

import io
import json
import tempfile
import zipfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Body, Query, Response
from pydantic import BaseModel, Field

from backend.api.deps import DbDep, GraphDep, SettingsDep, ViewerDep
from backend.api.errors import ERROR_RESPONSES
from backend.sharing import subgraph_sharing, subgraph_versions
from backend.sharing.exports import (
    ExportFormat,
    export_subgraph,
    import_bundle_document,
    import_ftm_lines,
)

router = APIRouter(tags=["sharing"], responses=ERROR_RESPONSES)

MEDIA = {ExportFormat.bundle: "application/json", ExportFormat.ftm: "application/x-ndjson",
         ExportFormat.graphml: "application/xml", ExportFormat.gexf: "application/xml",
         ExportFormat.csv: "application/zip"}
SUFFIX = {ExportFormat.bundle: "bundle.json", ExportFormat.ftm: "ftm.json",
          ExportFormat.graphml: "graphml", ExportFormat.gexf: "gexf", ExportFormat.csv: "zip"}


@router.get("/subgraphs/{subgraph_id}/versions")
def versions(subgraph_id: int, viewer: ViewerDep, db: DbDep) -> list[dict[str, Any]]:
    return subgraph_versions.list_versions(db, viewer, subgraph_id)


@router.get("/subgraphs/{subgraph_id}/versions/{version}")
def version(subgraph_id: int, version: int, viewer: ViewerDep, db: DbDep) -> dict[str, Any]:
    """The chart as it was saved in ``version``."""
    return subgraph_versions.get_version(db, viewer, subgraph_id, version)


@router.get("/subgraphs/{subgraph_id}/diff")
def diff(subgraph_id: int, viewer: ViewerDep, db: DbDep,
         from_version: Annotated[int, Query(alias="from")],
         to_version: Annotated[int, Query(alias="to")]) -> dict[str, Any]:
    """Nodes, relationships, positions and notes that changed between two versions."""
    return subgraph_versions.compare(db, viewer, subgraph_id, from_version, to_version)


@router.get("/subgraphs/{subgraph_id}/added")
def added(subgraph_id: int, viewer: ViewerDep, db: DbDep, graph: GraphDep,
          version: int | None = None) -> dict[str, Any]:
    """New links and cases around the chart's nodes in the live graph."""
    return subgraph_versions.added_since(graph, db, viewer, subgraph_id, version)


@router.get("/subgraphs/{subgraph_id}/export")
def export(subgraph_id: int, viewer: ViewerDep, db: DbDep, graph: GraphDep,
           settings: SettingsDep, format: ExportFormat = ExportFormat.bundle,
           to: str | None = None, include_protected: bool = False,
           reason: str | None = None) -> Response:
    """The export as a download; the redaction rules and the audit are the CLI's."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / f"subgraph-{subgraph_id}.{SUFFIX[format]}"
        export_subgraph(graph, db, settings, subgraph_id, format,
                        out.with_suffix("") if format is ExportFormat.csv else out,
                        recipient=to, include_protected=include_protected, reason=reason,
                        viewer=viewer)
        if format is ExportFormat.csv:
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
                for path in sorted(out.with_suffix("").iterdir()):
                    archive.write(path, path.name)
            content = buffer.getvalue()
        else:
            content = out.read_bytes()
    return Response(content, media_type=MEDIA[format],
                    headers={"Content-Disposition": f'attachment; filename="{out.name}"'})


@router.post("/import/bundle")
def import_bundle(viewer: ViewerDep, db: DbDep, graph: GraphDep, settings: SettingsDep,
                  document: Annotated[dict[str, Any], Body()]) -> dict[str, Any]:
    """Verify a partner's signed bundle against the trusted keys and merge it."""
    return import_bundle_document(graph, db, settings, document,
                                  name=str(document.get("bundle_id")), viewer=viewer)


@router.post("/import/ftm")
def import_ftm(viewer: ViewerDep, graph: GraphDep, db: DbDep,
               entities: Annotated[list[dict[str, Any]], Body()],
               source: str = "ftm:api", reliability: str = "F", credibility: str = "6",
               tlp: str = "AMBER") -> dict[str, Any]:
    """FtM entities (a JSON array) into the graph, graded as given (audited); the result lists
    what had no place in the model and the entities that are not valid FtM (by position)."""
    return import_ftm_lines(graph, db, viewer, [json.dumps(e) for e in entities], name="api",
                            origin=source, grading={"reliability": reliability,
                                                    "credibility": credibility, "tlp": tlp})


class ShareIn(BaseModel):
    visibility: str = Field(description="private, team or instance")
    teams: list[int] = Field(default_factory=list, description="team ids (visibility team)")


class CommentIn(BaseModel):
    body: str = Field(min_length=1, max_length=10_000)


@router.put("/subgraphs/{subgraph_id}/sharing")
def share(subgraph_id: int, body: ShareIn, viewer: ViewerDep, db: DbDep) -> dict[str, Any]:
    """Who sees the chart: only its owner, the given teams, or every user of the instance."""
    return subgraph_sharing.share(db, viewer, subgraph_id, body.visibility, body.teams)


@router.get("/shared")
def shared(viewer: ViewerDep, db: DbDep) -> list[dict[str, Any]]:
    """Charts others shared with the viewer (instance-wide or through a team)."""
    return subgraph_sharing.shared_with_me(db, viewer)


@router.get("/shared/{subgraph_id}")
def shared_view(subgraph_id: int, viewer: ViewerDep, db: DbDep, graph: GraphDep
                ) -> dict[str, Any]:
    """A shared chart's elements from the live graph, within the TLP rules."""
    return subgraph_sharing.view(graph, db, viewer, subgraph_id)


@router.get("/subgraphs/{subgraph_id}/comments")
def comments(subgraph_id: int, viewer: ViewerDep, db: DbDep) -> list[dict[str, Any]]:
    return subgraph_sharing.comments(db, viewer, subgraph_id)


@router.post("/subgraphs/{subgraph_id}/comments", status_code=201)
def comment(subgraph_id: int, body: CommentIn, viewer: ViewerDep, db: DbDep
            ) -> dict[str, Any]:
    return subgraph_sharing.add_comment(db, viewer, subgraph_id, body.body)
