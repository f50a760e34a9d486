"""``crosslink neo4j start|stop|status``: the managed local Neo4j server."""

from __future__ import annotations

import time

import typer

from backend.cli.output import console, fail
from backend.neo4j_service import managed_server
from backend.settings import Settings
from graph.server import Neo4jServerError

app = typer.Typer(help="Manage the local Neo4j server (used when NEO4J_URI is not set).",
                  no_args_is_help=True)


def _server():  # noqa: ANN202 - typer helper
    settings = Settings()
    if settings.neo4j_uri:
        console.print(f"NEO4J_URI is set ({settings.neo4j_uri}): the managed server is not used.")
    return managed_server(settings)


@app.command()
def install() -> None:
    """Fetch the Neo4j jars from Maven Central and compile the launcher (once per version)."""
    server = _server()
    if server.is_provisioned():
        console.print(f"Neo4j {server.version} is installed in {server.jars_dir}")
        return
    began = time.monotonic()
    try:
        server.provision()
    except Neo4jServerError as exc:
        fail(str(exc), 2)
    console.print(f"installed Neo4j {server.version} in {server.jars_dir} "
                  f"({time.monotonic() - began:.1f} s)")


@app.command()
def start() -> None:
    """Provision (first time) and start the managed Neo4j; it runs until `crosslink neo4j stop`."""
    server = _server()
    began = time.monotonic()
    try:
        status = server.start()
    except Neo4jServerError as exc:
        fail(str(exc), 2)
    console.print(f"Neo4j {status.version} running at {status.bolt_uri} "
                  f"(pid {status.pid}, ready in {time.monotonic() - began:.1f} s)")
    console.print(f"data folder: {status.home}")


@app.command()
def stop() -> None:
    """Stop the managed Neo4j."""
    server = _server()
    console.print("Neo4j stopped." if server.stop() else "Neo4j was not running.")


@app.command()
def status() -> None:
    """Print version, Bolt URI, data folder and whether the managed Neo4j is running."""
    server = _server()
    info = server.status()
    console.print(f"state:       {'running' if info.running else 'stopped'}")
    console.print(f"version:     Neo4j Community {info.version}")
    console.print(f"bolt uri:    {info.bolt_uri or '-'}")
    console.print(f"data folder: {info.home}")
    console.print(f"provisioned: {'yes' if server.is_provisioned() else 'no'} ({server.jars_dir})")
    if info.running:
        console.print(f"pid:         {info.pid}")
