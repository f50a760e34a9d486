"""Two authorities in two countries: no endpoint leaks a record of the other authority, and
TLP:RED stays with the authority that owns it, whatever the role."""

from __future__ import annotations

import pytest

from .conftest import ApiServer
from .dataset import GT_CASE, GT_ONLY, MX_CASE, MX_ONLY, RED_CASE, RED_ONLY, SHARED_PHONE

PHONE = f"Phone:{SHARED_PHONE}"


def _texts(payload: object) -> str:
    return str(payload)


@pytest.mark.parametrize("user", ["gt-viewer", "gt-investigator"])
def test_guatemala_never_sees_mexican_records(api_server: ApiServer, user: str) -> None:
    with api_server.client(user) as c:
        for name in MX_ONLY + RED_ONLY:
            r = c.get("/api/search", params={"q": name})
            assert r.status_code == 200
            assert r.json()["items"] == [], f"{user} found {name}"
        assert c.get(f"/api/entities/Case:{MX_CASE}").status_code == 404
        assert c.get("/api/entities/Person:mx-fge:P-9").status_code == 404
        assert c.get(f"/api/cases/{MX_CASE}").status_code == 404
        cases = c.get("/api/cases").json()["items"]
        assert [k["id"] for k in cases] == [f"Case:{GT_CASE}"]
        # the shared phone is visible (linked to Juan), but expanding it shows only Juan
        phone = c.get("/api/expand", params={"id": PHONE}).json()
        assert [n["id"] for n in phone["nodes"]] == ["Person:gt-pnc:P-1"]
        r = c.get("/api/paths", params={"source": "Person:gt-pnc:P-1",
                                        "target": "Person:mx-fge:P-9"})
        assert r.status_code == 200 and r.json()["paths"] == []
        assert not any(n in _texts(r.json()) for n in MX_ONLY)


def test_guatemala_sees_its_own_case_and_records(api_server: ApiServer) -> None:
    with api_server.client("gt-investigator") as c:
        hits = c.get("/api/search", params={"q": "Juan Perez"}).json()["items"]
        assert hits[0]["id"] == "Person:gt-pnc:P-1"
        assert hits[0]["provenance"]["source"] == "gt-pnc"
        case = c.get(f"/api/cases/{GT_CASE}").json()
        assert {p["caption"] for p in case["parties"]} == {
            "Juan Perez Lopez", "Maria Tzul", "Agencia Sol"}
        detail = c.get("/api/entities/Person:gt-pnc:P-1").json()
        assert detail["properties"]["full_name"] == "Juan Perez Lopez"
        assert detail["provenance"]["reliability"] == "B"
        assert detail["links"]["USES"] == 2


def test_identifiers_are_found_as_people_write_them(api_server: ApiServer) -> None:
    """Numbers copied from a case file: spaces, dashes, brackets, no country code."""
    with api_server.client("gt-investigator") as c:
        for written in ("+502 5550 1234", "+502-5550-1234", "5550-1234", "(502) 5550 1234"):
            hits = c.get("/api/search", params={"q": written}).json()["items"]
            assert hits and hits[0]["id"] == PHONE, written
        hits = c.get("/api/search", params={"q": "gt-acc-001"}).json()["items"]
        assert hits[0]["id"] == "Account:GTACC001"
        # Mexico's RED phone, written as its national number, stays out of sight
        assert c.get("/api/search", params={"q": "55 8765 4321"}).json()["items"] == []
    with api_server.client("gt-analyst") as c:
        assert c.get("/api/search", params={"q": "55 8765 4321"}).json()["items"] == []
    with api_server.client("mx-investigator") as c:
        hits = c.get("/api/search", params={"q": "55 8765 4321"}).json()["items"]
        assert [h["id"] for h in hits] == ["Phone:+525587654321"]


def test_mexico_sees_its_red_case_but_not_guatemala(api_server: ApiServer) -> None:
    with api_server.client("mx-investigator") as c:
        assert c.get(f"/api/cases/{RED_CASE}").status_code == 200
        assert c.get("/api/search", params={"q": "Rojo"}).json()["items"]
        assert c.get(f"/api/cases/{GT_CASE}").status_code == 404
        for name in GT_ONLY:
            assert c.get("/api/search", params={"q": name}).json()["items"] == []


@pytest.mark.parametrize("user", ["gt-analyst", "gt-admin"])
def test_analysts_see_every_case_but_not_another_authoritys_red(api_server: ApiServer,
                                                                 user: str) -> None:
    with api_server.client(user) as c:
        ids = {k["id"] for k in c.get("/api/cases").json()["items"]}
        assert ids == {f"Case:{GT_CASE}", f"Case:{MX_CASE}"}
        assert c.get("/api/search", params={"q": "Xolo"}).json()["items"]
        for name in RED_ONLY:
            assert c.get("/api/search", params={"q": name}).json()["items"] == []
        assert c.get(f"/api/cases/{RED_CASE}").status_code == 404
        assert c.get("/api/entities/Person:mx-red:P-10").status_code == 404
        path = c.get("/api/paths", params={"source": "Person:gt-pnc:P-1",
                                           "target": "Person:mx-fge:P-9"}).json()
        assert path["paths"][0]["nodes"] == ["Person:gt-pnc:P-1", PHONE, "Person:mx-fge:P-9"]


def test_a_case_shared_with_a_team_is_visible_to_its_members(api_server: ApiServer) -> None:
    with api_server.client("gt-team") as c:
        ids = {k["id"] for k in c.get("/api/cases").json()["items"]}
        assert ids == {f"Case:{GT_CASE}", f"Case:{MX_CASE}"}
        assert c.get("/api/search", params={"q": "Xolo"}).json()["items"]
        assert c.get(f"/api/cases/{RED_CASE}").status_code == 404
        phone = c.get("/api/expand", params={"id": PHONE}).json()
        assert {n["id"] for n in phone["nodes"]} == {"Person:gt-pnc:P-1", "Person:mx-fge:P-9"}


def test_victims_are_masked_for_viewers(api_server: ApiServer) -> None:
    with api_server.client("gt-viewer") as c:
        case = c.get(f"/api/cases/{GT_CASE}").json()
        victim = next(p for p in case["parties"] if p["role"] == "victim")
        assert victim["masked"] is True and "full_name" not in victim["properties"]
        assert c.get("/api/search", params={"q": "Maria Tzul"}).json()["items"] == []
    with api_server.client("gt-investigator") as c:
        assert c.get("/api/search", params={"q": "Maria Tzul"}).json()["items"]
