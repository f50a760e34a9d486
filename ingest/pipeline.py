"""The ingest pipeline: template files -> checked rows -> batches loaded with MERGE.

``ingest_paths`` is the one entry point (CLI, API upload, demo loader). Files are streamed in
batches; each batch is checked (cells, then references), and its good rows are written in one
transaction. With ``strict`` a first pass checks everything and nothing is written if any row
is rejected.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from itertools import islice
from pathlib import Path

from graph.connection import Graph
from graph.loaders import Counters, write_batch
from ingest.grading import Grading
from ingest.mapping.apply import MappedFile
from ingest.readers import (
    IngestUsageError,
    TemplateFile,
    UnreadableFileError,
    check_utf8,
    discover,
    open_rows,
    xlsx_row_estimate,
)
from ingest.records import RunInfo, loader_row
from ingest.references import KnownRecords, resolve_references
from ingest.report import FileReport, IngestError, IngestReport, ProgressEvent
from ingest.validation import CheckedRow, RowChecker

__all__ = ["Grading", "IngestReport", "IngestUsageError", "ProgressEvent", "ingest_paths"]

Progress = Callable[[ProgressEvent], None]


def ingest_paths(
    graph: Graph,
    paths: Sequence[Path],
    grading: Grading,
    *,
    strict: bool = False,
    batch_size: int = 5000,
    progress: Progress | None = None,
    mapped: Sequence[MappedFile] = (),
) -> IngestReport:
    """Load template files and folders (dependency order) into the graph; ``mapped``: files
    in their source's own layout, read through their mapping (``ingest.mapping``).

    Raises ``IngestUsageError`` when a path is missing or names no template. Every other
    problem is in the report: one ``IngestError`` per broken cell, rejected rows skipped."""
    if batch_size < 1:
        raise IngestUsageError("--batch-size must be at least 1")
    files: list[TemplateFile | MappedFile] = sorted(
        [*(discover([Path(p) for p in paths]) if paths else []), *mapped],
        key=lambda f: (f.template.order, str(f.path)))
    run = RunInfo(uuid.uuid4().hex, dt.datetime.now(dt.UTC))
    report = IngestReport(batch_id=run.batch_id, source_id=grading.source_id, strict=strict)
    if strict:
        check = _Pass(graph, grading, run, batch_size, progress, None)
        check_reports = [check.file(f) for f in files]
        if check.errors:
            for file_report in check_reports:
                file_report.rows_loaded = 0
            report.files, report.errors = check_reports, check.errors
            return report
    with _Writer(graph, run) as writer:
        load = _Pass(graph, grading, run, batch_size, progress, writer)
        report.files = [load.file(f) for f in files]
    report.errors = load.errors
    return report


Line = tuple[int, list[str]]


def _batches(rows: Iterator[Line], size: int) -> Iterator[list[Line]]:
    while batch := list(islice(rows, size)):
        yield batch


class _Writer:
    """Writes one batch in the background while the next batch is read and checked, so that
    Python's checking and Neo4j's writing overlap. Batches are written one at a time, in order
    (a batch may refer to nodes of the one before)."""

    def __init__(self, graph: Graph, run: RunInfo) -> None:
        self.graph, self.run = graph, run
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ingest-writer")
        self.pending: tuple[Future[Counters], FileReport] | None = None

    def submit(self, report: FileReport, template: str, rows: list[dict[str, object]],
               sources: list[dict[str, object]]) -> None:
        self.wait()
        future = self.pool.submit(write_batch, self.graph, template, rows, sources,
                                  self.run.params())
        self.pending = (future, report)

    def wait(self) -> None:
        """Finish the batch in flight and count what it created (re-raises its error)."""
        if self.pending is None:
            return
        future, report = self.pending
        self.pending = None
        counters = future.result()
        report.nodes_created += counters.nodes_created
        report.relationships_created += counters.relationships_created

    def __enter__(self) -> _Writer:
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            if exc[0] is None:
                self.wait()
        finally:
            self.pool.shutdown(wait=True)


class _Pass:
    """One pass over the files: checking only (strict's first pass, no writer) or checking
    and loading."""

    def __init__(self, graph: Graph, grading: Grading, run: RunInfo, batch_size: int,
                 progress: Progress | None, writer: _Writer | None) -> None:
        self.graph, self.grading, self.run = graph, grading, run
        self.batch_size, self.progress, self.writer = batch_size, progress, writer
        self.write = writer is not None
        self.known = KnownRecords()
        self.errors: list[IngestError] = []
        self.sources_written: set[str] = set()

    def _emit(self, report: FileReport, total: int | None, done: bool = False) -> None:
        if self.progress:
            self.progress(ProgressEvent(report.path, report.template, report.rows_read, total,
                                        done, "load" if self.write else "check"))

    def file(self, tf: TemplateFile | MappedFile) -> FileReport:
        name = str(tf.path)
        report = FileReport(path=name, template=tf.template.name)
        total: int | None
        try:
            if isinstance(tf, MappedFile):  # its own layout and encoding, through its mapping
                total = tf.row_total()
            elif tf.path.suffix.lower() == ".csv":
                lines = check_utf8(tf.path)
                total = max(lines - 1, 0)
            else:
                total = xlsx_row_estimate(tf.path)
                total = None if total is None else max(total - 1, 0)
            self._emit(report, total)
            with (tf.open_rows() if isinstance(tf, MappedFile) else open_rows(tf.path)) as rows:
                self._rows(tf, rows, report, total)
        except UnreadableFileError as exc:
            report.refused = True
            self.errors.append(IngestError(name, exc.line, "", exc.value, exc.reason))
        except OSError as exc:
            report.refused = True
            self.errors.append(IngestError(name, 0, "", "", f"cannot read the file: {exc}"))
        except UnicodeDecodeError as exc:  # changed on disk after the UTF-8 scan
            report.refused = True
            self.errors.append(IngestError(name, 0, "", "", f"the file is not UTF-8: {exc}"))
        self._emit(report, report.rows_read, done=True)
        return report

    def _rows(self, tf: TemplateFile | MappedFile, rows: Iterator[tuple[int, list[str]]],
              report: FileReport, total: int | None) -> None:
        checker = RowChecker(tf.template, self.grading, report.path)
        header = next(rows, None)
        if header is None:
            self.errors.append(IngestError(report.path, 1, "", "",
                                           "the file is empty: expected a header row"))
            report.refused = True
            return
        header_error = checker.check_header(*header)
        if header_error:
            self.errors.append(header_error)
            report.refused = True
            return
        for batch in _batches(rows, self.batch_size):
            checked: list[CheckedRow] = []
            for line, cells in batch:
                row, errors = checker.check(line, cells)
                if row is None:
                    self.errors.extend(errors)
                else:
                    checked.append(row)
            good, ref_errors = resolve_references(self.graph, tf.template, checked, self.known,
                                                  report.path)
            self.errors.extend(ref_errors)
            report.rows_read += len(batch)
            report.rows_rejected += len(batch) - len(good)
            if self.writer is not None and good:
                self._write(report, tf.template.name, good, self.writer)
            for row in good:
                self.known.add(tf.template, row)
            report.rows_loaded += len(good)
            self._emit(report, total)

    def _write(self, report: FileReport, template: str, rows: list[CheckedRow],
               writer: _Writer) -> None:
        params = [loader_row(template, row, self.run) for row in rows]
        new_sources = sorted({row.source for row in rows} - self.sources_written)
        sources = [self._source_row(s) for s in new_sources]
        writer.submit(report, template, params, sources)
        self.sources_written.update(new_sources)

    def _source_row(self, source: str) -> dict[str, object]:
        g = self.grading
        own = source == g.source_id
        return {
            "id": source,
            "name": g.source_name if own else None,
            "kind": g.source_kind if own else None,
            "country": g.source_country if own else None,
            "prov": {"source": source, "record_id": source, "reliability": g.reliability,
                     "credibility": g.credibility, "tlp": g.tlp},
        }
