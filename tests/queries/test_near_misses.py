"""No saved query finds anything in a graph of near misses: each pattern minus its key element."""

from __future__ import annotations

import pytest

from graph.connection import Graph
from tests.queries.common import LIBRARY, run
from tests.queries.handmade import EXPECT, NEAR_MISS_PARAMS


def test_every_saved_query_has_a_handmade_case() -> None:
    assert sorted(EXPECT) == sorted(LIBRARY)


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_query_finds_nothing_in_near_misses(near_miss_graph: Graph, name: str) -> None:
    for params in NEAR_MISS_PARAMS.get(name, [EXPECT[name][0]]):
        assert run(near_miss_graph, name, params) == [], f"{name} {params}"
