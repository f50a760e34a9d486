"""Two small hand-made graphs for the saved queries, written with plain Cypher.

``NEAR_MISSES``: for every pattern, the same shape minus its key element (two countries
instead of three, a fee but the promised wage paid, a SAME_AS that is only a candidate...):
every saved query must return nothing on it. ``PLANTED``: one instance of each pattern, added
on top, with what each query must find in ``EXPECT``. Record uids follow the model
(``<source>:<id>``, source ``hm``).
"""

from __future__ import annotations

from typing import Any

NEAR_MISSES = """
CREATE (c1:Case {uid: 'hm:C1', jurisdiction: 'GT', authority: 'gt-pnc', title: 'Finca',
                 indicators: ['restriction_of_movement', 'violence', 'deception']})
CREATE (c2:Case {uid: 'hm:C2', jurisdiction: 'MX', authority: 'mx-fgr', title: 'Obra'})
CREATE (c3:Case {uid: 'hm:C3', jurisdiction: 'US', authority: 'us-dol', title: 'Farm'})
CREATE (c4:Case {uid: 'hm:C4', jurisdiction: 'GT', authority: 'gt-pnc', title: 'Maquila'})
CREATE (c5:Case {uid: 'hm:C5', jurisdiction: 'GT', authority: 'gt-pnc', title: 'Alone'})
CREATE (gt:Authority {id: 'gt-pnc'}), (mx:Authority {id: 'mx-fgr'}), (us:Authority {id: 'us-dol'})
CREATE (c1)-[:REPORTED_BY]->(gt), (c4)-[:REPORTED_BY]->(gt), (c5)-[:REPORTED_BY]->(gt),
       (c2)-[:REPORTED_BY]->(mx), (c3)-[:REPORTED_BY]->(us)
CREATE (a2:RecruitmentAgency {uid: 'hm:A2', name: 'Agencia Dos', license_country: 'GT',
                              license_status: 'licensed'})
CREATE (e1:Employer {uid: 'hm:E1', name: 'Empresa Uno', country: 'MX'})
CREATE (e2:Employer {uid: 'hm:E2', name: 'Empresa Dos', country: 'MX'})
CREATE (v1:Person {uid: 'hm:V1', full_name: 'Ana Uno'}),
       (v1b:Person {uid: 'hm:V1b', full_name: 'Bea Uno'}),
       (v2:Person {uid: 'hm:V2', full_name: 'Carla Dos'}),
       (v2b:Person {uid: 'hm:V2b', full_name: 'Karla Dos'}),
       (v3:Person {uid: 'hm:V3', full_name: 'Dora Tres'}),
       (w1:Person {uid: 'hm:W1', full_name: 'Eva Testigo'}),
       (p9:Person {uid: 'hm:P9', full_name: 'Fito Nueve'}),
       (t1:Person {uid: 'hm:T1', full_name: 'Gil Chofer'}),
       (t2:Person {uid: 'hm:T2', full_name: 'Hugo Chofer'}),
       (o1:Person {uid: 'hm:O1', full_name: 'Ivan Dueno'}),
       (o2:Person {uid: 'hm:O2', full_name: 'Ivan Duenas'}),
       (o3:Person {uid: 'hm:O3', full_name: 'Juan Dueno'})
CREATE (v1)-[:INVOLVED_IN {role: 'victim'}]->(c1), (v1b)-[:INVOLVED_IN {role: 'victim'}]->(c1),
       (v1)-[:INVOLVED_IN {role: 'recruiter'}]->(c1),
       (v2)-[:INVOLVED_IN {role: 'victim'}]->(c2), (v2b)-[:INVOLVED_IN {role: 'suspect'}]->(c4),
       (v2)-[:SAME_AS {status: 'candidate', score: 0.7}]->(v2b),
       (v3)-[:INVOLVED_IN {role: 'victim'}]->(c4), (w1)-[:INVOLVED_IN {role: 'witness'}]->(c3)
// two countries of victims only; all recruitment where the agency is licensed
CREATE (v1)-[:RECRUITED_BY {country: 'GT', fee: 500.0, currency: 'GTQ', promised_wage: 300.0,
                            on: date('2023-12-20')}]->(a2),
       (v2)-[:RECRUITED_BY {country: 'GT', on: date('2023-12-20')}]->(a2),
       (w1)-[:RECRUITED_BY {country: 'GT', fee: 100.0, on: date('2023-12-20')}]->(a2)
// a fee, but the promised wage is paid; a wage shortfall without a fee
CREATE (v1)-[:EMPLOYED_BY {promised_wage: 300.0, paid_wage: 300.0, currency: 'GTQ'}]->(e1),
       (v2)-[:EMPLOYED_BY {promised_wage: 300.0, paid_wage: 200.0}]->(e1)
// two paying recruits and one payer who is neither: below three victims; chains 60+ days apart
CREATE (acv1:Account {number: 'ACV1'}), (acv2:Account {number: 'ACV2'}),
       (acp9:Account {number: 'ACP9'}),
       (acag:Account {number: 'ACAGENT'}), (acx:Account {number: 'ACX'})
CREATE (v1)-[:HOLDS]->(acv1), (v2)-[:HOLDS]->(acv2), (p9)-[:HOLDS]->(acp9), (a2)-[:HOLDS]->(acag)
CREATE (acv1)-[:SENT]->(:Transaction {uid: 'hm:TXN1', amount: 500.0,
         date: date('2024-01-01')})-[:PAID_TO]->(acag),
       (acv2)-[:SENT]->(:Transaction {uid: 'hm:TXN2', amount: 500.0,
         date: date('2024-01-05')})-[:PAID_TO]->(acag),
       (acp9)-[:SENT]->(:Transaction {uid: 'hm:TXN3', amount: 500.0,
         date: date('2024-01-10')})-[:PAID_TO]->(acag),
       (acag)-[:SENT]->(:Transaction {uid: 'hm:TXN4', amount: 1400.0,
         date: date('2024-03-15')})-[:PAID_TO]->(acx)
// a remittance company's collection account (no holder) paid by three recruits months after
// their recruitment: not fees
CREATE (hub:Account {number: 'ACHUB'}), (acw1:Account {number: 'ACW1'}), (w1)-[:HOLDS]->(acw1)
CREATE (acv1)-[:SENT]->(:Transaction {uid: 'hm:TXH1', amount: 100.0,
         date: date('2024-05-01')})-[:PAID_TO]->(hub),
       (acv2)-[:SENT]->(:Transaction {uid: 'hm:TXH2', amount: 100.0,
         date: date('2024-05-02')})-[:PAID_TO]->(hub),
       (acw1)-[:SENT]->(:Transaction {uid: 'hm:TXH3', amount: 100.0,
         date: date('2024-05-03')})-[:PAID_TO]->(hub)
// a passport with its owner only, and one "retained" by its own owner
CREATE (v1)-[:HAS_DOCUMENT]->(:Document {key: 'passport|GT|N1', number: 'N1'})
CREATE (d2:Document {key: 'passport|MX|N2', number: 'N2'}), (v2)-[:HAS_DOCUMENT]->(d2),
       (v2)-[:RETAINS]->(d2)
// one arranger, two victims of the same jurisdiction (and a witness abroad); legs 45 days apart
CREATE (x:Location {key: 'tecun uman|GT', name: 'Tecun Uman', country: 'GT',
         kind: 'border_crossing'})
CREATE (city:Location {key: 'tapachula|MX', name: 'Tapachula', country: 'MX', kind: 'city'})
CREATE (l1:TravelLeg {uid: 'hm:L1', departed_on: date('2024-01-01')}),
       (l2:TravelLeg {uid: 'hm:L2', departed_on: date('2024-02-15')}),
       (l3:TravelLeg {uid: 'hm:L3', departed_on: date('2024-01-03')}),
       (l4:TravelLeg {uid: 'hm:L4', departed_on: date('2024-01-04')}),
       (l5:TravelLeg {uid: 'hm:L5', departed_on: date('2024-01-05')})
CREATE (t1)-[:ARRANGED]->(l1), (t1)-[:ARRANGED]->(l2), (t2)-[:ARRANGED]->(l3),
       (t1)-[:ARRANGED]->(l4), (t1)-[:ARRANGED]->(l5),
       (v1)-[:TRAVELLED]->(l1), (v3)-[:TRAVELLED]->(l2), (w1)-[:TRAVELLED]->(l3),
       (l1)-[:VIA]->(x), (l2)-[:VIA]->(x), (l3)-[:VIA]->(x),
       (l4)-[:TO]->(city), (l5)-[:TO]->(city)
// a phone shared by two cases of one authority; an ad phone used by a witness only
CREATE (ph1:Phone {e164: '+50255500001'}), (ph9:Phone {e164: '+50255500009'})
CREATE (v1)-[:USES]->(ph1), (v3)-[:USES]->(ph1), (w1)-[:USES]->(ph9), (p9)-[:USES]->(ph9)
CREATE (ad1:Advertisement {uid: 'hm:AD1', platform: 'Facebook'})-[:USES]->(ph9)
// an owner of an agency whose employer twin is only a SAME_AS candidate
CREATE (o1)-[:OWNS]->(a2), (o2)-[:OWNS]->(e1),
       (o1)-[:SAME_AS {status: 'candidate', score: 0.8}]->(o2),
       (o3)-[:OWNS]->(e2)
// an address shared by two victims of one case, and by a victim and a witness
CREATE (h1:Address {key: 'calle 1|GT', text: 'Calle 1', country: 'GT'}),
       (h2:Address {key: 'calle 2|MX', text: 'Calle 2', country: 'MX'})
CREATE (v1)-[:LOCATED_AT {kind: 'residence'}]->(h1), (v1b)-[:LOCATED_AT {kind: 'residence'}]->(h1),
       (v2)-[:LOCATED_AT {kind: 'residence'}]->(h2), (w1)-[:LOCATED_AT {kind: 'residence'}]->(h2)
"""

