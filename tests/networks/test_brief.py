"""The joint-operation brief of a demo network (``ingest.demo``, small scale, seed 7, resolved):
it names every jurisdiction, authority and target, never a victim, and nothing its reader may
not see: one actor record of the network graded TLP:RED by its source is left out and counted.
Checked in the PDF's text (pypdf), in the HTML page, over the API and from the CLI."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from pypdf import PdfReader
from sqlalchemy import select

from backend.auth.tokens import create_token
from backend.auth.viewer import system_viewer, viewer_for
from backend.db.engine import AppDB, open_app_db
from backend.db.models import AuditEvent
from backend.reports.brief_html import brief_html
from backend.reports.brief_pdf import brief_pdf
from backend.services import brief as briefs
from backend.services import users
from backend.settings import Settings
from graph.connection import Graph
from graph.maintenance import reset_graph
from graph.networks import Network, detect_networks
from graph.networks.profile import BYSTANDER_ROLES
from graph.resolution import run_resolution
from ingest.demo.generator import generate
from ingest.demo.load import load_demo
from tests.api.conftest import ApiServer, start_server
from tests.helpers import run_cli

PASSWORD = "correct horse battery"
OUTSIDER = "EU-ANALYSIS"  # an analysts' authority with no case in the network


@dataclass
class Demo:
    graph: Graph
    db: AppDB
    settings: Settings
    network: Network
    red: dict[str, str]  # the record graded TLP:RED: uid, name
    victims: list[str]  # the names of the network's victims
    targets: list[str]  # names of the actors the reader may see that are not bystanders
    tmp: Path


def _where(value: Any, needle: str, path: str = "brief") -> list[str]:
    """The places of a brief (dict paths) whose text holds ``needle``: what a leak names."""
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _where(v, needle, f"{path}.{k}")]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in _where(v, needle, f"{path}[{i}]")]
    return [f"{path}: {value}"] if needle in str(value) else []


def _text(pdf: bytes) -> str:
    return " ".join(" ".join((page.extract_text() or "").split())
                    for page in PdfReader(io.BytesIO(pdf)).pages)


ACTORS = """
UNWIND $cases AS uid
MATCH (a)-[r:INVOLVED_IN]->(:Case {uid: uid})
RETURN a.uid AS uid, coalesce(a.full_name, a.name) AS name, r.role AS role,
       coalesce(a.protected, false) AS protected, a.source AS source
