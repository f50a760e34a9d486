"""Ingest benchmark: rows/s of the real ingest (validation, normalisation, MERGE loaders) on
the demo set, against a bare baseline that writes the same rows with ``UNWIND ... CREATE``
and no checking at all, measured in the same run on the same (throw-away) Neo4j server.

    python bench/ingest.py [--scale medium|large] [--seed N] [--batch-size N] [--ceiling]
                           [--no-mapped] [--no-alerts]

Ingest runs as ``crosslink ingest`` does: in-process through ``ingest_paths`` per source
folder (the rate), and with ``--scale large`` also as real ``crosslink ingest`` processes,
whose peak memory (ru_maxrss) is reported. Targets on a 2-core machine: >= 20,000 rows/s,
>= 0.5 of the baseline, peak memory < 1 GiB on the large set.

The alerts run loads the set again raising the deconfliction and watch alerts after each
source's load, as ``crosslink ingest`` and uploads do (an app database of the demo's
authorities, an investigator watching 50 of its phones), against the same load without them in
the same run; goal: under 10 % more.

The mapped run loads the same set written in its sources' own layouts (Spanish headers,
day-first dates, Sí/No, decimal commas, Windows-1252, semicolons: ingest/demo/own_layout.py)
through their mappings, against the native load of the same run; goal >= 0.9 of it.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from neo4j import ManagedTransaction, Record  # noqa: E402

from backend.db.engine import AppDB, open_app_db  # noqa: E402
from backend.db.models import Watch  # noqa: E402
from backend.services import users  # noqa: E402
from backend.services.alerts import AlertRun  # noqa: E402
from backend.services.ingest import raise_alerts  # noqa: E402
from backend.settings import Settings  # noqa: E402
from graph.connection import Graph, connect_managed  # noqa: E402
from graph.maintenance import graph_stats, reset_graph  # noqa: E402
from graph.schema import META_LABEL, apply_schema  # noqa: E402
from graph.server import ManagedNeo4j  # noqa: E402
from ingest.demo.generator import DemoDataset, generate  # noqa: E402
from ingest.mapping.plan import plan_ingest  # noqa: E402
from ingest.pipeline import ingest_paths  # noqa: E402

BASELINE = "UNWIND $rows AS row CREATE (n:BenchRow) SET n = row"
TARGET_RATE = 20_000
TARGET_RATIO = 0.5
TARGET_MAPPED_RATIO = 0.9
TARGET_ALERTS_COST = 0.10
WATCHED_PHONES = 50
MEMORY_LIMIT = 1 << 30


def _csv_batches(path: Path, size: int) -> Iterator[list[dict[str, str]]]:
    with open(path, encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle)
        while batch := list(islice(rows, size)):
            yield [{k: v for k, v in row.items() if v} for row in batch]


def baseline(graph: Graph, folder: Path, dataset: DemoDataset, batch_size: int) -> int:
    """The same files, every row written as one node with plain CREATE: no validation,
    normalisation, MERGE or relationships. Returns rows written."""
    written = 0
    for data in dataset.sources:
        for path in sorted((folder / data.id).glob("*.csv")):
            for batch in _csv_batches(path, batch_size):
                graph.write(BASELINE, {"rows": batch})
                written += len(batch)
    return written


Group = tuple[str, Any]  # (label or relationship type, the run's ingested_at)


def graph_elements(graph: Graph) -> tuple[dict[Group, list[dict[str, Any]]],
                                          dict[Group, list[dict[str, Any]]]]:
    """Every node and relationship the ingest wrote, with all their properties, grouped by
    label (type) and run: nodes as {x: elementId, props}, relationships as {a, b, props}."""
    nodes: dict[Group, list[dict[str, Any]]] = {}
    for record in graph.read(f"MATCH (n) WHERE NOT n:{META_LABEL} RETURN elementId(n) AS x, "
                             "labels(n)[0] AS label, properties(n) AS props"):
        props = dict(record["props"])
        at = props.pop("ingested_at")
        nodes.setdefault((record["label"], at), []).append({"x": record["x"], "props": props})
    rels: dict[Group, list[dict[str, Any]]] = {}
    for record in graph.read(f"MATCH (a)-[r]->(b) WHERE NOT a:{META_LABEL} RETURN "
                             "elementId(a) AS a, elementId(b) AS b, type(r) AS type, "
                             "properties(r) AS props"):
        props = dict(record["props"])
        at = props.pop("ingested_at")
        rels.setdefault((record["type"], at), []).append(
            {"a": record["a"], "b": record["b"], "props": props})
    return nodes, rels


def create_again(graph: Graph, nodes: dict[Group, list[dict[str, Any]]],
                 rels: dict[Group, list[dict[str, Any]]], batch_size: int) -> None:
    """The ceiling: the ingest's graph written again with plain ``CREATE`` (no checking, no
    MERGE, ends found by element id rather than by key), under the schema's constraints and
    indexes. As in the ingest, a run's ingested_at is sent once per statement."""
    new_id: dict[str, str] = {}
    for (label, at), items in nodes.items():
        statement = (f"UNWIND range(0, size($rows) - 1) AS i CREATE (n:`{label}`) "
                     "SET n = $rows[i], n.ingested_at = $at RETURN i, elementId(n) AS id")
        for start in range(0, len(items), batch_size):
            batch = items[start:start + batch_size]
            params = {"rows": [b["props"] for b in batch], "at": at}

            def work(tx: ManagedTransaction, st: str = statement,
                     pa: dict[str, Any] = params) -> list[Record]:
                return list(tx.run(st, pa))  # type: ignore[arg-type]

            for record in graph.write_tx(work):
                new_id[batch[record["i"]]["x"]] = record["id"]
    for (rel_type, at), items in rels.items():
        statement = ("UNWIND $rows AS row MATCH (a) WHERE elementId(a) = row.a "
                     "MATCH (b) WHERE elementId(b) = row.b "
                     f"CREATE (a)-[r:`{rel_type}`]->(b) SET r = row.props, r.ingested_at = $at")
        rows = [{"a": new_id[r["a"]], "b": new_id[r["b"]], "props": r["props"]} for r in items]
        for start in range(0, len(rows), batch_size):
            graph.write(statement, {"rows": rows[start:start + batch_size], "at": at})