PLANTED = """
MATCH (c2:Case {uid: 'hm:C2'}), (c3:Case {uid: 'hm:C3'}), (mx:Authority {id: 'mx-fgr'}),
      (us:Authority {id: 'us-dol'})
CREATE (ca:Case {uid: 'hm:CA', jurisdiction: 'GT', authority: 'gt-mp', title: 'Cafetal'})
CREATE (cb:Case {uid: 'hm:CB', jurisdiction: 'MX', authority: 'mx-fgr', title: 'Tomates'})
CREATE (cc:Case {uid: 'hm:CC', jurisdiction: 'US', authority: 'us-dol', title: 'Crabs'})
CREATE (cd:Case {uid: 'hm:CD', jurisdiction: 'PH', authority: 'ph-dmw', title: 'Fishing',
                 indicators: ['debt_bondage', 'violence', 'retention_of_documents', 'isolation']})
CREATE (ca)-[:REPORTED_BY]->(:Authority {id: 'gt-mp'}), (cb)-[:REPORTED_BY]->(mx),
       (cc)-[:REPORTED_BY]->(us)
CREATE (a1:RecruitmentAgency {uid: 'hm:A1', name: 'Agencia Uno', license_country: 'PH',
                              license_status: 'licensed'})
CREATE (a3:RecruitmentAgency {uid: 'hm:A3', name: 'Agencia Tres', license_country: 'PH',
                              license_status: 'licensed'})
CREATE (e9:Employer {uid: 'hm:E9', name: 'Empresa Nueve', country: 'US'})
CREATE (p1:Person {uid: 'hm:P1', full_name: 'Luz Uno'}),
       (p2:Person {uid: 'hm:P2', full_name: 'Mar Dos'}),
       (p2b:Person {uid: 'hm:P2b', full_name: 'Mar Dos'}),
       (p3:Person {uid: 'hm:P3', full_name: 'Nia Tres'}),
       (p4:Person {uid: 'hm:P4', full_name: 'Olga Cuatro'}),
       (t9:Person {uid: 'hm:T9', full_name: 'Pepe Chofer'}),
       (s9:Person {uid: 'hm:S9', full_name: 'Quique Sospechoso'}),
       (o9:Person {uid: 'hm:O9', full_name: 'Rita Duena'})
CREATE (p1)-[:INVOLVED_IN {role: 'victim'}]->(ca), (p2)-[:INVOLVED_IN {role: 'victim'}]->(cb),
       (p3)-[:INVOLVED_IN {role: 'victim'}]->(cc), (s9)-[:INVOLVED_IN {role: 'suspect'}]->(cc),
       (p1)-[:INVOLVED_IN {role: 'recruiter'}]->(cb),
       (p2)-[:SAME_AS {status: 'confirmed', score: 0.95}]->(p2b),
       (p2b)-[:INVOLVED_IN {role: 'suspect'}]->(cc)
CREATE (p1)-[:RECRUITED_BY {country: 'PH'}]->(a1), (p2)-[:RECRUITED_BY {country: 'PH'}]->(a1),
       (p3)-[:RECRUITED_BY {country: 'PH'}]->(a1),
       (p4)-[:RECRUITED_BY {country: 'ID', fee: 1000.0, currency: 'USD',
         promised_wage: 800.0}]->(a3),
       (p4)-[:EMPLOYED_BY {promised_wage: 800.0, paid_wage: 400.0, currency: 'USD'}]->(e9)
CREATE (f1:Account {number: 'ACP1'}), (f2:Account {number: 'ACP2'}), (f3:Account {number: 'ACP3'}),
       (fees:Account {number: 'ACFEES'}), (boss:Account {number: 'ACBOSS'})
CREATE (p1)-[:HOLDS]->(f1), (p2)-[:HOLDS]->(f2), (p3)-[:HOLDS]->(f3), (a1)-[:HOLDS]->(fees)
CREATE (f1)-[:SENT]->(:Transaction {uid: 'hm:TX1', amount: 300.0,
         date: date('2024-06-01')})-[:PAID_TO]->(fees),
       (f2)-[:SENT]->(:Transaction {uid: 'hm:TX3', amount: 300.0,
         date: date('2024-06-02')})-[:PAID_TO]->(fees),
       (f3)-[:SENT]->(:Transaction {uid: 'hm:TX4', amount: 300.0,
         date: date('2024-06-03')})-[:PAID_TO]->(fees),
       (fees)-[:SENT]->(:Transaction {uid: 'hm:TX2', amount: 850.0,
         date: date('2024-06-10')})-[:PAID_TO]->(boss)
CREATE (d9:Document {key: 'passport|GT|P1', number: 'P1'}), (p1)-[:HAS_DOCUMENT]->(d9),
       (e9)-[:RETAINS]->(d9)
CREATE (x2:Location {key: 'ciudad hidalgo|MX', name: 'Ciudad Hidalgo', country: 'MX',
         kind: 'border_crossing'})
CREATE (l9:TravelLeg {uid: 'hm:L9', departed_on: date('2024-05-01')}),
       (l10:TravelLeg {uid: 'hm:L10', departed_on: date('2024-05-10')})
CREATE (t9)-[:ARRANGED]->(l9), (t9)-[:ARRANGED]->(l10), (p1)-[:TRAVELLED]->(l9),
       (p2)-[:TRAVELLED]->(l10), (l9)-[:VIA]->(x2), (l10)-[:VIA]->(x2)
CREATE (ph2:Phone {e164: '+5215550000002'}), (ph3:Phone {e164: '+15550000003'})
CREATE (p2)-[:USES]->(ph2), (p3)-[:USES]->(ph2), (s9)-[:USES]->(ph3)
CREATE (:Advertisement {uid: 'hm:AD9', platform: 'WhatsApp'})-[:USES]->(ph3)
CREATE (o9)-[:OWNS]->(a1), (o9)-[:DIRECTS]->(e9), (a1)-[:SUPPLIES]->(e9)
CREATE (h9:Address {key: 'motel 9|US', text: 'Motel 9', country: 'US'})
CREATE (p1)-[:LOCATED_AT {kind: 'accommodation'}]->(h9),
       (p3)-[:LOCATED_AT {kind: 'accommodation'}]->(h9)
"""

