"""Reading template files: encodings, line endings, physical line numbers, XLSX, folders."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ingest.readers import (
    IngestUsageError,
    UnreadableFileError,
    check_utf8,
    discover,
    open_rows,
)
from ingest.templates import TEMPLATES
from ingest.writers import format_cell

from .samples import SAMPLE, write_csv, write_sample, write_xlsx


def _rows(path: Path) -> list[tuple[int, list[str]]]:
    with open_rows(path) as rows:
        return list(rows)


@pytest.mark.parametrize("bom", [False, True])
@pytest.mark.parametrize("crlf", [False, True])
def test_csv_with_or_without_bom_lf_or_crlf_reads_the_same(tmp_path: Path, bom: bool,
                                                           crlf: bool) -> None:
    path = write_csv(tmp_path / "persons.csv", SAMPLE["persons"], bom=bom, crlf=crlf)
    rows = _rows(path)
    assert rows[0][1][0] == "person_id"  # no BOM left in the first column name
    assert [line for line, _ in rows] == [1, 2, 3, 4]
    assert rows[1][1][1] == "José Pérez"


def test_line_numbers_are_physical_lines(tmp_path: Path) -> None:
    path = tmp_path / "cases.csv"
    path.write_text('case_id,summary\nC-1,"two\nlines"\n\nC-2,x\n', encoding="utf-8")
    assert [(line, cells[0]) for line, cells in _rows(path)] == [
        (1, "case_id"), (2, "C-1"), (5, "C-2")]


def test_xlsx_reads_like_csv(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "persons.xlsx", SAMPLE["persons"])
    rows = _rows(path)
    assert rows[0][1][:2] == ["person_id", "full_name"]
    assert rows[1][0] == 2 and rows[1][1][1] == "José Pérez"
    assert rows[1][1][3] == "1985-05-01"


def test_not_utf8_is_found_before_anything_is_read(tmp_path: Path) -> None:
    path = tmp_path / "persons.csv"
    path.write_bytes("person_id,full_name\nP-1,Ana\nP-2,José\n".encode("cp1252"))
    with pytest.raises(UnreadableFileError) as info:
        check_utf8(path)
    assert info.value.line == 3
    assert "not UTF-8" in info.value.reason and "nothing was loaded" in info.value.reason
    assert check_utf8(write_csv(tmp_path / "cases.csv", SAMPLE["cases"])) == 2


def test_folder_is_read_in_dependency_order(tmp_path: Path) -> None:
    folder = write_sample(tmp_path / "in")
    (folder / "notes.txt").write_text("ignored", encoding="utf-8")
    found = [f.template.name for f in discover([folder])]
    assert found == list(TEMPLATES.templates)
    # explicit files are sorted the same way, whatever order they are given in
    files = [folder / "transactions.csv", folder / "accounts.csv", folder / "persons.csv"]
    assert [f.template.name for f in discover(files)] == ["persons", "accounts", "transactions"]


def test_unusable_paths_are_usage_errors(tmp_path: Path) -> None:
    (tmp_path / "people.csv").write_text("x\n", encoding="utf-8")
    with pytest.raises(IngestUsageError, match="rename it to one of .*persons.csv"):
        discover([tmp_path / "people.csv"])
    with pytest.raises(IngestUsageError, match="no such file"):
        discover([tmp_path / "missing.csv"])
    (tmp_path / "empty").mkdir()
    with pytest.raises(IngestUsageError, match="no template files"):
        discover([tmp_path / "empty"])


def test_a_broken_xlsx_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "persons.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(UnreadableFileError, match="not a readable .xlsx workbook"):
        _rows(path)


def test_writers_format_python_values_as_template_cells(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "cases.csv", [{
        "case_id": "C-1", "jurisdiction": "GT", "opened_on": dt.date(2024, 1, 15),
        "indicators": ["deception", "debt_bondage"], "title": None}])
    header, row = (cells for _, cells in _rows(path))
    values = dict(zip(header, row, strict=True))
    assert values["opened_on"] == "2024-01-15"
    assert values["indicators"] == "deception;debt_bondage" and values["title"] == ""
    assert format_cell(True) == "true" and format_cell(12.5) == "12.5"