def ingest(graph: Graph, folder: Path, dataset: DemoDataset, batch_size: int) -> int:
    """The real pipeline, one run per source folder with its grading (as the CLI); files in
    their own layout through their folder's mappings."""
    loaded = 0
    for data in dataset.sources:
        plan = plan_ingest([folder / data.id])
        report = ingest_paths(graph, plan.native, data.grading, mapped=plan.mapped,
                              batch_size=batch_size)
        if report.errors:
            raise SystemExit(f"ingest rejected rows: {report.errors[:3]}")
        loaded += report.rows_loaded
    return loaded


def watched_phones(graph: Graph) -> list[str]:
    """``WATCHED_PHONES`` of the phones the ingest wrote."""
    return [r["e164"] for r in graph.read("MATCH (p:Phone) RETURN p.e164 AS e164 "
                                          "ORDER BY e164 LIMIT $n", {"n": WATCHED_PHONES})]


def alerts_db(dataset: DemoDataset, folder: Path, phones: list[str]) -> AppDB:
    """An app database with the demo's authorities, their sources, and an investigator who
    watches ``phones``."""
    folder.mkdir(parents=True, exist_ok=True)
    settings = Settings(data_dir=folder, database_url=f"sqlite:///{folder / 'app.db'}")
    db = open_app_db(settings)
    with db.session() as s:
        by_authority: dict[str, list[str]] = {}
        for data in dataset.sources:
            by_authority.setdefault(data.source.authority, []).append(data.id)
        kinds = {d.source.authority: (d.source.kind, d.source.country)
                 for d in dataset.sources}
        for authority, source_ids in by_authority.items():
            users.create_authority(s, authority, name=authority, country=kinds[authority][1],
                                   kind=kinds[authority][0], source_ids=source_ids,
                                   contact=f"desk of {authority}")
        first = dataset.sources[0].source.authority
        watcher = users.create_user(s, "bench-watcher", "bench password 1", authority_id=first,
                                    role="investigator")
        s.add_all([Watch(user_id=watcher.id, label="Phone", key=key) for key in phones])
        s.commit()
    return db


def ingest_with_alerts(graph: Graph, folder: Path, dataset: DemoDataset, batch_size: int,
                       db: AppDB, raised: AlertRun) -> int:
    """``ingest`` raising each load's alerts after it, as the ingest service does."""
    loaded = 0
    for data in dataset.sources:
        plan = plan_ingest([folder / data.id])
        report = ingest_paths(graph, plan.native, data.grading, mapped=plan.mapped,
                              batch_size=batch_size)
        with db.session() as s:
            run = raise_alerts(graph, s, report)
        raised.deconfliction += run.deconfliction
        raised.watch += run.watch
        raised.seconds += run.seconds
        loaded += report.rows_loaded
    return loaded


