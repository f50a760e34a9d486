"""graph/ftm_mapping.yaml against both models: every label and relationship type of
graph/model.yaml is mapped or declared unmapped with a reason, and every FtM schema and
property it names is one of the followthemoney package's."""

from __future__ import annotations

import pytest
from followthemoney import model

from graph.ftm_mapping import FTM
from graph.model import MODEL


def _schema(name: str) -> object:
    schema = model.get(name)
    assert schema is not None, f"ftm_mapping.yaml names {name}, which is no FtM schema"
    return schema


def test_every_label_is_mapped_or_declared_unmapped() -> None:
    for label in MODEL.nodes:
        assert label in FTM.labels or FTM.unmapped_labels.get(label), (
            f"{label} of model.yaml is neither mapped in ftm_mapping.yaml nor declared "
            "unmapped with a reason")


def test_every_relationship_type_is_mapped_or_declared_unmapped() -> None:
    carried = {FTM.transaction.sent, FTM.transaction.paid_to}
    for rel_type in MODEL.relationships:
        mapped = rel_type in FTM.links or rel_type in FTM.generic.types or rel_type in carried
        assert mapped or FTM.unmapped_relationships.get(rel_type), (
            f"{rel_type} of model.yaml is neither mapped in ftm_mapping.yaml nor declared "
            "unmapped with a reason")
    assert not set(FTM.links) & set(FTM.generic.types)


@pytest.mark.parametrize("label", sorted(FTM.labels))
def test_label_schemas_and_properties_are_ftm(label: str) -> None:
    spec = FTM.labels[label]
    schema = _schema(spec.schema)
    for name in spec.reads:
        _schema(name)
    for ours, theirs in spec.properties.items():
        assert ours in MODEL.label(label).properties
        # export writes the first property on the export schema
        assert theirs[0] in schema.properties, f"{spec.schema} has no {theirs[0]}"  # type: ignore[attr-defined]
        for prop in theirs:  # import reads each from at least one schema it reads
            holders = [model.get(s) for s in (spec.reads or (spec.schema,))]
            assert any(prop in h.properties for h in holders if h), f"{label}: {prop}"
    for ours, enum in (spec.enums or {}).items():
        assert ours in spec.properties and enum in MODEL.enums


def test_relationship_schemas_and_properties_are_ftm() -> None:
    for link in FTM.links.values():
        schema = model.get(link.schema)
        assert schema is not None and schema.edge, link.schema
        for prop in (link.start, link.end, *link.properties.values()):
            assert prop in schema.properties, f"{link.schema} has no {prop}"
    generic = model.get(FTM.generic.schema)
    assert generic is not None
    assert {FTM.generic.start, FTM.generic.end, FTM.generic.role} <= set(generic.properties)
    payment = model.get(FTM.transaction.schema)
    assert payment is not None
    spec = FTM.transaction
    assert {spec.payer, spec.payer_account, spec.beneficiary,
            spec.beneficiary_account} <= set(payment.properties)
    for ref in FTM.references:
        schema = model.get(ref.schema)
        assert schema is not None and ref.property in schema.properties
        assert schema.properties[ref.property].type.name == "entity"
    thing = model.get("LegalEntity")
    assert thing is not None
    for prop in FTM.identifier_values:
        assert prop in thing.properties


def test_unmapped_schemata_are_ftm_and_have_reasons() -> None:
    for name, reason in FTM.unmapped_schemata.items():
        _schema(name)
        assert reason.strip()
        assert not FTM.labels_reading(name) and not FTM.links_of(name)
