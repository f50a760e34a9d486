"""Reading every ingested file row by row, streamed: native templates and a source's own files
alike. CSV in any text encoding and dialect: the encoding (UTF-8 with or without BOM, UTF-16 as
Excel's "Unicode text", Windows-1252, ISO-8859-1, TIS-620, ...) and the delimiter (comma,
semicolon, tab, pipe) are detected (charset-normalizer, csv.Sniffer) unless given; XLSX through
openpyxl's read-only mode. Every row keeps its physical line number (header = line 1)."""

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
from typing import IO

from charset_normalizer import from_bytes
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from ingest.templates import TEMPLATES, Template, TemplateSet

CHUNK = 1 << 20
SAMPLE = 1 << 18
csv.field_size_limit(1 << 26)
Line = tuple[int, list[str]]

DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}
# The encodings of the region's sources, asked of charset-normalizer first (then every one it
# knows); among equally good readings the first of these wins (Spanish Windows writes cp1252,
# not cp1250; Thai writes cp874, the Windows form of TIS-620).
PREFERRED = ("cp1252", "latin_1", "iso8859_15", "cp874", "tis_620", "cp1258", "utf_16",
             "utf_16_le", "utf_16_be")
# Fallbacks tried, over the whole file, after the detected encoding.
FALLBACKS = ("cp1252", "latin-1")
ZIP_MAGIC = b"PK\x03\x04"


class IngestUsageError(Exception):
    """Paths that cannot be ingested at all (missing, not a template): exit code 2."""


class UnreadableFileError(Exception):
    """A file that cannot be read (its bytes are not text, not an xlsx workbook, an encoding
    given that does not read it): nothing loads from it."""

    def __init__(self, line: int, value: str, reason: str) -> None:
        super().__init__(reason)
        self.line, self.value, self.reason = line, value, reason


@dataclass(frozen=True)
class TemplateFile:
    path: Path
    template: Template


@dataclass(frozen=True)
class Dialect:
    """How a file is read: its encoding and delimiter (``None`` for a workbook), and its
    physical lines (a progress estimate; ``None`` when unknown)."""

    encoding: str | None
    delimiter: str | None
    lines: int | None

    def describe(self) -> str:
        """``cp1252, semicolon`` (``xlsx`` for a workbook), as the report shows it."""
        if self.encoding is None or self.delimiter is None:
            return "xlsx"
        return f"{self.encoding}, {DELIMITERS.get(self.delimiter, repr(self.delimiter))}"


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
                    + ", ".join(templates.file_names())
                    + " (a qualifier may follow: persons_th.csv), or load it through a mapping")
            found.append(TemplateFile(path, template))
        else:
            raise IngestUsageError(f"{path}: no such file or folder")
    unreadable = [str(f.path) for f in found if not os.access(f.path, os.R_OK)]
    if unreadable:
        raise IngestUsageError(f"cannot read {', '.join(unreadable)}: check the permissions")
    unique = {f.path.resolve(): f for f in found}
    return sorted(unique.values(), key=lambda f: (f.template.order, str(f.path)))


def is_workbook(path: Path) -> bool:
    return path.suffix.lower() == ".xlsx"


def canonical_encoding(name: str) -> str:
    """The codec's own name (``Windows-1252`` -> ``cp1252``); ``LookupError`` if unknown."""
    return codecs.lookup(name).name


def _scan(path: Path, encoding: str) -> int | tuple[int, int]:
    """Decode the whole file once, in chunks: its physical lines, or (line, byte offset) of
    the first bytes ``encoding`` cannot read."""
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    lines, offset, last = 0, 0, ""
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            try:
                text = decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                start = max(exc.start, 0)
                return lines + chunk.count(b"\n", 0, start) + 1, offset + start
            lines += text.count("\n")
            offset += len(chunk)
            last = text[-1:] or last
        try:
            last = decoder.decode(b"", final=True)[-1:] or last
        except UnicodeDecodeError:
            return lines + 1, offset
    return lines + (1 if last and last != "\n" else 0)


def _detected(sample: bytes) -> str | None:
    """charset-normalizer's reading of ``sample`` (``None``: not text in any encoding), the
    encodings of our sources first among equally good ones."""
    results = from_bytes(sample, cp_isolation=list(PREFERRED))
    best = results.best()
    if best is None:
        results = from_bytes(sample)
        best = results.best()
    if best is None:
        return None
    tied = {m.encoding for m in results
            if m.chaos <= best.chaos + 0.01 and m.coherence >= best.coherence - 0.01}
    return next((e for e in PREFERRED if e in tied), best.encoding)


