"""Each template loads into the nodes and relationships of the domain model, with provenance
on every node and relationship (one load of the sample set, shared by the module)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from graph.connection import Graph
from graph.maintenance import graph_stats, reset_graph
from graph.model import MODEL
from ingest.grading import Grading
from ingest.pipeline import ingest_paths
from ingest.report import IngestReport, ProgressEvent

from .samples import write_sample

GRADING = Grading("gt-pnc", source_name="Policía Nacional Civil", source_kind="police",
                  source_country="GT", reliability="B", credibility="2", tlp="AMBER")


EVENTS: list[ProgressEvent] = []


@pytest.fixture(scope="module")
def loaded(session_graph: Graph, tmp_path_factory: pytest.TempPathFactory
           ) -> Iterator[tuple[Graph, IngestReport]]:
    reset_graph(session_graph)
    folder = write_sample(tmp_path_factory.mktemp("sample"))
    report = ingest_paths(session_graph, [folder], GRADING, batch_size=2,
                          progress=EVENTS.append)
    yield session_graph, report


def one(graph: Graph, cypher: str, **params: Any) -> dict[str, Any]:
    rows = graph.read(cypher, params)
    assert len(rows) == 1, rows
    return rows[0]


def test_every_row_loads(loaded: tuple[Graph, IngestReport]) -> None:
    _, report = loaded
    assert report.ok, report.errors
    assert {Path(f.path).stem: (f.rows_read, f.rows_loaded) for f in report.files} == {
        "cases": (1, 1), "persons": (3, 3), "recruitment_agencies": (1, 1),
        "employers": (1, 1), "case_roles": (4, 4), "placements": (1, 1), "accounts": (2, 2),
        "transactions": (1, 1), "travel": (1, 1), "advertisements": (1, 1)}


def test_progress_is_reported_per_batch_and_file(loaded: tuple[Graph, IngestReport]) -> None:
    persons = [e for e in EVENTS if e.template == "persons"]
    # start, two batches of 2 rows at most, done
    assert [(e.rows_read, e.rows_total, e.done) for e in persons] == [
        (0, 3, False), (2, 3, False), (3, 3, False), (3, 3, True)]
    assert {e.phase for e in EVENTS} == {"load"}
    assert sum(e.done for e in EVENTS) == 10


def test_counts_of_the_sample(loaded: tuple[Graph, IngestReport]) -> None:
    graph, report = loaded
    stats = graph_stats(graph)
    assert stats["nodes"] == {
        "Account": 2, "Address": 3, "Advertisement": 1, "Authority": 1, "Case": 1,
        "Document": 1, "Email": 2, "Employer": 1, "Location": 3, "Person": 3, "Phone": 4,
        "RecruitmentAgency": 1, "Source": 1, "Transaction": 1, "TravelLeg": 1, "Vehicle": 1}
    assert stats["relationships"] == {
        "ARRANGED": 1, "EMPLOYED_BY": 1, "FROM": 1, "HAS_DOCUMENT": 1, "HOLDS": 2,
        "INVOLVED_IN": 4, "LOCATED_AT": 3, "OWNS": 2, "PAID_TO": 1, "POSTED_BY": 1,
        "RECRUITED_BY": 1, "REPORTED_BY": 1, "RETAINS": 1, "SENT": 1, "SUPPLIES": 1, "TO": 1,
        "TRAVELLED": 1, "USED": 1, "USES": 8, "VIA": 1}
    assert sum(f.nodes_created for f in report.files) == sum(stats["nodes"].values())
    assert sum(f.relationships_created for f in report.files) == sum(
        stats["relationships"].values())


def test_provenance_on_every_node_and_relationship(loaded: tuple[Graph, IngestReport]) -> None:
    graph, report = loaded
    checks = " AND ".join(f"x.{p} IS NOT NULL" for p in MODEL.provenance)
    missing_nodes = graph.read(f"MATCH (x) WHERE NOT x:_CrosslinkMeta AND NOT ({checks}) "
                               "RETURN labels(x) AS l, properties(x) AS p")
    missing_rels = graph.read(f"MATCH ()-[x]->() WHERE NOT ({checks}) RETURN type(x) AS t")
    assert missing_nodes == [] and missing_rels == []
    grades = graph.read("MATCH (x) WHERE x.batch_id IS NOT NULL RETURN DISTINCT x.source AS s,"
                        " x.reliability AS r, x.credibility AS c, x.tlp AS t, x.batch_id AS b")
    assert grades == [{"s": "gt-pnc", "r": "B", "c": "2", "t": "AMBER", "b": report.batch_id}]


def test_source_node(loaded: tuple[Graph, IngestReport]) -> None:
    graph, _ = loaded
    assert one(graph, "MATCH (s:Source) RETURN s.id AS id, s.name AS name, s.kind AS kind, "
                      "s.country AS country") == {
        "id": "gt-pnc", "name": "Policía Nacional Civil", "kind": "police", "country": "GT"}


def test_cases_with_authority(loaded: tuple[Graph, IngestReport]) -> None:
    graph, _ = loaded
    row = one(graph, "MATCH (c:Case)-[:REPORTED_BY]->(a:Authority) RETURN c {.*} AS c, "
                     "a.id AS authority, a.country AS country")
    assert row["c"]["uid"] == "gt-pnc:C-1" and row["c"]["record_id"] == "C-1"
    assert row["c"]["indicators"] == ["deception", "debt_bondage"]
    assert str(row["c"]["opened_on"]) == "2024-01-15"
    assert (row["authority"], row["country"]) == ("PNC-GT", "GT")


def test_persons_and_their_identifiers(loaded: tuple[Graph, IngestReport]) -> None:
    graph, _ = loaded
    row = one(graph, """
        MATCH (p:Person {uid: 'gt-pnc:P-1'})
        OPTIONAL MATCH (p)-[:USES]->(ph:Phone) OPTIONAL MATCH (p)-[:USES]->(e:Email)
        OPTIONAL MATCH (p)-[l:LOCATED_AT]->(a:Address)
        RETURN p.full_name AS name, p.name_folded AS folded, p.aliases AS aliases,
               collect(DISTINCT ph.e164) AS phones, collect(DISTINCT e.address) AS emails,
               collect(DISTINCT [l.kind, a.text, a.key]) AS addresses""")
    assert row == {
        "name": "José Pérez", "folded": "jose perez", "aliases": ["Chepe", "El Flaco"],
        "phones": ["+50255551234"], "emails": ["chepe@example.com"],
        "addresses": [["residence", "4a Calle 5-10, Zona 1", "4a calle 5-10, zona 1|GT"]]}
    doc = one(graph, "MATCH (:Person {uid: 'gt-pnc:P-2'})-[:HAS_DOCUMENT]->(d:Document) "
                     "RETURN d.key AS key, d.type AS type, d.country AS country")
    assert doc == {"key": "passport|GT|A123456", "type": "passport", "country": "GT"}


def test_victims_and_minors_are_protected(loaded: tuple[Graph, IngestReport]) -> None:
    graph, _ = loaded
    rows = graph.read("MATCH (p:Person) RETURN p.record_id AS id, p.protected AS protected "
                      "ORDER BY id")
    # P-2 is a victim in case_roles; P-3 is under 18
    assert rows == [{"id": "P-1", "protected": False}, {"id": "P-2", "protected": True},
                    {"id": "P-3", "protected": True}]


def test_agencies_and_employers(loaded: tuple[Graph, IngestReport]) -> None:
    graph, _ = loaded
    agency = one(graph, """
        MATCH (o:Person)-[:OWNS]->(a:RecruitmentAgency)-[l:LOCATED_AT]->(ad:Address)
        MATCH (a)-[:USES]->(ph:Phone)
        RETURN o.record_id AS owner, a.license_status AS status, l.kind AS kind,
               ph.e164 AS phone, a.name_folded AS folded""")
    assert agency == {"owner": "P-1", "status": "revoked", "kind": "office",
                      "phone": "+50222223333", "folded": "agencia sol s a"}
    employer = one(graph, "MATCH (:Person)-[:OWNS]->(e:Employer)-[:USES]->(ph:Phone) "
                          "RETURN e.country AS country, ph.e164 AS phone")
    assert employer == {"country": "MX", "phone": "+525512345678"}  # region from country MX


def test_case_roles(loaded: tuple[Graph, IngestReport]) -> None:
    graph, _ = loaded
    rows = graph.read("MATCH (x)-[r:INVOLVED_IN]->(:Case {uid: 'gt-pnc:C-1'}) "
                      "RETURN labels(x)[0] AS label, x.record_id AS id, r.role AS role "
                      "ORDER BY id")
    assert rows == [
        {"label": "RecruitmentAgency", "id": "A-1", "role": "suspect"},
        {"label": "Employer", "id": "E-1", "role": "employer"},
        {"label": "Person", "id": "P-1", "role": "recruiter"},
        {"label": "Person", "id": "P-2", "role": "victim"}]


def test_placements(loaded: tuple[Graph, IngestReport]) -> None:
    graph, _ = loaded
    row = one(graph, """
        MATCH (p:Person {uid: 'gt-pnc:P-2'})-[r:RECRUITED_BY]->(a:RecruitmentAgency)
        MATCH (p)-[e:EMPLOYED_BY]->(m:Employer)<-[:SUPPLIES]-(a)
        MATCH (m)-[:RETAINS]->(d:Document)<-[:HAS_DOCUMENT]-(p)
        RETURN r {.on, .country, .fee, .currency, .promised_wage, .deceptive} AS r,
               e {.from, .promised_wage, .paid_wage, .currency} AS e, d.type AS doc""")
    assert str(row["r"].pop("on")) == "2023-11-02"
    assert row["r"] == {"country": "GT", "fee": 1500.5, "currency": "USD",
                        "promised_wage": 800.0, "deceptive": True}
    assert str(row["e"].pop("from")) == "2023-11-02"
    assert row["e"] == {"promised_wage": 800.0, "paid_wage": 150.0, "currency": "USD"}
    assert row["doc"] == "passport"


def test_accounts_and_transactions(loaded: tuple[Graph, IngestReport]) -> None:
    graph, _ = loaded
    row = one(graph, """
        MATCH (p:Person)-[:HOLDS]->(a:Account)-[:SENT]->(t:Transaction)-[:PAID_TO]->(b:Account)
              <-[:HOLDS]-(ag:RecruitmentAgency)
        RETURN p.record_id AS payer, a.number AS sender, t.amount AS amount,
               t.channel AS channel, b.number AS receiver, b.bank AS bank, b.sources AS sources""")
    assert row == {"payer": "P-2", "sender": "0123456789", "amount": 1500.5,
                   "channel": "remittance", "receiver": "GT82TRAJ01020000001210029690",
                   "bank": "Banco Ejemplo", "sources": ["gt-pnc"]}


def test_travel(loaded: tuple[Graph, IngestReport]) -> None:
    graph, _ = loaded
    row = one(graph, """
        MATCH (t:Person)-[:TRAVELLED]->(l:TravelLeg)<-[:ARRANGED]-(ar:Person)
        MATCH (l)-[:FROM]->(f:Location), (l)-[:TO]->(to:Location), (l)-[:VIA]->(v:Location)
        MATCH (l)-[:USED]->(veh:Vehicle)
        RETURN t.record_id AS traveller, ar.record_id AS arranger, f.kind AS from_kind,
               to.key AS to_key, v.name AS via, v.kind AS via_kind, veh.key AS vehicle""")
    assert row == {"traveller": "P-2", "arranger": "P-1", "from_kind": "city",
                   "to_key": "tapachula|MX", "via": "La Mesilla", "via_kind": "border_crossing",
                   "vehicle": "P123ABC|GT"}


def test_advertisements(loaded: tuple[Graph, IngestReport]) -> None:
    graph, _ = loaded
    row = one(graph, """
        MATCH (ad:Advertisement)-[:POSTED_BY]->(a:RecruitmentAgency)
        MATCH (ad)-[:USES]->(ph:Phone)<-[:USES]-(a)
        MATCH (ad)-[:USES]->(e:Email)<-[:USES]-(a)
        RETURN ad.platform AS platform, ph.e164 AS phone, e.address AS email""")
    assert row == {"platform": "facebook", "phone": "+50222223333",
                   "email": "info@agenciasol.gt"}
