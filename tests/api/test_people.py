"""Administrators manage people over HTTP: an authority of a partner country, a person in it
who logs in, a new password when theirs is lost, and deactivation that locks them out at once."""

from __future__ import annotations

import httpx

from .conftest import ApiServer


def _login(api_server: ApiServer, user: str, password: str) -> int:
    with httpx.Client(base_url=api_server.url) as c:
        return c.post("/api/auth/login",
                      json={"username": user, "password": password}).status_code


def test_an_administrator_onboards_and_offboards_a_partner(api_server: ApiServer) -> None:
    first, second = "first-password-1", "second-password-2"
    with api_server.client("gt-admin") as admin, api_server.client("gt-analyst") as analyst:
        assert analyst.get("/api/admin/users").status_code == 403
        made = admin.post("/api/admin/authorities", json={
            "id": "HN-DGME", "name": "Dirección de Migración", "country": "hn",
            "kind": "immigration", "sources": ["hn-dgme"]})
        assert made.status_code == 201, made.text
        assert made.json()["country"] == "HN"
        bad = admin.post("/api/admin/authorities", json={
            "id": "HN-X", "name": "x", "country": "HN", "kind": "army"})
        assert bad.status_code == 422 and bad.json()["error"]["field"] == "kind"
        more = admin.post("/api/admin/authorities/HN-DGME/sources",
                          json={"sources": ["hn-dgme-north", "hn-dgme"]})
        assert more.status_code == 200 and more.json()["sources"] == ["hn-dgme", "hn-dgme-north"]
        assert admin.post("/api/admin/authorities/HN-NONE/sources",
                          json={"sources": ["x"]}).status_code == 404
        assert analyst.post("/api/admin/authorities/HN-DGME/sources",
                            json={"sources": ["mine"]}).status_code == 403
        added = admin.post("/api/admin/users", json={
            "username": "hn-rosa", "authority": "HN-DGME", "role": "investigator",
            "password": first})
        assert added.status_code == 201, added.text
        assert admin.post("/api/admin/users", json={
            "username": "hn-rosa", "authority": "HN-DGME", "role": "investigator",
            "password": first}).status_code == 409
        assert _login(api_server, "hn-rosa", first) == 200

        assert admin.post("/api/admin/users/hn-rosa/password",
                          json={"password": second}).status_code == 204
        assert _login(api_server, "hn-rosa", first) == 401
        with api_server.browser_with("hn-rosa", second) as rosa:
            assert rosa.get("/api/auth/me").status_code == 200
            off = admin.patch("/api/admin/users/hn-rosa", json={"active": False})
            assert off.status_code == 200 and off.json()["active"] is False
            assert rosa.get("/api/auth/me").status_code == 401  # out at once
        assert _login(api_server, "hn-rosa", second) == 401
        people = {p["username"]: p for p in admin.get("/api/admin/users").json()}
        assert people["hn-rosa"]["active"] is False
        assert admin.patch("/api/admin/users/gt-admin",
                           json={"active": False}).status_code == 422  # not oneself
        assert admin.patch("/api/admin/users/hn-rosa", json={"active": True}).status_code == 200
        assert _login(api_server, "hn-rosa", second) == 200
        ops = {e["parameters"].get("op")
               for e in admin.get("/api/audit", params={"action": "user"}).json()}
        assert {"authority_add", "user_add", "password_reset", "user_deactivate",
                "user_activate"} <= ops
