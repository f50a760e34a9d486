"""Bad input is reported cell by cell, with file, line, column and reason, while the good
rows load: a bad optional value costs that value (a warning), a bad key, required value or
reference costs its row (an error); --strict writes nothing at all when there is an error."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from graph.connection import Graph
from graph.maintenance import graph_stats
from ingest.grading import Grading
from ingest.pipeline import ingest_paths

from .samples import SAMPLE, header, write_csv, write_sample

GRADING = Grading("gt-pnc", source_country="GT")


def _errors(report: object) -> list[tuple[str, int, str]]:
    return [(Path(e.file).name, e.line, e.column) for e in report.errors]  # type: ignore[attr-defined]


def _warnings(report: object) -> list[tuple[str, int, str]]:
    return [(Path(e.file).name, e.line, e.column) for e in report.warnings]  # type: ignore[attr-defined]


def test_bad_cells_cost_their_value_or_their_row_and_good_rows_load(graph: Graph,
                                                                    tmp_path: Path) -> None:
    persons = [
        SAMPLE["persons"][0],
        dict(SAMPLE["persons"][1], date_of_birth="31/02/1999"),            # line 3
        dict(SAMPLE["persons"][2], nationality="Gondor", gender="Fx"),     # line 4
        dict(SAMPLE["persons"][0], full_name="Other"),                      # line 5: dup id
        {"person_id": "", "full_name": "No Id"},                            # line 6
    ]
    write_csv(tmp_path / "persons.csv", persons)
    write_csv(tmp_path / "case_roles.csv", [
        {"case_id": "C-1", "party_id": "P-1", "role": "recruiter"},
    ])
    write_csv(tmp_path / "cases.csv", [SAMPLE["cases"][0]])
    write_csv(tmp_path / "accounts.csv", [
        dict(SAMPLE["accounts"][0], account_number="GT82 TRAJ 0102 0000 0012 1002 9691"),
        dict(SAMPLE["accounts"][1], holder_id="P-9"),                     # no such person
        dict(SAMPLE["accounts"][1], account_number="99", holder_id="P-1", country="MX"),
    ])
    write_csv(tmp_path / "transactions.csv", [
        {"tx_id": "T-1", "from_account": "99", "amount": "1.500 or so", "channel": "cash"},
        {"tx_id": "T-2", "from_account": "9-9", "amount": "10", "channel": "cash"},
        {"tx_id": "T-3", "from_account": "99", "amount": "10",
         "to_account": "GT82 TRAJ 0102 0000 0012 1002 9691"},                # rejected IBAN
    ])
    report = ingest_paths(graph, [tmp_path], GRADING)
    assert sorted(_errors(report)) == sorted([
        ("persons.csv", 5, "person_id"),
        ("persons.csv", 6, "person_id"),
        ("accounts.csv", 2, "account_number"),
        ("accounts.csv", 3, "holder_id"),
        ("transactions.csv", 2, "amount"),
        ("transactions.csv", 4, "to_account"),
    ])
    assert sorted(_warnings(report)) == [("persons.csv", 3, "date_of_birth"),
                                         ("persons.csv", 4, "gender"),
                                         ("persons.csv", 4, "nationality")]
    reasons = {(Path(e.file).name, e.line, e.column): e.reason for e in report.problems}
    assert "no such day" in reasons[("persons.csv", 3, "date_of_birth")]
    assert "not a country" in reasons[("persons.csv", 4, "nationality")]
    assert "duplicate id" in reasons[("persons.csv", 5, "person_id")]
    assert reasons[("persons.csv", 6, "person_id")] == "person_id is required"
    assert "invalid IBAN" in reasons[("accounts.csv", 2, "account_number")]
    assert "unknown id: no persons.csv" in reasons[("accounts.csv", 3, "holder_id")]
    assert "not an amount" in reasons[("transactions.csv", 2, "amount")]
    assert "invalid IBAN" in reasons[("transactions.csv", 4, "to_account")]
    kept = {(e.line, e.column): e.kept for e in report.warnings}
    assert kept[(4, "gender")] == "the row, without gender"
    by_file = {Path(f.path).name: (f.rows_read, f.rows_loaded, f.rows_rejected, f.warnings)
               for f in report.files}
    assert by_file == {"cases.csv": (1, 1, 0, 0), "persons.csv": (5, 3, 2, 3),
                       "case_roles.csv": (1, 1, 0, 0), "accounts.csv": (3, 1, 2, 0),
                       "transactions.csv": (3, 1, 2, 0)}
    people = graph.read("MATCH (p:Person) RETURN p.record_id AS id, p.date_of_birth AS dob, "
                        "p.gender AS g, p.nationality AS nat ORDER BY id")
    assert people == [
        {"id": "P-1", "dob": dt.date(1985, 5, 1), "g": "male", "nat": "GT"},
        {"id": "P-2", "dob": None, "g": "female", "nat": "GT"},     # the bad date dropped
        {"id": "P-3", "dob": dt.date(2012, 7, 1), "g": None, "nat": None},
    ]
    assert graph.read("MATCH (:Person)-[:HOLDS]->(a:Account)-[:SENT]->(t:Transaction) "
                      "RETURN a.number AS n, t.record_id AS t") == [{"n": "99", "t": "T-2"}]


def test_references_may_point_at_records_already_in_the_graph(graph: Graph,
                                                              tmp_path: Path) -> None:
    first = tmp_path / "first"
    first.mkdir()
    write_csv(first / "persons.csv", SAMPLE["persons"])
    write_csv(first / "cases.csv", SAMPLE["cases"])
    assert ingest_paths(graph, [first], GRADING).ok
    later = tmp_path / "later"
    later.mkdir()
    write_csv(later / "case_roles.csv", [
        {"case_id": "C-1", "party_id": "P-2", "role": "victim"},
        {"case_id": "C-1", "party_id": "P-9", "role": "witness"},
    ])
    report = ingest_paths(graph, [later], GRADING)
    assert _errors(report) == [("case_roles.csv", 3, "party_id")]
    # the same ids from another source are not the same records
    other = ingest_paths(graph, [later / "case_roles.csv"], Grading("mx-fgr"))
    assert sorted(_errors(other)) == [("case_roles.csv", 2, "case_id"),
                                      ("case_roles.csv", 2, "party_id"),
                                      ("case_roles.csv", 3, "case_id"),
                                      ("case_roles.csv", 3, "party_id")]
    assert graph.read("MATCH ()-[r:INVOLVED_IN]->() RETURN count(r) AS n") == [{"n": 1}]


def test_a_windows_1252_file_loads_and_says_how_it_was_read(graph: Graph,
                                                            tmp_path: Path) -> None:
    lines = [";".join(header("persons"))] + [f"P-{i};Persona {i}" + ";" * 10
                                             for i in range(1, 6)]
    lines.append("P-6;José Müller Ñuñoa" + ";" * 10)
    (tmp_path / "persons.csv").write_bytes(("\n".join(lines) + "\n").encode("cp1252"))
    report = ingest_paths(graph, [tmp_path], GRADING)
    assert report.ok and not report.warnings
    assert [f.read_as for f in report.files] == ["cp1252, semicolon"]
    assert graph.read("MATCH (p:Person {record_id: 'P-6'}) RETURN p.full_name AS n") == [
        {"n": "José Müller Ñuñoa"}]


def test_a_persons_file_without_optional_columns_loads(graph: Graph, tmp_path: Path) -> None:
    write_csv(tmp_path / "persons.csv", SAMPLE["persons"], ["person_id", "full_name", "phones"])
    report = ingest_paths(graph, [tmp_path], GRADING)
    assert report.ok and not report.warnings, report.problems
    assert report.rows_loaded == 3
    assert graph.read("MATCH (p:Person {record_id: 'P-1'})-[:USES]->(ph:Phone) "
                      "RETURN p.full_name AS n, p.gender AS g, ph.e164 AS ph") == [
        {"n": "José Pérez", "g": None, "ph": "+50255551234"}]


def test_a_missing_required_column_refuses_the_file_naming_it(graph: Graph,
                                                              tmp_path: Path) -> None:
    write_csv(tmp_path / "cases.csv", SAMPLE["cases"])
    columns = [c for c in header("persons") if c != "full_name"] + ["notes"]
    write_csv(tmp_path / "persons.csv", SAMPLE["persons"], columns)
    report = ingest_paths(graph, [tmp_path], GRADING)
    assert len(report.errors) == 1
    error = report.errors[0]
    assert (Path(error.file).name, error.line) == ("persons.csv", 1)
    assert "missing required columns full_name" in error.reason
    assert "persons needs the columns person_id, full_name" in error.reason
    refused = next(f for f in report.files if f.template == "persons")
    assert refused.refused and refused.rows_loaded == 0
    assert graph_stats(graph)["nodes"] == {"Authority": 1, "Case": 1, "Source": 1}
    # with the required column back, the unknown one is a warning and the file loads
    write_csv(tmp_path / "persons.csv", SAMPLE["persons"], header("persons") + ["notes"])
    report = ingest_paths(graph, [tmp_path], GRADING)
    assert report.ok and _warnings(report) == [("persons.csv", 1, "notes")]
    assert graph_stats(graph)["nodes"]["Person"] == 3


def test_strict_writes_nothing_when_any_row_is_rejected(graph: Graph, tmp_path: Path) -> None:
    folder = write_sample(tmp_path / "in")
    write_csv(folder / "advertisements.csv",
              [dict(SAMPLE["advertisements"][0], ad_id="")])
    report = ingest_paths(graph, [folder], GRADING, strict=True)
    assert _errors(report) == [("advertisements.csv", 2, "ad_id")]
    assert report.rows_loaded == 0
    assert graph_stats(graph) == {"nodes": {}, "relationships": {}}
    # a warning (a bad optional value) does not stop a strict load
    write_csv(folder / "advertisements.csv",
              [dict(SAMPLE["advertisements"][0], posted_on="yesterday")])
    report = ingest_paths(graph, [folder], GRADING, strict=True)
    assert report.ok and _warnings(report) == [("advertisements.csv", 2, "posted_on")]
    assert report.rows_loaded == 16
    assert graph_stats(graph)["nodes"]["Person"] == 3
