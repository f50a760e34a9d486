"""Hostile and unusual input, repeated loads, changed rows, identifiers shared by sources."""

from __future__ import annotations

from pathlib import Path

from graph.connection import Graph
from graph.maintenance import graph_stats
from ingest.grading import Grading
from ingest.pipeline import ingest_paths

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
