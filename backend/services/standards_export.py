"""Exports in IOM's data standards: the HTCDS 2.0 case sheet and the k-anonymised CTDC file of
what the viewer may see (``viewer`` None: the local owner at the CLI, who sees every case).

Both follow the rules of every export: nothing TLP:RED or TLP:AMBER+STRICT leaves (there is
no named recipient), protected persons stay unnamed in the HTCDS sheet unless their names are
asked for with a reason (and the viewer may see them), and each export is audited.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from backend.auth.roles import Permission
from backend.auth.viewer import Viewer
from backend.errors import BadInputError
from backend.services import audit
from backend.services.neo4j_errors import neo4j_errors
from graph import case_exports
from graph.access import AccessScope
from graph.connection import Graph
from ingest.standards.ctdc_file import ctdc_row, k_anonymise, record_of_case_victim, write_ctdc
from ingest.standards.htcds_sheet import sheet_row, write_sheet


def _scope(graph: Graph, viewer: Viewer) -> AccessScope:
    viewer.require(Permission.export)
    return viewer.scope(graph)


def _record(db: Session, viewer: Viewer, parameters: dict[str, Any], size: int) -> None:
    audit.record(db, viewer, audit.Action.export, parameters, result_size=size)


def _out_folder(out: Path) -> None:
    if not out.parent.exists():
        raise BadInputError(f"--out {out}: the folder {out.parent} does not exist", field="out")


def export_htcds_file(graph: Graph, db: Session, viewer: Viewer, out: Path, *,
                      countries: list[str] | None = None, since: dt.date | None = None,
                      sources: list[str] | None = None, include_protected: bool = False,
                      reason: str | None = None, timeout: float | None = None
                      ) -> dict[str, Any]:
    """Write the HTCDS sheet of the cases to ``out`` (.xlsx, else CSV)."""
    scope = _scope(graph, viewer)
    if include_protected:
        viewer.require(Permission.see_protected)
        if not (reason and reason.strip()):
            raise BadInputError("--include-protected needs --reason TEXT (it is audited)",
                                field="reason")
    _out_folder(out)
    with neo4j_errors(timeout):
        cases = case_exports.htcds_cases(graph, scope, jurisdictions=countries or [],
                                         since=since, sources=sources or [], timeout=timeout)
    rows, masked = [], 0
    for case in cases:
        row, was_masked = sheet_row(case, include_protected=include_protected)
        rows.append(row)
        masked += was_masked
    write_sheet(out, rows)
    summary = {"format": "htcds", "out": out.name, "cases": len(rows), "masked": masked,
               "countries": countries or [], "since": since.isoformat() if since else None,
               "sources": sources or [], "include_protected": include_protected}
    _record(db, viewer, {**summary, "reason": reason if include_protected else None}, len(rows))
    return summary


def export_ctdc_file(graph: Graph, db: Session, viewer: Viewer, out: Path, *, k: int,
                     countries: list[str] | None = None, since: dt.date | None = None,
                     timeout: float | None = None) -> dict[str, Any]:
    """Write the k-anonymised CTDC file of the victims of the cases and the victim records."""
    if k < 2:
        raise BadInputError("k must be at least 2", field="k")
    scope = _scope(graph, viewer)
    _out_folder(out)
    with neo4j_errors(timeout):
        victims, records = case_exports.ctdc_victims(graph, scope, jurisdictions=countries or [],
                                                     since=since, timeout=timeout)
    rows = [ctdc_row(record_of_case_victim(v)) for v in victims] + [ctdc_row(r) for r in records]
    anonymised = k_anonymise(rows, k)
    write_ctdc(out, anonymised.rows)
    summary = {"format": "ctdc", "out": out.name, "rows": len(rows), "k": k,
               "suppressed": anonymised.suppressed, "case_victims": len(victims),
               "victim_records": len(records), "countries": countries or [],
               "since": since.isoformat() if since else None}
    _record(db, viewer, summary, len(rows))
    return summary
