"""``crosslink mapping suggest | check | list``: column mappings of files written in a
source's own layout (ingest/mapping/)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from backend.cli.output import (
    FormatOption,
    OutputFormat,
    console,
    err_console,
    fail,
    print_json,
    print_rows,
)
from backend.settings import Settings
from ingest.grading import Grading
from ingest.mapping.apply import mapped_files, preview
from ingest.mapping.model import MappingError, load_mapping
from ingest.mapping.store import MappingStore
from ingest.mapping.suggest import suggest as suggest_mapping
from ingest.readers import UnreadableFileError, read_as
from ingest.templates import TEMPLATES
from values import InvalidValueError

app = typer.Typer(help="Column mappings: files in a source's own layout read as templates.",
                  no_args_is_help=True)

PREVIEW_ROWS = 5


def _readable(path: Path) -> None:
    if not path.is_file():
        fail(f"{path}: no such file", 2)


@app.command("suggest")
def suggest(
    file: Annotated[Path, typer.Argument(help="A CSV or XLSX file in its source's own layout.")],
    template: Annotated[str | None, typer.Option(
        help="The template the file feeds (default: the one its headers name most).")] = None,
    out: Annotated[Path | None, typer.Option(
        "--out", help="Write the mapping here (default: print it).")] = None,
) -> None:
    """Write a first mapping of FILE by matching its headers (English, Spanish, Portuguese,
    French, Thai, Bahasa; close spellings) and its values (date order, yes/no words,
    enumeration values, country names), for a person to correct."""
    _readable(file)
    if template is not None and template not in TEMPLATES.templates:
        fail(f"--template {template!r}: not a template; expected one of "
             + ", ".join(TEMPLATES.templates), 2)
    try:
        found = suggest_mapping(file, template)
    except (UnreadableFileError, OSError, UnicodeDecodeError) as exc:
        fail(f"{file}: cannot read it: {exc}", 2)
    text = found.text()
    if out is None:
        typer.echo(text, nl=False)
    else:
        try:
            out.write_text(text, encoding="utf-8")
        except OSError as exc:
            fail(f"--out {out}: cannot write: {exc}", 2)
    rule = found.mapping.templates[0]
    err_console.print(f"{file.name} -> {rule.template}: {len(rule.columns)} of "
                      f"{len(TEMPLATES.templates[rule.template].columns)} columns mapped"
                      + (f", written to {out}" if out else ""), highlight=False)
    if found.missing:
        err_console.print("required and not found: " + ", ".join(found.missing)
                          + ": map them before loading", style="yellow", highlight=False)
    if found.unmapped:
        err_console.print("columns of the file not read: " + ", ".join(found.unmapped),
                          highlight=False)
    err_console.print("check it, then: crosslink mapping check MAP.yaml FILE", style="dim",
                      highlight=False)


@app.command("check")
def check(
    mapping_file: Annotated[Path, typer.Argument(metavar="MAP.yaml", help="A mapping file.")],
    file: Annotated[Path | None, typer.Argument(
        help="A file the mapping reads: its first rows are shown as they would load.")] = None,
    rows: Annotated[int, typer.Option(min=1, help="Rows to preview.")] = PREVIEW_ROWS,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Validate a mapping (each problem names the file and key); with FILE, preview its first
    rows as they would load, with what the checker says of each. Exit 1 when a previewed row
    has a problem, 2 when the mapping or the file cannot be used."""
    _readable(mapping_file)
    try:
        mapping = load_mapping(mapping_file)
    except MappingError as exc:
        fail(str(exc), 2)
    targets = ", ".join(dict.fromkeys(t.template for t in mapping.templates))
    if file is None:
        console.print(f"{mapping_file}: a good mapping (feeds {targets})", highlight=False)
        return
    _readable(file)
    dialect = read_as(file, mapping.encoding, mapping.delimiter)
    err_console.print(f"{file.name}: encoding {dialect.encoding}, delimiter "
                      f"{dialect.delimiter!r}", highlight=False)
    grading = Grading("preview")
    shown = []
    problems = 0
    for mapped in mapped_files(file, mapping, str(mapping_file)):
        try:
            previewed = preview(mapped, grading, rows)
        except UnreadableFileError as exc:
            fail(f"{file}: {exc.reason}", 2)
        for row in previewed:
            problems += bool(row.problems)
            shown.append({"template": mapped.template.name, "line": row.line,
                          **{k: v for k, v in row.cells.items() if v},
                          "problems": "; ".join(row.problems)})
        if fmt is OutputFormat.table:  # one line per row: a template is wider than a screen
            print_rows([{"line": r.line,
                         "as it would load": "; ".join(f"{k}={v}" for k, v in r.cells.items()
                                                       if v),
                         "problems": "; ".join(r.problems)} for r in previewed], fmt,
                       title=f"{file.name} as {mapped.template.name} (first {rows} rows)")
    if fmt is OutputFormat.json:
        print_json(shown)
    elif fmt is OutputFormat.csv:
        print_rows(shown, fmt)
    if problems:
        err_console.print(f"{problems} previewed row(s) would not load as they are: correct "
                          "the mapping or the file", style="yellow", highlight=False)
        raise typer.Exit(1)
    err_console.print(f"{mapping_file.name}: a good mapping; the previewed rows load",
                      style="green", highlight=False)


@app.command("list")
def list_mappings(
    source: Annotated[str | None, typer.Option(help="Only this source's mappings.")] = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """The mappings kept per source (CROSSLINK_MAPPINGS_DIR), which `crosslink ingest` uses
    for the next files of that source."""
    store = MappingStore(Settings().mapping_root)
    try:
        rows = store.listing(source)
    except InvalidValueError as exc:
        fail(f"--source {source!r}: {exc}", 2)
    print_rows(rows, fmt, title=f"Kept mappings ({store.root})",
               columns=["source", "mapping", "files", "templates", "path", "problem"])