def _sample(path: Path, at: int) -> bytes:
    """The file's start and the bytes from ``at`` (where UTF-8 failed), for the detector."""
    with open(path, "rb") as handle:
        head = handle.read(SAMPLE)
        if at <= len(head):
            return head
        handle.seek(max(at - 1024, 0))
        return head[:SAMPLE // 2] + b"\n" + handle.read(SAMPLE // 2)


def detect_encoding(path: Path) -> tuple[str, int]:
    """The file's encoding and its physical lines. Raises ``UnreadableFileError`` when its
    bytes are not text."""
    with open(path, "rb") as handle:
        head = handle.read(SAMPLE)
    if head.startswith(ZIP_MAGIC):
        raise UnreadableFileError(1, "", "this is a zip file (an .xlsx workbook?), not a CSV: "
                                  "give it the .xlsx suffix or save it as CSV; nothing was "
                                  "loaded from this file")
    candidates: list[str] = []
    if head.startswith(codecs.BOM_UTF8):
        candidates.append("utf-8-sig")
    elif head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates.append("utf-16")
    elif b"\x00" not in head:  # UTF-16 without BOM would pass as UTF-8 full of NULs
        found = _scan(path, "utf-8")
        if isinstance(found, int):
            return "utf-8", found
        head = _sample(path, found[1])
    if not candidates:
        detected = _detected(head)
        if detected is None:
            raise UnreadableFileError(
                1, "", "the file's bytes are not text in any encoding (a binary file, or a "
                "workbook saved under another name?); nothing was loaded from this file")
        candidates.append(detected)
        if b"\x00" not in head:
            candidates.extend(FALLBACKS)
    for encoding in dict.fromkeys(canonical_encoding(c) for c in candidates):
        found = _scan(path, encoding)
        if isinstance(found, int):
            return encoding, found
    line = found[0] if isinstance(found, tuple) else 1
    raise UnreadableFileError(line, "", f"no encoding reads the whole file (line {line}); "
                              "nothing was loaded from this file")


def detect_delimiter(path: Path, encoding: str) -> str:
    """The CSV delimiter: csv.Sniffer on the first lines, checked against the header (a
    sniffed character the header does not hold is a guess from the data)."""
    with open(path, encoding=encoding, errors="replace", newline="") as handle:
        text = handle.read(SAMPLE)
    lines = text.splitlines()[:20]
    header = lines[0] if lines else ""
    try:
        found = csv.Sniffer().sniff("\n".join(lines), delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        found = ""
    if found and found in header:
        return found
    counts = {d: header.count(d) for d in DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_as(path: Path, encoding: str | None = None, delimiter: str | None = None) -> Dialect:
    """How to read ``path``: ``encoding`` and ``delimiter`` when given (a mapping's keys or
    the command's options), else detected. Raises ``UnreadableFileError`` when the file
    cannot be read as text (or the given encoding does not read it)."""
    if is_workbook(path):
        rows = xlsx_row_estimate(path)
        return Dialect(None, None, rows)
    if encoding:
        try:
            encoding = canonical_encoding(encoding)
        except LookupError:
            raise UnreadableFileError(1, encoding, f"unknown encoding {encoding!r}; e.g. "
                                      "utf-8, cp1252, iso-8859-1, utf-16, tis-620") from None
        found = _scan(path, encoding)
        if not isinstance(found, int):
            raise UnreadableFileError(
                found[0], encoding, f"the file is not {encoding} (line {found[0]}): give "
                "another encoding, or none to have it detected; nothing was loaded from "
                "this file")
        lines = found
    else:
        encoding, lines = detect_encoding(path)
    return Dialect(encoding, delimiter or detect_delimiter(path, encoding), lines)


@contextmanager
def open_rows(path: Path, encoding: str | None = None,
              delimiter: str | None = None) -> Iterator[Iterator[Line]]:
    """(line, cells) of every non-empty row of a CSV or XLSX file, the header first; the
    encoding and delimiter detected unless both are given."""
    if is_workbook(path):
        try:
            workbook = load_workbook(path, read_only=True, data_only=True)
        except (InvalidFileException, zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
            raise UnreadableFileError(1, "", f"not a readable .xlsx workbook ({exc})") from None
        try:
            yield _xlsx_rows(workbook.worksheets[0])
        finally:
            workbook.close()
        return
    if encoding is None or delimiter is None:
        dialect = read_as(path, encoding, delimiter)
        encoding, delimiter = dialect.encoding, dialect.delimiter
    assert encoding is not None and delimiter is not None
    with open(path, encoding=encoding, newline="") as handle:
        yield _csv_rows(handle, encoding, delimiter)


def _csv_rows(handle: IO[str], encoding: str, delimiter: str) -> Iterator[Line]:
    reader = csv.reader(handle, delimiter=delimiter)
    end = 0
    try:
        for cells in reader:
            start, end = end + 1, reader.line_num
            if start == 1 and cells and cells[0].startswith("\ufeff"):
                cells[0] = cells[0][1:]  # a BOM the encoding did not take (given as utf-8)
            if any(c.strip() for c in cells):
                yield start, cells
    except UnicodeDecodeError:  # changed on disk since it was detected
        raise UnreadableFileError(end + 1, "", f"the file is not {encoding} after line {end}; "
                                  "nothing after that line was read") from None
    except csv.Error as exc:
        raise UnreadableFileError(end + 1, "", f"not a CSV file after line {end} ({exc}); "
                                  "nothing after that line was read") from None


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


def _xlsx_rows(sheet: object) -> Iterator[Line]:
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
