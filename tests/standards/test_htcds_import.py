"""An HTCDS 2.0 sheet as IOM publishes it (names in row 1, labels in row 2, its quirks) loads
as cases with their protected victims, indicators, sector, places and referrals."""

from __future__ import annotations

from pathlib import Path

from graph.connection import Graph
from ingest.grading import Grading
from ingest.pipeline import ingest_paths
from ingest.standards.htcds import htcds_files

from .samples import HTCDS_CASES, write_htcds_xlsx

GRADING = Grading("ngo-refugio", "Casa Refugio", "ngo", "GT", "B", "2", "AMBER")


def _load(graph: Graph, path: Path, grading: Grading = GRADING):  # type: ignore[no-untyped-def]
    return ingest_paths(graph, [], grading, mapped=htcds_files(path, grading.source_country))


def test_published_sheet_loads_cases_victims_indicators_and_referrals(
        graph: Graph, tmp_path: Path) -> None:
    report = _load(graph, write_htcds_xlsx(tmp_path / "htcds.xlsx"))
    assert report.ok, report.errors
    cases = {r["uid"]: r for r in graph.read(
        "MATCH (c:Case) RETURN c.uid AS uid, c.jurisdiction AS jurisdiction, c.status AS status,"
        " c.exploitation_type AS type, c.sector AS sector, c.indicators AS indicators,"
        " c.opened_on AS opened")}
    assert set(cases) == {"ngo-refugio:1", "ngo-refugio:2"}  # the numbered empty rows: none
    first = cases["ngo-refugio:1"]
    assert first["jurisdiction"] == "MX" and first["status"] == "open"
    assert first["type"] == "forced_labour" and first["sector"] == "agriculture"
    assert set(first["indicators"]) == {"debt_bondage", "retention_of_documents",
                                        "intimidation_threats"}
    assert str(first["opened"]) == "2024-02-10"
    assert cases["ngo-refugio:2"]["type"] == "domestic_servitude"
    assert cases["ngo-refugio:2"]["status"] == "referred"

    victims = graph.read(
        "MATCH (p:Person)-[r:INVOLVED_IN]->(c:Case) RETURN c.uid AS case, p.full_name AS name,"
        " p.protected AS protected, r.role AS role, p.nationality AS nationality ORDER BY case")
    assert [(v["case"], v["name"], v["role"], v["protected"], v["nationality"])
            for v in victims] == [("ngo-refugio:1", "Ana Lopez Ruiz", "victim", True, "GT"),
                                  ("ngo-refugio:2", "Maria Xol", "victim", True, "HN")]

    referrals = graph.read(
        "MATCH (c:Case {uid: 'ngo-refugio:1'})-[r:REFERRED_FROM|REFERRED_TO]->(a:Authority) "
        "RETURN type(r) AS type, a.name AS name, toString(r.on) AS on ORDER BY type")
    assert [(r["type"], r["name"], r["on"]) for r in referrals] == [
        ("REFERRED_FROM", "Labour Inspectorate Chiapas", "2024-02-10"),
        ("REFERRED_TO", "Fiscalia FEVIMTRA", "2024-03-01")]

    legs = graph.read(
        "MATCH (:Person {uid: 'ngo-refugio:1-V'})-[:TRAVELLED]->(t:TravelLeg), "
        "(t)-[:FROM]->(a:Location), (t)-[:TO]->(b:Location) "
        "RETURN a.name AS a, a.country AS ac, b.name AS b, b.country AS bc")
    assert [(r["a"], r["ac"], r["b"], r["bc"]) for r in legs] == [
        ("Quetzaltenango", "GT", "Tapachula", "MX")]


def test_sheet_without_label_row_and_as_csv_loads_the_same(graph: Graph, tmp_path: Path) -> None:
    import csv

    from openpyxl import load_workbook

    xlsx = write_htcds_xlsx(tmp_path / "with-labels.xlsx", label_row=False)
    rows = list(load_workbook(xlsx).active.iter_rows(values_only=True))
    path = tmp_path / "htcds.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows(
            [["" if v is None else v for v in row] for row in rows])
    report = _load(graph, path)
    assert report.ok, report.errors
    assert graph.read("MATCH (c:Case) RETURN count(c) AS n")[0]["n"] == 2
    assert graph.read("MATCH (p:Person {protected: true}) RETURN count(p) AS n")[0]["n"] == 2


