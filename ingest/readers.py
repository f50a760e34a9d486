"""Reading template files row by row, streamed: CSV (UTF-8, with or without BOM, LF or CRLF)
and XLSX (openpyxl read-only). Every row keeps its physical line number (header = line 1)."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import os
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from ingest.templates import TEMPLATES, Template, TemplateSet

CHUNK = 1 << 20
csv.field_size_limit(1 << 26)


class IngestUsageError(Exception):
    """Paths that cannot be ingested at all (missing, not a template): exit code 2."""


class UnreadableFileError(Exception):
    """A file that cannot be read (not UTF-8, not an xlsx workbook): nothing loads from it."""

    def __init__(self, line: int, value: str, reason: str) -> None:
        super().__init__(reason)
        self.line, self.value, self.reason = line, value, reason


@dataclass(frozen=True)
class TemplateFile:
    path: Path
    template: Template


def discover(paths: Sequence[Path], templates: TemplateSet = TEMPLATES) -> list[TemplateFile]:
    """The template files of ``paths`` (files, or folders read for every template file in
    them), in dependency order. Unknown names given explicitly are a usage error."""
    found: list[TemplateFile] = []
    for path in paths:
        if path.is_dir():
            in_dir = [TemplateFile(p, t) for p in sorted(path.iterdir())
                      if p.is_file() and (t := templates.for_file(p)) is not None]
            if not in_dir:
                raise IngestUsageError(
                    f"{path}: no template files in this folder; expected some of "
                    + ", ".join(templates.file_names()))
            found.extend(in_dir)
        elif path.is_file():
            template = templates.for_file(path)
            if template is None:
                raise IngestUsageError(
                    f"{path}: the file name does not name a template; rename it to one of "
                    + ", ".join(templates.file_names()))
            found.append(TemplateFile(path, template))
        else:
            raise IngestUsageError(f"{path}: no such file or folder")
    unreadable = [str(f.path) for f in found if not os.access(f.path, os.R_OK)]
    if unreadable:
        raise IngestUsageError(f"cannot read {', '.join(unreadable)}: check the permissions")
    unique = {f.path.resolve(): f for f in found}
    return sorted(unique.values(), key=lambda f: (f.template.order, str(f.path)))


def check_utf8(path: Path) -> int:
    """Scan a CSV once, in chunks: raise ``UnreadableFileError`` at the first byte that is not
    UTF-8 (so nothing of it is loaded), else return its number of physical lines."""
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    lines = 0
    last = b""
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                line = lines + chunk.count(b"\n", 0, max(exc.start, 0)) + 1
                bad = chunk[max(exc.start, 0):max(exc.start, 0) + 4]
                raise UnreadableFileError(
                    line, bad.hex(" "),
                    f"the file is not UTF-8 (byte {bad[:1].hex()} on line {line}); save it as "
                    "UTF-8 (e.g. 'CSV UTF-8' in Excel) and load it again; nothing was loaded "
                    "from this file",
                ) from None
            lines += chunk.count(b"\n")
            last = chunk[-1:]
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            raise UnreadableFileError(lines + 1, "", "the file ends inside a UTF-8 character; "
                                 "save it as UTF-8; nothing was loaded from this file") from None
    return lines + (1 if last and last != b"\n" else 0)


@contextmanager
def open_rows(path: Path) -> Iterator[Iterator[tuple[int, list[str]]]]:
    """(line, cells) of every non-empty row, the header first."""
    if path.suffix.lower() == ".xlsx":
        try:
            workbook = load_workbook(path, read_only=True, data_only=True)
        except (InvalidFileException, zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
            raise UnreadableFileError(1, "", f"not a readable .xlsx workbook ({exc})") from None
        try:
            yield _xlsx_rows(workbook.worksheets[0])
        finally:
            workbook.close()
    else:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            yield _csv_rows(handle)


def _csv_rows(handle: codecs.StreamReaderWriter | object) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(handle)  # type: ignore[arg-type]
    end = 0
    for cells in reader:
        start, end = end + 1, reader.line_num
        if any(c.strip() for c in cells):
            yield start, cells


def _xlsx_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _xlsx_rows(sheet: object) -> Iterator[tuple[int, list[str]]]:
    # read-only sheets fill missing rows with empty ones, so counting from 1 gives the row
    for line, row in enumerate(sheet.iter_rows(values_only=True), start=1):  # type: ignore[attr-defined]
        values = [_xlsx_cell(v) for v in row]
        if any(v.strip() for v in values):
            yield line, values


def xlsx_row_estimate(path: Path) -> int | None:
    """Rows of the first sheet from its recorded dimension (``None`` when not recorded)."""
    try:
        workbook = load_workbook(path, read_only=True)
    except (InvalidFileException, zipfile.BadZipFile, OSError, KeyError, ValueError):
        return None
    try:
        return workbook.worksheets[0].max_row
    finally:
        workbook.close()
