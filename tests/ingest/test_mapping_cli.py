"""Mappings as a user reaches them: ``crosslink mapping suggest | check | list``,
``crosslink ingest FILE --mapping MAP.yaml [--keep-mapping]`` and ``crosslink ingest DIR`` of a
folder that describes itself in ``source.yaml``."""

from __future__ import annotations

import json
from pathlib import Path

from graph.connection import Graph
from graph.maintenance import reset_graph
from ingest.mapping.model import parse_mapping
from ingest.mapping.suggest import suggest
from ingest.pipeline import ingest_paths

from ..helpers import run_cli
from .own_layout import COLOCACIONES_MAPPING, PERSONAS, PERSONAS_MAPPING, write_own_layout
from .samples import SAMPLE, write_sample
from .test_mappings import GRADING, _native_twin, snapshot

SOURCE = ["--source", "gt-pnc", "--source-name", "PNC", "--source-kind", "police",
          "--source-country", "GT", "--reliability", "B", "--credibility", "2"]
SOURCE_YAML = """\
id: gt-pnc
name: PNC
kind: police
country: GT
reliability: B
credibility: 2
tlp: AMBER
"""


def _columns(text: str) -> dict[str, object]:
    """Each template column and what it reads, value maps included."""
    rule = parse_mapping(text).templates[0]
    return {name: (c.column, c.join, c.split, c.values) for name, c in rule.columns.items()}


def test_suggest_maps_the_spanish_headers_and_values(tmp_path: Path) -> None:
    files, _ = write_own_layout(tmp_path)
    persons = suggest(files[0])
    assert persons.mapping.templates[0].template == "persons"
    assert (persons.mapping.encoding, persons.mapping.delimiter) == ("cp1252", ";")
    assert persons.mapping.dates.order == "day_first"
    assert persons.missing == [] and persons.unmapped == []
    got, wanted = _columns(persons.text()), _columns(PERSONAS_MAPPING)
    assert set(got) == set(wanted)
    for name in ("gender", "nationality", "address_country"):  # F/M, Guatemala: known forms
        assert got.pop(name) == (*wanted.pop(name)[:3], {})  # type: ignore[misc]
    assert got == wanted
    assert persons.mapping.files == ["personas_*.csv"]

    placements = suggest(files[1])
    assert placements.mapping.templates[0].template == "placements"
    assert placements.mapping.decimal_comma
    wanted = _columns(COLOCACIONES_MAPPING)
    got = _columns(placements.text())
    assert set(got) == set(wanted)
    for flag in ("deceptive", "documents_retained"):
        assert got[flag][3] == {}  # Sí and No are known forms of yes and no
        assert got[flag][0] == wanted[flag][0]


