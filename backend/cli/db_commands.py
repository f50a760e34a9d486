"""``crosslink db init|stats|reset`` and ``crosslink cypher``."""

from __future__ import annotations

from typing import Annotated

import typer

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
from backend.cli.viewer import cli_viewer
from backend.errors import CrosslinkError, QueryTimeoutError
from backend.services import console as console_service
from backend.services import maintenance
from backend.settings import Settings
from graph.console import refusal
from graph.maintenance import graph_stats
from graph.schema import recorded_version, schema_version

app = typer.Typer(help="The graph database: schema, statistics, reset.", no_args_is_help=True)

@app.command()
def init() -> None:
    """Create the constraints, indexes and full-text index of the domain model (idempotent)."""
    settings = Settings()
    with cli_viewer(settings) as (db, viewer), cli_graph(settings, init_schema=False) as graph:
        created = maintenance.create_schema(graph, db, viewer)
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
    settings = Settings()
    with cli_viewer(settings) as (db, viewer), cli_graph(settings) as graph:
        deleted = maintenance.empty_graph(graph, db, viewer)
    console.print(f"deleted {deleted} nodes and their relationships; schema kept")


def cypher(
    query: Annotated[str, typer.Argument(help="A read-only Cypher query.")],
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help="key=value")] = None,
    fmt: FormatOption = OutputFormat.table,
    elements: Annotated[bool, typer.Option(
        "--elements", help="With --format json: also the nodes and relationships found.")] = False,
    unrestricted: Annotated[bool, typer.Option(
        "--unrestricted", help="For administrators: lift the procedure allow-list (any "
        "procedure, dbms.* too, and SHOW commands). Still read-only, timed, without LOAD CSV; "
        "audited.")] = False,
) -> None:
    """Run one read-only query with the API console's guard and print its rows.

    Writes, schema and admin commands, LOAD CSV and procedures outside the console's allow-list
    are refused; the query runs in a READ transaction stopped after CROSSLINK_CONSOLE_TIMEOUT
    seconds, with at most CROSSLINK_CONSOLE_ROW_LIMIT rows. Every run is in the audit log."""
    try:
        params = parse_params(param)
    except ParamError as exc:
        fail(str(exc), 2)
    settings = Settings()
    with cli_viewer(settings) as (db, viewer), cli_graph(settings) as graph:
        try:
            result = console_service.run(graph, db, viewer, query, params,
                                         timeout=settings.console_timeout,
                                         row_limit=settings.console_row_limit,
                                         unrestricted=unrestricted)
        except QueryTimeoutError as exc:
            fail(f"{exc.message} (or raise CROSSLINK_CONSOLE_TIMEOUT)")
        except CrosslinkError as exc:
            lifts = (exc.code == "refused" and not unrestricted
                     and refusal(query, unrestricted=True) is None)
            fail(exc.message + ("; an administrator may lift the procedure allow-list with "
                                "`crosslink cypher --unrestricted`" if lifts else ""))
    for text in result["warnings"]:  # to stderr: the rows on stdout stay clean for programs
        err_console.print(f"[yellow]warning:[/] {text}", highlight=False)
    if fmt is OutputFormat.json and elements:
        print_json({key: result[key] for key in ("columns", "rows", "nodes", "relationships",
                                                 "truncated", "redacted")})
    else:
        print_rows(result["rows"], fmt, columns=result["columns"])
    if result["truncated"]:
        err_console.print(f"stopped at {len(result['rows'])} rows (CROSSLINK_CONSOLE_ROW_LIMIT)",
                          style="yellow")
