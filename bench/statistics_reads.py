"""Benchmark: the statistics of the whole graph on the demo data sets.

Generates and loads each scale of the demo (``ingest.demo``) into a throw-away managed Neo4j,
then times ``graph.statistics.statistics`` for an analyst (every case but TLP:RED ones) and
for an investigator of one authority, and the networks by country pair (network detection).
The baseline, measured in the same run, is a bare Cypher count of the same figures (victims by
gender and citizenship, cases by year, sector and indicator, origin -> destination of the
travel legs) without the access rule, the filter or the corridor rules: the ratio says what
those cost on top of counting once. Each figure is timed warm (after one run that plans it).

    .venv/bin/python bench/statistics_reads.py [small medium large]
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

# The repository first: ``python bench/statistics_reads.py`` puts bench/ first.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from backend.settings import Settings  # noqa: E402
from graph.access import AccessScope  # noqa: E402
from graph.connection import Graph, connect_managed  # noqa: E402
from graph.maintenance import graph_stats, reset_graph  # noqa: E402
from graph.networks import detect_networks  # noqa: E402
from graph.resolution import Thresholds, run_resolution  # noqa: E402
from graph.schema import apply_schema  # noqa: E402
from graph.server import ManagedNeo4j  # noqa: E402
from graph.statistics import StatsFilter, statistics  # noqa: E402
from ingest.demo.generator import generate  # noqa: E402
from ingest.demo.load import load_demo  # noqa: E402

T = TypeVar("T")

BARE_COUNTS = [
    "MATCH (p:Person)-[r:INVOLVED_IN {role: 'victim'}]->(:Case) "
    "RETURN p.gender AS k, count(DISTINCT p) AS n",
    "MATCH (p:Person)-[r:INVOLVED_IN {role: 'victim'}]->(:Case) "
    "RETURN p.nationality AS k, count(DISTINCT p) AS n",
    "MATCH (c:Case) RETURN c.opened_on.year AS k, count(c) AS n",
    "MATCH (c:Case) RETURN c.sector AS k, count(c) AS n",
    "MATCH (c:Case) UNWIND c.indicators AS k RETURN k, count(c) AS n",
    "MATCH (:Person)-[:TRAVELLED]->(t:TravelLeg)-[:FROM]->(a:Location), (t)-[:TO]->(b:Location) "
    "RETURN a.country AS o, b.country AS d, count(t) AS n",
]


def _timed(label: str, fn: Callable[[], T]) -> tuple[float, T]:
    started = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - started
    print(f"  {label:<34} {seconds:8.2f} s", flush=True)
    return seconds, result


def _bare(graph: Graph) -> None:
    for query in BARE_COUNTS:
        graph.read(query)


def bench_scale(graph: Graph, scale: str, seed: int = 7) -> dict[str, float]:
    print(f"scale {scale}", flush=True)
    reset_graph(graph)
    _, dataset = _timed("generate", lambda: generate(scale=scale, seed=seed))
    _timed("load", lambda: load_demo(graph, dataset))
    _timed("resolve", lambda: run_resolution(graph, Thresholds()))
    nodes = sum(graph_stats(graph)["nodes"].values())
    print(f"  {nodes:,} nodes", flush=True)
    analyst = AccessScope(see_all=True, authority="")
    investigator = AccessScope(see_all=False, authority="GT-PNC", sources=("gt-pnc",))
    _timed("plan (first statistics run)", lambda: (statistics(graph, analyst, StatsFilter()),
                                                   statistics(graph, investigator,
                                                              StatsFilter()), _bare(graph)))
    baseline, _ = _timed("baseline: bare Cypher counts", lambda: _bare(graph))
    whole, figures = _timed("statistics, analyst", lambda: statistics(graph, analyst,
                                                                      StatsFilter()))
    own, _ = _timed("statistics, investigator", lambda: statistics(graph, investigator,
                                                                   StatsFilter()))
    networks, found = _timed("networks (by country pair)", lambda: detect_networks(graph))
    print(f"  {figures.cases.shown:,} cases, {figures.victims.shown:,} victims, "
          f"{len(figures.corridors)} corridors, {len(found)} networks", flush=True)
    print(f"  statistics = {whole / baseline:.1f} x the bare counts (analyst), "
          f"{own / baseline:.1f} x (investigator); with networks {whole + networks:.2f} s",
          flush=True)
    return {"nodes": nodes, "baseline": baseline, "analyst": whole, "investigator": own,
            "networks": networks}


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
    print("\nscale        nodes  bare counts  analyst  investigator  networks   ratio")
    for scale, r in results.items():
        print(f"{scale:<8} {r['nodes']:>9,.0f} {r['baseline']:12.2f} {r['analyst']:8.2f}"
              f" {r['investigator']:13.2f} {r['networks']:9.2f}"
              f" {r['analyst'] / r['baseline']:7.1f}")


if __name__ == "__main__":
    main(sys.argv[1:] or ["small", "medium"])
