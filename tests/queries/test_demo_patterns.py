"""Every saved query finds the pattern the demo generator planted under its name
(``truth.patterns[name]``: run with its params, the expected values appear in its columns)."""

from __future__ import annotations

import pytest

from graph.connection import Graph
from graph.maintenance import reset_graph
from ingest.demo.generator import DemoDataset, generate
from ingest.demo.load import load_demo
from tests.queries.common import LIBRARY, missing, run

DATASET = generate(scale="small", seed=7)


@pytest.fixture(scope="module")
def demo_graph(session_graph: Graph) -> Graph:
    """The small demo set, loaded once for this module."""
    reset_graph(session_graph)
    load_demo(session_graph, DATASET)
    return session_graph


def test_the_demo_plants_a_pattern_for_every_saved_query() -> None:
    assert sorted(DATASET.truth.patterns) == sorted(LIBRARY)


@pytest.mark.parametrize("name", sorted(DATASET.truth.patterns))
def test_query_finds_the_planted_demo_pattern(demo_graph: Graph, name: str,
                                              dataset: DemoDataset = DATASET) -> None:
    pattern = dataset.truth.patterns[name]
    assert pattern.expect, f"the demo planted no expected values for {name}"
    rows = run(demo_graph, name, pattern.params)
    gaps = missing(rows, pattern.expect)
    assert gaps == {}, f"{name} {pattern.params}: not found {gaps}; got {rows[:5]}"


def test_remittance_hubs_are_not_fee_accounts(demo_graph: Graph) -> None:
    """The remittance companies' collection accounts receive from many victims, but not fees."""
    pattern = DATASET.truth.patterns["account_fees_many_victims"]
    accounts = {row["account"] for row in run(demo_graph, "account_fees_many_victims",
                                              pattern.params)}
    assert DATASET.truth.hub_accounts and not accounts & set(DATASET.truth.hub_accounts)
