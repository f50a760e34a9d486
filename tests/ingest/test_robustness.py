"""Hostile and unusual input, repeated loads, changed rows, identifiers shared by sources."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from graph.access import AccessScope
from graph.connection import Graph
from graph.maintenance import graph_stats
from graph.search import search
from ingest.grading import Grading
from ingest.pipeline import ingest_paths

from ..helpers import run_cli
from .samples import SAMPLE, header, write_csv, write_sample, write_xlsx

GRADING = Grading("gt-pnc", source_country="GT")
INJECTION = "'}) DETACH DELETE n //"


def test_cypher_looking_text_is_stored_verbatim_and_harms_nothing(graph: Graph,
                                                                  tmp_path: Path) -> None:
    folder = write_sample(tmp_path / "in")
    ingest_paths(graph, [folder], GRADING)
    before = graph_stats(graph)
    hostile = tmp_path / "hostile"
    hostile.mkdir()
    write_csv(hostile / "cases.csv", [dict(SAMPLE["cases"][0], case_id=INJECTION,
                                           title=INJECTION, summary=f'"{INJECTION}\\" MATCH (n)')])
    write_csv(hostile / "persons.csv", [{"person_id": "P-X", "full_name": INJECTION,
                                         "aliases": INJECTION, "address": INJECTION}])
    report = ingest_paths(graph, [hostile], GRADING)
    assert report.ok, report.errors
    case = graph.read("MATCH (c:Case {record_id: $id}) RETURN c.title AS t, c.uid AS uid",
                      {"id": INJECTION})
    assert case == [{"t": INJECTION, "uid": f"gt-pnc:{INJECTION}"}]
    person = graph.read("MATCH (p:Person {uid: 'gt-pnc:P-X'}) RETURN p.full_name AS n")
    assert person == [{"n": INJECTION}]
    after = graph_stats(graph)
    assert after["nodes"]["Case"] == before["nodes"]["Case"] + 1
    assert after["nodes"]["Person"] == before["nodes"]["Person"] + 1
    assert after["nodes"]["Address"] == before["nodes"]["Address"] + 1


def test_long_cells_and_non_latin_scripts_load_intact(graph: Graph, tmp_path: Path) -> None:
    long_text = ("ข้อความยาว " * 1000)[:10_000]
    names = {"P-TH": "สมชาย ใจดี", "P-KH": "សុខ ចាន់ធា", "P-AR": "محمد عبد الله"}
    write_csv(tmp_path / "persons.csv", [{"person_id": pid, "full_name": name,
                                          "address": name, "address_country": "TH"}
                                         for pid, name in names.items()], bom=True, crlf=True)
    write_csv(tmp_path / "cases.csv", [dict(SAMPLE["cases"][0], summary=long_text)])
    assert ingest_paths(graph, [tmp_path], GRADING).ok
    summary = graph.read("MATCH (c:Case) RETURN c.summary AS s")[0]["s"]
    assert len(summary) == 10_000 and summary == long_text.strip()
    rows = graph.read("MATCH (p:Person) RETURN p.record_id AS id, p.full_name AS n, "
                      "p.name_folded AS f")
    assert {r["id"]: r["n"] for r in rows} == names
    assert {r["id"]: r["f"] for r in rows} == names  # nothing to fold in these scripts


def test_loading_the_same_files_twice_changes_no_count(graph: Graph, tmp_path: Path) -> None:
    folder = write_sample(tmp_path / "in")
    ingest_paths(graph, [folder], GRADING, batch_size=1)
    first = graph_stats(graph)
    again = ingest_paths(graph, [folder], GRADING, batch_size=1000)
    assert again.ok
    assert graph_stats(graph) == first
    assert sum(f.nodes_created + f.relationships_created for f in again.files) == 0


def test_a_changed_row_updates_properties_and_provenance(graph: Graph, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "cases.csv", SAMPLE["cases"])
    ingest_paths(graph, [path], GRADING)
    write_csv(path, [dict(SAMPLE["cases"][0], title="Finca El Sol (2)", status="prosecuted",
                          summary="")])
    report = ingest_paths(graph, [path], Grading("gt-pnc", reliability="A", credibility="1",
                                                 tlp="RED"))
    case = graph.read("MATCH (c:Case) RETURN c {.*} AS c")
    assert len(case) == 1
    c = case[0]["c"]
    assert (c["title"], c["status"], c.get("summary")) == ("Finca El Sol (2)", "prosecuted", None)
    assert (c["reliability"], c["credibility"], c["tlp"]) == ("A", "1", "RED")
    assert c["batch_id"] == report.batch_id


def test_one_phone_in_three_formats_from_three_sources_is_one_node(graph: Graph,
                                                                   tmp_path: Path) -> None:
    written = {"gt-pnc": ("GT", "5555 1234"), "mx-fgr": ("MX", "+502 5555-1234"),
               "ngo-casa": ("ES", "00502 5555 1234")}  # 00: international prefix in Spain
    for source, (country, phone) in written.items():
        path = tmp_path / source / "persons.csv"
        path.parent.mkdir()
        write_csv(path, [{"person_id": "P-1", "full_name": "Carlos", "phones": phone}])
        assert ingest_paths(graph, [path], Grading(source, source_country=country)).ok
    rows = graph.read("MATCH (p:Person)-[:USES]->(ph:Phone) RETURN ph.e164 AS e164, "
                      "count(p) AS people, ph.sources AS sources")
    assert len(rows) == 1
    assert rows[0]["e164"] == "+50255551234" and rows[0]["people"] == 3
    assert sorted(rows[0]["sources"]) == sorted(written)
    assert graph_stats(graph)["nodes"]["Source"] == 3


def test_source_column_wins_over_the_command_line(graph: Graph, tmp_path: Path) -> None:
    columns = header("cases", ["source", "reliability"])
    write_csv(tmp_path / "cases.csv", [
        dict(SAMPLE["cases"][0], source="mx-fgr", reliability="C"),
        dict(SAMPLE["cases"][0], case_id="C-2"),
    ], columns)
    assert ingest_paths(graph, [tmp_path], GRADING).ok
    rows = graph.read("MATCH (c:Case) RETURN c.uid AS uid, c.reliability AS r ORDER BY uid")
    assert rows == [{"uid": "gt-pnc:C-2", "r": "F"}, {"uid": "mx-fgr:C-1", "r": "C"}]
    assert graph.read("MATCH (s:Source) RETURN s.id AS id ORDER BY id") == [
        {"id": "gt-pnc"}, {"id": "mx-fgr"}]


def test_xlsx_files_load_like_csv(graph: Graph, tmp_path: Path) -> None:
    csv_folder = write_sample(tmp_path / "csv")
    ingest_paths(graph, [csv_folder], GRADING)
    from_csv = graph_stats(graph)
    graph.write("MATCH (n) WHERE NOT n:_CrosslinkMeta DETACH DELETE n")
    xlsx_folder = tmp_path / "xlsx"
    xlsx_folder.mkdir()
    for template, rows in SAMPLE.items():
        write_xlsx(xlsx_folder / f"{template}.xlsx", rows)
    report = ingest_paths(graph, [xlsx_folder], GRADING)
    assert report.ok, report.errors
    assert graph_stats(graph) == from_csv


THAI_NAME = ("สมชาย" + "ก" * 9_995)  # 10,000 Thai characters, 30,000 bytes of UTF-8


def test_a_10000_character_thai_name_loads_with_its_batch_and_is_found(graph: Graph,
                                                                     tmp_path: Path) -> None:
    write_csv(tmp_path / "persons.csv", [
        {"person_id": "P-1", "full_name": "Ana Ruiz"},
        {"person_id": "P-TH", "full_name": THAI_NAME, "aliases": THAI_NAME,
         "address": THAI_NAME, "address_country": "TH"},
        {"person_id": "P-3", "full_name": "Carlos Soto"},
    ])
    report = ingest_paths(graph, [tmp_path], GRADING)
    assert report.ok and not report.warnings, report.problems
    assert report.rows_loaded == 3
    rows = graph.read("MATCH (p:Person {record_id: 'P-TH'})-[:LOCATED_AT]->(a:Address) "
                      "RETURN p.full_name AS n, p.aliases AS al, a.text AS t, "
                      "size(p.name_folded) AS folded, size(a.key) AS key")
    assert rows[0]["n"] == THAI_NAME and rows[0]["al"] == [THAI_NAME]
    assert rows[0]["t"] == THAI_NAME  # the whole value in the property, a bounded key
    assert rows[0]["folded"] < 2000 and rows[0]["key"] < 2000
    scope = AccessScope(see_all=True, authority="")
    found = search(graph, scope, "สมชาย", labels=["Person"]).items
    assert [item["id"] for item in found] == ["Person:gt-pnc:P-TH"]
    again = ingest_paths(graph, [tmp_path], GRADING)  # the bounded key is stable
    assert again.ok and graph_stats(graph)["nodes"]["Address"] == 1


def test_a_row_neo4j_refuses_is_found_by_splitting_and_the_rest_loads(
        graph: Graph, tmp_path: Path, crosslink_env: dict[str, str]) -> None:
    # an index kept on purpose over a free-text property: Neo4j refuses a summary over 8 kB
    graph.write("CREATE INDEX test_case_summary IF NOT EXISTS FOR (c:Case) ON (c.summary)")
    try:
        cases = [dict(SAMPLE["cases"][0], case_id=f"C-{i}", summary=f"case {i}")
                 for i in range(1, 8)]
        cases[4]["summary"] = "x" * 9000  # line 6
        write_csv(tmp_path / "cases.csv", cases)
        write_csv(tmp_path / "case_roles.csv", [])
        write_csv(tmp_path / "persons.csv", [SAMPLE["persons"][0]])
        roles = [{"case_id": f"C-{i}", "party_id": "P-1", "role": "suspect"} for i in (4, 5)]
        write_csv(tmp_path / "case_roles.csv", roles)
        errors = tmp_path / "errors.csv"
        result = run_cli(["ingest", str(tmp_path), "--source", "gt-pnc", "--errors",
                          str(errors)], crosslink_env)
        assert result.returncode == 1, result.stdout + result.stderr
        assert "refused the row" in result.stdout
        with open(errors, encoding="utf-8", newline="") as handle:
            problems = list(csv.DictReader(handle))
        # the refused case, and the case role that names it
        by_file = {Path(p["file"]).name: p for p in problems}
        assert sorted((name, p["line"], p["severity"]) for name, p in by_file.items()) == [
            ("case_roles.csv", "3", "error"), ("cases.csv", "6", "error")]
        assert len(problems) == 2
        assert "too large to index" in by_file["cases.csv"]["reason"].lower()
        assert "unknown id" in by_file["case_roles.csv"]["reason"]
        loaded = graph.read("MATCH (c:Case) RETURN c.record_id AS id ORDER BY id")
        assert [r["id"] for r in loaded] == ["C-1", "C-2", "C-3", "C-4", "C-6", "C-7"]
        assert graph.read("MATCH (:Person)-[r:INVOLVED_IN]->(c:Case) "
                          "RETURN c.record_id AS id") == [{"id": "C-4"}]
    finally:
        graph.write("DROP INDEX test_case_summary IF EXISTS")


@pytest.mark.parametrize("encoding,delimiter,shown", [
    ("utf-16", "\t", "utf-16, tab"),                 # Excel's "Unicode text"
    ("cp1252", ";", "cp1252, semicolon"),            # Excel's "CSV" on a Spanish Windows
    ("tis-620", ",", "cp874, comma"),                # Thai
    ("utf-8", "\t", "utf-8, tab"),
])
def test_files_in_any_encoding_and_dialect_load(graph: Graph, tmp_path: Path, encoding: str,
                                                delimiter: str, shown: str) -> None:
    thai = encoding == "tis-620"
    persons = [{"person_id": "P-1", "full_name": "สมชาย ใจดี" if thai else "José Ñúñez",
                "gender": "male", "nationality": "TH" if thai else "GT",
                "address": "กรุงเทพมหานคร" if thai else "Calle Güemes 5",
                "address_country": "TH" if thai else "GT"},
               {"person_id": "P-2", "full_name": "สมหญิง รักไทย" if thai else "Begoña Ibáñez"}]
    write_csv(tmp_path / "persons.csv", persons, encoding=encoding, delimiter=delimiter)
    report = ingest_paths(graph, [tmp_path], GRADING)
    assert report.ok and not report.warnings, report.problems
    assert [f.read_as for f in report.files] == [shown]
    rows = graph.read("MATCH (p:Person) OPTIONAL MATCH (p)-[:LOCATED_AT]->(a:Address) "
                      "RETURN p.full_name AS n, a.text AS a ORDER BY p.record_id")
    assert rows == [{"n": persons[0]["full_name"], "a": persons[0]["address"]},
                    {"n": persons[1]["full_name"], "a": None}]
