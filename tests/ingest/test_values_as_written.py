"""Native-template files whose values are written the way police, labour inspectors and NGOs
write them (F/M, Sí, country names and alpha-3 codes, ``Mar 25, 2015``, Thai Buddhist-era
dates, Excel serials, ``USD 1,200``, decimal commas) load with no mapping, into the values a
user reads in the graph; a mapping's date order and decimal commas go through the same rules."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from graph.connection import Graph
from graph.maintenance import reset_graph
from ingest.grading import Grading
from ingest.mapping.plan import plan_ingest
from ingest.pipeline import ingest_paths
from ingest.report import IngestReport

from .samples import write_csv

GRADING = Grading("th-dsdw", source_name="NGO hotline", source_kind="ngo", source_country="TH")

AS_WRITTEN: dict[str, list[dict[str, str]]] = {
    "cases": [
        {"case_id": "C-1", "jurisdiction": "Tailandia", "title": "Barco Sirichai",
         "status": "Abierto", "opened_on": "20240325", "exploitation_type": "Trabajo forzoso",
         "sector": "Pesca",
         "indicators": "Engaño; Servidumbre por deudas; MethodsOfControlWithholdsDocuments"},
        {"case_id": "C-2", "jurisdiction": "GTM", "status": "ClosedReferred",
         "opened_on": "25 de marzo de 2024", "exploitation_type": "isSexualExploit",
         "sector": "Hotels and bars", "indicators": "Physical abuse"},
    ],
    "persons": [
        {"person_id": "P-1", "full_name": "Somchai Dee", "gender": "M", "nationality": "ไทย",
         "date_of_birth": "25 มี.ค. 2533"},
        {"person_id": "P-2", "full_name": "María López", "gender": "Femenino",
         "nationality": "Guatemala", "date_of_birth": "Mar 25, 1985"},
        {"person_id": "P-3", "full_name": "Nu Nu", "gender": "หญิง", "nationality": "Burma",
         "date_of_birth": "02/04/1990", "passport_number": "MA 123456"},
        {"person_id": "P-4", "full_name": "Ana Ruiz", "gender": "W", "nationality": "MEX",
         "date_of_birth": "25/03/2567"},
        {"person_id": "P-5", "full_name": "Kim", "gender": "mujer", "nationality": "USA",
         "date_of_birth": "1990-03-25T10:00"},
    ],
    "case_roles": [
        {"case_id": "C-1", "party_id": "P-1", "role": "Reclutador"},
        {"case_id": "C-1", "party_id": "P-3", "role": "Víctima"},
        {"case_id": "C-2", "party_id": "P-2", "role": "ผู้เสียหาย"},
    ],
    "recruitment_agencies": [
        {"agency_id": "A-1", "name": "Golden Sea Manpower", "license_country": "Thaïlande",
         "license_status": "เพิกถอน"},
    ],
    "placements": [
        {"person_id": "P-3", "agency_id": "A-1", "recruited_on": "45376",
         "recruited_in": "Myanmar", "fee": "$1,200", "promised_wage": "USD 9,000",
         "deceptive": "Sí", "documents_retained": "X"},
    ],
    "accounts": [
        {"account_number": "SG-001", "bank": "DBS", "country": "SGP", "holder_id": "A-1"},
        {"account_number": "US-002", "bank": "Chase", "country": "United States",
         "holder_id": "P-1"},
    ],
    "transactions": [
        {"tx_id": "T-1", "from_account": "US-002", "to_account": "SG-001",
         "amount": "5.689852347E7", "currency": "USD", "date": "Mar 25, 2015",
         "channel": "Wire transfer"},
        {"tx_id": "T-2", "from_account": "US-002", "to_account": "SG-001",
         "amount": "€ 950", "date": "25 March 2015", "channel": "Efectivo"},
        {"tx_id": "T-3", "from_account": "SG-001", "to_account": "US-002",
         "amount": "1.234,56", "currency": "EUR", "date": "2015-03-25", "channel": "remesa"},
    ],
}


@pytest.fixture(scope="module")
def loaded(session_graph: Graph, tmp_path_factory: pytest.TempPathFactory
           ) -> Iterator[tuple[Graph, IngestReport]]:
    reset_graph(session_graph)
    folder = tmp_path_factory.mktemp("as-written")
    for template, rows in AS_WRITTEN.items():
        write_csv(folder / f"{template}.csv", rows)
    yield session_graph, ingest_paths(session_graph, [folder], GRADING)


def one(graph: Graph, cypher: str, **params: Any) -> dict[str, Any]:
    rows = graph.read(cypher, params)
    assert len(rows) == 1, rows
    return rows[0]


def _date(value: Any) -> dt.date:
    return dt.date(value.year, value.month, value.day)


def test_every_row_written_as_people_write_it_loads(loaded: tuple[Graph, IngestReport]
                                                    ) -> None:
    _, report = loaded
    assert report.ok, [(e.file, e.line, e.column, e.value, e.reason) for e in report.errors]
    assert {Path(f.path).stem: f.rows_loaded for f in report.files} == {
        t: len(rows) for t, rows in AS_WRITTEN.items()}


def test_persons_genders_nationalities_and_dates(loaded: tuple[Graph, IngestReport]) -> None:
    graph, _ = loaded
    people = {r["id"]: (r["gender"], r["nationality"], _date(r["born"])) for r in graph.read(
        "MATCH (p:Person) RETURN p.record_id AS id, p.gender AS gender, "
        "p.nationality AS nationality, p.date_of_birth AS born")}
    assert people == {
        "P-1": ("male", "TH", dt.date(1990, 3, 25)),     # Buddhist era 2533
        "P-2": ("female", "GT", dt.date(1985, 3, 25)),
        "P-3": ("female", "MM", dt.date(1990, 4, 2)),    # 02/04: day first by default
        "P-4": ("female", "MX", dt.date(2024, 3, 25)),   # 25/03/2567
        "P-5": ("female", "US", dt.date(1990, 3, 25)),
    }
    roles = {(r["id"], r["role"]) for r in graph.read(
        "MATCH (p:Person)-[r:INVOLVED_IN]->(:Case) RETURN p.record_id AS id, r.role AS role")}
    assert roles == {("P-1", "recruiter"), ("P-3", "victim"), ("P-2", "victim")}


def test_cases_statuses_sectors_types_and_indicators(loaded: tuple[Graph, IngestReport]
                                                     ) -> None:
    graph, _ = loaded
    first = one(graph, "MATCH (c:Case {record_id: 'C-1'}) RETURN c")["c"]
    assert (first["jurisdiction"], first["status"], first["exploitation_type"],
            first["sector"]) == ("TH", "open", "forced_labour", "fishing")
    assert _date(first["opened_on"]) == dt.date(2024, 3, 25)
    assert first["indicators"] == ["deception", "debt_bondage", "retention_of_documents"]
    second = one(graph, "MATCH (c:Case {record_id: 'C-2'}) RETURN c")["c"]
    assert (second["jurisdiction"], second["status"], second["exploitation_type"],
            second["indicators"]) == ("GT", "referred", "sexual_exploitation", ["violence"])
    assert second["sector"] == "Hotels and bars"  # not a known form: kept as written
    assert _date(second["opened_on"]) == dt.date(2024, 3, 25)


def test_placement_flags_excel_date_and_amounts_with_their_currency(
        loaded: tuple[Graph, IngestReport]) -> None:
    graph, _ = loaded
    found = one(graph, "MATCH (p:Person)-[r:RECRUITED_BY]->(a:RecruitmentAgency) "
                "RETURN properties(r) AS r, a.license_status AS licence, "
                "a.license_country AS country")
    recruited = found["r"]
    assert _date(recruited["on"]) == dt.date(2024, 3, 25)  # Excel serial 45376
    assert (recruited["fee"], recruited["currency"], recruited["promised_wage"],
            recruited["deceptive"], recruited["country"]) == (1200.0, "USD", 9000.0, True, "MM")
    assert (found["licence"], found["country"]) == ("revoked", "TH")
    retained = graph.read("MATCH (:RecruitmentAgency)-[:RETAINS]->(d:Document) "
                          "RETURN d.number AS n, d.country AS c")
    assert retained == [{"n": "MA123456", "c": "MM"}]  # documents_retained: X
    accounts = {r["n"]: r["c"] for r in graph.read(
        "MATCH (a:Account) RETURN a.number AS n, a.country AS c")}
    assert accounts == {"SG001": "SG", "US002": "US"}


def test_transactions_dates_amounts_currencies_channels(loaded: tuple[Graph, IngestReport]
                                                        ) -> None:
    graph, _ = loaded
    rows = {r["id"]: (r["amount"], r["currency"], _date(r["date"]), r["channel"])
            for r in graph.read("MATCH (t:Transaction) RETURN t.record_id AS id, "
                                "t.amount AS amount, t.currency AS currency, t.date AS date, "
                                "t.channel AS channel")}
    assert rows == {
        "T-1": (56898523.47, "USD", dt.date(2015, 3, 25), "bank_transfer"),
        "T-2": (950.0, "EUR", dt.date(2015, 3, 25), "cash"),   # the € sign gave the currency
        "T-3": (1234.56, "EUR", dt.date(2015, 3, 25), "remittance"),
    }


def test_an_amount_in_another_currency_than_its_column_is_reported(graph: Graph,
                                                                   tmp_path: Path) -> None:
    write_csv(tmp_path / "transactions.csv", [
        {"tx_id": "T-9", "amount": "USD 100", "currency": "THB", "date": "2015-03-25"}])
    report = ingest_paths(graph, [tmp_path], GRADING)
    assert [(e.line, e.column, e.value, e.reason) for e in report.errors] == [
        (2, "amount", "USD 100", "the amount is written in USD but currency is THB")]


def test_a_mapping_gives_the_date_order_and_decimal_commas_to_the_same_rules(
        graph: Graph, tmp_path: Path) -> None:
    (tmp_path / "export.csv").write_text(
        "id;name;born;sexo\r\nP-1;Joe Doe;02/04/1990;Masculino\r\n"
        "P-2;Ann Roe;Mar 25, 1985;F\r\n", encoding="utf-8")
    (tmp_path / "pagos.csv").write_text(
        "ref;monto;fecha\r\nT-1;1.234;02/04/2015\r\nT-2;€ 1.500,5;13/04/2015\r\n",
        encoding="utf-8")
    (tmp_path / "us.mapping.yaml").write_text(
        "files: [export.csv]\ndates: {order: month_first}\ntemplates:\n"
        "  - template: persons\n"
        "    columns: {person_id: id, full_name: name, date_of_birth: born, gender: sexo}\n",
        encoding="utf-8")
    (tmp_path / "pagos.mapping.yaml").write_text(
        "files: [pagos.csv]\ndates: {order: month_first}\ndecimal_comma: true\ntemplates:\n"
        "  - template: transactions\n    columns: {tx_id: ref, amount: monto, date: fecha}\n",
        encoding="utf-8")
    plan = plan_ingest([tmp_path / "export.csv", tmp_path / "pagos.csv"],
                       [tmp_path / "us.mapping.yaml", tmp_path / "pagos.mapping.yaml"])
    report = ingest_paths(graph, [], GRADING, mapped=plan.mapped)
    assert report.ok, report.errors
    born = {r["id"]: (_date(r["born"]), r["gender"]) for r in graph.read(
        "MATCH (p:Person) RETURN p.record_id AS id, p.date_of_birth AS born, "
        "p.gender AS gender")}
    assert born == {"P-1": (dt.date(1990, 2, 4), "male"),
                    "P-2": (dt.date(1985, 3, 25), "female")}
    paid = {r["id"]: (r["amount"], r["currency"], _date(r["date"])) for r in graph.read(
        "MATCH (t:Transaction) RETURN t.record_id AS id, t.amount AS amount, "
        "t.currency AS currency, t.date AS date")}
    assert paid == {"T-1": (1234.0, None, dt.date(2015, 2, 4)),
                    "T-2": (1500.5, "EUR", dt.date(2015, 4, 13))}
