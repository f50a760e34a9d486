"""The reads that build a chart, on a hand-made graph: the k shortest paths with exclusions,
the links among a chart's nodes and the cross-reference of a chosen set, each as an analyst
and as an investigator of one authority sees them."""

from __future__ import annotations

import pytest

from graph.access import AccessScope
from graph.connection import Graph
from graph.cross_reference import cross_reference
from graph.elements import parse_node_id
from graph.links_among import links_among
from graph.paths import k_paths

ANALYST = AccessScope(see_all=True, authority="")
GT = AccessScope(see_all=False, authority="gt-pnc", sources=("gt",))

# A recruiter (R) and an employer (E) joined by three routes: through phone P1 (2 hops),
# through agency A and its account (3 hops: R-A, A-E... see below), and through a TLP:RED
# person of another source (2 hops, visible only to that source).
GRAPH = """
CREATE (c1:Case {uid: 'gt:C1', jurisdiction: 'GT', authority: 'gt-pnc', source: 'gt'})
CREATE (c2:Case {uid: 'mx:C2', jurisdiction: 'MX', authority: 'mx-fgr', source: 'mx'})
CREATE (r:Person {uid: 'gt:R', full_name: 'Rita Reclutadora', source: 'gt'})
CREATE (e:Employer {uid: 'gt:E', name: 'Finca Sol', source: 'gt'})
CREATE (a:RecruitmentAgency {uid: 'gt:A', name: 'Agencia Norte', source: 'gt'})
CREATE (x:Person {uid: 'mx:X', full_name: 'Xavier Oculto', source: 'mx', tlp: 'RED'})
CREATE (m:Person {uid: 'mx:M', full_name: 'Mario Enlace', source: 'mx'})
CREATE (twin:Person {uid: 'mx:R', full_name: 'Rita Reclutadora', source: 'mx'})
CREATE (p1:Phone {e164: '+50255500001', source: 'gt'})
CREATE (p2:Phone {e164: '+50255500002', source: 'gt'})
CREATE (r)-[:INVOLVED_IN {role: 'recruiter', source: 'gt'}]->(c1),
       (e)-[:INVOLVED_IN {role: 'employer', source: 'gt'}]->(c1),
       (a)-[:INVOLVED_IN {role: 'facilitator', source: 'gt'}]->(c1),
       (m)-[:INVOLVED_IN {role: 'suspect', source: 'mx'}]->(c2),
       (twin)-[:INVOLVED_IN {role: 'suspect', source: 'mx'}]->(c2)
CREATE (r)-[:USES {source: 'gt'}]->(p1), (e)-[:USES {source: 'gt'}]->(p1)
CREATE (r)-[:OWNS {source: 'gt'}]->(a), (a)-[:SUPPLIES {source: 'gt'}]->(e)
CREATE (r)-[:DIRECTS {source: 'mx', tlp: 'RED'}]->(x), (x)-[:DIRECTS {source: 'mx'}]->(e)
// the planted cross-reference: a Mexican record sharing Rita's second phone, and her twin
CREATE (r)-[:USES {source: 'gt'}]->(p2), (m)-[:USES {source: 'mx'}]->(p2)
CREATE (r)-[:SAME_AS {status: 'confirmed', score: 0.97}]->(twin)
"""
R, E, A, P1 = "Person:gt:R", "Employer:gt:E", "RecruitmentAgency:gt:A", "Phone:+50255500001"


@pytest.fixture
def chart_graph(graph: Graph) -> Graph:
    graph.write(GRAPH)
    return graph


def ids(*node_ids: str) -> list[tuple[str, str, str]]:
    return [parse_node_id(n) for n in node_ids]


def test_k_paths_come_shortest_first_and_go_around_an_excluded_node(chart_graph: Graph
                                                                    ) -> None:
    found = k_paths(chart_graph, GT, parse_node_id(R), parse_node_id(E), k=3, max_hops=4)
    lengths = [len(p["relationships"]) for p in found["paths"]]
    assert lengths == sorted(lengths) and lengths[0] == 2
    assert all("Person:mx:X" not in p["nodes"] for p in found["paths"])  # RED, not theirs
    assert [P1] in [p["nodes"][1:-1] for p in found["paths"]]
    assert [A] in [p["nodes"][1:-1] for p in found["paths"]]
    # the phone excluded: the route through the agency is what is left
    around = k_paths(chart_graph, GT, parse_node_id(R), parse_node_id(E), k=3, max_hops=4,
                     excluded_nodes=ids(P1))
    assert around["paths"] and all(P1 not in p["nodes"] for p in around["paths"])
    # two routes of two hops are left (through the agency, through their case), in no order
    shortest = [p["nodes"] for p in around["paths"] if len(p["relationships"]) == 2]
    assert len(around["paths"][0]["relationships"]) == 2
    assert sorted(shortest) == sorted([[R, A, E], [R, "Case:gt:C1", E]])


def test_k_paths_leave_out_labels_and_relationship_types(chart_graph: Graph) -> None:
    no_phones = k_paths(chart_graph, ANALYST, parse_node_id(R), parse_node_id(E), k=5,
                        max_hops=4, excluded_labels=["Phone"], excluded_rel_types=["OWNS"])
    routes = [p["nodes"] for p in no_phones["paths"]]
    assert routes and all(not any(n.startswith("Phone:") for n in r) for r in routes)
    assert [R, A, E] not in routes  # OWNS left out
    assert [R, "Person:mx:X", E] not in routes  # RED of mx: not even an analyst sees it
    with pytest.raises(KeyError):
        k_paths(chart_graph, ANALYST, parse_node_id(R), parse_node_id(E),
                excluded_rel_types=["KNOWS"])


def test_links_among_reveals_the_relationships_between_drawn_nodes(chart_graph: Graph) -> None:
    found = links_among(chart_graph, GT, ids(R, E, A, P1))
    pairs = {(r["type"], r["source"], r["target"]) for r in found["relationships"]}
    assert pairs == {("OWNS", R, A), ("SUPPLIES", A, E), ("USES", R, P1), ("USES", E, P1)}
    assert links_among(chart_graph, GT, ids(R))["relationships"] == []


def test_cross_reference_finds_a_shared_phone_and_a_resolved_record(chart_graph: Graph
                                                                    ) -> None:
    found = cross_reference(chart_graph, ANALYST, ids(R))
    matches = {(m["record"], m["via"]) for m in found["matches"]}
    assert ("Person:mx:M", "Phone:+50255500002") in matches
    assert ("Person:mx:R", None) in matches  # SAME_AS
    assert (E, P1) in matches
    assert "Person:mx:X" not in {m["record"] for m in found["matches"]}  # RED, not a phone
    # the investigator of Guatemala may not see the Mexican records
    theirs = cross_reference(chart_graph, GT, ids(R))
    assert {m["record"] for m in theirs["matches"]} == {E}
