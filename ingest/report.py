"""What an ingest run tells its caller: errors and warnings per cell, counts per file,
progress events.

An *error* costs a row (a missing or bad key, a required value, a broken reference, a row the
database refused) or a whole file (no header, unreadable bytes, a required column missing). A
*warning* costs one value only: an invalid optional value is dropped, the row loads without
it, and the warning says what was kept."""

from __future__ import annotations

import csv
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ERROR = "error"
WARNING = "warning"
ERROR_COLUMNS = ("severity", "file", "line", "column", "value", "reason", "kept")


@dataclass(frozen=True)
class IngestError:
    """One broken cell (or a whole file: column empty, line 1 or the line of a bad byte).
    ``severity`` is ``error`` (the row or file is not loaded) or ``warning`` (the value is
    dropped and ``kept`` says what loaded instead)."""

    file: str
    line: int
    column: str
    value: str
    reason: str
    severity: str = ERROR
    kept: str = ""

    @property
    def is_warning(self) -> bool:
        return self.severity == WARNING

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" + (f" column {self.column}" if self.column else "")
        text = f"{where}: {self.severity}: {self.reason}"
        text += f" (value {self.value!r})" if self.value else ""
        return text + (f"; {self.kept}" if self.kept else "")


def warning(file: str, line: int, column: str, value: str, reason: str,
            kept: str) -> IngestError:
    """An optional value dropped; ``kept``: what loaded (``the row, without gender``)."""
    return IngestError(file, line, column, value, reason, WARNING, kept)


@dataclass
class FileReport:
    path: str
    template: str
    rows_read: int = 0
    rows_loaded: int = 0
    rows_rejected: int = 0
    nodes_created: int = 0
    relationships_created: int = 0
    warnings: int = 0
    read_as: str = ""  # encoding and delimiter (``cp1252, semicolon``) or ``xlsx``
    refused: bool = False


@dataclass(frozen=True)
class ProgressEvent:
    """Sent after each batch and when a file starts and ends; ``rows_total`` is an estimate
    (physical lines) or ``None`` when unknown."""

    file: str
    template: str
    rows_read: int
    rows_total: int | None
    done: bool = False
    phase: str = "load"  # "check" during the validation pass of --strict


@dataclass
class IngestReport:
    batch_id: str
    source_id: str
    strict: bool = False
    files: list[FileReport] = field(default_factory=list)
    errors: list[IngestError] = field(default_factory=list)
    warnings: list[IngestError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """No error (warnings cost values, not rows)."""
        return not self.errors

    def add(self, problems: list[IngestError]) -> None:
        """File each problem as an error or a warning."""
        for problem in problems:
            (self.warnings if problem.is_warning else self.errors).append(problem)

    @property
    def problems(self) -> list[IngestError]:
        """Errors and warnings in the order of the files (as loaded) and lines."""
        order = {f.path: i for i, f in enumerate(self.files)}
        return sorted([*self.errors, *self.warnings],
                      key=lambda p: (order.get(p.file, len(order)), p.line))

    @property
    def rows_loaded(self) -> int:
        return sum(f.rows_loaded for f in self.files)

    @property
    def rows_rejected(self) -> int:
        return sum(f.rows_rejected for f in self.files)

    def write_errors_csv(self, path: Path | str) -> None:
        """The error report: one row per broken cell, errors and warnings told apart by the
        severity column; columns severity, file, line, column, value, reason, kept."""
        with open(path, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(ERROR_COLUMNS)
            for err in self.problems:
                writer.writerow([getattr(err, c) for c in ERROR_COLUMNS])

    def to_dict(self) -> dict[str, Any]:
        return {
            "batch_id": self.batch_id,
            "source": self.source_id,
            "strict": self.strict,
            "ok": self.ok,
            "rows_loaded": self.rows_loaded,
            "rows_rejected": self.rows_rejected,
            "files": [asdict(f) for f in self.files],
            "errors": [asdict(e) for e in self.errors],
            "warnings": [asdict(w) for w in self.warnings],
        }
