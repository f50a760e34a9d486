"""Versions, what the live graph added, exports and imports over real HTTP (instance A)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator

import httpx
import pytest
from sqlalchemy import select

from backend.auth.tokens import create_token
from backend.db.engine import open_app_db
from backend.db.models import User
from backend.services import audit, teams, users
from tests.api.conftest import ApiServer, start_server
from ui.components.sharing import export_links

from .conftest import Instance
from .seed import NODE_IDS


@pytest.fixture(scope="module")
def api(instance_a: Instance) -> Iterator[tuple[ApiServer, httpx.Client]]:
    a = instance_a
    db = open_app_db(a.settings)
    server = start_server(a.settings, a.graph, db)
    with db.session() as session:
        user = session.scalar(select(User).where(User.username == "ana"))
        token = create_token(session, user, "tests")
    with httpx.Client(base_url=server.url, timeout=120,
                      headers={"Authorization": f"Bearer {token}"}) as client:
        yield server, client
    server.stop()
    db.close()


def test_versions_diff_and_what_was_added(api: tuple[ApiServer, httpx.Client]) -> None:
    _, c = api
    r = c.patch("/api/subgraphs/1", json={
        "elements": {"nodes": [{"id": "Case:gt-pnc:C-1"}, {"id": "Person:gt-pnc:P-1"}]},
        "layout": {"Case:gt-pnc:C-1": {"x": 10, "y": 20}},
        "notes": {"chart": "raid planned for May"}})
    assert r.status_code == 200, r.text
    versions = c.get("/api/subgraphs/1/versions").json()
    assert [v["version"] for v in versions] == [1, 2]
    assert [v["nodes"] for v in versions] == [8, 2]
    first = c.get("/api/subgraphs/1/versions/1").json()
    assert len(first["elements"]["nodes"]) == 8 and first["notes"] == {}
    changes = c.get("/api/subgraphs/1/diff", params={"from": 1, "to": 2}).json()
    assert "Person:gt-pnc:P-2" in changes["nodes_removed"]
    assert changes["nodes_added"] == [] and changes["notes_changed"] == ["chart"]
    assert c.get("/api/subgraphs/1/versions/9").status_code == 404
    added = c.get("/api/subgraphs/1/added").json()
    ids = {n["id"] for n in added["nodes"]}
    assert {"Person:gt-pnc:P-2", "RecruitmentAgency:gt-pnc:A-1", "Phone:+50255501234"} <= ids
    assert all(r["source"] in ids or r["target"] in ids for r in added["relationships"])


def test_export_downloads_and_import_refuses_untrusted(
        api: tuple[ApiServer, httpx.Client]) -> None:
    _, c = api
    r = c.get("/api/subgraphs/1/export", params={"format": "bundle", "to": "mx-stps"})
    assert r.status_code == 200, r.text
    bundle = r.json()
    assert bundle["signature"] and bundle["recipient"] == "mx-stps"
    csv_zip = c.get("/api/subgraphs/1/export", params={"format": "csv"})
    assert csv_zip.status_code == 200
    assert sorted(zipfile.ZipFile(io.BytesIO(csv_zip.content)).namelist()) == [
        "edges.csv", "nodes.csv"]
    wrong = c.get("/api/subgraphs/1/export", params={"include_protected": True})
    assert wrong.status_code == 422 and "--reason" in wrong.json()["error"]["message"]
    # A does not trust its own key: the import is refused with the reason
    refused = c.post("/api/import/bundle", json=bundle)
    assert refused.status_code == 403
    assert "does not trust" in refused.json()["error"]["message"]


def test_joint_team_shares_a_chart_within_tlp_rules(
        api: tuple[ApiServer, httpx.Client]) -> None:
    server, ana = api
    with server.db.session() as s:
        users.create_authority(s, "mx-stps", name="Inspección del Trabajo", country="MX",
                               kind="labour_inspectorate")
        tokens = {}
        ids = {}
        for name in ("luis", "outsider"):
            user = users.create_user(s, name, "correct horse battery", authority_id="mx-stps",
                                     role="investigator")
            tokens[name], ids[name] = create_token(s, user, "tests"), user.id
        lead = s.scalar(select(User).where(User.username == "ana"))
        team = teams.create_team(s, "JIT Finca", description="GT-MX")
        teams.add_member(s, team.id, lead.id, lead=True)
        team_id = team.id
    style = {"size": "degree", "colour": "jurisdiction", "badges": ["protected"]}
    chart = ana.post("/api/subgraphs", json={"name": "Finca for the JIT",
                                             "elements": {"nodes": [{"id": i}
                                                                    for i in NODE_IDS],
                                                          "style": style}})
    assert chart.status_code == 201, chart.text
    chart_id = chart.json()["id"]

    def as_user(name: str) -> httpx.Client:
        return httpx.Client(base_url=server.url, timeout=120,
                            headers={"Authorization": f"Bearer {tokens[name]}"})

    with as_user("luis") as luis, as_user("outsider") as outsider:
        assert luis.get(f"/api/shared/{chart_id}").status_code == 404  # private so far
        # only the lead adds members
        assert luis.post(f"/api/teams/{team_id}/members",
                         json={"user_id": ids["luis"]}).status_code == 403
        assert ana.post(f"/api/teams/{team_id}/members",
                        json={"user_id": ids["luis"]}).status_code == 201
        r = ana.put(f"/api/subgraphs/{chart_id}/sharing",
                    json={"visibility": "team", "teams": [team_id]})
        assert r.status_code == 200, r.text
        assert [c["id"] for c in luis.get("/api/shared").json()] == [chart_id]
        view = luis.get(f"/api/shared/{chart_id}").json()
        assert view["style"] == style  # the styling rules travel with the shared chart
        seen = {n["id"] for n in view["nodes"]}
        assert "Case:gt-pnc:C-1" in seen and "Person:gt-pnc:P-1" in seen
        assert "Person:gt-pnc:P-3" not in seen  # RED: only Guatemala's police sees it
        assert all(r["provenance"].get("tlp") != "RED" for r in view["relationships"])
        own = ana.get(f"/api/shared/{chart_id}").json()
        assert "Person:gt-pnc:P-3" in {n["id"] for n in own["nodes"]}
        assert outsider.get(f"/api/shared/{chart_id}").status_code == 404
        # one comment thread for the team
        assert luis.post(f"/api/subgraphs/{chart_id}/comments",
                         json={"body": "we raid the farm on 12 May"}).status_code == 201
        thread = ana.get(f"/api/subgraphs/{chart_id}/comments").json()
        assert [(c["author"], c["body"]) for c in thread] == [
            ("luis", "we raid the farm on 12 May")]
        assert outsider.get(f"/api/subgraphs/{chart_id}/comments").status_code == 404
        # the lead removes the member: the chart is gone for him
        assert ana.delete(f"/api/teams/{team_id}/members/{ids['luis']}").status_code == 204
        assert luis.get(f"/api/shared/{chart_id}").status_code == 404
        # instance-wide sharing reaches everyone
        ana.put(f"/api/subgraphs/{chart_id}/sharing", json={"visibility": "instance"})
        assert outsider.get(f"/api/shared/{chart_id}").status_code == 200


def test_saved_page_export_links_download_with_the_session_cookie(
        api: tuple[ApiServer, httpx.Client]) -> None:
    server, _ = api
    links = export_links(1, "mx-stps").children[1:]
    assert [a.children for a in links] == ["Signed bundle", "FtM JSON lines", "GraphML",
                                           "GEXF", "CSV (zip)"]
    assert all("to=mx-stps" in a.href for a in links)
    with httpx.Client(base_url=server.url, timeout=120) as browser:
        login = browser.post("/api/auth/login",
                             json={"username": "ana", "password": "correct horse battery"})
        assert login.status_code == 200, login.text
        for link in links:
            r = browser.get(link.href)
            assert r.status_code == 200, (link.href, r.text)
            assert "attachment" in r.headers["content-disposition"]


def test_exports_hold_only_what_the_exporter_may_see(
        api: tuple[ApiServer, httpx.Client]) -> None:
    """Two authorities: Mexico's inspector cannot export Guatemala's records by naming them in
    a chart of his own; a chart shared with him exports what the shared view shows him, and
    TLP:RED is seen only by the authority that owns it."""
    server, ana = api
    with server.db.session() as s:
        if users.get_user(s, "carla") is None:
            users.create_authority(s, "mx-fiscalia", name="Fiscalía", country="MX",
                                   kind="prosecutor")
            users.create_user(s, "carla", "correct horse battery", authority_id="mx-fiscalia",
                              role="investigator")
            users.create_user(s, "beto", "correct horse battery", authority_id="gt-pnc",
                              role="investigator")
        tokens = {name: create_token(s, users.require_user(s, name), "tests")
                  for name in ("carla", "beto")}
        members = [users.require_user(s, name).id for name in ("ana", "carla", "beto")]
        team = teams.create_team(s, "JIT exports")
        for i, user_id in enumerate(members):
            teams.add_member(s, team.id, user_id, lead=i == 0)
        team_id = team.id

    def as_user(name: str) -> httpx.Client:
        return httpx.Client(base_url=server.url, timeout=120,
                            headers={"Authorization": f"Bearer {tokens[name]}"})

    with as_user("carla") as carla, as_user("beto") as beto:
        # a chart of Carla's own naming Guatemala's records: nothing of them comes out
        crafted = carla.post("/api/subgraphs", json={
            "name": "fishing", "elements": {"nodes": [{"id": i} for i in NODE_IDS]}})
        assert crafted.status_code == 201, crafted.text
        crafted_id = crafted.json()["id"]
        for fmt in ("bundle", "csv"):
            r = carla.get(f"/api/subgraphs/{crafted_id}/export", params={"format": fmt})
            assert r.status_code == 200, r.text
        bundle = carla.get(f"/api/subgraphs/{crafted_id}/export").json()
        assert bundle["nodes"] == [] and bundle["relationships"] == []
        nodes_csv = zipfile.ZipFile(io.BytesIO(carla.get(
            f"/api/subgraphs/{crafted_id}/export", params={"format": "csv"}).content))
        assert "Finca" not in nodes_csv.read("nodes.csv").decode("utf-8")
        assert carla.get(f"/api/shared/{crafted_id}").json()["nodes"] == []
        # Ana's chart, shared with the joint team
        chart = ana.post("/api/subgraphs", json={
            "name": "Finca for exports", "elements": {"nodes": [{"id": i} for i in NODE_IDS]}})
        chart_id = chart.json()["id"]
        assert carla.get(f"/api/subgraphs/{chart_id}/export").status_code == 404  # private
        assert ana.put(f"/api/subgraphs/{chart_id}/sharing",
                       json={"visibility": "team", "teams": [team_id]}).status_code == 200
        seen_by_carla = {n["id"] for n in carla.get(f"/api/shared/{chart_id}").json()["nodes"]}
        seen_by_beto = {n["id"] for n in beto.get(f"/api/shared/{chart_id}").json()["nodes"]}
        assert "Person:gt-pnc:P-3" in seen_by_beto  # RED: same authority as its source
        assert "Person:gt-pnc:P-3" not in seen_by_carla
        assert seen_by_beto - seen_by_carla == {"Person:gt-pnc:P-3"}
        r = carla.get(f"/api/subgraphs/{chart_id}/export", params={"format": "bundle"})
        assert r.status_code == 200, r.text
        exported = {n["id"] for n in r.json()["nodes"]}
        assert "Case:gt-pnc:C-1" in exported
        assert {n for n in exported if not n.startswith("Person:pseudo:")} <= seen_by_carla
        assert all(n["provenance"].get("tlp") != "RED" for n in r.json()["nodes"])
        # the export is audited under her name
        with server.db.session() as s:
            events = audit.list_events(s, None, action="export")
        assert any(e.username == "carla" and e.parameters.get("subgraph") == chart_id
                   for e in events)
