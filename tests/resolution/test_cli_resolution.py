"""``crosslink resolve``, ``candidates`` and ``judge`` as a user runs them (real CLI, real
Neo4j)."""

from __future__ import annotations

import json

import pytest

from graph.connection import Graph
from graph.maintenance import reset_graph
from tests.helpers import run_cli

from .corridor import load_corridor


@pytest.fixture(scope="module")
def corridor(session_graph: Graph, tmp_path_factory: pytest.TempPathFactory) -> Graph:
    reset_graph(session_graph)
    load_corridor(session_graph, tmp_path_factory.mktemp("corridor"))
    return session_graph


def test_resolve_candidates_judge(corridor: Graph, crosslink_env: dict[str, str]) -> None:
    resolved = run_cli(["resolve"], env=crosslink_env)
    assert resolved.returncode == 0, resolved.stderr
    assert "2 auto-confirmed" in resolved.stdout and "pairs compared" in resolved.stdout

    listed = run_cli(["candidates", "--status", "confirmed", "--format", "json"],
                     env=crosslink_env)
    assert listed.returncode == 0, listed.stderr
    pairs = json.loads(listed.stdout)["candidates"]
    assert {(p["uid_a"], p["uid_b"]) for p in pairs} == {
        ("gt-pnc:P-1", "mx-fge:10"), ("gt-pnc:A-1", "mx-fge:20")}
    recruiter = next(p for p in pairs if p["uid_a"] == "gt-pnc:P-1")
    assert recruiter["a"]["full_name"] == "José Luis García Pérez"
    assert recruiter["b"]["full_name"] == "GARCIA PEREZ, JOSE LUIS"
    assert "shared phone +50255551234: +0.35" in recruiter["reasons"]

    judged = run_cli(["judge", "mx-fge:10", "gt-pnc:P-1", "reject", "--why", "namesakes",
                      "--by", "ana"], env=crosslink_env)
    assert judged.returncode == 0, judged.stderr
    assert "gt-pnc:P-1 SAME_AS mx-fge:10: rejected by ana" in judged.stdout

    again = run_cli(["resolve", "--format", "json"], env=crosslink_env)
    assert json.loads(again.stdout)["decided_skipped"] >= 2
    rejected = run_cli(["candidates", "--status", "rejected"], env=crosslink_env)
    assert "gt-pnc:P-1" in rejected.stdout and "1 row" in rejected.stdout


def test_judge_errors_are_actionable(corridor: Graph, crosslink_env: dict[str, str]) -> None:
    missing = run_cli(["judge", "gt-pnc:P-404", "mx-fge:10", "confirm"], env=crosslink_env)
    assert missing.returncode == 1
    assert "no actor record with uid 'gt-pnc:P-404'" in missing.stderr
    assert "Traceback" not in missing.stderr
    bad = run_cli(["judge", "gt-pnc:P-1", "mx-fge:10", "maybe"], env=crosslink_env)
    assert bad.returncode == 2 and "confirm" in bad.stderr


def test_thresholds_that_contradict_each_other_are_refused(
        crosslink_env: dict[str, str]) -> None:
    crossed = run_cli(["resolve"], env={**crosslink_env, "CROSSLINK_RESOLUTION_CANDIDATE": "0.9"})
    assert crossed.returncode == 2
    assert "candidate <= auto_confirm" in crossed.stderr and "Traceback" not in crossed.stderr
    too_high = run_cli(["networks"], env={**crosslink_env, "CROSSLINK_NETWORK_HUB_CAP": "1"})
    assert too_high.returncode == 2
    assert "CROSSLINK_NETWORK_HUB_CAP" in too_high.stderr
