"""Deconfliction alerts, watchlists and review reminders over real HTTP.

Guatemala's police (GT-PNC) loads its case first; Mexico's prosecutor (MX-FGE) then loads a
case whose suspect uses the same phone. Each authority gets one alert about its own records,
naming the other authority and its contact point, and nothing of the other side's records
(neither may see the other's case). A TLP:RED case joined later alerts its owner only; a
Guatemalan investigator who watches the phone hears of the Mexican record; a risk review of
a victim that fell due raises a reminder."""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import pytest

from backend.auth.tokens import create_token
from backend.db.engine import open_app_db
from backend.services import audit, users
from graph.connection import Graph
from graph.maintenance import reset_graph
from graph.schema import apply_schema

from .conftest import PASSWORD, ApiServer, make_settings, start_server
from .dataset import FILES, SHARED_PHONE

GT_CONTACT = "Trafficking desk, +502 2222 0000"
MX_CONTACT = "Unidad de trata, trata@fge.example.mx"
RED_FILES = {
    "cases.csv": FILES["mx-red"]["cases.csv"],
    "persons.csv": "person_id,full_name,aliases,date_of_birth,gender,nationality,"
                   "passport_number,passport_country,phones,emails,address,address_country\n"
                   "P-10,Rojo Confidencial,,1970-01-01,male,MX,,,+502 5550 1234,,,\n",
    "case_roles.csv": FILES["mx-red"]["case_roles.csv"],
}


@pytest.fixture(scope="module")
def server(session_graph: Graph, tmp_path_factory: pytest.TempPathFactory
           ) -> Iterator[ApiServer]:
    tmp = tmp_path_factory.mktemp("alerts")
    reset_graph(session_graph)
    apply_schema(session_graph)
    settings = make_settings(tmp)
    db = open_app_db(settings)
    server = start_server(settings, session_graph, db)
    with db.session() as s:
        users.create_authority(s, "GT-PNC", name="Policia Nacional Civil", country="GT",
                               kind="police", source_ids=["gt-pnc"], contact=GT_CONTACT)
        users.create_authority(s, "MX-FGE", name="Fiscalia General", country="MX",
                               kind="prosecutor", source_ids=["mx-fge", "mx-red"],
                               contact=MX_CONTACT)
        for name, authority, role in (("gt-inv", "GT-PNC", "investigator"),
                                      ("gt-watcher", "GT-PNC", "investigator"),
                                      ("gt-viewer", "GT-PNC", "viewer"),
                                      ("mx-inv", "MX-FGE", "investigator")):
            user = users.create_user(s, name, PASSWORD, authority_id=authority, role=role)
            server.tokens[name] = create_token(s, user, "tests")
    yield server
    server.stop()
    db.close()


def upload(client: httpx.Client, source: str, files: dict[str, str], tlp: str = "AMBER",
           country: str = "GT") -> dict:
    response = client.post("/api/ingest", data={"source": source, "tlp": tlp,
                                                "source_country": country},
                           files=[("files", (name, text.encode())) for name, text
                                  in files.items()])
    assert response.status_code == 200, response.text
    assert response.json()["rows_rejected"] == 0, response.json()
    return response.json()


def deconfliction(client: httpx.Client) -> list[dict]:
    response = client.get("/api/alerts")
    assert response.status_code == 200, response.text
    return [a for a in response.json() if a["kind"] == "deconfliction"]


@pytest.fixture(scope="module")
def loaded(server: ApiServer) -> ApiServer:
    """GT loads, its watcher watches the shared phone, MX loads."""
    with server.client("gt-inv") as gt:
        upload(gt, "gt-pnc", FILES["gt-pnc"])
        assert deconfliction(gt) == []  # nothing to join yet
    with server.client("gt-watcher") as watcher:
        watched = watcher.post("/api/watchlist", json={"label": "Phone", "key": SHARED_PHONE})
        assert watched.status_code == 201, watched.text
        assert [w["key"] for w in watcher.get("/api/watchlist").json()] == [SHARED_PHONE]
    with server.client("mx-inv") as mx:
        upload(mx, "mx-fge", FILES["mx-fge"], country="MX")
    return server


def test_a_second_load_that_joins_a_case_alerts_each_side_once(loaded: ApiServer) -> None:
    with loaded.client("gt-inv") as gt:
        (alert,) = deconfliction(gt)
    assert alert["status"] == "open"
    assert alert["details"]["via"] == "Phone"
    assert alert["details"]["identifier"] == SHARED_PHONE
    assert alert["details"]["own"]["case"] == "gt-pnc:C-1"
    assert alert["details"]["own"]["actor"] == "gt-pnc:P-1"
    assert alert["details"]["other_authority"] == {
        "id": "MX-FGE", "name": "Fiscalia General", "country": "MX", "contact": MX_CONTACT}
    # hit / no-hit: GT may not see Mexico's case, so the alert names none of its records
    text = json.dumps(alert)
    assert alert["details"]["other"] is None and alert["details"]["other_hidden"]
    for secret in ("mx-fge:", "C-9", "Pedro Xolo", "Rancho Norte"):
        assert secret not in text

    with loaded.client("mx-inv") as mx:
        (theirs,) = deconfliction(mx)
    assert theirs["details"]["own"]["case"] == "mx-fge:C-9"
    assert theirs["details"]["other_authority"]["contact"] == GT_CONTACT
    for secret in ("gt-pnc:", "Juan Perez", "Finca Esperanza"):
        assert secret not in json.dumps(theirs)


