"""Two Crosslink instances for the sharing tests: A is the session's Neo4j, B a second managed
Neo4j (own home, own port) started once for the session; each has its own data folder (keys,
SQLite app database). Nothing is mocked.

Most CLI calls run the real ``crosslink`` app in-process (``cli``: same commands, options,
exit codes and messages, without paying the interpreter's start-up for each); the path
from A to B also goes through a real ``crosslink`` process (``tests.helpers.run_cli``)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from backend.auth.viewer import viewer_for
from backend.cli import app as cli_app
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


@dataclass
class CliResult:
    returncode: int
    stdout: str
    stderr: str


def cli(args: list[str], env: dict[str, str]) -> CliResult:
    """``crosslink ARGS`` in this process with ``env``; stderr with its line wrapping
    undone (rich wraps at the terminal's width)."""
    result = CliRunner().invoke(cli_app, args, env={**env, "COLUMNS": "200"},
                                catch_exceptions=False)
    return CliResult(result.exit_code, result.stdout, " ".join(result.stderr.split()))


def _env(server: ManagedNeo4j, data_dir: Path) -> dict[str, str]:
    return {"NEO4J_URI": str(server.status().bolt_uri), "NEO4J_USER": "neo4j",
            "NEO4J_PASSWORD": server.password(), "CROSSLINK_DATA_DIR": str(data_dir),
            "CROSSLINK_NEO4J_RUNTIME_DIR": str(_runtime_dir())}


@pytest.fixture(scope="session")
def neo4j_server_b_starting(tmp_path_factory: pytest.TempPathFactory
                            ) -> Iterator[tuple[ManagedNeo4j, Future[Any]]]:
    """B's server, starting in the background (its JVM boots while the tests that need
    only A run); stopped at the end of the session."""
    server = make_test_server(tmp_path_factory.mktemp("neo4j-b"), heap="512m", pagecache="128m")
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="neo4j-b") as pool:
        future = pool.submit(server.start, os.getpid())
        try:
            yield server, future
        finally:
            future.result()
            server.stop()


@pytest.fixture(scope="package", autouse=True)
def _partner_starts_early(request: pytest.FixtureRequest) -> None:
    """Ask for B's server at the start of the package when a selected test needs it, so
    that its start overlaps the tests that need only A."""
    if any("neo4j_server_b" in item.fixturenames for item in request.session.items):
        request.getfixturevalue("neo4j_server_b_starting")


@pytest.fixture(scope="session")
def neo4j_server_b(neo4j_server_b_starting: tuple[ManagedNeo4j, Future[Any]]
                   ) -> ManagedNeo4j:
    server, future = neo4j_server_b_starting
    future.result()
    return server


@pytest.fixture(scope="session")
def session_graph_b(neo4j_server_b: ManagedNeo4j) -> Iterator[Graph]:
    graph = open_test_graph(neo4j_server_b)
    yield graph
    graph.close()


@pytest.fixture(scope="session")
def settings_b(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """B's data folder with its key (Mexico's labour inspectorate), made before B's server
    runs so that A can trust it from the start."""
    settings = Settings(data_dir=tmp_path_factory.mktemp("instance-b"))
    keys.init_keys(settings, "mx-stps-1", "mx-stps")
    open_app_db(settings).close()
    return settings


@pytest.fixture(scope="module")
def instance_a(neo4j_server: ManagedNeo4j, session_graph: Graph, settings_b: Settings,
               tmp_path_factory: pytest.TempPathFactory) -> Instance:
    """A: Guatemala's police, with the seed data, user ana and her saved subgraph 1; its key
    trusts B's organisation (mx-stps) as a partner, so exports may be addressed to it."""
    reset_graph(session_graph)
    root = tmp_path_factory.mktemp("instance-a")
    a = Instance(session_graph, Settings(data_dir=root), _env(neo4j_server, root))
    keys.init_keys(a.settings, "gt-pnc-1", "gt-pnc")
    keys.trust(a.settings, "mexico", keys.identity(settings_b))
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
    return a


@pytest.fixture(scope="module")
def pair(instance_a: Instance, neo4j_server_b: ManagedNeo4j, session_graph_b: Graph,
         settings_b: Settings) -> tuple[Instance, Instance]:
    """A and B (Mexico's labour inspectorate, empty graph); each trusts the other."""
    reset_graph(session_graph_b)
    b = Instance(session_graph_b, settings_b, _env(neo4j_server_b, settings_b.data_dir))
    keys.trust(b.settings, "guatemala", keys.identity(instance_a.settings))
    return instance_a, b


@pytest.fixture
def empty_b(pair: tuple[Instance, Instance]) -> Instance:
    """Instance B with an empty graph."""
    reset_graph(pair[1].graph)
    return pair[1]
