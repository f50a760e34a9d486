"""The Cypher console: refuses every writing or administrative form with a clear message,
stops a query past the timeout, limits rows, returns the graph elements of its rows."""

from __future__ import annotations

import pytest

from graph.console import refusal

from .conftest import ApiServer

FORBIDDEN = {
    "MATCH (n) SET n.flag = true": "SET writes",
    "CREATE (n:Person {uid: 'x'})": "CREATE writes",
    "MERGE (n:Person {uid: 'x'})": "MERGE writes",
    "MATCH (n) DETACH DELETE n": "DETACH writes",
    "MATCH (n) REMOVE n.tlp": "REMOVE writes",
    "MATCH (n) FOREACH (x IN [1] | SET n.a = x)": "FOREACH writes",
    "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row": "LOAD CSV is not allowed",
    "CREATE INDEX x FOR (n:Person) ON (n.age)": "CREATE INDEX is a schema",
    "DROP INDEX Person_name_folded": "DROP is a schema",
    "SHOW USERS": "SHOW is a schema or administration",
    "CALL dbms.listConfig()": "administration procedure",
    "CALL apoc.create.node(['X'], {})": "procedure apoc.create.node is not allowed",
    "USE system SHOW DATABASES": "USE is a schema or administration",
    "MATCH (n) CALL (n) { SET n.a = 1 } IN TRANSACTIONS RETURN n": "SET writes",
    "create (n)": "CREATE writes",
}
ALLOWED = [
    "MATCH (n:Person) RETURN n.full_name LIMIT 5",
    "MATCH (n) WHERE n.set = 1 RETURN {create: 1} AS m, 'DELETE me' AS s // SET",
    "CALL db.labels() YIELD label RETURN label",
    "MATCH (n:`SET`) RETURN n",
    "CALL { MATCH (n) RETURN n } RETURN count(n)",
]


@pytest.mark.parametrize(("cypher", "reason"), FORBIDDEN.items())
def test_the_scan_refuses_writes_schema_and_admin(cypher: str, reason: str) -> None:
    found = refusal(cypher)
    assert found is not None and reason in found


@pytest.mark.parametrize("cypher", ALLOWED)
def test_the_scan_lets_reads_through(cypher: str) -> None:
    assert refusal(cypher) is None


def test_the_api_refuses_each_forbidden_form(api_server: ApiServer) -> None:
    with api_server.client("gt-analyst") as c:
        for cypher, reason in FORBIDDEN.items():
            r = c.post("/api/console", json={"cypher": cypher})
            assert r.status_code == 422, cypher
            error = r.json()["error"]
            assert error["code"] == "refused" and error["field"] == "cypher"
            assert reason in error["message"]
    counts = api_server.graph.read("MATCH (n) WHERE n.flag OR n.uid = 'x' RETURN count(n) AS c")
    assert counts[0]["c"] == 0


def test_a_query_past_the_timeout_is_stopped(api_server: ApiServer) -> None:
    with api_server.client("gt-analyst") as c:
        r = c.post("/api/console", json={
            "cypher": "UNWIND range(1, 1000000000) AS x WITH x WHERE x % 7 = 13 "
                      "RETURN count(x) AS n"})
    assert r.status_code == 504
    assert "ran longer than 2 s" in r.json()["error"]["message"]


def test_rows_are_limited_and_graph_elements_returned(api_server: ApiServer) -> None:
    with api_server.client("gt-analyst") as c:
        r = c.post("/api/console", json={"cypher": "UNWIND range(1, 10) AS x RETURN x"})
        assert r.json()["rows"] == [{"x": 1}, {"x": 2}, {"x": 3}]
        assert r.json()["truncated"] is True
        r = c.post("/api/console", json={
            "cypher": "MATCH p = (a:Person {uid: $uid})-[:USES]->(:Phone) RETURN p",
            "params": {"uid": "gt-pnc:P-1"}})
        body = r.json()
        assert {n["label"] for n in body["nodes"]} == {"Person", "Phone"}
        assert {rel["type"] for rel in body["relationships"]} == {"USES"}
        assert all(rel["source"] == "Person:gt-pnc:P-1" for rel in body["relationships"])


def test_misspelt_names_are_flagged_with_what_they_may_mean(api_server: ApiServer) -> None:
    with api_server.client("gt-analyst") as c:
        body = c.post("/api/console", json={
            "cypher": "MATCH (p:Persn)-[:USSES]->(x) WHERE p.fullname = 'Ana'\n"
                      "MATCH (p)-[:DIRECTS]->(a) RETURN p, a"}).json()
        assert body["rows"] == []
        assert body["warnings"] == [
            "the label `Persn` is not in the graph (line 1, column 10): did you mean Person?",
            "the relationship type `USSES` is not in the graph (line 1, column 19): "
            "did you mean USES?",
            "the property `fullname` is not in the graph (line 1, column 39): "
            "did you mean full_name?",
            # a type of the model that no file has brought yet is not a misspelling
            "the relationship type `DIRECTS` is not in the graph (line 2, column 13): "
            "no DIRECTS has been loaded yet"]
        clean = c.post("/api/console", json={"cypher": "MATCH (p:Person) RETURN count(p) AS n"})
        assert clean.json()["warnings"] == []


def test_red_elements_of_other_authorities_are_redacted(api_server: ApiServer) -> None:
    with api_server.client("gt-analyst") as c:
        body = c.post("/api/console", json={
            "cypher": "MATCH (n:Person) WHERE n.source STARTS WITH 'mx' RETURN n"}).json()
    assert body["redacted"] == 1
    assert "Rojo" not in str(body)
    with api_server.client("mx-analyst") as c:
        body = c.post("/api/console", json={
            "cypher": "MATCH (n:Person) WHERE n.source STARTS WITH 'mx' RETURN n"}).json()
    assert body["redacted"] == 0 and "Rojo Confidencial" in str(body)


def test_pattern_queries_list_and_run_with_checked_parameters(api_server: ApiServer) -> None:
    with api_server.client("gt-analyst") as c:
        names = [q["name"] for q in c.get("/api/queries/library").json()]
        assert "cases_core_indicators" in names
        r = c.post("/api/queries/library/cases_core_indicators/run",
                   json={"params": {"min_core": 2}})
        assert r.status_code == 200, r.text
        assert [row["case_uid"] for row in r.json()["rows"]] == ["gt-pnc:C-1"]
        r = c.post("/api/queries/library/cases_core_indicators/run",
                   json={"params": {"min_core": "many"}})
        assert r.status_code == 422 and r.json()["error"]["field"] == "params.min_core"
        assert c.post("/api/queries/library/nope/run", json={}).status_code == 404
