"""Fixtures shared by the whole suite.

One real Neo4j Community server is started for the test session (free port, throw-away data
folder, jars from the project's runtime folder) and the graph is emptied before each test that
asks for ``graph``. Nothing is mocked.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from backend.settings import Settings
from graph.connection import Graph, connect_managed
from graph.maintenance import reset_graph
from graph.schema import apply_schema
from graph.server import ManagedNeo4j

REPO = Path(__file__).resolve().parents[1]


def _runtime_dir() -> Path:
    configured = os.environ.get("CROSSLINK_NEO4J_RUNTIME_DIR")
    return Path(configured) if configured else REPO / ".crosslink" / "neo4j-runtime"


def make_test_server(home: Path, heap: str = "1g", pagecache: str = "256m") -> ManagedNeo4j:
    """A managed Neo4j with a throw-away home and the project's jars (also for a second
    instance, e.g. the sharing tests' partner)."""
    return ManagedNeo4j(home=home, runtime_dir=_runtime_dir(),
                        version=Settings().neo4j_version, heap=heap, pagecache=pagecache)


def open_test_graph(server: ManagedNeo4j) -> Graph:
    """Connect to ``server`` (started if needed) with the schema applied."""
    graph = connect_managed(server)
    apply_schema(graph)
    return graph


@pytest.fixture(scope="session")
def neo4j_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ManagedNeo4j]:
    server = make_test_server(tmp_path_factory.mktemp("neo4j"))
    with server.running():
        yield server


@pytest.fixture(scope="session")
def session_graph(neo4j_server: ManagedNeo4j) -> Iterator[Graph]:
    graph = open_test_graph(neo4j_server)
    yield graph
    graph.close()


@pytest.fixture
def graph(session_graph: Graph) -> Graph:
    """The session's graph, emptied (schema kept) before the test."""
    reset_graph(session_graph)
    return session_graph


@pytest.fixture
def crosslink_env(
    neo4j_server: ManagedNeo4j, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> dict[str, str]:
    """Environment that points the CLI and the app at the test server and a fresh data folder."""
    status = neo4j_server.status()
    env = {
        "NEO4J_URI": str(status.bolt_uri),
        "NEO4J_USER": "neo4j",
        "NEO4J_PASSWORD": neo4j_server.password(),
        "CROSSLINK_DATA_DIR": str(tmp_path / "data"),
        "CROSSLINK_NEO4J_RUNTIME_DIR": str(_runtime_dir()),
    }
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return env
