"""Quality on the demo data's planted networks (``ingest.demo``, small scale, seed 7):
the demo is generated and loaded once for the module, resolved once, then measured."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import combinations

import pytest

from graph.connection import Graph
from graph.maintenance import reset_graph
from graph.networks import Network, detect_networks
from graph.resolution import ResolutionSummary, list_candidates, run_resolution
from ingest.demo.generator import DemoDataset, generate
from ingest.demo.load import load_demo
from tests.helpers import run_cli
from values.text import compact


@dataclass
class Demo:
    graph: Graph
    dataset: DemoDataset
    summary: ResolutionSummary
    networks: list[Network]  # every group of linked cases, whatever its jurisdictions


@pytest.fixture(scope="module")
def demo(session_graph: Graph) -> Iterator[Demo]:
    reset_graph(session_graph)
    dataset = generate(scale="small", seed=7)
    load_demo(session_graph, dataset)
    summary = run_resolution(session_graph)
    yield Demo(session_graph, dataset, summary,
               detect_networks(session_graph, min_jurisdictions=1))


def _pairs(groups: list[set[str]]) -> set[frozenset[str]]:
    return {frozenset(p) for g in groups for p in combinations(sorted(g), 2)}


def test_the_demo_shares_no_account_number_by_accident(demo: Demo) -> None:
    """Accounts are keyed by number: one number written by two countries' sources is one
    Account node, and links their cases. The generator must not make such numbers by chance
    (its builder promises that nothing is shared by accident)."""
    countries: dict[str, set[str]] = defaultdict(set)
    for source in demo.dataset.sources:
        for row in source.rows.get("accounts", []):
            countries[compact(str(row["account_number"]))].add(str(row["country"]))
    shared = sorted(f"{number} ({'/'.join(sorted(c))})" for number, c in countries.items()
                    if len(c) > 1)
    assert not shared, (
        f"{len(shared)} account numbers are generated for two countries, e.g. {shared[:3]}: "
        "ingest/demo/variants.py account_number() writes MM, LA and MY accounts alike")


def test_case_pairs_in_one_network_match_the_planted_networks(demo: Demo) -> None:
    found = _pairs([{c["uid"] for c in n.cases} for n in demo.networks])
    truth = _pairs(demo.dataset.truth.networks)
    assert truth, "the demo plants networks"
    true_positive = len(found & truth)
    precision = true_positive / len(found) if found else 0.0
    recall = true_positive / len(truth)
    print(f"pairwise precision {precision:.3f}, recall {recall:.3f} "
          f"({len(found)} found, {len(truth)} planted pairs)")
    assert precision >= 0.95, sorted(map(sorted, found - truth))[:10]
    assert recall >= 0.9, sorted(map(sorted, truth - found))[:10]


def test_every_planted_network_is_reported_as_cross_border(demo: Demo) -> None:
    cross = detect_networks(demo.graph)
    for planted in demo.dataset.truth.networks:
        assert any(planted <= {c["uid"] for c in n.cases} for n in cross), sorted(planted)
    assert all(len(n.jurisdictions) >= 2 for n in cross)


def test_decoys_sharing_only_a_common_name_are_never_joined(demo: Demo) -> None:
    decoys = demo.dataset.truth.decoy_uids
    assert decoys
    confirmed = list_candidates(demo.graph, status="confirmed", limit=100_000)
    assert not [c for c in confirmed if c.uid_a in decoys or c.uid_b in decoys]
    for network in demo.networks:
        for link in network.links:
            if link.kind == "actor":
                assert not {f.actor for f in link.facts} & decoys, link.to_dict()


def test_busy_crossings_and_bank_accounts_never_chain_unrelated_cases(demo: Demo) -> None:
    hubs = demo.dataset.truth.hub_keys
    assert hubs
    for network in demo.networks:
        assert not [link.key for link in network.links if link.key in hubs]


def test_records_of_one_actor_are_confirmed_or_proposed(demo: Demo) -> None:
    pairs = {frozenset((c.uid_a, c.uid_b)): c.status
             for c in list_candidates(demo.graph, limit=100_000)}
    # Resolution pairs records of different sources only.
    wanted = {p for p in _pairs(demo.dataset.truth.same_actor_groups)
              if len({uid.split(":", 1)[0] for uid in p}) == 2}
    proposed = [p for p in wanted if pairs.get(p) in ("candidate", "confirmed")]
    confirmed = [p for p in wanted if pairs.get(p) == "confirmed"]
    print(f"same-actor pairs: {len(wanted)}, proposed {len(proposed)}, "
          f"confirmed {len(confirmed)}; run: {demo.summary.to_dict()}")
    assert len(proposed) >= 0.9 * len(wanted)


def test_the_cli_lists_the_best_networks_up_to_a_limit(demo: Demo,
                                                       crosslink_env: dict[str, str]) -> None:
    every = json.loads(run_cli(["networks", "--format", "json"], env=crosslink_env).stdout)
    best = json.loads(run_cli(["networks", "--limit", "2", "--format", "json"],
                              env=crosslink_env).stdout)
    ids = [n["id"] for n in every["networks"]]
    assert len(ids) == every["total"] > 2
    assert [n["id"] for n in best["networks"]] == ids[:2] and best["total"] == len(ids)
    table = run_cli(["networks", "--limit", "2"], env=crosslink_env)
    assert table.returncode == 0, table.stderr
    assert f"#2 {ids[1]}" in table.stdout and f"#3 {ids[2]}" not in table.stdout
    assert f"the best 2 of {len(ids)} networks" in table.stdout
