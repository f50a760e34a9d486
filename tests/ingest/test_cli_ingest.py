"""``crosslink ingest`` as a user runs it: exit codes 0/1/2, the closing table, --errors CSV."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

from graph.connection import Graph
from graph.maintenance import graph_stats
from ingest.templates import TEMPLATES

from ..helpers import run_cli
from .samples import SAMPLE, write_csv, write_sample

SOURCE = ["--source", "gt-pnc", "--source-country", "GT", "--reliability", "B",
          "--credibility", "2", "--tlp", "amber"]


def test_every_row_loaded_exits_0_with_a_closing_table(graph: Graph, tmp_path: Path,
                                                       crosslink_env: dict[str, str]) -> None:
    folder = write_sample(tmp_path / "in")
    result = run_cli(["ingest", str(folder), *SOURCE, "--source-name", "PNC"], crosslink_env)
    assert result.returncode == 0, result.stderr
    assert "persons.csv" in result.stdout and "every row loaded" in result.stdout
    assert "rows read" in result.stdout
    # the headers of the counts read "nodes / created" and "relationships / created"
    assert re.search(r"relationships\s*┃\n.*created", result.stdout), result.stdout
    assert graph_stats(graph)["nodes"]["Person"] == 3
    assert graph.read("MATCH (s:Source) RETURN s.name AS n, s.country AS c") == [
        {"n": "PNC", "c": "GT"}]


def test_rejected_rows_exit_1_and_go_to_the_errors_csv_with_the_warnings(
        graph: Graph, tmp_path: Path, crosslink_env: dict[str, str]) -> None:
    write_csv(tmp_path / "persons.csv", [
        SAMPLE["persons"][0],
        dict(SAMPLE["persons"][1], date_of_birth="1999-02-30", emails="nope"),
        {"person_id": "P-4", "full_name": ""},
    ])
    report = tmp_path / "errors.csv"
    result = run_cli(["ingest", str(tmp_path / "persons.csv"), *SOURCE, "--errors", str(report)],
                     crosslink_env)
    assert result.returncode == 1, result.stderr
    assert "1 error, 2 warnings" in result.stdout
    assert "utf-8, comma" in result.stdout  # how the file was read
    with open(report, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["severity"], Path(r["file"]).name, r["line"], r["column"], r["value"])
            for r in rows] == [
        ("warning", "persons.csv", "3", "date_of_birth", "1999-02-30"),
        ("warning", "persons.csv", "3", "emails", "nope"),
        ("error", "persons.csv", "4", "full_name", ""),
    ]
    assert all(r["reason"] for r in rows)
    assert [r["kept"] for r in rows] == ["the row, without date_of_birth",
                                        "the row, without emails", ""]
    assert graph_stats(graph)["nodes"]["Person"] == 2


def test_warnings_only_exit_0_and_the_encoding_can_be_given(
        graph: Graph, tmp_path: Path, crosslink_env: dict[str, str]) -> None:
    path = write_csv(tmp_path / "persons.csv",
                     [dict(SAMPLE["persons"][0], gender="?"), SAMPLE["persons"][1]],
                     encoding="cp1252", delimiter="\t")
    result = run_cli(["ingest", str(path), *SOURCE, "--encoding", "iso-8859-1",
                      "--delimiter", "tab", "--format", "json"], crosslink_env)
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert report["ok"] is True and report["rows_loaded"] == 2 and report["errors"] == []
    assert [(w["severity"], w["column"], w["value"]) for w in report["warnings"]] == [
        ("warning", "gender", "?")]
    assert report["files"][0]["read_as"] == "iso8859-1, tab"
    assert graph.read("MATCH (p:Person {record_id: 'P-1'}) RETURN p.full_name AS n, "
                      "p.gender AS g") == [{"n": "José Pérez", "g": None}]
    table = run_cli(["ingest", str(path), *SOURCE], crosslink_env)
    assert table.returncode == 0
    assert "every row loaded; some values were dropped" in table.stdout
    assert "cp1252, tab" in table.stdout


def test_strict_and_json_output(graph: Graph, tmp_path: Path,
                                crosslink_env: dict[str, str]) -> None:
    write_csv(tmp_path / "cases.csv", [SAMPLE["cases"][0],
                                       dict(SAMPLE["cases"][0], case_id="C-2", status="?"),
                                       dict(SAMPLE["cases"][0], case_id="C-3",
                                            jurisdiction="XX")])
    result = run_cli(["ingest", str(tmp_path), *SOURCE, "--strict", "--format", "json"],
                     crosslink_env)
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["ok"] is False and report["rows_loaded"] == 0
    assert [(e["line"], e["column"]) for e in report["errors"]] == [(4, "jurisdiction")]
    assert [(w["line"], w["column"]) for w in report["warnings"]] == [(3, "status")]
    assert graph_stats(graph)["nodes"] == {}


def test_usage_and_io_errors_exit_2(tmp_path: Path, crosslink_env: dict[str, str]) -> None:
    folder = write_sample(tmp_path / "in")
    (tmp_path / "people.csv").write_text("person_id\n", encoding="utf-8")
    cases = [
        (["ingest", str(tmp_path / "missing"), *SOURCE], "no such file or folder"),
        (["ingest", str(tmp_path / "people.csv"), *SOURCE], "does not name a template"),
        (["ingest", str(folder), "--source", "gt-pnc", "--reliability", "Z"], "--reliability"),
        (["ingest", str(folder), "--source", "gt pnc"], "--source"),
        (["ingest", str(folder), *SOURCE, "--errors", str(tmp_path / "no" / "e.csv")],
         "does not exist"),
        (["ingest", str(folder), *SOURCE, "--batch-size", "0"], "batch-size"),
        (["ingest", str(folder), *SOURCE, "--encoding", "klingon"], "unknown encoding"),
        (["ingest", str(folder), *SOURCE, "--delimiter", "::"], "--delimiter"),
        (["ingest", str(folder)], "--source"),
    ]
    for args, message in cases:
        result = run_cli(args, crosslink_env)
        assert result.returncode == 2, (args, result.stdout, result.stderr)
        assert message in result.stderr + result.stdout, (args, result.stderr)
        assert "Traceback" not in result.stderr


def test_blank_templates_to_fill_in(graph: Graph, tmp_path: Path,
                                    crosslink_env: dict[str, str]) -> None:
    listed = run_cli(["templates", "--format", "json"], crosslink_env)
    assert listed.returncode == 0, listed.stderr
    assert [t["name"] for t in json.loads(listed.stdout)] == list(TEMPLATES.templates)
    folder = tmp_path / "blank"
    written = run_cli(["templates", "--out", str(folder)], crosslink_env)
    assert written.returncode == 0, written.stderr
    assert f"{len(TEMPLATES.templates)} blank files written" in written.stderr
    persons = (folder / "persons.csv").read_bytes().decode("utf-8")
    assert persons == "\ufeff" + ",".join(TEMPLATES.templates["persons"].column_names) + "\r\n"
    # filled in under their header, the files load as they are
    with open(folder / "cases.csv", "a", encoding="utf-8", newline="") as handle:
        handle.write("C-1,GT,,Blank template test,open,2024-05-01,forced_labour,,,\r\n")
    loaded = run_cli(["ingest", str(folder), *SOURCE], crosslink_env)
    assert loaded.returncode == 0, loaded.stdout + loaded.stderr
    assert graph.read("MATCH (c:Case {uid: 'gt-pnc:C-1'}) RETURN c.title AS t") == [
        {"t": "Blank template test"}]
