"""The domain model file holds every label, key and relationship of DOMAIN.md."""

from pathlib import Path

import pytest
import yaml

from graph.model import MODEL, MODEL_FILE, load_model
from values.vocabulary import vocabulary_key

DOMAIN_KEYS = {
    "Case": "uid", "Person": "uid", "RecruitmentAgency": "uid", "Employer": "uid",
    "Account": "number", "Transaction": "uid", "TravelLeg": "uid", "Location": "key",
    "Phone": "e164", "Email": "address", "Document": "key", "Address": "key",
    "Vehicle": "key", "Advertisement": "uid", "Authority": "id", "Source": "id",
    "VictimRecord": "uid",  # CTDC victims (crosslink import ctdc)
    "MissingPersonReport": "uid",  # missing_persons.csv, matched against persons
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


def _written_synonyms() -> list[tuple[str, str, str]]:
    """(list, value, written form) for every synonym in model.yaml, read from the file itself."""
    raw = yaml.safe_load(MODEL_FILE.read_text(encoding="utf-8"))
    return [(name, value, str(form)) for name, values in raw["synonyms"].items()
            for value, forms in values.items() for form in forms]


def test_every_synonym_in_the_model_normalises_to_its_value() -> None:
    synonyms = _written_synonyms()
    assert len(synonyms) > 500
    wrong = [(name, form, MODEL.vocabulary(name).find(form), value)
             for name, value, form in synonyms if MODEL.vocabulary(name).find(form) != value]
    assert wrong == []
    # and as people vary them: upper case, other spacing
    for name, value, form in synonyms:
        assert MODEL.vocabulary(name).find(f"  {form.upper()} ") == value, (name, form)


def test_no_synonym_names_two_values() -> None:
    owner: dict[tuple[str, str], str] = {}
    for name, value, form in _written_synonyms():
        for written in (form, value):
            key = (name, vocabulary_key(written))
            assert owner.setdefault(key, value) == value, (
                f"{name}: {written!r} is a form of {owner[key]} and of {value}")


def test_synonyms_keep_to_the_enumerations_and_their_values() -> None:
    raw = yaml.safe_load(MODEL_FILE.read_text(encoding="utf-8"))
    for name, values in raw["synonyms"].items():
        if name in MODEL.enums:
            assert set(values) <= set(MODEL.enums[name]), name
    assert set(raw["synonyms"]) - set(MODEL.enums) == {"boolean", "sector"}
    assert MODEL.vocabulary("boolean").values == ("true", "false")


def test_a_form_given_to_two_values_is_refused_when_the_model_loads(tmp_path: Path) -> None:
    text = MODEL_FILE.read_text(encoding="utf-8").replace(
        "    other: [X, Otro,", "    other: [F, X, Otro,", 1)
    (tmp_path / "model.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match="gender: 'F' is given to both female and other"):
        load_model(tmp_path / "model.yaml")
