"""``crosslink ingest PATH...``: load template files, or files in their own layout through
their mapping, with a progress bar and a closing table.

Exit codes: 0 every row loaded, 1 some rows (or files) rejected, 2 usage or I/O errors.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Annotated

import typer
from neo4j.exceptions import DriverError, Neo4jError
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from rich.text import Text
from sqlalchemy.orm import Session

from backend.auth.viewer import Viewer
from backend.cli.context import cli_graph
from backend.cli.output import (
    FormatOption,
    OutputFormat,
    ReportFormat,
    ReportFormatOption,
    console,
    err_console,
    fail,
    print_json,
    print_rows,
)
from backend.cli.viewer import cli_viewer
from backend.errors import BadInputError
from backend.services.ingest import load_files
from backend.settings import Settings
from graph.connection import Graph
from ingest.grading import Grading, GradingError
from ingest.mapping.apply import MappedFile
from ingest.mapping.model import MappingError
from ingest.mapping.plan import IngestPlan, plan_ingest
from ingest.mapping.source_folder import SOURCE_FILE
from ingest.mapping.store import MappingStore
from ingest.readers import IngestUsageError
from ingest.report import IngestReport, ProgressEvent
from ingest.templates import TEMPLATES
from values import InvalidValueError

SHOWN_ERRORS = 20


class RowsPerSecond(ProgressColumn):
    """Average rows/s of a file so far (rich's own speed needs many samples)."""

    def render(self, task: Task) -> Text:
        elapsed = task.finished_time if task.finished else task.elapsed
        speed = task.completed / elapsed if elapsed else 0.0
        return Text(f"{speed:,.0f} rows/s", style="cyan")


class IngestProgress:
    """One bar per file, fed by the pipeline's ``ProgressEvent``s."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.tasks: dict[tuple[str, str], TaskID] = {}

    def __call__(self, event: ProgressEvent) -> None:
        key = (event.phase, event.file)
        task = self.tasks.get(key)
        label = ("checking " if event.phase == "check" else "") + Path(event.file).name
        if task is None:
            task = self.progress.add_task(label, total=event.rows_total)
            self.tasks[key] = task
        total = event.rows_read if event.done else max(event.rows_total or 0, event.rows_read)
        self.progress.update(task, completed=event.rows_read, total=total or None)


def _print_summary(report: IngestReport, errors_file: Path | None) -> None:
    table = Table(title=f"Ingest, source {report.source_id}, batch {report.batch_id}")
    table.add_column("file", overflow="fold")  # a long path wraps rather than being cut
    table.add_column("read as")
    for col in ("rows read", "loaded", "rejected", "warnings", "nodes\ncreated",
                "relationships\ncreated"):
        table.add_column(col, justify="right")
    for f in report.files:
        name = f.path + (" (refused)" if f.refused else "")
        table.add_row(name, f.read_as, f"{f.rows_read:,}", f"{f.rows_loaded:,}",
                      f"{f.rows_rejected:,}", f"{f.warnings:,}", f"{f.nodes_created:,}",
                      f"{f.relationships_created:,}")
    console.print(table)
    if report.strict and not report.ok:
        console.print("[bold]--strict:[/] rows were rejected, so nothing was written.")
    problems = report.problems
    if not problems:
        console.print("every row loaded", style="green")
        return
    if report.ok:
        console.print("every row loaded; some values were dropped (warnings)", style="yellow")
    count = len(problems)
    shown = f" (first {SHOWN_ERRORS} shown)" if count > SHOWN_ERRORS else ""
    by_cell = Table(title=f"{_count(len(report.errors), 'error')}, "
                          f"{_count(len(report.warnings), 'warning')}{shown}")
    for col in ("severity", "file", "line", "column", "value", "reason", "kept"):
        by_cell.add_column(col, overflow="fold")
    for err in problems[:SHOWN_ERRORS]:
        value = err.value if len(err.value) <= 40 else err.value[:37] + "..."
        style = "yellow" if err.is_warning else "red"
        by_cell.add_row(Text(err.severity, style=style), Path(err.file).name, str(err.line),
                        err.column, value, err.reason, err.kept)
    console.print(by_cell)
    reasons = Counter((Path(e.file).name, e.column, e.severity) for e in problems)
    counts = ", ".join(f"{file} {column or '(file)'} {severity}s: {n}"
                       for (file, column, severity), n in reasons.most_common(10))
    console.print(f"per file and column: {counts}")
    if errors_file:
        console.print(f"all errors and warnings written to {errors_file}")
    else:
        console.print("write them all to a CSV with --errors FILE", style="dim")


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


# The options of every load (`crosslink ingest`, `crosslink import htcds|ctdc`).
SourceOption = Annotated[str, typer.Option(help="Id of the source the files come from.")]
SourceNameOption = Annotated[str | None, typer.Option(help="Name of the source.")]
SourceKindOption = Annotated[str | None, typer.Option(
    help="Kind of source: police, labour_inspectorate, ngo, international_org, ...")]
SourceCountryOption = Annotated[str | None, typer.Option(
    help="Country of the source (ISO alpha-2); default region of phone numbers.")]
ReliabilityOption = Annotated[str, typer.Option(help="Reliability of the source, A-F.")]
CredibilityOption = Annotated[str, typer.Option(help="Credibility of the information, 1-6.")]
TlpOption = Annotated[str, typer.Option(help="CLEAR, GREEN, AMBER, AMBER+STRICT or RED.")]
StrictOption = Annotated[bool, typer.Option(help="Write nothing at all if any row is rejected.")]
ErrorsOption = Annotated[Path | None, typer.Option(
    "--errors", help="Write every error and warning to this CSV (severity, file, line, "
    "column, value, reason, kept).")]
EncodingOption = Annotated[str | None, typer.Option(
    help="Read every CSV in this encoding (utf-8, utf-16, cp1252, iso-8859-1, tis-620, "
    "...) instead of detecting it.")]
DelimiterOption = Annotated[str | None, typer.Option(
    help="Read every CSV with this delimiter (comma, semicolon, tab, pipe, or the "
    "character) instead of detecting it.")]
BatchSizeOption = Annotated[int | None, typer.Option(
    min=1, help="Rows per transaction (default CROSSLINK_INGEST_BATCH_SIZE).")]


def grading_of(source: str, source_name: str | None, source_kind: str | None,
               source_country: str | None, reliability: str, credibility: str, tlp: str,
               errors: Path | None) -> Grading:
    """The command line's grading, or exit 2 naming the bad option."""
    try:
        grading = Grading(source, source_name, source_kind, source_country, reliability,
                          credibility, tlp)
    except GradingError as exc:
        fail(str(exc), 2)
    if errors is not None and not errors.parent.exists():
        fail(f"--errors {errors}: the folder {errors.parent} does not exist", 2)
    return grading


def _grading(plan: IngestPlan, source: str | None, name: str | None, kind: str | None,
             country: str | None, reliability: str | None, credibility: str | None,
             tlp: str | None) -> Grading:
    """The command line's options, else the folder's ``source.yaml``, else the defaults."""
    folder = plan.source_folder
    if folder is None:
        if source is None:
            raise IngestUsageError("--source: name the source of the files (e.g. --source "
                                   f"gt-pnc), or give a folder holding a {SOURCE_FILE} that "
                                   "names it")
        return Grading(source, name, kind, country, reliability or "F", credibility or "6",
                       tlp or "AMBER")
    d = folder.description
    return Grading(source or d.id, name or d.name, kind or d.kind, country or d.country,
                   reliability or d.reliability, credibility or d.credibility, tlp or d.tlp)


def ingest(
    paths: Annotated[list[Path], typer.Argument(
        help="Template files (.csv/.xlsx), files in a source's own layout (with --mapping or "
        "a kept mapping), or folders (a folder may hold a source.yaml).")],
    source: Annotated[str | None, typer.Option(
        help="Id of the source the files come from (default: the folder's source.yaml).")
    ] = None,
    source_name: Annotated[str | None, typer.Option(help="Name of the source.")] = None,
    source_kind: Annotated[str | None, typer.Option(
        help="Kind of source: police, labour_inspectorate, ngo, international_org, ...")] = None,
    source_country: Annotated[str | None, typer.Option(
        help="Country of the source (ISO alpha-2); default region of phone numbers.")] = None,
    reliability: Annotated[str | None, typer.Option(
        help="Reliability of the source, A-F (default: source.yaml, else F).")] = None,
    credibility: Annotated[str | None, typer.Option(
        help="Credibility of the information, 1-6 (default: source.yaml, else 6).")] = None,
    tlp: Annotated[str | None, typer.Option(
        help="CLEAR, GREEN, AMBER, AMBER+STRICT or RED (default: source.yaml, else AMBER).")
    ] = None,
    mapping: Annotated[list[Path] | None, typer.Option(
        "--mapping", help="A mapping file (YAML) reading a file in its own layout; "
        "repeat it for several. `crosslink mapping suggest FILE` writes a first one.")] = None,
    keep_mapping: Annotated[bool, typer.Option(
        "--keep-mapping", help="Keep the --mapping files for the source (in "
        "CROSSLINK_MAPPINGS_DIR), so that its next files need none.")] = False,
    strict: Annotated[bool, typer.Option(
        help="Write nothing at all if any row is rejected.")] = False,
    errors: ErrorsOption = None,
    encoding: EncodingOption = None,
    delimiter: DelimiterOption = None,
    batch_size: BatchSizeOption = None,
    fmt: ReportFormatOption = ReportFormat.table,
) -> None:
    """Load template files (cases.csv, persons.xlsx, ...), files in a source's own layout
    through their mapping, or folders of them."""
    settings = Settings()
    store = MappingStore(settings.mapping_root)
    if keep_mapping and not mapping:
        fail("--keep-mapping keeps the --mapping files: give at least one --mapping", 2)
    if errors is not None and not errors.parent.exists():
        fail(f"--errors {errors}: the folder {errors.parent} does not exist", 2)
    groups = _source_groups(paths)
    if len(groups) > 1 and source is not None:
        fail(f"--source: {paths[0]} holds several source folders, each naming its source in "
             f"its {SOURCE_FILE}; load one of them to give it another source", 2)
    runs: list[tuple[IngestPlan, Grading]] = []
    for group in groups:
        try:
            plan = plan_ingest(group, mapping or [], store=store, source_id=source)
            runs.append((plan, _grading(plan, source, source_name, source_kind,
                                        source_country, reliability, credibility, tlp)))
        except (GradingError, MappingError, IngestUsageError) as exc:
            fail(str(exc), 2)
        except InvalidValueError as exc:  # a source id the mapping store cannot hold
            fail(f"--source {source!r}: {exc}", 2)
    reports = []
    with cli_viewer(settings) as (db, viewer), cli_graph(settings) as graph:
        for plan, grading in runs:
            if keep_mapping:
                for used in plan.used:
                    kept = store.save(grading.source_id,
                                      used.path.read_text(encoding="utf-8"), used.path.name)
                    err_console.print(f"mapping {used.path.name} kept for "
                                      f"{grading.source_id}: {kept}", highlight=False)
            for mapped in plan.mapped:
                err_console.print(f"{mapped.path.name} -> {mapped.template.name} through "
                                  f"{Path(mapped.mapping_file).name}", style="dim",
                                  highlight=False)
            reports.append(_load(graph, db, viewer, plan, grading, strict,
                                 batch_size or settings.ingest_batch_size, encoding, delimiter))
    if errors is not None:
        try:
            write_errors_csv(reports, errors)
        except OSError as exc:
            fail(f"--errors {errors}: cannot write: {exc}", 2)
    if fmt is ReportFormat.json:
        print_json(reports[0].to_dict() if len(reports) == 1
                   else [r.to_dict() for r in reports])
    else:
        for report in reports:
            _print_summary(report, errors)
    raise typer.Exit(0 if all(r.ok for r in reports) else 1)


def _source_groups(paths: list[Path]) -> list[list[Path]]:
    """The paths loaded together: all of them, or, for one folder holding source folders
    (``crosslink demo --out DIR``), each source folder on its own."""
    if len(paths) == 1 and paths[0].is_dir() and not (paths[0] / SOURCE_FILE).is_file():
        sources = [p for p in sorted(paths[0].iterdir()) if (p / SOURCE_FILE).is_file()]
        if sources:
            return [[p] for p in sources]
    return [list(paths)]


def _load(graph: Graph, db: Session, viewer: Viewer, plan: IngestPlan, grading: Grading,
          strict: bool, batch_size: int, encoding: str | None, delimiter: str | None
          ) -> IngestReport:
    return _with_progress(lambda progress: load_files(
        graph, db, viewer, plan.native, grading, strict=strict, batch_size=batch_size,
        progress=progress, mapped=plan.mapped, encoding=encoding, delimiter=delimiter))


def _with_progress(load: Callable[[IngestProgress], IngestReport]) -> IngestReport:
    """Run a load with a progress bar per file; refusals, Neo4j failures and ^C end the
    command with their message."""
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TextColumn("rows"), RowsPerSecond(), TimeElapsedColumn())
    with Progress(*columns, console=err_console) as bar:
        try:
            return load(IngestProgress(bar))
        except (IngestUsageError, BadInputError) as exc:
            bar.stop()
            fail(str(exc), 2)
        except (Neo4jError, DriverError) as exc:
            bar.stop()
            fail(f"Neo4j failed during the load: {exc}. Batches already written stay; "
                 "run the same command again to complete the load (it is idempotent)", 2)
        except KeyboardInterrupt:
            bar.stop()
            fail("interrupted. Batches already written stay; run the same command again "
                 "to complete the load (it is idempotent)", 130)


