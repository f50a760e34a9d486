"""Linking cases from facts: pure functions, no database."""

from __future__ import annotations

from typing import Any

from graph.networks.evidence import Evidence
from graph.networks.linking import link_cases
from graph.networks.profile import indicators, money, score, unlicensed_agencies

PROV = {"source": "gt-pnc", "reliability": "B", "credibility": "2", "tlp": "AMBER"}


def case(uid: str, jurisdiction: str, *codes: str) -> dict[str, Any]:
    return {"uid": uid, "jurisdiction": jurisdiction, "authority": f"AU-{jurisdiction}",
            "title": uid, "indicators": list(codes), "element_id": f"e-{uid}"}


def involved(case_uid: str, actor: str, role: str = "suspect", label: str = "Person",
             **extra: Any) -> dict[str, Any]:
    return {"case": case_uid, "actor": actor, "role": role, "label": label, "name": actor,
            "element_id": f"e-{actor}", "rel_element_id": f"r-{actor}-{case_uid}",
            "license_status": None, "license_country": None, **PROV, **extra}


def uses(actor: str, label: str, key: str, rel: str = "USES") -> dict[str, Any]:
    return {"actor": actor, "rel": rel, "label": label, "key": key, "caption": key,
            "element_id": f"e-{key}", "rel_element_id": f"r-{actor}-{key}", **PROV}


def test_a_shared_phone_links_two_cases_with_its_provenance() -> None:
    ev = Evidence(cases=[case("c1", "GT"), case("c2", "MX"), case("c3", "MX")],
                  involvements=[involved("c1", "a"), involved("c2", "b"), involved("c3", "c")],
                  identifiers=[uses("a", "Phone", "+50255551234"),
                               uses("b", "Phone", "+50255551234"),
                               uses("c", "Phone", "+5215500000000")])
    result = link_cases(ev, hub_cap=8)
    assert result.groups == [["c1", "c2"]]
    (link,) = result.links
    assert (link.kind, link.label, link.key, link.cases) == (
        "identifier", "Phone", "+50255551234", ["c1", "c2"])
    assert {(f.case, f.statement, f.source, f.reliability, f.credibility, f.tlp)
            for f in link.facts} == {
        ("c1", "a USES Phone +50255551234", "gt-pnc", "B", "2", "AMBER"),
        ("c2", "b USES Phone +50255551234", "gt-pnc", "B", "2", "AMBER")}


def test_an_identifier_touched_by_more_cases_than_the_cap_is_a_hub() -> None:
    cases = [case(f"c{i}", "GT" if i % 2 else "MX") for i in range(10)]
    ev = Evidence(cases=cases, involvements=[involved(f"c{i}", f"a{i}") for i in range(10)],
                  identifiers=[uses(f"a{i}", "Account", "BANK-CLEARING", "PAID_TO")
                               for i in range(10)])
    result = link_cases(ev, hub_cap=8)
    assert result.groups == []
    assert result.hubs == [{"label": "Account", "key": "BANK-CLEARING",
                            "caption": "BANK-CLEARING", "cases": 10}]
    assert link_cases(ev, hub_cap=10).groups == [sorted(c["uid"] for c in cases)]


def test_confirmed_same_as_joins_the_cases_of_two_records() -> None:
    ev = Evidence(cases=[case("c1", "GT"), case("c2", "MX")],
                  involvements=[involved("c1", "gt:P-1"), involved("c2", "mx:10")],
                  same_as=[{"a": "gt:P-1", "b": "mx:10", "method": "auto", "element_id": "s1"}])
    result = link_cases(ev, hub_cap=8)
    assert result.groups == [["c1", "c2"]]
    (link,) = result.links
    assert link.kind == "actor" and link.same_as[0]["method"] == "auto"
    assert "s1" in link.element_ids
    assert link_cases(Evidence(cases=ev.cases, involvements=ev.involvements), 8).groups == []


