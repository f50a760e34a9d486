"""The demo generator without a database: determinism, templates, variants and truth."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from graph.query_library.runner import QUERIES_DIR
from ingest.demo.generator import generate
from ingest.demo.sources import SOURCES
from ingest.demo.variants import phone_variant
from ingest.templates import TEMPLATES
from values.phone import clean_phone
from values.text import fold_name


@pytest.fixture(scope="module")
def small() -> object:
    return generate("small", seed=7)


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def test_same_seed_writes_byte_identical_files(tmp_path: Path) -> None:
    generate("small", seed=11).write(tmp_path / "a")
    generate("small", seed=11).write(tmp_path / "b")
    first, second = _files(tmp_path / "a"), _files(tmp_path / "b")
    assert first == second  # the own-layout source's files and mappings included
    generate("small", seed=11).write(tmp_path / "n", own_layouts=False)
    # every source in the templates, each with its source.yaml, + truth.json
    assert len(_files(tmp_path / "n")) == len(SOURCES) * (len(TEMPLATES.templates) + 1) + 1
    generate("small", seed=12).write(tmp_path / "c")
    assert _files(tmp_path / "c") != first


def test_files_follow_the_native_templates(small, tmp_path: Path) -> None:  # noqa: ANN001
    small.write(tmp_path, own_layouts=False)
    for source in SOURCES:
        for name, template in TEMPLATES.templates.items():
            with open(tmp_path / source.id / f"{name}.csv", encoding="utf-8") as handle:
                header = next(csv.reader(handle))
            assert header[:len(template.column_names)] == list(template.column_names)
            assert set(header[len(template.column_names):]) <= {"tlp"}
    truth = json.loads((tmp_path / "truth.json").read_text(encoding="utf-8"))
    assert len(truth["networks"]) == len(small.truth.planted)


def test_record_ids_are_each_sources_own_and_overlap(small) -> None:  # noqa: ANN001
    firsts = {s.id: s.rows["persons"][0]["person_id"] for s in small.sources}
    assert set(firsts.values()) == {"P-0001"}


def test_every_saved_query_has_a_planted_pattern(small) -> None:  # noqa: ANN001
    saved = {p.stem for p in QUERIES_DIR.glob("*.cypher")}
    assert set(small.truth.patterns) == saved
    for name, pattern in small.truth.patterns.items():
        assert pattern.expect and all(pattern.expect.values()), name


def test_networks_span_several_jurisdictions_and_sources(small) -> None:  # noqa: ANN001
    truth = small.truth
    assert 4 <= len(truth.networks) <= 6
    for network in truth.planted:
        assert 2 <= len(network.jurisdictions) <= 4
        assert len({uid.split(":")[0] for uid in network.cases}) >= 2
    for group in truth.same_actor_groups:
        assert len({uid.split(":")[0] for uid in group}) == len(group)  # one per source


def test_recruiter_written_differently_by_each_source(small) -> None:  # noqa: ANN001
    network = small.truth.planted[0]
    names, phones = [], []
    for uid in network.actors["recruiter"]:
        source, record = uid.split(":")
        row = next(r for r in small.source(source).rows["persons"] if r["person_id"] == record)
        names.append(row["full_name"])
        region = row["address_country"] or row["nationality"]
        phones.append((row["phones"][0], region))
    assert len(set(names)) == len(names)
    assert any(n.isupper() for n in names) and any("," in n for n in names)
    assert len({p for p, _ in phones}) > 1
    assert len({clean_phone(p, region)[0] for p, region in phones}) == 1


def test_phone_variants_normalise_to_one_number() -> None:
    for region in ("GT", "MX", "US", "TH", "KH", "MY"):
        for variant in range(3):
            written = phone_variant("+50255551234", region, variant)
            assert clean_phone(written, region)[0] == "+50255551234"


def test_decoys_share_a_folded_name_and_nothing_else(small) -> None:  # noqa: ANN001
    assert len(small.truth.decoy_groups) >= 3
    for group in small.truth.decoy_groups:
        rows = []
        for uid in group:
            source, record = uid.split(":")
            rows.append(next(r for r in small.source(source).rows["persons"]
                             if r["person_id"] == record))
        assert len({fold_name(r["full_name"]) for r in rows}) == 1
        assert len({r["date_of_birth"] for r in rows}) == len(rows)
        for column in ("phones", "passport_number", "address"):
            values = [str(r[column]) for r in rows]
            assert len(set(values)) == len(values), column


def test_sizes_grow_with_the_scale(small) -> None:  # noqa: ANN001
    medium = generate("medium")
    assert 1_500 <= small.total_rows <= 2_500  # about 2,300 nodes
    assert 30_000 <= medium.total_rows <= 45_000  # about 47,000 nodes
    assert len(medium.truth.planted) > len(small.truth.planted)
    with pytest.raises(ValueError, match="unknown scale"):
        generate("huge")