"""


@pytest.fixture(scope="module")
def demo(session_graph: Graph, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    reset_graph(session_graph)
    load_demo(session_graph, generate(scale="small", seed=7))
    run_resolution(session_graph)
    network = detect_networks(session_graph)[0]
    rows = session_graph.read(ACTORS, {"cases": [c["uid"] for c in network.cases]})
    victims = sorted({r["name"] for r in rows if r["role"] == "victim" or r["protected"]})
    names: dict[str, set[str]] = {}
    for r in rows:
        names.setdefault(r["name"], set()).add(r["uid"])
    # a suspect or recruiter whose name no other record of the network gives
    red = next(r for r in sorted(rows, key=lambda r: r["uid"])
               if r["role"] not in BYSTANDER_ROLES and not r["protected"]
               and len(names[r["name"]]) == 1)
    session_graph.write("MATCH (a {uid: $uid}) SET a.tlp = 'RED'", {"uid": red["uid"]})
    roles: dict[str, set[str]] = {}
    for r in rows:
        roles.setdefault(r["uid"], set()).add(r["role"])
    targets = sorted({r["name"] for r in rows if r["uid"] != red["uid"] and not r["protected"]
                      and not roles[r["uid"]] <= BYSTANDER_ROLES})
    tmp = tmp_path_factory.mktemp("brief")
    settings = Settings(data_dir=tmp, database_url=f"sqlite:///{tmp / 'app.db'}")
    db = open_app_db(settings)
    with db.session() as s:
        users.create_authority(s, OUTSIDER, name="Regional analysis unit", country="NL",
                               kind="international_org")
        users.create_user(s, "analyst", PASSWORD, authority_id=OUTSIDER, role="analyst")
        users.create_user(s, "viewer", PASSWORD, authority_id=OUTSIDER, role="viewer")
        first = network.authorities[0]
        users.create_authority(s, first["id"], name=first["name"] or first["id"],
                               country=first["country"] or network.jurisdictions[0],
                               kind=first["kind"] or "police")
        users.create_user(s, "lead", PASSWORD, authority_id=first["id"], role="investigator")
    yield Demo(session_graph, db, settings, network, {"uid": red["uid"], "name": red["name"]},
               victims, targets, tmp)
    db.close()


def _as(demo: Demo, username: str) -> dict[str, Any]:
    with demo.db.session() as s:
        viewer = viewer_for(s, users.require_user(s, username))
        return briefs.network_brief(demo.graph, s, viewer, demo.network.id)


def test_the_brief_names_every_jurisdiction_authority_and_target_and_withholds_red(
        demo: Demo) -> None:
    brief = _as(demo, "analyst")
    text = _text(brief_pdf(brief))
    for code in demo.network.jurisdictions:
        assert f"({code})" in text, f"jurisdiction {code} missing"
    assert "Draft Letter of Request to" in text
    for authority in demo.network.authorities:
        assert authority["id"] in text, f"authority {authority['id']} missing"
    assert "lead (investigator)" in text  # the contact point registered on this instance
    for name in demo.targets:
        assert name in text, f"target {name} missing"
    for agency in demo.network.unlicensed_agencies:
        if agency["uid"] != demo.red["uid"]:
            assert agency["name"] in text
    assert not _where(brief, demo.red["name"]) + _where(brief, demo.red["uid"])
    assert demo.red["name"] not in text and demo.red["uid"] not in text
    assert brief["withheld"] == 1 and "1 record withheld" in text
    for name in demo.victims:
        assert name not in text, f"victim {name} named"
    if demo.victims:
        assert "Victim 1" in text and "risk assessment before the action" in text
    assert brief["tlp"] != "RED" and f"TLP:{brief['tlp']}" in text
    letters = {letter["to_country"] for letter in brief["letters"]}
    assert letters == set(demo.network.jurisdictions) - {brief["requesting"]}
    assert "DRAFT - not a formal request" in text


def test_the_html_brief_says_the_same_and_draws_the_chart(demo: Demo) -> None:
    page = brief_html(_as(demo, "analyst"))
    assert "<svg" in page and "Links that cross borders" in page
    assert "Timeline" in page and "Money" in page
    assert demo.red["name"] not in page and "1 record withheld" in page
    assert all(name not in page for name in demo.victims)


def test_the_command_line_sees_the_red_record_and_marks_the_brief_red(
        demo: Demo, crosslink_env: dict[str, str], tmp_path: Path) -> None:
    with demo.db.session() as s:
        brief = briefs.network_brief(demo.graph, s, system_viewer("cli:test"), demo.network.id)
    assert brief["withheld"] == 0 and brief["tlp"] == "RED"
    out = tmp_path / "brief.pdf"
    done = run_cli(["brief", demo.network.id, "--out", str(out)], env=crosslink_env)
    assert done.returncode == 0, done.stderr
    text = _text(out.read_bytes())
    assert demo.red["name"] in text and "TLP:RED" in text and "0 records withheld" in text
    html_out = tmp_path / "brief.html"
    done = run_cli(["brief", demo.network.id, "--out", str(html_out), "--format", "html"],
                   env=crosslink_env)
    assert done.returncode == 0 and "<svg" in html_out.read_text(encoding="utf-8")
    bad = run_cli(["brief", "net-000000000000", "--out", str(out)], env=crosslink_env)
    assert bad.returncode == 2 and "no network net-000000000000" in bad.stderr + bad.stdout


@pytest.fixture(scope="module")
def api(demo: Demo) -> Iterator[tuple[ApiServer, dict[str, str]]]:
    server = start_server(demo.settings, demo.graph, demo.db)
    with demo.db.session() as s:
        tokens = {name: create_token(s, users.require_user(s, name), "tests")
                  for name in ("analyst", "viewer")}
    yield server, tokens
    server.stop()


def test_the_api_downloads_the_brief_and_audits_it(
        demo: Demo, api: tuple[ApiServer, dict[str, str]]) -> None:
    server, tokens = api
    analyst = {"Authorization": f"Bearer {tokens['analyst']}"}
    with httpx.Client(base_url=server.url, timeout=120) as client:
        got = client.get(f"/api/networks/{demo.network.id}/brief", headers=analyst)
        assert got.status_code == 200, got.text
        assert got.headers["content-type"] == "application/pdf"
        assert f"brief-{demo.network.id}.pdf" in got.headers["content-disposition"]
        text = _text(got.content)
        assert all(f"({code})" in text for code in demo.network.jurisdictions)
        assert demo.red["name"] not in text
        page = client.get(f"/api/networks/{demo.network.id}/brief?format=html",
                          headers=analyst)
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
        viewer = client.get(f"/api/networks/{demo.network.id}/brief",
                            headers={"Authorization": f"Bearer {tokens['viewer']}"})
        assert viewer.status_code == 403
        missing = client.get("/api/networks/net-000000000000/brief", headers=analyst)
        assert missing.status_code == 404
    with demo.db.session() as s:
        events = [e.parameters for e in s.scalars(select(AuditEvent)
                                                  .where(AuditEvent.username == "analyst"))]
    assert {"brief": demo.network.id, "format": "html"}.items() <= next(
        e for e in events if e.get("format") == "html").items()
