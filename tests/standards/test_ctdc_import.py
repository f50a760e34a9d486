"""CTDC victim files of both layouts load as anonymous VictimRecord nodes: counted, never
resolved, never linked into networks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from graph.access import AccessScope
from graph.connection import Graph
from graph.resolution.run import run_resolution
from graph.statistics import StatsFilter, statistics
from ingest.grading import Grading
from ingest.pipeline import ingest_paths
from ingest.standards.ctdc import ctdc_files

from ..helpers import run_cli
from .samples import CTDC_K_COLUMNS, CTDC_S_COLUMNS, write_ctdc

GRADING = Grading("iom-ctdc", "CTDC", "international_org", None, "B", "2", "GREEN")

K_ROWS = [
    {"yearOfRegistration": "2019", "Datasource": "Case Management", "gender": "Female",
     "ageBroad": "18--20", "majorityStatus": "Adult", "citizenship": "PH",
     "meansOfControlDebtBondage": "1", "meansOfControlWithholdsDocuments": "1",
     "meansOfControlThreats": "0", "isForcedLabour": "1", "isSexualExploit": "0",
     "typeOfLabourDomesticWork": "1", "typeOfLabourAgriculture": "0",
     "CountryOfExploitation": "SA", "recruiterRelationFriend": "1", "isAbduction": "0"},
    {"yearOfRegistration": "2020", "Datasource": "Hotline", "gender": "Male",
     "ageBroad": "09--17", "majorityStatus": "Minor", "citizenship": "KH",
     "isSexualExploit": "1", "typeOfSexProstitution": "1", "CountryOfExploitation": "TH"},
    {"yearOfRegistration": "2021", "gender": "Female"},  # everything else not known (-99)
]
S_ROWS = [
    {"yearOfRegistration": "2022", "gender": "Woman", "ageBroad": "30--38",
     "citizenship": "GTM", "CountryOfExploitation": "MEX", "traffickMonths": "0--12 (0-1 yr)",
     "meansDebtBondageEarnings": "1", "meansThreats": "1", "isForcedLabour": "1",
     "typeOfLabourAgriculture": "1"},
    {"yearOfRegistration": "2023", "gender": "Man", "ageBroad": "48+", "citizenship": "HND",
     "CountryOfExploitation": "USA", "traffickMonths": "25+ (2+ yrs)",
     "meansWithholdDocs": "1", "isForcedLabour": "1", "typeOfLabourConstruction": "1"},
]


def _records(graph: Graph) -> dict[str, dict[str, object]]:
    return {r["v"]["record_id"]: r["v"] for r in graph.read(
        "MATCH (v:VictimRecord) RETURN properties(v) AS v")}


def test_k_anonymised_layout_with_commas_and_iso2(graph: Graph, tmp_path: Path) -> None:
    path = write_ctdc(tmp_path / "ctdc-global.csv", CTDC_K_COLUMNS, K_ROWS)
    report = ingest_paths(graph, [], GRADING, mapped=ctdc_files(path))
    assert report.ok, report.errors
    records = _records(graph)
    assert set(records) == {"ctdc-global-2", "ctdc-global-3", "ctdc-global-4"}
    first = records["ctdc-global-2"]
    assert (first["layout"], first["year_of_registration"], first["gender"], first["age_band"],
            first["minor"], first["citizenship"], first["country_of_exploitation"]) == (
        "k-anonymised", 2019, "female", "18--20", False, "PH", "SA")
    assert set(first["indicators"]) == {"debt_bondage", "retention_of_documents"}  # type: ignore[arg-type]
    assert first["exploitation_types"] == ["forced_labour"]
    assert first["sectors"] == ["domestic_work"]
    assert first["recruiter_relations"] == ["friend"]
    assert first["tlp"] == "GREEN" and first["source"] == "iom-ctdc"
    second = records["ctdc-global-3"]
    assert second["minor"] is True and second["sex_exploitation"] == ["prostitution"]
    unknown = records["ctdc-global-4"]
    assert "citizenship" not in unknown and "age_band" not in unknown  # -99: not known
    # loading the same file again changes nothing
    again = ingest_paths(graph, [], GRADING, mapped=ctdc_files(path))
    assert again.ok and sum(f.nodes_created for f in again.files) == 0


def test_synthetic_layout_with_semicolons_and_iso3(graph: Graph, tmp_path: Path) -> None:
    path = write_ctdc(tmp_path / "synthetic.csv", CTDC_S_COLUMNS, S_ROWS, delimiter=";")
    report = ingest_paths(graph, [], GRADING, mapped=ctdc_files(path))
    assert report.ok, report.errors
    records = _records(graph)
    first = records["synthetic-2"]
    assert (first["layout"], first["gender"], first["citizenship"],
            first["country_of_exploitation"], first["trafficking_months"]) == (
        "synthetic", "female", "GT", "MX", "0--12")
    assert set(first["indicators"]) == {"debt_bondage", "withholding_wages",  # type: ignore[arg-type]
                                        "intimidation_threats"}
    assert records["synthetic-3"]["sectors"] == ["construction"]
    assert records["synthetic-3"]["citizenship"] == "HN"


def test_victim_records_never_enter_resolution_or_networks(graph: Graph, tmp_path: Path) -> None:
    rows = [K_ROWS[0], K_ROWS[0], K_ROWS[0]]  # three identical victims
    ingest_paths(graph, [], GRADING,
                 mapped=ctdc_files(write_ctdc(tmp_path / "a.csv", CTDC_K_COLUMNS, rows)))
    other = Grading("ngo-x", None, None, None, "C", "3", "GREEN")
    ingest_paths(graph, [], other,
                 mapped=ctdc_files(write_ctdc(tmp_path / "b.csv", CTDC_K_COLUMNS, rows)))
    assert graph.read("MATCH (v:VictimRecord) RETURN count(v) AS n")[0]["n"] == 6
    run_resolution(graph)
    assert graph.read("MATCH ()-[r:SAME_AS]-() RETURN count(r) AS n")[0]["n"] == 0
    assert graph.read("MATCH (:VictimRecord)-[r]-() RETURN count(r) AS n")[0]["n"] == 0


def test_cli_loads_and_says_the_rows_stay_out_of_resolution(
        graph: Graph, crosslink_env: dict[str, str], tmp_path: Path) -> None:
    path = write_ctdc(tmp_path / "ctdc.csv", CTDC_K_COLUMNS, K_ROWS, delimiter=";")
    result = run_cli(["import", "ctdc", str(path), "--source", "iom-ctdc"], crosslink_env)
    assert result.returncode == 0, result.stderr
    assert "never enter entity resolution or networks" in " ".join(result.stdout.split())
    assert graph.read("MATCH (v:VictimRecord) RETURN count(v) AS n")[0]["n"] == 3
    bad = tmp_path / "not-ctdc.csv"
    bad.write_text("name;age\nAna;20\n", encoding="utf-8")
    result = run_cli(["import", "ctdc", str(bad), "--source", "iom-ctdc"], crosslink_env)
    assert result.returncode == 1
    assert "not a CTDC file" in " ".join(result.stdout.split())


def test_victim_records_are_counted_in_the_statistics(graph: Graph, tmp_path: Path) -> None:
    ingest_paths(graph, [], GRADING,
                 mapped=ctdc_files(write_ctdc(tmp_path / "ctdc.csv", CTDC_K_COLUMNS, K_ROWS)))
    everyone = AccessScope(see_all=True, authority="")
    figures = statistics(graph, everyone, StatsFilter())
    assert figures.victims.to_dict() == {"shown": 3, "left_out": 0}
    by = {name: {r["key"]: r["count"] for r in rows}
          for name, rows in figures.victims_by.items()}
    assert by["gender"] == {"female": 2, "male": 1}
    assert by["citizenship"] == {"PH": 1, "KH": 1, "unknown": 1}
    assert by["age_band"] == {"18-20": 1, "9-17": 1, "unknown": 1}  # CTDC's bands as ours
    assert by["exploitation_country"] == {"SA": 1, "TH": 1, "unknown": 1}
    # the filters apply: country of exploitation, year of registration, any of its sectors
    assert statistics(graph, everyone, StatsFilter(countries=("th",))).victims.shown == 1
    assert statistics(graph, everyone, StatsFilter(
        since=dt.date(2020, 1, 1), until=dt.date(2020, 12, 31))).victims.shown == 1
    assert statistics(graph, everyone, StatsFilter(sector="domestic_work")).victims.shown == 1
    # another authority without access to the source sees none of them
    outsider = AccessScope(see_all=False, authority="MX-STPS")
    assert statistics(graph, outsider, StatsFilter()).victims.to_dict() == {
        "shown": 0, "left_out": 3}
