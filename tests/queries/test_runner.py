"""The runner and ``crosslink query`` against the real Neo4j, on the hand-made planted graph."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace

import pytest
from neo4j.exceptions import ClientError
from typer.testing import CliRunner

from backend.cli import app
from backend.services.neo4j_errors import is_timeout
from graph.connection import Graph
from graph.query_library import load_library, own_query, run_query
from tests.helpers import run_cli

LIBRARY = load_library()
CLI = CliRunner()


def test_rows_keep_the_declared_columns_and_elements_come_from_the_evidence(
        planted_graph: Graph) -> None:
    result = run_query(planted_graph, LIBRARY["agencies_victims_many_countries"], {},
                       timeout=30, row_limit=100)
    assert result.columns == ["agency_uid", "agency_name", "countries", "victims", "cases"]
    assert result.rows == [{"agency_uid": "hm:A1", "agency_name": "Agencia Uno",
                            "countries": result.rows[0]["countries"], "victims": 3,
                            "cases": result.rows[0]["cases"]}]
    assert sorted(result.rows[0]["countries"]) == ["GT", "MX", "US"]
    node_ids = {n["id"] for n in result.nodes}
    assert {"RecruitmentAgency:hm:A1", "Person:hm:P1", "Case:hm:CC"} <= node_ids
    recruited = [r for r in result.relationships if r["type"] == "RECRUITED_BY"]
    assert {(r["source"], r["target"]) for r in recruited} == {
        (f"Person:hm:P{i}", "RecruitmentAgency:hm:A1") for i in (1, 2, 3)}
    assert result.params == {"min_countries": 3}


def test_shortest_connection_returns_the_path_as_node_ids(planted_graph: Graph) -> None:
    result = run_query(planted_graph, LIBRARY["shortest_connection_between_cases"],
                       {"case_a": "hm:CA", "case_b": "hm:CC"}, timeout=30, row_limit=100)
    assert {row["length"] for row in result.rows} == {4}
    via_agency = [r for r in result.rows if "hm:A1" in r["uids"]]
    assert via_agency and via_agency[0]["uids"] == ["hm:CA", "hm:P1", "hm:A1", "hm:P3", "hm:CC"]
    assert via_agency[0]["path"]["nodes"][0] == "Case:hm:CA"


def test_own_query_runs_with_its_declared_parameters(planted_graph: Graph) -> None:
    query = own_query("MATCH (c:Case) WHERE c.jurisdiction IN $countries "
                      "AND size(coalesce(c.indicators, [])) >= $n RETURN c ORDER BY c.uid",
                      [{"name": "countries", "type": "list<string>"},
                       {"name": "n", "type": "int", "default": 0}])
    result = run_query(planted_graph, query, {"countries": "PH,GT", "n": "1"}, timeout=30,
                       row_limit=100)
    assert result.rows == [{"c": "Case:hm:C1"}, {"c": "Case:hm:CD"}]
    assert {n["id"] for n in result.nodes} == {"Case:hm:C1", "Case:hm:CD"}


def test_own_query_with_a_date_parameter_compares_with_stored_dates(planted_graph: Graph) -> None:
    query = own_query("MATCH (t:Transaction) WHERE t.date >= $since RETURN t.uid AS uid "
                      "ORDER BY uid", [{"name": "since", "type": "date"}])
    result = run_query(planted_graph, query, {"since": "2024-06-02"}, timeout=30, row_limit=10)
    assert [r["uid"] for r in result.rows] == ["hm:TX2", "hm:TX3", "hm:TX4"]
    assert result.params == {"since": "2024-06-02"}


def test_row_limit_and_timeout(planted_graph: Graph) -> None:
    query = own_query("MATCH (p:Person) RETURN p.uid AS uid")
    limited = run_query(planted_graph, query, {}, timeout=30, row_limit=2)
    assert len(limited.rows) == 2 and limited.truncated
    slow = own_query("UNWIND range(1, 300000000) AS x WITH x WHERE x < 0 RETURN count(x) AS n")
    with pytest.raises(ClientError) as caught:
        run_query(planted_graph, slow, {}, timeout=0.5, row_limit=10)
    assert is_timeout(caught.value)


def test_cli_lists_shows_and_runs_saved_queries(planted_graph: Graph,
                                               crosslink_env: dict[str, str]) -> None:
    """The real command in a subprocess once; the other cases in-process (same code)."""
    ran = run_cli(["query", "run", "money_chains", "--param", "days=10", "--format", "csv"],
                  env=crosslink_env)
    assert ran.returncode == 0, ran.stderr
    rows = list(csv.DictReader(io.StringIO(ran.stdout)))
    assert [(r["first_tx"], r["second_tx"], r["days_apart"]) for r in rows] == [
        ("hm:TX1", "hm:TX2", "9"), ("hm:TX3", "hm:TX2", "8"), ("hm:TX4", "hm:TX2", "7")]

    listed = CLI.invoke(app, ["query", "list", "--format", "json"])
    assert listed.exit_code == 0, listed.output
    assert {q["name"] for q in json.loads(listed.stdout)} == set(LIBRARY)

    shown = CLI.invoke(app, ["query", "show", "money_chains"])
    assert shown.exit_code == 0, shown.output
    assert "Money chains A -> B -> C within N days" in shown.stdout
    assert "min_amount" in shown.stdout and "MATCH p = (a:Account)" in shown.stdout
    # a list default reads as a list (as it is typed with -p), not as a Python tuple
    licences = CLI.invoke(app, ["query", "show", "agency_recruiting_unlicensed_country"],
                          env={"COLUMNS": "300"})
    assert "unlicensed, suspended, revoked" in licences.stdout and "('" not in licences.stdout
    listed_table = CLI.invoke(app, ["query", "list"], env={"COLUMNS": "300"})
    assert "bad_licences:list<string>=unlicensed,suspended,revoked" in listed_table.stdout

    table = CLI.invoke(app, ["query", "run", "document_retention"])
    assert table.exit_code == 0 and "hm:E9" in table.stdout and "1 row" in table.stdout
    assert '["' not in table.stdout  # a list of persons reads as a list, not as JSON

    graph_json = CLI.invoke(app, ["query", "run", "cases_core_indicators", "-p", "min_core=4",
                                  "--format", "json", "--elements"])
    assert graph_json.exit_code == 0, graph_json.output
    out = json.loads(graph_json.stdout)
    assert out["rows"] == [] and out["params"]["min_core"] == 4
    assert out["params"]["core"] == ["restriction_of_movement", "violence",
                                     "threat_of_denunciation", "retention_of_documents",
                                     "withholding_wages", "debt_bondage"]


def test_cli_refuses_a_bad_parameter_with_exit_2_and_no_traceback() -> None:
    result = run_cli(["query", "run", "money_chains", "--param", "days=soon"],
                     env={"NEO4J_URI": "bolt://127.0.0.1:1"})  # refused before connecting
    assert result.returncode == 2, result.stdout + result.stderr
    assert "money_chains: parameter days must be int" in " ".join(result.stderr.split())
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(("args", "message"), [
    (["query", "run", "money_chains", "--param", "weeks=2"],
     "unknown parameter weeks; its parameters: days, min_amount"),
    (["query", "run", "money_chains", "--param", "days"], "expected key=value"),
    (["query", "run", "shortest_connection_between_cases", "-p", "case_a=x"],
     "parameter case_b (string) is required"),
    (["query", "show", "no_such_query"], "no saved query 'no_such_query'; saved queries: "),
])
def test_cli_refuses_bad_input_with_exit_2(args: list[str], message: str) -> None:
    result = CLI.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert message in " ".join(result.stderr.split())


def test_runner_refuses_a_writing_query_even_when_built_by_hand(planted_graph: Graph) -> None:
    sneaky = replace(LIBRARY["document_retention"],
                     cypher="MATCH (p:Person) SET p.flag = true RETURN p.uid AS holder_uid")
    with pytest.raises(ValueError, match="SET writes to the graph"):
        run_query(planted_graph, sneaky, {}, timeout=30, row_limit=10)
    assert planted_graph.read("MATCH (p:Person) WHERE p.flag IS NOT NULL RETURN p") == []
