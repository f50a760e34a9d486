"""Uploading files through the API and the Ingest page: saved to a temporary folder under
their own names, loaded by ``ingest_paths``, audited. A file named after its template loads as
it is; a file in its source's own layout loads through a mapping: the one given with it, else
one kept for the source. ``propose_mapping`` and ``preview_mapping`` let a person write that
mapping first (a kept one, else a suggestion from the file's headers and values) and see the
first rows as they would load."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from backend.auth.roles import Permission
from backend.auth.viewer import Viewer
from backend.errors import BadInputError
from backend.services import alerts, audit
from backend.settings import Settings
from graph.connection import Graph
from ingest.grading import Grading
from ingest.mapping.apply import MappedFile, mapped_files, preview
from ingest.mapping.model import MappingError, parse_mapping
from ingest.mapping.store import MappingStore
from ingest.mapping.suggest import suggest
from ingest.pipeline import IngestUsageError, ingest_paths
from ingest.readers import UnreadableFileError
from ingest.report import IngestReport, ProgressEvent
from ingest.standards.files import NOTES, STANDARDS, standard_files
from ingest.templates import TEMPLATES
from values import InvalidValueError

_SAFE_NAME = re.compile(r"^[A-Za-z0-9_.-]{1,100}$")
PREVIEW_ROWS = 10


@dataclass
class Upload:
    filename: str
    content: bytes

    @property
    def name(self) -> str:
        return Path(self.filename or "").name

    @property
    def own_layout(self) -> bool:
        """Not named after a template: it loads through a mapping."""
        return TEMPLATES.for_file(Path(self.name)) is None


@dataclass
class MappingProposal:
    """A mapping for one uploaded file, and its first rows as they would load."""

    filename: str
    text: str
    origin: str  # "kept for <source>: <name>", "suggested" or "edited"
    rows: list[dict[str, Any]] = field(default_factory=list)
    problem: str | None = None  # why the mapping or the file cannot be used

    def to_dict(self) -> dict[str, Any]:
        return {"filename": self.filename, "text": self.text, "origin": self.origin,
                "rows": self.rows, "problem": self.problem}


def _safe(item: Upload) -> str:
    if not _SAFE_NAME.match(item.name):
        raise BadInputError(f"file name {item.filename!r}: use letters, digits, _, . and - "
                            "(the template's name, e.g. persons.csv, or the file's own)",
                            field="files")
    return item.name


def _store(store: MappingStore, source: str | None) -> str | None:
    if not source:
        return None
    try:
        store.folder(source)
    except InvalidValueError as exc:
        raise BadInputError(f"source {source!r}: {exc}", field="source") from None
    return source


def _preview_rows(files: list[MappedFile]) -> list[dict[str, Any]]:
    grading = Grading("preview")
    rows = []
    for mapped in files:
        for row in preview(mapped, grading, PREVIEW_ROWS):
            rows.append({"template": mapped.template.name, "line": row.line,
                         "as it would load": "; ".join(f"{k}={v}" for k, v in row.cells.items()
                                                       if v),
                         "problems": "; ".join(row.problems)})
    return rows


def preview_mapping(viewer: Viewer, item: Upload, text: str,
                    origin: str = "edited") -> MappingProposal:
    """The first rows of ``item`` read through the mapping ``text``, each with what the
    checker says of it; a bad mapping or an unreadable file is the proposal's problem."""
    viewer.require(Permission.upload)
    name = _safe(item)
    proposal = MappingProposal(name, text, origin)
    with tempfile.TemporaryDirectory(prefix="crosslink-preview-") as folder:
        path = Path(folder) / name
        path.write_bytes(item.content)
        try:
            mapping = parse_mapping(text, f"the mapping of {name}")
            proposal.rows = _preview_rows(mapped_files(path, mapping, f"the mapping of {name}"))
        except MappingError as exc:
            proposal.problem = str(exc)
        except UnreadableFileError as exc:
            proposal.problem = f"{name}: {exc.reason}"
        except (OSError, UnicodeDecodeError) as exc:
            proposal.problem = f"{name}: cannot read it: {exc}"
    return proposal


def propose_mapping(viewer: Viewer, store: MappingStore, item: Upload,
                    source: str | None = None) -> MappingProposal:
    """A mapping for a file in its own layout: the source's kept mapping that reads it, else
    a first one suggested from its headers and values; with its preview."""
    viewer.require(Permission.upload)
    name = _safe(item)
    source = _store(store, source)
    with tempfile.TemporaryDirectory(prefix="crosslink-propose-") as folder:
        path = Path(folder) / name
        path.write_bytes(item.content)
        kept = store.find(source, path) if source else None
        if kept is not None:
            text, origin = (kept.path.read_text(encoding="utf-8"),
                            f"kept for {source}: {kept.path.stem}")
        else:
            try:
                text, origin = suggest(path).text(), "suggested"
            except (UnreadableFileError, OSError, UnicodeDecodeError, StopIteration) as exc:
                return MappingProposal(name, "", "suggested",
                                       problem=f"{name}: cannot read it: {exc}")
    return preview_mapping(viewer, item, text, origin)


