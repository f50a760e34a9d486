"""The ingest pipeline: template files -> checked rows -> batches loaded with MERGE.

``ingest_paths`` is the one entry point (CLI, API upload, demo loader). Every file is read by
``ingest.readers`` (its encoding and delimiter detected unless given), streamed in batches;
each batch is checked (cells, then references), and its good rows are written in one
transaction. A batch Neo4j refuses is split until the rows it refuses are alone: those are
reported with Neo4j's reason, the others are written. With ``strict`` a first pass checks
everything and nothing is written if any row is rejected (warnings do not count).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from itertools import islice
from pathlib import Path

from graph.access import forget_sources
from graph.connection import Graph
from graph.loaders import Counters, RefusedRow, write_batch_isolating
from ingest.grading import Grading
from ingest.mapping.apply import MappedFile
from ingest.readers import (
    DELIMITERS,
    IngestUsageError,
    TemplateFile,
    UnreadableFileError,
    canonical_encoding,
    discover,
    open_rows,
    read_as,
)
from ingest.records import RunInfo, loader_row
from ingest.references import KnownRecords, resolve_references
from ingest.report import FileReport, IngestError, IngestReport, ProgressEvent
from ingest.validation import CheckedRow, RowChecker

__all__ = ["Grading", "IngestReport", "IngestUsageError", "ProgressEvent", "ingest_paths"]

Progress = Callable[[ProgressEvent], None]
DELIMITER_NAMES = {name: char for char, name in DELIMITERS.items()} | {"\\t": "\t"}


def ingest_paths(
    graph: Graph,
    paths: Sequence[Path],
    grading: Grading,
    *,
    strict: bool = False,
    batch_size: int = 5000,
    progress: Progress | None = None,
    mapped: Sequence[MappedFile] = (),
    encoding: str | None = None,
    delimiter: str | None = None,
) -> IngestReport:
    """Load template files and folders (dependency order) into the graph; ``mapped``: files
    in their source's own layout, read through their mapping (``ingest.mapping``).
    ``encoding`` and ``delimiter`` read every CSV so (they win over a mapping's); else each
    file's are its mapping's, or detected.

    Raises ``IngestUsageError`` when a path is missing or names no template, or the encoding
    or delimiter given is unusable. Every other problem is in the report: one
    ``IngestError`` per broken cell, rejected rows skipped, dropped values warned about."""
    if batch_size < 1:
        raise IngestUsageError("--batch-size must be at least 1")
    reading = _Reading(encoding, delimiter)
    files: list[TemplateFile | MappedFile] = sorted(
        [*(discover([Path(p) for p in paths]) if paths else []), *mapped],
        key=lambda f: (f.template.order, str(f.path)))
    run = RunInfo(uuid.uuid4().hex, dt.datetime.now(dt.UTC))
    report = IngestReport(batch_id=run.batch_id, source_id=grading.source_id, strict=strict)
    if strict:
        check = _Pass(graph, grading, run, batch_size, progress, None, reading)
        check_reports = [check.file(f) for f in files]
        if check.report.errors:
            for file_report in check_reports:
                file_report.rows_loaded = 0
            report.files = check_reports
            report.errors, report.warnings = check.report.errors, check.report.warnings
            return report
    with _Writer(graph, run) as writer:
        load = _Pass(graph, grading, run, batch_size, progress, writer, reading)
        report.files = [load.file(f) for f in files]
    forget_sources()  # the cases loaded may give an authority a source it did not have
    report.errors, report.warnings = load.report.errors, load.report.warnings
    return report


class _Reading:
    """The encoding and delimiter the caller gives for every file (checked once)."""

    def __init__(self, encoding: str | None, delimiter: str | None) -> None:
        if encoding:
            try:
                canonical_encoding(encoding)
            except LookupError:
                raise IngestUsageError(f"--encoding {encoding}: unknown encoding; e.g. utf-8, "
                                       "cp1252, iso-8859-1, utf-16, tis-620") from None
        if delimiter is not None:
            delimiter = DELIMITER_NAMES.get(delimiter.casefold(), delimiter)
            if len(delimiter) != 1:
                raise IngestUsageError(f"--delimiter {delimiter!r}: one character, or comma, "
                                       "semicolon, tab, pipe")
        self.encoding, self.delimiter = encoding or None, delimiter

    def of(self, tf: TemplateFile | MappedFile) -> tuple[str | None, str | None]:
        if isinstance(tf, MappedFile):
            return (self.encoding or tf.mapping.encoding, self.delimiter or tf.mapping.delimiter)
        return self.encoding, self.delimiter


Line = tuple[int, list[str]]


def _batches(rows: Iterator[Line], size: int) -> Iterator[list[Line]]:
    while batch := list(islice(rows, size)):
        yield batch


class _Pending:
    """A batch in flight: its future, file report, rows (for the refused ones' lines)."""

    def __init__(self, future: Future[tuple[Counters, list[RefusedRow]]], report: FileReport,
                 rows: list[CheckedRow],
                 refused: Callable[[FileReport, CheckedRow, str], None]) -> None:
        self.future, self.report, self.rows, self.refused = future, report, rows, refused


class _Writer:
    """Writes one batch in the background while the next batch is read and checked, so that
    Python's checking and Neo4j's writing overlap. Batches are written one at a time, in order
    (a batch may refer to nodes of the one before)."""

    def __init__(self, graph: Graph, run: RunInfo) -> None:
        self.graph, self.run = graph, run
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ingest-writer")
        self.pending: _Pending | None = None

    def submit(self, report: FileReport, template: str, rows: list[CheckedRow],
               params: list[dict[str, object]], sources: list[dict[str, object]],
               refused: Callable[[FileReport, CheckedRow, str], None]) -> None:
        self.wait()
        future = self.pool.submit(write_batch_isolating, self.graph, template, params,
                                  sources, self.run.params())
        self.pending = _Pending(future, report, rows, refused)

    def wait(self) -> None:
        """Finish the batch in flight, count what it created and report the rows Neo4j
        refused (re-raises an outage)."""
        if self.pending is None:
            return
        pending, self.pending = self.pending, None
        counters, refused = pending.future.result()
        report = pending.report
        report.nodes_created += counters.nodes_created
        report.relationships_created += counters.relationships_created
        for row in refused:
            pending.refused(report, pending.rows[row.index], row.reason)

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
                 progress: Progress | None, writer: _Writer | None, reading: _Reading) -> None:
        self.graph, self.grading, self.run = graph, grading, run
        self.batch_size, self.progress, self.writer = batch_size, progress, writer
        self.reading = reading
        self.write = writer is not None
        self.known = KnownRecords()
        self.report = IngestReport(batch_id=run.batch_id, source_id=grading.source_id)
        self.sources_written: set[str] = set()

    def _emit(self, report: FileReport, total: int | None, done: bool = False) -> None:
        if self.progress:
            self.progress(ProgressEvent(report.path, report.template, report.rows_read, total,
                                        done, "load" if self.write else "check"))

    def file(self, tf: TemplateFile | MappedFile) -> FileReport:
        name = str(tf.path)
        report = FileReport(path=name, template=tf.template.name)
        try:
            dialect = read_as(tf.path, *self.reading.of(tf))
            report.read_as = dialect.describe()
            total = None if dialect.lines is None else max(dialect.lines - 1, 0)
            self._emit(report, total)
            with (tf.open_rows(dialect) if isinstance(tf, MappedFile)
                  else open_rows(tf.path, dialect.encoding, dialect.delimiter)) as rows:
                self._rows(tf, rows, report, total)
            if self.writer is not None:  # later files' references see what this one wrote
                self.writer.wait()
        except UnreadableFileError as exc:
            report.refused = True
            self.report.add([IngestError(name, exc.line, "", exc.value, exc.reason)])
        except OSError as exc:
            report.refused = True
            self.report.add([IngestError(name, 0, "", "", f"cannot read the file: {exc}")])
        self._emit(report, report.rows_read, done=True)
        return report

    def _refused(self, report: FileReport, row: CheckedRow, reason: str) -> None:
        """A row Neo4j would not write: an error on its line; it is not loaded."""
        self.report.add([IngestError(report.path, row.line, "", row.record_id,
                                     f"the graph database refused the row: {reason}")])
        report.rows_loaded -= 1
        report.rows_rejected += 1
        self.known.remove(report.template, row)

    def _rows(self, tf: TemplateFile | MappedFile, rows: Iterator[tuple[int, list[str]]],
              report: FileReport, total: int | None) -> None:
        checker = RowChecker(tf.template, self.grading, report.path)
        header = next(rows, None)
        if header is None:
            self.report.add([IngestError(report.path, 1, "", "",
                                         "the file is empty: expected a header row")])
            report.refused = True
            return
        header_problems = checker.check_header(*header)
        self._note(report, header_problems)
        if any(not p.is_warning for p in header_problems):
            report.refused = True
            return
        for batch in _batches(rows, self.batch_size):
            checked: list[CheckedRow] = []
            for line, cells in batch:
                row, problems = checker.check(line, cells)
                self._note(report, problems)
                if row is not None:
                    checked.append(row)
            good, ref_errors = resolve_references(self.graph, tf.template, checked, self.known,
                                                  report.path)
            self.report.add(ref_errors)
            report.rows_read += len(batch)
            report.rows_rejected += len(batch) - len(good)
            for row in good:
                self.known.add(tf.template, row)
            report.rows_loaded += len(good)
            if self.writer is not None and good:
                self._write(report, tf.template.name, good, self.writer)
            self._emit(report, total)

    def _note(self, report: FileReport, problems: list[IngestError]) -> None:
        self.report.add(problems)
        report.warnings += sum(p.is_warning for p in problems)

    def _write(self, report: FileReport, template: str, rows: list[CheckedRow],
               writer: _Writer) -> None:
        params = [loader_row(template, row, self.run) for row in rows]
        new_sources = sorted({row.source for row in rows} - self.sources_written)
        sources = [self._source_row(s) for s in new_sources]
        writer.submit(report, template, rows, params, sources, self._refused)
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
