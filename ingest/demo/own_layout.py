"""Demo files written in a source's own layout, with the mappings that read them back: the
worked example of a source that exports its own way (spanish_layout.yaml: Spanish headers,
day-first dates, Sí/No, F/M, decimal commas, lists split by " / ", Windows-1252 and
semicolons). A native template file is rewritten next to itself; loaded through its mapping it
gives the same records."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from ingest.mapping.model import (
    LIST_TYPES,
    ColumnRule,
    DateRule,
    Mapping,
    TemplateRule,
    dump_mapping,
)
from ingest.mapping.source_folder import MAPPING_SUFFIX
from ingest.templates import TEMPLATES, Column, Template
from values.text import LIST_SEPARATOR

LAYOUT_FILE = Path(__file__).with_name("spanish_layout.yaml")
ENCODINGS = ("cp1252", "utf-8-sig")  # Excel on Spanish Windows; UTF-8 when a name needs it
DELIMITER = ";"
LIST_SPLIT = "/"
YES, NO = "Sí", "No"
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


@cache
def layout() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(LAYOUT_FILE.read_text(encoding="utf-8"))
    return data


def _enum_values(column: Column) -> dict[str, str]:
    return dict(layout()["values"].get(column.enum or "", {}))


def own_value(column: Column, value: str) -> str:
    """A native cell as the source writes it."""
    if not value:
        return value
    if column.type in LIST_TYPES:
        return f" {LIST_SPLIT} ".join(own_value(_item(column), v)
                                      for v in value.split(LIST_SEPARATOR))
    if column.type == "date" and (found := _ISO_DATE.fullmatch(value)):
        year, month, day = found.groups()
        return f"{day}/{month}/{year}"
    if column.type == "boolean":
        return YES if value == "true" else NO if value == "false" else value
    if column.type == "decimal":
        return value.replace(".", ",")
    return _enum_values(column).get(value, value)


def _item(column: Column) -> Column:
    """The column of one item of a list column (its enumeration, no list)."""
    return replace(column, type="enum" if column.enum else "text")


def _rule(column: Column, header: str) -> ColumnRule:
    values: dict[str, str] = {}
    if column.type == "boolean":
        values = {YES: "true", NO: "false"}
    elif column.enum:
        values = {own: native for native, own in _enum_values(column).items()}
    return ColumnRule(column=header, values=values,
                      split=LIST_SPLIT if column.type in LIST_TYPES else None)


def _headers(template: Template, native: list[str]) -> list[str]:
    spec = layout()
    own = {**spec["templates"][template.name]["columns"], **spec["grading_columns"]}
    return [own[name] for name in native]


def _columns(template: Template, native: list[str]) -> list[Column]:
    grading = {c.name: c for c in TEMPLATES.grading_columns}
    return [template.column(n) if n in template.column_names else grading[n] for n in native]


def own_file_name(template: str) -> str:
    return str(layout()["templates"][template]["file"])


def _rows(native: Path) -> Iterator[list[str]]:
    with open(native, encoding="utf-8-sig", newline="") as handle:
        yield from csv.reader(handle)


def _write(path: Path, native: Path, columns: list[Column], headers: list[str],
           encoding: str) -> None:
    rows = _rows(native)
    next(rows)
    with open(path, "w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=DELIMITER, lineterminator="\r\n")
        writer.writerow(headers)
        for cells in rows:
            writer.writerow([own_value(c, v) for c, v in zip(columns, cells, strict=True)])


def rewrite_in_own_layout(native: Path) -> tuple[Path, Path]:
    """Rewrite the native template file ``native`` in the source's own layout, beside it, and
    write the mapping reading it (``<file>.mapping.yaml``); the native file is removed.
    Returns the new file and its mapping."""
    template = TEMPLATES.for_file(native)
    if template is None:
        raise ValueError(f"{native}: not a template file")
    names = [c.strip() for c in next(_rows(native))]
    columns = _columns(template, names)
    headers = _headers(template, names)
    path = native.with_name(own_file_name(template.name))
    encoding = ENCODINGS[0]
    try:
        _write(path, native, columns, headers, encoding)
    except UnicodeEncodeError:
        encoding = ENCODINGS[1]
        _write(path, native, columns, headers, encoding)
    mapping = Mapping(
        name=path.stem, files=[f"{path.stem}*{path.suffix}"], encoding=encoding,
        delimiter=DELIMITER,
        dates=DateRule(order="day_first"), decimal_comma=True,
        templates=[TemplateRule(template=template.name, columns={
            c.name: _rule(c, h) for c, h in zip(columns, headers, strict=True)})])
    mapping_path = path.with_name(path.stem + MAPPING_SUFFIX)
    mapping_path.write_text(f"# {path.name}, as the source exports it, read as the "
                            f"{template.name} template.\n" + dump_mapping(mapping),
                            encoding="utf-8")
    native.unlink()
    return path, mapping_path
