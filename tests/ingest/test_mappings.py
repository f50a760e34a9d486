"""Files in a source's own layout load through a mapping into the same graph as their
native-template twins; a bad mapping is refused naming its file and key."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from graph.connection import Graph
from graph.maintenance import reset_graph
from ingest.grading import Grading
from ingest.mapping.model import MappingError, parse_mapping
from ingest.mapping.plan import plan_ingest
from ingest.mapping.source_folder import read_source_folder
from ingest.pipeline import ingest_paths

from .own_layout import PERSONAS_MAPPING, write_own_layout
from .samples import SAMPLE, write_sample

GRADING = Grading("gt-pnc", "PNC", "police", "GT", "B", "2", "AMBER")
RUN_PROPERTIES = ("batch_id", "ingested_at")


def _native_twin() -> dict[str, list[dict[str, str]]]:
    persons = [dict(p) for p in SAMPLE["persons"]]
    persons[1]["phones"] = "+502 5555-9999;4444 5555"
    return {**SAMPLE, "persons": persons}


def _props(props: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((k, repr(v)) for k, v in props.items() if k not in RUN_PROPERTIES))


def snapshot(graph: Graph) -> tuple[list[Any], list[Any]]:
    """Every node (labels, properties) and relationship (type, ends, properties), without
    the run's batch id and time."""
    nodes = sorted((tuple(r["labels"]), _props(r["props"])) for r in graph.read(
        "MATCH (n) WHERE NOT n:_Meta RETURN labels(n) AS labels, properties(n) AS props"))
    rels = sorted((r["type"], _props(r["a"]), _props(r["b"]), _props(r["props"]))
                  for r in graph.read(
        "MATCH (a)-[r]->(b) RETURN type(r) AS type, properties(a) AS a, properties(b) AS b, "
        "properties(r) AS props"))
    return nodes, rels


def test_own_layout_loads_as_its_native_twin(graph: Graph, tmp_path: Path) -> None:
    native = write_sample(tmp_path / "native", _native_twin())
    report = ingest_paths(graph, [native], GRADING)
    assert report.ok, report.errors
    expected = snapshot(graph)
    assert len(expected[0]) > 20 and len(expected[1]) > 20

    reset_graph(graph)
    own = write_sample(tmp_path / "own", {k: v for k, v in SAMPLE.items()
                                          if k not in ("persons", "placements")})
    files, maps = write_own_layout(own)
    plan = plan_ingest([own, *files], maps)
    assert {m.template.name for m in plan.mapped} == {"persons", "placements"}
    report = ingest_paths(graph, plan.native, GRADING, mapped=plan.mapped)
    assert report.ok, report.errors
    assert snapshot(graph) == expected


def test_bad_cells_of_a_mapped_file_name_its_line_and_column(graph: Graph,
                                                            tmp_path: Path) -> None:
    files, maps = write_own_layout(tmp_path)
    text = files[0].read_bytes().decode("cp1252").replace("03/02/1999", "31/02/1999")
    files[0].write_bytes(text.encode("cp1252"))
    plan = plan_ingest([files[0]], [maps[0]])
    report = ingest_paths(graph, [], GRADING, mapped=plan.mapped)
    assert report.errors == []  # a bad optional value costs that value: a warning
    assert [(Path(e.file).name, e.line, e.column, e.value) for e in report.warnings] == [
        ("personas_2024-03.csv", 3, "date_of_birth", "31/02/1999")]
    assert report.files[0].rows_loaded == 3
    assert report.files[0].read_as == "cp1252, semicolon"


def test_a_column_the_file_lacks_refuses_the_file_naming_the_mapping(graph: Graph,
                                                                    tmp_path: Path) -> None:
    files, maps = write_own_layout(tmp_path)
    maps[0].write_text(PERSONAS_MAPPING.replace("Sexo", "Género"), encoding="utf-8")
    plan = plan_ingest([files[0]], [maps[0]])
    report = ingest_paths(graph, [], GRADING, mapped=plan.mapped)
    assert report.files[0].refused and report.files[0].rows_loaded == 0
    reason = report.errors[0].reason
    assert "personas.mapping.yaml" in reason and "Género" in reason and "Sexo" in reason


@pytest.mark.parametrize(("change", "key", "words"), [
    (("template: persons", "template: person"), "templates[0].template",
     "did you mean persons"),
    (("      gender:", "      gendr:"), "templates[0].columns.gendr", "did you mean gender"),
    (("      person_id: Código\n", ""), "templates[0].columns", "person_id"),
    (("full_name: {join: [Nombres, Apellidos]}", "full_name: {join: [Nombres], constant: x}"),
     "templates[0].columns.full_name", "exactly one of column, join or constant"),
    (("encoding: cp1252", "encoding: latin-9x"), "encoding", "unknown encoding"),
    (("dates: {order: day_first}", "dates: {order: daily}"), "dates.order", "day_first"),
    (("gender: {column: Sexo,", "gender: {column: Sexo, split: /,"),
     "templates[0].columns.gender.split", "holds one value"),
])
def test_a_mapping_error_names_the_file_and_key(change: tuple[str, str], key: str,
                                               words: str) -> None:
    text = PERSONAS_MAPPING.replace(*change)
    assert text != PERSONAS_MAPPING
    with pytest.raises(MappingError) as raised:
        parse_mapping(text, "pnc/personas.mapping.yaml")
    message = str(raised.value)
    assert f"pnc/personas.mapping.yaml: {key}: " in message, message
    assert words in message


def test_yes_and_no_stay_words_in_value_maps() -> None:
    mapping = parse_mapping(PERSONAS_MAPPING.replace("{F: female, M: male}",
                                                     "{F: female, M: male, No: unknown}"))
    gender = mapping.templates[0].columns["gender"]
    assert gender.values == {"F": "female", "M": "male", "No": "unknown"}


@pytest.mark.parametrize(("line", "key", "says"), [
    ("tlp: PURPLE", "tlp", "'PURPLE': not a tlp grade"),
    ("country: Atlantis", "country", "'Atlantis'"),
])
def test_a_bad_grade_in_source_yaml_names_its_key(line: str, key: str, says: str,
                                                  tmp_path: Path) -> None:
    (tmp_path / "source.yaml").write_text(f"id: mx-stps\n{line}\n", encoding="utf-8")
    with pytest.raises(MappingError) as refused:
        read_source_folder(tmp_path)
    assert refused.value.file.endswith("source.yaml")
    [(named, reason)] = refused.value.problems
    assert named == key and says in reason
