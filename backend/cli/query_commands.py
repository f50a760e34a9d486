"""``crosslink query list | show NAME | run NAME``: the saved pattern queries of queries/."""

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
    fail,
    print_json,
    print_rows,
)
from backend.cli.params import ParamError as ParamSyntaxError
from backend.cli.params import parse_params
from backend.services.neo4j_errors import is_timeout
from backend.settings import Settings
from graph.query_library import (
    HeaderError,
    ParamError,
    QueryResult,
    SavedQuery,
    UnknownQueryError,
    bind_params,
    load_library,
    run_query,
    saved_query,
)

app = typer.Typer(help="Saved pattern queries (queries/*.cypher): list, show, run.",
                  no_args_is_help=True)

NameArgument = Annotated[str, typer.Argument(help="Name of the query (file name without .cypher).")]


def _load(name: str) -> SavedQuery:
    try:
        return saved_query(name)
    except (UnknownQueryError, HeaderError) as exc:
        fail(str(exc), 2)
        raise  # unreachable: fail exits


def _default(value: object) -> str:
    """A default as it is typed on the command line (``a,b`` for a list)."""
    return ",".join(map(str, value)) if isinstance(value, (list, tuple)) else str(value)


def _param_line(query: SavedQuery) -> str:
    return ", ".join(f"{p.name}:{p.type}" + ("" if p.required else f"={_default(p.default)}")
                     for p in query.params)


@app.command("list")
def list_queries(fmt: FormatOption = OutputFormat.table) -> None:
    """Every saved query with its title and parameters."""
    try:
        library = load_library()
    except HeaderError as exc:
        fail(str(exc), 1)
    if fmt is OutputFormat.json:
        print_json([q.summary() for q in library.values()])
        return
    print_rows([{"name": q.name, "title": q.title, "params": _param_line(q)}
                for q in library.values()], fmt, title="Saved queries",
               columns=["name", "title", "params"])


@app.command()
def show(name: NameArgument, fmt: ReportFormatOption = ReportFormat.table) -> None:
    """Title, description, targets, parameters, columns and Cypher of one query."""
    query = _load(name)
    if fmt is ReportFormat.json:
        print_json({**query.summary(), "cypher": query.cypher})
        return
    console.print(f"[bold]{query.name}[/]: {query.title}", highlight=False)
    console.print(query.description, highlight=False)
    console.print(f"targets: {'; '.join(query.targets)}", highlight=False)
    console.print(f"returns: {', '.join(query.returns)}", highlight=False)
    print_rows([{"param": p.name, "type": p.type,
                 "default": "(required)" if p.required else p.default, "help": p.help}
                for p in query.params], title="Parameters",
               columns=["param", "type", "default", "help"])
    console.print(query.cypher, highlight=False, markup=False)


@app.command()
def run(
    name: NameArgument,
    param: Annotated[list[str] | None, typer.Option(
        "--param", "-p", help="key=value, checked against the query's declared types")] = None,
    fmt: FormatOption = OutputFormat.table,
    elements: Annotated[bool, typer.Option(
        "--elements", help="With --format json: also the nodes and relationships found.")] = False,
) -> None:
    """Run a saved query (READ transaction, CROSSLINK_QUERY_TIMEOUT) and print its rows."""
    query = _load(name)
    try:
        values = parse_params(param, typed=False)
        bind_params(query.params, values, query.name)  # refused before Neo4j is reached
    except (ParamSyntaxError, ParamError) as exc:
        fail(str(exc), 2)
    settings = Settings()
    with cli_graph(settings) as graph:
        try:
            result = run_query(graph, query, values, timeout=settings.query_timeout,
                               row_limit=settings.query_row_limit)
        except ValueError as exc:  # refused by the read-only check
            fail(f"{name}: {exc}")
        except ClientError as exc:
            if is_timeout(exc):
                fail(f"{name} ran longer than {settings.query_timeout:g} s and was stopped; "
                     "narrow its parameters or raise CROSSLINK_QUERY_TIMEOUT")
            fail(f"{name}: Neo4j refused the query: {exc.message}")
    _print_result(result, fmt, elements)


def _print_result(result: QueryResult, fmt: OutputFormat, elements: bool) -> None:
    if fmt is OutputFormat.json and elements:
        print_json({"query": result.query, "params": result.params, "columns": result.columns,
                    "rows": result.rows, "nodes": result.nodes,
                    "relationships": result.relationships, "truncated": result.truncated})
        return
    print_rows(result.rows, fmt, title=result.query, columns=result.columns)
    if result.truncated:
        console.print(f"stopped at {len(result.rows)} rows (CROSSLINK_QUERY_ROW_LIMIT)",
                      style="yellow")
