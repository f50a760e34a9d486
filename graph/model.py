"""The domain model of DOMAIN.md, loaded once from ``model.yaml``.

Schema constraints, validators, loaders, UI styles and docs read this instead of repeating
label names, keys and enumerations.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml
from rapidfuzz import fuzz, process

from values.vocabulary import SynonymConflictError, Vocabulary

MODEL_FILE = Path(__file__).with_name("model.yaml")


@dataclass(frozen=True)
class NodeLabel:
    name: str
    kind: str  # record | identifier | reference
    key: str
    caption: str
    properties: tuple[str, ...]
    fulltext: tuple[str, ...] = ()
    indexes: tuple[str, ...] = ()
    dates: tuple[str, ...] = ()
    actor: bool = False


@dataclass(frozen=True)
class RelType:
    name: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    properties: tuple[str, ...] = ()
    dates: tuple[str, ...] = ()


@dataclass(frozen=True)
class Model:
    version: int
    provenance: tuple[str, ...]
    enums: dict[str, tuple[str, ...]]
    core_indicators: tuple[str, ...]
    bad_licences: tuple[str, ...]
    country_properties: tuple[str, ...]
    nodes: dict[str, NodeLabel] = field(default_factory=dict)
    relationships: dict[str, RelType] = field(default_factory=dict)
    # every enumeration, and the lists of ``synonyms`` that are no enumeration (boolean,
    # sector), with the forms people write their values in
    vocabularies: dict[str, Vocabulary] = field(default_factory=dict)

    @property
    def actor_labels(self) -> tuple[str, ...]:
        return tuple(n for n, lab in self.nodes.items() if lab.actor)

    @property
    def identifier_labels(self) -> tuple[str, ...]:
        return tuple(n for n, lab in self.nodes.items() if lab.kind == "identifier")

    def country_of(self, props: dict[str, object]) -> str | None:
        """The country an element's properties place it in (``country_properties``)."""
        for name in self.country_properties:
            if isinstance(value := props.get(name), str) and value:
                return value
        return None

    def label(self, name: str) -> NodeLabel:
        """The label called ``name``; raises ``KeyError`` naming the known labels."""
        try:
            return self.nodes[name]
        except KeyError:
            raise KeyError(f"unknown label {name!r}; known: {', '.join(self.nodes)}") from None

    def rel_type(self, name: str) -> RelType:
        try:
            return self.relationships[name]
        except KeyError:
            known = ", ".join(self.relationships)
            raise KeyError(f"unknown relationship type {name!r}; known: {known}") from None

    def vocabulary(self, name: str) -> Vocabulary:
        """The values of enumeration (or list) ``name`` and their written forms."""
        try:
            return self.vocabularies[name]
        except KeyError:
            known = ", ".join(self.vocabularies)
            raise KeyError(f"unknown enumeration {name!r}; known: {known}") from None

    def check_labels(self, names: list[str] | tuple[str, ...]) -> list[str]:
        """Labels cannot be Cypher parameters: check them here before formatting them in."""
        return [self.label(n).name for n in names]

    def check_rel_types(self, names: list[str] | tuple[str, ...]) -> list[str]:
        return [self.rel_type(n).name for n in names]


def _tuple(value: Iterable[object] | None) -> tuple[str, ...]:
    """A list of names; refused when YAML read one as something else (a bare on, off, yes or
    no is a boolean, 1 a number), which would silently name the property "True"."""
    names = tuple(value or ())
    for name in names:
        if not isinstance(name, str):
            raise ValueError(f"{MODEL_FILE.name}: {name!r} in {list(names)} is not a name: "
                             "quote it (YAML reads on, off, yes and no as true or false)")
    return names  # type: ignore[return-value]


def _vocabularies(enums: dict[str, tuple[str, ...]],
                  synonyms: dict[str, dict[str, list[object]]]) -> dict[str, Vocabulary]:
    """One ``Vocabulary`` per enumeration and per list of synonyms of its own; a written
    form given to two values is refused here, when the model loads."""
    out = {}
    for name in (*enums, *(n for n in synonyms if n not in enums)):
        forms = {str(value): _tuple(written) for value, written in
                 (synonyms.get(name) or {}).items()}
        values = enums.get(name) or tuple(forms)
        try:
            out[name] = Vocabulary.build(name, values, forms)
        except SynonymConflictError as exc:
            raise ValueError(f"{MODEL_FILE.name}: synonyms: {exc}") from None
    return out


@cache
def load_model(path: Path = MODEL_FILE) -> Model:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    nodes = {
        name: NodeLabel(
            name=name,
            kind=spec["kind"],
            key=spec["key"],
            caption=spec.get("caption", spec["key"]),
            properties=_tuple(spec.get("properties")),
            fulltext=_tuple(spec.get("fulltext")),
            indexes=_tuple(spec.get("indexes")),
            dates=_tuple(spec.get("dates")),
            actor=bool(spec.get("actor", False)),
        )
        for name, spec in raw["nodes"].items()
    }
    rels = {
        name: RelType(
            name=name,
            sources=_tuple(spec["from"]),
            targets=_tuple(spec["to"]),
            properties=_tuple(spec.get("properties")),
            dates=_tuple(spec.get("dates")),
        )
        for name, spec in raw["relationships"].items()
    }
    enums = {k: _tuple(v) for k, v in raw["enums"].items()}
    return Model(
        version=int(raw["version"]),
        provenance=_tuple(raw["provenance"]),
        enums=enums,
        vocabularies=_vocabularies(enums, raw.get("synonyms") or {}),
        core_indicators=_tuple(raw["core_indicators"]),
        bad_licences=_tuple(raw["bad_licences"]),
        country_properties=_tuple(raw["country_properties"]),
        nodes=nodes,
        relationships=rels,
    )


def closest(text: str, choices: Iterable[str]) -> str | None:
    """The choice ``text`` most likely misspells (``opne`` -> ``open``, ``Persn`` ->
    ``Person``), by plain edit similarity, case aside; None when none is close."""
    # not a partial match: that would offer female for mal (it contains it)
    best = process.extractOne(text, list(choices), scorer=fuzz.ratio, score_cutoff=75,
                              processor=str.casefold)
    return best[0] if best else None


def readable_key(key: str) -> str:
    """An identifier's key as people read it, its country in brackets: "passport|GT|G07" ->
    "passport G07 (GT)", "soi rama 2 201, bangkok|TH" -> "soi rama 2 201, bangkok (TH)"."""
    parts = key.split("|")
    countries = [p for p in parts[1:] if len(p) == 2 and p.isalpha() and p.isupper()]
    rest = [p for i, p in enumerate(parts) if i == 0 or p not in countries]
    return " ".join(rest) + (f" ({', '.join(countries)})" if countries else "")


MODEL = load_model()
