"""What an ingest run tells its caller: errors per cell, counts per file, progress events."""

from __future__ import annotations

import csv
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ERROR_COLUMNS = ("file", "line", "column", "value", "reason")


@dataclass(frozen=True)
class IngestError:
    """One broken cell (or a whole file: column empty, line 1 or the line of a bad byte)."""

    file: str
    line: int
    column: str
    value: str
    reason: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" + (f" column {self.column}" if self.column else "")
        return f"{where}: {self.reason}" + (f" (value {self.value!r})" if self.value else "")


@dataclass
class FileReport:
    path: str
    template: str
    rows_read: int = 0
    rows_loaded: int = 0
    rows_rejected: int = 0
    nodes_created: int = 0
    relationships_created: int = 0
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

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def rows_loaded(self) -> int:
        return sum(f.rows_loaded for f in self.files)

    @property
    def rows_rejected(self) -> int:
        return sum(f.rows_rejected for f in self.files)

    def write_errors_csv(self, path: Path | str) -> None:
        """The error report: one row per broken cell, columns file, line, column, value, reason."""
        with open(path, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(ERROR_COLUMNS)
            for err in self.errors:
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
        }
