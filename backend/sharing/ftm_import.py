"""Reading FollowTheMoney (FtM) entities (an Aleph or OpenSanctions export, or this
instance's own FtM export) into Crosslink elements, as ``graph/ftm_mapping.yaml`` says.

Things become nodes of the label that reads their schema (a Company is an Employer, a Vessel a
Vehicle); interval entities become relationships (an Ownership OWNS or HOLDS, by the labels of
its ends); a Payment is the model's transaction shape. Entities from elsewhere become records
of the import's source: ``uid = "<source>:<entity id>"``, so resolution compares them with
every other source's records. Identifiers (accounts, phones, documents, addresses, vehicles)
are keyed by their normalised value, so they join the graph's own.

Nothing stops an import: a line that is not an FtM entity is an error naming its line; an
entity whose schema has no place in the model is counted under its schema with the reason; a
property with no place, or a value that is not valid, is dropped and counted.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from followthemoney import model
from followthemoney.exc import FollowTheMoneyException
from followthemoney.proxy import EntityProxy
from followthemoney.schema import Schema
from followthemoney.types import registry

from backend.sharing.ftm import node_key_of
from graph.ftm_mapping import FTM, LabelMap
from graph.model import MODEL
from values import InvalidValueError
from values.account import clean_account
from values.amount import clean_decimal
from values.country import clean_country, clean_currency
from values.date import clean_date, is_minor
from values.document import clean_document_number, document_key
from values.email import clean_email
from values.phone import clean_phone
from values.place import place_key, vehicle_key
from values.text import fold_name

# Properties every entity may carry that say where it comes from, not what it is.
BOOKKEEPING = frozenset({"publisher", "recordId", "publisherUrl", "retrievedAt", "modifiedAt",
                         "createdAt", "alephUrl", "indexText", "sourceUrl"})
DEFAULT_REASON = "no label or relationship type of the model reads this schema"
NAME_PARTS = ("firstName", "secondName", "middleName", "fatherName", "lastName")
VEHICLE_KINDS = {"Vessel": "boat", "Airplane": "air"}
Element = dict[str, Any]


@dataclass(frozen=True)
class FtmError:
    file: str
    line: int
    reason: str

    def as_dict(self) -> dict[str, Any]:
        return {"file": self.file, "line": self.line, "reason": self.reason}


@dataclass
class FtmReport:
    """What an import read, made and left out."""

    file: str
    source: str
    entities: int = 0
    schemata: Counter[str] = field(default_factory=Counter)
    unmapped: dict[str, list[Any]] = field(default_factory=dict)  # what -> [count, reason]
    dropped: Counter[str] = field(default_factory=Counter)  # "Schema.property" -> values
    links_skipped: int = 0
    errors: list[FtmError] = field(default_factory=list)

    def leave_out(self, what: str, reason: str) -> None:
        self.unmapped.setdefault(what, [0, reason])[0] += 1

    def unmapped_rows(self) -> list[dict[str, Any]]:
        return [{"schema": what, "entities": count, "reason": reason}
                for what, (count, reason) in sorted(self.unmapped.items())]

    def dropped_rows(self) -> list[dict[str, Any]]:
        return [{"property": p, "values": n} for p, n in sorted(self.dropped.items())]


def is_ftm(content: bytes) -> bool:
    """Whether an uploaded file holds FtM entities (JSON lines, or one JSON array of objects
    with a ``schema``), whatever its name: the Ingest page routes by content."""
    text = content.decode("utf-8-sig", errors="ignore").lstrip()
    if not text.startswith(("{", "[")):
        return False
    first: Any = None
    try:
        first = json.loads(text.split("\n", 1)[0])
    except json.JSONDecodeError:
        try:
            first = json.loads(text)
        except json.JSONDecodeError:
            return False
    if isinstance(first, list):
        first = first[0] if first else None
    return isinstance(first, dict) and "schema" in first and "properties" in first


# ---- reading lines --------------------------------------------------------------------------

def _items(lines: list[str]) -> Iterator[tuple[int, str | dict[str, Any]]]:
    """(line, text) of JSON lines; (position, object) of one JSON array (Aleph's API)."""
    text = "\n".join(lines).lstrip()
    if text.startswith("["):
        try:
            array = json.loads(text)
        except json.JSONDecodeError:
            array = None
        if isinstance(array, list):
            yield from enumerate(array, start=1)
            return
    yield from ((n, line) for n, line in enumerate(lines, start=1) if line.strip())


def read_entities(lines: list[str], report: FtmReport) -> list[EntityProxy]:
    """The valid entities; every other line is an error of the report, naming its line."""
    out: list[EntityProxy] = []
    for number, item in _items(lines):
        try:
            data = json.loads(item) if isinstance(item, str) else item
            if not isinstance(data, dict):
                raise ValueError("expected a JSON object with id, schema and properties")
            schema = model.get(str(data.get("schema") or ""))
            if schema is None:
                raise ValueError(f"unknown schema {data.get('schema')!r}")
            if not data.get("id"):
                raise ValueError("the entity has no id")
            properties = data.get("properties") or {}
            if not isinstance(properties, dict):
                raise ValueError("properties must be an object of lists")
            for name, values in properties.items():
                if name not in schema.properties:
                    report.dropped[f"{schema.name}.{name}"] += len(values) \
                        if isinstance(values, list) else 1
            out.append(model.get_proxy(data, cleaned=False))
        except (json.JSONDecodeError, ValueError, TypeError, FollowTheMoneyException) as exc:
            report.errors.append(FtmError(report.file, number,
                                          f"not a FollowTheMoney entity: {exc}"))
    report.entities = len(out)
    return out


# ---- values ---------------------------------------------------------------------------------

def _phone(region: str | None) -> Callable[[str], str]:
    return lambda v: clean_phone(v, region)[0]


# Crosslink properties cleaned as their identifiers are (the FtM type decides the rest).
_BY_PROPERTY: dict[tuple[str, str], Callable[[str], Any]] = {
    ("Account", "number"): clean_account, ("Email", "address"): clean_email,
    ("Document", "number"): clean_document_number, ("Transaction", "currency"): clean_currency,
}
_BY_TYPE: dict[str, Callable[[str], Any]] = {
    "date": clean_date, "country": clean_country, "number": clean_decimal,
    "email": clean_email,
}


def _lineage(schema: Schema) -> list[str]:
    """The schema and its parents, nearest first."""
    order: list[Schema] = [schema]
    for item in order:
        order.extend(s for s in item.extends if s not in order)
    return [s.name for s in order]


class _Builder:
    """Elements of one import: nodes by id, relationships by (start, type, end)."""

    def __init__(self, origin: str, report: FtmReport, today: dt.date) -> None:
        self.origin, self.report, self.today = origin, report, today
        self.nodes: dict[str, Element] = {}
        self.rels: dict[tuple[str, str, str], Element] = {}
        self.ids: dict[str, str] = {}  # FtM entity id -> node id
        self.later: list[Callable[[], None]] = []

    # ---- values
    def _clean(self, label: str, ours: str, schema: Schema, prop: str, values: list[str],
               enum: str | None, region: str | None) -> list[Any]:
        ftm_type = schema.properties[prop].type.name
        clean = _BY_PROPERTY.get((label, ours)) or (
            _phone(region) if ftm_type == "phone" else _BY_TYPE.get(ftm_type))
        kept: list[Any] = []
        for value in values:
            try:
                cleaned = clean(value) if clean else value.strip()
            except InvalidValueError:
                cleaned = None
            if enum and cleaned not in MODEL.enums[enum]:
                cleaned = None
            if cleaned in (None, ""):
                self.report.dropped[f"{schema.name}.{prop}"] += 1
            else:
                kept.append(cleaned)
        return kept

    def _props(self, spec: LabelMap, entity: EntityProxy, used: set[str],
               enums: dict[str, str] | None = None) -> dict[str, Any]:
        schema, props = entity.schema, {}
        region = next((c.upper() for c in entity.get_type_values(registry.country)), None)
        for ours, theirs in spec.properties.items():
            found: list[Any] = []
            for prop in theirs:
                if prop not in schema.properties or not entity.get(prop, quiet=True):
                    continue
                used.add(prop)
                if found and ours not in spec.lists:
                    continue  # an earlier property gave the value; this one is a fallback
                found += self._clean(spec.label, ours, schema, prop,
                                     entity.get(prop, quiet=True),
                                     (enums or spec.enums or {}).get(ours), region)
            if found:
                props[ours] = list(dict.fromkeys(found)) if ours in spec.lists else found[0]
        return props

    # ---- nodes
    def _key(self, label: str, props: dict[str, Any], entity: EntityProxy) -> str | None:
        spec = MODEL.label(label)
        if spec.kind != "identifier":
            return f"{self.origin}:{entity.id}"
        if label == "Document" and props.get("number"):
            return document_key(props["type"], props.get("country") or "", props["number"])
        if label == "Address" and props.get("text"):
            return place_key(props["text"], props.get("country"))
        if label == "Location" and props.get("name"):
            return place_key(props["name"], props.get("country"))
        if label == "Vehicle" and props.get("plate"):
            return vehicle_key(props["plate"], props.get("country"))
        value = props.get(spec.key)
        return str(value) if value else None

    def _derive(self, label: str, props: dict[str, Any], entity: EntityProxy,
                used: set[str]) -> None:
        """What the ingest derives too: the caption from name parts, the folded name, the
        protection of minors, a document's type."""
        schema = entity.schema
        caption = MODEL.label(label).caption
        if label == "Person" and not props.get(caption):
            parts = [entity.first(p) for p in NAME_PARTS if p in schema.properties
                     and entity.first(p, quiet=True)]
            used.update(p for p in NAME_PARTS if p in schema.properties)
            if parts:
                props[caption] = " ".join(str(p) for p in parts)
        if label in MODEL.actor_labels and props.get(caption):
            props["name_folded"] = fold_name(str(props[caption]))
        if label == "Person" and isinstance(props.get("date_of_birth"), dt.date) \
                and is_minor(props["date_of_birth"], self.today):
            props["protected"] = True
        if label == "Document" and not props.get("type"):
            props["type"] = "passport" if schema.is_a("Passport") else "national_id"
        if label == "Vehicle" and not props.get("kind"):
            kind = next((VEHICLE_KINDS[s] for s in _lineage(schema) if s in VEHICLE_KINDS), None)
            if kind:
                props["kind"] = kind

    def add_node(self, label: str, key: str, props: dict[str, Any], entity_id: str,
                 publisher: str | None) -> str:
        node_id = f"{label}:{key}"
        spec = MODEL.label(label)
        if node_id in self.nodes:  # the same identifier twice: one node, values merged
            self.nodes[node_id]["properties"] = {**props, **self.nodes[node_id]["properties"]}
        else:
            self.nodes[node_id] = {"id": node_id, "label": label,
                                   "properties": {**props, spec.key: key},
                                   "provenance": {"source": publisher, "record_id": entity_id}}
        return node_id

    def thing(self, entity: EntityProxy) -> bool:
        """Read the entity as a node; False when no label reads it."""
        own = node_key_of(str(entity.id))
        labels = [own[0]] if own else list(dict.fromkeys(
            label for s in _lineage(entity.schema) for label in FTM.labels_reading(s)))
        if not labels:
            return False
        publisher = entity.first("publisher", quiet=True)
        for label in labels:
            used: set[str] = set()
            props = self._props(FTM.labels[label], entity, used)
            self._derive(label, props, entity, used)
            key = own[1] if own else self._key(label, props, entity)
            if key:
                break
        else:
            names = " or ".join(f"{lab}.{MODEL.label(lab).key}" for lab in labels)
            self.report.leave_out(entity.schema.name, f"nothing to key it by ({names})")
            return True
        node_id = self.add_node(label, key, props, str(entity.id), publisher)
        self.ids[str(entity.id)] = node_id
        self._identifier_values(node_id, label, entity, used, props)
        self._references(node_id, entity, used)
        if label == FTM.transaction.label:
            self._payment(node_id, entity, used)
        for prop, values in entity.properties.items():
            if prop not in used and prop not in BOOKKEEPING:
                self.report.dropped[f"{entity.schema.name}.{prop}"] += len(values)
        return True

    def _identifier_values(self, node_id: str, label: str, entity: EntityProxy,
                           used: set[str], props: dict[str, Any]) -> None:
        """A thing's phones, e-mails and addresses as identifier nodes it USES / is
        LOCATED_AT."""
        for prop, spec in FTM.identifier_values.items():
            values = entity.get(prop, quiet=True) if prop in entity.schema.properties else []
            if not values or label not in MODEL.rel_type(spec.type).sources:
                continue
            used.add(prop)
            country = MODEL.country_of(props)
            target = FTM.labels[spec.label]
            ours = next(iter(target.properties))
            for value in self._clean(spec.label, ours, entity.schema, prop, values, None,
                                     country):
                item = {ours: value}
                if spec.label == "Phone":
                    item["country"] = clean_phone(value, None)[1]
                elif spec.label == "Address":
                    item["country"] = country
                key = self._key(spec.label, item, entity)
                if key is None:
                    continue
                target_id = self.add_node(spec.label, key, item, str(entity.id),
                                          entity.first("publisher", quiet=True))
                rel_props = {"kind": "residence" if label == "Person" else "office"} \
                    if spec.type == "LOCATED_AT" else {}
                self.add_rel(node_id, spec.type, target_id, rel_props, entity)

    def _references(self, node_id: str, entity: EntityProxy, used: set[str]) -> None:
        for ref in FTM.references:
            if not entity.schema.is_a(ref.schema) or not entity.get(ref.property, quiet=True):
                continue
            used.add(ref.property)
            for other in entity.get(ref.property):
                self.later.append(functools.partial(self._link_ids, node_id, other, ref.type,
                                                    ref.direction == "in", entity))

    def _link_ids(self, node_id: str, other: str, rel_type: str, reverse: bool,
                  entity: EntityProxy) -> None:
        other_id = self.ids.get(other)
        if other_id is None:
            self.report.links_skipped += 1
            return
        a, b = (other_id, node_id) if reverse else (node_id, other_id)
        if not self._fits(rel_type, a, b):
            self.report.leave_out(f"{entity.schema.name} ({_label(a)} -> {_label(b)})",
                                  f"{rel_type} does not go from {_label(a)} to {_label(b)}")
            return
        self.add_rel(a, rel_type, b, {}, entity)

    def _payment(self, node_id: str, entity: EntityProxy, used: set[str]) -> None:
        """(payer)-[:HOLDS]->(account)-[:SENT]->(transaction)-[:PAID_TO]->(account)<-[:HOLDS]-
        (beneficiary), once every entity of the file has its node."""
        spec = FTM.transaction
        used.update({spec.payer, spec.payer_account, spec.beneficiary, spec.beneficiary_account})

        def wire(party_prop: str, account_prop: str, rel_type: str) -> None:
            party = self.ids.get(str(entity.first(party_prop, quiet=True)))
            account = self.ids.get(str(entity.first(account_prop, quiet=True)))
            if account is None and party is not None \
                    and _label(party) in MODEL.rel_type(spec.holds).sources:
                number = f"ftm:{entity.first(party_prop)}"
                account = self.add_node("Account", number, {"number": number},
                                        str(entity.first(party_prop)), None)
            if account is None or _label(account) != "Account":
                if entity.first(party_prop, quiet=True) or entity.first(account_prop,
                                                                        quiet=True):
                    self.report.links_skipped += 1
                return
            ends = (account, node_id) if rel_type == spec.sent else (node_id, account)
            self.add_rel(ends[0], rel_type, ends[1], {}, entity)
            if party is not None and self._fits(spec.holds, party, account):
                self.add_rel(party, spec.holds, account, {}, entity)

        self.later.append(lambda: wire(spec.payer, spec.payer_account, spec.sent))
        self.later.append(lambda: wire(spec.beneficiary, spec.beneficiary_account,
                                       spec.paid_to))

    # ---- relationships
    def _fits(self, rel_type: str, a: str, b: str) -> bool:
        spec = MODEL.rel_type(rel_type)
        return _label(a) in spec.sources and _label(b) in spec.targets

    def add_rel(self, a: str, rel_type: str, b: str, props: dict[str, Any],
                entity: EntityProxy) -> None:
        self.rels.setdefault((a, rel_type, b), {
            "id": str(entity.id), "type": rel_type, "source": a, "target": b,
            "properties": props,
            "provenance": {"source": entity.first("publisher", quiet=True),
                           "record_id": entity.first("recordId", quiet=True) or entity.id}})
        if rel_type == "INVOLVED_IN" and props.get("role") == "victim" \
                and _label(a) == "Person":
            self.nodes.get(a, {}).get("properties", {})["protected"] = True

    def link(self, entity: EntityProxy) -> None:
        """An interval entity as the first relationship type whose ends fit."""
        schema = entity.schema
        generic = FTM.generic
        if schema.name == generic.schema:
            role = entity.first(generic.role, quiet=True)
            if role not in MODEL.relationships:
                self.report.leave_out(f"{schema.name} (role {role or 'none'})",
                                      "its role names no relationship type of the model")
                return
            candidates: list[tuple[str, str, str, dict[str, str]]] = [
                (role, generic.start, generic.end, {})]
        else:
            candidates = [(m.type, m.start, m.end, m.properties)
                          for s in _lineage(schema) for m in FTM.links_of(s)]
        if not candidates:
            self.report.leave_out(schema.name, FTM.unmapped_schemata.get(schema.name,
                                                                         DEFAULT_REASON))
            return
        _, start, end, _ = candidates[0]
        a = self.ids.get(str(entity.first(start, quiet=True)))
        b = self.ids.get(str(entity.first(end, quiet=True)))
        if a is None or b is None:
            self.report.links_skipped += 1
            return
        for rel_type, _, _, mapped in candidates:
            if not self._fits(rel_type, a, b):
                continue
            props: dict[str, Any] = {}
            link_map = FTM.links.get(rel_type)
            for ours, theirs in mapped.items():
                values = entity.get(theirs, quiet=True)
                enum = (link_map.enums or {}).get(ours) if link_map else None
                kept = self._clean(rel_type, ours, schema, theirs, values, enum, None)
                if kept:
                    props[ours] = kept[0]
            self.add_rel(a, rel_type, b, props, entity)
            return
        self.report.leave_out(f"{schema.name} ({_label(a)} -> {_label(b)})",
                              f"no relationship type of the model goes from {_label(a)} "
                              f"to {_label(b)}")


def _label(node_id: str) -> str:
    return node_id.partition(":")[0]


def to_elements(entities: Iterable[EntityProxy], report: FtmReport,
                today: dt.date | None = None) -> tuple[list[Element], list[Element]]:
    """Nodes and relationships of the entities (``report`` counts what has no place)."""
    builder = _Builder(report.source, report, today or dt.datetime.now(dt.UTC).date())
    links: list[EntityProxy] = []
    for entity in entities:
        report.schemata[entity.schema.name] += 1
        if builder.thing(entity):
            continue
        if entity.schema.edge:
            links.append(entity)
        else:
            report.leave_out(entity.schema.name,
                             FTM.unmapped_schemata.get(entity.schema.name, DEFAULT_REASON))
    for entity in links:
        builder.link(entity)
    for step in builder.later:
        step()
    return list(builder.nodes.values()), list(builder.rels.values())
