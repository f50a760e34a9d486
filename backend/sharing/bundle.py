"""Signed bundles: a saved subgraph as one JSON file for a partner instance.

Format (``format = "crosslink-bundle"``, ``format_version = 1``)::

    {"format", "format_version", "bundle_id", "instance_id", "organisation", "key_id",
     "created_at", "recipient", "subgraph": {"id", "name", "description", "version"},
     "nodes": [...], "relationships": [...], "redaction": {...}, "signature"}

Nodes and relationships are the elements of ``graph.elements`` with ``properties`` and
``provenance`` (source, record id, reliability, credibility, TLP). The signature is Ed25519
over the canonical serialisation of every other field: UTF-8 JSON with keys sorted, no
whitespace (``separators=(",", ":")``), non-ASCII kept as is (``ensure_ascii=False``),
base64-encoded into ``signature``.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import secrets
import uuid
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature

from backend.settings import Settings
from backend.sharing import keys
from backend.sharing.errors import SharingError, TamperedBundleError, UntrustedBundleError
from backend.sharing.redaction import Redaction, redact
from graph.connection import Graph
from graph.elements import BadNodeIdError
from graph.subgraphs import import_elements

FORMAT = "crosslink-bundle"
FORMAT_VERSION = 1


def canonical(document: dict[str, Any]) -> bytes:
    """The bytes that are signed: everything but ``signature``, canonical JSON."""
    body = {k: v for k, v in document.items() if k != "signature"}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False).encode("utf-8")


def sign(document: dict[str, Any], settings: Settings) -> dict[str, Any]:
    signature = keys.private_key(settings).sign(canonical(document))
    return {**document, "signature": base64.b64encode(signature).decode("ascii")}


def _data(item: Any) -> Any:
    """A saved element's fields: the chart saves cytoscape elements (``{"data": {...}}``),
    the API also takes plain ``{"id": ...}`` items or bare ids."""
    if isinstance(item, dict) and isinstance(item.get("data"), dict):
        return item["data"]
    return item


def saved_node_ids(elements: dict[str, Any]) -> list[str]:
    """Node ids of a saved subgraph's ``elements``."""
    out = []
    for item in elements.get("nodes", []):
        data = _data(item)
        value = data.get("id") if isinstance(data, dict) else data
        if isinstance(value, str):
            out.append(value)
    return out


def saved_rel_keys(elements: dict[str, Any]) -> set[str]:
    """A saved subgraph's relationships named by their ends (``rel_id``): element ids are
    local to one server, so two versions compare on these."""
    out = set()
    for item in elements.get("relationships", []):
        data = _data(item)
        if isinstance(data, dict) and data.get("source") and data.get("type"):
            out.add(rel_id(data))
        elif isinstance(data, dict) and data.get("id"):
            out.add(str(data["id"]))
        elif isinstance(data, str):
            out.add(data)
    return out


def saved_positions(elements: dict[str, Any], layout: dict[str, Any]) -> dict[str, Any]:
    """Node id -> position: the chart's own (``position`` of each node) or the layout's."""
    out = {k: v for k, v in layout.items() if isinstance(v, dict)}
    for item in elements.get("nodes", []):
        data = _data(item)
        if isinstance(item, dict) and isinstance(data, dict) and "position" in item:
            out[str(data.get("id"))] = item["position"]
    return out


def rel_id(rel: dict[str, Any]) -> str:
    """Element ids are local to one server; a bundle names a relationship by its ends."""
    return f"{rel['source']}-{rel['type']}->{rel['target']}"


def recipients(settings: Settings) -> list[str]:
    """The organisations an export may be addressed to: those of the trusted partners."""
    return sorted({p.organisation for p in keys.trusted(settings).values()})


def check_recipient(settings: Settings, recipient: str | None) -> None:
    """A named recipient must be the organisation of a trusted partner (no typo leaks)."""
    if recipient is None:
        return
    orgs = recipients(settings)
    if recipient not in orgs:
        raise SharingError(f"--to {recipient!r} is not the organisation of a trusted partner; "
                           f"known: {', '.join(orgs) or 'none'} "
                           "(add one with `crosslink keys trust NAME FILE`)", field="to")


