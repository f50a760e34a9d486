"""``crosslink db init|stats|reset`` and ``crosslink cypher``."""

from __future__ import annotations

from typing import Annotated

import typer
from neo4j.exceptions import ClientError

from backend.cli.context import cli_graph
from backend.cli.output import (
    FormatOption,
    OutputFormat,
    ReportFormat,
    ReportFormatOption,
    console,
    err_console,
    fail,
    print_json,
    print_rows,
)
from backend.cli.params import ParamError, parse_params
from graph.console import read_with_warnings
from graph.maintenance import graph_stats, reset_graph
from graph.schema import apply_schema, recorded_version, schema_version

app = typer.Typer(help="The graph database: schema, statistics, reset.", no_args_is_help=True)

@app.command()
def init() -> None:
    """Create the constraints, indexes and full-text index of the domain model (idempotent)."""
    with cli_graph(init_schema=False) as graph:
        created = apply_schema(graph)
        version = recorded_version(graph)
    if created:
        console.print(f"created {len(created)} schema items: {', '.join(created)}")
    else:
        console.print("schema already up to date: nothing changed")
    console.print(f"schema version {version} (code {schema_version()})")


@app.command()
def stats(fmt: ReportFormatOption = ReportFormat.table) -> None:
    """Node counts per label and relationship counts per type."""
    with cli_graph() as graph:
        counts = graph_stats(graph)
    if fmt is ReportFormat.json:
        print_json(counts)
        return
    print_rows([{"label": k, "nodes": v} for k, v in counts["nodes"].items()], title="Nodes",
               columns=["label", "nodes"])
    print_rows([{"type": k, "relationships": v} for k, v in counts["relationships"].items()],
               title="Relationships", columns=["type", "relationships"])


@app.command()
def reset(
    yes: Annotated[bool, typer.Option("--yes", help="Really delete all graph data.")] = False,
) -> None:
    """Delete all graph data (nodes and relationships); the schema stays."""
    if not yes:
        fail("this deletes every node and relationship in the graph; "
             "run `crosslink db reset --yes` to confirm", 2)
    with cli_graph() as graph:
        deleted = reset_graph(graph)
    console.print(f"deleted {deleted} nodes and their relationships; schema kept")


def cypher(
    query: Annotated[str, typer.Argument(help="A read-only Cypher query.")],
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help="key=value")] = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Run one read-only query (READ access mode) and print its rows."""
    try:
        params = parse_params(param)
    except ParamError as exc:
        fail(str(exc), 2)
    with cli_graph() as graph:
        try:
            rows, warnings = read_with_warnings(graph, query, params)
        except ClientError as exc:
            if "write" in (exc.message or "").lower() or "read access mode" in (exc.message or ""):
                fail(f"refused: `crosslink cypher` runs read-only queries ({exc.message})")
            fail(f"{exc.code}: {exc.message}")
    for text in warnings:  # to stderr: the rows on stdout stay clean for programs
        err_console.print(f"[yellow]warning:[/] {text}", highlight=False)
    print_rows(rows, fmt)