def write_errors_csv(reports: list[IngestReport], path: Path) -> None:
    """Every error and warning of every source's load in one CSV."""
    IngestReport(batch_id="", source_id="", errors=[e for r in reports for e in r.errors],
                 warnings=[w for r in reports for w in r.warnings]).write_errors_csv(path)


def run_ingest(settings: Settings, grading: Grading, paths: list[Path], *,
               mapped: Sequence[MappedFile] = (), strict: bool = False,
               batch_size: int | None = None, encoding: str | None = None,
               delimiter: str | None = None) -> IngestReport:
    """Load as the command line's viewer (audited), with a progress bar per file."""
    with cli_viewer(settings) as (db, viewer), cli_graph(settings) as graph:
        return _with_progress(lambda progress: load_files(
            graph, db, viewer, paths, grading, strict=strict,
            batch_size=batch_size or settings.ingest_batch_size, progress=progress,
            mapped=mapped, encoding=encoding, delimiter=delimiter))


def finish_report(report: IngestReport, errors: Path | None, fmt: ReportFormat,
                  note: str | None = None) -> None:
    """The errors CSV, the summary (or JSON) with ``note`` under it, and the exit code."""
    if errors is not None:
        try:
            report.write_errors_csv(errors)
        except OSError as exc:
            fail(f"--errors {errors}: cannot write: {exc}", 2)
    if fmt is ReportFormat.json:
        print_json({**report.to_dict(), **({"note": note} if note else {})})
    else:
        _print_summary(report, errors)
        if note:
            console.print(note, highlight=False)
    raise typer.Exit(0 if report.ok else 1)


def templates(
    out: Annotated[Path | None, typer.Option(
        help="Write each template's blank CSV file (its header row) into this folder.")] = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """The native templates in loading order: what a row becomes and the columns (required
    ones first); with --out, blank files to fill in."""
    rows = [{"file": f"{t.name}.csv", "row_becomes": t.label or "relationships",
             "required": ", ".join(c.name for c in t.columns if c.required),
             "optional": ", ".join(c.name for c in t.columns if not c.required)}
            for t in TEMPLATES.templates.values()]
    if out is not None:
        try:
            out.mkdir(parents=True, exist_ok=True)
            for t in TEMPLATES.templates.values():
                (out / f"{t.name}.csv").write_text(t.blank_csv(), encoding="utf-8", newline="")
        except OSError as exc:
            fail(f"--out {out}: cannot write: {exc}", 2)
    if fmt is OutputFormat.json:
        print_json([t.describe() for t in TEMPLATES.templates.values()])
    else:
        print_rows(rows, fmt, title="Templates", columns=list(rows[0]))
    if out is not None:
        err_console.print(f"{len(rows)} blank files written to {out}; every template also "
                          "takes the columns " + ", ".join(
                              c.name for c in TEMPLATES.grading_columns), highlight=False)
