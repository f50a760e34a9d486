"""Printing rows for people (rich tables) and for programs (JSON, CSV)."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from enum import StrEnum
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.table import Table

console = Console()
err_console = Console(stderr=True)


class OutputFormat(StrEnum):
    """Rows: a table to read, or JSON or CSV for programs."""

    table = "table"
    json = "json"
    csv = "csv"


class ReportFormat(StrEnum):
    """A report (a summary, a load, networks): a table to read, or JSON for programs."""

    table = "table"
    json = "json"


FormatOption = Annotated[OutputFormat, typer.Option(
    "--format", "-f", help="table (to read), json or csv (for programs)")]
ReportFormatOption = Annotated[ReportFormat, typer.Option(
    "--format", "-f", help="table (to read) or json (for programs)")]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (dict, list, tuple)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def _table_cell(value: Any) -> str:
    """As ``_cell``, but a list of plain values reads as a list: ``a, b, c``."""
    if (isinstance(value, (list, tuple))
            and not any(isinstance(v, (dict, list, tuple)) for v in value)):
        return ", ".join(_cell(v) for v in value)
    return _cell(value)


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def print_rows(
    rows: Sequence[Mapping[str, Any]],
    fmt: OutputFormat = OutputFormat.table,
    *,
    title: str | None = None,
    columns: Iterable[str] | None = None,
) -> None:
    cols = list(columns or (rows[0].keys() if rows else []))
    if fmt is OutputFormat.json:
        print_json(list(rows))
    elif fmt is OutputFormat.csv:
        writer = csv.writer(sys.stdout)
        writer.writerow(cols)
        for row in rows:
            writer.writerow([_cell(row.get(c)) for c in cols])
    else:
        table = Table(title=title, show_lines=False)
        for col in cols:
            table.add_column(col, overflow="fold")
        for row in rows:
            table.add_row(*(_table_cell(row.get(c)) for c in cols))
        console.print(table)
        console.print(f"{len(rows)} row{'s' if len(rows) != 1 else ''}", style="dim")


def fail(message: str, code: int = 1) -> NoReturn:
    """Print an error people can act on and exit with ``code``."""
    err_console.print(f"[bold red]error:[/] {message}", highlight=False)
    raise typer.Exit(code)
