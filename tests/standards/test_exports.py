"""HTCDS and CTDC out: the demo's cases written as an HTCDS sheet read back through the HTCDS
import as the same cases; the CTDC file is k-anonymised and names no one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from backend.auth.viewer import system_viewer
from backend.db.engine import AppDB, open_app_db
from backend.services.standards_export import export_ctdc_file, export_htcds_file
from backend.settings import Settings
from graph.connection import Graph
from graph.maintenance import reset_graph
from ingest.demo.generator import generate
from ingest.demo.load import load_demo
from ingest.grading import Grading
from ingest.pipeline import ingest_paths
from ingest.standards.ctdc import ctdc_files
from ingest.standards.ctdc_file import COLUMNS, QUASI_IDENTIFIERS
from ingest.standards.htcds import htcds_files

from .samples import CTDC_K_COLUMNS, write_ctdc

OPERATOR = system_viewer("cli:operator")  # the command line's viewer: sees every case

CASE_FIELDS = ("c.record_id AS id, c.jurisdiction AS jurisdiction, c.status AS status, "
               "c.exploitation_type AS type, c.sector AS sector, c.indicators AS indicators, "
               "toString(c.opened_on) AS opened, c.authority AS authority")
# what HTCDS has no word of its own for (picklists.yaml)
STATUS = {"prosecuted": "open"}
# HTCDS's "manufacturing" reads back as the model's factories (graph/model.yaml synonyms)
SECTOR = {"fishing": "agriculture"}
INDICATOR = {"isolation": "restriction_of_movement"}


@pytest.fixture
def app_db(tmp_path: Path) -> Iterator[AppDB]:
    db = open_app_db(Settings(data_dir=tmp_path, database_url=f"sqlite:///{tmp_path / 'a.db'}"))
    yield db
    db.close()


def _as_htcds_says(case: dict[str, object]) -> dict[str, object]:
    indicators = case["indicators"] or []
    return {**case, "status": STATUS.get(str(case["status"]), case["status"]),
            "sector": SECTOR.get(str(case["sector"]), case["sector"]),
            "indicators": sorted({INDICATOR.get(i, i) for i in indicators})}  # type: ignore[attr-defined]


def test_demo_cases_read_back_through_the_htcds_import(graph: Graph, app_db: AppDB,
                                                      tmp_path: Path) -> None:
    load_demo(graph, generate("small", seed=7))
    leaving = {r["id"]: _as_htcds_says(r) for r in graph.read(
        f"MATCH (c:Case) WHERE NOT coalesce(c.tlp, '') IN ['RED', 'AMBER+STRICT'] "
        f"RETURN {CASE_FIELDS}")}
    held_back = graph.read("MATCH (c:Case) WHERE c.tlp IN ['RED', 'AMBER+STRICT'] "
                           "RETURN count(c) AS n")[0]["n"]
    assert len(leaving) > 20 and held_back > 0
    out = tmp_path / "demo-htcds.xlsx"
    with app_db.session() as db:
        summary = export_htcds_file(graph, db, OPERATOR, out)
    assert summary["cases"] == len(leaving) and summary["masked"] > 0

    reset_graph(graph)
    report = ingest_paths(graph, [], Grading("htcds-back", None, None, None, "B", "2", "AMBER"),
                          mapped=htcds_files(out))
    assert report.ok, report.errors[:5]
    back = {r["id"]: {**r, "indicators": sorted(r["indicators"] or [])}
            for r in graph.read(f"MATCH (c:Case) RETURN {CASE_FIELDS}")}
    differ = {k: (back.get(k), leaving[k]) for k in leaving if back.get(k) != leaving[k]}
    assert back == leaving, {k: {f: (b.get(f) if b else None, v) for f, v in lv.items()
                                 if not b or b.get(f) != v} for k, (b, lv) in
                             list(differ.items())[:3]}
    # protected victims went out unnamed: no person came back for them
    assert graph.read("MATCH (p:Person) RETURN count(p) AS n")[0]["n"] == 0


def test_ctdc_export_suppresses_a_rare_combination_and_names_no_one(
        graph: Graph, app_db: AppDB, tmp_path: Path) -> None:
    common = {"yearOfRegistration": "2021", "gender": "Female", "ageBroad": "18--20",
              "citizenship": "PH", "CountryOfExploitation": "SA", "isForcedLabour": "1",
              "meansOfControlDebtBondage": "1"}
    rare = {**common, "citizenship": "NP", "ageBroad": "48+"}
    path = write_ctdc(tmp_path / "pool.csv", CTDC_K_COLUMNS, [common] * 5 + [rare])
    ingest_paths(graph, [], Grading("iom-ctdc", None, None, None, "B", "2", "GREEN"),
                 mapped=ctdc_files(path))
    out = tmp_path / "ctdc-out.csv"
    with app_db.session() as db:
        summary = export_ctdc_file(graph, db, OPERATOR, out, k=5)
    assert (summary["rows"], summary["suppressed"]) == (6, 1)
    import csv
    with open(out, encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == COLUMNS and len(COLUMNS) == 63
    combos = [tuple(r[q] for q in QUASI_IDENTIFIERS) for r in rows]
    assert ("Female", "48+", "NP", "SA", "2021") not in combos
    assert combos.count(("Female", "18--20", "PH", "SA", "2021")) == 5
    assert combos.count(("-99",) * 5) == 1
    assert all(r["meansOfControlDebtBondage"] == "1" for r in rows)  # the rest stays


def test_ctdc_export_of_the_demo_carries_no_names_or_ids(graph: Graph, app_db: AppDB,
                                                        tmp_path: Path) -> None:
    load_demo(graph, generate("small", seed=7))
    names = [r["name"] for r in graph.read(
        "MATCH (p:Person)-[:INVOLVED_IN {role: 'victim'}]->() RETURN p.full_name AS name")]
    out = tmp_path / "demo-ctdc.csv"
    with app_db.session() as db:
        summary = export_ctdc_file(graph, db, OPERATOR, out, k=3)
    text = out.read_text(encoding="utf-8")
    assert summary["rows"] > 10
    assert not [n for n in names if n in text]
    assert ":" not in text  # no uid, no source:record id
