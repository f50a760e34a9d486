"""Bad input is rejected cell by cell, with file, line, column and reason, while the good
rows load; --strict writes nothing at all."""

from __future__ import annotations

from pathlib import Path

from graph.connection import Graph
from graph.maintenance import graph_stats
from ingest.grading import Grading
from ingest.pipeline import ingest_paths

from .samples import SAMPLE, header, write_csv, write_sample

GRADING = Grading("gt-pnc", source_country="GT")


def _errors(report: object) -> list[tuple[str, int, str]]:
    return [(Path(e.file).name, e.line, e.column) for e in report.errors]  # type: ignore[attr-defined]


def test_bad_cells_are_rejected_and_good_rows_load(graph: Graph, tmp_path: Path) -> None:
    persons = [
        SAMPLE["persons"][0],
        dict(SAMPLE["persons"][1], date_of_birth="31/02/1999"),            # line 3
        dict(SAMPLE["persons"][2], nationality="Gondor", gender="Fx"),     # line 4
        dict(SAMPLE["persons"][0], full_name="Other"),                      # line 5: dup id
        {"person_id": "", "full_name": "No Id"},                            # line 6
    ]
    write_csv(tmp_path / "persons.csv", persons)
    write_csv(tmp_path / "case_roles.csv", [
        {"case_id": "C-1", "party_id": "P-1", "role": "recruiter"},       # C-1 not loaded
    ])
    write_csv(tmp_path / "cases.csv", [SAMPLE["cases"][0]])
    write_csv(tmp_path / "accounts.csv", [
        dict(SAMPLE["accounts"][0], account_number="GT82 TRAJ 0102 0000 0012 1002 9691"),
        dict(SAMPLE["accounts"][1], holder_id="P-2"),                     # P-2 was rejected
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
        ("persons.csv", 3, "date_of_birth"),
        ("persons.csv", 4, "nationality"),
        ("persons.csv", 4, "gender"),
        ("persons.csv", 5, "person_id"),
        ("persons.csv", 6, "person_id"),
        ("accounts.csv", 2, "account_number"),
        ("accounts.csv", 3, "holder_id"),
        ("transactions.csv", 2, "amount"),
        ("transactions.csv", 4, "to_account"),
    ])
    reasons = {(Path(e.file).name, e.line, e.column): e.reason for e in report.errors}
    assert "no such day" in reasons[("persons.csv", 3, "date_of_birth")]
    assert "not a country" in reasons[("persons.csv", 4, "nationality")]
    assert "duplicate id" in reasons[("persons.csv", 5, "person_id")]
    assert reasons[("persons.csv", 6, "person_id")] == "person_id is required"
    assert "invalid IBAN" in reasons[("accounts.csv", 2, "account_number")]
    assert "unknown id: no persons.csv" in reasons[("accounts.csv", 3, "holder_id")]
    assert "not an amount" in reasons[("transactions.csv", 2, "amount")]
    assert "invalid IBAN" in reasons[("transactions.csv", 4, "to_account")]
    by_file = {Path(f.path).name: (f.rows_read, f.rows_loaded, f.rows_rejected)
               for f in report.files}
    assert by_file == {"cases.csv": (1, 1, 0), "persons.csv": (5, 1, 4),
                       "case_roles.csv": (1, 1, 0), "accounts.csv": (3, 1, 2),
                       "transactions.csv": (3, 1, 2)}
    people = graph.read("MATCH (p:Person) RETURN p.full_name AS n")
    assert people == [{"n": "José Pérez"}]
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


def test_a_file_that_is_not_utf8_loads_nothing(graph: Graph, tmp_path: Path) -> None:
    write_csv(tmp_path / "cases.csv", SAMPLE["cases"])
    lines = [",".join(header("persons"))] + [f"P-{i},Persona {i}" + "," * 10
                                             for i in range(1, 6)]
    lines.append("P-6,José Müller" + "," * 10)
    (tmp_path / "persons.csv").write_bytes(("\n".join(lines) + "\n").encode("latin-1"))
    report = ingest_paths(graph, [tmp_path], GRADING)
    assert _errors(report) == [("persons.csv", 7, "")]
    assert "not UTF-8" in report.errors[0].reason
    assert graph_stats(graph)["nodes"].get("Person") is None
    assert graph_stats(graph)["nodes"]["Case"] == 1


def test_unknown_or_missing_columns_refuse_the_file(graph: Graph, tmp_path: Path) -> None:
    write_csv(tmp_path / "cases.csv", SAMPLE["cases"])
    columns = [c for c in header("persons") if c != "emails"] + ["notes"]
    write_csv(tmp_path / "persons.csv", SAMPLE["persons"], columns)
    report = ingest_paths(graph, [tmp_path], GRADING)
    assert len(report.errors) == 1
    error = report.errors[0]
    assert (Path(error.file).name, error.line) == ("persons.csv", 1)
    assert "unknown columns notes" in error.reason and "missing columns emails" in error.reason
    assert "person_id, full_name, aliases" in error.reason
    refused = next(f for f in report.files if f.template == "persons")
    assert refused.refused and refused.rows_loaded == 0
    assert graph_stats(graph)["nodes"] == {"Authority": 1, "Case": 1, "Source": 1}


def test_strict_writes_nothing_when_any_row_is_rejected(graph: Graph, tmp_path: Path) -> None:
    folder = write_sample(tmp_path / "in")
    write_csv(folder / "advertisements.csv",
              [dict(SAMPLE["advertisements"][0], posted_on="yesterday")])
    report = ingest_paths(graph, [folder], GRADING, strict=True)
    assert _errors(report) == [("advertisements.csv", 2, "posted_on")]
    assert report.rows_loaded == 0
    assert graph_stats(graph) == {"nodes": {}, "relationships": {}}
    write_csv(folder / "advertisements.csv", SAMPLE["advertisements"])
    report = ingest_paths(graph, [folder], GRADING, strict=True)
    assert report.ok and report.rows_loaded == 16
    assert graph_stats(graph)["nodes"]["Person"] == 3
