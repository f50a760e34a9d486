"""``crosslink ingest PATH...``: load template files with a progress bar and a closing table.

Exit codes: 0 every row loaded, 1 some rows (or files) rejected, 2 usage or I/O errors.
"""

from __future__ import annotations

from collections import Counter
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
from ingest.grading import Grading, GradingError
from ingest.report import IngestReport, ProgressEvent
from ingest.templates import TEMPLATES

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
    for col in ("rows read", "loaded", "rejected", "nodes\ncreated", "relationships\ncreated"):
        table.add_column(col, justify="right")
    for f in report.files:
        name = f.path + (" (refused)" if f.refused else "")
        table.add_row(name, f"{f.rows_read:,}", f"{f.rows_loaded:,}", f"{f.rows_rejected:,}",
                      f"{f.nodes_created:,}", f"{f.relationships_created:,}")
    console.print(table)
    if report.strict and not report.ok:
        console.print("[bold]--strict:[/] rows were rejected, so nothing was written.")
    if not report.errors:
        console.print("every row loaded", style="green")
        return
    reasons = Counter((Path(e.file).name, e.column) for e in report.errors)
    count = len(report.errors)
    shown = f" (first {SHOWN_ERRORS} shown)" if count > SHOWN_ERRORS else ""
    by_cell = Table(title=f"{count} error{'s' if count != 1 else ''}{shown}")
    for col in ("file", "line", "column", "value", "reason"):
        by_cell.add_column(col, overflow="fold")
    for err in report.errors[:SHOWN_ERRORS]:
        value = err.value if len(err.value) <= 40 else err.value[:37] + "..."
        by_cell.add_row(Path(err.file).name, str(err.line), err.column, value, err.reason)
    console.print(by_cell)
    counts = ", ".join(f"{file} {column or '(file)'}: {n}" for (file, column), n
                       in reasons.most_common(10))
    console.print(f"errors per file and column: {counts}")
    if errors_file:
        console.print(f"all errors written to {errors_file}")
    else:
        console.print("write them all to a CSV with --errors FILE", style="dim")


def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Template files (.csv/.xlsx) or folders.")],
    source: Annotated[str, typer.Option(help="Id of the source the files come from.")],
    source_name: Annotated[str | None, typer.Option(help="Name of the source.")] = None,
    source_kind: Annotated[str | None, typer.Option(
        help="Kind of source: police, labour_inspectorate, ngo, international_org, ...")] = None,
    source_country: Annotated[str | None, typer.Option(
        help="Country of the source (ISO alpha-2); default region of phone numbers.")] = None,
    reliability: Annotated[str, typer.Option(help="Reliability of the source, A-F.")] = "F",
    credibility: Annotated[str, typer.Option(help="Credibility of the information, 1-6.")] = "6",
    tlp: Annotated[str, typer.Option(help="CLEAR, GREEN, AMBER, AMBER+STRICT or RED.")] = "AMBER",
    strict: Annotated[bool, typer.Option(
        help="Write nothing at all if any row is rejected.")] = False,
    errors: Annotated[Path | None, typer.Option(
        "--errors", help="Write every error to this CSV (file, line, column, value, reason).")
    ] = None,
    batch_size: Annotated[int | None, typer.Option(
        min=1, help="Rows per transaction (default CROSSLINK_INGEST_BATCH_SIZE).")] = None,
    fmt: ReportFormatOption = ReportFormat.table,
) -> None:
    """Load native template files (cases.csv, persons.xlsx, ...) or folders of them."""
    settings = Settings()
    try:
        grading = Grading(source, source_name, source_kind, source_country, reliability,
                          credibility, tlp)
    except GradingError as exc:
        fail(str(exc), 2)
    if errors is not None and not errors.parent.exists():
        fail(f"--errors {errors}: the folder {errors.parent} does not exist", 2)
    with cli_viewer(settings) as (db, viewer), cli_graph(settings) as graph:
        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                   TextColumn("rows"), RowsPerSecond(), TimeElapsedColumn())
        with Progress(*columns, console=err_console) as bar:
            try:
                report = load_files(graph, db, viewer, paths, grading, strict=strict,
                                    batch_size=batch_size or settings.ingest_batch_size,
                                    progress=IngestProgress(bar))
            except BadInputError as exc:
                bar.stop()
                fail(exc.message, 2)
            except (Neo4jError, DriverError) as exc:
                bar.stop()
                fail(f"Neo4j failed during the load: {exc}. Batches already written stay; "
                     "run the same command again to complete the load (it is idempotent)", 2)
            except KeyboardInterrupt:
                bar.stop()
                fail("interrupted. Batches already written stay; run the same command again "
                     "to complete the load (it is idempotent)", 130)
    if errors is not None:
        try:
            report.write_errors_csv(errors)
        except OSError as exc:
            fail(f"--errors {errors}: cannot write: {exc}", 2)
    if fmt is ReportFormat.json:
        print_json(report.to_dict())
    else:
        _print_summary(report, errors)
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
