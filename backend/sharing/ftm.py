"""Writing FollowTheMoney (FtM) entities, one JSON object a line, built and validated with the
``followthemoney`` library, as ``graph/ftm_mapping.yaml`` says.

Nodes become entities of their label's schema (Person, Company, CourtCase, BankAccount, Trip,
Identification, Address, Vehicle, UserAccount for phones and e-mails, ...); a Transaction is a
Payment whose payerAccount and beneficiaryAccount are the accounts it was SENT from and PAID_TO
(and whose payer and beneficiary hold them); relationships become interval entities
(INVOLVED_IN a CourtCaseParty with its role, OWNS an Ownership, ...; any other an UnknownLink
whose ``role`` is the relationship type). Entity ids are ``xl-<Label>-<key in hex>`` so that
an import into Crosslink restores every node under its own key (``node_key_of``). Reading FtM
is ``backend.sharing.ftm_import``.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

from followthemoney import model
from followthemoney.exc import InvalidData
from followthemoney.proxy import EntityProxy

from backend.sharing.errors import SharingError
from graph.elements import parse_node_id
from graph.ftm_mapping import FTM
from graph.model import MODEL

_ID = re.compile(r"^xl-([A-Za-z]+)-([0-9a-f]+)$")


def entity_id(node_id: str) -> str:
    label, _, key = parse_node_id(node_id)
    readable = f"xl-{label}-{key.encode('utf-8').hex()}"
    if len(readable) <= 200:
        return readable
    return f"xl-{label}-h{hashlib.sha256(key.encode('utf-8')).hexdigest()}"


def node_key_of(ftm_id: str) -> tuple[str, str] | None:
    """(label, key) of an entity this instance exported, else None."""
    match = _ID.match(ftm_id)
    if not match or match.group(1) not in MODEL.nodes:
        return None
    try:
        return match.group(1), bytes.fromhex(match.group(2)).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        return None


def _checked(entity: EntityProxy) -> dict[str, Any]:
    data = entity.to_dict()
    try:
        entity.schema.validate({"properties": data["properties"]})
    except InvalidData as exc:
        raise SharingError(f"entity {entity.id} ({entity.schema.name}) is not valid FtM: "
                           f"{exc}") from exc
    return data


def _values(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def node_entity(node: dict[str, Any]) -> EntityProxy:
    spec = FTM.labels[node["label"]]
    entity = model.make_entity(spec.schema)
    entity.id = entity_id(node["id"])
    for ours, theirs in spec.properties.items():
        for v in _values(node["properties"].get(ours)):
            entity.add(theirs[0], v, quiet=True)
    if entity.schema.get("name") and not entity.has("name"):
        entity.add("name", _values(node.get("caption")), quiet=True)
    entity.add("publisher", _values(node.get("provenance", {}).get("source")), quiet=True)
    return entity


def _rel_id(rel: dict[str, Any]) -> str:
    return "xl-rel-" + hashlib.sha256(
        f"{rel['source']}|{rel['type']}|{rel['target']}".encode()).hexdigest()[:40]


def link_entity(rel: dict[str, Any]) -> EntityProxy:
    link = FTM.links.get(rel["type"])
    generic = FTM.generic
    entity = model.make_entity(link.schema if link else generic.schema)
    entity.id = _rel_id(rel)
    entity.add(link.start if link else generic.start, entity_id(rel["source"]))
    entity.add(link.end if link else generic.end, entity_id(rel["target"]))
    if link:
        for ours, theirs in link.properties.items():
            entity.add(theirs, _values(rel["properties"].get(ours)), quiet=True)
    else:
        entity.add(generic.role, rel["type"])
    entity.add("publisher", _values(rel.get("provenance", {}).get("source")), quiet=True)
    entity.add("recordId", _values(rel.get("provenance", {}).get("record_id")), quiet=True)
    return entity


def _add_payment_ends(payments: dict[str, EntityProxy], rels: list[dict[str, Any]]) -> set[int]:
    """Put the accounts (SENT, PAID_TO) and their holders on each Payment; the positions of
    the relationships the Payments now carry."""
    spec = FTM.transaction
    carried: set[int] = set()
    holders: dict[str, str] = {}
    for r in rels:
        if r["type"] == spec.holds:
            holders.setdefault(r["target"], r["source"])
    for i, r in enumerate(rels):
        if r["type"] == spec.sent and r["target"] in payments:
            payment, account = payments[r["target"]], r["source"]
            account_prop, party_prop = spec.payer_account, spec.payer
        elif r["type"] == spec.paid_to and r["source"] in payments:
            payment, account = payments[r["source"]], r["target"]
            account_prop, party_prop = spec.beneficiary_account, spec.beneficiary
        else:
            continue
        payment.add(account_prop, entity_id(account))
        if account in holders:
            payment.add(party_prop, entity_id(holders[account]))
        carried.add(i)
    return carried


def to_entities(nodes: list[dict[str, Any]], rels: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every node and relationship as a validated FtM entity dict."""
    entities = {n["id"]: node_entity(n) for n in nodes}
    payments = {i: e for i, e in entities.items()
                if parse_node_id(i)[0] == FTM.transaction.label}
    carried = _add_payment_ends(payments, rels)
    return ([_checked(e) for e in entities.values()]
            + [_checked(link_entity(r)) for i, r in enumerate(rels) if i not in carried])


def ftm_lines(nodes: list[dict[str, Any]], rels: list[dict[str, Any]]) -> list[str]:
    """The entities as JSON lines (each ending with a newline)."""
    return [json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n"
            for data in to_entities(nodes, rels)]


def write_ftm(nodes: list[dict[str, Any]], rels: list[dict[str, Any]], path: Path) -> int:
    lines = ftm_lines(nodes, rels)
    with path.open("w", encoding="utf-8") as handle:
        handle.writelines(lines)
    return len(lines)
