"""A load killed half-way (kill -9) and run again ends with exactly the counts of an
uninterrupted load: every batch is one transaction, and every write is a MERGE."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from graph.connection import Graph
from graph.maintenance import graph_stats, reset_graph
from ingest.grading import Grading
from ingest.pipeline import ingest_paths

from ..helpers import run_cli, start_cli
from .samples import write_csv

PEOPLE = 6_000
BATCH = 150


def _write_big(folder: Path) -> Path:
    folder.mkdir()
    write_csv(folder / "persons.csv", ({
        "person_id": f"P-{i}", "full_name": f"Persona Número {i}", "nationality": "GT",
        "phones": f"5{i:07d}", "emails": f"p{i}@example.org",
    } for i in range(PEOPLE)))
    write_csv(folder / "accounts.csv", ({
        "account_number": f"ACC-{i:08d}", "bank": "Banco", "country": "GT",
        "holder_id": f"P-{i}"} for i in range(0, PEOPLE, 2)))
    return folder


def test_killed_load_run_again_gives_the_uninterrupted_counts(
        graph: Graph, tmp_path: Path, crosslink_env: dict[str, str]) -> None:
    folder = _write_big(tmp_path / "big")
    args = ["ingest", str(folder), "--source", "gt-pnc", "--source-country", "GT",
            "--batch-size", str(BATCH)]
    process = start_cli(args, crosslink_env)
    deadline = time.monotonic() + 120
    persons = 0
    while time.monotonic() < deadline and process.poll() is None:
        persons = graph.read("MATCH (p:Person) RETURN count(p) AS n")[0]["n"]
        if persons >= 4 * BATCH:
            break
        time.sleep(0.05)
    assert process.poll() is None, f"the load ended before it could be killed ({persons})"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    killed = graph_stats(graph)
    assert 0 < killed["nodes"]["Person"] < PEOPLE, killed
    assert killed["nodes"]["Person"] % BATCH == 0, killed  # whole batches: each is atomic

    result = run_cli(args, crosslink_env)
    assert result.returncode == 0, (result.stdout, result.stderr)
    recovered = graph_stats(graph)

    reset_graph(graph)
    report = ingest_paths(graph, [folder], Grading("gt-pnc", source_country="GT"),
                          batch_size=BATCH)
    assert report.ok
    assert recovered == graph_stats(graph)
    assert recovered["nodes"] == {"Account": PEOPLE // 2, "Email": PEOPLE, "Person": PEOPLE,
                                  "Phone": PEOPLE, "Source": 1}
    assert recovered["relationships"] == {"HOLDS": PEOPLE // 2, "USES": 2 * PEOPLE}
