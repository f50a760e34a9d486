"""The chart export service on a chart opened as the Explore page opens it (the real services
over a hand-made graph, a real app database): a protected victim the investigator sees by
name on the chart goes out pseudonymised, without her documents, in CSV, FtM and PDF; TLP:RED
never goes out, nor a folded link that stands for a RED relationship; a viewer, who sees her
masked, may not export; every export is audited."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from followthemoney import model
from pypdf import PdfReader
from sqlalchemy.orm import Session

from backend.auth.viewer import Viewer, viewer_for
from backend.db.engine import open_app_db
from backend.errors import ForbiddenError
from backend.services import audit, chart_links, expand, users
from backend.settings import Settings
from backend.sharing.chart_export import ChartFile, Picture, export_chart
from graph.connection import Graph
from ui.chart.elements import MASKED_CAPTION, empty_state
from ui.chart.filters import ChartFilter
from ui.pages.explore.data import expand_node, open_case
from ui.pages.explore.view import drawn

VICTIM, RECRUITER, HIDDEN = "Vera Victima", "Rita Reclutadora", "Xavier Oculto"
GRAPH = """
CREATE (c:Case {uid: 'gt:C1', jurisdiction: 'GT', authority: 'gt-pnc', source: 'gt',
                title: 'Finca Sol', batch_id: 'b-1', reliability: 'B', credibility: '2',
                tlp: 'AMBER'})
CREATE (v:Person {uid: 'gt:V', full_name: 'Vera Victima', protected: true,
                  date_of_birth: '2007-05-01', nationality: 'HN', source: 'gt',
                  record_id: 'V-1', batch_id: 'b-1'})
CREATE (r:Person {uid: 'gt:R', full_name: 'Rita Reclutadora', source: 'gt', batch_id: 'b-1'})
CREATE (x:Person {uid: 'gt:X', full_name: 'Xavier Oculto', source: 'gt', tlp: 'RED'})
CREATE (d:Document {key: 'passport:HN:P1234567', number: 'P1234567', type: 'passport',
                    country: 'HN', source: 'gt'})
CREATE (p:Phone {e164: '+50255500009', source: 'gt'})
CREATE (v)-[:INVOLVED_IN {role: 'victim', source: 'gt'}]->(c),
       (r)-[:INVOLVED_IN {role: 'recruiter', source: 'gt'}]->(c),
       (x)-[:INVOLVED_IN {role: 'suspect', source: 'gt'}]->(c),
       (v)-[:HAS_DOCUMENT {source: 'gt'}]->(d),
       (v)-[:USES {source: 'gt'}]->(p),
       (r)-[:USES {source: 'gt', tlp: 'RED'}]->(p)
