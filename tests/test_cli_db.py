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
    # a misspelt label finds nothing: the warning says why, on stderr
    typo = run_cli(["cypher", "MATCH (c:Cse) RETURN c.uid AS uid", "-f", "json"],
                   env=crosslink_env)
    assert typo.returncode == 0 and json.loads(typo.stdout) == []
    assert "the label `Cse` is not in the graph" in typo.stderr
    assert "did you mean Case?" in typo.stderr
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


def test_teams_from_the_command_line(graph: Graph, crosslink_env: dict[str, str]) -> None:
    graph.write("CREATE (:Case {uid: 'gt-pnc:C-1', authority: 'GT-PNC'})")
    for args in (["authority", "add", "GT-PNC", "--name", "PNC", "--country", "GT",
                  "--kind", "police"],
                 ["user", "add", "ana", "--authority", "GT-PNC", "--role", "investigator",
                  "--password-stdin"]):
        done = run_cli(args, env=crosslink_env, input="a-long-password\n")
        assert done.returncode == 0, done.stderr
    made = run_cli(["team", "add", "JIT Norte", "--lead", "ana"], env=crosslink_env)
    assert made.returncode == 0 and "led by ana" in made.stdout, made.stderr
    shared = run_cli(["team", "share", "JIT Norte", "gt-pnc:C-1"], env=crosslink_env)
    assert shared.returncode == 0, shared.stderr
    missing = run_cli(["team", "share", "JIT Norte", "gt-pnc:C-404"], env=crosslink_env)
    assert missing.returncode == 1 and "no case gt-pnc:C-404" in missing.stderr
    typo = run_cli(["team", "share", "JIT Nort", "gt-pnc:C-1"], env=crosslink_env)
    assert typo.returncode == 1 and "teams: JIT Norte" in typo.stderr
    listed = json.loads(run_cli(["team", "list", "-f", "json"], env=crosslink_env).stdout)
    assert [(t["name"], [m["username"] for m in t["members"]],
             [c["case_uid"] for c in t["cases"]]) for t in listed] == [
        ("JIT Norte", ["ana"], ["gt-pnc:C-1"])]
    last_lead = run_cli(["team", "member", "JIT Norte", "ana", "--remove"], env=crosslink_env)
    assert last_lead.returncode == 1 and "only lead" in last_lead.stderr


def test_cypher_applies_the_console_guard(graph: Graph, crosslink_env: dict[str, str]) -> None:
    load = run_cli(["cypher", "LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l"],
                   env=crosslink_env)
    assert load.returncode == 1
    assert "LOAD CSV is not allowed" in load.stderr and "root:" not in load.stdout
    procedure = run_cli(["cypher", "CALL dbms.listConfig() YIELD name RETURN name LIMIT 1"],
                        env=crosslink_env)
    assert procedure.returncode == 1
    assert "administration procedure" in procedure.stderr
    assert "--unrestricted" in procedure.stderr
    lifted = run_cli(["cypher", "CALL dbms.listConfig() YIELD name RETURN name LIMIT 1",
                      "--unrestricted", "-f", "json"], env=crosslink_env)
    assert lifted.returncode == 0, lifted.stderr
    assert len(json.loads(lifted.stdout)) == 1
    # the allow-list lifted, LOAD CSV still refused
    still = run_cli(["cypher", "LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l",
                     "--unrestricted"], env=crosslink_env)
    assert still.returncode == 1 and "LOAD CSV is not allowed" in still.stderr
    audited = run_cli(["audit", "--format", "json"], env=crosslink_env)
    assert audited.returncode == 0, audited.stderr
    assert "dbms.listConfig" in audited.stdout
