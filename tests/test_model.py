"""The domain model file holds every label, key and relationship of DOMAIN.md."""

from pathlib import Path

import pytest

from graph.model import MODEL, MODEL_FILE, load_model

DOMAIN_KEYS = {
    "Case": "uid", "Person": "uid", "RecruitmentAgency": "uid", "Employer": "uid",
    "Account": "number", "Transaction": "uid", "TravelLeg": "uid", "Location": "key",
    "Phone": "e164", "Email": "address", "Document": "key", "Address": "key",
    "Vehicle": "key", "Advertisement": "uid", "Authority": "id", "Source": "id",
    "VictimRecord": "uid",  # CTDC victims (crosslink import ctdc)
}


def test_every_label_of_the_domain_has_its_key() -> None:
    assert {name: label.key for name, label in MODEL.nodes.items()} == DOMAIN_KEYS


def test_relationships_connect_known_labels() -> None:
    for rel in MODEL.relationships.values():
        for label in rel.sources + rel.targets:
            assert label in MODEL.nodes, f"{rel.name} names unknown label {label}"


def test_bad_licences_are_licence_statuses() -> None:
    assert set(MODEL.bad_licences) == {"unlicensed", "suspended", "revoked"}
    assert set(MODEL.bad_licences) <= set(MODEL.enums["license_status"])


def test_core_indicators_are_indicators() -> None:
    assert len(MODEL.core_indicators) == 6
    assert set(MODEL.core_indicators) <= set(MODEL.enums["indicator"])


def test_unknown_label_is_refused_before_it_reaches_cypher() -> None:
    import pytest

    with pytest.raises(KeyError, match="unknown label"):
        MODEL.check_labels(["Person", "Person) DETACH DELETE (n"])


def test_a_bare_yaml_boolean_is_refused_as_a_name(tmp_path: Path) -> None:
    text = MODEL_FILE.read_text(encoding="utf-8").replace('dates: ["on"]', "dates: [on]")
    (tmp_path / "model.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match="True.*quote it"):
        load_model(tmp_path / "model.yaml")
    assert MODEL.relationships["RECRUITED_BY"].dates == ("on",)
