"""The documentation is kept true by tests: every command, setting, API endpoint, UI page, label
and relationship type is documented on its page of docs/, the README links nothing outside the
repository, and the site builds with ``mkdocs build --strict``."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from fastapi import FastAPI
from fastapi.routing import APIRoute
from starlette.routing import Route

from backend.app import create_app
from backend.db.engine import open_app_db
from backend.settings import Settings
from graph.connection import Graph
from graph.model import load_model
from ui.pages.registry import all_pages

from .helpers import REPO, cli_commands

DOCS = REPO / "docs"
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


def page(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


def _section(text: str, heading: str) -> str:
    """The text under ``## heading`` up to the next heading of level 2."""
    start = text.index(f"\n## {heading}\n")
    end = text.find("\n## ", start + 1)
    return text[start:end] if end > 0 else text[start:]


def test_every_cli_command_is_in_the_cli_page() -> None:
    cli = page("cli.md")
    paths = list(cli_commands())
    assert len(paths) > 30 and "crosslink user add" in paths  # the walk reached them all
    missing = [p for p in paths if f"`{p}" not in cli]
    assert not missing, f"commands missing from docs/cli.md: {missing}"


def test_every_cli_option_is_in_its_command_section() -> None:
    cli = page("cli.md")
    missing = []
    for path, command in cli_commands().items():
        start = cli.index(f"\n### `{path}`\n")
        end = cli.find("\n### ", start + 1)
        section = cli[start:end] if end > 0 else cli[start:]
        for param in command.params:
            if param.param_type_name == "option" and param.name != "help":
                missing += [f"{path} {flag}" for flag in param.opts if f"`{flag}`" not in section]
    assert not missing, f"options missing from docs/cli.md: {missing}"


def test_every_setting_is_in_the_operations_page() -> None:
    operations = page("operations.md")
    missing = []
    for name, field in Settings.model_fields.items():
        alias = field.validation_alias
        names = list(getattr(alias, "choices", [])) if alias else []
        names.append(f"CROSSLINK_{name.upper()}")
        if not any(f"`{n}`" in operations for n in names):
            missing.append(names[0])
    assert not missing, f"settings missing from docs/operations.md: {missing}"


# --- API --------------------------------------------------------------------------------------

def _shape(path: str) -> str:
    """``/api/teams/{team_id}/cases`` and ``/api/teams/{id}/cases`` are the same endpoint."""
    return re.sub(r"\{[^}]*\}", "{}", path.split("?", 1)[0])


@pytest.fixture(scope="module")
def api_app(session_graph: Graph, tmp_path_factory: pytest.TempPathFactory
            ) -> Iterator[FastAPI]:
    tmp = tmp_path_factory.mktemp("docs-api")
    settings = Settings(data_dir=tmp, database_url=f"sqlite:///{tmp / 'app.db'}")
    yield create_app(settings, session_graph, open_app_db(settings), with_ui=False)
    # the app plans the loader statements in the background: let it finish with the graph
    for thread in threading.enumerate():
        if thread.name == "warm-up":
            thread.join(timeout=120)


def _openapi_endpoints(api_app: FastAPI) -> set[tuple[str, str]]:
    return {(method.upper(), _shape(path))
            for path, operations in api_app.openapi()["paths"].items()
            for method in operations}


def test_every_api_route_is_in_the_endpoint_table(api_app: FastAPI) -> None:
    table = _section(page("api.md"), "Endpoints")
    rows = re.findall(rf"^\| `({'|'.join(METHODS)}) (/api/[^`\s]*)` \|", table, re.MULTILINE)
    documented = {(method, _shape(path)) for method, path in rows}
    routes = _openapi_endpoints(api_app)
    assert len(routes) > 50 and ("POST", "/api/auth/login") in routes  # the whole API was read
    missing = sorted(routes - documented)
    assert not missing, f"API routes missing from docs/api.md, Endpoints: {missing}"
    unknown = sorted(documented - routes)
    assert not unknown, f"docs/api.md documents endpoints the app does not have: {unknown}"
    assert len(rows) == len(documented), "an endpoint has two rows in docs/api.md"


def test_every_endpoint_named_on_the_api_page_exists(api_app: FastAPI) -> None:
    # the operations of the OpenAPI, and the routes it leaves out (the try-it page, the
    # OpenAPI document itself)
    served = _openapi_endpoints(api_app)
    for route in api_app.routes:
        if isinstance(route, APIRoute | Route):
            served |= {(method, _shape(route.path)) for method in route.methods or ()}
    named = re.findall(rf"`({'|'.join(METHODS)}) (/api/[^`\s]*)", page("api.md"))
    assert len(named) > 50
    unknown = sorted({(m, _shape(p)) for m, p in named} - served)
    assert not unknown, f"docs/api.md names endpoints the app does not serve: {unknown}"


# --- UI, model --------------------------------------------------------------------------------

def test_every_ui_page_is_in_the_ui_page() -> None:
    ui = page("ui.md")
    table_rows = re.findall(r"^\| \[([^\]]+)\]\(#[^)]+\) \| ([^|]+) \|", ui, re.MULTILINE)
    table = {title: path for title, path in table_rows}
    missing = []
    for registered in all_pages():
        if f"\n## {registered.title}\n" not in ui:
            missing.append(f"{registered.title}: no section")
        elif f"`{registered.path}`" not in table.get(registered.title, ""):
            missing.append(f"{registered.title}: not in the table with {registered.path}")
    assert not missing, f"UI pages missing from docs/ui.md: {missing}"


def _names_in_table(text: str, heading: str) -> list[str]:
    return re.findall(r"^\| `([A-Za-z_]+)` \|", _section(text, heading), re.MULTILINE)


def test_every_label_and_relationship_type_is_in_the_model_page() -> None:
    model = load_model()
    text = page("model.md")
    labels = _names_in_table(text, "Node labels")
    types = _names_in_table(text, "Relationship types")
    assert sorted(labels) == sorted(model.nodes), "docs/model.md, Node labels"
    assert sorted(types) == sorted(model.relationships), "docs/model.md, Relationship types"


# --- the site and the README ------------------------------------------------------------------

def _nav_files(entries: list[Any]) -> Iterator[str]:
    for entry in entries:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        if isinstance(value, list):
            yield from _nav_files(value)
        else:
            yield value


def test_the_nav_lists_every_page() -> None:
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    nav = list(_nav_files(config["nav"]))
    pages = sorted(str(p.relative_to(DOCS)) for p in DOCS.rglob("*.md")
                   if "_incoming" not in p.parts)
    assert sorted(nav) == pages


def test_the_readme_links_only_inside_the_repository() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 150, "README.md is the overview; reference goes to docs/"
    for command in ("make run", "make test", "make docs"):
        assert command in readme
    links = re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", readme)
    assert len(links) >= 10  # the map of the docs
    outside = [link for link in links
               if "://" not in link and not (REPO / link).resolve().is_relative_to(REPO)]
    missing = [link for link in links if "://" not in link and not (REPO / link).exists()]
    assert not outside, f"README.md links outside the repository: {outside}"
    assert not missing, f"README.md links files that do not exist: {missing}"
    assert not [link for link in links if "://" in link], "README.md links other sites"


def test_the_site_builds_in_strict_mode(tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=REPO, capture_output=True, text=True, timeout=300, check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stderr
    assert (site / "api" / "index.html").is_file()
    assert (site / "search" / "search_index.json").is_file()  # the site's search
    assert not (site / "_incoming").exists()  # fragments are not published
