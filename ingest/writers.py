"""Writing template files (CSV or XLSX) from row dicts: the demo data set's ``--out DIR``,
examples for users, and tests write templates here rather than by hand.

Rows are streamed (XLSX in openpyxl's write-only mode); columns default to the template's.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from openpyxl import Workbook

from ingest.templates import TEMPLATES
from values.text import LIST_SEPARATOR

Row = Mapping[str, object]


def template_columns(template: str, extra: Sequence[str] = ()) -> list[str]:
    """The header of ``template`` (e.g. ``persons``), plus ``extra`` (grading columns)."""
    return list(TEMPLATES.templates[template].column_names) + list(extra)


def format_cell(value: object) -> str:
    """A Python value as a template cell: lists joined with ``;``, dates ISO 8601, booleans
    true/false, ``None`` empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(format_cell(v) for v in value)
    return str(value)


def _columns(path: Path, columns: Sequence[str] | None) -> list[str]:
    return list(columns) if columns else template_columns(path.stem)


def write_csv(path: Path, rows: Iterable[Row], columns: Sequence[str] | None = None, *,
              bom: bool = False, crlf: bool = False, encoding: str = "utf-8",
              delimiter: str = ",") -> Path:
    """Write a template CSV (UTF-8 unless ``encoding`` says otherwise; ``bom``/``crlf`` as
    Excel would) and return its path. The file's name says its template (``persons.csv``)."""
    header = _columns(path, columns)
    if bom and encoding == "utf-8":
        encoding = "utf-8-sig"
    with open(path, "w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n" if crlf else "\n",
                            delimiter=delimiter)
        writer.writerow(header)
        for row in rows:
            writer.writerow([format_cell(row.get(c)) for c in header])
    return path


def write_xlsx(path: Path, rows: Iterable[Row], columns: Sequence[str] | None = None) -> Path:
    """Write a template XLSX (one sheet, header on row 1) and return its path."""
    header = _columns(path, columns)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(path.stem)
    sheet.append(header)
    for row in rows:
        sheet.append([format_cell(row.get(c)) or None for c in header])
    workbook.save(path)
    return path
