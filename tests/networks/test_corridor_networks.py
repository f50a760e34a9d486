"""Networks on a real Neo4j: the two-country corridor of tests/resolution/corridor.py."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from graph.connection import Graph
from graph.maintenance import reset_graph
from graph.networks import Network, detect_networks, network_by_id, network_id
from graph.resolution import judge, run_resolution
from tests.helpers import run_cli
from tests.resolution.corridor import IBAN, load_corridor


@pytest.fixture(scope="module")
def corridor(session_graph: Graph, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Graph]:
    reset_graph(session_graph)
    load_corridor(session_graph, tmp_path_factory.mktemp("corridor"))
    run_resolution(session_graph)
    yield session_graph


@pytest.fixture(scope="module")
def network(corridor: Graph) -> Network:
    found = detect_networks(corridor)
    assert len(found) == 1, [n.cases for n in found]
    return found[0]


def test_the_recruiters_cases_form_one_cross_border_network(network: Network) -> None:
    assert [c["uid"] for c in network.cases] == ["gt-pnc:GT-1", "mx-fge:MX-1"]
    assert network.jurisdictions == ["GT", "MX"]
    assert [a["id"] for a in network.authorities] == ["FGE-CHIS", "PNC-GT"]
    assert network.id == network_id(["mx-fge:MX-1", "gt-pnc:GT-1"])


def test_unrelated_cases_sharing_a_border_post_and_a_bank_stay_apart(corridor: Graph) -> None:
    every = detect_networks(corridor, min_jurisdictions=1)
    grouped = {uid for n in every for uid in (c["uid"] for c in n.cases)}
    assert "gt-pnc:GT-2" not in grouped and "mx-fge:MX-2" not in grouped


def test_links_name_the_phone_the_account_and_the_same_actors(network: Network) -> None:
    links = {(link.kind, link.label, link.key) for link in network.links}
    assert ("identifier", "Phone", "+50255551234") in links
    assert ("money", "Account", IBAN) in links  # held by both agencies, paid into by a victim
    assert ("identifier", "Document", "passport|GT|A123456") not in links  # one case only
    actor_links = [link for link in network.links if link.kind == "actor"]
    assert {frozenset((p["a"], p["b"])) for link in actor_links for p in link.same_as} == {
        frozenset(("gt-pnc:P-1", "mx-fge:10")), frozenset(("gt-pnc:A-1", "mx-fge:20"))}
    phone = next(link for link in network.links if link.label == "Phone")
    assert {(f.case, f.source, f.reliability, f.credibility, f.tlp) for f in phone.facts} == {
        ("gt-pnc:GT-1", "gt-pnc", "B", "2", "AMBER"),
        ("mx-fge:MX-1", "mx-fge", "C", "3", "GREEN")}


def test_profile_key_actors_indicators_money_agencies(network: Network) -> None:
    top = {a["uid"] for a in network.key_actors[:4]}
    assert {"gt-pnc:P-1", "mx-fge:10"} & top
    # the recruiter reported by both countries is one key actor, with both records' cases
    (recruiter,) = [a for a in network.key_actors if "gt-pnc:P-1" in a["records"]]
    assert recruiter["records"] == ["gt-pnc:P-1", "mx-fge:10"]
    assert recruiter["cases"] == ["gt-pnc:GT-1", "mx-fge:MX-1"]
    assert [a for a in network.key_actors if "mx-fge:10" in a["records"]] == [recruiter]
    assert {"indicator": "debt_bondage", "cases": 2, "core": True} in network.indicators
    assert network.money == [{"currency": "USD", "amount": 1500.0, "transactions": 1}]
    # the agency reported by both countries is one agency, listed once with both records
    assert [(a["uid"], a["records"], a["reason"]) for a in network.unlicensed_agencies] == [
        ("gt-pnc:A-1", ["gt-pnc:A-1", "mx-fge:20"], "works in MX; licensed in GT only")]
    assert network.score == pytest.approx(sum(network.score_parts.values()), abs=0.01)


def test_the_chart_highlight_names_cases_actors_and_evidence(network: Network,
                                                             corridor: Graph) -> None:
    marks = network.highlight()
    assert marks["case_uids"] == ["gt-pnc:GT-1", "mx-fge:MX-1"]
    assert {"gt-pnc:P-1", "mx-fge:10"} <= set(marks["actor_uids"])
    rows = corridor.read("MATCH (p:Phone {e164: '+50255551234'}) RETURN elementId(p) AS id")
    assert rows[0]["id"] in marks["element_ids"]


def test_network_by_id_and_a_judgement_that_splits_it(corridor: Graph, network: Network) -> None:
    assert network_by_id(corridor, network.id) is not None
    assert network_by_id(corridor, "net-000000000000") is None
    judge(corridor, "gt-pnc:P-1", "mx-fge:10", "reject", by="lead", why="namesakes")
    after = detect_networks(corridor)
    # Still one network: the shared phone and account link the cases without SAME_AS.
    assert [n.id for n in after] == [network.id]
    assert all(frozenset((p["a"], p["b"])) != frozenset(("gt-pnc:P-1", "mx-fge:10"))
               for link in after[0].links for p in link.same_as)


def test_cli_networks_json(corridor: Graph, crosslink_env: dict[str, str]) -> None:
    result = run_cli(["networks", "--format", "json"], env=crosslink_env)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    (net,) = data["networks"]
    assert set(net) >= {"id", "score", "jurisdictions", "authorities", "cases", "links",
                        "key_actors", "indicators", "money", "unlicensed_agencies"}
    assert net["cases"][0] == {"uid": "gt-pnc:GT-1", "jurisdiction": "GT",
                               "authority": "PNC-GT", "title": "Finca El Sol",
                               "element_id": net["cases"][0]["element_id"]}
    table = run_cli(["networks"], env=crosslink_env)
    assert table.returncode == 0, table.stderr
    assert net["id"] in table.stdout and "gt-pnc:GT-1 [GT]" in table.stdout
    assert "linked by" in table.stdout and "1 network;" in table.stdout
    none = run_cli(["networks", "--min-jurisdictions", "3"], env=crosslink_env)
    assert none.returncode == 0
    assert "no network spans 3 or more jurisdictions" in none.stdout
