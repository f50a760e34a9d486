"""Loading the demo set the way users load their own files: written in the native templates
(one source in its own layout, with its mappings), then each source's folder through
``ingest_paths`` with that source's grading."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from graph.connection import Graph
from graph.locations import set_coordinates
from ingest.demo.generator import DemoDataset
from ingest.demo.world import all_places
from ingest.mapping.plan import plan_ingest
from ingest.pipeline import ingest_paths
from ingest.report import IngestReport, ProgressEvent
from values.place import place_key


def load_demo(graph: Graph, dataset: DemoDataset,
              progress: Callable[[ProgressEvent], None] | None = None, *,
              out_dir: Path | None = None, batch_size: int = 5000,
              own_layouts: bool | None = None) -> list[IngestReport]:
    """Write the files (to ``out_dir``, else a temporary folder; ``own_layouts`` as
    ``DemoDataset.write``) and ingest each source's folder, files in their own layout through
    their mappings; then give the known places their coordinates. One report per source."""
    with tempfile.TemporaryDirectory(prefix="crosslink-demo-") as tmp:
        folder = out_dir or Path(tmp)
        dataset.write(folder, own_layouts)
        reports = []
        for data in dataset.sources:
            plan = plan_ingest([folder / data.id])
            reports.append(ingest_paths(graph, plan.native, data.grading, mapped=plan.mapped,
                                        batch_size=batch_size, progress=progress))
    set_coordinates(graph, [{"key": place_key(p.name, p.country), "lat": p.lat, "lon": p.lon}
                            for p in all_places()])
    return reports
