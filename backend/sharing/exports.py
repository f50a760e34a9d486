"""Export a saved subgraph (bundle, FtM, GraphML, GEXF, CSV) and import bundles and FtM
files: the one entry point the CLI and the API share, with the audit record of each."""

from __future__ import annotations

import secrets
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from backend.auth.roles import Permission
from backend.auth.viewer import Viewer
from backend.db.models import SavedSubgraph
from backend.errors import BadInputError, NotFoundError
from backend.services import alerts, audit
from backend.settings import Settings
from backend.sharing import bundle, ftm, ftm_import, graph_files, subgraph_sharing
from backend.sharing.errors import SharingError
from backend.sharing.redaction import redact
from graph.connection import Graph
from graph.elements import BadNodeIdError
from graph.model import MODEL
from graph.subgraphs import import_elements, read_elements


class ExportFormat(StrEnum):
    bundle = "bundle"
    ftm = "ftm"
    graphml = "graphml"
    gexf = "gexf"
    csv = "csv"


def load_subgraph(db: Session, subgraph_id: int, viewer: Viewer) -> dict[str, Any]:
    """A chart the viewer may see (own, shared with them, or any for an admin); the local
    CLI (a system viewer), run by the instance's operator, may export any."""
    row = (db.get(SavedSubgraph, subgraph_id) if viewer.system
           else subgraph_sharing.visible(db, viewer, subgraph_id))
    if row is None:
        raise NotFoundError(f"no saved subgraph {subgraph_id} (see the Saved page or "
                            "GET /api/subgraphs)", field="id")
    return {"id": row.id, "name": row.name, "description": row.description,
            "elements": row.elements, "version": row.version, "owner_id": row.owner_id}


def export_elements(graph: Graph, db: Session, subgraph: dict[str, Any],
                    viewer: Viewer) -> dict[str, Any]:
    """The chart's elements from the live graph: for a user, only what they may see (the
    shared view's rule); for the operator's CLI, all of them. Redaction comes after."""
    elements = subgraph.get("elements") or {}
    if not viewer.system:
        return subgraph_sharing.chart_elements(graph, db, viewer, elements,
                                               subgraph["owner_id"])
    try:
        return read_elements(graph, bundle.saved_node_ids(elements))
    except BadNodeIdError as exc:
        raise SharingError(f"saved subgraph {subgraph['id']}: {exc}") from exc


def export_subgraph(graph: Graph, db: Session, settings: Settings, subgraph_id: int,
                    fmt: ExportFormat, out: Path, *, viewer: Viewer,
                    recipient: str | None = None, include_protected: bool = False,
                    reason: str | None = None) -> dict[str, Any]:
    """Write the export to ``out`` (a folder for CSV) with the redaction rules applied to
    every format; the export is audited (with the reason when protected persons go out)."""
    viewer.require(Permission.export)
    if include_protected:
        viewer.require(Permission.see_protected)
    subgraph = load_subgraph(db, subgraph_id, viewer)
    if include_protected and not (reason and reason.strip()):
        raise SharingError("--include-protected needs --reason TEXT (it is audited)",
                           field="reason")
    bundle.check_recipient(settings, recipient)
    elements = export_elements(graph, db, subgraph, viewer)
    if fmt is ExportFormat.bundle:
        document, report = bundle.build_bundle(settings, subgraph, elements,
                                               recipient=recipient,
                                               include_protected=include_protected,
                                               reason=reason)
        bundle.write_bundle(document, out)
        nodes, rels = document["nodes"], document["relationships"]
    else:
        nodes, rels, report = redact(elements["nodes"], elements["relationships"],
                                     recipient=recipient, include_protected=include_protected,
                                     salt=secrets.token_bytes(32))
        rels = [{**r, "id": bundle.rel_id(r)} for r in rels]
        if fmt is ExportFormat.ftm:
            ftm.write_ftm(nodes, rels, out)
        elif fmt is ExportFormat.graphml:
            graph_files.write_graphml(nodes, rels, out)
        elif fmt is ExportFormat.gexf:
            graph_files.write_gexf(nodes, rels, out)
        else:
            graph_files.write_csv(nodes, rels, out)
    summary = {"subgraph": subgraph_id, "format": fmt.value, "out": out.name,
               "recipient": recipient, "nodes": len(nodes), "relationships": len(rels),
               **report.as_dict()}
    audit.record(db, viewer, audit.Action.export,
                 {**summary, "reason": reason if include_protected else None},
                 result_size=len(nodes))
    return summary