def test_loading_the_same_files_again_raises_nothing_new(loaded: ApiServer) -> None:
    with loaded.client("mx-inv") as mx:
        upload(mx, "mx-fge", FILES["mx-fge"], country="MX")
        assert len(deconfliction(mx)) == 1
    with loaded.client("gt-inv") as gt:
        assert len(deconfliction(gt)) == 1


def test_a_viewer_gets_no_alerts(loaded: ApiServer) -> None:
    with loaded.client("gt-viewer") as viewer:
        assert viewer.get("/api/alerts").status_code == 403


def test_dismissing_needs_a_reason_and_is_audited(loaded: ApiServer) -> None:
    with loaded.client("gt-inv") as gt:
        (alert,) = deconfliction(gt)
        assert gt.post(f"/api/alerts/{alert['id']}/dismiss",
                       json={"reason": ""}).status_code == 422
        done = gt.post(f"/api/alerts/{alert['id']}/dismiss",
                       json={"reason": "known to us: joint team already formed"})
        assert done.status_code == 200, done.text
        assert done.json()["status"] == "dismissed"
        assert done.json()["decided_by"] == "gt-inv"
        assert [a["id"] for a in gt.get("/api/alerts", params={"status": "open"}).json()
                if a["kind"] == "deconfliction"] == []
    with loaded.client("mx-inv") as mx:  # another authority's alert is not theirs to touch
        assert mx.post(f"/api/alerts/{alert['id']}/acknowledge").status_code == 404
    with loaded.db.session() as s:
        (event,) = [e for e in audit.list_events(s, None, action="alert")
                    if e.parameters.get("op") == "dismiss"]
    assert event.username == "gt-inv"
    assert event.parameters["alert"] == alert["id"]
    assert event.parameters["reason"] == "known to us: joint team already formed"


def test_a_watched_phone_seen_in_a_new_load_alerts_the_watcher(loaded: ApiServer) -> None:
    with loaded.client("gt-watcher") as watcher:
        found = [a for a in watcher.get("/api/alerts").json() if a["kind"] == "watch"]
    (alert,) = found
    assert SHARED_PHONE in alert["title"]
    assert alert["details"]["watched"] == {"label": "Phone", "key": SHARED_PHONE}
    # the new record is Mexico's, which the watcher may not see: named by authority only
    assert alert["details"]["record"] is None
    assert [a["id"] for a in alert["details"]["other_authorities"]] == ["MX-FGE"]
    assert "Pedro" not in json.dumps(alert)
    with loaded.client("gt-inv") as gt:  # a watch alerts the watcher alone
        assert [a for a in gt.get("/api/alerts").json() if a["kind"] == "watch"] == []


def test_a_red_case_that_joins_alerts_its_owner_only(loaded: ApiServer) -> None:
    with loaded.client("gt-inv") as gt:
        before = {a["id"] for a in deconfliction(gt)}
    with loaded.client("mx-inv") as mx:
        upload(mx, "mx-red", RED_FILES, tlp="RED", country="MX")
        red = [a for a in deconfliction(mx) if a["details"]["own"]["case"] == "mx-red:C-10"]
    assert len(red) == 1
    assert red[0]["details"]["other_authority"]["id"] == "GT-PNC"
    with loaded.client("gt-inv") as gt:
        assert {a["id"] for a in deconfliction(gt)} == before
    with loaded.client("gt-watcher") as watcher:
        watch = [a for a in watcher.get("/api/alerts").json() if a["kind"] == "watch"]
        assert len(watch) == 1  # the RED record raised nothing for the watcher either


def test_a_due_review_raises_a_reminder(loaded: ApiServer) -> None:
    with loaded.client("gt-inv") as gt:
        victim = "gt-pnc:P-2"  # Maria Tzul, the victim of GT's case: protected
        made = gt.post(f"/api/victims/{victim}/assessments", json={
            "assessed_on": "2026-01-10", "level": "high", "needs": ["shelter", "legal aid"],
            "next_review_on": "2026-02-10"})
        assert made.status_code == 201, made.text
        referral = gt.post(f"/api/victims/{victim}/referrals", json={
            "kind": "consular", "referred_on": "2026-01-11"})
        assert referral.status_code == 201, referral.text
        assert referral.json()["country"] == "GT"  # the victim's nationality
        bad = gt.post(f"/api/victims/{victim}/assessments", json={
            "assessed_on": "2026-01-10", "level": "extreme"})
        assert bad.status_code == 422 and "level" in bad.text
        shown = gt.get(f"/api/victims/{victim}/protection").json()
        assert [a["level"] for a in shown["assessments"]] == ["high"]
        assert [r["kind"] for r in shown["referrals"]] == ["consular"]
        reminders = [a for a in gt.get("/api/alerts").json() if a["kind"] == "review"]
    (reminder,) = reminders
    assert reminder["details"]["person"] == victim
    assert "2026-02-10" in reminder["title"]
    with loaded.client("mx-inv") as mx:
        assert mx.get(f"/api/victims/{victim}/protection").status_code == 404
        assert [a for a in mx.get("/api/alerts").json() if a["kind"] == "review"] == []
