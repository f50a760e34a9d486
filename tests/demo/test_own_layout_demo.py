"""The demo's worked example of a source in its own layout: ``crosslink demo --out DIR``
writes a ``source.yaml`` per source folder and the Mexican labour inspectorate's files the
way it exports them (Spanish headers, day-first dates, Sí/No, F/M, Windows-1252, semicolons)
with their mappings; loaded through them, the graph is the one of the native files."""

from __future__ import annotations

from pathlib import Path

from graph.connection import Graph
from graph.maintenance import graph_stats, reset_graph
from ingest.demo.generator import generate
from ingest.demo.load import load_demo
from ingest.mapping.source_folder import read_source_folder
from ingest.templates import TEMPLATES
from tests.helpers import run_cli
from tests.ingest.test_mappings import snapshot


def test_the_own_layout_source_loads_the_native_graph(graph: Graph, tmp_path: Path,
                                                      crosslink_env: dict[str, str]) -> None:
    dataset = generate("small", 7)
    reports = load_demo(graph, dataset, own_layouts=False)
    assert all(r.ok for r in reports)
    native, native_stats = snapshot(graph), graph_stats(graph)

    reset_graph(graph)
    reports = load_demo(graph, dataset)  # mx-stps in its own layout
    assert all(r.ok for r in reports), [r.errors[:3] for r in reports]
    mx = next(r for r in reports if r.source_id == "mx-stps")
    assert {Path(f.path).name for f in mx.files} >= {"personas.csv", "expedientes.csv"}
    assert snapshot(graph) == native

    reset_graph(graph)
    out = tmp_path / "demo"
    done = run_cli(["demo", "--out", str(out), "--no-load"], crosslink_env)
    assert done.returncode == 0, done.stderr
    own = out / "mx-stps"
    assert not (own / "persons.csv").exists()
    head = (own / "personas.csv").read_bytes().decode("cp1252").splitlines()[:2]
    assert head[0].startswith("Código persona;Nombre completo;Alias;Fecha de nacimiento;Sexo")
    assert ";M;" in head[1] or ";F;" in head[1]
    folder = read_source_folder(own)
    assert folder is not None and folder.description.kind == "labour_inspectorate"
    assert len(folder.mappings) == len(TEMPLATES.templates)  # one per template
    assert all((out / s.id / "source.yaml").is_file() for s in dataset.sources)

    loaded = run_cli(["ingest", str(out)], crosslink_env)
    assert loaded.returncode == 0, loaded.stdout + loaded.stderr
    assert "Ingest, source mx-stps" in loaded.stdout
    stats = graph_stats(graph)
    for label in ("Case", "Person", "RecruitmentAgency", "Employer", "Source"):
        assert stats["nodes"][label] == native_stats["nodes"][label], label
    assert stats == native_stats
