"""FollowTheMoney (FtM) entities, one JSON object a line, built and validated with the
``followthemoney`` library.

Nodes become entities of the schema ``SCHEMAS`` names (Person, Company, CourtCase,
BankAccount, Payment, Trip, Passport/Identification, Address, Vehicle, UserAccount for phones
and e-mails, ...); relationships become interval entities: INVOLVED_IN a CourtCaseParty (with
the role), OWNS an Ownership, DIRECTS a Directorship, EMPLOYED_BY an Employment, any other an
UnknownLink whose ``role`` is the relationship type. Entity ids are ``xl-<Label>-<key in
hex>`` so an import into Crosslink restores every node under its own key; entities from other
tools get ``uid = "ftm:<entity id>"``. ``publisher`` carries the record's source.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from followthemoney import model
from followthemoney.proxy import EntityProxy

from backend.sharing.errors import SharingError
from graph.elements import parse_node_id
from graph.model import MODEL

# label -> (schema, {Crosslink property: FtM property}); the caption also goes to ``name``.
SCHEMAS: dict[str, tuple[str, dict[str, str]]] = {
    "Case": ("CourtCase", {"title": "name", "status": "status", "jurisdiction": "country",
                           "opened_on": "fileDate", "exploitation_type": "category",
                           "summary": "summary"}),
    "Person": ("Person", {"full_name": "name", "aliases": "alias", "gender": "gender",
                          "date_of_birth": "birthDate", "nationality": "nationality"}),
    "RecruitmentAgency": ("Company", {"name": "name", "license_number": "registrationNumber",
                                      "license_country": "jurisdiction",
                                      "license_status": "status"}),
    "Employer": ("Company", {"name": "name", "registration_number": "registrationNumber",
                             "country": "country", "sector": "sector"}),
    "Account": ("BankAccount", {"number": "accountNumber", "bank": "bankName",
                                "country": "country"}),
    "Transaction": ("Payment", {"amount": "amount", "currency": "currency", "date": "date",
                                "reference": "purpose"}),
    "TravelLeg": ("Trip", {"departed_on": "startDate", "arrived_on": "endDate"}),
    "Location": ("Address", {"name": "name", "country": "country", "lat": "latitude",
                             "lon": "longitude"}),
    "Phone": ("UserAccount", {"e164": "phone", "country": "country"}),
    "Email": ("UserAccount", {"address": "email"}),
    "Document": ("Identification", {"type": "type", "country": "country",
                                    "number": "number"}),
    "Address": ("Address", {"text": "full", "country": "country"}),
    "Vehicle": ("Vehicle", {"plate": "registrationNumber", "country": "country",
                            "kind": "type"}),
    "Advertisement": ("Article", {"text": "bodyText", "posted_on": "publishedAt",
                                  "url": "sourceUrl", "platform": "publisher"}),
    "Authority": ("PublicBody", {"name": "name", "country": "country"}),
    "Source": ("Organization", {"name": "name", "country": "country"}),
}
# FtM schema of entities from elsewhere -> label (the first label using it above).
LABELS: dict[str, str] = {}
for _label, (_schema, _) in SCHEMAS.items():
    LABELS.setdefault(_schema, _label)
LABELS.update({"Company": "Employer", "Organization": "Employer", "LegalEntity": "Employer",
               "Passport": "Document"})

# relationship type -> (schema, start property, end property)
LINKS: dict[str, tuple[str, str, str]] = {
    "INVOLVED_IN": ("CourtCaseParty", "party", "case"),
    "OWNS": ("Ownership", "owner", "asset"),
    "DIRECTS": ("Directorship", "director", "organization"),
    "EMPLOYED_BY": ("Employment", "employee", "employer"),
}
GENERIC_LINK = ("UnknownLink", "subject", "object")
_ID = re.compile(r"^xl-([A-Za-z]+)-([0-9a-f]+)$")


def entity_id(node_id: str) -> str:
    label, _, key = parse_node_id(node_id)
    readable = f"xl-{label}-{key.encode('utf-8').hex()}"
    if len(readable) <= 200:
        return readable
    return f"xl-{label}-h{hashlib.sha256(key.encode('utf-8')).hexdigest()}"


def node_id_of(entity: EntityProxy) -> str:
    """The Crosslink node id of an entity (its own for ``xl-`` ids, else ``ftm:<id>``)."""
    match = _ID.match(entity.id or "")
    if match and match.group(1) in MODEL.nodes:
        return f"{match.group(1)}:{bytes.fromhex(match.group(2)).decode('utf-8')}"
    label = LABELS.get(entity.schema.name)
    if label is None:
        for parent in entity.schema.schemata:
            label = label or LABELS.get(parent.name)
    if label is None:
        raise SharingError(f"entity {entity.id}: schema {entity.schema.name} has no Crosslink "
                           "label", field="schema")
    return f"{label}:ftm:{entity.id}"


def _checked(entity: EntityProxy) -> dict[str, Any]:
    data = entity.to_dict()
    error = entity.schema.validate({"properties": data["properties"]})
    if error:
        raise SharingError(f"entity {entity.id} ({entity.schema.name}) is not valid FtM: "
                           f"{error}")
    return data


def _values(value: Any) -> list[Any]:
    if value is None or value == "":
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def node_entity(node: dict[str, Any]) -> EntityProxy:
    schema, props = SCHEMAS[node["label"]]
    entity = model.make_entity(schema)
    entity.id = entity_id(node["id"])
    for ours, theirs in props.items():
        for v in _values(node["properties"].get(ours)):
            entity.add(theirs, v, quiet=True)
    if entity.schema.get("name") and not entity.has("name"):
        entity.add("name", _values(node.get("caption")), quiet=True)
    entity.add("publisher", _values(node.get("provenance", {}).get("source")), quiet=True)
    return entity


def link_entity(rel: dict[str, Any]) -> EntityProxy:
    schema, start, end = LINKS.get(rel["type"], GENERIC_LINK)
    entity = model.make_entity(schema)
    entity.id = "xl-rel-" + hashlib.sha256(
        f"{rel['source']}|{rel['type']}|{rel['target']}".encode()).hexdigest()[:40]
    entity.add(start, entity_id(rel["source"]))
    entity.add(end, entity_id(rel["target"]))
    role = rel["properties"].get("role") if rel["type"] == "INVOLVED_IN" else rel["type"]
    entity.add("role", _values(role), quiet=True)
    entity.add("publisher", _values(rel.get("provenance", {}).get("source")), quiet=True)
    entity.add("recordId", _values(rel.get("provenance", {}).get("record_id")), quiet=True)
    return entity


def to_entities(nodes: list[dict[str, Any]], rels: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every node and relationship as a validated FtM entity dict."""
    return ([_checked(node_entity(n)) for n in nodes]
            + [_checked(link_entity(r)) for r in rels])


