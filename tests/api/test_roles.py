"""The role x endpoint matrix over HTTP: each role reaches what it may and gets a 403 that
names the role for the rest; without credentials every endpoint answers 401."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import ROLES, ApiServer
from .dataset import GT_CASE

P1 = "Person:gt-pnc:P-1"
# (method, path, request kwargs, the lowest role allowed)
ENDPOINTS: list[tuple[str, str, dict[str, Any], str]] = [
    ("GET", "/api/search", {"params": {"q": "Juan"}}, "viewer"),
    ("GET", f"/api/entities/{P1}", {}, "viewer"),
    ("GET", "/api/expand", {"params": {"id": P1}}, "viewer"),
    ("GET", "/api/paths", {"params": {"source": P1, "target": f"Case:{GT_CASE}"}}, "viewer"),
    ("GET", "/api/cases", {}, "viewer"),
    ("GET", f"/api/cases/{GT_CASE}", {}, "viewer"),
    ("GET", "/api/networks", {}, "viewer"),
    ("GET", "/api/resolution/candidates", {}, "viewer"),
    ("GET", "/api/subgraphs", {}, "viewer"),
    ("GET", "/api/teams", {}, "viewer"),
    ("POST", "/api/resolution/judgements",
     {"json": {"uid_a": "gt-pnc:P-1", "uid_b": "gt-pnc:P-404", "decision": "reject"}},
     "investigator"),
    ("POST", "/api/ingest", {"data": {"source": "gt-pnc"},
                             "files": {"files": ("notes.txt", b"x")}}, "investigator"),
    ("POST", "/api/teams", {"json": {"name": "JIT roles"}}, "investigator"),
    ("GET", "/api/ingest/templates", {}, "investigator"),
    ("GET", "/api/ingest/uploads", {}, "investigator"),
    ("GET", "/api/ingest/templates/persons.csv", {}, "investigator"),
    ("POST", "/api/subgraphs", {"json": {"name": "chart", "elements": {"nodes": []}}},
     "investigator"),
    ("POST", "/api/console", {"json": {"cypher": "RETURN 1 AS one"}}, "analyst"),
    ("GET", "/api/queries/saved", {}, "analyst"),
    ("GET", "/api/queries/library", {}, "analyst"),
    ("POST", "/api/queries/library/cases_core_indicators/run", {"json": {"params": {}}},
     "analyst"),
    ("GET", "/api/audit", {}, "admin"),
    ("GET", "/api/admin/users", {}, "admin"),
    ("GET", "/api/admin/authorities", {}, "admin"),
]


def _allowed(role: str, lowest: str) -> bool:
    return ROLES.index(role) >= ROLES.index(lowest)


@pytest.mark.parametrize("role", ROLES)
def test_each_role_reaches_exactly_its_endpoints(api_server: ApiServer, role: str) -> None:
    wrong = []
    with api_server.client(f"gt-{role}") as c:
        for method, path, kwargs, lowest in ENDPOINTS:
            r = c.request(method, path, **kwargs)
            if _allowed(role, lowest):
                if r.status_code in (401, 403) or r.status_code >= 500:
                    wrong.append(f"{method} {path}: {r.status_code} {r.text[:200]}")
            elif r.status_code != 403 or f"role {role} may not" not in r.json()["error"][
                    "message"]:
                wrong.append(f"{method} {path}: expected 403, got {r.status_code} {r.text}")
    assert not wrong, "\n".join(wrong)


def test_without_credentials_every_endpoint_says_not_logged_in(api_server: ApiServer) -> None:
    with api_server.client() as c:
        for method, path, kwargs, _ in ENDPOINTS:
            r = c.request(method, path, **kwargs)
            assert r.status_code == 401, (path, r.text)
            assert r.json()["error"]["code"] == "not_logged_in"
            assert "not logged in" in r.json()["error"]["message"]


def test_bad_input_names_the_field(api_server: ApiServer) -> None:
    with api_server.client("gt-investigator") as c:
        r = c.get("/api/expand", params={"id": P1, "min_reliability": "Z"})
        assert r.status_code == 422 and r.json()["error"]["field"] == "min_reliability"
        r = c.get("/api/expand", params={"id": "Nope:1"})
        assert r.status_code == 422 and r.json()["error"]["field"] == "id"
        assert "unknown label 'Nope'" in r.json()["error"]["message"]
        r = c.get("/api/search", params={"q": "x", "limit": 0})
        assert r.status_code == 422 and r.json()["error"]["field"] == "limit"
        r = c.get("/api/search", params={"q": "Juan", "labels": "Persn"})
        assert r.status_code == 422 and r.json()["error"]["field"] == "labels"
        r = c.get("/api/ingest/templates/person.csv")
        assert r.status_code == 404 and r.json()["error"]["field"] == "name"
        assert "no template 'person'; templates: cases, persons," in r.json()["error"]["message"]
        r = c.post("/api/subgraphs", json={"elements": {}})
        assert r.status_code == 422 and r.json()["error"]["field"] == "name"
        r = c.get("/api/no-such-thing")
        assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