def cli_ingest(status_uri: str, password: str, folder: Path, dataset: DemoDataset,
               batch_size: int) -> tuple[int, float, int]:
    """Real ``crosslink ingest`` processes, one per source: (rows, seconds, peak RSS bytes)."""
    env = {**os.environ, "NEO4J_URI": status_uri, "NEO4J_USER": "neo4j",
           "NEO4J_PASSWORD": password, "CROSSLINK_INGEST_BATCH_SIZE": str(batch_size)}
    rows, started = 0, time.perf_counter()
    for data in dataset.sources:
        g = data.grading
        args = [sys.executable, "-m", "backend.cli", "ingest", str(folder / data.id),
                "--source", g.source_id, "--source-kind", g.source_kind or "other",
                "--source-country", g.source_country or "", "--reliability", g.reliability,
                "--credibility", g.credibility, "--tlp", g.tlp, "--format", "json"]
        done = subprocess.run(args, cwd=REPO, env=env, capture_output=True, text=True,
                              check=False)
        if done.returncode != 0:
            raise SystemExit(f"crosslink ingest failed ({done.returncode}): {done.stderr[-2000:]}")
        rows += json.loads(done.stdout)["rows_loaded"]
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024  # Linux: KiB
    return rows, seconds, peak


def _profiler() -> Any:
    from pyinstrument import Profiler

    profiler = Profiler(async_mode="disabled")
    profiler.start()
    return profiler


def _timed(label: str, work: object, *args: object) -> tuple[int, float]:
    started = time.perf_counter()
    rows = work(*args)  # type: ignore[operator]
    seconds = time.perf_counter() - started
    print(f"{label:<28} {rows:>10,} rows {seconds:8.1f} s {rows / seconds:>10,.0f} rows/s",
          flush=True)
    return rows, seconds


ALERT_ROUNDS = 2