"""
NAMES = (VICTIM, "2007-05-01", "P1234567", "gt:V", HIDDEN)


@pytest.fixture
def app_db(tmp_path: Path) -> Iterator[Session]:
    settings = Settings(data_dir=tmp_path, database_url=f"sqlite:///{tmp_path / 'app.db'}")
    db = open_app_db(settings)
    with db.session() as s:
        users.create_authority(s, "gt-pnc", name="Policia Nacional Civil", country="GT",
                               kind="police")
        for role in ("viewer", "investigator"):
            users.create_user(s, f"gt-{role}", "correct horse battery",
                              authority_id="gt-pnc", role=role)
        yield s
    db.close()


def viewer(s: Session, role: str) -> Viewer:
    return viewer_for(s, users.get_user(s, f"gt-{role}"))


def open_chart(graph: Graph, s: Session, who: Viewer) -> dict[str, Any]:
    """The case opened in Explore, then its victim and recruiter expanded."""
    state, _ = open_case(graph, s, who, empty_state(), "gt:C1")
    for node_id in ("Person:gt:V", "Person:gt:R"):
        state, _ = expand_node(graph, s, who, state, node_id, None)
    return state


def export(s: Session, who: Viewer, state: dict[str, Any], fmt: str, *,
           folded: bool = True) -> ChartFile:
    shown = drawn(state, ChartFilter(), folded)
    return export_chart(s, who, state["elements"], shown, fmt, picture=Picture())


def unzip(made: ChartFile) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(made.content)) as archive:
        return {n: archive.read(n).decode("utf-8") for n in archive.namelist()}


@pytest.fixture
def chart_graph(graph: Graph) -> Graph:
    graph.write(GRAPH)
    return graph


def test_the_csv_pseudonymises_the_victim_the_investigator_sees_by_name(
        chart_graph: Graph, app_db: Session) -> None:
    who = viewer(app_db, "investigator")
    state = open_chart(chart_graph, app_db, who)
    captions = {e["data"]["caption"] for e in state["elements"]}
    assert {VICTIM, RECRUITER, HIDDEN} <= captions  # the chart shows her, and their own RED
    for folded in (True, False):
        files = unzip(export(app_db, who, state, "csv", folded=folded))
        assert files["README.txt"].startswith("TLP:AMBER\n")
        text = files["nodes.csv"] + files["edges.csv"]
        assert not [name for name in NAMES if name in text], folded
        nodes = list(csv.DictReader(io.StringIO(files["nodes.csv"])))
        victim = [n for n in nodes if n["id"].startswith("Person:pseudo:")]
        assert len(victim) == 1 and victim[0]["caption"] == "protected person"
        assert victim[0]["nationality"] == "HN" and victim[0]["record_id"] == ""
        assert "Person:gt:R" in {n["id"] for n in nodes}
        assert not [n for n in nodes if n["type"] == "Document"]
        edges = list(csv.DictReader(io.StringIO(files["edges.csv"])))
        ends = {e["source"] for e in edges} | {e["target"] for e in edges}
        assert ends <= {n["id"] for n in nodes}
        assert victim[0]["id"] in ends and "Person:gt:X" not in ends
        # the phone both use joins them in a folded link: it stands for a RED relationship
        assert not [e for e in edges if e["type"] == "SHARES"]
        assert not [e for e in edges if e["tlp"] == "RED"]
    assert "1 protected person(s) pseudonymised" in files["README.txt"]


def test_ftm_and_pdf_keep_the_same_rules(chart_graph: Graph, app_db: Session) -> None:
    who = viewer(app_db, "investigator")
    state = open_chart(chart_graph, app_db, who)
    made = export(app_db, who, state, "ftm", folded=False)
    assert made.filename == "crosslink-chart-tlp-amber.ftm.json"
    lines = made.content.decode("utf-8").splitlines()
    proxies = [model.get_proxy(json.loads(line)) for line in lines]
    assert not [name for name in NAMES if name in made.content.decode("utf-8")]
    schemata = {p.schema.name for p in proxies}
    assert {"Person", "CourtCase", "CourtCaseParty"} <= schemata
    assert "Identification" not in schemata and "Passport" not in schemata
    assert RECRUITER in {n for p in proxies for n in p.get("name", quiet=True)}
    pdf = export(app_db, who, state, "pdf")
    reader = PdfReader(io.BytesIO(pdf.content))
    text = " ".join((reader.pages[0].extract_text() or "").split())
    assert len(reader.pages) == 1 and text.startswith("TLP:AMBER")
    assert "Legend" in text and "Provenance" in text
    assert not [name for name in NAMES if name in text]
    events = audit.list_events(app_db, None, action="export")
    assert [e.parameters["format"] for e in events] == ["pdf", "ftm"]
    assert events[0].parameters["pseudonymised"] == 1 and events[0].parameters["red_dropped"]
    assert events[0].username == "gt-investigator"


def test_a_viewer_sees_her_masked_and_may_not_export(chart_graph: Graph,
                                                      app_db: Session) -> None:
    who = viewer(app_db, "viewer")
    state = open_chart(chart_graph, app_db, who)
    victim = next(e["data"] for e in state["elements"] if e["data"]["id"] == "Person:gt:V")
    assert victim["caption"] == f"{MASKED_CAPTION} #1" and "full_name" not in victim["properties"]
    with pytest.raises(ForbiddenError):
        export(app_db, who, state, "csv")


SAME_AS_QUOTING = """
MATCH (v:Person {uid: 'gt:V'}), (r:Person {uid: 'gt:R'})
CREATE (v)-[:SAME_AS {status: 'candidate', score: 0.71, method: 'rules', source: 'gt',
                      reasons: ["name 'Vera Victima' ~ 'Rita Reclutadora'", 'same phone']}]->(r)
"""


def _same_as(result: dict[str, Any]) -> dict[str, Any]:
    return next(r for r in result["relationships"] if r["type"] == "SAME_AS")


def test_what_a_link_quotes_of_a_masked_victim_is_left_out_on_screen(chart_graph: Graph,
                                                                      app_db: Session) -> None:
    chart_graph.write(SAME_AS_QUOTING)
    who = viewer(app_db, "viewer")
    for result in (expand.expand(chart_graph, app_db, who, "Person:gt:R"),
                   chart_links.links_among(chart_graph, app_db, who,
                                           ["Person:gt:V", "Person:gt:R"])):
        link = _same_as(result)
        assert VICTIM not in json.dumps(result), "the masked victim's name left on a link"
        assert "reasons" not in link["properties"] and link["properties"]["score"] == 0.71
    # who may see her sees what the candidate quotes
    investigator = viewer(app_db, "investigator")
    link = _same_as(expand.expand(chart_graph, app_db, investigator, "Person:gt:R"))
    assert VICTIM in " ".join(link["properties"]["reasons"])