def upload(graph: Graph, db: Session, viewer: Viewer, files: list[Upload], *, source: str,
           reliability: str = "F", credibility: str = "6", tlp: str = "AMBER",
           source_name: str | None = None, source_kind: str | None = None,
           source_country: str | None = None, strict: bool = False,
           batch_size: int = 5000, standard: str | None = None,
           mappings: dict[str, str] | None = None, store: MappingStore | None = None,
           keep_mappings: bool = False) -> dict[str, Any]:
    """The validation report (``IngestReport.to_dict()``): rows loaded and every error.

    ``standard`` (htcds, ctdc): the files are in that data standard's layout, whatever their
    names. ``mappings``: file name -> mapping (YAML text) for files in their own layout; a file
    in its own layout without one reads through the source's kept mapping (``store``).
    ``keep_mappings``: keep the given mappings for the source."""
    viewer.require(Permission.upload)
    if not files:
        raise BadInputError("no file uploaded", field="files")
    if standard is not None and standard not in STANDARDS:
        raise BadInputError(f"unknown standard {standard!r}; known: {', '.join(STANDARDS)}",
                            field="standard")
    try:
        grading = Grading(source, source_name=source_name, source_kind=source_kind,
                          source_country=source_country, reliability=reliability,
                          credibility=credibility, tlp=tlp)
    except ValueError as exc:  # GradingError and InvalidValueError name the option
        raise BadInputError(str(exc), field=_grading_field(str(exc))) from None
    mappings = mappings or {}
    with tempfile.TemporaryDirectory(prefix="crosslink-upload-") as folder:
        paths: list[Path] = []
        mapped: list[MappedFile] = []
        for item in files:
            name = _safe(item)
            path = Path(folder) / name
            path.write_bytes(item.content)
            if standard:
                mapped.extend(standard_files(standard, path, grading.source_country))
            elif name in mappings:
                mapped.extend(_read_through(path, mappings[name]))
            elif item.own_layout and store is not None and (
                    kept := store.find(grading.source_id, path)) is not None:
                mapped.extend(mapped_files(path, kept.mapping, kept.path.stem))
            else:
                paths.append(path)
        report = load_files(
            graph, db, viewer, paths, grading, strict=strict, batch_size=batch_size,
            names=[f.filename for f in files], mapped=mapped,
            extra={"standard": standard, "mappings": sorted(mappings),
                   "mappings_kept": keep_mappings and bool(mappings)})
    if keep_mappings and store is not None:
        for text in mappings.values():
            store.save(grading.source_id, text)
    result = report.to_dict()
    if standard in NOTES:
        result["note"] = NOTES[standard]
    return result


def load_files(graph: Graph, db: Session, viewer: Viewer, paths: list[Path], grading: Grading,
               *, strict: bool = False, batch_size: int = 5000,
               progress: Callable[[ProgressEvent], None] | None = None,
               names: list[str] | None = None, mapped: Sequence[MappedFile] = (),
               encoding: str | None = None, delimiter: str | None = None,
               extra: dict[str, Any] | None = None,
               settings: Settings | None = None) -> IngestReport:
    """Load template files (or folders of them) and files read through their mapping
    (``mapped``), audit the load as an upload and raise the alerts it makes (deconfliction
    hits, watched entities); ``names``: what the audit calls the files (the uploaded names),
    else their paths as given; ``extra``: more audit parameters."""
    viewer.require(Permission.upload)
    shown = names if names is not None else [str(p) for p in (*paths, *(m.path for m in mapped))]
    try:
        report = ingest_paths(graph, paths, grading, strict=strict, batch_size=batch_size,
                              progress=progress, mapped=mapped, encoding=encoding,
                              delimiter=delimiter)
    except IngestUsageError as exc:
        audit.record(db, viewer, audit.Action.upload,
                     {"files": shown, "source": grading.source_id},
                     outcome=audit.Outcome.refused)
        raise BadInputError(str(exc), field="files") from None
    record_load(db, viewer, report, shown, grading, strict=strict, extra=extra)
    raise_alerts(graph, db, report, settings)
    return report


def raise_alerts(graph: Graph, db: Session, report: IngestReport,
                 settings: Settings | None = None) -> alerts.AlertRun:
    """The deconfliction and watch alerts of one load (its batch of its source)."""
    return alerts.after_load(graph, db, batch_id=report.batch_id, sources=[report.source_id],
                             settings=settings, context=f"load of {report.source_id}")


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


def _read_through(path: Path, text: str) -> list[MappedFile]:
    label = f"the mapping of {path.name}"
    try:
        return mapped_files(path, parse_mapping(text, label), label)
    except MappingError as exc:
        raise BadInputError(str(exc), field="mappings") from None


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
