"""Missing-person reports (missing_persons.csv) resolved against the persons of the demo,
victims first, with the entity-resolution scorer's reasons: a demo victim reported under a name
variant is matched and listed on the Review page's service; a report of nobody matches
nothing; a malformed row is refused (or its bad optional value dropped) with its file, line
and column."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from backend.auth.viewer import system_viewer
from backend.db.engine import open_app_db
from backend.services import resolution
from backend.settings import Settings
from graph.connection import Graph
from graph.maintenance import reset_graph
from graph.resolution.missing_persons import missing_person_matches
from graph.resolution.run import run_resolution
from ingest.demo.generator import generate
from ingest.demo.load import load_demo
from ingest.demo.variants import strip_accents
from ingest.grading import Grading
from ingest.pipeline import ingest_paths
from tests.ingest.samples import write_csv

NETWORK = Grading("lamp-net", source_name="Latin American missing persons network",
                  source_kind="international_org", source_country="GT", reliability="C",
                  credibility="3", tlp="AMBER")
VICTIM = """
MATCH (p:Person)-[:INVOLVED_IN {role: 'victim'}]->(:Case)
WHERE p.date_of_birth IS NOT NULL AND p.nationality IS NOT NULL
  AND size(split(p.full_name, ' ')) > 2
RETURN DISTINCT p.uid AS uid, p.full_name AS name, toString(p.date_of_birth) AS dob,
       p.nationality AS nationality, p.gender AS gender
ORDER BY uid LIMIT 1
"""


@pytest.fixture(scope="module")
def demo(session_graph: Graph) -> Iterator[Graph]:
    reset_graph(session_graph)
    load_demo(session_graph, generate("small", 7))
    yield session_graph
    reset_graph(session_graph)


def variant(name: str) -> str:
    """``María Elena López Pérez`` -> ``LOPEZ PEREZ, MARIA ELENA``: surnames first, upper
    case, no accents, as another country's register writes it."""
    words = strip_accents(name).upper().split()
    return f"{' '.join(words[2:])}, {' '.join(words[:2])}"


@pytest.fixture(scope="module")
def reports(demo: Graph, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    victim = demo.read(VICTIM)[0]
    folder = tmp_path_factory.mktemp("lamp")
    write_csv(folder / "missing_persons.csv", [
        {"report_id": "MP-1", "full_name": variant(victim["name"]),
         "date_of_birth": victim["dob"], "gender": victim["gender"] or "",
         "nationality": victim["nationality"], "last_seen_on": "2024-02-10",
         "last_seen_place": "Terminal de buses", "last_seen_country": victim["nationality"],
         "reported_by": "her mother", "contact": "+502 5555 0000", "document_number": ""},
        {"report_id": "MP-2", "full_name": "Zacarías Nadie Inexistente",
         "date_of_birth": "1931-03-03", "gender": "male", "nationality": "PE",
         "last_seen_on": "2023-05-01", "last_seen_place": "Lima", "last_seen_country": "PE",
         "reported_by": "a neighbour", "contact": "", "document_number": "PE 000 111"},
    ])
    report = ingest_paths(demo, [folder], NETWORK)
    assert report.ok, report.errors
    run_resolution(demo)
    return {"victim": victim["uid"], "name": victim["name"]}


def test_a_demo_victim_reported_under_a_name_variant_is_matched(
        demo: Graph, reports: dict[str, str]) -> None:
    matches = missing_person_matches(demo, report_uids=["lamp-net:MP-1"])
    assert matches, "the victim's report matched nobody"
    best = matches[0]
    assert (best.person_uid, best.victim, best.status) == (reports["victim"], True, "candidate")
    assert best.score >= 0.65
    assert any(r.startswith("name 1.00 (same words, other order") for r in best.reasons)
    assert any(r.startswith("same date of birth") for r in best.reasons)
    assert best.report_source == "lamp-net"
    assert best.cases and all(c["authority"] for c in best.cases)  # whom to alert


def test_a_report_of_nobody_matches_nothing(demo: Graph, reports: dict[str, str]) -> None:
    assert missing_person_matches(demo, report_uids=["lamp-net:MP-2"], status=None) == []


def test_the_match_is_a_candidate_on_the_review_page_and_can_be_confirmed(
        demo: Graph, reports: dict[str, str], tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, database_url=f"sqlite:///{tmp_path / 'app.db'}")
    app_db = open_app_db(settings)
    operator = system_viewer("cli:test")
    with app_db.session() as s:
        shown = review(demo, s)
        assert [(m["report_uid"], m["person_uid"]) for m in shown][:1] == [
            ("lamp-net:MP-1", reports["victim"])]
        assert shown[0]["report"]["full_name"] == variant(reports["name"])
        resolution.decide_missing_person(demo, s, operator, "lamp-net:MP-1",
                                         reports["victim"], "confirm", "her mother's photo")
        assert ("lamp-net:MP-1", reports["victim"]) not in {
            (m["report_uid"], m["person_uid"]) for m in review(demo, s)}
    app_db.close()
    run_resolution(demo)  # a judged match is left alone by the next run
    confirmed = missing_person_matches(demo, status="confirmed")
    assert [(m.person_uid, m.decided_by, m.why) for m in confirmed] == [
        (reports["victim"], "cli:test", "her mother's photo")]


def review(graph: Graph, s: Session) -> list[dict[str, object]]:
    return resolution.missing_person_candidates(graph, s, system_viewer("cli:test"))


def test_a_malformed_report_names_file_line_and_column(graph: Graph, tmp_path: Path) -> None:
    path = tmp_path / "missing_persons.csv"
    write_csv(path, [
        {"report_id": "MP-9", "full_name": "Ana Ruiz", "date_of_birth": "2001-13-40",
         "nationality": "GT"},
        {"report_id": "MP-10", "full_name": "", "nationality": "GT"},
        {"report_id": "MP-11", "full_name": "Sin País", "document_number": "A 123"},
    ])
    report = ingest_paths(graph, [path], NETWORK)
    errors = {(Path(e.file).name, e.line, e.column) for e in report.errors}
    assert errors == {("missing_persons.csv", 3, "full_name")}  # the row is not loaded
    # an optional value that breaks its rule is dropped with a warning; the row loads
    warned = {(Path(w.file).name, w.line, w.column) for w in report.warnings}
    assert {("missing_persons.csv", 2, "date_of_birth"),
            ("missing_persons.csv", 4, "document_number")} <= warned
    assert all(e.reason for e in [*report.errors, *report.warnings])
    loaded = graph.read("MATCH (r:MissingPersonReport) RETURN r.uid AS uid ORDER BY uid")
    assert [r["uid"] for r in loaded] == ["lamp-net:MP-11", "lamp-net:MP-9"]
