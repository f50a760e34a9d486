"""Reading a source's own file: its encoding and delimiter as the mapping says, else detected
(charset-normalizer, csv.Sniffer); XLSX through the template reader. Rows keep their physical
line numbers (header = line 1)."""

from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

from ingest.readers import UnreadableFileError, open_rows

SAMPLE = 1 << 18
DELIMITERS = ",;\t|"
Line = tuple[int, list[str]]
# Single-byte code pages of Latin scripts, which charset-normalizer cannot tell apart on a
# short sample.
_LATIN_CODEPAGE = re.compile(r"^(cp125[0-7]|cp8[5-6]\d|cp77\d|iso8859_(1[0345]?|16|[2-49])|latin_1"
                             r"|hp_roman8|mac_(roman|latin2|iceland))$")


@dataclass(frozen=True)
class Dialect:
    encoding: str
    delimiter: str


def _encoding(sample: bytes) -> str:
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        codecs.getincrementaldecoder("utf-8")("strict").decode(sample, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(sample).best()
    if best is None or (_LATIN_CODEPAGE.match(best.encoding) and _decodes(sample, "cp1252")):
        # a short Spanish or French sample reads as well in cp1250 or cp1257; Excel on
        # Windows in the Americas and western Europe writes cp1252
        return "cp1252"
    return best.encoding


def _decodes(sample: bytes, encoding: str) -> bool:
    try:
        sample.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def detect(path: Path, encoding: str | None = None, delimiter: str | None = None) -> Dialect:
    """The file's encoding and delimiter: the given ones, else guessed from its start."""
    with open(path, "rb") as handle:
        sample = handle.read(SAMPLE)
    enc = encoding or _encoding(sample)
    if delimiter:
        return Dialect(enc, delimiter)
    text = sample.decode(enc, errors="ignore")
    lines = "\n".join(text.splitlines()[:20])
    try:
        found = csv.Sniffer().sniff(lines, delimiters=DELIMITERS).delimiter
    except csv.Error:
        first = lines.partition("\n")[0]
        found = max(DELIMITERS, key=first.count) if any(d in first for d in DELIMITERS) else ","
    return Dialect(enc, found)


def _csv(path: Path, dialect: Dialect) -> Iterator[Line]:
    with open(path, encoding=dialect.encoding, newline="") as handle:
        reader = csv.reader(handle, delimiter=dialect.delimiter)
        end = 0
        try:
            for cells in reader:
                start, end = end + 1, reader.line_num
                if any(c.strip() for c in cells):
                    yield start, cells
        except UnicodeDecodeError:
            raise UnreadableFileError(
                end + 1, "", f"the file is not {dialect.encoding} after line {end}: set "
                "`encoding:` in the mapping (e.g. utf-8, cp1252, utf-16); nothing after that "
                "line was read") from None


@contextmanager
def source_rows(path: Path, encoding: str | None = None,
                delimiter: str | None = None) -> Iterator[Iterator[Line]]:
    """(line, cells) of every non-empty row of a CSV or XLSX file, the header first."""
    if path.suffix.lower() == ".xlsx":
        with open_rows(path) as rows:
            yield rows
        return
    yield _csv(path, detect(path, encoding, delimiter))


def line_count(path: Path) -> int | None:
    """Physical lines of a CSV (a progress estimate); ``None`` for a workbook."""
    if path.suffix.lower() == ".xlsx":
        return None
    lines, last = 0, b""
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            lines += chunk.count(b"\n")
            last = chunk[-1:]
    return lines + (1 if last and last != b"\n" else 0)
