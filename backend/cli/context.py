"""Opening the graph for one CLI command, with errors printed instead of tracebacks."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from neo4j.exceptions import AuthError, ServiceUnavailable

from backend.cli.output import err_console, fail
from backend.neo4j_service import managed_server, open_graph
from backend.settings import Settings
from graph.connection import Graph
from graph.server import Neo4jServerError


@contextmanager
def cli_graph(
    settings: Settings | None = None, *, init_schema: bool = True, parent_pid: int | None = None
) -> Iterator[Graph]:
    settings = settings or Settings()
    if not settings.neo4j_uri and not managed_server(settings).status().running:
        err_console.print(
            "Starting the managed Neo4j"
            + ("..." if parent_pid else " (it keeps running; `crosslink neo4j stop` stops it)..."),
            style="dim",
        )
    try:
        graph = open_graph(settings, init_schema=init_schema, parent_pid=parent_pid)
    except Neo4jServerError as exc:
        fail(str(exc), 2)
    except (ServiceUnavailable, AuthError, OSError) as exc:
        fail(f"cannot reach Neo4j at {settings.neo4j_uri}: {exc}", 2)
    with graph:
        yield graph
