"""The real workbench over real HTTP, driven by Debian's Chromium through Playwright.

One server per package (uvicorn in a thread, API and UI as ``crosslink serve`` builds them)
over the session's Neo4j with the small demo loaded and resolution run, a fresh SQLite app
database and one user per role. Screenshots go to test-artifacts/screenshots/.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import Browser, Page, expect, sync_playwright

from backend.app import create_app
from backend.db.engine import AppDB, open_app_db
from backend.services import users
from backend.settings import Settings
from graph.connection import Graph
from graph.maintenance import reset_graph
from graph.resolution.run import run_resolution
from graph.schema import apply_schema
from graph.server import free_port
from ingest.demo.generator import generate
from ingest.demo.load import load_demo
from ui import topojson

PASSWORD = "correct horse battery"
ROLES = ("viewer", "investigator", "analyst", "admin")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
# Callbacks wait on Neo4j; on a busy 2-core machine a few seconds is not enough.
expect.set_options(timeout=30_000)


@dataclass
class UiServer:
    url: str
    graph: Graph
    db: AppDB
    settings: Settings
    server: uvicorn.Server
    thread: threading.Thread

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)


def start_ui_server(settings: Settings, graph: Graph, db: AppDB) -> UiServer:
    port = free_port()
    app = create_app(settings, graph, db)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,
                                           log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, daemon=True, name="ui-server")
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the workbench server did not start")
        time.sleep(0.05)
    return UiServer(f"http://127.0.0.1:{port}", graph, db, settings, server, thread)


@pytest.fixture(scope="package")
def ui_server(session_graph: Graph, tmp_path_factory: pytest.TempPathFactory
              ) -> Iterator[UiServer]:
    topojson.install()  # the map outlines `make setup` fetches; a no-op when present
    tmp = tmp_path_factory.mktemp("ui")
    reset_graph(session_graph)
    apply_schema(session_graph)
    load_demo(session_graph, generate("small", 7))
    run_resolution(session_graph)
    settings = Settings(data_dir=tmp, database_url=f"sqlite:///{tmp / 'app.db'}")
    db = open_app_db(settings)
    with db.session() as s:
        users.create_authority(s, "GT-PNC", name="Policia Nacional Civil", country="GT",
                               kind="police")
        for role in ROLES:
            users.create_user(s, f"ui-{role}", PASSWORD, authority_id="GT-PNC", role=role)
    server = start_ui_server(settings, session_graph, db)
    yield server
    server.stop()
    db.close()


@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def choose(page: Page, dropdown: str, option: str) -> None:
    """Pick the option of a Dash dropdown whose text matches ``option`` (a regex)."""
    page.click(dropdown)
    page.get_by_role("option", name=re.compile(option)).click()


def log_in(page: Page, url: str, user: str) -> None:
    page.goto(url + "/explore")
    page.fill("#login-user", user)
    page.fill("#login-password", PASSWORD)
    page.click("#login-button")
    page.wait_for_selector("#nav-explore", timeout=20_000)


@pytest.fixture
def analyst(browser: Browser, ui_server: UiServer) -> Iterator[Page]:
    """A page logged in as an analyst (sees every case, may use the console)."""
    context = browser.new_context(viewport={"width": 1500, "height": 1000})
    page = context.new_page()
    refused: list[str] = []  # anything the Content-Security-Policy blocked, in any UI test
    page.on("console", lambda m: refused.append(m.text)
            if "Content Security Policy" in m.text else None)
    log_in(page, ui_server.url, "ui-analyst")
    yield page
    context.close()
    assert refused == [], refused


@pytest.fixture
def investigator(browser: Browser, ui_server: UiServer) -> Iterator[Page]:
    """An investigator (may upload) of its own: what it uploads stays out of the analyst's
    upload history, which the page tests count."""
    context = browser.new_context(viewport={"width": 1500, "height": 1000})
    page = context.new_page()
    log_in(page, ui_server.url, "ui-investigator")
    yield page
    context.close()


def shot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), timeout=60_000)
