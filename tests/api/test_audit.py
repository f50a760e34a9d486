"""Every audited action leaves its record (user, time, action, parameters, result size);
admins read, filter and export it; the log cannot be changed."""

from __future__ import annotations

import csv
import io

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError

from .conftest import PASSWORD, ApiServer
from .dataset import GT_CASE


def _events(server: ApiServer, **params: str) -> list[dict[str, object]]:
    with server.client("gt-admin") as c:
        r = c.get("/api/audit", params=params)
        assert r.status_code == 200, r.text
        return r.json()


def test_every_action_is_recorded(api_server: ApiServer) -> None:
    with api_server.client() as anon:
        anon.post("/api/auth/login", json={"username": "gt-analyst", "password": "wrong"})
        assert anon.post("/api/auth/login", json={"username": "gt-analyst",
                                                  "password": PASSWORD}).status_code == 200
    with api_server.client("gt-analyst") as c:
        hits = c.get("/api/search", params={"q": "Juan"}).json()["items"]
        assert c.get("/api/entities/Person:gt-pnc:P-1").status_code == 200
        assert c.get(f"/api/cases/{GT_CASE}").status_code == 200
        assert c.get("/api/expand", params={"id": "Person:gt-pnc:P-1"}).status_code == 200
        assert c.get("/api/paths", params={"source": "Person:gt-pnc:P-1",
                                           "target": "Person:mx-fge:P-9"}).status_code == 200
        assert c.post("/api/console", json={"cypher": "RETURN 1 AS x"}).status_code == 200
        saved = c.post("/api/queries/saved", json={
            "name": "persons", "cypher": "MATCH (p:Person) RETURN p.uid AS uid"}).json()
        assert c.post(f"/api/queries/saved/{saved['id']}/run", json={}).status_code == 200
        upload = c.post("/api/ingest", data={"source": "gt-pnc", "tlp": "AMBER"}, files={
            "files": ("persons.csv", b"person_id,full_name,aliases,date_of_birth,gender,"
                      b"nationality,passport_number,passport_country,phones,emails,address,"
                      b"address_country\nP-50,Ana Lopez,,,female,GT,,,,,,\n"
                      b"P-51,,,,,,,,,,,\n")})
        assert upload.status_code == 200, upload.text
        report = upload.json()
        assert report["rows_loaded"] == 1 and report["rows_rejected"] == 1
        assert report["errors"][0]["column"] == "full_name"
        (mine, *_) = c.get("/api/ingest/uploads").json()["uploads"]
        assert mine["batch_id"] == report["batch_id"] and mine["files"] == "persons.csv"
        assert (mine["source"], mine["grading"]) == ("gt-pnc", "F 6 AMBER")
        assert (mine["rows_loaded"], mine["rows_rejected"], mine["outcome"]) == (1, 1, "ok")
        assert c.post("/api/resolution/judgements", json={
            "uid_a": "gt-pnc:P-1", "uid_b": "mx-fge:P-9", "decision": "reject",
            "why": "different birth dates"}).status_code == 200
    with api_server.client("gt-investigator") as c:  # one's uploads are one's own
        assert all(u["batch_id"] != report["batch_id"]
                   for u in c.get("/api/ingest/uploads").json()["uploads"])
    with api_server.client("gt-admin") as c:
        exported = c.get("/api/audit", params={"format": "csv"})
        assert exported.headers["content-type"].startswith("text/csv")

    events = _events(api_server, user="gt-analyst", limit="500")
    by_action = {}
    for event in events:
        by_action.setdefault(event["action"], []).append(event)
    for action in ("login", "search", "view", "expand", "path", "console", "query", "upload",
                   "judge"):
        assert action in by_action, f"no {action} event: {sorted(by_action)}"
    assert [e["outcome"] for e in by_action["login"]] == ["ok", "failed"]
    search = by_action["search"][0]
    assert search["parameters"]["q"] == "Juan" and search["result_size"] == len(hits) == 2
    assert by_action["upload"][0]["result_size"] == 1
    assert by_action["upload"][0]["parameters"]["files"] == ["persons.csv"]
    assert by_action["judge"][0]["parameters"]["decision"] == "reject"
    assert by_action["query"][0]["parameters"]["name"] == "persons"
    assert all(e["username"] == "gt-analyst" and e["at"] for e in events)
    exports = _events(api_server, user="gt-admin", action="export")
    assert exports and exports[0]["parameters"]["audit"] is True
    rows = list(csv.DictReader(io.StringIO(exported.text)))
    assert {"login", "search", "judge"} <= {r["action"] for r in rows}


def test_filter_by_outcome_and_time(api_server: ApiServer) -> None:
    with api_server.client() as anon:
        assert anon.post("/api/auth/login", json={"username": "no-such-user",
                                                  "password": "wrong"}).status_code == 401
    failed = _events(api_server, user="no-such-user", outcome="failed")
    assert failed and {e["outcome"] for e in failed} == {"failed"}
    assert failed[0]["action"] == "login"
    last = failed[0]["at"]
    assert _events(api_server, user="no-such-user", outcome="failed", until=last) == failed[1:]
    assert _events(api_server, user="no-such-user", outcome="failed", since=last)[-1] == failed[0]
    with api_server.client("gt-admin") as c:
        r = c.get("/api/audit", params={"outcome": "bad"})
    assert r.status_code == 422
    assert "outcome" in r.json()["error"]["message"]


def test_the_log_is_append_only(api_server: ApiServer) -> None:
    with api_server.db.engine.connect() as conn:
        for statement in ("UPDATE audit_events SET username = 'nobody'",
                          "DELETE FROM audit_events"):
            with pytest.raises(DatabaseError, match="append-only"):
                conn.execute(text(statement))
            conn.rollback()


def test_only_admins_read_the_log(api_server: ApiServer) -> None:
    with api_server.client("gt-analyst") as c:
        r = c.get("/api/audit")
    assert r.status_code == 403
    assert r.json()["error"]["message"].startswith("role analyst may not read the audit log")
