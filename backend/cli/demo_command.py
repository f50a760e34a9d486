"""``crosslink demo``: generate the demo data set, write it in the native templates and load it.

Exit codes as ``crosslink ingest``: 0 every row loaded, 1 some rows rejected, 2 usage or I/O
errors.
"""

from __future__ import annotations

import time
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from neo4j.exceptions import DriverError, Neo4jError
from rich.table import Table

from backend.cli.context import cli_graph
from backend.cli.output import (
    ReportFormat,
    ReportFormatOption,
    console,
    err_console,
    fail,
    print_json,
)
from backend.cli.viewer import cli_viewer
from backend.services import demo as demo_service
from backend.settings import Settings
from graph.lookups import has_cases
from graph.resolution import ResolutionSummary
from ingest.demo.generator import DemoDataset, generate
from ingest.report import IngestReport, ProgressEvent


class ScaleName(StrEnum):
    small = "small"
    medium = "medium"
    large = "large"


def _summary(dataset: DemoDataset, reports: list[IngestReport], seconds: float,
             out: Path | None, resolution: ResolutionSummary | None) -> None:
    table = Table(title=f"Demo data, {dataset.scale} scale, seed {dataset.seed}")
    for col in ("source", "grading", "cases", "rows", "loaded", "rejected", "nodes created",
                "relationships created"):
        table.add_column(col, justify="left" if col in ("source", "grading") else "right")
    by_source = {r.source_id: r for r in reports}
    for data in dataset.sources:
        g = data.grading
        report = by_source.get(data.id)
        table.add_row(
            data.id, f"{g.reliability}{g.credibility} {g.tlp}", f"{data.counts['cases']:,}",
            f"{sum(data.counts.values()):,}",
            *([f"{report.rows_loaded:,}", f"{report.rows_rejected:,}",
               f"{sum(f.nodes_created for f in report.files):,}",
               f"{sum(f.relationships_created for f in report.files):,}"] if report else
              ["-"] * 4))
    console.print(table)
    t = dataset.truth
    console.print(f"planted: {len(t.planted)} cross-border networks, "
                  f"{len(t.decoy_groups)} decoy groups, {len(t.hub_keys)} hubs, "
                  f"{len(t.patterns)} saved-query patterns")
    if resolution is not None:
        console.print(f"entity resolution: {resolution.auto_confirmed:,} pairs confirmed "
                      f"automatically, {resolution.candidates:,} candidates to review")
    if out:
        console.print(f"files and truth.json written to {out}")
    console.print(f"{dataset.total_rows:,} rows in {seconds:.1f} s")


def _progress(event: ProgressEvent) -> None:
    if event.done:
        err_console.print(f"  {event.file}: {event.rows_read:,} rows", style="dim",
                          highlight=False)


def demo(
    scale: Annotated[ScaleName, typer.Option(
        help="small (~2k nodes), medium (~50k) or large (~1M).")] = ScaleName.small,
    seed: Annotated[int, typer.Option(help="Same seed, byte-identical files.")] = 7,
    out: Annotated[Path | None, typer.Option(
        "--out", help="Write the template files (one folder per source) and truth.json here.")
    ] = None,
    load: Annotated[bool, typer.Option(
        "--load/--no-load", help="Load into the graph (--no-load: only write --out).")] = True,
    resolve: Annotated[bool, typer.Option(
        "--resolve/--no-resolve", help="Run entity resolution after loading (as "
        "`crosslink resolve`), so that networks and the Review page have their pairs.")] = True,
    if_empty: Annotated[bool, typer.Option(
        "--if-empty", help="Do nothing when the graph already holds cases (make run).")
    ] = False,
    fmt: ReportFormatOption = ReportFormat.table,
) -> None:
    """Generate the multi-source demo data set (planted networks, decoys, hubs) and load it."""
    if not load and out is None:
        fail("--no-load writes files only: give --out DIR", 2)
    if out is not None and out.exists() and not out.is_dir():
        fail(f"--out {out}: not a folder", 2)
    started = time.perf_counter()
    settings = Settings()
    reports: list[IngestReport] = []
    resolution: ResolutionSummary | None = None
    if not load:
        dataset = generate(scale.value, seed)
        assert out is not None
        try:
            dataset.write(out)
        except OSError as exc:
            fail(f"--out {out}: cannot write: {exc}", 2)
    else:
        with cli_viewer(settings) as (db, viewer), cli_graph(settings) as graph:
            if if_empty and has_cases(graph):
                console.print("the graph already holds cases: demo data not loaded (--if-empty)")
                raise typer.Exit(0)
            dataset = generate(scale.value, seed)
            try:
                reports, resolution = demo_service.load(
                    graph, db, viewer, dataset, progress=_progress, out_dir=out,
                    batch_size=settings.ingest_batch_size,
                    thresholds=settings.resolution_thresholds() if resolve else None)
            except OSError as exc:
                fail(f"cannot write the demo files: {exc}", 2)
            except (Neo4jError, DriverError) as exc:
                fail(f"Neo4j failed during the load: {exc}. Run the same command again to "
                     "complete it (loading is idempotent)", 2)
    seconds = time.perf_counter() - started
    ok = all(r.ok for r in reports)
    if fmt is ReportFormat.json:
        print_json({"scale": dataset.scale, "seed": dataset.seed, "seconds": round(seconds, 2),
                    "rows": dataset.row_counts(), "ok": ok,
                    "resolution": resolution.to_dict() if resolution else None,
                    "reports": [r.to_dict() for r in reports]})
    else:
        _summary(dataset, reports, seconds, out, resolution)
        for report in reports:
            for err in report.errors[:5]:
                err_console.print(f"rejected: {err}", highlight=False)
    raise typer.Exit(0 if ok else 1)
