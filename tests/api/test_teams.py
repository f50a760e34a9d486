"""A joint team over HTTP: an investigator forms it, adds a partner authority's investigator,
shares one of their own cases with it; the partner then sees the case, until it is taken
back; TLP:RED stays home; nobody outside the team sees the team."""

from __future__ import annotations

from backend.services import users

from .conftest import ApiServer
from .dataset import GT_CASE, MX_CASE, RED_CASE


def _user_id(api_server: ApiServer, name: str) -> int:
    with api_server.db.session() as s:
        return users.require_user(s, name).id


def test_a_joint_team_shares_a_case_across_borders(api_server: ApiServer) -> None:
    with api_server.client("mx-investigator") as mx, \
            api_server.client("gt-investigator") as gt, \
            api_server.client("gt-viewer") as outsider:
        assert outsider.post("/api/teams", json={"name": "JIT Tomate"}).status_code == 403
        formed = mx.post("/api/teams", json={"name": "JIT Tomate",
                                             "description": "MX-GT tomato pickers"})
        assert formed.status_code == 201, formed.text
        team = formed.json()["id"]
        assert mx.post(f"/api/teams/{team}/members", json={
            "user_id": _user_id(api_server, "gt-investigator")}).status_code == 201

        assert gt.get(f"/api/cases/{MX_CASE}").status_code == 404  # not shared yet
        # a case is shared by its own authority
        refused = gt.post(f"/api/teams/{team}/cases", json={"case_uid": MX_CASE})
        assert refused.status_code == 404
        assert "reported by your authority (GT-PNC)" in refused.json()["error"]["message"]
        assert mx.post(f"/api/teams/{team}/cases", json={"case_uid": MX_CASE}).status_code == 201
        assert mx.post(f"/api/teams/{team}/cases", json={"case_uid": RED_CASE}).status_code == 201
        assert gt.post(f"/api/teams/{team}/cases", json={"case_uid": GT_CASE}).status_code == 201

        mine = {t["name"]: t for t in gt.get("/api/teams").json()}["JIT Tomate"]
        assert {(m["username"], m["lead"]) for m in mine["members"]} == {
            ("mx-investigator", True), ("gt-investigator", False)}
        assert [c["case_uid"] for c in mine["cases"]] == sorted([MX_CASE, RED_CASE, GT_CASE])
        assert gt.get(f"/api/cases/{MX_CASE}").status_code == 200
        assert gt.get(f"/api/cases/{RED_CASE}").status_code == 404  # TLP:RED stays home
        assert mx.get(f"/api/cases/{GT_CASE}").status_code == 200

        # outside the team the team does not exist
        assert "JIT Tomate" not in {t["name"] for t in outsider.get("/api/teams").json()}
        assert outsider.get(f"/api/teams/{team}/cases").status_code == 404
        assert outsider.get(f"/api/teams/{team}/members").status_code == 404

        # taken back by its authority: the partner loses it at once
        assert gt.delete(f"/api/teams/{team}/cases/{MX_CASE}").status_code == 404
        assert mx.delete(f"/api/teams/{team}/cases/{MX_CASE}").status_code == 204
        assert gt.get(f"/api/cases/{MX_CASE}").status_code == 404
    with api_server.client("gt-admin") as admin:
        events = admin.get("/api/audit", params={"action": "user"}).json()
        ops = [e["parameters"].get("op") for e in events]
        assert {"team_create", "team_share_case", "team_unshare_case"} <= set(ops)