def test_events_and_perpetrators_of_the_fuller_standard(graph: Graph, tmp_path: Path) -> None:
    from .samples import HTCDS_NAMES
    names = [*HTCDS_NAMES, "hte_Type", "hte_Country", "hte_City", "hte_Date",
             "per_RoleInProcess"]
    case = {None: "7", "cas_CaseOwner": "Casa Refugio", "prs_FirstName": "Rosa",
            "prs_SecondName": "Tum", "vic_TypeOfExploitation": "ForcedLabour",
            "hte_Type": "Recruitment", "hte_Country": "GT", "hte_City": "Coban",
            "hte_Date": "2023-05-01"}
    rows = [case,
            {None: "7", "hte_Type": "Transit", "hte_Country": "MX", "hte_City": "Tecun Uman"},
            {None: "7", "hte_Type": "Exploitation", "hte_Country": "US", "hte_City": "Houston",
             "hte_Date": "2023-06-01"},
            {None: "7", "prs_FirstName": "Julio", "prs_SecondName": "Perez",
             "per_RoleInProcess": "RecruiterOrIntermediary"}]
    from openpyxl import Workbook
    book = Workbook()
    book.active.append(names)
    for row in rows:
        book.active.append([row.get(n) for n in names])
    path = tmp_path / "events.xlsx"
    book.save(path)
    report = _load(graph, path)
    assert report.ok, report.errors
    assert graph.read("MATCH (c:Case) RETURN c.jurisdiction AS j")[0]["j"] == "US"
    roles = graph.read("MATCH (p:Person)-[r:INVOLVED_IN]->(:Case) "
                       "RETURN p.full_name AS name, r.role AS role, p.protected AS protected "
                       "ORDER BY name")
    assert [(r["name"], r["role"], r["protected"]) for r in roles] == [
        ("Julio Perez", "recruiter", False), ("Rosa Tum", "victim", True)]
    leg = graph.read("MATCH (t:TravelLeg)-[:FROM]->(a), (t)-[:VIA]->(v), (t)-[:TO]->(b) "
                     "RETURN a.name AS a, v.name AS v, b.name AS b, toString(t.departed_on) AS d")
    assert [(r["a"], r["v"], r["b"], r["d"]) for r in leg] == [
        ("Coban", "Tecun Uman", "Houston", "2023-05-01")]


def test_a_bad_cell_names_file_line_and_field_and_the_rest_loads(
        graph: Graph, tmp_path: Path) -> None:
    cases = [dict(HTCDS_CASES[0]), dict(HTCDS_CASES[1])]
    cases[1]["prs_Birthdate"] = "31st of May"
    path = write_htcds_xlsx(tmp_path / "htcds.xlsx", cases)
    report = _load(graph, path)
    first = report.warnings[0]  # an optional value: dropped with a warning, the row loads
    assert (first.file, first.line, first.column, first.value) == (
        str(path), 4, "date_of_birth", "31st of May")
    assert not report.errors
    assert graph.read("MATCH (c:Case) RETURN count(c) AS n")[0]["n"] == 2


def test_a_file_that_is_not_htcds_is_refused(graph: Graph, tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("name,phone\nAna,123\n", encoding="utf-8")
    report = _load(graph, path)
    assert report.errors and "not an HTCDS sheet" in report.errors[0].reason
    assert graph.read("MATCH (n:Case|Person|Source) RETURN count(n) AS n")[0]["n"] == 0


def test_upload_as_on_the_ingest_page(graph: Graph, tmp_path: Path) -> None:
    from backend.auth.roles import Role
    from backend.auth.viewer import Viewer
    from backend.db.engine import open_app_db
    from backend.services.ingest import Upload, upload
    from backend.settings import Settings

    from .samples import CTDC_K_COLUMNS, write_ctdc

    db = open_app_db(Settings(data_dir=tmp_path, database_url=f"sqlite:///{tmp_path / 'a.db'}"))
    viewer = Viewer(user_id=1, username="ngo-worker", role=Role.investigator,
                    authority_id="NGO-REFUGIO")
    sheet = write_htcds_xlsx(tmp_path / "Casos marzo.xlsx").read_bytes()
    ctdc = write_ctdc(tmp_path / "pool.csv", CTDC_K_COLUMNS, [{"gender": "Male"}]).read_bytes()
    with db.session() as s:
        report = upload(graph, s, viewer, [Upload("casos-marzo.xlsx", sheet)],
                        source="ngo-refugio", source_country="MX", standard="htcds")
        assert report["ok"] and report["rows_loaded"] > 0, report["errors"]
        pooled = upload(graph, s, viewer, [Upload("pool.csv", ctdc)], source="iom-ctdc",
                        standard="ctdc")
        assert "never enter entity resolution" in pooled["note"]
    db.close()
    assert graph.read("MATCH (c:Case) RETURN count(c) AS n")[0]["n"] == 2
    assert graph.read("MATCH (v:VictimRecord) RETURN v.gender AS g")[0]["g"] == "male"
