"""The small graph of instance A: one case with a suspect, a protected victim (with a
passport), a TLP:RED informant, an AMBER+STRICT agency, an employer and a shared phone."""

from __future__ import annotations

from graph.connection import Graph

PROV = "source: 'gt-pnc', reliability: 'B', credibility: '2', ingested_at: datetime()"

SEED = f"""
CREATE (c:Case {{uid: 'gt-pnc:C-1', title: 'Finca El Sol', authority: 'gt-pnc',
                 jurisdiction: 'GT', status: 'open', opened_on: date('2024-03-01'),
                 indicators: ['deception', 'debt_bondage'], record_id: 'C-1', tlp: 'AMBER',
                 {PROV}}})
CREATE (p1:Person {{uid: 'gt-pnc:P-1', full_name: 'Juan Pérez', nationality: 'GT',
                    protected: false, record_id: 'P-1', tlp: 'GREEN', {PROV}}})
CREATE (p2:Person {{uid: 'gt-pnc:P-2', full_name: 'María López', gender: 'female',
                    date_of_birth: date('2001-05-04'), nationality: 'GT', protected: true,
                    record_id: 'P-2', tlp: 'AMBER', {PROV}}})
CREATE (p3:Person {{uid: 'gt-pnc:P-3', full_name: 'Informante', protected: false,
                    record_id: 'P-3', tlp: 'RED', {PROV}}})
CREATE (ag:RecruitmentAgency {{uid: 'gt-pnc:A-1', name: 'Agencia Sol', license_status:
                               'unlicensed', record_id: 'A-1', tlp: 'AMBER+STRICT', {PROV}}})
CREATE (e:Employer {{uid: 'gt-pnc:E-1', name: 'Agro Norte SA', country: 'MX',
                     record_id: 'E-1', tlp: 'GREEN', {PROV}}})
CREATE (ph:Phone {{e164: '+50255501234', country: 'GT', tlp: 'GREEN', sources: ['gt-pnc'],
                   {PROV}}})
CREATE (d:Document {{key: 'passport|GT|X1234567', type: 'passport', country: 'GT',
                     number: 'X1234567', tlp: 'AMBER', {PROV}}})
CREATE (p1)-[:INVOLVED_IN {{role: 'suspect', tlp: 'AMBER', {PROV}}}]->(c)
CREATE (p2)-[:INVOLVED_IN {{role: 'victim', tlp: 'AMBER', {PROV}}}]->(c)
CREATE (p3)-[:INVOLVED_IN {{role: 'witness', tlp: 'RED', {PROV}}}]->(c)
CREATE (p1)-[:OWNS {{tlp: 'GREEN', {PROV}}}]->(ag)
CREATE (p2)-[:RECRUITED_BY {{on: date('2024-01-10'), fee: 1500.0, currency: 'GTQ',
                             tlp: 'AMBER', {PROV}}}]->(ag)
CREATE (p2)-[:EMPLOYED_BY {{from: date('2024-02-01'), tlp: 'AMBER', {PROV}}}]->(e)
CREATE (p1)-[:USES {{tlp: 'GREEN', {PROV}}}]->(ph)
CREATE (p3)-[:USES {{tlp: 'RED', {PROV}}}]->(ph)
CREATE (p2)-[:HAS_DOCUMENT {{tlp: 'AMBER', {PROV}}}]->(d)
CREATE (e)-[:RETAINS {{tlp: 'AMBER', {PROV}}}]->(d)
"""

NODE_IDS = ["Case:gt-pnc:C-1", "Person:gt-pnc:P-1", "Person:gt-pnc:P-2", "Person:gt-pnc:P-3",
            "RecruitmentAgency:gt-pnc:A-1", "Employer:gt-pnc:E-1", "Phone:+50255501234",
            "Document:passport|GT|X1234567"]


def seed_instance_a(graph: Graph) -> None:
    graph.write(SEED)
