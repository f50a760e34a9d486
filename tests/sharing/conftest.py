"""Two Crosslink instances for the sharing tests: A is the session's Neo4j, B a second managed
Neo4j (own home, own port) started once for the session; each has its own data folder (keys,
SQLite app database). Nothing is mocked."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from backend.auth.viewer import viewer_for
from backend.db.engine import open_app_db
from backend.services import subgraphs, users
from backend.settings import Settings
from backend.sharing import keys
from graph.connection import Graph
from graph.maintenance import reset_graph
from graph.server import ManagedNeo4j
from tests.conftest import _runtime_dir, make_test_server, open_test_graph

from .seed import NODE_IDS, seed_instance_a


@dataclass
class Instance:
    """One instance: its graph, settings (data folder) and CLI environment."""

    graph: Graph
    settings: Settings
    env: dict[str, str]


def _env(server: ManagedNeo4j, data_dir: Path) -> dict[str, str]:
    return {"NEO4J_URI": str(server.status().bolt_uri), "NEO4J_USER": "neo4j",
            "NEO4J_PASSWORD": server.password(), "CROSSLINK_DATA_DIR": str(data_dir),
            "CROSSLINK_NEO4J_RUNTIME_DIR": str(_runtime_dir())}


@pytest.fixture(scope="session")
def neo4j_server_b(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ManagedNeo4j]:
    server = make_test_server(tmp_path_factory.mktemp("neo4j-b"), heap="512m", pagecache="128m")
    with server.running():
        yield server


@pytest.fixture(scope="session")
def session_graph_b(neo4j_server_b: ManagedNeo4j) -> Iterator[Graph]:
    graph = open_test_graph(neo4j_server_b)
    yield graph
    graph.close()


@pytest.fixture(scope="module")
def pair(neo4j_server: ManagedNeo4j, session_graph: Graph, neo4j_server_b: ManagedNeo4j,
         session_graph_b: Graph, tmp_path_factory: pytest.TempPathFactory
         ) -> tuple[Instance, Instance]:
    """A (Guatemala's police, with the seed data and saved subgraph 1) and B (Mexico's
    labour inspectorate, empty graph), each with a key; each trusts the other."""
    reset_graph(session_graph)
    reset_graph(session_graph_b)
    root = tmp_path_factory.mktemp("instances")
    a = Instance(session_graph, Settings(data_dir=root / "a"), _env(neo4j_server, root / "a"))
    b = Instance(session_graph_b, Settings(data_dir=root / "b"),
                 _env(neo4j_server_b, root / "b"))
    ident_a = keys.init_keys(a.settings, "gt-pnc-1", "gt-pnc")
    ident_b = keys.init_keys(b.settings, "mx-stps-1", "mx-stps")
    keys.trust(a.settings, "mexico", ident_b)
    keys.trust(b.settings, "guatemala", ident_a)
    seed_instance_a(a.graph)
    db = open_app_db(a.settings)
    with db.session() as session:
        users.create_authority(session, "gt-pnc", name="PNC", country="GT", kind="police",
                               source_ids=["gt-pnc"])
        user = users.create_user(session, "ana", "correct horse battery",
                                 authority_id="gt-pnc", role="investigator")
        subgraphs.create(session, viewer_for(session, user), name="Finca network",
                         description="joint operation",
                         elements={"nodes": [{"id": i} for i in NODE_IDS]})
    db.close()
    open_app_db(b.settings).close()
    return a, b


@pytest.fixture
def empty_b(pair: tuple[Instance, Instance]) -> Instance:
    """Instance B with an empty graph."""
    reset_graph(pair[1].graph)
    return pair[1]
