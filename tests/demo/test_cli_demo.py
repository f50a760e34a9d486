"""``crosslink demo`` as users run it: --if-empty loads once (make run), --out writes the
template files and truth.json, --no-load needs --out."""

from __future__ import annotations

import json
from pathlib import Path

from graph.connection import Graph
from tests.helpers import run_cli


def test_if_empty_twice_loads_once(graph: Graph, crosslink_env: dict[str, str]) -> None:
    first = run_cli(["demo", "--if-empty", "--format", "json"], env=crosslink_env)
    assert first.returncode == 0, first.stderr
    summary = json.loads(first.stdout)
    assert summary["ok"] and len(summary["reports"]) == 7
    # resolution ran: the planted actors' records are joined, the Review page has pairs
    assert summary["resolution"]["auto_confirmed"] > 0
    assert graph.read("MATCH ()-[s:SAME_AS {status: 'confirmed'}]->() RETURN count(s) AS n"
                      )[0]["n"] == summary["resolution"]["auto_confirmed"]
    cases = graph.read("MATCH (c:Case) RETURN count(c) AS n")[0]["n"]
    assert cases == sum(rows["cases"] for rows in summary["rows"].values())

    second = run_cli(["demo", "--if-empty"], env=crosslink_env)
    assert second.returncode == 0, second.stderr
    assert "already holds cases" in second.stdout
    assert graph.read("MATCH (c:Case) RETURN count(c) AS n")[0]["n"] == cases


def test_out_without_load_writes_templates_and_truth(tmp_path: Path,
                                                     crosslink_env: dict[str, str]) -> None:
    out = tmp_path / "demo"
    done = run_cli(["demo", "--out", str(out), "--no-load", "--seed", "3"], env=crosslink_env)
    assert done.returncode == 0, done.stderr
    assert (out / "gt-pnc" / "persons.csv").read_text(encoding="utf-8").startswith(
        "person_id,full_name,aliases,")
    truth = json.loads((out / "truth.json").read_text(encoding="utf-8"))
    assert truth["networks"] and truth["patterns"]["money_chains"]["expect"]["first_tx"]
    assert f"written to {out}" in " ".join(done.stdout.split())


def test_no_load_without_out_is_a_usage_error(crosslink_env: dict[str, str]) -> None:
    done = run_cli(["demo", "--no-load"], env=crosslink_env)
    assert done.returncode == 2
    assert "give --out DIR" in done.stderr
