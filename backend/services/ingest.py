"""Loading template files, audited: files on the server (``crosslink ingest``) and files
uploaded through the API, saved to a temporary folder under their own names (a file's name
says which template it is); both loaded by ``ingest_paths``."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from backend.auth.roles import Permission
from backend.auth.viewer import Viewer
from backend.errors import BadInputError
from backend.services import audit
from graph.connection import Graph
from ingest.grading import Grading
from ingest.pipeline import IngestUsageError, ingest_paths
from ingest.report import IngestReport, ProgressEvent

_SAFE_NAME = re.compile(r"^[A-Za-z0-9_.-]{1,100}$")


@dataclass
class Upload:
    filename: str
    content: bytes


def upload(graph: Graph, db: Session, viewer: Viewer, files: list[Upload], *, source: str,
           reliability: str = "F", credibility: str = "6", tlp: str = "AMBER",
           source_name: str | None = None, source_kind: str | None = None,
           source_country: str | None = None, strict: bool = False,
           batch_size: int = 5000) -> dict[str, Any]:
    """The validation report (``IngestReport.to_dict()``): rows loaded and every error."""
    viewer.require(Permission.upload)
    if not files:
        raise BadInputError("no file uploaded", field="files")
    try:
        grading = Grading(source, source_name=source_name, source_kind=source_kind,
                          source_country=source_country, reliability=reliability,
                          credibility=credibility, tlp=tlp)
    except ValueError as exc:  # GradingError and InvalidValueError name the option
        raise BadInputError(str(exc), field=_grading_field(str(exc))) from None
    with tempfile.TemporaryDirectory(prefix="crosslink-upload-") as folder:
        paths = []
        for item in files:
            name = Path(item.filename or "").name
            if not _SAFE_NAME.match(name):
                raise BadInputError(f"file name {item.filename!r}: use the template's name, "
                                    "e.g. persons.csv", field="files")
            path = Path(folder) / name
            path.write_bytes(item.content)
            paths.append(path)
        report = load_files(graph, db, viewer, paths, grading, strict=strict,
                            batch_size=batch_size, names=[f.filename for f in files])
    return report.to_dict()


def load_files(graph: Graph, db: Session, viewer: Viewer, paths: list[Path], grading: Grading,
               *, strict: bool = False, batch_size: int = 5000,
               progress: Callable[[ProgressEvent], None] | None = None,
               names: list[str] | None = None) -> IngestReport:
    """Load template files (or folders of them) and audit the load as an upload; ``names``:
    what the audit calls the files (the uploaded names), else their paths as given."""
    viewer.require(Permission.upload)
    shown = names if names is not None else [str(p) for p in paths]
    try:
        report = ingest_paths(graph, paths, grading, strict=strict, batch_size=batch_size,
                              progress=progress)
    except IngestUsageError as exc:
        audit.record(db, viewer, audit.Action.upload,
                     {"files": shown, "source": grading.source_id},
                     outcome=audit.Outcome.refused)
        raise BadInputError(str(exc), field="files") from None
    record_load(db, viewer, report, shown, grading, strict=strict)
    return report


def record_load(db: Session, viewer: Viewer, report: IngestReport, files: list[str],
                grading: Grading, *, strict: bool = False,
                extra: dict[str, Any] | None = None) -> None:
    """The audit record of one load (one source's files), as the Ingest page lists them;
    ``extra``: more parameters (the demo data set's scale and seed)."""
    audit.record(db, viewer, audit.Action.upload,
                 {**(extra or {}), "files": files, "source": report.source_id,
                  "reliability": grading.reliability, "credibility": grading.credibility,
                  "tlp": grading.tlp, "strict": strict, "batch_id": report.batch_id,
                  "rows_rejected": report.rows_rejected},
                 result_size=report.rows_loaded)


def my_uploads(db: Session, viewer: Viewer, limit: int = 20) -> list[dict[str, Any]]:
    """The viewer's last uploads, newest first, from the audit log: when, which files, the
    source and its grading, the batch id (on every node and relationship it wrote) and the
    rows loaded and rejected; refused uploads too."""
    viewer.require(Permission.upload)
    rows = []
    for event in audit.own_events(db, viewer, audit.Action.upload, limit=limit):
        p = event.parameters
        rows.append({
            "at": event.at.isoformat(), "files": ", ".join(p.get("files", [])),
            "source": p.get("source"),
            "grading": " ".join(str(p[k]) for k in ("reliability", "credibility", "tlp")
                                if p.get(k)),
            "strict": p.get("strict"), "batch_id": p.get("batch_id"),
            "rows_loaded": event.result_size,
            "rows_rejected": p.get("rows_rejected"), "outcome": event.outcome,
        })
    return rows


def _grading_field(message: str) -> str:
    for name in ("reliability", "credibility", "tlp", "source_country"):
        if name.split("_")[-1] in message:
            return name
    return "source"
