"""``crosslink import ftm`` on an Aleph/OpenSanctions-style export, built with the
followthemoney package's own model: every thing and interval schema such an export holds,
imported into the real Neo4j and checked as a user would (nodes, relationships, amounts, the
report's unmapped list); the imported persons are resolved against another source's."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from followthemoney import model

from backend.sharing import ftm, ftm_import
from graph.connection import Graph
from tests.helpers import run_cli
from tests.ingest.samples import write_csv

from .conftest import cli

IBAN = "GT82TRAJ01020000001210029690"


def _entity(schema: str, entity_id: str, **props: Any) -> dict[str, Any]:
    entity = model.make_entity(schema)
    entity.id = entity_id
    for prop, value in props.items():
        entity.add(prop, value)
    return entity.to_dict()


def export_file(path: Path) -> Path:
    """One entity of every schema an Aleph or OpenSanctions export holds, a bad line (8)."""
    entities = [
        _entity("Person", "os-p1", name="Rosa Elena Ixcot", birthDate="1984-06-09",
                nationality="gt", phone="+502 5123 4567", email="Rosa.Ixcot@example.org",
                address="3a Calle 5-10, Quetzaltenango", idNumber="1234 56789 0901"),
        _entity("Person", "os-p2", firstName="Pedro", lastName="Tun", birthDate="2015-01-01"),
        _entity("Company", "os-c1", name="Transportes Frontera S.A.", jurisdiction="mx",
                registrationNumber="TFR-990101", addressEntity="os-a1",
                incorporationDate="1999-01-01"),
        _entity("Organization", "os-o1", name="Fundación Puente", country="gt"),
        _entity("LegalEntity", "os-l1", name="Inversiones Lago Ltd", country="pa"),
        _entity("Address", "os-a1", full="Av. Central 12, Tapachula", country="mx"),
        _entity("BankAccount", "os-b1", iban=IBAN, bankName="Banco Rural"),
        _entity("BankAccount", "os-b2", accountNumber="0012-3456-78", bankName="Banamex",
                country="mx"),
        # line 9 is not JSON at all (below); these follow it
        _entity("Vessel", "os-v1", name="Estrella del Mar", imoNumber="IMO 9074729", flag="pa"),
        _entity("Vehicle", "os-t1", registrationNumber="C 123 BCD", country="gt", type="bus"),
        _entity("Passport", "os-pp1", holder="os-p1", number="A 123 456", country="gt"),
        _entity("Identification", "os-id1", holder="os-p1", number="2456 78901 0101",
                country="gt", type="DPI"),
        _entity("UserAccount", "os-u1", owner="os-c1", phone="+52 962 123 4567"),
        _entity("Payment", "os-pay1", payer="os-c1", payerAccount="os-b2",
                beneficiary="os-p1", beneficiaryAccount="os-b1", amount="5689.85",
                currency="USD", date="2024-03-25", purpose="adelanto"),
        _entity("Payment", "os-pay2", payer="os-l1", beneficiary="os-c1", amount="12000",
                currency="MXN", date="2024-04-02"),
        _entity("Ownership", "os-own1", owner="os-p1", asset="os-c1", percentage="60"),
        _entity("Ownership", "os-own2", owner="os-c1", asset="os-b2"),
        _entity("Directorship", "os-dir1", director="os-p1", organization="os-l1",
                role="director"),
        _entity("Employment", "os-emp1", employee="os-p2", employer="os-c1",
                startDate="2023-11-02"),
        _entity("Membership", "os-mem1", member="os-p1", organization="os-o1"),
        _entity("Family", "os-fam1", person="os-p1", relative="os-p2", relationship="aunt"),
        _entity("Associate", "os-ass1", person="os-p1", associate="os-p2"),
        _entity("Representation", "os-rep1", agent="os-o1", client="os-p2"),
        _entity("UnknownLink", "os-unk1", subject="os-p1", object="os-o1", role="donor"),
        _entity("Sanction", "os-san1", entity="os-c1", authority="OFAC"),
    ]
    lines = [json.dumps(e, ensure_ascii=False) for e in entities]
    lines.insert(8, '{"id": "os-broken", "schema": "Person", ')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_an_aleph_export_imports_every_schema(graph: Graph, crosslink_env: dict[str, str],
                                               tmp_path: Path) -> None:
    path = export_file(tmp_path / "opensanctions.ftm.json")
    result = cli(["import", "ftm", str(path), "--source", "os-demo", "--format", "json"],
                 env=crosslink_env)
    # the broken line is named, and everything else loads
    assert result.returncode == 1
    assert "opensanctions.ftm.json, line 9: not a FollowTheMoney entity" in result.stderr
    report = json.loads(result.stdout)[0]
    assert report["entities"] == 25 and report["errors"] == 1
    assert {"Person", "Company", "Payment", "Vessel", "Family"} <= set(report["schemata"])

    unmapped = {row["schema"]: row for row in report["unmapped"]}
    assert set(unmapped) == {"Membership", "Family", "Associate", "Representation",
                             "Sanction", "UnknownLink (role donor)"}
    assert "no relationship between two persons" in unmapped["Family"]["reason"]
    dropped = {row["property"]: row["values"] for row in report["dropped"]}
    assert dropped["Person.idNumber"] == 1 and dropped["Company.incorporationDate"] == 1

    # people and organisations are records of the import's source
    rosa = graph.read("MATCH (p:Person {uid: 'os-demo:os-p1'}) RETURN p")[0]["p"]
    assert rosa["full_name"] == "Rosa Elena Ixcot" and rosa["nationality"] == "GT"
    assert str(rosa["date_of_birth"]) == "1984-06-09" and rosa["source"] == "os-demo"
    assert rosa["name_folded"] == "rosa elena ixcot"
    pedro = graph.read("MATCH (p:Person {uid: 'os-demo:os-p2'}) RETURN p")[0]["p"]
    assert pedro["full_name"] == "Pedro Tun" and pedro["protected"] is True  # a minor
    employers = graph.read("MATCH (e:Employer) WHERE e.source = 'os-demo' "
                           "RETURN e.name AS name, e.country AS country ORDER BY name")
    assert employers == [{"name": "Fundación Puente", "country": "GT"},
                         {"name": "Inversiones Lago Ltd", "country": "PA"},
                         {"name": "Transportes Frontera S.A.", "country": "MX"}]
    assert graph.read("MATCH (s:Source {id: 'os-demo'}) RETURN count(s) AS n")[0]["n"] == 1

    # identifiers keyed by their normalised values, tied to their holders
    rels = {(r["a"], r["t"], r["b"]) for r in graph.read(
        "MATCH (a)-[r]->(b) WHERE r.source = 'os-demo' RETURN coalesce(a.uid, a.key, "
        "a.number) AS a, type(r) AS t, coalesce(b.uid, b.e164, b.address, b.key, b.number) "
        "AS b")}
    assert {("os-demo:os-p1", "USES", "+50251234567"),
            ("os-demo:os-p1", "USES", "rosa.ixcot@example.org"),
            ("os-demo:os-p1", "HAS_DOCUMENT", "passport|GT|A123456"),
            ("os-demo:os-p1", "HAS_DOCUMENT", "national_id|GT|2456789010101"),
            ("os-demo:os-c1", "USES", "+529621234567"),
            ("os-demo:os-c1", "LOCATED_AT", "av. central 12, tapachula|MX"),
            ("os-demo:os-p1", "OWNS", "os-demo:os-c1"),
            ("os-demo:os-c1", "HOLDS", "0012345678"),
            ("os-demo:os-p1", "DIRECTS", "os-demo:os-l1"),
            ("os-demo:os-p2", "EMPLOYED_BY", "os-demo:os-c1")} <= rels
    vehicles = graph.read("MATCH (v:Vehicle) RETURN v.plate AS plate, v.country AS country, "
                          "v.kind AS kind ORDER BY plate")
    assert vehicles == [{"plate": "C 123 BCD", "country": "GT", "kind": "bus"},
                        {"plate": "IMO9074729", "country": "PA", "kind": "boat"}]

    # a Payment is the model's transaction shape, with its amount, currency and date
    money = graph.read(
        "MATCH (payer)-[:HOLDS]->(a:Account)-[:SENT]->(t:Transaction)-[:PAID_TO]->"
        "(b:Account)<-[:HOLDS]-(beneficiary) RETURN payer.name AS payer, a.number AS from, "
        "t.amount AS amount, t.currency AS currency, toString(t.date) AS date, "
        "t.reference AS reference, b.number AS to, "
        "coalesce(beneficiary.full_name, beneficiary.name) AS beneficiary ORDER BY amount")
    assert money == [
        {"payer": "Transportes Frontera S.A.", "from": "0012345678", "amount": 5689.85,
         "currency": "USD", "date": "2024-03-25", "reference": "adelanto", "to": IBAN,
         "beneficiary": "Rosa Elena Ixcot"},
        {"payer": "Inversiones Lago Ltd", "from": "ftm:os-l1", "amount": 12000.0,
         "currency": "MXN", "date": "2024-04-02", "reference": None, "to": "ftm:os-c1",
         "beneficiary": "Transportes Frontera S.A."}]

    # importing the same file again changes nothing
    again = cli(["import", "ftm", str(path), "--source", "os-demo", "--format", "json"],
                env=crosslink_env)
    assert json.loads(again.stdout)[0]["nodes_created"] == 0
    assert json.loads(again.stdout)[0]["relationships_created"] == 0


def test_the_table_lists_what_has_no_place(graph: Graph, crosslink_env: dict[str, str],
                                           tmp_path: Path) -> None:
    path = export_file(tmp_path / "aleph.ijson")
    result = cli(["import", "ftm", str(path)], env=crosslink_env)
    assert result.returncode == 1
    assert "Entities with no place in the model" in result.stdout
    for schema in ("Membership", "Family", "Associate", "Representation", "Sanction"):
        assert schema in result.stdout
    assert "Values dropped" in result.stdout and "Person.idNumber" in result.stdout
    assert "aleph.ijson, line 9" in result.stderr
    assert graph.read("MATCH (p:Person {uid: 'ftm:aleph:os-p1'}) RETURN count(p) AS n"
                      )[0]["n"] == 1


def test_an_imported_person_is_resolved_against_another_source(
        graph: Graph, crosslink_env: dict[str, str], tmp_path: Path) -> None:
    folder = tmp_path / "gt"
    folder.mkdir()
    write_csv(folder / "persons.csv", [
        {"person_id": "P-7", "full_name": "Rosa Elena Ixcot", "date_of_birth": "1984-06-09",
         "nationality": "GT"}])
    ingested = run_cli(["ingest", str(folder), "--source", "gt-pnc"], env=crosslink_env)
    assert ingested.returncode == 0, ingested.stderr
    path = tmp_path / "os.ftm.json"
    path.write_text(json.dumps(_entity("Person", "os-p1", name="ROSA ELENA IXCOT",
                                       birthDate="1984-06-09", nationality="gt")) + "\n",
                    encoding="utf-8")
    imported = cli(["import", "ftm", str(path), "--source", "os-demo"], env=crosslink_env)
    assert imported.returncode == 0, imported.stderr
    resolved = run_cli(["resolve"], env=crosslink_env)
    assert resolved.returncode == 0, resolved.stderr
    listed = run_cli(["candidates", "--format", "json"],
                     env=crosslink_env)
    assert listed.returncode == 0, listed.stderr
    pairs = {(p["uid_a"], p["uid_b"]) for p in json.loads(listed.stdout)["candidates"]}
    assert ("gt-pnc:P-7", "os-demo:os-p1") in pairs


def test_transactions_round_trip_through_ftm() -> None:
    nodes = [
        {"id": "Account:GT1", "label": "Account", "properties": {"number": "GT1"},
         "provenance": {"source": "gt-pnc"}},
        {"id": "Account:MX2", "label": "Account", "properties": {"number": "MX2"},
         "provenance": {"source": "gt-pnc"}},
        {"id": "Person:gt-pnc:P-1", "label": "Person",
         "properties": {"uid": "gt-pnc:P-1", "full_name": "Ana"},
         "provenance": {"source": "gt-pnc"}},
        {"id": "Transaction:gt-pnc:T-1", "label": "Transaction",
         "properties": {"uid": "gt-pnc:T-1", "amount": 150.5, "currency": "USD",
                        "date": "2024-03-01"}, "provenance": {"source": "gt-pnc"}},
    ]
    rels = [{"id": str(i), "type": t, "source": a, "target": b, "properties": {},
             "provenance": {"source": "gt-pnc"}}
            for i, (a, t, b) in enumerate([
                ("Account:GT1", "SENT", "Transaction:gt-pnc:T-1"),
                ("Transaction:gt-pnc:T-1", "PAID_TO", "Account:MX2"),
                ("Person:gt-pnc:P-1", "HOLDS", "Account:GT1")])]
    entities = ftm.to_entities(nodes, rels)
    payment = next(e for e in entities if e["schema"] == "Payment")
    assert payment["properties"]["amount"] == ["150.5"]
    assert payment["properties"]["payerAccount"] == [ftm.entity_id("Account:GT1")]
    assert payment["properties"]["payer"] == [ftm.entity_id("Person:gt-pnc:P-1")]
    report = ftm_import.FtmReport(file="x", source="partner")
    back_nodes, back_rels = ftm_import.to_elements(
        ftm_import.read_entities([json.dumps(e) for e in entities], report), report)
    assert {n["id"] for n in back_nodes} == {n["id"] for n in nodes}
    assert {(r["source"], r["type"], r["target"]) for r in back_rels} == {
        (r["source"], r["type"], r["target"]) for r in rels}
    assert not report.unmapped and not report.errors


@pytest.mark.parametrize("text", ["[1, 2]", '{"schema": "Person"}', "null"])
def test_lines_that_are_not_entities_are_errors(text: str) -> None:
    report = ftm_import.FtmReport(file="f.json", source="s")
    assert ftm_import.read_entities([text], report) == []
    assert report.errors and report.errors[0].line == 1


def test_ftm_files_are_told_from_template_files_by_their_content() -> None:
    person = _entity("Person", "p1", name="Ana")
    assert ftm_import.is_ftm((json.dumps(person) + "\n").encode())
    assert ftm_import.is_ftm(json.dumps([person, person], indent=2).encode())  # Aleph's API
    assert not ftm_import.is_ftm(b"person_id,full_name\nP-1,Ana\n")
    assert not ftm_import.is_ftm(b'{"cases": []}')