def import_bundle_file(graph: Graph, db: Session, settings: Settings, path: Path, *,
                       viewer: Viewer) -> dict[str, Any]:
    return import_bundle_document(graph, db, settings, bundle.read_bundle(path),
                                  name=path.name, viewer=viewer)


def import_bundle_document(graph: Graph, db: Session, settings: Settings,
                           document: dict[str, Any], *, name: str,
                           viewer: Viewer) -> dict[str, Any]:
    """Verify and import; a refusal is audited too (outcome ``denied``)."""
    viewer.require(Permission.upload)
    try:
        result = bundle.import_bundle(graph, settings, document)
    except SharingError as exc:
        audit.record(db, viewer, audit.Action.upload,
                     {"bundle": name, "refused": exc.message}, outcome=audit.Outcome.denied)
        raise
    audit.record(db, viewer, audit.Action.upload, {"bundle": name, **result},
                 result_size=result["nodes"])
    alerts.after_load(graph, db, batch_id=f"bundle:{result['bundle_id']}",
                      sources=[result["source"]], settings=settings,
                      context=f"import of bundle {name}")
    return result


def import_ftm_lines(graph: Graph, db: Session, viewer: Viewer, lines: list[str], *,
                     name: str, origin: str, grading: dict[str, str]) -> dict[str, Any]:
    """Import FtM entities (JSON lines, or one JSON array): the one entry point of the CLI,
    the API and the Ingest page. ``origin`` becomes the source of every element (foreign
    entities become its records, ``<origin>:<entity id>``), ``grading`` (reliability,
    credibility, tlp) is stamped on each. Bad lines, schemata and properties with no place
    in the model are in the result (``errors``, ``unmapped``, ``dropped``); the rest loads.
    Audited as an upload."""
    viewer.require(Permission.upload)
    for key, value in grading.items():
        if value not in MODEL.enums[key]:
            raise BadInputError(f"{key} {value!r}: expected one of "
                                f"{', '.join(MODEL.enums[key])}", field=key)
    report = ftm_import.FtmReport(file=name, source=origin)
    entities = ftm_import.read_entities(lines, report)
    nodes, rels = ftm_import.to_elements(entities, report)
    for element in (*nodes, *rels):
        element["provenance"] = {**grading, **{k: v for k, v in
                                               element["provenance"].items() if v}}
    batch_id = f"ftm:{name}"
    counters = import_elements(graph, nodes, rels, origin=origin, batch_id=batch_id)
    if nodes:  # the source the records are of, as the ingest writes it for its sources
        source = {"id": f"Source:{origin}", "label": "Source", "properties": {},
                  "provenance": dict(grading)}
        counters["source_created"] = import_elements(
            graph, [source], [], origin=origin, batch_id=batch_id)["nodes_created"]
    result = {"file": name, "source": origin, "batch_id": batch_id,
              "entities": report.entities, "nodes": len(nodes),
              "relationships": len(rels), "links_skipped": report.links_skipped,
              "unmapped_entities": sum(c for c, _ in report.unmapped.values()),
              "values_dropped": sum(report.dropped.values()), "errors": len(report.errors),
              **counters,
              "schemata": dict(sorted(report.schemata.items())),
              "unmapped": report.unmapped_rows(), "dropped": report.dropped_rows(),
              "error_lines": [e.as_dict() for e in report.errors]}
    audit.record(db, viewer, audit.Action.upload,
                 {"files": [name], "source": origin, **grading, "batch_id": batch_id,
                  "format": "ftm", "rows_rejected": len(report.errors)},
                 result_size=report.entities)
    alerts.after_load(graph, db, batch_id=batch_id, sources=[origin],
                      context=f"import of {name}")
    return result