def build_bundle(settings: Settings, subgraph: dict[str, Any], elements: dict[str, Any], *,
                 recipient: str | None, include_protected: bool = False,
                 reason: str | None = None) -> tuple[dict[str, Any], Redaction]:
    """The signed bundle of a saved subgraph (a ``backend.services.subgraphs`` dict) whose
    ``elements`` (nodes, relationships) were read from the live graph by the exporter."""
    if include_protected and not (reason and reason.strip()):
        raise SharingError("--include-protected needs --reason TEXT (it is audited)",
                           field="reason")
    check_recipient(settings, recipient)
    me = keys.identity(settings)
    nodes, rels, report = redact(elements["nodes"], elements["relationships"],
                                 recipient=recipient, include_protected=include_protected,
                                 salt=secrets.token_bytes(32))
    document = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "bundle_id": str(uuid.uuid4()),
        "instance_id": me.instance_id,
        "organisation": me.organisation,
        "key_id": me.key_id,
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "recipient": recipient,
        "subgraph": {k: subgraph.get(k) for k in ("id", "name", "description", "version")},
        "nodes": sorted(nodes, key=lambda n: n["id"]),
        "relationships": sorted(({**r, "id": rel_id(r)} for r in rels),
                                key=lambda r: r["id"]),
        "redaction": {**report.as_dict(), "reason": reason if include_protected else None},
    }
    return sign(document, settings), report


def write_bundle(document: dict[str, Any], path: Path) -> None:
    path.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n",
                    encoding="utf-8")


def read_bundle(path: Path) -> dict[str, Any]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SharingError(f"{path}: cannot read the bundle: {exc}") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SharingError(f"{path}: not a Crosslink bundle (not UTF-8 JSON: {exc})") from exc
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise SharingError(f"{path}: not a Crosslink bundle (no \"format\": \"{FORMAT}\")")
    return document


def verify(document: dict[str, Any], settings: Settings) -> keys.Identity:
    """The trusted partner who signed ``document``; raises if untrusted or tampered."""
    if document.get("format_version") != FORMAT_VERSION:
        raise SharingError(f"bundle format version {document.get('format_version')!r} is not "
                           f"supported (this instance reads {FORMAT_VERSION})")
    partner = keys.trusted_by_key_id(settings, str(document.get("key_id")))
    if partner is None:
        raise UntrustedBundleError(
            f"bundle from instance {document.get('instance_id')!r} "
            f"({document.get('organisation')!r}) is signed with key {document.get('key_id')!r}, "
            "which this instance does not trust; ask the partner for their identity file "
            "(`crosslink keys show --out FILE`) and run `crosslink keys trust NAME FILE`")
    try:
        signature = base64.b64decode(str(document.get("signature")), validate=True)
        keys.public_key(partner).verify(signature, canonical(document))
    except (InvalidSignature, ValueError) as exc:
        raise TamperedBundleError(
            f"bundle {document.get('bundle_id')!r}: the signature does not match its content "
            f"(changed after signing, or not signed by {partner.instance_id}); refused, "
            "nothing imported") from exc
    if partner.instance_id != document.get("instance_id"):
        raise TamperedBundleError(
            f"bundle says it comes from {document.get('instance_id')!r} but is signed by "
            f"trusted partner {partner.instance_id!r}; refused")
    return partner


def import_bundle(graph: Graph, settings: Settings, document: dict[str, Any]
                  ) -> dict[str, Any]:
    """Verify and MERGE a bundle's elements; the partner instance becomes their source."""
    partner = verify(document, settings)
    me = keys.identity(settings)
    recipient = document.get("recipient")
    if recipient and recipient != me.organisation:
        raise SharingError(f"bundle is addressed to {recipient!r}; this instance belongs to "
                           f"{me.organisation!r}: refused, nothing imported")
    origin = f"partner:{partner.instance_id}"
    try:
        counters = import_elements(graph, document.get("nodes", []),
                                   document.get("relationships", []), origin=origin,
                                   batch_id=f"bundle:{document.get('bundle_id')}")
    except (BadNodeIdError, KeyError) as exc:
        raise SharingError(f"bundle {document.get('bundle_id')!r}: {exc}") from exc
    return {"bundle_id": document.get("bundle_id"), "from": partner.instance_id,
            "source": origin, "nodes": len(document.get("nodes", [])),
            "relationships": len(document.get("relationships", [])), **counters}
