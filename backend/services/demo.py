"""Loading the generated demo data set, audited as the uploads it is (one per source), and
resolving it (audited as a resolution run)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy.orm import Session

from backend.auth.roles import Permission
from backend.auth.viewer import Viewer
from backend.services import resolution
from backend.services.ingest import raise_alerts, record_load
from graph.connection import Graph
from graph.resolution import ResolutionSummary, Thresholds
from ingest.demo.generator import DemoDataset
from ingest.demo.load import load_demo
from ingest.report import IngestReport, ProgressEvent


def load(graph: Graph, db: Session, viewer: Viewer, dataset: DemoDataset, *,
         progress: Callable[[ProgressEvent], None] | None = None, out_dir: Path | None = None,
         batch_size: int = 5000, thresholds: Thresholds | None = None
         ) -> tuple[list[IngestReport], ResolutionSummary | None]:
    """Write and load the data set's files (one report per source); with ``thresholds``,
    run entity resolution afterwards."""
    viewer.require(Permission.upload)
    reports = load_demo(graph, dataset, progress, out_dir=out_dir, batch_size=batch_size)
    grading = {data.id: data.grading for data in dataset.sources}
    for report in reports:
        record_load(db, viewer, report, [Path(f.path).name for f in report.files],
                    grading[report.source_id],
                    extra={"demo": {"scale": dataset.scale, "seed": dataset.seed}})
        raise_alerts(graph, db, report)
    summary = resolution.run(graph, db, viewer, thresholds) if thresholds else None
    return reports, summary
