"""A real Crosslink server (uvicorn on a free port, real HTTP) over the session's Neo4j, with
the two-authorities data set, a fresh SQLite app database and one user per role and authority.

The server and data are shared by a test module (``api_server``); tests must not change the
graph (tests that write use their own server or data).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
import uvicorn

from backend.app import create_app
from backend.db.engine import AppDB, open_app_db
from backend.services import teams, users
from backend.settings import Settings
from graph.connection import Graph
from graph.maintenance import reset_graph
from graph.server import free_port

from .dataset import MX_CASE, load_two_authorities

PASSWORD = "correct horse battery"
ROLES = ("viewer", "investigator", "analyst", "admin")


@dataclass
class ApiServer:
    url: str
    db: AppDB
    graph: Graph
    settings: Settings
    server: uvicorn.Server
    thread: threading.Thread
    tokens: dict[str, str] = field(default_factory=dict)

    def client(self, user: str | None = None) -> httpx.Client:
        """An HTTP client logged in as ``user`` with a Bearer token (None: anonymous)."""
        headers = {"Authorization": f"Bearer {self.tokens[user]}"} if user else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=60)

    def browser(self, user: str) -> AbstractContextManager[httpx.Client]:
        """A client logged in with the session cookie, as the browser is."""
        return self.browser_with(user, PASSWORD)

    @contextmanager
    def browser_with(self, user: str, password: str) -> Iterator[httpx.Client]:
        with httpx.Client(base_url=self.url, timeout=60) as client:
            response = client.post("/api/auth/login",
                                   json={"username": user, "password": password})
            assert response.status_code == 200, response.text
            yield client

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)


def start_server(settings: Settings, graph: Graph, db: AppDB) -> ApiServer:
    port = free_port()
    app = create_app(settings, graph, db, with_ui=False)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,
                                           log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the API server did not start")
        time.sleep(0.05)
    return ApiServer(f"http://127.0.0.1:{port}", db, graph, settings, server, thread)


def add_people(server: ApiServer) -> None:
    """gt-<role> and mx-<role> for every role; gt-team is in a team MX shared its case with."""
    from backend.auth.tokens import create_token

    with server.db.session() as s:
        users.create_authority(s, "GT-PNC", name="Policia Nacional Civil", country="GT",
                               kind="police")
        users.create_authority(s, "MX-FGE", name="Fiscalia General", country="MX",
                               kind="prosecutor")
        for prefix, authority in (("gt", "GT-PNC"), ("mx", "MX-FGE")):
            for role in ROLES:
                user = users.create_user(s, f"{prefix}-{role}", PASSWORD,
                                         authority_id=authority, role=role)
                server.tokens[user.username] = create_token(s, user, "tests")
        member = users.create_user(s, "gt-team", PASSWORD, authority_id="GT-PNC",
                                   role="investigator")
        server.tokens[member.username] = create_token(s, member, "tests")
        team = teams.create_team(s, "JIT Norte", description="GT-MX joint team")
        teams.add_member(s, team.id, member.id, lead=True)
        teams.share_case(s, MX_CASE, team.id)


def make_settings(tmp: Path, **overrides: object) -> Settings:
    return Settings(data_dir=tmp, database_url=f"sqlite:///{tmp / 'app.db'}", **overrides)


@pytest.fixture(scope="module")
def api_server(session_graph: Graph, tmp_path_factory: pytest.TempPathFactory
               ) -> Iterator[ApiServer]:
    tmp = tmp_path_factory.mktemp("api")
    reset_graph(session_graph)
    load_two_authorities(session_graph, tmp / "data")
    settings = make_settings(tmp, console_timeout=2.0, console_row_limit=3,
                             login_attempts=3, login_window=60.0)
    db = open_app_db(settings)
    server = start_server(settings, session_graph, db)
    add_people(server)
    yield server
    server.stop()
    db.close()
