"""Redaction rules as pure functions (no database)."""

from __future__ import annotations

from typing import Any

from backend.sharing.bundle import canonical
from backend.sharing.redaction import redact


def node(node_id: str, tlp: str, **props: Any) -> dict[str, Any]:
    label = node_id.split(":")[0]
    return {"id": node_id, "label": label, "caption": node_id, "properties": props,
            "provenance": {"tlp": tlp, "source": "src", "record_id": "R"}}


def rel(source: str, rel_type: str, target: str, tlp: str = "GREEN") -> dict[str, Any]:
    return {"id": f"{source}-{rel_type}->{target}", "type": rel_type, "source": source,
            "target": target, "properties": {}, "provenance": {"tlp": tlp}}


NODES = [
    node("Person:s:V", "AMBER", uid="s:V", full_name="Victim", protected=True,
         date_of_birth="2001-01-01", nationality="GT"),
    node("Person:s:R", "RED", uid="s:R", full_name="Informant"),
    node("RecruitmentAgency:s:A", "AMBER+STRICT", uid="s:A", name="Agency"),
    node("Case:s:C", "GREEN", uid="s:C", title="Case"),
    node("Document:passport|GT|1", "AMBER", key="passport|GT|1", number="1"),
]
RELS = [rel("Person:s:V", "INVOLVED_IN", "Case:s:C"),
        rel("Person:s:R", "INVOLVED_IN", "Case:s:C"),
        rel("Person:s:V", "RECRUITED_BY", "RecruitmentAgency:s:A"),
        rel("Person:s:V", "HAS_DOCUMENT", "Document:passport|GT|1"),
        rel("Case:s:C", "REPORTED_BY", "Case:s:C", tlp="RED")]


def test_red_never_leaves_and_strict_needs_a_recipient() -> None:
    nodes, rels, report = redact(NODES, RELS, recipient=None, include_protected=False,
                                 salt=b"s")
    ids = {n["id"] for n in nodes}
    assert "Person:s:R" not in ids and "RecruitmentAgency:s:A" not in ids
    assert report.red_dropped == 2 and report.strict_dropped == 1
    assert all(r["provenance"]["tlp"] != "RED" for r in rels)
    assert {r["type"] for r in rels} == {"INVOLVED_IN"}
    nodes, _, _ = redact(NODES, RELS, recipient="mx", include_protected=False, salt=b"s")
    assert "RecruitmentAgency:s:A" in {n["id"] for n in nodes}


def test_protected_person_is_pseudonymised_consistently() -> None:
    nodes, rels, report = redact(NODES, RELS, recipient="mx", include_protected=False,
                                 salt=b"salt")
    victim = next(n for n in nodes if n["properties"].get("pseudonymised"))
    assert victim["id"].startswith("Person:pseudo:")
    assert set(victim["properties"]) == {"uid", "protected", "nationality", "pseudonymised"}
    assert "record_id" not in victim["provenance"]
    assert {r["source"] for r in rels if r["type"] != "REPORTED_BY"} == {victim["id"]}
    assert "Document:passport|GT|1" not in {n["id"] for n in nodes}
    assert report.pseudonymised == 1 and report.documents_dropped == 1
    again, _, _ = redact(NODES, RELS, recipient="mx", include_protected=False, salt=b"salt")
    other, _, _ = redact(NODES, RELS, recipient="mx", include_protected=False, salt=b"pepper")
    pseudo = {n["id"] for n in again if n["id"].startswith("Person:pseudo:")}
    assert pseudo == {victim["id"]}
    assert victim["id"] not in {n["id"] for n in other}


def test_include_protected_keeps_identity() -> None:
    nodes, _, report = redact(NODES, RELS, recipient="mx", include_protected=True, salt=b"s")
    assert "Person:s:V" in {n["id"] for n in nodes}
    assert report.protected_included == ["Person:s:V"] and report.pseudonymised == 0


def test_canonical_form_ignores_key_order_and_the_signature() -> None:
    one = canonical({"b": 1, "a": "é", "signature": "x"})
    two = canonical({"a": "é", "b": 1})
    assert one == two == '{"a":"é","b":1}'.encode()
