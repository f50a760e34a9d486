"""Benchmark: entity resolution + network detection on the demo data sets.

Generates and loads each scale of the demo data (``ingest.demo``) into a throw-away managed
Neo4j, then times ``run_resolution`` and ``detect_networks``. The baseline, measured in the
same run, is a bare READ of the same actor records and case involvements: the ratio says how
much the matching and linking cost on top of reading the data once.

    .venv/bin/python bench/networks.py [medium large]
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

# The repository first: ``python bench/networks.py`` puts bench/ (with bench/ingest.py) first.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from backend.settings import Settings  # noqa: E402
from graph.connection import Graph, connect_managed  # noqa: E402
from graph.maintenance import graph_stats, reset_graph  # noqa: E402
from graph.networks import detect_networks  # noqa: E402
from graph.networks.evidence import read_evidence  # noqa: E402
from graph.resolution import Thresholds, run_resolution  # noqa: E402
from graph.resolution.records import read_actor_records  # noqa: E402
from graph.schema import apply_schema  # noqa: E402
from graph.server import ManagedNeo4j  # noqa: E402
from ingest.demo.generator import generate  # noqa: E402
from ingest.demo.load import load_demo  # noqa: E402

T = TypeVar("T")


def _timed(label: str, fn: Callable[[], T]) -> tuple[float, T]:
    started = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - started
    print(f"  {label:<28} {seconds:8.2f} s", flush=True)
    return seconds, result


def bench_scale(graph: Graph, scale: str, seed: int = 7) -> dict[str, float]:
    print(f"scale {scale}", flush=True)
    reset_graph(graph)
    _, dataset = _timed("generate", lambda: generate(scale=scale, seed=seed))
    _timed("load", lambda: load_demo(graph, dataset))
    stats = graph_stats(graph)["nodes"]
    actors = sum(stats.get(label, 0) for label in ("Person", "RecruitmentAgency", "Employer"))
    print(f"  {stats.get('Case', 0)} cases, {actors} actor records", flush=True)
    baseline, _ = _timed("baseline: bare reads", lambda: (list(read_actor_records(graph)),
                                                         read_evidence(graph)))
    resolve, summary = _timed("resolve", lambda: run_resolution(graph, Thresholds()))
    networks, found = _timed("networks", lambda: detect_networks(graph))
    print(f"  {summary.pairs_compared} pairs compared, {summary.candidates} candidates, "
          f"{summary.auto_confirmed} auto-confirmed; {len(found)} cross-border networks")
    total = resolve + networks
    print(f"  resolve + networks {total:.2f} s = {total / baseline:.1f} x the bare reads",
          flush=True)
    return {"resolve": resolve, "networks": networks, "total": total, "baseline": baseline}


def main(scales: list[str]) -> None:
    settings = Settings()
    with tempfile.TemporaryDirectory(prefix="crosslink-bench-") as home:
        server = ManagedNeo4j(home=Path(home), runtime_dir=settings.runtime_dir,
                              version=settings.neo4j_version, heap=settings.neo4j_heap,
                              pagecache=settings.neo4j_pagecache)
        with server.running():
            graph = connect_managed(server)
            apply_schema(graph)
            results = {scale: bench_scale(graph, scale) for scale in scales}
            graph.close()
    print("\nscale     resolve  networks     total  (bare reads)")
    for scale, r in results.items():
        print(f"{scale:<8} {r['resolve']:8.2f} {r['networks']:9.2f} {r['total']:9.2f}"
              f"  ({r['baseline']:.2f})")


if __name__ == "__main__":
    main(sys.argv[1:] or ["medium", "large"])
