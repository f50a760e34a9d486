"""Every saved query finds the instance of its pattern planted by hand among the near misses."""

from __future__ import annotations

import pytest

from graph.connection import Graph
from tests.queries.common import missing, run
from tests.queries.handmade import EXPECT


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_query_finds_planted_pattern(planted_graph: Graph, name: str) -> None:
    params, expect = EXPECT[name]
    rows = run(planted_graph, name, params)
    assert missing(rows, expect) == {}, f"{name} returned {rows}"
