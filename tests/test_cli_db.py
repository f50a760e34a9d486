"""`crosslink db ...` and `crosslink cypher` as a user runs them."""

from __future__ import annotations

import json

from graph.connection import Graph

from .helpers import run_cli


def test_db_stats_counts_what_was_written(graph: Graph, crosslink_env: dict[str, str]) -> None:
    graph.write("CREATE (:Case {uid: 's:C1'})-[:REPORTED_BY]->(:Authority {id: 'GT-PNC'}), "
                "(:Case {uid: 's:C2'})")
    result = run_cli(["db", "stats", "--format", "json"], env=crosslink_env)
    assert result.returncode == 0, result.stderr
    counts = json.loads(result.stdout)
    assert counts["nodes"] == {"Authority": 1, "Case": 2}
    assert counts["relationships"] == {"REPORTED_BY": 1}
    table = run_cli(["db", "stats"], env=crosslink_env)
    assert "Case" in table.stdout and "REPORTED_BY" in table.stdout


def test_db_init_twice_reports_nothing_changed(graph: Graph, crosslink_env: dict[str, str]) -> None:
    result = run_cli(["db", "init"], env=crosslink_env)
    assert result.returncode == 0, result.stderr
    assert "nothing changed" in result.stdout


def test_db_reset_refuses_without_yes(graph: Graph, crosslink_env: dict[str, str]) -> None:
    graph.write("CREATE (:Case {uid: 's:C1'})")
    refused = run_cli(["db", "reset"], env=crosslink_env)
    assert refused.returncode == 2
    assert "--yes" in refused.stderr
    assert graph.read("MATCH (c:Case) RETURN count(c) AS n") == [{"n": 1}]
    done = run_cli(["db", "reset", "--yes"], env=crosslink_env)
    assert done.returncode == 0, done.stderr
    assert graph.read("MATCH (c:Case) RETURN count(c) AS n") == [{"n": 0}]
    assert graph.read("SHOW CONSTRAINTS YIELD name RETURN count(*) AS n")[0]["n"] > 10


def test_cypher_prints_rows_and_refuses_writes(graph: Graph, crosslink_env: dict[str, str]) -> None:
    graph.write("CREATE (:Case {uid: 's:C1', jurisdiction: 'GT'})")
    rows = run_cli(["cypher", "MATCH (c:Case {jurisdiction: $j}) RETURN c.uid AS uid",
                    "--param", "j=GT", "--format", "json"], env=crosslink_env)
    assert rows.returncode == 0, rows.stderr
    assert json.loads(rows.stdout) == [{"uid": "s:C1"}]
    refused = run_cli(["cypher", "CREATE (:Case {uid: 'x'}) RETURN 1"], env=crosslink_env)
    assert refused.returncode == 1
    assert "read-only" in refused.stderr
    assert graph.read("MATCH (c:Case) RETURN count(c) AS n") == [{"n": 1}]


def test_rows_come_as_csv_and_a_report_refuses_csv(graph: Graph,
                                                   crosslink_env: dict[str, str]) -> None:
    graph.write("CREATE (:Case {uid: 's:C1', jurisdiction: 'GT'})")
    rows = run_cli(["cypher", "MATCH (c:Case) RETURN c.uid AS uid, c.jurisdiction AS j",
                    "-f", "csv"], env=crosslink_env)
    assert rows.returncode == 0, rows.stderr
    assert rows.stdout.splitlines() == ["uid,j", "s:C1,GT"]
    # a report (counts per label and type) is a table or JSON; csv is refused, not ignored
    refused = run_cli(["db", "stats", "--format", "csv"], env=crosslink_env)
    assert refused.returncode == 2
    assert "'csv' is not one of 'table', 'json'" in refused.stderr
