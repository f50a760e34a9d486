"""The FollowTheMoney mapping of ``ftm_mapping.yaml``, loaded once and checked against the
model: which FtM schema each label and relationship type is, property by property.

Only names live here; writing and reading FtM entities (with the ``followthemoney`` library)
is ``backend.sharing.ftm`` and ``backend.sharing.ftm_import``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from graph.model import MODEL

MAPPING_FILE = Path(__file__).with_name("ftm_mapping.yaml")


@dataclass(frozen=True)
class LabelMap:
    label: str
    schema: str  # exported as
    reads: tuple[str, ...]  # schemata of other tools' entities read into the label
    properties: dict[str, tuple[str, ...]]  # Crosslink property -> FtM properties
    lists: tuple[str, ...] = ()
    enums: dict[str, str] | None = None


@dataclass(frozen=True)
class LinkMap:
    type: str
    schema: str
    start: str
    end: str
    properties: dict[str, str]
    enums: dict[str, str] | None = None


@dataclass(frozen=True)
class TransactionMap:
    label: str
    schema: str
    sent: str
    paid_to: str
    holds: str
    payer: str
    payer_account: str
    beneficiary: str
    beneficiary_account: str


@dataclass(frozen=True)
class GenericLink:
    schema: str
    start: str
    end: str
    role: str
    types: tuple[str, ...]


@dataclass(frozen=True)
class Reference:
    schema: str
    property: str
    type: str
    direction: str  # out: entity -> named; in: named -> entity


@dataclass(frozen=True)
class IdentifierValue:
    property: str
    label: str
    type: str


@dataclass(frozen=True)
class FtmMapping:
    labels: dict[str, LabelMap]
    links: dict[str, LinkMap]
    transaction: TransactionMap
    generic: GenericLink
    references: tuple[Reference, ...]
    identifier_values: dict[str, IdentifierValue]
    unmapped_labels: dict[str, str]
    unmapped_relationships: dict[str, str]
    unmapped_schemata: dict[str, str]

    def links_of(self, schema: str) -> list[LinkMap]:
        """The relationship types an interval schema is read into, in the file's order."""
        return [link for link in self.links.values() if link.schema == schema]

    def labels_reading(self, schema: str) -> list[str]:
        """The labels whose ``reads`` list ``schema``, in the file's order."""
        return [m.label for m in self.labels.values() if schema in m.reads]


def _names(value: str | list[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def _check(raw: dict[str, Any]) -> None:
    """Every label, property and relationship type named is the model's."""
    for label, spec in raw["labels"].items():
        known = set(MODEL.label(label).properties) | {MODEL.label(label).key}
        wrong = set(spec.get("properties", {})) - known
        if wrong:
            raise ValueError(f"{MAPPING_FILE.name}: {label} has no properties {sorted(wrong)}")
    types = [*raw["relationships"], *raw["generic_link"]["types"],
             *(r["type"] for r in raw["references"]),
             *(v["type"] for v in raw["identifier_values"].values())]
    MODEL.check_rel_types(types)
    for name, spec in raw["relationships"].items():
        wrong = set(spec.get("properties", {})) - set(MODEL.rel_type(name).properties)
        if wrong:
            raise ValueError(f"{MAPPING_FILE.name}: {name} has no properties {sorted(wrong)}")


@cache
def load_mapping(path: Path = MAPPING_FILE) -> FtmMapping:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    _check(raw)
    labels = {
        name: LabelMap(name, spec["schema"], tuple(spec.get("reads", ())),
                       {k: _names(v) for k, v in spec["properties"].items()},
                       tuple(spec.get("lists", ())), spec.get("enums"))
        for name, spec in raw["labels"].items()}
    links = {name: LinkMap(name, spec["schema"], spec["start"], spec["end"],
                           dict(spec.get("properties", {})), spec.get("enums"))
             for name, spec in raw["relationships"].items()}
    generic = raw["generic_link"]
    unmapped = raw["unmapped"]
    return FtmMapping(
        labels=labels, links=links, transaction=TransactionMap(**raw["transaction"]),
        generic=GenericLink(generic["schema"], generic["start"], generic["end"],
                            generic["role"], tuple(generic["types"])),
        references=tuple(Reference(**r) for r in raw["references"]),
        identifier_values={k: IdentifierValue(k, v["label"], v["type"])
                           for k, v in raw["identifier_values"].items()},
        unmapped_labels=dict(unmapped.get("labels") or {}),
        unmapped_relationships=dict(unmapped.get("relationships") or {}),
        unmapped_schemata=dict(unmapped.get("schemata") or {}))


FTM = load_mapping()