def write_ftm(nodes: list[dict[str, Any]], rels: list[dict[str, Any]], path: Path) -> int:
    entities = to_entities(nodes, rels)
    with path.open("w", encoding="utf-8") as handle:
        for data in entities:
            handle.write(json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n")
    return len(entities)


def read_ftm(lines: Iterable[str], name: str = "<ftm>") -> list[EntityProxy]:
    """Parse and validate JSON lines; an error names the line and what is wrong."""
    out: list[EntityProxy] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            schema = model.get(data.get("schema", ""))
            if schema is None:
                raise ValueError(f"unknown schema {data.get('schema')!r}")
            error = schema.validate(data)
            if error:
                raise ValueError(error)
            out.append(model.get_proxy(data))
        except (json.JSONDecodeError, ValueError, TypeError, AttributeError) as exc:
            raise SharingError(f"{name}, line {number}: not a valid FtM entity: {exc}") from exc
    return out


def _props(label: str, entity: EntityProxy) -> dict[str, Any]:
    _, mapping = SCHEMAS[label]
    props: dict[str, Any] = {}
    for ours, theirs in mapping.items():
        if not entity.schema.get(theirs):
            continue
        values = entity.get(theirs, quiet=True)
        if values:
            props[ours] = values if ours == "aliases" else values[0]
    if label == "Person" and "full_name" not in props and entity.get("name"):
        props["full_name"] = entity.first("name")
    return props


def to_elements(entities: list[EntityProxy]) -> tuple[list[dict[str, Any]],
                                                      list[dict[str, Any]], int]:
    """Crosslink nodes and relationships of FtM entities; also how many links were skipped
    (an UnknownLink whose role is no Crosslink relationship type, or whose ends are absent)."""
    nodes: dict[str, dict[str, Any]] = {}
    ids: dict[str, str] = {}
    links = [e for e in entities if e.schema.edge or e.schema.name in
             {s for s, _, _ in LINKS.values()} | {GENERIC_LINK[0]}]
    link_ids = {e.id for e in links}
    for entity in entities:
        if entity.id in link_ids:
            continue
        node_id = node_id_of(entity)
        label, key, key_value = parse_node_id(node_id)
        ids[str(entity.id)] = node_id
        props = {key: key_value, **_props(label, entity)}
        nodes[node_id] = {"id": node_id, "label": label, "properties": props,
                          "provenance": {"source": entity.first("publisher", quiet=True)}}
    rels: list[dict[str, Any]] = []
    skipped = 0
    by_schema = {s: (t, a, b) for t, (s, a, b) in LINKS.items()}
    for entity in links:
        if entity.schema.name in by_schema:
            rel_type, start, end = by_schema[entity.schema.name]
            props = {"role": entity.first("role")} if rel_type == "INVOLVED_IN" else {}
        else:
            rel_type, (_, start, end) = str(entity.first("role") or ""), GENERIC_LINK
            props = {}
        a, b = ids.get(str(entity.first(start))), ids.get(str(entity.first(end)))
        if rel_type not in MODEL.relationships or a is None or b is None:
            skipped += 1
            continue
        rels.append({"id": entity.id, "type": rel_type, "source": a, "target": b,
                     "properties": {k: v for k, v in props.items() if v},
                     "provenance": {"source": entity.first("publisher", quiet=True),
                                    "record_id": entity.first("recordId", quiet=True)}})
    return list(nodes.values()), rels, skipped