# name -> (params, {column: values that must appear in the results})
EXPECT: dict[str, tuple[dict[str, Any], dict[str, list[Any]]]] = {
    "agencies_victims_many_countries": ({}, {"agency_uid": ["hm:A1"]}),
    "agency_recruiting_unlicensed_country": ({}, {"agency_uid": ["hm:A3"], "recruited_in": ["ID"]}),
    "account_fees_many_victims": ({}, {"account": ["ACFEES"]}),
    "document_retention": ({}, {"holder_uid": ["hm:E9"]}),
    "travel_arranger_cross_jurisdiction": ({}, {"arranger_uid": ["hm:T9"]}),
    "shared_contacts_across_authorities": ({}, {"identifier": ["+5215550000002"]}),
    "crossing_same_arranger_window": ({}, {"arranger_uid": ["hm:T9"],
                                           "crossing": ["Ciudad Hidalgo"]}),
    "cases_core_indicators": ({}, {"case_uid": ["hm:CD"]}),
    "wage_below_promise_after_fee": ({}, {"person_uid": ["hm:P4"]}),
    "ad_contact_reaches_suspect": ({}, {"ad_uid": ["hm:AD9"], "suspect_uid": ["hm:S9"]}),
    "owner_agency_and_employer": ({}, {"owner_uid": ["hm:O9"]}),
    "money_chains": ({}, {"first_tx": ["hm:TX1"], "second_tx": ["hm:TX2"]}),
    "victim_turned_recruiter": ({}, {"person_uid": ["hm:P1", "hm:P2"]}),
    "shortest_connection_between_cases": ({"case_a": "hm:CA", "case_b": "hm:CC"},
                                          {"length": [4]}),
    "shared_accommodation_addresses": ({}, {"address_key": ["motel 9|US"]}),
}

# Parameters for the near-miss graph where a query needs some (two cases that only share an
# authority, and two cases joined in 4 hops asked for at most 3).
NEAR_MISS_PARAMS: dict[str, list[dict[str, Any]]] = {
    "shortest_connection_between_cases": [{"case_a": "hm:C1", "case_b": "hm:C5"},
                                          {"case_a": "hm:C1", "case_b": "hm:C2", "max_hops": 3}],
}