def alert_figures(graph: Graph, folder: Path, dataset: DemoDataset, tmp_dir: Path,
                  args: argparse.Namespace, rows: int) -> None:
    """The load raising alerts against the same load without them, taking turns
    (``ALERT_ROUNDS`` each, the best of each shown), after a first run with alerts that plans
    their reads, as a running server has them planned (Neo4j plans a read again for each new
    order of magnitude of a list parameter's size)."""
    phones = watched_phones(graph)
    reset_graph(graph)
    warm_db = alerts_db(dataset, tmp_dir / "warm-up", phones)
    ingest_with_alerts(graph, folder, dataset, args.batch_size, warm_db, AlertRun())
    warm_db.close()
    plain: list[float] = []
    alerted: list[tuple[float, AlertRun]] = []
    for turn in range(ALERT_ROUNDS):
        reset_graph(graph)
        plain.append(_timed("ingest without alerts", ingest, graph, folder, dataset,
                            args.batch_size)[1])
        reset_graph(graph)
        db = alerts_db(dataset, tmp_dir / f"alerts-{turn}", phones)
        raised = AlertRun()
        profiler = _profiler() if args.profile and turn == 0 else None
        alert_rows, alert_s = _timed("ingest raising alerts", ingest_with_alerts, graph,
                                     folder, dataset, args.batch_size, db, raised)
        if profiler is not None:
            profiler.stop()
            print(profiler.output_text(show_all=False, color=False))
        db.close()
        if alert_rows != rows:
            raise SystemExit("the load raising alerts loaded other rows")
        alerted.append((alert_s, raised))
    best_plain = min(plain)
    best_s, raised = min(alerted, key=lambda pair: pair[0])
    own = min(r.seconds for _, r in alerted)
    print(f"alerts: {raised.deconfliction:,} deconfliction and {raised.watch:,} watch alerts "
          f"raised in {own:.2f} s ({own / best_plain * 100:.1f} % of the load); the load "
          f"{best_s:.1f} s against {best_plain:.1f} s without them (best of {ALERT_ROUNDS} "
          f"each, taking turns), {(best_s / best_plain - 1) * 100:+.1f} % "
          f"(goal < {TARGET_ALERTS_COST:.0%})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", default="medium", choices=("small", "medium", "large"))
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--batch-size", type=int, default=Settings().ingest_batch_size)
    parser.add_argument("--ceiling", action="store_true",
                        help="Then write the ingest's graph again with plain CREATE (what the "
                             "graph itself costs to write), three times, and show the best.")
    parser.add_argument("--no-mapped", dest="mapped", action="store_false",
                        help="Skip the mapped run (the set in its sources' own layouts).")
    parser.add_argument("--no-alerts", dest="alerts", action="store_false",
                        help="Skip the alerts run (the load raising deconfliction and watch "
                             "alerts).")
    parser.add_argument("--profile", action="store_true",
                        help="Profile the ingest with pyinstrument and print where time goes.")
    args = parser.parse_args()
    settings = Settings()
    with tempfile.TemporaryDirectory(prefix="crosslink-bench-") as tmp:
        tmp_dir = Path(tmp)
        started = time.perf_counter()
        dataset = generate(args.scale, args.seed)
        dataset.write(tmp_dir / "files", own_layouts=False)
        if args.mapped:
            dataset.write(tmp_dir / "own", own_layouts=True)
        print(f"demo set {args.scale}: {dataset.total_rows:,} rows in "
              f"{len(dataset.sources)} sources, generated and written in "
              f"{time.perf_counter() - started:.1f} s", flush=True)
        server = ManagedNeo4j(home=tmp_dir / "neo4j", runtime_dir=settings.runtime_dir,
                              version=settings.neo4j_version, heap=settings.neo4j_heap,
                              pagecache=settings.neo4j_pagecache)
        with server.running() as status:
            graph = connect_managed(server)
            apply_schema(graph)
            folder = tmp_dir / "files"
            # warm-up (JIT, page cache, driver) on the small set, then start from empty
            warm = generate("small", args.seed)
            warm.write(tmp_dir / "warm", own_layouts=False)
            ingest(graph, tmp_dir / "warm", warm, args.batch_size)
            baseline(graph, tmp_dir / "warm", warm, args.batch_size)
            reset_graph(graph)
            if args.scale != "large":
                # the first load of this size after a server start is slower (the JVM
                # compiles a larger load's code paths, the store files grow); shown, then the
                # measured load runs after it
                _timed("ingest, first load", ingest, graph, folder, dataset,
                       args.batch_size)
                reset_graph(graph)
            base_rows, base_s = _timed("baseline UNWIND ... CREATE", baseline, graph, folder,
                                       dataset, args.batch_size)
            reset_graph(graph)
            profiler = _profiler() if args.profile else None
            rows, seconds = _timed("ingest (ingest_paths)", ingest, graph, folder, dataset,
                                   args.batch_size)
            if profiler is not None:
                profiler.stop()
                print(profiler.output_text(show_all=False, color=False))
            stats = graph_stats(graph)
            nodes = sum(stats["nodes"].values())
            rels = sum(stats["relationships"].values())
            rate, base_rate = rows / seconds, base_rows / base_s
            print(f"graph: {nodes:,} nodes, {rels:,} relationships")
            print(f"ingest {rate:,.0f} rows/s, baseline {base_rate:,.0f} rows/s, "
                  f"ratio {rate / base_rate:.2f} (targets >= {TARGET_RATE:,} rows/s, "
                  f">= {TARGET_RATIO})")
            if args.alerts:
                alert_figures(graph, folder, dataset, tmp_dir, args, rows)
            if args.mapped:
                reset_graph(graph)
                mapped_rows, mapped_s = _timed("ingest, own layouts, mapped", ingest, graph,
                                               tmp_dir / "own", dataset, args.batch_size)
                if mapped_rows != rows or graph_stats(graph) != stats:
                    raise SystemExit("the mapped load did not give the native load's graph")
                mapped_rate = mapped_rows / mapped_s
                print(f"mapped {mapped_rate:,.0f} rows/s, native {rate:,.0f} rows/s, ratio "
                      f"{mapped_rate / rate:.2f} (goal >= {TARGET_MAPPED_RATIO})")
            if args.ceiling:
                nodes_by, rels_by = graph_elements(graph)
                times = []
                for _ in range(3):  # the first runs are slower (the JVM compiles CREATE's path)
                    reset_graph(graph)
                    started = time.perf_counter()
                    create_again(graph, nodes_by, rels_by, args.batch_size)
                    times.append(time.perf_counter() - started)
                best = min(times)
                print(f"the same graph, plain CREATE: {', '.join(f'{t:.1f}' for t in times)} s, "
                      f"best {rows / best:,.0f} rows/s of the set; ingest / plain CREATE "
                      f"{rate / (rows / best):.2f}")
                reset_graph(graph)
                _timed("ingest again after it", ingest, graph, folder, dataset,
                       args.batch_size)
            if args.scale == "large":
                reset_graph(graph)
                assert status.bolt_uri is not None
                cli_rows, cli_s, peak = cli_ingest(status.bolt_uri, server.password(), folder,
                                                   dataset, args.batch_size)
                print(f"crosslink ingest (7 processes): {cli_rows:,} rows in {cli_s:.1f} s, "
                      f"{cli_rows / cli_s:,.0f} rows/s, peak memory {peak / 2**20:,.0f} MiB "
                      f"(target < {MEMORY_LIMIT / 2**20:,.0f} MiB)")
            graph.close()


if __name__ == "__main__":
    main()