def test_suggest_then_check_then_ingest_from_the_command_line(
        graph: Graph, tmp_path: Path, crosslink_env: dict[str, str]) -> None:
    files, _ = write_own_layout(tmp_path / "own")
    mapping = tmp_path / "personas.yaml"
    result = run_cli(["mapping", "suggest", str(files[0]), "--out", str(mapping)], crosslink_env)
    assert result.returncode == 0, result.stderr
    assert "personas_2024-03.csv -> persons: 11 of 12 columns mapped" in " ".join(
        result.stderr.split())
    checked = run_cli(["mapping", "check", str(mapping), str(files[0]), "--format", "json"],
                      crosslink_env)
    assert checked.returncode == 0, checked.stderr
    rows = json.loads(checked.stdout)
    # F/M are known forms of the genders (graph/model.yaml): no value map is needed, the
    # preview shows the values as they will be written, without a problem
    assert [(r["line"], r["full_name"], r["gender"], r["date_of_birth"]) for r in rows] == [
        (2, "José Pérez", "male", "1985-05-01"), (3, "María López", "female", "1999-02-03"),
        (4, "Ana Ruiz", "female", "2012-07-01")]
    assert rows[1]["nationality"] == "GT"  # Guatemala, by name
    assert all(r["problems"] == "" for r in rows)

    result = run_cli(["ingest", str(files[0]), "--mapping", str(tmp_path / "own" /
                                                                "personas.mapping.yaml"),
                      *SOURCE], crosslink_env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "every row loaded" in result.stdout
    assert graph.read("MATCH (p:Person) RETURN p.full_name AS n, p.gender AS g ORDER BY n") == [
        {"n": "Ana Ruiz", "g": "female"}, {"n": "José Pérez", "g": "male"},
        {"n": "María López", "g": "female"}]


def test_a_bad_mapping_is_refused_naming_file_and_key(tmp_path: Path,
                                                     crosslink_env: dict[str, str]) -> None:
    files, maps = write_own_layout(tmp_path)
    maps[0].write_text(PERSONAS_MAPPING.replace("      gender:", "      gendr:"),
                       encoding="utf-8")
    for args in (["mapping", "check", str(maps[0])],
                 ["ingest", str(files[0]), "--mapping", str(maps[0]), *SOURCE]):
        result = run_cli(args, crosslink_env)
        assert result.returncode == 2
        message = " ".join(result.stderr.split())
        assert "personas.mapping.yaml: templates[0].columns.gendr" in message, message
        assert "did you mean gender?" in message


def test_cli_ingest_with_mappings_gives_the_native_twins_graph(
        graph: Graph, tmp_path: Path, crosslink_env: dict[str, str]) -> None:
    report = ingest_paths(graph, [write_sample(tmp_path / "native", _native_twin())], GRADING)
    assert report.ok, report.errors
    expected = snapshot(graph)

    reset_graph(graph)
    own = write_sample(tmp_path / "own", {k: v for k, v in SAMPLE.items()
                                          if k not in ("persons", "placements")})
    files, maps = write_own_layout(tmp_path / "layout")
    result = run_cli(["ingest", str(own), *map(str, files), "--mapping", str(maps[0]),
                      "--mapping", str(maps[1]), *SOURCE], crosslink_env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert snapshot(graph) == expected


def test_a_folder_with_source_yaml_needs_no_source_option(
        graph: Graph, tmp_path: Path, crosslink_env: dict[str, str]) -> None:
    report = ingest_paths(graph, [write_sample(tmp_path / "native", _native_twin())], GRADING)
    assert report.ok, report.errors
    expected = snapshot(graph)

    reset_graph(graph)
    folder = write_sample(tmp_path / "pnc", {k: v for k, v in SAMPLE.items()
                                             if k not in ("persons", "placements")})
    write_own_layout(folder)
    (folder / "source.yaml").write_text(SOURCE_YAML, encoding="utf-8")
    result = run_cli(["ingest", str(folder)], crosslink_env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert snapshot(graph) == expected

    # a command-line option wins over source.yaml
    result = run_cli(["ingest", str(folder), "--tlp", "red"], crosslink_env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert graph.read("MATCH (s:Source) RETURN s.id AS id, s.name AS name") == [
        {"id": "gt-pnc", "name": "PNC"}]
    assert {r["tlp"] for r in graph.read("MATCH (p:Person) RETURN p.tlp AS tlp")} == {"RED"}


def test_without_source_or_source_yaml_the_ingest_asks_for_the_source(
        tmp_path: Path, crosslink_env: dict[str, str]) -> None:
    folder = write_sample(tmp_path / "in")
    result = run_cli(["ingest", str(folder)], crosslink_env)
    assert result.returncode == 2
    assert "--source: name the source" in " ".join(result.stderr.split())


def test_a_kept_mapping_reads_the_sources_next_file(
        graph: Graph, tmp_path: Path, crosslink_env: dict[str, str]) -> None:
    files, maps = write_own_layout(tmp_path / "march")
    result = run_cli(["ingest", str(files[0]), "--mapping", str(maps[0]), "--keep-mapping",
                      *SOURCE], crosslink_env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "mapping personas.mapping.yaml kept for gt-pnc" in " ".join(result.stderr.split())

    listed = run_cli(["mapping", "list", "--format", "json"], crosslink_env)
    assert listed.returncode == 0, listed.stderr
    [kept] = json.loads(listed.stdout)
    assert (kept["source"], kept["files"], kept["templates"], kept["problem"]) == (
        "gt-pnc", "personas*.csv", "persons", "")

    april = tmp_path / "april" / "personas_2024-04.csv"
    april.parent.mkdir()
    april.write_bytes(PERSONAS.replace("P-3;Ana;Ruiz", "P-4;Rosa;Díaz").encode("cp1252"))
    result = run_cli(["ingest", str(april), *SOURCE], crosslink_env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "through personas" in " ".join(result.stderr.split())
    assert graph.read("MATCH (p:Person {gender: 'female'}) RETURN p.full_name AS n "
                      "ORDER BY n") == [{"n": "Ana Ruiz"}, {"n": "María López"},
                                        {"n": "Rosa Díaz"}]

    # another source does not get gt-pnc's mappings
    result = run_cli(["ingest", str(april), "--source", "mx-stps"], crosslink_env)
    assert result.returncode == 2
    assert "does not name a template" in " ".join(result.stderr.split())
