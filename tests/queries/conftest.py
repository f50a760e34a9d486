"""Graphs for the saved-query tests, loaded once per module into the session's Neo4j.

Modules here use these module-scoped fixtures and never the function-scoped ``graph``
fixture (which empties the database before each test)."""

from __future__ import annotations

import pytest

from graph.connection import Graph
from graph.maintenance import reset_graph
from tests.queries.handmade import NEAR_MISSES, PLANTED


@pytest.fixture(scope="module")
def near_miss_graph(session_graph: Graph) -> Graph:
    """Every pattern's near miss and no pattern."""
    reset_graph(session_graph)
    session_graph.write(NEAR_MISSES)
    return session_graph


@pytest.fixture(scope="module")
def planted_graph(session_graph: Graph) -> Graph:
    """The near misses plus one planted instance of every pattern."""
    reset_graph(session_graph)
    session_graph.write(NEAR_MISSES)
    session_graph.write(PLANTED)
    return session_graph