def test_an_actor_in_many_cases_still_links_them_but_a_busy_associate_does_not() -> None:
    cases = [case(f"c{i}", "GT") for i in range(12)]
    inv = [involved(f"c{i}", "boss") for i in range(12)]
    inv += [involved(f"c{i}", f"v{i}", "victim") for i in range(12)]
    big_employer = [{"actor": f"v{i}", "other": "farm", "rel": "EMPLOYED_BY", "country": "MX",
                     "other_label": "Employer", "other_name": "Big Farm",
                     "other_element_id": "e-farm", "rel_element_id": f"r-{i}",
                     "other_license_status": None, "other_license_country": None, **PROV}
                    for i in range(12)]
    result = link_cases(Evidence(cases=cases, involvements=inv, associates=big_employer), 8)
    assert result.groups == [sorted(c["uid"] for c in cases)]
    assert [h["caption"] for h in result.hubs] == ["Big Farm"]


def test_cases_linked_in_a_chain_form_one_network() -> None:
    ev = Evidence(cases=[case("c1", "GT"), case("c2", "MX"), case("c3", "US")],
                  involvements=[involved("c1", "a"), involved("c2", "b"), involved("c3", "c")],
                  identifiers=[uses("a", "Email", "x@y.gt"), uses("b", "Email", "x@y.gt"),
                               uses("b", "Document", "passport|GT|A1", "RETAINS"),
                               uses("c", "Document", "passport|GT|A1", "HAS_DOCUMENT")])
    assert link_cases(ev, 8).groups == [["c1", "c2", "c3"]]


def test_indicators_money_agencies_and_score() -> None:
    found = indicators([case("c1", "GT", "debt_bondage", "deception"),
                        case("c2", "MX", "debt_bondage")])
    assert found == [{"indicator": "debt_bondage", "cases": 2, "core": True},
                     {"indicator": "deception", "cases": 1, "core": False}]
    assert money([{"tx": "t1", "amount": 100.0, "currency": "USD"},
                  {"tx": "t1", "amount": 100.0, "currency": "USD"},
                  {"tx": "t2", "amount": 50.5, "currency": "MXN"}]) == [
        {"currency": "MXN", "amount": 50.5, "transactions": 1},
        {"currency": "USD", "amount": 100.0, "transactions": 1}]
    cases = {"c1": case("c1", "GT"), "c2": case("c2", "MX")}
    agencies = unlicensed_agencies(
        ["c1", "c2"], cases,
        [involved("c1", "ag1", label="RecruitmentAgency", license_status="licensed",
                  license_country="GT"),
         involved("c2", "ag1", label="RecruitmentAgency", license_status="licensed",
                  license_country="GT"),
         involved("c1", "ag2", label="RecruitmentAgency", license_status="revoked",
                  license_country="GT"),
         involved("c1", "ag3", label="RecruitmentAgency", license_status="licensed",
                  license_country="GT")], [])
    assert [(a["uid"], a["reason"]) for a in agencies] == [
        ("ag1", "works in MX; licensed in GT only"), ("ag2", "licence revoked")]
    # records of one agency (SAME_AS) are one agency: one source's revoked licence counts
    merged = unlicensed_agencies(
        ["c1", "c2"], cases,
        [involved("c1", "ag1", label="RecruitmentAgency", license_status="licensed",
                  license_country="GT"),
         involved("c2", "ag2", label="RecruitmentAgency", license_status="revoked",
                  license_country="GT", name="Agencia Sol")], [],
        entity_of={"ag1": "ag1", "ag2": "ag1"})
    assert [(a["uid"], a["records"], a["also_named"], a["reason"]) for a in merged] == [
        ("ag1", ["ag1", "ag2"], ["Agencia Sol"], "licence revoked")]
    total, parts = score(2, 2, found, 2, 9)
    assert parts == {"jurisdictions": 3.0, "cases": 2.0, "core_indicators": 2.0,
                     "other_indicators": 0.5, "unlicensed_agencies": 4.0, "money": 1.0}
    assert total == 12.5
