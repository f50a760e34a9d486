"""What may leave the instance in a bundle (pure functions, no database).

- TLP:RED never leaves: RED nodes, RED relationships and every relationship touching a RED
  node are dropped.
- TLP:AMBER+STRICT leaves only in a bundle addressed to a named recipient organisation
  (``recipient``); without one it is dropped like RED.
- Protected persons (``protected = true``) are pseudonymised unless ``include_protected``:
  their id becomes ``Person:pseudo:<16 hex>`` (HMAC-SHA256 of the uid with a per-bundle salt
  that is not kept, so it is stable within one bundle and cannot be linked across bundles),
  their identifying properties and record id are removed, and the documents they hold
  (``HAS_DOCUMENT``) are dropped since a passport number names its holder.

This is the export rule (nothing RED leaves, whoever exports); who may *see* a RED element
is the access rule of ``graph.access``. Both take the TLP names from there.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass, field
from typing import Any

from backend.services.protection import IDENTIFYING, identifying_values, unquoted
from graph.access import AMBER_STRICT, RED

PSEUDO_PREFIX = "Person:pseudo:"


@dataclass
class Redaction:
    """Counts of what was left out or changed, written into the bundle."""

    red_dropped: int = 0
    strict_dropped: int = 0
    pseudonymised: int = 0
    documents_dropped: int = 0
    relationships_dropped: int = 0
    protected_included: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def pseudonym(uid: str, salt: bytes) -> str:
    return hmac.new(salt, uid.encode("utf-8"), hashlib.sha256).hexdigest()[:16]


def _tlp(element: dict[str, Any]) -> str:
    return str(element.get("provenance", {}).get("tlp") or "")


def _leaves(element: dict[str, Any], recipient: str | None, report: Redaction) -> bool:
    tlp = _tlp(element)
    if tlp == RED:
        report.red_dropped += 1
        return False
    if tlp == AMBER_STRICT and not recipient:
        report.strict_dropped += 1
        return False
    return True


def _is_protected(node: dict[str, Any]) -> bool:
    return node.get("label") == "Person" and bool(node.get("properties", {}).get("protected"))


def pseudonymised_ids(nodes: list[dict[str, Any]], salt: bytes) -> dict[str, str]:
    """The new id of every protected person among ``nodes`` (an export made with ``salt``
    without ``include_protected`` gives them these ids)."""
    return {n["id"]: PSEUDO_PREFIX + pseudonym(str(n["properties"].get("uid") or n["id"]), salt)
            for n in nodes if _is_protected(n)}


def redact(nodes: list[dict[str, Any]], relationships: list[dict[str, Any]], *,
           recipient: str | None, include_protected: bool, salt: bytes
           ) -> tuple[list[dict[str, Any]], list[dict[str, Any]], Redaction]:
    """The elements that may go into a bundle for ``recipient``, and what was done."""
    report = Redaction()
    kept = [n for n in nodes if _leaves(n, recipient, report)]
    renamed: dict[str, str] = {}
    new_ids = {} if include_protected else pseudonymised_ids(kept, salt)
    out_nodes: list[dict[str, Any]] = []
    for node in kept:
        if _is_protected(node) and include_protected:
            report.protected_included.append(node["id"])
        elif _is_protected(node):
            new_id = new_ids[node["id"]]
            renamed[node["id"]] = new_id
            props = {k: v for k, v in node["properties"].items()
                     if k not in IDENTIFYING and k != "uid"}
            prov = {k: v for k, v in node.get("provenance", {}).items() if k != "record_id"}
            node = {**node, "id": new_id, "caption": "protected person",
                    "properties": {**props, "uid": new_id.removeprefix("Person:"),
                                   "pseudonymised": True},
                    "provenance": prov}
            report.pseudonymised += 1
        out_nodes.append(node)
    held = {r["target"] for r in relationships
            if r["type"] == "HAS_DOCUMENT" and r["source"] in renamed}
    if held:
        report.documents_dropped = sum(1 for n in out_nodes if n["id"] in held)
        out_nodes = [n for n in out_nodes if n["id"] not in held]
    present = {n["id"] for n in out_nodes} | set(renamed)
    quoted = identifying_values(kept, set(renamed))
    out_rels: list[dict[str, Any]] = []
    for rel in relationships:
        if not _leaves(rel, recipient, report):
            continue
        if rel["source"] not in present or rel["target"] not in present:
            report.relationships_dropped += 1
            continue
        out_rels.append({**unquoted(rel, quoted),
                         "source": renamed.get(rel["source"], rel["source"]),
                         "target": renamed.get(rel["target"], rel["target"])})
    return out_nodes, out_rels, report
