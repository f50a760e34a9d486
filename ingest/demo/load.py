"""Loading the demo set the way users load their own files: written in the native templates,
then each source's folder through ``ingest_paths`` with that source's grading."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from graph.connection import Graph
from graph.locations import set_coordinates
from ingest.demo.generator import DemoDataset
from ingest.demo.world import all_places
from ingest.pipeline import ingest_paths
from ingest.report import IngestReport, ProgressEvent
from values.place import place_key


def load_demo(graph: Graph, dataset: DemoDataset,
              progress: Callable[[ProgressEvent], None] | None = None, *,
              out_dir: Path | None = None, batch_size: int = 5000) -> list[IngestReport]:
    """Write the files (to ``out_dir``, else a temporary folder) and ingest each source's
    folder; then give the known places their coordinates. One report per source."""
    with tempfile.TemporaryDirectory(prefix="crosslink-demo-") as tmp:
        folder = out_dir or Path(tmp)
        dataset.write(folder)
        reports = [ingest_paths(graph, [folder / data.id], data.grading,
                                batch_size=batch_size, progress=progress)
                   for data in dataset.sources]
    set_coordinates(graph, [{"key": place_key(p.name, p.country), "lat": p.lat, "lon": p.lon}
                            for p in all_places()])
    return reports
