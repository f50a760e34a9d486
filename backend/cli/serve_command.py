"""``crosslink serve``: the API and the UI in one process on loopback."""

from __future__ import annotations

import os
import threading
import time
from typing import Annotated

import typer
import uvicorn
from sqlalchemy.exc import SQLAlchemyError

from backend.app import create_app
from backend.cli.context import cli_graph
from backend.cli.output import console, fail
from backend.db.engine import AppDB, open_app_db
from backend.neo4j_service import managed_server
from backend.services.users import ensure_first_admin
from backend.settings import Settings
from graph.connection import Graph
from graph.loaders import prepare_plans


def _open_app_state(settings: Settings) -> AppDB:
    """Migrate the app database; on a fresh one create the first admin and say so once."""
    try:
        db = open_app_db(settings)
    except SQLAlchemyError as exc:
        fail(f"cannot open the app database: {exc}", 2)
    with db.session() as session:
        first = ensure_first_admin(session)
    if first is not None:
        console.print(
            f"[bold]No users yet: created user [cyan]{first.username}[/] with password "
            f"[cyan]{first.password}[/][/]\n"
            "This is shown only once. Log in and change it on your account page (click "
            f"your name at the top right) or with `crosslink user passwd {first.username}`; "
            "add people with `crosslink authority add` and `crosslink user add`.",
            highlight=False,
        )
    return db


def _prepare_ingest(graph: Graph) -> None:
    """Plan the ingest's statements while the server starts (see ``prepare_plans``)."""
    started = time.perf_counter()
    try:
        planned = prepare_plans(graph)
    except Exception as exc:  # noqa: BLE001 - only the first upload is slower for it
        console.print(f"could not plan the ingest statements ahead (the first upload plans "
                      f"them): {exc}", highlight=False)
        return
    console.print(f"ingest ready: its {planned} statements planned in "
                  f"{time.perf_counter() - started:.1f} s", highlight=False)


def serve(
    host: Annotated[str | None, typer.Option(help="Address to listen on.")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on.")] = None,
) -> None:
    """Serve the API (/api, docs at /api/docs) and the workbench UI (/).

    Without NEO4J_URI, a managed Neo4j that is not already running is started for this
    server and stopped with it (also if the server is killed).
    """
    settings = Settings()
    host = host or settings.host
    port = port or settings.port
    server = None if settings.neo4j_uri else managed_server(settings)
    started_here = server is not None and not server.status().running
    db = _open_app_state(settings)
    try:
        with cli_graph(settings, parent_pid=os.getpid() if started_here else None) as graph:
            app = create_app(settings, graph, db)
            threading.Thread(target=_prepare_ingest, args=(graph,), name="prepare-ingest",
                             daemon=True).start()
            console.print(f"Crosslink at http://{host}:{port}/  (API docs: /api/docs)")
            uvicorn.run(app, host=host, port=port, log_level="info")
    finally:
        db.close()
        if started_here and server is not None:
            server.stop()
