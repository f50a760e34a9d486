"""The demo data set: ``generate(scale, seed)`` plans and makes every record in the native
templates, deterministically (same seed, byte-identical files), with its ground truth.

Small and medium sets are kept in memory (``DemoDataset.sources[i].rows``); the large set
is only counted, and ``write`` generates it again straight into the files, so that a million
rows are never held at once.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from ingest.demo.background import background_case, decoy_plan, record_hubs
from ingest.demo.builder import Builder, Row, Sink
from ingest.demo.networks import plant_networks
from ingest.demo.own_layout import rewrite_in_own_layout
from ingest.demo.planted import new_patterns
from ingest.demo.sources import SOURCES, DemoSource
from ingest.demo.truth import Truth
from ingest.grading import Grading
from ingest.mapping.source_folder import write_source_file
from ingest.templates import TEMPLATES
from ingest.writers import format_cell, template_columns

ROW_TLP_TEMPLATES = ("cases", "persons")  # sources with RED records write a `tlp` column here


@dataclass(frozen=True)
class Scale:
    networks: int  # planted cross-border networks
    background: int  # unrelated single-jurisdiction cases
    decoy_groups: int  # groups of 3 unrelated people sharing a common name
    in_memory: bool = True


SCALES = {
    "small": Scale(networks=6, background=70, decoy_groups=4),
    "medium": Scale(networks=16, background=2_000, decoy_groups=12),
    "large": Scale(networks=40, background=42_000, decoy_groups=30, in_memory=False),
}


@dataclass
class SourceData:
    """One source of the set: who it is, its grading, and its rows per template (empty for
    a streamed set; ``counts`` always)."""

    source: DemoSource
    rows: dict[str, list[Row]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    @property
    def id(self) -> str:
        return self.source.id

    @property
    def grading(self) -> Grading:
        return self.source.grading

    def columns(self, template: str) -> list[str]:
        extra = ["tlp"] if self.source.red_share and template in ROW_TLP_TEMPLATES else []
        return template_columns(template, extra)


def _make(scale: Scale, seed: int, sink: Sink) -> Truth:
    """Every record of the set, in a fixed order, to ``sink``; returns the truth."""
    truth = Truth(patterns=new_patterns())
    builder = Builder(sink)
    plant_networks(builder, truth, seed, scale.networks)
    decoys = decoy_plan(scale.decoy_groups)
    for index in range(scale.background):
        background_case(builder, truth, seed, index, decoys.get(index))
    record_hubs(truth)
    return truth


class _Files:
    """Streams rows into ``<out>/<source>/<template>.csv``, all files open at once."""

    def __init__(self, out_dir: Path, sources: dict[str, SourceData], stack: ExitStack) -> None:
        self.writers: dict[tuple[str, str], tuple[Any, list[str]]] = {}
        self.paths: list[Path] = []
        for source_id, data in sources.items():
            folder = out_dir / source_id
            folder.mkdir(parents=True, exist_ok=True)
            for template in TEMPLATES.templates:
                path = folder / f"{template}.csv"
                handle: IO[str] = stack.enter_context(
                    open(path, "w", encoding="utf-8", newline=""))  # noqa: SIM115 - ExitStack closes it
                writer = csv.writer(handle, lineterminator="\n")
                columns = data.columns(template)
                writer.writerow(columns)
                self.writers[(source_id, template)] = (writer, columns)
                self.paths.append(path)

    def __call__(self, source_id: str, template: str, row: Row) -> None:
        writer, columns = self.writers[(source_id, template)]
        writer.writerow([format_cell(row.get(c)) for c in columns])


@dataclass
class DemoDataset:
    scale: str
    seed: int
    sources: list[SourceData]
    truth: Truth

    @property
    def spec(self) -> Scale:
        return SCALES[self.scale]

    def source(self, source_id: str) -> SourceData:
        return next(s for s in self.sources if s.id == source_id)

    def row_counts(self) -> dict[str, dict[str, int]]:
        return {s.id: dict(s.counts) for s in self.sources}

    @property
    def total_rows(self) -> int:
        return sum(sum(s.counts.values()) for s in self.sources)

    def write(self, out_dir: Path, own_layouts: bool | None = None) -> list[Path]:
        """The files, one folder per source with its ``source.yaml``, and ``truth.json``;
        returns the files. The sources marked ``own_layout`` write theirs their own way, with
        mappings (``own_layouts``: True every source, False none, None the marked ones)."""
        out_dir.mkdir(parents=True, exist_ok=True)
        by_id = {s.id: s for s in self.sources}
        with ExitStack() as stack:
            files = _Files(out_dir, by_id, stack)
            if self.spec.in_memory:
                for data in self.sources:
                    for template, rows in data.rows.items():
                        for row in rows:
                            files(data.id, template, row)
            else:
                _make(self.spec, self.seed, files)
        paths = files.paths
        for data in self.sources:
            folder = out_dir / data.id
            if own_layouts or (own_layouts is None and data.source.own_layout):
                mine = [p for p in paths if p.parent == folder]
                paths = [p for p in paths if p.parent != folder]
                for native in mine:
                    paths.extend(rewrite_in_own_layout(native))
            paths.append(write_source_file(folder, data.source.description))
        return [*paths, self.truth.write(out_dir / "truth.json")]


def generate(scale: str = "small", seed: int = 7) -> DemoDataset:
    """Plan and make the demo set (``scale`` small, medium or large)."""
    if scale not in SCALES:
        raise ValueError(f"unknown scale {scale!r}; expected one of {', '.join(SCALES)}")
    spec = SCALES[scale]
    data = {s.id: SourceData(s) for s in SOURCES}

    def keep(source_id: str, template: str, row: Row) -> None:
        source = data[source_id]
        source.counts[template] += 1
        if spec.in_memory:
            source.rows.setdefault(template, []).append(row)

    truth = _make(spec, seed, keep)
    return DemoDataset(scale, seed, list(data.values()), truth)
